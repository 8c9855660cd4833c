package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// buildScaffold builds the real binary into a temporary directory.
func buildScaffold(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "scaffold")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestPipedStdinWithoutFlagsFailsFast runs the built binary the way a script
// would, with answers piped in and no flags: it must not prompt, must not
// read stdin, and must exit 2 at once with the usage error.
func TestPipedStdinWithoutFlagsFailsFast(t *testing.T) {
	bin := buildScaffold(t)
	const piped = "myapp\ngin\n"
	for _, args := range [][]string{{"new"}, {"new", "--yes"}, {"new", "myapp"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			if _, err := w.WriteString(piped); err != nil {
				t.Fatal(err)
			}
			w.Close()

			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, args...)
			cmd.Dir = dir
			cmd.Stdin = r
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			start := time.Now()
			err = cmd.Run()
			elapsed := time.Since(start)

			if ctx.Err() != nil {
				t.Fatalf("still running after 10s (waiting for input?); stderr:\n%s", stderr.String())
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 2 {
				t.Fatalf("err = %v, want exit status 2; stderr:\n%s", err, stderr.String())
			}
			if elapsed > 5*time.Second {
				t.Errorf("took %v to fail", elapsed)
			}
			msg := stderr.String()
			for _, want := range []string{"scaffold: missing ", "--framework", "gin", "not a terminal, so nothing is asked"} {
				if !strings.Contains(msg, want) {
					t.Errorf("stderr lacks %q:\n%s", want, msg)
				}
			}
			if strings.Count(msg, "\n") != 1 {
				t.Errorf("stderr is not one line:\n%s", msg)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout (escape codes of a prompt?): %q", stdout.String())
			}
			left, _ := io.ReadAll(r)
			if string(left) != piped {
				t.Errorf("stdin was read: %q of %q is left", left, piped)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("wrote %v", entries)
			}
		})
	}
}
