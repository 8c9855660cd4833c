package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// asked is one thing the fake prompter was asked.
type asked struct {
	Kind         string // input, select or confirm
	Message      string
	Default      string
	Options      []string `json:",omitempty"`
	Descriptions []string `json:",omitempty"`
}

// fakePrompter answers from a script, as a person would type: "" is Enter
// (take the default), "^C" interrupts. An Input answer that fails validation
// is recorded in invalid and the next answer is tried, as survey re-asks.
type fakePrompter struct {
	script  []string
	asked   []asked
	invalid []string
}

func (f *fakePrompter) next(message string) (string, error) {
	if len(f.script) == 0 {
		return "", fmt.Errorf("fake prompter: no answer left for %q", message)
	}
	a := f.script[0]
	f.script = f.script[1:]
	if a == "^C" {
		return "", ErrInterrupted
	}
	return a, nil
}

func (f *fakePrompter) Input(message, _, def string, validate func(string) error) (string, error) {
	f.asked = append(f.asked, asked{Kind: "input", Message: message, Default: def})
	for {
		a, err := f.next(message)
		if err != nil {
			return "", err
		}
		if a == "" {
			a = def
		}
		if a == "" {
			f.invalid = append(f.invalid, "Value is required")
			continue
		}
		if validate != nil {
			if err := validate(a); err != nil {
				f.invalid = append(f.invalid, err.Error())
				continue
			}
		}
		return a, nil
	}
}

func (f *fakePrompter) Select(message, _ string, options, descriptions []string, def string) (string, error) {
	f.asked = append(f.asked, asked{Kind: "select", Message: message, Default: def, Options: options, Descriptions: descriptions})
	a, err := f.next(message)
	if err != nil {
		return "", err
	}
	switch {
	case a == "" && def != "":
		return def, nil
	case a == "":
		return options[0], nil
	case !slices.Contains(options, a):
		return "", fmt.Errorf("fake prompter: %q is not one of %v", a, options)
	}
	return a, nil
}

func (f *fakePrompter) Confirm(message, _ string, def bool) (bool, error) {
	f.asked = append(f.asked, asked{Kind: "confirm", Message: message, Default: strconv.FormatBool(def)})
	a, err := f.next(message)
	if err != nil {
		return false, err
	}
	switch a {
	case "":
		return def, nil
	case "y":
		return true, nil
	case "n":
		return false, nil
	}
	return false, fmt.Errorf("fake prompter: confirm takes \"\", y or n, not %q", a)
}

// testFrameworks are two frameworks with every kind of option, a default
// derived from the name, a default and a condition over earlier answers, a
// validator, and an option without a default.
var testFrameworks = fstest.MapFS{
	"demo/manifest.yaml": {Data: []byte(`
name: demo
title: Demo
description: a framework for tests
language: Go
version: "1.0.0"
template_version: 1
names: [go-package]
options:
  - key: module
    kind: string
    default: "{{.Names.go_module}}"
    prompt: Module
    help: the module path
    validate: go-module
  - key: database
    kind: choice
    choices: [none, postgres, sqlite]
    default: none
    prompt: Database
    help: which database
  - key: migrations
    kind: bool
    default: "true"
    prompt: Run migrations?
    help: add migrations
    when: ne .Options.database "none"
  - key: dsn
    kind: string
    default: "{{.Options.database}}://{{.Name}}"
    prompt: "Connection string:"
    help: how to reach the database
    when: .Options.migrations
  - key: docker
    kind: bool
    default: "false"
    prompt: Add a Dockerfile?
    help: a Dockerfile
golden:
  - name: default
`)},
	"demo/files/README.md.tmpl": {Data: []byte("# {{.Name}}\n")},
	"plain/manifest.yaml": {Data: []byte(`
name: plain
title: Plain
description: no framework at all
language: Go
version: "2.0"
template_version: 1
options:
  - key: owner
    kind: string
    prompt: Owner
    help: who owns the project
golden:
  - name: default
    options: {owner: me}
`)},
	"plain/files/README.md.tmpl": {Data: []byte("# {{.Name}} by {{.Options.owner}}\n")},
}

