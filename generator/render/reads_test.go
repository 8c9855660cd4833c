package render

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestAnalyze(t *testing.T) {
	cases := []struct {
		name, text string
		all        bool
		paths      []string
	}{
		{"plain text", "no actions", false, nil},
		{"field", "{{ .Name }}", false, []string{"Name"}},
		{"two deep", "{{ .Secrets.key | upper }}", false, []string{"Secrets.key"}},
		{"deeper is cut at two", "{{ .Options.a.b.c }}", false, []string{"Options.a"}},
		{"map whole", `{{ index .Vars "db" }}`, false, []string{"Vars"}},
		{"function args", `{{ aesGCMEncrypt .Secrets.k .Secrets.n "x" }}`, false, []string{"Secrets.k", "Secrets.n"}},
		{"if and else", "{{ if .Options.docker }}{{ .Name }}{{ else }}{{ .Vars.x }}{{ end }}", false, []string{"Name", "Options.docker", "Vars.x"}},
		{"dot printed", "{{ . }}", true, nil},
		{"dot to a function", "{{ toJson . }}", true, nil},
		{"dollar alone", "{{ range .Options }}{{ $ }}{{ end }}", true, []string{"Options"}},
		{"dollar field in range", "{{ range .Options }}{{ $.Secrets.k }}{{ end }}", false, []string{"Options", "Secrets.k"}},
		// Inside with/range the dot is X's value: reading it reads X, counted at X.
		{"with narrows the dot", "{{ with .Names }}{{ .python }}{{ . }}{{ end }}", false, []string{"Names"}},
		{"with secrets", "{{ with .Secrets }}{{ .key }}{{ end }}", false, []string{"Secrets"}},
		{"with else keeps the root", "{{ with .Vars.x }}{{ . }}{{ else }}{{ .Name }}{{ end }}", false, []string{"Name", "Vars.x"}},
		{"range else keeps the root", "{{ range .Options }}{{ . }}{{ else }}{{ . }}{{ end }}", true, []string{"Options"}},
		{"with the root", "{{ with . }}{{ .Secrets }}{{ end }}", true, nil},
		{"variable", "{{ $k := .Secrets.key }}{{ $k | upper }}", false, []string{"Secrets.key"}},
		{"chain", "{{ (.Vars).x }}", false, []string{"Vars"}},
		{"template call with the root", `{{ define "t" }}{{ .Name }}{{ end }}{{ template "t" . }}`, true, []string{"Name"}},
		{"define reads as if called with the root", `{{ define "t" }}{{ .Secrets.k }}{{ end }}{{ template "t" .Names }}`, false, []string{"Names", "Secrets.k"}},
		{"comment", "{{/* .Secrets */}}{{ .Name }}", false, []string{"Name"}},
		{"literals", `{{ printf "%d %t %s" 1 true "x" }}{{ if eq nil nil }}{{ end }}`, false, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := Analyze(c.name, c.text)
			if err != nil {
				t.Fatal(err)
			}
			if r.All != c.all || !slices.Equal(r.Paths, c.paths) {
				t.Errorf("Analyze(%q) = all %v, paths %q; want all %v, paths %q", c.text, r.All, r.Paths, c.all, c.paths)
			}
		})
	}
}

func TestAnalyzeSyntaxError(t *testing.T) {
	_, err := Analyze("bad", "{{ if .Name }}unclosed")
	if err == nil || !strings.Contains(err.Error(), "bad") {
		t.Fatalf("Analyze of a broken template: %v; want the parser's error", err)
	}
}

func TestReadsTouches(t *testing.T) {
	r := Reads{Paths: []string{"Name", "Secrets.k", "Vars"}}
	for _, c := range []struct {
		field string
		want  bool
	}{{"Secrets", true}, {"Sec", false}, {"Name", true}, {"Options", false}, {"Vars", true}} {
		if got := r.Touches(c.field); got != c.want {
			t.Errorf("Touches(%q) = %v, want %v", c.field, got, c.want)
		}
	}
	if !r.TouchesKey("Vars", "anything") {
		t.Error(".Vars as a whole touches every key")
	}
	narrow := Reads{Paths: []string{"Vars.a"}}
	if !narrow.TouchesKey("Vars", "a") || narrow.TouchesKey("Vars", "b") {
		t.Error("Vars.a touches a and only a")
	}
	if !(Reads{All: true}).TouchesKey("Vars", "b") || !(Reads{All: true}).Touches("Secrets") {
		t.Error("All touches everything")
	}
}

// Analyze never says less than a template reads: executing each case with
// data whose fields fail when read shows which root fields it read.
func TestAnalyzeCoversExecution(t *testing.T) {
	for _, text := range []string{
		"{{ .Name }}", "{{ .Secrets.k }}", "{{ with .Secrets }}{{ .k }}{{ end }}",
		"{{ $x := .Secrets }}{{ $x.k }}", "{{ range $k, $v := .Secrets }}{{ $v }}{{ end }}",
		`{{ define "u" }}{{ .Secrets.k }}{{ end }}{{ template "u" . }}`,
		"{{ if .Vars.a }}{{ $.Secrets.k }}{{ end }}",
	} {
		r, err := Analyze("t", text)
		if err != nil {
			t.Fatal(err)
		}
		for _, field := range []string{"Name", "Secrets", "Vars"} {
			data := map[string]any{"Name": "n", "Secrets": map[string]string{"k": "s"}, "Vars": map[string]string{"a": "1"}}
			delete(data, field)
			_, execErr := freshRender("t", text, data)
			if execErr != nil && !r.Touches(field) {
				t.Errorf("%q fails without .%s (%v), but Analyze says it does not read it: %+v", text, field, execErr, r)
			}
		}
	}
}

// hugeNumber finds a run of four or more digits: a fuzzed template could
// ask for a billion iterations or bytes (range, until, repeat).
var hugeNumber = regexp.MustCompile(`[0-9]{4,}`)

// Whatever a template says, when Analyze finds it does not touch
// .Secrets, executing it with other secrets gives the same output (or
// the same error).
func FuzzAnalyze(f *testing.F) {
	for _, c := range []string{
		"{{ .Name }}", "{{ .Secrets.k }}", "{{ with .Secrets }}{{ .k }}{{ end }}",
		"{{ $x := . }}{{ $x.Secrets.k }}", `{{ index . "Secrets" }}`, "{{ toJson . }}",
		`{{ define "t" }}{{ .Secrets.k }}{{ end }}{{ template "t" . }}`,
		"{{ range $k, $v := .Vars }}{{ $v }}{{ end }}", "{{ (.Secrets).k }}", "{{ $.Secrets }}",
	} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 300 || hugeNumber.MatchString(text) {
			return
		}
		r, err := Analyze("f", text)
		if err != nil || r.Touches("Secrets") {
			return
		}
		run := func(secret string) (string, string) {
			data := map[string]any{
				"Name":    "demo",
				"Secrets": map[string]string{"k": secret},
				"Vars":    map[string]string{"a": "1"},
			}
			out, err := freshRender("f", text, data)
			return out, fmt.Sprint(err)
		}
		outA, errA := run("first-secret")
		outB, errB := run("other-value")
		if outA != outB || errA != errB {
			t.Errorf("%q: Analyze says it does not read .Secrets (%+v), but its output changes with them: %q / %q", text, r, outA+errA, outB+errB)
		}
	})
}
