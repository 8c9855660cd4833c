package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAnswersFileErrors(t *testing.T) {
	dir := inTempDir(t)
	write := func(name, content string) string {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
	big := make([]byte, maxAnswersSize+10)
	for i := range big {
		big[i] = '#'
	}
	os.Mkdir(filepath.Join(dir, "proj"), 0o755)
	tests := []struct {
		name, file string
		want       string
	}{
		{"empty", write("empty.yaml", ""), "answers file empty.yaml is empty; it should be the .scaffold.yaml that scaffold wrote into a project"},
		{"comments only", write("comments.yaml", "# nothing\n\n"), "answers file comments.yaml is empty"},
		{"unknown key", write("bogus.yaml", "framework: gin\nname: demo\nbogus: 1\n"), "answers file bogus.yaml: line 3: field bogus not found; it may hold only scaffold_version, framework, framework_version, template_version, name, options"},
		{"no name", write("noname.yaml", "framework: gin\n"), "answers file noname.yaml: framework and name are required; a .scaffold.yaml written by scaffold has both"},
		{"not yaml", write("bad.yaml", "{{{\n"), "answers file bad.yaml: line "},
		{"a directory", "proj", "answers file proj is a directory; give the project's .scaffold.yaml (proj/.scaffold.yaml)"},
		{"too large", write("big.yaml", string(big)), "answers file big.yaml is larger than 1024 KiB, so not a .scaffold.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, "new", "--answers", tt.file)
			if code != ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
		})
	}
}

func TestAnswersContradictions(t *testing.T) {
	dir := inTempDir(t)
	if code, _, errOut := run(t, "new", "dj", "--framework=django"); code != 0 {
		t.Fatal(errOut)
	}
	answers := filepath.Join("dj", ".scaffold.yaml")
	code, _, errOut := run(t, "new", "--answers", answers, "--framework=gin", "--dir", "copy")
	if code != ExitUsage || !strings.Contains(errOut, "--framework=gin contradicts dj/.scaffold.yaml, which is a django project; drop --framework") {
		t.Errorf("another framework than the answers': exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "copy")); err == nil {
		t.Error("a project was written")
	}
	// The same framework is no contradiction.
	if code, _, errOut := run(t, "new", "--answers", answers, "--framework=django", "--dir", "same"); code != 0 || errOut != "" {
		t.Errorf("--framework equal to the answers': %d %q", code, errOut)
	}
	data, _ := os.ReadFile(filepath.Join(dir, answers))
	old := strings.Replace(string(data), `framework_version: "5.2"`, `framework_version: "4.2"`, 1)
	if old == string(data) {
		t.Fatalf("no framework_version line in\n%s", data)
	}
	os.WriteFile(filepath.Join(dir, answers), []byte(old), 0o644)
	code, _, errOut = run(t, "new", "--answers", answers, "--dir", "older")
	if code != 0 || !strings.Contains(errOut, "note: dj/.scaffold.yaml was generated for Django 4.2; this scaffold generates Django 5.2") {
		t.Errorf("framework_version mismatch: %d %q", code, errOut)
	}
}

func TestSetGivenTwiceNamesBoth(t *testing.T) {
	inTempDir(t)
	code, _, errOut := run(t, "new", "demo", "-f", "gin", "--set", "database=postgres", "--set", "database=sqlite")
	if code != ExitUsage || !strings.Contains(errOut, `option "database" is given twice (--set database=postgres, then --set database=sqlite); give it once`) {
		t.Errorf("exit %d: %q", code, errOut)
	}
}

func TestNameInWordsSuggestsHyphens(t *testing.T) {
	inTempDir(t)
	code, _, errOut := run(t, "new", "my", "app", "-f", "gin")
	if code != ExitUsage || !strings.Contains(errOut, `did you mean "my-app"?`) || strings.Contains(errOut, "quote") {
		t.Errorf("exit %d: %q", code, errOut)
	}
	// and the suggestion is itself accepted
	if code, _, errOut := run(t, "new", "my-app", "-f", "gin"); code != 0 {
		t.Errorf("the suggested name is refused: %d %q", code, errOut)
	}
}

func TestDirRootIsRefused(t *testing.T) {
	inTempDir(t)
	for _, args := range [][]string{{"--dir", "/"}, {"--dir", "/", "--force"}, {"--dir", "/", "--dry-run"}} {
		code, _, errOut := run(t, append([]string{"new", "demo", "-f", "gin"}, args...)...)
		if code != ExitUsage || !strings.Contains(errOut, "--dir / is the root of the file system; give the project a directory of its own, e.g. --dir /demo") || strings.Contains(errOut, "add --force") {
			t.Errorf("%v: exit %d: %q", args, code, errOut)
		}
	}
}

func TestChoiceHints(t *testing.T) {
	inTempDir(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-f", "express", "--language=TS"}, `option "language" must be one of js, ts, not "TS" (did you mean "ts"?)`},
		{[]string{"-f", "express", "--database=Postgres"}, `(did you mean "postgres"?)`},
		{[]string{"-f", "spring-boot", "--java=11"}, `not "11" (11 is not supported: 17 is the lowest; did you mean "17"?)`},
		{[]string{"-f", "spring-boot", "--java=26"}, `not "26" (26 is not supported yet: 25 is the highest)`},
	}
	for _, tt := range tests {
		code, _, errOut := run(t, append([]string{"new", "x", "--dry-run"}, tt.args...)...)
		if code != ExitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}
