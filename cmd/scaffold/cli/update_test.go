package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/source"
)

const webManifest = `name: web
title: Web
description: a framework for update tests
language: Text
version: "1"
template_version: %d
options:
  - key: port
    kind: string
    default: "8080"
    prompt: Port
    help: the port it listens on
golden: [{name: default}]
`

// webVersions builds a templates tree whose framework "web" is at version 2,
// with version 1 frozen: v2 changes a line near the end of the README,
// bumps a pinned version, adds a file and drops one.
func webVersions(t *testing.T) (v1, v2 fstest.MapFS) {
	t.Helper()
	v1 = fstest.MapFS{
		"web/manifest.yaml":        {Data: []byte(fmt.Sprintf(webManifest, 1))},
		"web/files/README.md.tmpl": {Data: []byte("# {{.Name}}\n\nIntro.\n\nRun it:\n\n    make run\n\nPort {{.Options.port}}.\n")},
		"web/files/deps.txt":       {Data: []byte("lib==1.0\nother==2.0\n")},
		"web/files/old.txt":        {Data: []byte("dropped in v2\n")},
		"web/files/logo.bin":       {Data: []byte("\x00\x01logo-v1")},
	}
	archive, err := source.Freeze(v1, "web", nil)
	if err != nil {
		t.Fatal(err)
	}
	v2 = fstest.MapFS{
		"web/manifest.yaml":        {Data: []byte(fmt.Sprintf(webManifest, 2))},
		"web/history/1.zip":        {Data: archive},
		"web/files/README.md.tmpl": {Data: []byte("# {{.Name}}\n\nIntro.\n\nRun it:\n\n    make serve\n\nPort {{.Options.port}}.\n")},
		"web/files/deps.txt":       {Data: []byte("lib==1.1\nother==2.0\n")},
		"web/files/NEW.md":         {Data: []byte("new in v2\n")},
		"web/files/logo.bin":       {Data: []byte("\x00\x01logo-v2")},
	}
	return v1, v2
}

