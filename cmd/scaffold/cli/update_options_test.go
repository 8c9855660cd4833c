package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/source"
)

// withNewOptions is webVersions' v2 with two options v1 did not have: a
// bool, and a choice asked only when the bool is true.
func withNewOptions(t *testing.T) (v1, v2 fstest.MapFS) {
	t.Helper()
	v1, v2 = webVersions(t)
	manifest := strings.Replace(string(v2["web/manifest.yaml"].Data), "golden:", `  - key: docker
    kind: bool
    default: "false"
    prompt: Add a Dockerfile?
    help: a container image for the app
  - key: base
    kind: choice
    choices: [debian, alpine]
    default: debian
    prompt: Base image
    help: what the image is built on
    when: .Options.docker
golden:`, 1)
	v2["web/manifest.yaml"] = &fstest.MapFile{Data: []byte(manifest)}
	v2["web/files/Dockerfile.tmpl"] = &fstest.MapFile{Data: []byte("FROM {{.Options.base}}\n")}
	v2["web/manifest.yaml"].Data = append(v2["web/manifest.yaml"].Data, "files:\n  - match: Dockerfile.tmpl\n    when: .Options.docker\n"...)
	return v1, v2
}

func runInteractive(t *testing.T, tree fstest.MapFS, p *fakePrompter, args ...string) (int, string, string) {
	t.Helper()
	catalog, err := generator.LoadCatalog(tree)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := mainWith(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errOut, Interactive: true, Prompter: p}, catalog)
	return code, out.String(), errOut.String()
}

// At a terminal, update asks the options the new version added (and only
// those whose conditions hold), and the answers shape the update.
func TestUpdateAsksTheNewOptionsAtATerminal(t *testing.T) {
	v1, v2 := withNewOptions(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if code, _, errOut := runWith(t, v1, "new", "demo", "--framework=web", "--yes", "--dir", dir); code != 0 {
		t.Fatalf("new: %d %s", code, errOut)
	}
	p := &fakePrompter{script: []string{"y", "alpine"}}
	code, out, errOut := runInteractive(t, v2, p, "update", dir)
	if code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, out, errOut)
	}
	if len(p.asked) != 2 || p.asked[0].Message != "Add a Dockerfile?" || p.asked[1].Message != "Base image:" {
		t.Fatalf("asked %+v; want the two new options, the bool then the choice", p.asked)
	}
	if !strings.Contains(out, "template version 2 asks") {
		t.Errorf("the questions were not introduced:\n%s", out)
	}
	if got := readFile(t, filepath.Join(dir, "Dockerfile")); got != "FROM alpine\n" {
		t.Errorf("Dockerfile = %q", got)
	}
	answers := readFile(t, filepath.Join(dir, generator.AnswersFile))
	if !strings.Contains(answers, "docker: true") || !strings.Contains(answers, "base: alpine") {
		t.Errorf(".scaffold.yaml does not record the answers:\n%s", answers)
	}

	// No answer asked a second time: the project now records them.
	p = &fakePrompter{}
	if code, out, errOut := runInteractive(t, v2, p, "update", dir); code != 0 || len(p.asked) != 0 {
		t.Fatalf("second update: exit %d, asked %+v\n%s%s", code, p.asked, out, errOut)
	}
}

// A condition that does not hold skips its question; --set answers one;
// --no-input and --check never ask.
func TestUpdateAsksOnlyWhatIsOpen(t *testing.T) {
	v1, v2 := withNewOptions(t)
	for _, c := range []struct {
		name   string
		script []string
		args   []string
		asked  int
	}{
		{"condition false", []string{"n"}, nil, 1},
		{"set answers it", []string{"debian"}, []string{"--set", "docker=true"}, 1},
		{"no-input", nil, []string{"--no-input"}, 0},
		{"check", nil, []string{"--check"}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "demo")
			if code, _, errOut := runWith(t, v1, "new", "demo", "--framework=web", "--yes", "--dir", dir); code != 0 {
				t.Fatalf("new: %d %s", code, errOut)
			}
			p := &fakePrompter{script: c.script}
			code, out, errOut := runInteractive(t, v2, p, append([]string{"update", dir}, c.args...)...)
			if len(p.asked) != c.asked || len(p.script) != 0 {
				t.Fatalf("asked %+v (answers left %v); want %d questions\n%s%s", p.asked, p.script, c.asked, out, errOut)
			}
			want := 0
			if c.name == "check" {
				want = 1 // behind
			}
			if code != want {
				t.Fatalf("exit %d, want %d\n%s%s", code, want, out, errOut)
			}
		})
	}
}

// A framework from --templates updates from the history in that directory.
func TestUpdateFromATemplatesDirectory(t *testing.T) {
	v1, v2 := webVersions(t)
	root := t.TempDir()
	v1Dir, v2Dir := filepath.Join(root, "v1"), filepath.Join(root, "v2")
	writeTree(t, v1Dir, v1)
	writeTree(t, v2Dir, v2)
	dir := filepath.Join(root, "demo")
	run := func(args ...string) (int, string) {
		var out, errOut bytes.Buffer
		code := Main(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errOut})
		return code, out.String() + errOut.String()
	}
	if code, out := run("--templates", v1Dir, "new", "demo", "--framework=web", "--yes", "--no-input", "--dir", dir); code != 0 {
		t.Fatalf("new: exit %d\n%s", code, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "deps.txt"), []byte("lib==1.0\nother==2.0\nmine==3.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out := run("--templates", v2Dir, "update", dir); code != 0 {
		t.Fatalf("update: exit %d\n%s", code, out)
	}
	if got := readFile(t, filepath.Join(dir, "deps.txt")); got != "lib==1.1\nother==2.0\nmine==3.0\n" {
		t.Errorf("deps.txt = %q; want the template's bump and the user's line", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "NEW.md")); err != nil {
		t.Errorf("the new file was not added: %v", err)
	}
	// Without the history, the old version cannot be rendered: a clear error.
	if err := os.Remove(filepath.Join(v2Dir, filepath.FromSlash(source.HistoryPath("web", 1)))); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(root, "other")
	if code, out := run("--templates", v1Dir, "new", "other", "--framework=web", "--yes", "--no-input", "--dir", other); code != 0 {
		t.Fatalf("new: exit %d\n%s", code, out)
	}
	code, out := run("--templates", v2Dir, "update", other)
	if code == 0 || !strings.Contains(out, "web/history/1.zip") {
		t.Errorf("update without the frozen version: exit %d\n%s", code, out)
	}
	t.Logf("without history: %s", strings.TrimSpace(out))
}

func writeTree(t *testing.T, dir string, tree fstest.MapFS) {
	t.Helper()
	for name, f := range tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
