package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain keeps the tests of this package from the developer's own local
// templates: Main reads $XDG_CONFIG_HOME/scaffold/templates.
func TestMain(m *testing.M) {
	empty, err := os.MkdirTemp("", "scaffold-cli-config-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", empty)
	code := m.Run()
	os.RemoveAll(empty)
	os.Exit(code)
}

// localTemplates points XDG_CONFIG_HOME at a new directory and returns
// the templates directory under it.
func localTemplates(t *testing.T) string {
	t.Helper()
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	dir := filepath.Join(config, "scaffold", "templates")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A template kept in the config directory is listed and described with
// where it is, and generates with --framework NAME; a broken one beside it
// is listed with its error and hides nothing.
func TestLocalTemplates(t *testing.T) {
	local := localTemplates(t)
	work := inTempDir(t)
	mustRun(t, 0, "template", "init", filepath.Join(local, "mine"))
	broken := filepath.Join(local, "broken")
	if err := os.MkdirAll(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "manifest.yaml"), []byte("name: broken\nbogus: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Neither a file nor a hidden directory is a template.
	if err := os.WriteFile(filepath.Join(local, "README"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(local, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}

	out, errOut := mustRun(t, 0, "list")
	for _, want := range []string{"\nmine ", "\ngin ", "\nbroken ", filepath.Join(local, "mine"), filepath.Join(local, "broken"), "bogus"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "README") || strings.Contains(out, ".git") {
		t.Errorf("list shows what is no template:\n%s", out)
	}
	if !strings.Contains(errOut, "broken is listed but cannot be used") {
		t.Errorf("list says nothing on stderr of the broken template: %q", errOut)
	}

	out, _ = mustRun(t, 0, "list", "--json")
	var listed []struct {
		Name, Source, Error string
	}
	if err := json.Unmarshal([]byte(out), &listed); err != nil {
		t.Fatal(err)
	}
	sources := map[string]string{}
	for _, l := range listed {
		sources[l.Name] = l.Source
		if (l.Error != "") != (l.Name == "broken") {
			t.Errorf("list --json: %s has error %q", l.Name, l.Error)
		}
	}
	if sources["gin"] != "built-in" || sources["mine"] != filepath.Join(local, "mine") || sources["broken"] != filepath.Join(local, "broken") {
		t.Errorf("list --json sources: %v", sources)
	}

	out, _ = mustRun(t, 0, "describe", "mine")
	if !strings.Contains(out, "Template: "+filepath.Join(local, "mine")) {
		t.Errorf("describe of a local template does not say where it is:\n%s", out)
	}
	out, _ = mustRun(t, 0, "describe", "gin")
	if strings.Contains(out, "Template:") {
		t.Errorf("describe of a built-in names a template directory:\n%s", out)
	}
	_, errOut = mustRun(t, 1, "describe", "broken")
	if !strings.Contains(errOut, "bogus") {
		t.Errorf("describe of the broken template: %s", errOut)
	}

	mustRun(t, 0, "new", "app", "--framework", "mine", "--yes", "--docker")
	answers, err := os.ReadFile(filepath.Join(work, "app", ".scaffold.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "template: " + filepath.Join(local, "mine") + "\n"; !strings.Contains(string(answers), want) {
		t.Errorf(".scaffold.yaml does not record the local template (%q):\n%s", want, answers)
	}
	if _, err := os.Stat(filepath.Join(work, "app", "Dockerfile")); err != nil {
		t.Errorf("--docker, an option of the local template: %v", err)
	}
	// A name is not a directory: --template takes a path, and says how to
	// use a local template by its name.
	_, errOut = mustRun(t, 2, "new", "x", "--template", "mine", "--yes", "--dry-run")
	if !strings.Contains(errOut, "--framework mine") {
		t.Errorf("--template NAME of a local template: %s", errOut)
	}
}

// A local template named like a built-in framework does not replace it:
// the built-in is used and a warning names both, unless --template gives
// the local one explicitly.
func TestLocalTemplateNeverShadowsBuiltIn(t *testing.T) {
	local := localTemplates(t)
	inTempDir(t)
	gin := filepath.Join(local, "gin")
	mustRun(t, 0, "template", "init", gin)

	out, errOut := mustRun(t, 0, "describe", "gin")
	if strings.Contains(out, "Template:") {
		t.Errorf("the local gin replaced the built-in:\n%s", out)
	}
	if !strings.Contains(errOut, "local template gin ("+gin+")") || !strings.Contains(errOut, "built-in framework gin (built into scaffold), which is used") {
		t.Errorf("no warning naming both gins: %q", errOut)
	}
	out, _ = mustRun(t, 0, "list")
	if strings.Contains(out, gin) {
		t.Errorf("list shows the shadowed local template as usable:\n%s", out)
	}
	out, errOut = mustRun(t, 0, "new", "x", "--framework", "gin", "--yes", "--dry-run")
	if !strings.Contains(out, "go.mod") || !strings.Contains(errOut, "warning") {
		t.Errorf("new --framework gin: want the built-in and a warning:\nstdout:\n%s\nstderr:\n%s", out, errOut)
	}
	out, errOut = mustRun(t, 0, "new", "x", "--template", gin, "--yes", "--dry-run")
	if strings.Contains(out, "go.mod") || strings.Contains(errOut, "warning") {
		t.Errorf("new --template %s: want the local template and no warning:\nstdout:\n%s\nstderr:\n%s", gin, out, errOut)
	}
	// Completion prints no warning.
	_, errOut = mustRun(t, 0, "__complete", "new", "--framework", "")
	if strings.Contains(errOut, "warning") {
		t.Errorf("completion warns: %q", errOut)
	}
}
