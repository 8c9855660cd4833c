package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// run calls Main without a terminal, in a fresh working directory.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errOut})
	return code, out.String(), errOut.String()
}

func inTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestNewWritesProjectAndNextSteps(t *testing.T) {
	dir := inTempDir(t)
	code, out, errOut := run(t, "new", "demo", "--framework=gin", "--docker", "--set", "ci=true")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Created demo: Gin 1.12.0, ", "Next steps:", "cd ./demo", "go test ./..."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, f := range []string{"go.mod", "cmd/demo/main.go", "Dockerfile", ".github/workflows/ci.yml", ".scaffold.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, "demo", f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if strings.Contains(out, "To do the same without questions") {
		t.Error("the equivalent command is only for interactive runs")
	}
}

func TestNewDirFlag(t *testing.T) {
	dir := inTempDir(t)
	if code, _, errOut := run(t, "new", "demo", "-f", "gin", "--dir", "services/api"); code != 1 || !strings.Contains(errOut, "does not exist; create it first") {
		// the parent of --dir must exist: scaffold never creates a directory
		// tree silently (exit 1: the environment, not the command, is wrong)
		t.Fatalf("exit %d: %s", code, errOut)
	}
	os.Mkdir(filepath.Join(dir, "services"), 0o755)
	if code, _, errOut := run(t, "new", "demo", "-f", "gin", "--dir", "services/api"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "services/api/cmd/demo/main.go")); err != nil {
		t.Error(err)
	}
}

func TestNewUsageErrors(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"unknown framework", []string{"new", "demo", "--framework=gni"}, 2, `unknown framework "gni" (did you mean "gin"?); run "scaffold list"`},
		{"no framework", []string{"new", "demo"}, 2, "missing --framework; one of: "}, // the list grows with templates/
		{"no name", []string{"new", "--framework=gin"}, 2, "missing the project name: scaffold new NAME --framework=gin"},
		{"bad name", []string{"new", "my app", "--framework=gin"}, 2, `project name "my app" is not usable`},
		{"two names", []string{"new", "a", "b", "--framework=gin"}, 2, "new takes one project name, got 2 arguments"},
		{"unknown option", []string{"new", "demo", "-f", "gin", "--set", "dockr=true"}, 2, `unknown option "dockr" for gin (did you mean "docker"?)`},
		{"bad bool", []string{"new", "demo", "-f", "gin", "--docker=maybe"}, 2, `option "docker" is true or false, not "maybe"`},
		{"bad module", []string{"new", "demo", "-f", "gin", "--module=fmt"}, 2, `shadows the standard library`},
		{"same option twice", []string{"new", "demo", "-f", "gin", "--set", "ci=true", "--ci"}, 2, `option "ci" is given twice`},
		{"set twice", []string{"new", "demo", "-f", "gin", "--set", "ci=true", "--set", "ci=false"}, 2, `option "ci" is given twice`},
		{"set without =", []string{"new", "demo", "-f", "gin", "--set", "ci"}, 2, `--set "ci": write --set key=value`},
		{"unknown flag", []string{"new", "demo", "-f", "gin", "--colour"}, 2, "unknown flag: --colour"},
		{"json without dry-run", []string{"new", "demo", "-f", "gin", "--json"}, 2, "--json goes with --dry-run"},
		{"unknown command", []string{"nwe"}, 2, `unknown command "nwe" for "scaffold" (did you mean "new"?); run "scaffold --help"`},
		{"describe unknown", []string{"describe", "djano"}, 2, `unknown framework "djano"`},
		{"version takes no args", []string{"version", "x"}, 2, "takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := inTempDir(t)
			code, out, errOut := run(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", errOut, tt.wantErr)
			}
			if strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "scaffold: ") {
				t.Errorf("the error must be printed once, on one line: %q", errOut)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
			if got := entries(t, dir); len(got) != 0 {
				t.Errorf("files were written: %v", got)
			}
		})
	}
}

