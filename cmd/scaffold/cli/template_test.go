package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func mustRun(t *testing.T, want int, args ...string) (stdout, stderr string) {
	t.Helper()
	code, out, errOut := run(t, args...)
	if code != want {
		t.Fatalf("scaffold %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, out, errOut)
	}
	return out, errOut
}

// The starter template passes lint and test as soon as it is written, and
// a project made from it records where the template is.
func TestTemplateInitLintTestNew(t *testing.T) {
	dir := inTempDir(t)
	mustRun(t, 0, "template", "init", "hello")
	out, _ := mustRun(t, 0, "template", "lint", "hello")
	if !strings.Contains(out, "no findings") {
		t.Errorf("lint of the starter: %s", out)
	}
	out, _ = mustRun(t, 0, "template", "test", "hello")
	if strings.Count(out, "ok   ") != 2 {
		t.Errorf("test of the starter should pass its two golden cases:\n%s", out)
	}
	mustRun(t, 0, "new", "app", "--template", "hello", "--yes", "--format=text", "--docker")
	answers, err := os.ReadFile(filepath.Join(dir, "app", ".scaffold.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "template: " + filepath.Join(dir, "hello") + "\n"; !strings.Contains(string(answers), want) {
		t.Errorf(".scaffold.yaml does not record the template (%q):\n%s", want, answers)
	}
	if _, err := os.Stat(filepath.Join(dir, "app", "Dockerfile")); err != nil {
		t.Errorf("--docker of the template: %v", err)
	}
	// The same answers regenerate the project with no --template.
	mustRun(t, 0, "new", "--answers", "app/.scaffold.yaml", "--dir", "copy")
	mustRun(t, 0, "new", "x", "--template", "hello", "--yes", "--dry-run")
	_, errOut := mustRun(t, 2, "new", "x", "--template", "hello", "--framework", "gin", "--yes", "--dry-run")
	if !strings.Contains(errOut, "contradicts") {
		t.Errorf("--framework against --template: %s", errOut)
	}
	// A golden file that no longer matches fails the test, and --update
	// brings it back.
	app := filepath.Join(dir, "hello", "files", "app.py.tmpl")
	data, _ := os.ReadFile(app)
	if err := os.WriteFile(app, append(data, []byte("# changed\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ = mustRun(t, 1, "template", "test", "hello")
	if !strings.Contains(out, "FAIL default") || !strings.Contains(out, "+# changed") {
		t.Errorf("a changed template should fail its golden test with a diff:\n%s", out)
	}
	mustRun(t, 0, "template", "test", "--update", "hello")
	mustRun(t, 0, "template", "test", "hello")
}

func gitIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// update of a project made from a template directory renders its base from
// the template's frozen history; without one it says why it cannot.
func TestTemplateUpdateUsesFrozenHistory(t *testing.T) {
	dir := inTempDir(t)
	mustRun(t, 0, "template", "init", "hello")
	mustRun(t, 0, "new", "app", "--template", "hello", "--yes")
	project := filepath.Join(dir, "app")
	gitIn(t, project, "init", "-q")
	gitIn(t, project, "add", "-A")
	gitIn(t, project, "commit", "-qm", "new")

	manifest := filepath.Join(dir, "hello", "manifest.yaml")
	v1, _ := os.ReadFile(manifest)
	readme := filepath.Join(dir, "hello", "files", "README.md.tmpl")
	text, _ := os.ReadFile(readme)
	bump := func() {
		if err := os.WriteFile(manifest, []byte(strings.Replace(string(v1), "template_version: 1", "template_version: 2", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(readme, append(text, []byte("\nVersion 2 of the template.\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	bump()
	_, errOut := mustRun(t, 1, "update", "app")
	for _, want := range []string{"keeps no frozen copy of version 1", "scaffold template freeze"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("update without history should say %q:\n%s", want, errOut)
		}
	}

	// Back to version 1, frozen; then version 2.
	if err := os.WriteFile(manifest, v1, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(readme, text, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := mustRun(t, 0, "template", "freeze", "hello")
	if !strings.Contains(out, "frozen into") {
		t.Errorf("freeze: %s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "hello", "history", "1.zip")); err != nil {
		t.Fatal(err)
	}
	bump()
	mustRun(t, 0, "template", "freeze", "hello")
	// A frozen version is never rewritten: a change needs a new version.
	v2, _ := os.ReadFile(readme)
	if err := os.WriteFile(readme, append(v2, []byte("more\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut = mustRun(t, 1, "template", "freeze", "hello")
	if !strings.Contains(errOut, "set template_version: 3") {
		t.Errorf("freeze of a changed, frozen version should ask for a bump:\n%s", errOut)
	}
	if err := os.WriteFile(readme, v2, 0o644); err != nil {
		t.Fatal(err)
	}
	// A user edit elsewhere survives the update.
	main := filepath.Join(project, "app.py")
	code, _ := os.ReadFile(main)
	if err := os.WriteFile(main, append(code, []byte("# mine\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, project, "commit", "-qam", "edit")
	mustRun(t, 0, "update", "app")
	got, _ := os.ReadFile(filepath.Join(project, "README.md"))
	if !strings.Contains(string(got), "Version 2 of the template.") {
		t.Errorf("README.md was not updated:\n%s", got)
	}
	if code, _ := os.ReadFile(main); !strings.HasSuffix(string(code), "# mine\n") {
		t.Errorf("the user's edit of app.py was lost")
	}
	answers, _ := os.ReadFile(filepath.Join(project, ".scaffold.yaml"))
	if !strings.Contains(string(answers), "template_version: 2") {
		t.Errorf(".scaffold.yaml does not record version 2:\n%s", answers)
	}
}

func TestTemplateLintFindings(t *testing.T) {
	dir := inTempDir(t)
	mustRun(t, 0, "template", "init", "bad")
	manifest := filepath.Join(dir, "bad", "manifest.yaml")
	data, _ := os.ReadFile(manifest)
	broken := strings.Replace(string(data), "    kind: choice\n", "    kind: pick\n", 1) +
		"colour: red\n"
	if err := os.WriteFile(manifest, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	files := filepath.Join(dir, "bad", "files")
	for name, content := range map[string]string{"syntax.txt.tmpl": "line one\n{{ .Name \n", "env.txt.tmpl": "{{ env \"HOME\" }}\n"} {
		if err := os.WriteFile(filepath.Join(files, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(files, "run.sh"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(files, "passwd")); err != nil {
		t.Fatal(err)
	}
	out, _ := mustRun(t, 1, "template", "lint", "--json", "bad")
	var report struct {
		Findings []struct {
			File, Message, Fix string
			Line               int
		}
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := []struct{ file, message string }{
		{"manifest.yaml", `unknown key "colour"`},
		{"files/syntax.txt.tmpl", "template syntax"},
		{"files/env.txt.tmpl", `banned function "env"`},
		{"files/run.sh", "executable"},
		{"files/passwd", "symbolic link"},
	}
	for _, w := range want {
		found := false
		for _, f := range report.Findings {
			if f.File == w.file && strings.Contains(f.Message, w.message) && f.Fix != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("no finding %s: %q among:\n%s", w.file, w.message, out)
		}
	}
	for _, f := range report.Findings {
		if f.File == "manifest.yaml" && f.Line == 0 {
			t.Errorf("a manifest finding without its line: %+v", f)
		}
	}
	// Fixing the unknown key shows the validation errors, with their lines.
	if err := os.WriteFile(manifest, []byte(strings.TrimSuffix(broken, "colour: red\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ = mustRun(t, 1, "template", "lint", "bad")
	if !strings.Contains(out, `bad/manifest.yaml:`) || !strings.Contains(out, `kind "pick"`) {
		t.Errorf("lint should report the bad kind with its line:\n%s", out)
	}
}

func TestTemplateLintGoldenAndDestinations(t *testing.T) {
	dir := inTempDir(t)
	mustRun(t, 0, "template", "init", "bad")
	manifest := filepath.Join(dir, "bad", "manifest.yaml")
	data, _ := os.ReadFile(manifest)
	s := strings.Replace(string(data), "options: {greeting: Hi, format: text, docker: true}", "options: {format: xml}", 1)
	for rule, want := range map[string]string{
		"  - match: README.md\n    dest: app.py\n":         "both write app.py",
		"  - match: test_app.py\n    dest: ../escape.py\n": `"../escape.py" has an empty, '.' or '..' element`,
		"  - match: test_app.py\n    dest: /tmp/x.py\n":    "is absolute",
	} {
		if err := os.WriteFile(manifest, []byte(strings.Replace(s, "files:\n", "files:\n"+rule, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		out, _ := mustRun(t, 1, "template", "lint", "bad")
		for _, w := range []string{`golden case "text-docker" does not resolve`, want} {
			if !strings.Contains(out, w) {
				t.Errorf("lint should report %q:\n%s", w, out)
			}
		}
	}
}

// The FastAPI fixture (testdata/templates/fastapi, test data only) passes
// lint and its golden test; its e2e run is part of make e2e.
func TestTemplateFixtureFastAPI(t *testing.T) {
	fixture, err := filepath.Abs("../../../testdata/templates/fastapi")
	if err != nil {
		t.Fatal(err)
	}
	inTempDir(t)
	out, _ := mustRun(t, 0, "template", "lint", fixture)
	if !strings.Contains(out, "no findings") {
		t.Errorf("lint: %s", out)
	}
	out, _ = mustRun(t, 0, "template", "test", fixture)
	if strings.Count(out, "ok   ") != 2 {
		t.Errorf("test: %s", out)
	}
}

// A template holding a symbolic link (wherever it points) or a dest
// leaving the project is refused by new, and nothing is written.
func TestTemplateHostileRefused(t *testing.T) {
	dir := inTempDir(t)
	mustRun(t, 0, "template", "init", "evil")
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "evil", "files", "passwd")); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "new", "app", "--template", "evil", "--yes")
	if code == 0 || !strings.Contains(errOut, "symbolic link") {
		t.Errorf("exit %d, %s", code, errOut)
	}
	if err := os.Remove(filepath.Join(dir, "evil", "files", "passwd")); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(dir, "evil", "manifest.yaml")
	data, _ := os.ReadFile(manifest)
	bad := strings.Replace(string(data), "files:\n", "files:\n  - match: README.md\n    dest: ../../escape.md\n", 1)
	if err := os.WriteFile(manifest, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = run(t, "new", "app", "--template", "evil", "--yes")
	if code == 0 || !strings.Contains(errOut, "README.md") {
		t.Errorf("exit %d, %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "app")); err == nil {
		t.Errorf("a refused template wrote the project")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.md")); err == nil {
		t.Errorf("a destination escaped")
	}
}

// A template test that compares with nothing fails: without golden files
// (until --update writes them once), or without a golden case at all (the
// manifest is refused).
func TestTemplateTestWithoutGolden(t *testing.T) {
	dir := inTempDir(t)
	mustRun(t, 0, "template", "init", "hello")
	if err := os.RemoveAll(filepath.Join(dir, "hello", "golden")); err != nil {
		t.Fatal(err)
	}
	out, _ := mustRun(t, 1, "template", "test", "hello")
	if !strings.Contains(out, "keeps no golden files") || !strings.Contains(out, "scaffold template test --update hello") {
		t.Errorf("test without golden files:\n%s", out)
	}
	mustRun(t, 0, "template", "test", "--update", "hello")
	out, _ = mustRun(t, 0, "template", "test", "hello")
	if strings.Count(out, "ok   ") != 2 {
		t.Errorf("after --update, both cases pass:\n%s", out)
	}

	manifest := filepath.Join(dir, "hello", "manifest.yaml")
	data, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	head, _, ok := strings.Cut(string(data), "\ngolden:\n")
	if !ok {
		t.Fatalf("the starter manifest has no golden: section:\n%s", data)
	}
	// The starter's golden: section runs to the next top-level key.
	rest := string(data)[len(head)+len("\ngolden:\n"):]
	for rest != "" && (rest[0] == ' ' || rest[0] == '-' || rest[0] == '\n' || rest[0] == '#') {
		_, rest, _ = strings.Cut(rest, "\n")
	}
	if err := os.WriteFile(manifest, []byte(head+"\n"+rest), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut := mustRun(t, 1, "template", "test", "hello")
	if !strings.Contains(errOut, "golden: at least one case") {
		t.Errorf("test without golden cases:\n%s\n%s", out, errOut)
	}
}

// The built-in frameworks pass `template test` from a checkout of scaffold as
// a custom template would: against the repository's own golden files, and
// with the templates tree's shared layers (express, koa) found beside them.
func TestTemplateTestBuiltIn(t *testing.T) {
	for _, fw := range []string{"express", "koa", "gin", "flask", "django", "rails", "laravel", "spring-boot"} {
		dir, err := filepath.Abs("../../../templates/" + fw)
		if err != nil {
			t.Fatal(err)
		}
		cases, err := filepath.Glob("../../../testdata/golden/" + fw + "/*.txtar")
		if err != nil || len(cases) == 0 {
			t.Fatalf("%s: no golden files (%v)", fw, err)
		}
		out, _ := mustRun(t, 0, "template", "test", dir)
		if !strings.Contains(out, "golden files: ") || strings.Count(out, "ok   ") != len(cases) {
			t.Errorf("template test %s: want %d cases ok against testdata/golden/%s:\n%s", fw, len(cases), fw, out)
		}
	}
}