func testCatalog(t *testing.T) *generator.Catalog {
	t.Helper()
	c, err := generator.LoadCatalog(testFrameworks)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type result struct {
	code        int
	out, errOut string
}

// runNew runs scaffold in a fresh working directory; interactive says
// whether stdin and stdout count as terminals.
func runNew(t *testing.T, c *generator.Catalog, interactive bool, p Prompter, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &IO{In: strings.NewReader(""), Out: &out, Err: &errOut, Interactive: interactive, Prompter: p}
	code := mainWith(args, io, c)
	return result{code, out.String(), errOut.String()}
}

// answersIn reads the .scaffold.yaml of a generated project.
func answersIn(t *testing.T, dir string) *generator.Answers {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, generator.AnswersFile))
	if err != nil {
		t.Fatal(err)
	}
	a, err := generator.ParseAnswers(data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

var (
	askName = asked{Kind: "input", Message: "Project name:"}
	askDemo = asked{Kind: "select", Message: "Framework:", Default: "demo",
		Options:      []string{"demo", "plain"},
		Descriptions: []string{"Demo 1.0.0 — a framework for tests", "Plain 2.0 — no framework at all"}}
	askDatabase = asked{Kind: "select", Message: "Database:", Default: "none", Options: []string{"none", "postgres", "sqlite"}}
	askDocker   = asked{Kind: "confirm", Message: "Add a Dockerfile?", Default: "false"}
)

func askModule(def string) asked { return asked{Kind: "input", Message: "Module:", Default: def} }

func TestNewWithNoArgumentsAsksEverything(t *testing.T) {
	t.Chdir(t.TempDir())
	p := &fakePrompter{script: []string{"shop", "", "", "postgres", "", "", "y"}}
	r := runNew(t, testCatalog(t), true, p, "new")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
	}
	want := []asked{
		askName,
		askDemo,
		askModule("example.com/shop"),
		askDatabase,
		{Kind: "confirm", Message: "Run migrations?", Default: "true"},
		{Kind: "input", Message: "Connection string:", Default: "postgres://shop"},
		askDocker,
	}
	if d := cmp.Diff(want, p.asked); d != "" {
		t.Errorf("questions (-want +got):\n%s", d)
	}
	wantOptions := map[string]any{"module": "example.com/shop", "database": "postgres", "migrations": true, "dsn": "postgres://shop", "docker": true}
	if d := cmp.Diff(wantOptions, answersIn(t, "shop").Options); d != "" {
		t.Errorf("options (-want +got):\n%s", d)
	}
	wantCmd := "\nTo do the same without questions:\n  scaffold new shop --framework=demo --yes --database=postgres --docker\n"
	if !strings.Contains(r.out, wantCmd) {
		t.Errorf("stdout lacks %q:\n%s", wantCmd, r.out)
	}
}

func TestNewAsksOnlyWhatFlagsLeftOut(t *testing.T) {
	t.Chdir(t.TempDir())
	p := &fakePrompter{script: []string{"", "n"}}
	r := runNew(t, testCatalog(t), true, p, "new", "shop", "--framework=demo", "--database=sqlite", "--set", "docker=false")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
	}
	want := []asked{askModule("example.com/shop"), {Kind: "confirm", Message: "Run migrations?", Default: "true"}}
	if d := cmp.Diff(want, p.asked); d != "" {
		t.Errorf("questions (-want +got):\n%s", d)
	}
	// dsn is not asked (migrations is off) and not recorded (it does not apply)
	wantOptions := map[string]any{"module": "example.com/shop", "database": "sqlite", "migrations": false, "docker": false}
	if d := cmp.Diff(wantOptions, answersIn(t, "shop").Options); d != "" {
		t.Errorf("options (-want +got):\n%s", d)
	}
	if want := "scaffold new shop --framework=demo --yes --database=sqlite --migrations=false\n"; !strings.Contains(r.out, want) {
		t.Errorf("stdout lacks %q:\n%s", want, r.out)
	}
}

