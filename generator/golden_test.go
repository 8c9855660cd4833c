package generator_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/author"
	"github.com/scaffold-cli/scaffold/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden (make golden)")

// goldenDir holds one txtar per framework × golden case.
const goldenDir = "../testdata/golden"

// TestGolden renders every golden case of every manifest and compares it,
// byte for byte and mode for mode, with testdata/golden/<framework>/<case>.txtar.
func TestGolden(t *testing.T) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	expected := map[string]bool{}
	for _, m := range catalog.Manifests() {
		for _, gc := range m.Golden {
			file := filepath.Join(goldenDir, m.Name, gc.Name+".txtar")
			expected[file] = true
			t.Run(m.Name+"/"+gc.Name, func(t *testing.T) {
				// The same rendering and archive as a custom template's
				// golden files (package author).
				files, err := author.RenderCase(m, gc)
				if err != nil {
					t.Fatal(err)
				}
				got := author.Encode(author.Command(m, gc), files)
				if !author.RoundTrips(got, files) {
					t.Fatalf("a generated file contains a txtar separator line (-- name --); the golden archive would not round-trip")
				}
				if *update {
					if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(file, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("no golden file %s; run \"make golden\" and review it", file)
				}
				if !bytes.Equal(want, got) {
					t.Errorf("%s differs from the generated output; if the change is intended, run \"make golden\" and review the diff\n%s", file, author.Diff(want, got))
				}
			})
		}
	}
	// A golden file whose case left the manifest is stale.
	stale, _ := filepath.Glob(filepath.Join(goldenDir, "*", "*.txtar"))
	for _, f := range stale {
		if !expected[f] {
			if *update {
				os.Remove(f)
				continue
			}
			t.Errorf("%s has no golden case in its manifest; run \"make golden\" to remove it", f)
		}
	}
}