func TestNewRefusesNonEmptyTarget(t *testing.T) {
	dir := inTempDir(t)
	os.Mkdir("demo", 0o755)
	os.WriteFile("demo/go.mod", []byte("module mine\n"), 0o644)
	code, _, errOut := run(t, "new", "demo", "-f", "gin")
	if code != 2 || !strings.Contains(errOut, "demo is not empty") || !strings.Contains(errOut, "--force") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, _, errOut = run(t, "new", "demo", "-f", "gin", "--force")
	if code != 2 || !strings.Contains(errOut, "never overwrites") || !strings.Contains(errOut, "go.mod") {
		t.Fatalf("--force with a clash: exit %d: %s", code, errOut)
	}
	if got := entries(t, filepath.Join(dir, "demo")); len(got) != 1 {
		t.Errorf("target changed: %v", got)
	}
	data, _ := os.ReadFile("demo/go.mod")
	if string(data) != "module mine\n" {
		t.Error("go.mod was overwritten")
	}
}

func TestDryRun(t *testing.T) {
	dir := inTempDir(t)
	code, out, errOut := run(t, "new", "demo", "-f", "gin", "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "would write 12 files") || !strings.Contains(out, "nothing was written") {
		t.Errorf("header: %q", strings.SplitN(out, "\n", 2)[0])
	}
	if !strings.Contains(out, "  0644 ") || !strings.Contains(out, "cmd/demo/main.go\n") {
		t.Errorf("dry-run lists mode, size and path per file:\n%s", out)
	}
	code, out, _ = run(t, "new", "demo", "-f", "gin", "--dry-run", "--json", "--docker")
	if code != 0 {
		t.Fatal(code)
	}
	var plan struct {
		Framework, Version, Dir string
		Files                   []struct {
			Path, Mode string
			Size       int
		}
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if plan.Framework != "gin" || plan.Dir != "demo" || len(plan.Files) != 14 {
		t.Errorf("plan = %+v", plan)
	}
	for _, f := range plan.Files {
		if f.Path == "Dockerfile" && (f.Mode != "0644" || f.Size == 0) {
			t.Errorf("Dockerfile entry = %+v", f)
		}
	}
	if got := entries(t, dir); len(got) != 0 {
		t.Errorf("dry run wrote %v", got)
	}
}

func TestAnswersRegenerateByteForByte(t *testing.T) {
	dir := inTempDir(t)
	if code, _, errOut := run(t, "new", "demo", "-f", "gin", "--docker", "--module=github.com/acme/demo"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, "new", "--answers", "demo/.scaffold.yaml", "--dir", "copy"); code != 0 {
		t.Fatal(errOut)
	}
	a, b := filepath.Join(dir, "demo"), filepath.Join(dir, "copy")
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(want, got) {
			t.Errorf("%s differs after regeneration (%v)", rel, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// A flag overrides the recorded answer.
	if code, _, errOut := run(t, "new", "--answers", "demo/.scaffold.yaml", "--dir", "nodocker", "--docker=false"); code != 0 {
		t.Fatal(errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "nodocker", "Dockerfile")); !os.IsNotExist(err) {
		t.Error("--docker=false did not override the answers file")
	}
}

func TestListAndDescribe(t *testing.T) {
	code, out, _ := run(t, "list")
	if code != 0 || !strings.Contains(out, "gin") || !strings.Contains(out, "1.12") || !strings.Contains(out, "VERSION is the framework's MAJOR.MINOR") {
		t.Errorf("list: %d %q", code, out)
	}
	// One form in the VERSION column for every framework: MAJOR.MINOR.
	rows := 0
	for _, line := range strings.Split(out, "\n")[1:] {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(line, "VERSION ") || strings.HasPrefix(line, "Run ") {
			continue
		}
		rows++
		if !regexp.MustCompile(`^[0-9]+\.[0-9]+$`).MatchString(f[1]) {
			t.Errorf("list: %s's version %q is not MAJOR.MINOR", f[0], f[1])
		}
	}
	if rows < 8 {
		t.Errorf("list: %d framework rows:\n%s", rows, out)
	}
	code, out, _ = run(t, "list", "--json")
	var list []generator.Description
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) == 0 {
		t.Fatalf("list --json: %d %q", code, out)
	}
	code, out, _ = run(t, "describe", "gin", "--json")
	var d generator.Description
	if code != 0 || json.Unmarshal([]byte(out), &d) != nil {
		t.Fatalf("describe --json: %d %q", code, out)
	}
	if d.Versions["gin"] != "v1.12.0" || len(d.Options) != 4 {
		t.Errorf("describe = %+v", d)
	}
	if d.Options[0].Key != "module" || d.Options[0].Default != "example.com/myapp" {
		t.Errorf("module default is shown for an example name: %+v", d.Options[0])
	}
	code, out, _ = run(t, "describe", "gin")
	for _, want := range []string{"--docker  (bool; default: false)", "--module  (string; default: example.com/myapp)", "gin            v1.12.0"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("describe gin lacks %q:\n%s", want, out)
		}
	}
}

func TestVersion(t *testing.T) {
	// A test binary has no release ldflags and a "(devel)" module version:
	// the default version, which the golden files record.
	code, out, _ := run(t, "--version")
	if code != 0 || out != "scaffold 0.1.0\n" {
		t.Errorf("--version: %d %q", code, out)
	}
	code, out, _ = run(t, "version")
	for _, want := range []string{"scaffold 0.1.0\n", "go        go1.", "\n  gin          1.12.0   template_version 3\n", "\n  spring-boot  4.1.2    template_version 2\n"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("version lacks %q: %d\n%s", want, code, out)
		}
	}
	if !strings.HasPrefix(out, "scaffold 0.1.0\n") {
		t.Errorf("the first line is not the version:\n%s", out)
	}
	code, out, _ = run(t, "version", "--json")
	var v versionJSON
	if err := json.Unmarshal([]byte(out), &v); code != 0 || err != nil {
		t.Fatalf("version --json: %d %v\n%s", code, err, out)
	}
	if v.Version != "0.1.0" || v.Source != "default" || !strings.HasPrefix(v.Go, "go1.") || len(v.Templates) != 8 {
		t.Errorf("version --json = %+v", v)
	}
	for _, tv := range v.Templates {
		if tv.Framework == "" || tv.Version == "" || tv.TemplateVersion < 1 {
			t.Errorf("template entry %+v", tv)
		}
	}
}

