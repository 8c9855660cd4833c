package reliability_test

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// raceRounds is how many times each race is run.
const raceRounds = 6

// loserMessages are the errors the losing process may give: the first three
// when both had staged the project and the loser lost at the last step, the
// others when it saw the winner's files (or staging directory) first.
var loserMessages = []string{
	"was created by someone else while scaffold was writing",
	"while scaffold was writing",
	"while scaffold was preparing",
	"is not empty",
	"--force never overwrites",
}

// raceTwo starts two identical scaffold processes at once and waits for both.
func (s *sandbox) raceTwo(t *testing.T, args []string) [2]result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var (
		cmds             [2]*exec.Cmd
		stdouts, stderrs [2]*bytes.Buffer
		errs             [2]error
		wg               sync.WaitGroup
	)
	for i := range 2 {
		cmds[i], stdouts[i], stderrs[i] = s.command(ctx, args...)
	}
	for i := range 2 {
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 2 {
		wg.Go(func() { errs[i] = cmds[i].Wait() })
	}
	wg.Wait()
	if ctx.Err() != nil {
		t.Fatal("the racing processes did not finish within 2 minutes")
	}
	var rs [2]result
	for i := range 2 {
		rs[i] = finished(t, cmds[i], errs[i], stdouts[i], stderrs[i])
	}
	return rs
}

// TestRace runs two `scaffold new` processes for the same target at the same
// moment, several times, for a new target, an existing empty one and a
// non-empty one with --force: exactly one succeeds, the other fails with a
// clear error (exit 1 when it lost mid-write, 2 when it found the target
// already used), and the target holds one whole project, with nothing
// of the loser and no staging directory.
func TestRace(t *testing.T) {
	t.Parallel()
	tmpl := newBigTemplate(t, 2, 50, 256)
	modes := []struct {
		label string
		setup func(t *testing.T, s *sandbox)
		extra []string
		keep  []string
	}{
		{label: "new-target"},
		{label: "empty-target", setup: func(t *testing.T, s *sandbox) { mustMkdir(t, filepath.Join(s.work, "demo")) }},
		{label: "force", setup: func(t *testing.T, s *sandbox) { mustWrite(t, filepath.Join(s.work, "demo", "keep.txt"), "keep me\n") },
			extra: []string{"--force"}, keep: []string{"keep.txt"}},
	}
	for _, mode := range modes {
		t.Run(mode.label, func(t *testing.T) {
			t.Parallel()
			overlapped := 0
			for round := range raceRounds {
				s := newSandbox(t)
				if mode.setup != nil {
					mode.setup(t, s)
				}
				rs := s.raceTwo(t, tmpl.args(mode.extra...))
				if checkOneWinner(t, round, rs) {
					overlapped++
				}
				tmpl.checkWhole(t, filepath.Join(s.work, "demo"), mode.keep...)
				if left := stagingLeft(t, s.base); len(left) > 0 {
					t.Errorf("round %d: temporary directories left behind: %v", round, left)
				}
			}
			t.Logf("%d of %d rounds: both processes staged the whole project and the loser failed at the last step (rename or link); in the others it saw the winner's files or staging directory first", overlapped, raceRounds)
		})
	}
}

// TestRaceBuiltin races two processes for every built-in framework, and
// compares the result byte for byte with the same project generated alone.
func TestRaceBuiltin(t *testing.T) {
	t.Parallel()
	for _, m := range frameworks() {
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			args := []string{"new", "demo", "--framework", m.Name, "--no-input", "--seed", "race"}
			ref := newSandbox(t)
			if r := ref.run(t, args...); r.code != 0 {
				t.Fatalf("reference run: %v", r)
			}
			want := snapshotContent(t, filepath.Join(ref.work, "demo"))
			for round := range 3 {
				s := newSandbox(t)
				checkOneWinner(t, round, s.raceTwo(t, args))
				got := snapshotContent(t, filepath.Join(s.work, "demo"))
				if d := diffSnapshots(want, got); d != "" {
					t.Errorf("round %d: the project differs from one generated alone:\n%s", round, d)
				}
				if left := stagingLeft(t, s.base); len(left) > 0 {
					t.Errorf("round %d: temporary directories left behind: %v", round, left)
				}
			}
		})
	}
}

// checkOneWinner asserts exactly one process succeeded and the other failed
// cleanly; it reports whether the loser failed while the winner was writing.
func checkOneWinner(t *testing.T, round int, rs [2]result) (overlapped bool) {
	t.Helper()
	winner, loser := rs[0], rs[1]
	if winner.code != 0 {
		winner, loser = loser, winner
	}
	if winner.code != 0 || loser.code == 0 {
		t.Fatalf("round %d: want exactly one success, got %v and %v", round, rs[0], rs[1])
	}
	for i, msg := range loserMessages {
		if strings.Contains(loser.stderr, msg) {
			// Lost mid-write: the environment changed under it (exit 1). Saw
			// the winner's files first: a target that is not empty, as for
			// any run into a used directory (exit 2).
			code := 2
			if i < 3 {
				code = 1
			}
			t.Run(fmt.Sprintf("round-%d-loser", round), func(t *testing.T) {
				checkCleanError(t, loser, code, "")
			})
			return i < 3
		}
	}
	t.Errorf("round %d: the loser's error is none of the expected ones: %q", round, loser.stderr)
	return false
}

// snapshotContent records a tree's files by path, mode and content only
// (times differ between runs).
func snapshotContent(t *testing.T, root string) map[string]entry {
	t.Helper()
	snap := snapshot(t, root, false)
	for p, e := range snap {
		e.mtime = 0
		snap[p] = e
	}
	return snap
}
