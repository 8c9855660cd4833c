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