func TestVersionFromLdflags(t *testing.T) {
	defer func(v, c, d string) { version, commit, date = v, c, d }(version, commit, date)
	version, commit, date = "v1.4.0", "0123abc", "2026-12-01T10:00:00Z"
	b := readBuildInfo()
	if b.Version != "1.4.0" || b.Commit != "0123abc" || b.Date != "2026-12-01T10:00:00Z" || b.Source != "release" {
		t.Errorf("readBuildInfo = %+v", b)
	}
}

// failingWriter is stdout redirected to /dev/full.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

func TestOutputErrorsFail(t *testing.T) {
	for _, args := range [][]string{{"describe", "gin"}, {"describe", "gin", "--json"}, {"list"}, {"list", "--json"}, {"version"}, {"version", "--json"}} {
		var errOut bytes.Buffer
		code := Main(args, &IO{In: strings.NewReader(""), Out: failingWriter{}, Err: &errOut})
		if code != ExitFailure || !strings.Contains(errOut.String(), "no space left on device") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and the write error", args, code, errOut.String())
		}
	}
}

func TestJSONIsNotHTMLEscaped(t *testing.T) {
	code, out, _ := run(t, "list", "--json")
	if code != 0 || strings.Contains(out, `\u003e`) || strings.Contains(out, `\u003c`) || !strings.Contains(out, ">=") {
		t.Errorf("list --json escapes < and >: %d\n%s", code, out)
	}
}

func TestCompletion(t *testing.T) {
	code, out, _ := run(t, "__complete", "new", "demo", "--framework", "")
	// Completions are sorted by framework key; gin is one line among them.
	if code != 0 || !strings.Contains("\n"+out, "\ngin\tGin 1.12.0") || !strings.HasSuffix(out, ":4\n") {
		t.Errorf("framework completion: %q", out)
	}
	code, out, _ = run(t, "__complete", "new", "demo", "--framework=gin", "--set", "")
	for _, want := range []string{"module=\t", "docker=\t", "ci=\t"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("--set completion lacks %q: %q", want, out)
		}
	}
	_, out, _ = run(t, "__complete", "new", "demo", "--framework=gin", "--set", "docker=")
	if !strings.Contains(out, "docker=true\ndocker=false\n") {
		t.Errorf("--set value completion: %q", out)
	}
	_, out, _ = run(t, "__complete", "new", "demo", "--docker=")
	if !strings.Contains(out, "true\nfalse\n") {
		t.Errorf("bool flag completion: %q", out)
	}
	code, out, _ = run(t, "completion", "bash")
	if code != 0 || !strings.Contains(out, "__start_scaffold") {
		t.Errorf("completion bash: %d", code)
	}
}

