package generator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/author"
	"github.com/scaffold-cli/scaffold/generator/render"
	"github.com/scaffold-cli/scaffold/generator/source"
	"github.com/scaffold-cli/scaffold/generator/testtemplates"
	"github.com/scaffold-cli/scaffold/templates"
)

// lowerBounds sets every bound of a custom template to its value divided by
// by, for the length of the test.
func lowerBounds(t *testing.T, by int) {
	files, size := source.MaxTemplateFiles, source.MaxTemplateFileSize
	rendered, took, depth := render.MaxRenderedSize, render.MaxRenderTime, render.MaxTemplateDepth
	t.Cleanup(func() {
		source.MaxTemplateFiles, source.MaxTemplateFileSize = files, size
		render.MaxRenderedSize, render.MaxRenderTime, render.MaxTemplateDepth = rendered, took, depth
	})
	source.MaxTemplateFiles /= by
	source.MaxTemplateFileSize /= int64(by)
	render.MaxRenderedSize /= by
	render.MaxRenderTime /= time.Duration(by)
	render.MaxTemplateDepth /= by
}

// The built-in frameworks keep a margin of ten below every bound: each
// loads as a custom template from its directory, and renders every golden
// case, with the bounds lowered tenfold.
func TestBuiltInTemplatesWithinBounds(t *testing.T) {
	lowerBounds(t, 10)
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range catalog.Names() {
		dir := filepath.Join("..", "templates", name)
		if err := source.CheckTemplateDir(dir); err != nil {
			t.Errorf("%s within a tenth of the bounds of files: %v", name, err)
		}
		m, err := catalog.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := generator.ParseTemplates(m); err != nil {
			t.Errorf("%s within a tenth of the depth bound: %v", name, err)
		}
		for _, gc := range m.Golden {
			if _, err := author.RenderCase(m, gc); err != nil {
				t.Errorf("%s/%s within a tenth of the bounds of rendering: %v", name, gc.Name, err)
			}
		}
	}
}

// Each template over a bound fails to load or to generate with an error
// naming its file and the limit, before anything could be written. The
// bounds are lowered a thousandfold (the time to 50 ms) so the fixtures stay
// small and fast.
func TestTemplatesOverBounds(t *testing.T) {
	lowerBounds(t, 1000)
	render.MaxTemplateDepth = 5 // a tenth: a thousandth would be none
	// 5 ms would fail other cases on a busy machine before their own bound.
	render.MaxRenderTime = 50 * time.Millisecond
	// A template that runs over is abandoned, not stopped: in this process
	// the fixtures' endless loops would spin on through every later test,
	// so these loop long enough to run over, then end.
	const finite = `{{range until 5000}}{{range until 5000}}{{end}}{{end}}`
	for _, b := range testtemplates.OverBounds() {
		switch b.Label {
		case "renders-too-long":
			b.Files = map[string]string{"slow.txt.tmpl": finite}
		case "var-renders-too-long":
			b.Manifest = "vars:\n  slow: '" + finite + "'\n"
		}
		t.Run(b.Label, func(t *testing.T) {
			dir := t.TempDir()
			if err := b.WriteTo(dir); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			err := generateFromDir(filepath.Join(dir, "broken"))
			if err == nil {
				t.Fatal("the template generated without an error")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), b.Want) {
				t.Errorf("the error does not say %q: %v", b.Want, err)
			}
			if d := time.Since(start); d > 10*render.MaxRenderTime+time.Second {
				t.Errorf("refusing it took %s", d)
			}
		})
	}
}

// A template's files/ or history/ that is a symbolic link is refused:
// walking it would read whatever it points to.
func TestTemplateRootLinksRefused(t *testing.T) {
	for _, root := range []string{"files", "history"} {
		t.Run(root, func(t *testing.T) {
			dir := t.TempDir()
			valid := testtemplates.BrokenTemplate{Files: map[string]string{"ok.txt": "fine\n"}}
			if err := valid.WriteTo(dir); err != nil {
				t.Fatal(err)
			}
			tpl := filepath.Join(dir, "broken")
			outside := t.TempDir()
			if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(filepath.Join(tpl, root)); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(tpl, root)); err != nil {
				t.Fatal(err)
			}
			err := generateFromDir(tpl)
			if err == nil || !strings.Contains(err.Error(), filepath.ToSlash(filepath.Join(tpl, root))+" is a symbolic link") {
				t.Errorf("a %s/ linked out of the template: %v", root, err)
			}
		})
	}
}

// generateFromDir runs what `scaffold new --template DIR` runs, up to
// (not including) Write.
func generateFromDir(dir string) error {
	m, err := generator.LoadTemplateDir(dir)
	if err != nil {
		return err
	}
	p, err := generator.Resolve(m, generator.Request{Name: "demo"}, generator.SeededRandom("bounds"))
	if err != nil {
		return err
	}
	_, err = generator.Generate(p)
	return err
}
