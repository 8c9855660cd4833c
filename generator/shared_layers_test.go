package generator

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/source"
)

func TestSharedLayers(t *testing.T) {
	const manifest = `name: web
title: Web
description: a test framework
language: JavaScript
version: "1"
template_version: 1
shared: [tools]
golden: [{name: default}]
`
	fsys := fstest.MapFS{
		"web/manifest.yaml":              {Data: []byte(manifest)},
		"web/files/src/app.js":           {Data: []byte("own app")},
		"web/files/README.md.tmpl":       {Data: []byte("# {{.Name}}")},
		"_shared/tools/src/db.js":        {Data: []byte("shared db")},
		"_shared/tools/.gitignore":       {Data: []byte("node_modules/")},
		"_shared/tools/eslint.config.js": {Data: []byte("shared lint")},
		"_shared/other/x":                {Data: []byte("not used")},
	}
	catalog, err := LoadCatalog(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := catalog.Names(); len(got) != 1 || got[0] != "web" {
		t.Fatalf("frameworks = %v, want [web]: %s/ is not a framework", got, source.SharedDir)
	}
	m, _ := catalog.Lookup("web")

	var walked []string
	err = fs.WalkDir(m.FilesFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			walked = append(walked, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := ".gitignore README.md.tmpl eslint.config.js src/app.js src/db.js"
	if got := strings.Join(walked, " "); got != want {
		t.Fatalf("walked %q, want %q", got, want)
	}
	if b, _ := fs.ReadFile(m.FilesFS(), "src/db.js"); string(b) != "shared db" {
		t.Errorf("src/db.js = %q, want the shared file", b)
	}

	p, err := Resolve(m, Request{Name: "demo"}, SeededRandom("t"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if got := strings.Join(paths, " "); got != ".gitignore .scaffold.yaml README.md eslint.config.js src/app.js src/db.js" {
		t.Errorf("generated %q", got)
	}
}

func TestSharedLayersRefuseTwoSources(t *testing.T) {
	fsys := fstest.MapFS{
		"web/manifest.yaml":       {Data: []byte("name: web\ntitle: W\ndescription: d\nlanguage: JS\nversion: \"1\"\ntemplate_version: 1\nshared: [tools]\ngolden: [{name: default}]\n")},
		"web/files/src/db.js":     {Data: []byte("own")},
		"_shared/tools/src/db.js": {Data: []byte("shared")},
	}
	catalog, err := LoadCatalog(fsys)
	if err != nil {
		t.Fatal(err)
	}
	m, _ := catalog.Lookup("web")
	p, err := Resolve(m, Request{Name: "demo"}, SeededRandom("t"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Generate(p)
	if err == nil || !strings.Contains(err.Error(), "src/db.js is in both web/files and _shared/tools") {
		t.Fatalf("Generate: %v, want an error naming both sources", err)
	}
}

func TestSharedLayerMissing(t *testing.T) {
	fsys := fstest.MapFS{
		"web/manifest.yaml": {Data: []byte("name: web\ntitle: W\ndescription: d\nlanguage: JS\nversion: \"1\"\ntemplate_version: 1\nshared: [nope]\ngolden: [{name: default}]\n")},
		"web/files/x":       {Data: []byte("x")},
	}
	if _, err := LoadCatalog(fsys); err == nil || !strings.Contains(err.Error(), "no directory _shared/nope/") {
		t.Fatalf("LoadCatalog: %v, want a missing shared directory error", err)
	}
}