func TestNewSkipsOptionsWhoseConditionIsFalse(t *testing.T) {
	t.Chdir(t.TempDir())
	p := &fakePrompter{script: []string{"", "", ""}}
	r := runNew(t, testCatalog(t), true, p, "new", "shop", "--framework=demo")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
	}
	want := []asked{askModule("example.com/shop"), askDatabase, askDocker}
	if d := cmp.Diff(want, p.asked); d != "" {
		t.Errorf("questions (-want +got):\n%s", d)
	}
	if want := "scaffold new shop --framework=demo --yes\n"; !strings.Contains(r.out, want) {
		t.Errorf("every answer was a default, so the command has no option; stdout lacks %q:\n%s", want, r.out)
	}
}

func TestNewYesTakesDefaultsButStillAsksNameAndFramework(t *testing.T) {
	t.Run("all given", func(t *testing.T) {
		t.Chdir(t.TempDir())
		p := &fakePrompter{}
		r := runNew(t, testCatalog(t), true, p, "new", "shop", "--framework=demo", "--yes", "--database=postgres")
		if r.code != ExitOK {
			t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
		}
		if len(p.asked) != 0 {
			t.Errorf("asked %v", p.asked)
		}
		wantOptions := map[string]any{"module": "example.com/shop", "database": "postgres", "migrations": true, "dsn": "postgres://shop", "docker": false}
		if d := cmp.Diff(wantOptions, answersIn(t, "shop").Options); d != "" {
			t.Errorf("options (-want +got):\n%s", d)
		}
		if strings.Contains(r.out, "without questions") {
			t.Errorf("nothing was asked, yet the equivalent command is printed:\n%s", r.out)
		}
	})
	t.Run("no arguments", func(t *testing.T) {
		t.Chdir(t.TempDir())
		p := &fakePrompter{script: []string{"shop", ""}}
		r := runNew(t, testCatalog(t), true, p, "new", "--yes")
		if r.code != ExitOK {
			t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
		}
		if d := cmp.Diff([]asked{askName, askDemo}, p.asked); d != "" {
			t.Errorf("questions (-want +got):\n%s", d)
		}
		if want := "scaffold new shop --framework=demo --yes\n"; !strings.Contains(r.out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.out)
		}
	})
	t.Run("an option without a default", func(t *testing.T) {
		t.Chdir(t.TempDir())
		p := &fakePrompter{}
		r := runNew(t, testCatalog(t), true, p, "new", "shop", "--framework=plain", "--yes")
		if r.code != ExitUsage || !strings.Contains(r.errOut, "missing --owner (a non-empty value; --yes takes defaults, and it has none)") {
			t.Errorf("exit %d, stderr %q; want exit 2 naming --owner", r.code, r.errOut)
		}
	})
}

func TestNewValidationErrorThenCorrection(t *testing.T) {
	t.Chdir(t.TempDir())
	p := &fakePrompter{script: []string{"fmt/x", "github.com/me/shop"}}
	r := runNew(t, testCatalog(t), true, p, "new", "shop", "--framework=demo", "--database=none", "--docker")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
	}
	if len(p.invalid) != 1 || !strings.Contains(p.invalid[0], `"fmt/x" shadows the standard library`) {
		t.Errorf("validation errors shown: %q; want one about the standard library", p.invalid)
	}
	if got := answersIn(t, "shop").Options["module"]; got != "github.com/me/shop" {
		t.Errorf("module = %v", got)
	}
	if want := "scaffold new shop --framework=demo --yes --module=github.com/me/shop --docker\n"; !strings.Contains(r.out, want) {
		t.Errorf("stdout lacks %q:\n%s", want, r.out)
	}
}

