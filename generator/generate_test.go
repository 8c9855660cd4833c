package generator

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/templates"
)

// toyManifest exercises every feature of the format on a tiny tree.
const toyManifest = `
name: toy
title: Toy
description: a framework for tests
language: Text
version: "1.0"
template_version: 3
names: [go-package]
versions: {toy: "1.0.0"}
options:
  - {key: flavour, kind: choice, choices: [plain, fancy], default: plain, prompt: Flavour, help: which flavour}
  - {key: extras, kind: bool, default: "false", prompt: "Extras?", help: adds extras}
  - {key: owner, kind: string, default: "{{.Name}}-team", prompt: Owner, help: who owns it}
  - {key: garnish, kind: bool, default: "true", prompt: "Garnish?", help: only for fancy, when: 'eq .Options.flavour "fancy"'}
secrets:
  - {key: token, length: 16, encoding: hex}
  - {key: word, length: 12, encoding: django}
vars:
  shout: '{{ upper .Name }}'
  shout_twice: '{{ .Vars.shout }}{{ .Vars.shout }}'
files:
  - {match: "extras/**", when: .Options.extras}
  - {match: "run.sh", mode: "0755"}
  - {match: "dot-gitignore", dest: ".gitignore"}
golden:
  - name: default
next_steps: |
  cd {{.Dir}}
`

func toyFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"toy/manifest.yaml": {Data: []byte(toyManifest)}}
	for p, data := range files {
		fsys["toy/files/"+p] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

var toyFiles = map[string]string{
	"README.md.tmpl":             "# {{.Name}} by {{.Options.owner}} ({{.Framework.Title}} {{.Versions.toy}}) {{.Vars.shout_twice}}\n",
	"raw.html":                   "<p>{{ not rendered }}</p>\n",
	"run.sh":                     "#!/bin/sh\n",
	"dot-gitignore":              "bin/\n",
	"cmd/{{.Name}}/main.go.tmpl": "package main // {{.Names.go_command}}\n",
	"extras/x.txt":               "extra\n",
	"secret.txt.tmpl":            "{{.Secrets.token}} {{.Secrets.word}}\n",
}

func toyProject(t *testing.T, name string, opts map[string]string, seed string) *Project {
	t.Helper()
	c, err := LoadCatalog(toyFS(toyFiles))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := c.Lookup("toy")
	p, err := Resolve(m, Request{Name: name, Options: opts}, SeededRandom(seed))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func filesByPath(files []File) map[string]File {
	out := map[string]File{}
	for _, f := range files {
		out[f.Path] = f
	}
	return out
}

func TestGenerateAppliesTheFormat(t *testing.T) {
	p := toyProject(t, "demo", nil, "s")
	files, err := Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	got := filesByPath(files)
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	want := ".gitignore .scaffold.yaml README.md cmd/demo/main.go raw.html run.sh secret.txt"
	if strings.Join(paths, " ") != want {
		t.Errorf("paths = %v, want %s (sorted; extras/ excluded; .tmpl dropped; dest applied)", paths, want)
	}
	if s := string(got["README.md"].Data); s != "# demo by demo-team (Toy 1.0.0) DEMODEMO\n" {
		t.Errorf("README.md = %q", s)
	}
	if s := string(got["raw.html"].Data); s != toyFiles["raw.html"] {
		t.Errorf("raw.html was not copied verbatim: %q", s)
	}
	if s := string(got["cmd/demo/main.go"].Data); s != "package main // demo\n" {
		t.Errorf("main.go = %q", s)
	}
	if m := got["run.sh"].Mode; m != 0o755 {
		t.Errorf("run.sh mode = %o, want 755", m)
	}
	if m := got["README.md"].Mode; m != 0o644 {
		t.Errorf("README.md mode = %o, want 644", m)
	}
}

func TestGenerateConditionsAndWhenOptions(t *testing.T) {
	p := toyProject(t, "demo", map[string]string{"extras": "yes", "flavour": "fancy"}, "s")
	files, err := Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := filesByPath(files)["extras/x.txt"]; !ok {
		t.Error("extras/x.txt missing with extras=yes")
	}
	if p.Options["garnish"] != true {
		t.Errorf("garnish = %v, want its default true when flavour=fancy", p.Options["garnish"])
	}
	plain := toyProject(t, "demo", nil, "s")
	if plain.Options["garnish"] != false {
		t.Errorf("garnish = %v, want false (not applicable) when flavour=plain", plain.Options["garnish"])
	}
	if strings.Contains(string(plain.AnswersYAML()), "garnish") {
		t.Error("an option that does not apply must not be recorded in .scaffold.yaml")
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	render := func(seed string) []byte {
		files, err := Generate(toyProject(t, "demo", map[string]string{"extras": "true"}, seed))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for _, f := range files {
			b.WriteString(f.Path + "\n")
			b.Write(f.Data)
		}
		return b.Bytes()
	}
	if a, b := render("one"), render("one"); !bytes.Equal(a, b) {
		t.Error("same seed, different output")
	}
	if a, b := render("one"), render("two"); bytes.Equal(a, b) {
		t.Error("different seeds gave the same secrets")
	}
}

func TestSecretsNeverReachTheAnswersFile(t *testing.T) {
	p := toyProject(t, "demo", nil, "s")
	answers := string(p.AnswersYAML())
	for k, v := range p.Secrets {
		if strings.Contains(answers, v) {
			t.Errorf("secret %s appears in .scaffold.yaml", k)
		}
	}
	if len(p.Secrets["token"]) != 32 || len(p.Secrets["word"]) != 12 {
		t.Errorf("secret lengths: token %d (want 32 hex), word %d (want 12)", len(p.Secrets["token"]), len(p.Secrets["word"]))
	}
}

func TestAnswersRoundTrip(t *testing.T) {
	p := toyProject(t, "demo", map[string]string{"flavour": "fancy", "owner": "ops", "garnish": "false"}, "s")
	a, err := ParseAnswers(p.AnswersYAML())
	if err != nil {
		t.Fatal(err)
	}
	if a.Framework != "toy" || a.Name != "demo" || a.TemplateVersion != 3 || a.ScaffoldVersion != Version {
		t.Errorf("answers = %+v", a)
	}
	again, err := Resolve(p.Manifest, Request{Name: a.Name, Options: a.OptionStrings()}, SeededRandom("s"))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range p.Options {
		if again.Options[k] != v {
			t.Errorf("option %s: %v after the round trip, was %v", k, again.Options[k], v)
		}
	}
	if w := a.Warning(p.Manifest); w != "" {
		t.Errorf("unexpected warning %q", w)
	}
	a.TemplateVersion = 2
	if w := a.Warning(p.Manifest); !strings.Contains(w, "template version 2 (this is 3)") {
		t.Errorf("warning = %q", w)
	}
}

func TestResolveRejectsBadOptions(t *testing.T) {
	c, _ := LoadCatalog(toyFS(toyFiles))
	m, _ := c.Lookup("toy")
	tests := []struct {
		opts    map[string]string
		wantErr string
	}{
		{map[string]string{"flavor": "fancy"}, `unknown option "flavor" for toy (did you mean "flavour"?)`},
		{map[string]string{"colour": "red"}, `unknown option "colour" for toy (its options: flavour, extras, owner, garnish)`},
		{map[string]string{"flavour": "fancee"}, `option "flavour" must be one of plain, fancy, not "fancee" (did you mean "fancy"?)`},
		{map[string]string{"extras": "perhaps"}, `option "extras" is true or false, not "perhaps"`},
		{map[string]string{"owner": ""}, `option "owner" must not be empty`},
		{map[string]string{"owner": "a\x1bb"}, `option "owner" contains control characters`},
		{map[string]string{"garnish": "true"}, `option "garnish" does not apply here`},
	}
	for _, tt := range tests {
		_, err := Resolve(m, Request{Name: "demo", Options: tt.opts}, SeededRandom("s"))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !input.Is(err) {
			t.Errorf("Resolve(%v) = %v, want an input error containing %q", tt.opts, err, tt.wantErr)
		}
	}
}

func TestGenerateRefusesEscapingPaths(t *testing.T) {
	for _, tc := range []struct{ file, dest string }{
		{file: "{{.Options.owner}}/x.txt"},
		{file: "a.txt", dest: "../outside.txt"},
		{file: "a.txt", dest: "/etc/passwd"},
		{file: "a.txt", dest: "{{.Options.owner}}"},
	} {
		manifest := strings.Replace(toyManifest, "files:\n", "files:\n  - {match: \"a.txt\", dest: '"+tc.dest+"'}\n", 1)
		if tc.dest == "" {
			manifest = toyManifest
		}
		fsys := fstest.MapFS{
			"toy/manifest.yaml":    {Data: []byte(manifest)},
			"toy/files/" + tc.file: {Data: []byte("x")},
		}
		c, err := LoadCatalog(fsys)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := c.Lookup("toy")
		p, err := Resolve(m, Request{Name: "demo", Options: map[string]string{"owner": ".."}}, SeededRandom("s"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Generate(p)
		if err == nil || !strings.Contains(err.Error(), "inside the project") {
			t.Errorf("%s → %q: error = %v, want a refusal to leave the project", tc.file, tc.dest, err)
		}
	}
}

func TestGenerateNamesTheBrokenFile(t *testing.T) {
	tests := map[string]string{
		"env.txt.tmpl":     `{{ env "HOME" }}`,
		"now.txt.tmpl":     `{{ now }}`,
		"missing.txt.tmpl": `{{ .Options.nope }}`,
		"syntax.txt.tmpl":  `{{ if }}`,
	}
	for file, content := range tests {
		c, err := LoadCatalog(toyFS(map[string]string{file: content}))
		if err != nil {
			t.Fatal(err)
		}
		m, _ := c.Lookup("toy")
		if err := ParseTemplates(m); file != "missing.txt.tmpl" && (err == nil || !strings.Contains(err.Error(), file)) {
			t.Errorf("ParseTemplates with %s: %v, want an error naming the file", file, err)
		}
		p, err := Resolve(m, Request{Name: "demo"}, SeededRandom("s"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Generate(p); err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("Generate with %s: %v, want an error naming the file", file, err)
		}
	}
}

func TestGenerateRefusesDuplicateDestinations(t *testing.T) {
	c, err := LoadCatalog(toyFS(map[string]string{"a.txt": "1", "a.txt.tmpl": "2"}))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := c.Lookup("toy")
	p, _ := Resolve(m, Request{Name: "demo"}, SeededRandom("s"))
	if _, err := Generate(p); err == nil || !strings.Contains(err.Error(), "both write a.txt") {
		t.Errorf("error = %v", err)
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{".github/**", ".github/workflows/ci.yml", true},
		{".github/**", ".github", true},
		{"**/*.go", "a/b/c.go", true},
		{"**/*.go", "c.go", true},
		{"*.go", "a/c.go", false},
		{"src/**/test/*.py", "src/a/b/test/t.py", true},
		{"Dockerfile", "Dockerfile.tmpl", false},
	}
	for _, tt := range tests {
		if got := matchGlob(tt.pattern, tt.name); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v", tt.pattern, tt.name, got)
		}
	}
	if !ruleMatches("Dockerfile", "Dockerfile.tmpl") {
		t.Error("a rule must match a template by the name it is written as")
	}
}

func TestSeededRandomIsStable(t *testing.T) {
	read := func() string {
		b := make([]byte, 8)
		_, _ = SeededRandom("x").Read(b)
		return string(b)
	}
	if read() != read() {
		t.Error("SeededRandom is not deterministic")
	}
}

// The projects of one manifest share its template set: projects generated
// at the same time, under different names, each get their own output, the
// same as one at a time.
func TestProjectsShareTheManifestsTemplateSet(t *testing.T) {
	catalog, err := LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range catalog.Manifests() {
		generate := func(name string) string {
			p, err := Resolve(m, Request{Name: name}, SeededRandom("shared"))
			if err != nil {
				t.Error(err)
				return ""
			}
			files, err := Generate(p)
			if err != nil {
				t.Error(err)
				return ""
			}
			var b strings.Builder
			for _, f := range files {
				fmt.Fprintf(&b, "%s %o\n%s\n", f.Path, f.Mode, f.Data)
			}
			return b.String()
		}
		names := []string{"alpha", "beta", "gamma", "delta"}
		want := map[string]string{}
		for _, n := range names {
			want[n] = generate(n)
		}
		got := make([]string, len(names))
		var wg sync.WaitGroup
		for i, n := range names {
			wg.Go(func() { got[i] = generate(n) })
		}
		wg.Wait()
		for i, n := range names {
			if got[i] != want[n] || !strings.Contains(got[i], n) {
				t.Errorf("%s/%s: concurrent output differs from sequential", m.Name, n)
			}
		}
	}
}