func TestShellQuote(t *testing.T) {
	tests := map[string]string{
		"demo":                 "demo",
		"github.com/acme/demo": "github.com/acme/demo",
		"my app":               "'my app'",
		"it's":                 `'it'\''s'`,
		"":                     "''",
		"$HOME":                "'$HOME'",
	}
	for in, want := range tests {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// A name scaffold offers in place of a refused one is accepted when given:
// "CON" with Gin offers "con-app" (not "CON-app", which Gin refuses too),
// "café" offers "cafe". Checked through the CLI for every framework.
func TestNewOfferedNameIsAccepted(t *testing.T) {
	inTempDir(t)
	cases := map[string]map[string]string{ // name -> framework -> the offer, where pinned
		"CON":      {"gin": "con-app", "express": "CON-app", "rails": "CON-app"},
		"lpt1.txt": {"gin": "lpt1-app-txt", "express": "lpt1-app.txt"},
		"café":     {"gin": "cafe", "django": "cafe", "spring-boot": "cafe"},
		"Straße 1": {"gin": "strasse-1", "flask": "Strasse-1"},
	}
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	frameworks := catalog.Names()
	for name, pinned := range cases {
		for _, fw := range frameworks {
			code, _, errOut := run(t, "new", name, "--framework="+fw, "--no-input", "--dry-run")
			if code != 2 {
				t.Fatalf("%s %q: exit %d, want 2: %s", fw, name, code, errOut)
			}
			m := offerRe.FindStringSubmatch(errOut)
			if m == nil {
				t.Errorf("%s %q: no name offered: %s", fw, name, errOut)
				continue
			}
			offer := m[1]
			if want, ok := pinned[fw]; ok && offer != want {
				t.Errorf("%s %q: offers %q, want %q", fw, name, offer, want)
			}
			if code, _, errOut := run(t, "new", offer, "--framework="+fw, "--no-input", "--dry-run"); code != 0 {
				t.Errorf("%s %q: offers %q, which is refused (exit %d): %s", fw, name, offer, code, errOut)
			}
		}
	}
}

var offerRe = regexp.MustCompile(`(?:\(try |e\.g\. )"([^"]+)"`)

// Spring Boot: a group that cannot start a Java package is refused with what
// is valid; a derived package is cleaned as Initializr does (leading digits
// go), and lower-cased.
func TestNewSpringBootGroupAndPackage(t *testing.T) {
	inTempDir(t)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--group=class.if"}, 2, `groupId "class.if" cannot start the Java package: "class" is a Java keyword`},
		{[]string{"--group=com.if"}, 2, `"if" is a Java keyword`},
		{[]string{"--group=1com.example"}, 2, `(try "com.example")`},
		{[]string{"--group=java.lang"}, 2, "java.*"},
		{[]string{"--group=class.if", "--package=org.acme.app"}, 2, "cannot start the Java package"},
		{[]string{"--artifact=1abc"}, 0, "src/main/java/com/example/abc/DemoApplication.java"},
		{[]string{"--group=io.github.my-org"}, 0, "src/main/java/io/github/my_org/demo/"},
		{[]string{"--group=Org.Acme"}, 0, "src/main/java/org/acme/demo/"},
	} {
		args := append([]string{"new", "demo", "--framework=spring-boot", "--no-input", "--dry-run"}, tt.args...)
		code, out, errOut := run(t, args...)
		if code != tt.code || !strings.Contains(out+errOut, tt.want) {
			t.Errorf("%v: exit %d, want %d with %q:\n%s%s", tt.args, code, tt.code, tt.want, out, errOut)
		}
	}
	code, out, errOut := run(t, "new", "String", "--framework=spring-boot", "--no-input", "--dry-run")
	if code != 0 || !strings.Contains(out, "src/main/java/com/example/string/StringApplication.java") {
		t.Errorf("new String: exit %d, want the package com.example.string:\n%s%s", code, out, errOut)
	}
}