func TestNewProjectNameRules(t *testing.T) {
	t.Run("shared rules as it is typed", func(t *testing.T) {
		t.Chdir(t.TempDir())
		p := &fakePrompter{script: []string{"1bad", "a/b", "shop", "plain", "me"}}
		r := runNew(t, testCatalog(t), true, p, "new")
		if r.code != ExitOK {
			t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
		}
		if len(p.invalid) != 2 || !strings.Contains(p.invalid[0], `"1bad" is not usable`) || !strings.Contains(p.invalid[1], "path separator") {
			t.Errorf("validation errors shown: %q", p.invalid)
		}
		want := []asked{askName, askDemo, {Kind: "input", Message: "Owner:"}}
		if d := cmp.Diff(want, p.asked); d != "" {
			t.Errorf("questions (-want +got):\n%s", d)
		}
		if want := "scaffold new shop --framework=plain --yes --owner=me\n"; !strings.Contains(r.out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.out)
		}
	})
	t.Run("the framework's rules once it is chosen", func(t *testing.T) {
		t.Chdir(t.TempDir())
		p := &fakePrompter{script: []string{"My.App", "demo", "my-app", "", "", ""}}
		r := runNew(t, testCatalog(t), true, p, "new")
		if r.code != ExitOK {
			t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
		}
		want := []asked{askName, askDemo, askName, askModule("example.com/my-app"), askDatabase, askDocker}
		if d := cmp.Diff(want, p.asked); d != "" {
			t.Errorf("questions (-want +got):\n%s", d)
		}
		if want := `Demo needs another name: "My.App" is not a good Go command name: use lower-case letters, digits, '-' and '_' (try "my-app")`; !strings.Contains(r.errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.errOut)
		}
		if got := answersIn(t, "my-app").Name; got != "my-app" {
			t.Errorf("name = %q", got)
		}
	})
	t.Run("the framework's rules as it is typed when the framework is given", func(t *testing.T) {
		t.Chdir(t.TempDir())
		p := &fakePrompter{script: []string{"My.App", "fmt", "myapp", "", "", ""}}
		r := runNew(t, testCatalog(t), true, p, "new", "--framework=demo")
		if r.code != ExitOK {
			t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
		}
		if len(p.invalid) != 2 || !strings.Contains(p.invalid[0], "not a good Go command name") || !strings.Contains(p.invalid[1], "standard-library package") {
			t.Errorf("validation errors shown: %q", p.invalid)
		}
		if want := []asked{askName, askModule("example.com/myapp"), askDatabase, askDocker}; !cmp.Equal(want, p.asked) {
			t.Errorf("questions (-want +got):\n%s", cmp.Diff(want, p.asked))
		}
	})
	t.Run("a name from the arguments is not asked again", func(t *testing.T) {
		t.Chdir(t.TempDir())
		for _, args := range [][]string{{"new", "My.App", "--framework=demo"}, {"new", "a/b"}} {
			p := &fakePrompter{}
			r := runNew(t, testCatalog(t), true, p, args...)
			if r.code != ExitUsage || len(p.asked) != 0 {
				t.Errorf("%v: exit %d after asking %v; want exit 2 before any question\nstderr: %s", args, r.code, p.asked, r.errOut)
			}
		}
	})
}

func TestNewCtrlCWritesNothing(t *testing.T) {
	for _, script := range [][]string{{"^C"}, {"shop", "^C"}, {"shop", "", "", "^C"}} {
		t.Run(strings.Join(script, ","), func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			p := &fakePrompter{script: script}
			r := runNew(t, testCatalog(t), true, p, "new")
			if r.code != ExitInterrupted {
				t.Errorf("exit %d, want %d; stderr:\n%s", r.code, ExitInterrupted, r.errOut)
			}
			if r.out != "" || r.errOut != "scaffold: interrupted\n" {
				t.Errorf("stdout %q, stderr %q; want only \"scaffold: interrupted\" on stderr", r.out, r.errOut)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("wrote %v", entries)
			}
		})
	}
}

