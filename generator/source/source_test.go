package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func testTree() fstest.MapFS {
	return fstest.MapFS{
		"web/manifest.yaml":        {Data: []byte("name: web\n")},
		"web/files/src/app.js":     {Data: []byte("own app")},
		"web/files/README.md.tmpl": {Data: []byte("# {{.Name}}")},
		"_shared/tools/src/db.js":  {Data: []byte("shared db")},
		"_shared/tools/.gitignore": {Data: []byte("node_modules/")},
		"_shared/manifest.yaml":    {Data: []byte("not a framework")},
		"notes/README.md":          {Data: []byte("no manifest, not a framework")},
		"bare/manifest.yaml":       {Data: []byte("name: bare\n")},
		"top.txt":                  {Data: []byte("a file, not a framework")},
	}
}

func TestFrameworks(t *testing.T) {
	got, err := Frameworks(testTree())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"bare", "web"}; !slices.Equal(got, want) {
		t.Errorf("Frameworks = %v, want %v", got, want)
	}
}

func TestManifestAndFiles(t *testing.T) {
	tree := testTree()
	if data, err := Manifest(tree, "web"); err != nil || string(data) != "name: web\n" {
		t.Errorf("Manifest(web) = %q, %v", data, err)
	}
	if _, err := Manifest(tree, "nope"); err == nil || !strings.Contains(err.Error(), `framework "nope"`) {
		t.Errorf("Manifest(nope) = %v, want an error naming the framework", err)
	}
	files, err := Files(tree, "web", []string{"tools"})
	if err != nil {
		t.Fatal(err)
	}
	var walked []string
	if err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			walked = append(walked, p)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(walked, " "), ".gitignore README.md.tmpl src/app.js src/db.js"; got != want {
		t.Errorf("walked %q, want %q", got, want)
	}
	if _, err := Files(tree, "bare", nil); err == nil || !strings.Contains(err.Error(), "no files/ directory") {
		t.Errorf("Files(bare) = %v, want a missing files/ error", err)
	}
	if _, err := Files(tree, "web", []string{"nope"}); err == nil || !strings.Contains(err.Error(), "no directory _shared/nope/") {
		t.Errorf("Files(web, nope) = %v, want a missing shared layer error", err)
	}
}

func TestDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "web", "files"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "web", ManifestFile), []byte("name: web\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tree, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Frameworks(tree); err != nil || !slices.Equal(got, []string{"web"}) {
		t.Errorf("Frameworks(Dir) = %v, %v", got, err)
	}
	if _, err := Dir(filepath.Join(dir, "missing")); err == nil {
		t.Error("Dir(missing) succeeded")
	}
	if _, err := Dir(filepath.Join(dir, "web", ManifestFile)); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Dir(file) = %v, want not a directory", err)
	}
}

func TestEmbeddedHoldsFrameworks(t *testing.T) {
	got, err := Frameworks(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) < 8 {
		t.Errorf("the embedded tree holds %v; want every built-in framework", got)
	}
}
