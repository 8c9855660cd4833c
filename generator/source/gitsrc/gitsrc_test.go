package gitsrc

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestIsURL(t *testing.T) {
	for arg, want := range map[string]bool{
		"git@github.com:team/tpl.git":      true,
		"https://example.com/team/tpl#v1":  true,
		"ssh://git@example.com/tpl":        true,
		"file:///srv/tpl.git#main:starter": true,
		"../tpl.git":                       true,
		"../tpl.git#v2":                    true,
		"templates/gin":                    false,
		"my-template":                      false,
		"ext::sh -c touch% /tmp/x":         false,
		"/srv/tpl.gitignore":               false,
	} {
		if got := IsURL(arg); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", arg, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	for arg, want := range map[string]Spec{
		"https://x/t.git":                  {URL: "https://x/t.git"},
		"https://x/t.git#v1":               {URL: "https://x/t.git", Ref: "v1"},
		"git@host:team/t.git#main:starter": {URL: "git@host:team/t.git", Ref: "main", Subdir: "starter"},
		"file:///r.git#:templates/gin/":    {URL: "file:///r.git", Subdir: "templates/gin"},
		"file:///r.git#0123abcd":           {URL: "file:///r.git", Ref: "0123abcd"},
	} {
		got, err := Parse(arg)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", arg, got, err, want)
		}
		if err == nil && got.String() != trimSlash(arg) {
			t.Errorf("Parse(%q).String() = %q", arg, got.String())
		}
	}
	for _, arg := range []string{"#v1", "-upload-pack=x", "file:///r.git#-x", "file:///r.git#v1:../up", "file:///r.git#v1:/abs"} {
		if _, err := Parse(arg); err == nil {
			t.Errorf("Parse(%q) should fail", arg)
		}
	}
}

func trimSlash(s string) string {
	if len(s) > 0 && s[len(s)-1] == '/' {
		return s[:len(s)-1]
	}
	return s
}

// A cancelled fetch (Ctrl-C) fails and leaves no clone behind.
func TestFetchCancelledLeavesNothing(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	repo := t.TempDir()
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "x"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Fetch(ctx, Spec{URL: "file://" + filepath.ToSlash(repo), Ref: "main"}); err == nil {
		t.Fatal("a cancelled fetch succeeded")
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("a cancelled fetch left %s behind", left[0].Name())
	}
}