func runWith(t *testing.T, tree fstest.MapFS, args ...string) (int, string, string) {
	t.Helper()
	catalog, err := generator.LoadCatalog(tree)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := mainWith(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errOut}, catalog)
	return code, out.String(), errOut.String()
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestUpdateMergesTheNewTemplateIntoAnEditedProject(t *testing.T) {
	v1, v2 := webVersions(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if code, _, errOut := runWith(t, v1, "new", "demo", "--framework=web", "--yes", "--dir", dir); code != 0 {
		t.Fatalf("new: %d %s", code, errOut)
	}
	// The user's edits: the README's intro, a file of their own; the binary left alone.
	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte(strings.Replace(readFile(t, readme), "Intro.", "Our service.", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runWith(t, v2, "update", dir, "--check")
	if code != 1 || !strings.Contains(out, "template version 1; this scaffold has 2") {
		t.Fatalf("--check: %d %q %q; want exit 1 saying the project is behind", code, out, errOut)
	}
	code, out, _ = runWith(t, v2, "update", dir, "--dry-run", "--json")
	var report struct {
		From, To int
		Changes  []struct{ Path, Action, Diff string }
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil || code != 0 || report.From != 1 || report.To != 2 {
		t.Fatalf("--dry-run --json: %d %v\n%s", code, err, out)
	}
	if readFile(t, readme) == "" || strings.Contains(readFile(t, readme), "make serve") {
		t.Fatal("--dry-run wrote")
	}

	code, out, errOut = runWith(t, v2, "update", dir)
	if code != 0 {
		t.Fatalf("update: %d\n%s\n%s", code, out, errOut)
	}
	if got, want := readFile(t, readme), "# demo\n\nOur service.\n\nRun it:\n\n    make serve\n\nPort 8080.\n"; got != want {
		t.Errorf("README.md = %q, want both sides' changes %q", got, want)
	}
	for p, want := range map[string]string{"deps.txt": "lib==1.1\nother==2.0\n", "NEW.md": "new in v2\n", "notes.txt": "mine\n", "logo.bin": "\x00\x01logo-v2"} {
		if got := readFile(t, filepath.Join(dir, p)); got != want {
			t.Errorf("%s = %q, want %q", p, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "old.txt")); !os.IsNotExist(err) {
		t.Errorf("old.txt (dropped by the template, never edited) is still there: %v", err)
	}
	if a := readFile(t, filepath.Join(dir, generator.AnswersFile)); !strings.Contains(a, "template_version: 2") {
		t.Errorf(".scaffold.yaml does not record version 2:\n%s", a)
	}
	for _, w := range []string{"merged", "README.md", "updated", "deps.txt", "added", "NEW.md", "removed", "old.txt"} {
		if !strings.Contains(out, w) {
			t.Errorf("the report does not mention %q:\n%s", w, out)
		}
	}
	if code, out, _ := runWith(t, v2, "update", dir, "--check"); code != 0 || !strings.Contains(out, "current") {
		t.Errorf("--check after the update: %d %q", code, out)
	}
}

func TestUpdateConflictsExitOneWithMarkers(t *testing.T) {
	v1, v2 := webVersions(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if code, _, errOut := runWith(t, v1, "new", "demo", "--framework=web", "--yes", "--dir", dir); code != 0 {
		t.Fatalf("new: %d %s", code, errOut)
	}
	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte(strings.Replace(readFile(t, readme), "make run", "./run.sh", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "logo.bin"), []byte("\x00my logo"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runWith(t, v2, "update", dir)
	if code != 1 || !strings.Contains(errOut, "README.md") || !strings.Contains(errOut, "logo.bin") {
		t.Fatalf("update: %d\n%s\n%s; want exit 1 listing README.md and logo.bin", code, out, errOut)
	}
	got := readFile(t, readme)
	for _, m := range []string{"<<<<<<< ours", "./run.sh", "||||||| base", "make run", "=======", "make serve", ">>>>>>> template"} {
		if !strings.Contains(got, m) {
			t.Errorf("README.md has no %q:\n%s", m, got)
		}
	}
	if readFile(t, filepath.Join(dir, "logo.bin")) != "\x00my logo" || readFile(t, filepath.Join(dir, "logo.bin.scaffold-new")) != "\x00\x01logo-v2" {
		t.Error("a binary conflict must keep ours and write the template's beside it")
	}
}

func TestUpdateRefusesBadProjects(t *testing.T) {
	_, v2 := webVersions(t)
	dir := t.TempDir()
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, generator.AnswersFile), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		answers string
		want    string
	}{
		{"", "has no .scaffold.yaml"},
		{"framework: wbe\nname: demo\ntemplate_version: 1\n", `unknown framework "wbe" (did you mean "web"?)`},
		{"framework: web\nname: demo\ntemplate_version: 7\n", "newer than this scaffold's 2"},
		{"framework: [web\n", "answers file"},
	}
	for _, c := range cases {
		if c.answers != "" {
			write(c.answers)
		}
		code, _, errOut := runWith(t, v2, "update", dir)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("answers %q: exit %d, %q; want 2 and %q", c.answers, code, errOut, c.want)
		}
		if code, _, _ := runWith(t, v2, "update", dir, "--check"); code != 1 {
			t.Errorf("answers %q with --check: exit %d, want 1", c.answers, code)
		}
	}
	if code, _, errOut := runWith(t, v2, "update", dir, "--json"); code != 2 || !strings.Contains(errOut, "--dry-run") {
		t.Errorf("--json alone: %d %q", code, errOut)
	}
}

func TestUpdateRefusesADirtyWorkTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	v1, v2 := webVersions(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if code, _, errOut := runWith(t, v1, "new", "demo", "--framework=web", "--yes", "--dir", dir); code != 0 {
		t.Fatalf("new: %d %s", code, errOut)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "new"}} {
		if out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	readme := filepath.Join(dir, "README.md")
	if err := os.WriteFile(readme, []byte("uncommitted\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runWith(t, v2, "update", dir)
	if code != 2 || !strings.Contains(errOut, "uncommitted changes") || !strings.Contains(errOut, "--allow-dirty") {
		t.Fatalf("update of a dirty tree: %d %q", code, errOut)
	}
	if readFile(t, readme) != "uncommitted\n" {
		t.Fatal("the refused update changed a file")
	}
	if code, out, errOut := runWith(t, v2, "update", dir, "--allow-dirty"); code != 1 || !strings.Contains(errOut, "README.md") {
		t.Fatalf("--allow-dirty: %d\n%s\n%s; want the update, with README.md in conflict", code, out, errOut)
	}
}