// TestNewWithoutTerminal: where nothing may be asked, a missing value is a
// usage error naming the flag and its allowed values, and the prompter is
// never called.
func TestNewWithoutTerminal(t *testing.T) {
	tests := []struct {
		interactive bool
		args        []string
		want        []string // in stderr
	}{
		{false, []string{"new"}, []string{
			"missing the project name and --framework: scaffold new NAME --framework=FRAMEWORK",
			"FRAMEWORK is one of: demo, plain", "NAME starts with a letter", "(stdin or stdout is not a terminal, so nothing is asked)"}},
		{false, []string{"new", "shop"}, []string{"missing --framework; one of: demo, plain (stdin or stdout is not a terminal"}},
		{false, []string{"new", "--framework=demo"}, []string{"missing the project name", "scaffold new NAME --framework=demo"}},
		{false, []string{"new", "shop", "--framework=plain"}, []string{"missing --owner (a non-empty value; stdin or stdout is not a terminal, so nothing is asked): who owns the project"}},
		{false, []string{"new", "--yes"}, []string{"missing the project name and --framework"}},
		{true, []string{"new", "--no-input"}, []string{"missing the project name and --framework", "(--no-input is set, so nothing is asked)"}},
		{true, []string{"new", "shop", "--framework=plain", "--no-input"}, []string{"missing --owner (a non-empty value; --no-input is set"}},
		{false, []string{"new", "--framework=dmeo"}, []string{`unknown framework "dmeo" (did you mean "demo"?)`}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			p := &fakePrompter{}
			r := runNew(t, testCatalog(t), tt.interactive, p, tt.args...)
			if r.code != ExitUsage {
				t.Errorf("exit %d, want %d", r.code, ExitUsage)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.errOut)
				}
			}
			if len(p.asked) != 0 {
				t.Errorf("asked %v", p.asked)
			}
		})
	}
	t.Run("defaults fill the rest", func(t *testing.T) {
		t.Chdir(t.TempDir())
		p := &fakePrompter{}
		r := runNew(t, testCatalog(t), false, p, "new", "shop", "--framework=demo", "--database=sqlite")
		if r.code != ExitOK || len(p.asked) != 0 || strings.Contains(r.out, "without questions") {
			t.Fatalf("exit %d, asked %v, stdout:\n%s\nstderr:\n%s", r.code, p.asked, r.out, r.errOut)
		}
		wantOptions := map[string]any{"module": "example.com/shop", "database": "sqlite", "migrations": true, "dsn": "sqlite://shop", "docker": false}
		if d := cmp.Diff(wantOptions, answersIn(t, "shop").Options); d != "" {
			t.Errorf("options (-want +got):\n%s", d)
		}
	})
}

// TestEquivalentCommandReproducesTheProject runs the printed command, as a
// shell would split it, without a terminal, and compares the two projects.
func TestEquivalentCommandReproducesTheProject(t *testing.T) {
	c := testCatalog(t)
	first := t.TempDir()
	t.Chdir(first)
	p := &fakePrompter{script: []string{"shop", "", "github.com/me/shop", "postgres", "", "postgres://me:it's a secret@db/shop?ssl=$X", "n"}}
	r := runNew(t, c, true, p, "new", "--dir=my dir")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
	}
	_, after, ok := strings.Cut(r.out, "To do the same without questions:\n  ")
	if !ok {
		t.Fatalf("no equivalent command in:\n%s", r.out)
	}
	line, _, _ := strings.Cut(after, "\n")
	words, err := splitPOSIX(line)
	if err != nil {
		t.Fatalf("%s: %v", line, err)
	}
	if len(words) < 2 || words[0] != "scaffold" {
		t.Fatalf("not a scaffold command: %q", line)
	}
	second := t.TempDir()
	t.Chdir(second)
	r2 := runNew(t, c, false, &fakePrompter{}, words[1:]...)
	if r2.code != ExitOK {
		t.Fatalf("%s: exit %d, stderr:\n%s", line, r2.code, r2.errOut)
	}
	for _, f := range []string{generator.AnswersFile, "README.md"} {
		a, _ := os.ReadFile(filepath.Join(first, "my dir", f))
		b, err := os.ReadFile(filepath.Join(second, "my dir", f))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs after running %s (%v):\n%s", f, line, err, cmp.Diff(string(a), string(b)))
		}
	}
}

