package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

func builtinCatalog(t *testing.T) *generator.Catalog {
	t.Helper()
	c, err := generator.LoadCatalog(templates.FS, generator.WithoutE2E())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func runCatalog(t *testing.T, c *generator.Catalog, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := mainWith(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errOut}, c)
	return code, out.String() + errOut.String()
}

// readTree is every file under dir with its mode, by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = info.Mode().String() + "\n" + string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The invariant of add: on an unedited project, `scaffold add X=Y` gives
// byte for byte what `scaffold new` with X=Y gives with the project's seed
// (add itself has another, as a real one does: the project's secrets must
// survive), for every option and value of every framework that add may
// change and that applies to a default project.
func TestAddEqualsNewWithTheOption(t *testing.T) {
	c := builtinCatalog(t)
	cases := 0
	for _, m := range c.Manifests() {
		defaults := map[string]string{}
		for _, opt := range m.Options {
			applies, def, err := generator.OptionDefault(m, "demo", defaults, opt.Key)
			if err != nil {
				t.Fatal(err)
			}
			if applies {
				defaults[opt.Key] = def
			}
		}
		for _, opt := range m.Options {
			if _, fixed := m.Fixed[opt.Key]; fixed {
				continue
			}
			var values []string
			switch opt.Kind {
			case generator.KindBool:
				values = []string{"true", "false"}
			case generator.KindChoice:
				values = opt.Choices
			default:
				// Free text: the values the golden cases give it.
				for _, gc := range m.Golden {
					if v, ok := gc.Options[opt.Key]; ok {
						values = append(values, generator.FormatOptionValue(v))
					}
				}
			}
			for _, v := range values {
				if def, ok := defaults[opt.Key]; !ok || def == v {
					continue // does not apply to a default project, or no change
				}
				name := m.Name + "/" + opt.Key + "=" + v
				t.Run(name, func(t *testing.T) {
					root := t.TempDir()
					viaAdd, viaNew := filepath.Join(root, "add", "demo"), filepath.Join(root, "new", "demo")
					for _, d := range []string{viaAdd, viaNew} {
						if err := os.MkdirAll(filepath.Dir(d), 0o755); err != nil {
							t.Fatal(err)
						}
					}
					if code, out := runCatalog(t, c, "new", "demo", "--framework="+m.Name, "--yes", "--no-input", "--seed=add", "--dir", viaAdd); code != 0 {
						t.Fatalf("new: exit %d\n%s", code, out)
					}
					if code, out := runCatalog(t, c, "add", opt.Key+"="+v, "-C", viaAdd, "--seed=another", "--no-input", "--allow-dirty"); code != 0 {
						t.Fatalf("add: exit %d\n%s", code, out)
					}
					if code, out := runCatalog(t, c, "new", "demo", "--framework="+m.Name, "--yes", "--no-input", "--seed=add", "--set", opt.Key+"="+v, "--dir", viaNew); code != 0 {
						t.Fatalf("new --set: exit %d\n%s", code, out)
					}
					got, want := readTree(t, viaAdd), readTree(t, viaNew)
					for p, w := range want {
						if g, ok := got[p]; !ok {
							t.Errorf("%s: missing after add", p)
						} else if g != w {
							t.Errorf("%s differs after add:\n%s", p, firstDifference(g, w))
						}
					}
					for p := range got {
						if _, ok := want[p]; !ok {
							t.Errorf("%s: left by add, not made by new", p)
						}
					}
				})
				cases++
			}
		}
	}
	if cases < 35 {
		t.Fatalf("only %d option changes were tried", cases)
	}
	t.Logf("%d option changes, each equal to new", cases)
}

func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n  add: " + gl + "\n  new: " + wl
		}
	}
	return "(same lines)"
}

// Every refusal is a usage error (exit 2) that says what to do, and leaves
// the project as it was.
func TestAddRefusals(t *testing.T) {
	c := builtinCatalog(t)
	root := t.TempDir()
	gin := filepath.Join(root, "gin")
	if code, out := runCatalog(t, c, "new", "demo", "--framework=gin", "--yes", "--no-input", "--dir", gin); code != 0 {
		t.Fatalf("new: %d %s", code, out)
	}
	before := readTree(t, gin)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"add"}, "needs at least one option"},
		{[]string{"add", "dokcer"}, `did you mean "docker"?`},
		{[]string{"add", "module=example.com/other"}, "cannot be changed once the project exists: the module path"},
		{[]string{"add", "database=mongo"}, "must be one of"},
		{[]string{"add", "database"}, `option "database" needs a value`},
		{[]string{"add", "docker=maybe"}, "true or false"},
		{[]string{"add", "docker=false"}, `already false in this project`},
		{[]string{"add", "docker", "docker=true"}, "given twice"},
		{[]string{"remove", "docker"}, "already false"},
		{[]string{"remove", "docker=true"}, "remove takes option names"},
		{[]string{"add", "docker", "--set", "ci=true"}, "unknown flag"},
	} {
		code, out := runCatalog(t, c, append(tc.args, "-C", gin)...)
		if code != 2 || !strings.Contains(out, tc.want) {
			t.Errorf("scaffold %s: exit %d, want 2 and %q:\n%s", strings.Join(tc.args, " "), code, tc.want, out)
		}
	}
	if after := readTree(t, gin); len(after) != len(before) {
		t.Fatalf("a refused change touched the project")
	} else {
		for p, data := range before {
			if after[p] != data {
				t.Errorf("a refused change touched %s", p)
			}
		}
	}
	if code, out := runCatalog(t, c, "add", "docker", "-C", filepath.Join(root, "nowhere")); code != 2 || !strings.Contains(out, "has no .scaffold.yaml") {
		t.Errorf("add outside a project: exit %d\n%s", code, out)
	}
}

