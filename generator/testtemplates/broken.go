// Package testtemplates holds framework templates that are wrong on purpose,
// for tests: generator's unit tests load them from memory, and the
// reliability tests write them to disk and run scaffold on them. Nothing
// here is linked into scaffold.
package testtemplates

import (
	"fmt"
	"os"
	"path/filepath"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/render"
)

// BrokenTemplate is a framework directory with one thing wrong, and the
// name the error must mention (the offending file, var or manifest).
type BrokenTemplate struct {
	Label    string
	Manifest string            // appended to a valid manifest head
	Files    map[string]string // under files/
	Options  map[string]string // the request's options
	Want     string            // the error must contain this
}

const brokenManifestHead = `name: broken
title: Broken
description: a template with one thing wrong
version: "1"
template_version: 1
golden:
  - name: default
`

// Broken lists the broken templates: one per way a template can be wrong.
func Broken() []BrokenTemplate {
	ok := map[string]string{"ok.txt": "fine\n"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{"ok.txt": "fine\n"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	cases := []BrokenTemplate{
		{Label: "dest-escapes", Manifest: "files:\n  - match: x.txt\n    dest: ../evil.txt\n", Files: with(map[string]string{"x.txt": "x"}), Want: "x.txt"},
		{Label: "dest-escapes-deep", Manifest: "files:\n  - match: x.txt\n    dest: a/../../../evil.txt\n", Files: with(map[string]string{"x.txt": "x"}), Want: "x.txt"},
		{Label: "dest-absolute", Manifest: "files:\n  - match: x.txt\n    dest: /tmp/evil.txt\n", Files: with(map[string]string{"x.txt": "x"}), Want: "x.txt"},
		{Label: "dest-dot", Manifest: "files:\n  - match: x.txt\n    dest: .\n", Files: with(map[string]string{"x.txt": "x"}), Want: "x.txt"},
		{Label: "dest-backslash", Manifest: "files:\n  - match: x.txt\n    dest: '..\\evil.txt'\n", Files: with(map[string]string{"x.txt": "x"}), Want: "x.txt"},
		{Label: "dest-from-option", Manifest: "options:\n  - key: where\n    kind: string\n    default: sub\n    prompt: Where?\n    help: where x goes\nfiles:\n  - match: x.txt\n    dest: '{{.Options.where}}/x.txt'\n",
			Files: with(map[string]string{"x.txt": "x"}), Options: map[string]string{"where": "../.."}, Want: "x.txt"},
		{Label: "dest-render-error", Manifest: "files:\n  - match: x.txt\n    dest: '{{.Options.nosuch}}'\n", Files: with(map[string]string{"x.txt": "x"}), Want: "x.txt"},
		{Label: "path-element-dotdot", Files: with(map[string]string{`{{".."}}/x.txt`: "x"}), Want: `{{".."}}/x.txt`},
		{Label: "path-element-absolute", Files: with(map[string]string{`{{printf "%cetc" 47}}/x.txt`: "x"}), Want: `{{printf "%cetc" 47}}/x.txt`},
		{Label: "path-element-empty", Files: with(map[string]string{`a/{{""}}/x.txt`: "x"}), Want: `a/{{""}}/x.txt`},
		// An element may render to several ("a/b" for a Java package); then
		// every one is checked. (A source name cannot hold '/' itself.)
		{Label: "path-element-renders-dotdots", Files: with(map[string]string{`{{printf "a%c..%c.." 47 47}}/x.txt`: "x"}), Want: `{{printf "a%c..%c.." 47 47}}/x.txt`},
		{Label: "path-element-fails", Files: with(map[string]string{`{{fail "no"}}.txt`: "x"}), Want: `{{fail "no"}}.txt`},
		{Label: "render-missing-key", Files: with(map[string]string{"bad.txt.tmpl": "{{.Options.nosuch}}"}), Want: "bad.txt.tmpl"},
		{Label: "render-fail", Files: with(map[string]string{"bad.txt.tmpl": `{{fail "the template gave up"}}`}), Want: "bad.txt.tmpl"},
		{Label: "render-panic", Files: with(map[string]string{"bad.txt.tmpl": `{{div 1 0}}`}), Want: "bad.txt.tmpl"},
		{Label: "render-unknown-template", Files: with(map[string]string{"bad.txt.tmpl": `{{template "nope"}}`}), Want: "bad.txt.tmpl"},
		{Label: "render-syntax", Files: with(map[string]string{"bad.txt.tmpl": `{{ .Name `}), Want: "bad.txt.tmpl"},
		{Label: "render-deep-recursion", Files: with(map[string]string{"bad.txt.tmpl": `{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}`}), Want: "bad.txt.tmpl"},
		{Label: "when-error", Manifest: "files:\n  - match: x.txt\n    when: .Options.nosuch\n", Files: with(map[string]string{"x.txt": "x"}), Want: "x.txt"},
		{Label: "var-fails", Manifest: "vars:\n  boom: '{{fail \"no\"}}'\n", Files: ok, Want: `var "boom"`},
		{Label: "duplicate-destination", Manifest: "files:\n  - match: b.txt\n    dest: a.txt\n", Files: with(map[string]string{"a.txt": "a", "b.txt": "b"}), Want: "a.txt"},
		{Label: "writes-answers-file", Files: with(map[string]string{".scaffold.yaml": "mine"}), Want: ".scaffold.yaml"},
		{Label: "manifest-unknown-key", Manifest: "no_such_key: 1\n", Files: ok, Want: "manifest.yaml"},
		{Label: "manifest-bad-option", Manifest: "options:\n  - key: force\n    kind: bool\n    prompt: p\n    help: h\n", Files: ok, Want: "manifest.yaml"},
	}
	for _, fn := range render.BannedFuncs() {
		cases = append(cases, BrokenTemplate{
			Label: "removed-func-" + fn,
			Files: with(map[string]string{"bad.txt.tmpl": fmt.Sprintf("{{ %s }}", fn)}),
			Want:  "bad.txt.tmpl",
		})
	}
	return cases
}

// FS lays the template out as a templates directory.
func (b BrokenTemplate) FS() fstest.MapFS {
	fsys := fstest.MapFS{"broken/manifest.yaml": {Data: []byte(brokenManifestHead + b.Manifest)}}
	for name, content := range b.Files {
		fsys["broken/files/"+name] = &fstest.MapFile{Data: []byte(content), Mode: 0o644}
	}
	return fsys
}

// WriteTo lays the template out on disk under dir (dir/broken/...), as a
// templates directory for scaffold --templates.
func (b BrokenTemplate) WriteTo(dir string) error {
	for name, f := range b.FS() {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
