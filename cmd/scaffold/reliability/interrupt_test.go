package reliability_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// writePhase is a moment in the middle of writing, recognised on disk.
type writePhase struct {
	label string
	setup func(t *testing.T, s *sandbox)
	extra []string
	// reached reports that scaffold is in the middle of this phase: some
	// files are written and most are not.
	reached func(s *sandbox) bool
	// existing is what the target held before (kept after a failure).
	existing []string
}

func globExists(pattern string) bool {
	m, _ := filepath.Glob(pattern)
	return len(m) > 0
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// writePhases are the moments of Write: staging beside a new target, then
// (for an existing directory, empty or with --force) staging inside it and
// linking the files into place.
var writePhases = []writePhase{
	{
		label:   "new-target/staging",
		reached: func(s *sandbox) bool { return globExists(filepath.Join(s.work, ".demo.scaffold-*", "d03")) },
	},
	{
		label:   "empty-target/staging",
		setup:   func(t *testing.T, s *sandbox) { mustMkdir(t, filepath.Join(s.work, "demo")) },
		reached: func(s *sandbox) bool { return globExists(filepath.Join(s.work, "demo", ".scaffold-staging-*", "d03")) },
	},
	{
		label:   "empty-target/linking",
		setup:   func(t *testing.T, s *sandbox) { mustMkdir(t, filepath.Join(s.work, "demo")) },
		reached: func(s *sandbox) bool { return exists(filepath.Join(s.work, "demo", "d03")) },
	},
	{
		label:    "force/staging",
		setup:    func(t *testing.T, s *sandbox) { mustWrite(t, filepath.Join(s.work, "demo", "keep.txt"), "keep me\n") },
		extra:    []string{"--force"},
		reached:  func(s *sandbox) bool { return globExists(filepath.Join(s.work, "demo", ".scaffold-staging-*", "d03")) },
		existing: []string{"keep.txt"},
	},
	{
		label:    "force/linking",
		setup:    func(t *testing.T, s *sandbox) { mustWrite(t, filepath.Join(s.work, "demo", "keep.txt"), "keep me\n") },
		extra:    []string{"--force"},
		reached:  func(s *sandbox) bool { return exists(filepath.Join(s.work, "demo", "d03")) },
		existing: []string{"keep.txt"},
	},
}

// TestInterrupt sends SIGINT or SIGTERM to a real `scaffold new` in the
// middle of each phase of writing a large project, and checks that scaffold
// exits 130 saying nothing was written, and that nothing was: no target (or
// the target as it was), no staging directory, nothing in $TMPDIR.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	big := theBigTemplate(t)
	for _, phase := range writePhases {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			t.Run(phase.label+"/"+sig.String(), func(t *testing.T) {
				t.Parallel()
				// The signal races the last files: when it is handled only after
				// scaffold has finished (exit 0, a whole project), nothing was
				// interrupted, so try again in a fresh sandbox.
				const attempts = 5
				for attempt := 1; ; attempt++ {
					s := newSandbox(t)
					if phase.setup != nil {
						phase.setup(t, s)
					}
					before := snapshot(t, s.base, false)
					r, hit := s.runUntil(t, big.args(phase.extra...), phase.reached, sig)
					if !hit {
						t.Fatalf("scaffold ended before reaching %s, so the signal came too late to test anything (%v); make the big template bigger", phase.label, r)
					}
					if r.code == 0 && attempt < attempts {
						t.Logf("attempt %d: the signal arrived after the last file; scaffold finished normally; trying again", attempt)
						continue
					}
					checkInterrupted(t, s, r, before)
					return
				}
			})
		}
	}
}

// checkInterrupted: exit 130 saying so, the sandbox exactly as before, and no
// staging directory anywhere.
func checkInterrupted(t *testing.T, s *sandbox, r result, before map[string]entry) {
	t.Helper()
	checkCleanError(t, r, 130, "interrupted")
	checkUnchanged(t, "the sandbox", before, snapshot(t, s.base, false))
	if left := stagingLeft(t, s.base); len(left) > 0 {
		t.Errorf("temporary directories left behind: %v", left)
	}
}

// runUntil starts scaffold, waits until reached() holds, sends sig, and
// returns how scaffold ended; hit is false if it ended first.
func (s *sandbox) runUntil(t *testing.T, args []string, reached func(*sandbox) bool, sig syscall.Signal) (r result, hit bool) {
	t.Helper()
	var cmd *exec.Cmd
	return s.runUntilFunc(t, args, reached, func() {
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatalf("sending %v: %v", sig, err)
		}
	}, &cmd)
}

// runUntilFunc starts scaffold, waits until reached() holds, calls act, and
// returns how scaffold ended; hit is false if it ended first. If started is
// given, it receives the command before act runs.
func (s *sandbox) runUntilFunc(t *testing.T, args []string, reached func(*sandbox) bool, act func(), started ...**exec.Cmd) (r result, hit bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd, stdout, stderr := s.command(ctx, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for _, p := range started {
		*p = cmd
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case err := <-done:
			return finished(t, cmd, err, stdout, stderr), false
		default:
		}
		if reached(s) {
			act()
			err := <-done
			if ctx.Err() != nil {
				t.Fatalf("scaffold did not stop within 2 minutes")
			}
			return finished(t, cmd, err, stdout, stderr), true
		}
		time.Sleep(200 * time.Microsecond)
	}
}