// add keeps the user's edits, reports what it did, records the answers, and
// remove takes the option out again.
func TestAddAndRemoveKeepEdits(t *testing.T) {
	c := builtinCatalog(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if code, out := runCatalog(t, c, "new", "demo", "--framework=flask", "--yes", "--no-input", "--dir", dir); code != 0 {
		t.Fatalf("new: %d %s", code, out)
	}
	readme := filepath.Join(dir, "README.md")
	lines := strings.SplitN(readFile(t, readme), "\n", 2)
	edited := lines[0] + "\n\nOur team's notes.\n" + lines[1]
	if err := os.WriteFile(readme, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := runCatalog(t, c, "add", "docker", "ci", "-C", dir)
	if code != 0 {
		t.Fatalf("add: exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "Changed docker=true, ci=true in "+dir) || !strings.Contains(out, "added") {
		t.Errorf("report:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err != nil {
		t.Errorf("no Dockerfile after add docker: %v", err)
	}
	if got := readFile(t, readme); !strings.Contains(got, "Our team's notes.") {
		t.Errorf("the README edit was lost:\n%s", got)
	}
	answers := readFile(t, filepath.Join(dir, generator.AnswersFile))
	if !strings.Contains(answers, "docker: true") || !strings.Contains(answers, "ci: true") {
		t.Errorf(".scaffold.yaml:\n%s", answers)
	}
	if code, out := runCatalog(t, c, "remove", "docker", "-C", dir, "--dry-run"); code != 0 || !strings.Contains(out, "Would change docker=false") {
		t.Errorf("remove --dry-run: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); err != nil {
		t.Errorf("--dry-run removed the Dockerfile: %v", err)
	}
	if code, out := runCatalog(t, c, "remove", "docker", "-C", dir); code != 0 {
		t.Fatalf("remove: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "Dockerfile")); !os.IsNotExist(err) {
		t.Errorf("the Dockerfile is still there after remove docker: %v", err)
	}
	if got := readFile(t, readme); !strings.Contains(got, "Our team's notes.") {
		t.Errorf("the README edit was lost by remove:\n%s", got)
	}
}

// When the project is behind, the change brings the update with it, and
// an option asked only under a condition applies once the condition holds.
func TestAddWhenBehind(t *testing.T) {
	v1, v2 := withNewOptions(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if code, _, errOut := runWith(t, v1, "new", "demo", "--framework=web", "--yes", "--dir", dir); code != 0 {
		t.Fatalf("new: %d %s", code, errOut)
	}
	if code, out, errOut := runWith(t, v2, "add", "base=alpine", "-C", dir); code != 2 || !strings.Contains(errOut, "does not apply") {
		t.Fatalf("add base without docker: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := runWith(t, v2, "add", "docker", "base=alpine", "-C", dir, "--no-input")
	if code != 0 {
		t.Fatalf("add: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "with the update from template version 1 to 2") {
		t.Errorf("the report does not say the update came along:\n%s", out)
	}
	if got := readFile(t, filepath.Join(dir, "Dockerfile")); got != "FROM alpine\n" {
		t.Errorf("Dockerfile = %q", got)
	}
	if got := readFile(t, filepath.Join(dir, "deps.txt")); got != "lib==1.1\nother==2.0\n" {
		t.Errorf("deps.txt = %q: the update did not come with the change", got)
	}
}

// Completion offers the project's own framework's options and values.
func TestAddCompletion(t *testing.T) {
	c := builtinCatalog(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if code, out := runCatalog(t, c, "new", "demo", "--framework=gin", "--yes", "--no-input", "--dir", dir); code != 0 {
		t.Fatalf("new: %d %s", code, out)
	}
	_, out := runCatalog(t, c, "__complete", "add", "-C", dir, "")
	for _, want := range []string{"docker\t", "ci\t", "database="} {
		if !strings.Contains(out, want) {
			t.Errorf("add <TAB> lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "module") || strings.Contains(out, "mode=") {
		t.Errorf("add <TAB> offers a fixed option or another framework's:\n%s", out)
	}
	_, out = runCatalog(t, c, "__complete", "add", "-C", dir, "database=")
	if !strings.Contains(out, "database=postgres") || !strings.Contains(out, "database=sqlite") {
		t.Errorf("add database=<TAB>:\n%s", out)
	}
}

// update --set completes the project's own options too.
func TestUpdateSetCompletion(t *testing.T) {
	c := builtinCatalog(t)
	dir := filepath.Join(t.TempDir(), "demo")
	if code, out := runCatalog(t, c, "new", "demo", "--framework=django", "--yes", "--no-input", "--dir", dir); code != 0 {
		t.Fatalf("new: %d %s", code, out)
	}
	_, out := runCatalog(t, c, "__complete", "update", dir, "--set", "")
	if !strings.Contains(out, "database=") || !strings.Contains(out, "docker=") || strings.Contains(out, "language=") {
		t.Errorf("update --set <TAB>:\n%s", out)
	}
	_, out = runCatalog(t, c, "__complete", "update", dir, "--set", "database=")
	if !strings.Contains(out, "database=postgres") {
		t.Errorf("update --set database=<TAB>:\n%s", out)
	}
}
