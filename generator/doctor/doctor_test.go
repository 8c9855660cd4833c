package doctor

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// fake is a machine with the given commands and what they print.
func fake(outputs map[string]string) System {
	return System{
		LookPath: func(cmd string) (string, error) {
			if _, ok := outputs[cmd]; ok {
				return "/fake/bin/" + cmd, nil
			}
			return "", exec.ErrNotFound
		},
		Output: func(_ context.Context, path string, args ...string) ([]byte, error) {
			out := outputs[strings.TrimPrefix(path, "/fake/bin/")]
			if out == "FAIL" {
				return nil, errors.New("exit status 1")
			}
			return []byte(out), nil
		},
	}
}

func TestCheck(t *testing.T) {
	sys := fake(map[string]string{
		"go":     "go version go1.26.8 linux/amd64\n",
		"java":   "openjdk version \"17.0.15\" 2025-04-15\nOpenJDK Runtime Environment\n",
		"ruby":   "ruby 3.1.2p20 (2022-04-12 revision 4491bb740a) [x86_64-linux-gnu]\n",
		"node":   "v20.20.2\n",
		"broken": "FAIL",
		"silent": "",
	})
	reqs := []Requirement{
		{Tool: "Go", Command: "go", VersionArgs: []string{"version"}, Min: "1.25", Install: "x"},
		{Tool: "Java", Command: "java", VersionArgs: []string{"-version"}, Min: "17", Install: "x"},
		{Tool: "Ruby", Command: "ruby", Min: "3.2", Install: "x"},
		{Tool: "Node.js", Command: "node", Min: "20.19", Install: "x"},
		{Tool: "PHP", Command: "php", Min: "8.3", Install: "x"},
		{Tool: "Docker", Command: "docker", For: "--docker", Install: "x"},
		{Tool: "Broken", Command: "broken", Install: "x"},
		{Tool: "Silent", Command: "silent", Install: "x"},
	}
	got := sys.Check(context.Background(), reqs)
	want := []struct {
		status, version string
		blocking        bool
	}{
		{OK, "1.26.8", false},
		{OK, "17.0.15", false},
		{TooOld, "3.1.2", true},
		{OK, "20.20.2", false},
		{Missing, "", true},
		{Missing, "", false}, // optional
		{Unknown, "", false},
		{Unknown, "", false},
	}
	for i, w := range want {
		r := got[i]
		if r.Status != w.status || r.Version != w.version || r.Blocking() != w.blocking {
			t.Errorf("%s: got %s %q blocking=%v, want %s %q blocking=%v", r.Tool, r.Status, r.Version, r.Blocking(), w.status, w.version, w.blocking)
		}
	}
	if !strings.Contains(got[6].Detail, "broken --version failed") || !strings.Contains(got[7].Detail, "printed no version") {
		t.Errorf("details: %q, %q", got[6].Detail, got[7].Detail)
	}
	missing := sys.Missing(reqs)
	if len(missing) != 1 || missing[0].Command != "php" {
		t.Errorf("Missing = %+v, want php only (docker is optional)", missing)
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"3.10", "3.9", 1}, {"3.10", "3.10.0", 0}, {"1.25", "1.26.8", -1},
		{"17.0.15", "17", 1}, {"2", "2.5.5", -1}, {"20.19", "20.20.2", -1},
	}
	for _, tt := range tests {
		if got := Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []Requirement{
		{Command: "go", Install: "x"},
		{Tool: "Go", Command: "go"},
		{Tool: "Go", Command: "/usr/bin/go", Install: "x"},
		{Tool: "Go", Command: "go version", Install: "x"},
		{Tool: "Go", Command: "go", Min: ">=1.25", Install: "x"},
	}
	for _, r := range bad {
		if r.Validate() == nil {
			t.Errorf("%+v validates", r)
		}
	}
	if err := (Requirement{Tool: "Go", Command: "go", Min: "1.25", Install: "https://go.dev/dl/"}).Validate(); err != nil {
		t.Error(err)
	}
}
