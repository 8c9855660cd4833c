package generator_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden (make golden)")

// goldenDir holds one txtar per framework × golden case.
const goldenDir = "../testdata/golden"

// GoldenSeed seeds every golden case's secrets, so they are stable.
const goldenSeed = "golden"

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
				files := generateGolden(t, m, gc)
				got := encodeGolden(goldenCommand(m, gc), files)
				if back := txtar.Parse(got); len(back.Files) != len(files) {
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
					t.Errorf("%s differs from the generated output; if the change is intended, run \"make golden\" and review the diff\n%s", file, diffGolden(want, got))
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

func generateGolden(t *testing.T, m *generator.Manifest, gc generator.GoldenCase) []generator.File {
	t.Helper()
	opts := map[string]string{}
	for k, v := range gc.Options {
		opts[k] = generator.FormatOptionValue(v)
	}
	p, err := generator.Resolve(m, generator.Request{Name: gc.ProjectName(), Options: opts}, generator.SeededRandom(goldenSeed))
	if err != nil {
		t.Fatalf("resolve: %v", err)
	}
	files, err := generator.Generate(p)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return files
}

// goldenCommand is the command that reproduces a case, shown in its file.
func goldenCommand(m *generator.Manifest, gc generator.GoldenCase) string {
	args := []string{"scaffold new", gc.ProjectName(), "--framework=" + m.Name}
	keys := make([]string, 0, len(gc.Options))
	for k := range gc.Options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		args = append(args, fmt.Sprintf("--%s=%s", k, generator.FormatOptionValue(gc.Options[k])))
	}
	return strings.Join(append(args, "--seed="+goldenSeed), " ")
}

// encodeGolden writes files as a txtar archive. The comment records the
// command, the modes other than 0644, and files without a final newline
// (txtar would add one), so the archive is a lossless record.
func encodeGolden(command string, files []generator.File) []byte {
	var comment strings.Builder
	fmt.Fprintf(&comment, "%s\n", command)
	for _, f := range files {
		if f.Mode.Perm() != 0o644 {
			fmt.Fprintf(&comment, "mode %04o %s\n", f.Mode.Perm(), f.Path)
		}
		if len(f.Data) > 0 && !bytes.HasSuffix(f.Data, []byte("\n")) {
			fmt.Fprintf(&comment, "no-final-newline %s\n", f.Path)
		}
	}
	a := &txtar.Archive{Comment: []byte(comment.String())}
	for _, f := range files {
		a.Files = append(a.Files, txtar.File{Name: f.Path, Data: f.Data})
	}
	return txtar.Format(a)
}

// diffGolden reports missing, unexpected and changed files, each changed file
// with its own diff, so a reviewer sees exactly what moved.
func diffGolden(want, got []byte) string {
	w, g := txtar.Parse(want), txtar.Parse(got)
	var b strings.Builder
	if d := cmp.Diff(string(w.Comment), string(g.Comment)); d != "" {
		fmt.Fprintf(&b, "header (command, modes) (-want +got):\n%s\n", d)
	}
	wm, gm := map[string]string{}, map[string]string{}
	for _, f := range w.Files {
		wm[f.Name] = string(f.Data)
	}
	for _, f := range g.Files {
		gm[f.Name] = string(f.Data)
	}
	var names []string
	for n := range wm {
		names = append(names, n)
	}
	for n := range gm {
		if _, ok := wm[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		wd, inWant := wm[n]
		gd, inGot := gm[n]
		switch {
		case !inGot:
			fmt.Fprintf(&b, "missing file: %s\n", n)
		case !inWant:
			fmt.Fprintf(&b, "unexpected file: %s\n", n)
		case wd != gd:
			fmt.Fprintf(&b, "changed file: %s (-want +got):\n%s\n", n, cmp.Diff(strings.SplitAfter(wd, "\n"), strings.SplitAfter(gd, "\n")))
		}
	}
	if b.Len() == 0 {
		b.WriteString("(the archives differ only in layout: a file may contain a txtar separator line)")
	}
	return b.String()
}