// splitPOSIX splits a command line as a POSIX shell does, for the quoting
// shellQuote produces: bare words, single-quoted strings and \'.
func splitPOSIX(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord, quoted, escaped := false, false, false
	for _, r := range s {
		switch {
		case escaped:
			w.WriteRune(r)
			escaped = false
		case !quoted && r == '\\':
			escaped, inWord = true, true
		case quoted && r == '\'':
			quoted = false
		case quoted:
			w.WriteRune(r)
		case r == '\'':
			quoted, inWord = true, true
		case r == ' ':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case strings.ContainsRune("\"$`!*?[]{}()<>|&;#~", r):
			return nil, fmt.Errorf("unquoted shell metacharacter %q", r)
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quoted || escaped {
		return nil, errors.New("unterminated quote or escape")
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

func TestShellQuoteSplitsBack(t *testing.T) {
	for in, want := range map[string]string{
		"myapp":              "myapp",
		"github.com/me/x":    "github.com/me/x",
		"":                   "''",
		"my dir":             "'my dir'",
		"it's":               `'it'\''s'`,
		"$HOME":              "'$HOME'",
		"a;rm -rf ~":         "'a;rm -rf ~'",
		"x=1&y=2":            "'x=1&y=2'",
		"postgres://u:p@h/d": "postgres://u:p@h/d",
	} {
		got := shellQuote(in)
		if got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
		if words, err := splitPOSIX(got); err != nil || len(words) != 1 || words[0] != in {
			t.Errorf("shellQuote(%q) = %s splits to %q, %v", in, got, words, err)
		}
	}
}

// TestNewAsksGinOptions pins the questions of the real Gin template.
func TestNewAsksGinOptions(t *testing.T) {
	c, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	gin, err := c.Lookup("gin")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	p := &fakePrompter{script: []string{"myapp", "gin", "", "y", "", "sqlite"}}
	r := runNew(t, c, true, p, "new", "--dry-run")
	if r.code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.errOut)
	}
	if len(p.asked) < 2 {
		t.Fatalf("asked %v", p.asked)
	}
	fw := p.asked[1]
	i := slices.Index(fw.Options, "gin")
	if wantDesc := fmt.Sprintf("Gin %s — %s", gin.Version, gin.Description); i < 0 || fw.Descriptions[i] != wantDesc {
		t.Errorf("framework question %+v lacks gin described as %q", fw, wantDesc)
	}
	want := []asked{
		{Kind: "input", Message: "Go module path:", Default: "example.com/myapp"},
		{Kind: "confirm", Message: "Add a Dockerfile?", Default: "false"},
		{Kind: "confirm", Message: "Add a GitHub Actions workflow?", Default: "false"},
		{Kind: "select", Message: "Database:", Default: "none", Options: []string{"none", "sqlite", "postgres"}},
	}
	if d := cmp.Diff(want, p.asked[2:]); d != "" {
		t.Errorf("gin's questions (-want +got):\n%s", d)
	}
	if want := "scaffold new myapp --framework=gin --dry-run --yes --docker --database=sqlite\n"; !strings.Contains(r.out, want) {
		t.Errorf("stdout lacks %q:\n%s", want, r.out)
	}
}
