package generator_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/testtemplates"
)

// TestBrokenTemplates loads each broken template and generates it: the
// error must name the offending file (or var, or manifest), and come from
// loading or from Generate — which works in memory, so nothing can have been
// written. ParseTemplates, the load-time check the test suite runs on every
// built-in framework, must catch every syntax error and removed function.
func TestBrokenTemplates(t *testing.T) {
	for _, b := range testtemplates.Broken() {
		t.Run(b.Label, func(t *testing.T) {
			fsys := b.FS()
			err := generateBroken(fsys, b.Options)
			if err == nil {
				t.Fatalf("the broken template generated without an error")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), b.Want) {
				t.Errorf("the error does not name %q: %v", b.Want, err)
			}
			if strings.HasPrefix(b.Label, "removed-func-") || b.Label == "render-syntax" {
				m, lerr := generator.LoadManifest(fsys, "broken")
				if lerr != nil {
					t.Fatal(lerr)
				}
				if perr := generator.ParseTemplates(m); perr == nil || !strings.Contains(perr.Error(), b.Want) {
					t.Errorf("ParseTemplates = %v; want an error naming %s", perr, b.Want)
				}
			}
		})
	}
}

// generateBroken runs the pipeline the CLI runs, up to (not including) Write.
func generateBroken(fsys fs.FS, options map[string]string) error {
	catalog, err := generator.LoadCatalog(fsys)
	if err != nil {
		return err
	}
	m, err := catalog.Lookup("broken")
	if err != nil {
		return err
	}
	p, err := generator.Resolve(m, generator.Request{Name: "demo", Options: options}, generator.SeededRandom("broken"))
	if err != nil {
		return err
	}
	files, err := generator.Generate(p)
	if err == nil && len(files) > 0 {
		return nil
	}
	return err
}
