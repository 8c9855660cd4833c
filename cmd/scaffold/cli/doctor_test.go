package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/doctor"
)

// machine is a fake PATH: command -> what its version command prints.
func machine(outputs map[string]string) *doctor.System {
	return &doctor.System{
		LookPath: func(cmd string) (string, error) {
			if _, ok := outputs[cmd]; ok {
				return "/opt/" + cmd, nil
			}
			return "", exec.ErrNotFound
		},
		Output: func(_ context.Context, path string, _ ...string) ([]byte, error) {
			return []byte(outputs[filepath.Base(path)]), nil
		},
	}
}

func runOn(t *testing.T, sys *doctor.System, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errOut, System: sys})
	return code, out.String(), errOut.String()
}

func TestDoctor(t *testing.T) {
	sys := machine(map[string]string{"go": "go version go1.26.8 linux/amd64", "ruby": "ruby 3.1.2p20", "git": "git version 2.39.5"})
	code, out, errOut := runOn(t, sys, "doctor", "gin")
	if code != 0 || !strings.Contains(out, "gin (Gin 1.12.0): can run here\n") || !strings.Contains(out, "  ok        Go 1.26.8 (needs 1.26 or later)  /opt/go\n") {
		t.Errorf("doctor gin: %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "missing   Docker — only for --docker: docker not found on PATH\n            get it: https://") {
		t.Errorf("doctor gin does not say how to get the optional Docker:\n%s", out)
	}

	code, out, errOut = runOn(t, sys, "doctor", "rails")
	if code != 1 || !strings.Contains(out, "rails (Ruby on Rails 8.1.3): cannot run here") ||
		!strings.Contains(out, "too old   Ruby 3.1.2 (needs 3.3 or later)") || !strings.Contains(out, "missing   Bundler: bundle not found on PATH") ||
		!strings.Contains(errOut, `scaffold: rails: this machine cannot run the generated project; install what is marked above, then run "scaffold doctor rails" again`) {
		t.Errorf("doctor rails: %d\n%s%s", code, out, errOut)
	}

	// Every framework, and never exit 1 for them: nothing was asked for.
	code, out, _ = runOn(t, sys, "doctor")
	if code != 0 || strings.Count(out, "): can") != 8 {
		t.Errorf("doctor: %d\n%s", code, out)
	}
	code, out, _ = runOn(t, sys, "doctor", "--json")
	var report []doctorJSON
	if err := json.Unmarshal([]byte(out), &report); code != 0 || err != nil || len(report) != 8 {
		t.Fatalf("doctor --json: %d %v\n%s", code, err, out)
	}
	for _, d := range report {
		if len(d.Checks) == 0 {
			t.Errorf("%s declares no requirement", d.Framework)
		}
		if d.Framework == "gin" && !d.CanRun || d.Framework == "laravel" && d.CanRun {
			t.Errorf("%s can_run=%v", d.Framework, d.CanRun)
		}
	}

	if code, _, errOut := runOn(t, sys, "doctor", "gni"); code != 2 || !strings.Contains(errOut, "gin") {
		t.Errorf("doctor gni: %d %s", code, errOut)
	}
	if code, _, _ := runOn(t, sys, "doctor", "gin", "rails"); code != 2 {
		t.Errorf("doctor gin rails: %d, want 2", code)
	}
}

func TestNewNotesAMissingToolchain(t *testing.T) {
	inTempDir(t)
	code, out, errOut := runOn(t, machine(nil), "new", "demo", "--framework=gin")
	if code != 0 || !strings.Contains(out, "Created demo") {
		t.Fatalf("a missing toolchain failed new: %d %s", code, errOut)
	}
	if errOut != "note: Go (go) not found on PATH; the project needs it to run: see \"scaffold doctor gin\"\n" {
		t.Errorf("stderr = %q, want the one note line", errOut)
	}
	code, _, errOut = runOn(t, machine(map[string]string{"go": "go1.26.8"}), "new", "demo2", "--framework=gin")
	if code != 0 || errOut != "" {
		t.Errorf("with go on PATH: %d %q", code, errOut)
	}
}

func TestNewIntoTheCurrentDirectory(t *testing.T) {
	inTempDir(t)
	code, out, errOut := runOn(t, machine(map[string]string{"go": "go1.26.8"}), "new", "demo", "--framework=gin", "--dir", ".")
	if code != 0 || !strings.HasPrefix(out, "Created in the current directory: Gin 1.12.0, ") || strings.Contains(out, "cd .") || !strings.Contains(out, "  go test ./...") {
		t.Errorf("--dir .: %d\n%s%s", code, out, errOut)
	}
}
