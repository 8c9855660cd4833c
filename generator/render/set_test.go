package render

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"

	"github.com/scaffold-cli/scaffold/templates"
)

// freshRender is how every template was rendered before Set: a new
// template (and a new copy of the function map) each time. Set must
// give the same output and the same errors.
func freshRender(name, text string, data any) (string, error) {
	if !strings.Contains(text, "{{") {
		return text, nil
	}
	t, err := newTemplate(name).Parse(text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

func sameResult(t *testing.T, what string, got string, gotErr error, want string, wantErr error) {
	t.Helper()
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Errorf("%s: error %v, want %v", what, gotErr, wantErr)
	}
	if got != want {
		t.Errorf("%s: %q, want %q", what, got, want)
	}
}

var templateSetCases = []struct{ name, text string }{
	{"plain", "no actions at all"},
	{"field", "{{.Name}}"},
	{"missing key", "{{.Options.nope}}"},
	{"sprig", `{{ .Name | upper | replace "-" "_" }}`},
	{"name library", "{{ .Name | pythonPackage }}"},
	{"banned", "{{ now }}"},
	{"unknown function", "{{ nosuchfunc .Name }}"},
	{"syntax", "{{ if .Name }}unclosed"},
	{"define and call", `{{define "x"}}[{{.Name}}]{{end}}{{template "x" .}}`},
	{"call only", `{{template "x" .}}`},
	{"block", `{{block "b" .}}<{{.Name}}>{{end}}`},
	{"condition", "{{if .Options.docker}}true{{end}}"},
	// Functions in every place a parse tree holds one: each must reach the
	// set's function map, which grows by what its templates call.
	{"nested", `{{with $x := .Name | upper}}{{range $i, $c := splitList "-" $x}}{{if eq $i 0}}{{lower $c}}{{else if gt $i 5}}{{quote $c}}{{else}}{{title $c}}{{end}}{{end}}{{else}}{{default "x" .Name}}{{end}}`},
	{"chain", `{{(dict "a" (upper .Name)).a}}`},
	{"range else break", `{{range until 3}}{{if gt . 0}}{{break}}{{end}}{{trim " a "}}{{else}}{{nospace "n o"}}{{end}}`},
	{"template argument", `{{define "y"}}{{snakecase .}}{{end}}{{template "y" (kebabcase .Name)}}`},
	{"later function", `{{ .Name | sha256sum | trunc 8 }}`},
	{"builtins", `{{and 1 2}}{{or 0 3}}{{not false}}{{len "ab"}}{{index .Names "k"}}{{slice "abc" 1}}{{print 1}}{{printf "%d" 2}}{{println 3}}{{html "<"}}{{js "'"}}{{urlquery "a b"}}{{eq 1 1}}{{ne 1 2}}{{lt 1 2}}{{le 1 1}}{{gt 2 1}}{{ge 2 2}}{{call .F}}`},
}

type templateSetData struct {
	Name    string
	Names   map[string]string
	Options map[string]any
	F       func() string
}

func TestTemplateSetMatchesFreshTemplates(t *testing.T) {
	data := templateSetData{Name: "my-app", Names: map[string]string{"k": "v"}, Options: map[string]any{"docker": true}, F: func() string { return "f" }}
	var set Set
	// Twice through the same set: the second pass uses the cached templates
	// and the namespace the first pass left behind.
	for pass := range 2 {
		for _, c := range templateSetCases {
			want, wantErr := freshRender(c.name, c.text, data)
			got, err := set.String(c.name, c.text, data)
			sameResult(t, fmt.Sprintf("pass %d: render %s", pass, c.name), got, err, want, wantErr)

			gotFile, err := set.File(c.name, []byte(c.text), data)
			sameResult(t, fmt.Sprintf("pass %d: renderFile %s", pass, c.name), string(gotFile), err, want, wantErr)
		}
	}
}

// A template never sees the named templates of another, as when each had a
// template of its own.
func TestTemplateSetKeepsNamespacesApart(t *testing.T) {
	var set Set
	data := templateSetData{Name: "demo"}
	if _, err := set.File("a.tmpl", []byte(`{{define "x"}}from a{{end}}`), data); err != nil {
		t.Fatal(err)
	}
	_, err := set.File("b.tmpl", []byte(`{{template "x"}}`), data)
	_, want := freshRender("b.tmpl", `{{template "x"}}`, data)
	if err == nil || err.Error() != want.Error() {
		t.Fatalf("b.tmpl called a.tmpl's template: error %v, want %v", err, want)
	}
}

func TestTemplateSetCachesByText(t *testing.T) {
	var set Set
	for _, docker := range []bool{true, false, true} {
		got, err := set.Condition(".Options.docker", templateSetData{Options: map[string]any{"docker": docker}})
		if err != nil || got != docker {
			t.Fatalf("condition with docker=%v: %v, %v", docker, got, err)
		}
	}
	a, _ := set.String("p", "{{.Name}}-a", templateSetData{Name: "x"})
	b, _ := set.String("p", "{{.Name}}-b", templateSetData{Name: "x"})
	if a != "x-a" || b != "x-b" {
		t.Fatalf("same name, other text: %q %q", a, b)
	}
}

// CheckSyntax must accept and refuse exactly what text/template's Parse does,
// with the same message, for every template text scaffold ships and for
// broken ones.
func TestCheckSyntaxMatchesParse(t *testing.T) {
	texts := map[string]string{}
	for _, c := range templateSetCases {
		texts[c.name] = c.text
	}
	for name := range builtinNames {
		texts["builtin "+name] = "{{" + name + "}}"
	}
	for i, s := range []string{"{{", "{{end}}", "{{.Name", `{{define "x"}}`, "{{range}}", "{{ 1 | }}", "{{break}}", "{{.Name | nosuch}}"} {
		texts[fmt.Sprintf("broken %d", i)] = s
	}
	// Every file and path scaffold ships (manifests' defaults and vars are
	// checked the same way by the generator's tests).
	err := fs.WalkDir(templates.FS, ".", func(src string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		texts["path "+src] = src
		if strings.HasSuffix(src, ".tmpl") {
			data, err := fs.ReadFile(templates.FS, src)
			texts["file "+src] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range texts {
		_, want := template.New(name).Option("missingkey=error").Funcs(funcMap()).Parse(text)
		got := CheckSyntax(name, text)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: CheckSyntax says %v, text/template %v", name, got, want)
		}
	}
}

// builtinNames must name only real builtins: text/template parses a call to
// each without scaffold's functions.
func TestBuiltinNamesAreBuiltins(t *testing.T) {
	for name := range builtinNames {
		if _, err := template.New("b").Parse("{{" + name + "}}"); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := template.New("b").Parse("{{nosuchbuiltin}}"); err == nil {
		t.Fatal("text/template accepts an unknown function")
	}
}

// Only templates whose parse tree defines or calls a named template get a
// namespace of their own; the words alone (a Ruby block, a "template" in
// prose) do not cost a template with its own function map.
func TestTemplateSetSharesUnlessNamedTemplatesAreUsed(t *testing.T) {
	for _, c := range []struct {
		text   string
		shared bool
	}{
		{"a block, a template, define it: {{.Name}}", true},
		{`{{if .Name}}{{range .Names}}{{with .}}{{.}}{{else}}x{{end}}{{continue}}{{break}}{{end}}{{else}}{{/* c */}}{{end}}`, true},
		{`{{if .Name}}{{else}}{{template "x"}}{{end}}`, false},
		{`{{range .Names}}{{template "x"}}{{end}}`, false},
		{`{{with .Name}}{{else with .Names}}{{template "x"}}{{end}}`, false},
		{`{{define "x"}}{{end}}`, false},
		{`{{block "x" .}}{{end}}`, false},
	} {
		var set Set
		if _, err := set.parse("t", c.text, false); err != nil {
			t.Fatalf("%s: %v", c.text, err)
		}
		if shared := set.base != nil; shared != c.shared {
			t.Errorf("%s: shared %v, want %v", c.text, shared, c.shared)
		}
	}
}

// calledFuncs finds every function a template calls: each shipped file
// parses with only the functions it names (and text/template's builtins),
// as do the test cases above. A function it missed would fail here rather
// than when a project renders.
func TestCalledFuncsFindsEveryFunction(t *testing.T) {
	texts := map[string]string{}
	for _, c := range templateSetCases {
		texts[c.name] = c.text
	}
	err := fs.WalkDir(templates.FS, ".", func(src string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(src, ".tmpl") {
			return err
		}
		data, err := fs.ReadFile(templates.FS, src)
		texts[src] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range texts {
		trees, err := parse.Parse(name, text, "", "", funcMap(), builtinNames)
		if err != nil {
			continue // broken on purpose: TestCheckSyntaxMatchesTextTemplate
		}
		called := map[string]bool{}
		for _, tree := range trees {
			calledFuncs(tree.Root, called)
		}
		if called[allFuncs] {
			t.Errorf("%s: a node calledFuncs does not know", name)
		}
		if _, err := parse.Parse(name, text, "", "", funcsNamed(called), builtinNames); err != nil {
			t.Errorf("%s: with only the functions calledFuncs found: %v", name, err)
		}
	}
	if got := funcsNamed(map[string]bool{allFuncs: true}); len(got) != len(funcMap()) {
		t.Errorf("an unknown node gives %d functions, want all %d", len(got), len(funcMap()))
	}
}
