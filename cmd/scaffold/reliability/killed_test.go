package reliability_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKilledMidWrite kills a real `scaffold new` with SIGKILL in the middle
// of staging (nothing can clean up then: the staging directory stays), and
// runs it again into the same target: the second run removes the abandoned
// staging directory (no process holds its lock any more), says so in a
// note, and writes the whole project.
func TestKilledMidWrite(t *testing.T) {
	t.Parallel()
	big := theBigTemplate(t)
	for _, phase := range writePhases {
		if !strings.HasSuffix(phase.label, "/staging") {
			continue // once linking has begun, the files a killed run linked stay in the target
		}
		t.Run(phase.label, func(t *testing.T) {
			t.Parallel()
			s := newSandbox(t)
			if phase.setup != nil {
				phase.setup(t, s)
			}
			var cmd *exec.Cmd
			r, hit := s.runUntilFunc(t, big.args(phase.extra...), phase.reached, func() {
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatalf("sending SIGKILL: %v", err)
				}
			}, &cmd)
			if !hit || !r.signaled {
				t.Fatalf("scaffold was not killed mid-write (%v); make the big template bigger", r)
			}
			left := stagingLeft(t, s.base)
			if len(left) != 1 {
				t.Fatalf("after SIGKILL, staging directories %v, want the one the killed run was writing", left)
			}
			// A staging directory younger than 2 s may belong to a run that
			// has not locked it yet: it is only taken for abandoned later.
			time.Sleep(2500 * time.Millisecond)
			r = s.run(t, big.args(phase.extra...)...)
			if r.code != 0 {
				t.Fatalf("the run after the killed one: %v", r)
			}
			rel, _ := filepath.Rel(s.work, left[0])
			if !strings.Contains(r.stderr, "note: removed "+rel+", left by a scaffold run that ended while writing") {
				t.Errorf("no note on removing %s: %q", rel, r.stderr)
			}
			if after := stagingLeft(t, s.base); len(after) > 0 {
				t.Errorf("staging directories left after the second run: %v", after)
			}
			big.checkWhole(t, filepath.Join(s.work, "demo"), phase.existing...)
		})
	}
}
