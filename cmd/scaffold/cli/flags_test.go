package cli

import (
	"bytes"
	"strings"
	"testing"
)

func runMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

// A flag given twice is refused rather than silently letting the last one
// win: "--docker --docker=false" is a contradiction, not a choice.
func TestFlagGivenTwice(t *testing.T) {
	for _, args := range [][]string{
		{"--docker", "--docker=false"},
		{"--module=example.com/a", "--module", "example.com/b"},
		{"--framework=gin"},
		{"--dir=a", "--dir=b"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			all := append([]string{"new", "demo", "--framework=gin", "--dry-run"}, args...)
			code, _, stderr := runMain(t, all...)
			if code != ExitUsage || !strings.Contains(stderr, "twice") {
				t.Errorf("scaffold %s: exit %d, stderr %q; want exit 2 saying the flag is given twice", strings.Join(all, " "), code, stderr)
			}
		})
	}
}

func TestTemplatesFlag(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		dir   string
		given bool
		fails bool
	}{
		{args: []string{"new", "x"}},
		{args: []string{"--templates", "d", "new"}, dir: "d", given: true},
		{args: []string{"new", "x", "--templates=d"}, dir: "d", given: true},
		{args: []string{"new", "--", "--templates=d"}},
		{args: []string{"new", "--templates"}, fails: true},
		{args: []string{"new", "--templates="}, fails: true},
		{args: []string{"--templates=a", "--templates=b"}, fails: true},
	} {
		dir, given, err := templatesFlag(tc.args)
		if dir != tc.dir || given != tc.given || (err != nil) != tc.fails {
			t.Errorf("templatesFlag(%q) = %q, %v, %v; want %q, %v, fails=%v", tc.args, dir, given, err, tc.dir, tc.given, tc.fails)
		}
	}
}

func TestTemplatesDirMustHoldFrameworks(t *testing.T) {
	for _, dir := range []string{t.TempDir(), "/nonexistent/templates"} {
		code, _, stderr := runMain(t, "list", "--templates", dir)
		if code != ExitUsage || !strings.Contains(stderr, dir) {
			t.Errorf("list --templates %s: exit %d, %q; want exit 2 naming the directory", dir, code, stderr)
		}
	}
}

// A flag that several frameworks share has framework-neutral help: no one
// framework's text (Django's --docker, Laravel's --package) stands for all.
func TestSharedFlagHelpIsNeutral(t *testing.T) {
	code, out, _ := runMain(t, "new", "--help")
	if code != 0 {
		t.Fatal(code)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && strings.HasPrefix(f[0], "--") {
			lines[strings.TrimPrefix(f[0], "--")] = l
		}
	}
	want := map[string]string{
		"docker":   "add a Dockerfile; per framework: scaffold describe FRAMEWORK [django, express, flask, gin, koa, laravel, rails, spring-boot]",
		"ci":       "add a GitHub Actions workflow; per framework: scaffold describe FRAMEWORK [",
		"database": "database (none, postgres, sqlite); per framework: scaffold describe FRAMEWORK [",
		"package":  "laravel: Composer package name; spring-boot: Java package; per framework: scaffold describe FRAMEWORK [laravel, spring-boot]",
		"module":   "the module path in go.mod (e.g. github.com/you/app); defaults to example.com/NAME [gin]",
	}
	for key, w := range want {
		if !strings.Contains(lines[key], w) {
			t.Errorf("--%s help is %q; want it to contain %q", key, lines[key], w)
		}
	}
	for _, leak := range []string{"Django", "collectstatic", "composer.json", "gunicorn"} {
		for _, key := range []string{"docker", "ci", "database", "package"} {
			if strings.Contains(lines[key], leak) {
				t.Errorf("--%s help names %q: %q", key, leak, lines[key])
			}
		}
	}
}

// Completion offers the options of the framework already chosen.
func TestCompletionIsFrameworkAware(t *testing.T) {
	_, out, _ := runMain(t, "__complete", "new", "x", "--framework=gin", "--mode=")
	if strings.Contains(out, "full") || strings.Contains(out, "api") {
		t.Errorf("gin has no --mode, yet Rails' values are offered: %q", out)
	}
	_, out, _ = runMain(t, "__complete", "new", "x", "--framework=rails", "--mode=")
	if !strings.Contains(out, "full\napi\n") {
		t.Errorf("rails --mode values: %q", out)
	}
	_, out, _ = runMain(t, "__complete", "new", "x", "-f", "gin", "--database=")
	if !strings.Contains(out, "none\nsqlite\npostgres\n") {
		t.Errorf("gin --database values: %q", out)
	}
	_, out, _ = runMain(t, "__complete", "new", "x", "--framework=gin", "--")
	for _, want := range []string{"--module\t", "--docker\t", "--dir\t"} {
		if !strings.Contains(out, want) {
			t.Errorf("--<TAB> after --framework=gin lacks %q: %q", want, out)
		}
	}
	for _, other := range []string{"--mode\t", "--java\t", "--language\t", "--package\t", "--group\t"} {
		if strings.Contains(out, other) {
			t.Errorf("--<TAB> after --framework=gin offers another framework's %q", other)
		}
	}
	// With no framework yet, every option is offered.
	_, out, _ = runMain(t, "__complete", "new", "x", "--")
	for _, want := range []string{"--mode\t", "--java\t", "--module\t"} {
		if !strings.Contains(out, want) {
			t.Errorf("--<TAB> without a framework lacks %q", want)
		}
	}
	// Hidden for completion only: the flags still work.
	if code, _, errOut := runMain(t, "new", "x", "--framework=rails", "--mode=api", "--dry-run"); code != 0 {
		t.Errorf("--mode after completion changes: %d %s", code, errOut)
	}
}
