package reliability_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadOnlyMidWay remounts the target's filesystem read-only while
// scaffold is staging a large project. Nothing can be removed from a
// read-only filesystem, so the partial staging directory cannot be cleaned
// up: scaffold must say so, naming it, rather than claim nothing was written.
// The target itself never appears.
func TestReadOnlyMidWay(t *testing.T) {
	t.Parallel()
	big := theBigTemplate(t)
	for _, force := range []bool{false, true} {
		label := "new-target"
		if force {
			label = "force"
		}
		t.Run(label, func(t *testing.T) {
			t.Parallel()
			// The remount is another process: on a busy machine scaffold can
			// finish between the moment staging is seen and the remount, and a
			// project written whole is no failure of scaffold. Such a run is
			// tried again (three times at most), in a fresh sandbox.
			var (
				s   *sandbox
				mnt string
				r   result
			)
			for attempt := 1; ; attempt++ {
				s = newSandbox(t)
				mnt = filepath.Join(s.work, "mnt")
				mustMkdir(t, mnt)
				bindMount(t, mnt)
				extra := []string{"--dir", filepath.Join("mnt", "demo")}
				stagingGlob := filepath.Join(mnt, ".demo.scaffold-*", "d03")
				if force {
					mustWrite(t, filepath.Join(mnt, "demo", "keep.txt"), "keep me\n")
					extra = append(extra, "--force")
					stagingGlob = filepath.Join(mnt, "demo", ".scaffold-staging-*", "d03")
				}
				var hit bool
				r, hit = s.runUntilFunc(t, big.args(extra...), func(*sandbox) bool { return globExists(stagingGlob) }, func() {
					remountReadOnly(t, mnt)
				})
				if !hit {
					t.Fatalf("scaffold ended before the remount (%v); make the big template bigger", r)
				}
				// With --force, staging is moved into the existing target file by
				// file; a remount that lands only after moving began tests the
				// commit, not staging, and is tried again like a finished run.
				moving := false
				if force && r.code != 0 {
					entries, _ := os.ReadDir(filepath.Join(mnt, "demo"))
					moving = len(entries) > 2
				}
				if (r.code != 0 && !moving) || attempt == 3 {
					break
				}
				if moving {
					t.Logf("attempt %d: the remount came after scaffold began moving files into the target; again", attempt)
					continue
				}
				t.Logf("attempt %d: scaffold finished before the remount took effect; again", attempt)
			}
			checkCleanError(t, r, 1, "read-only file system")
			left := stagingLeft(t, mnt)
			if len(left) != 1 {
				t.Fatalf("expected the one staging directory a read-only filesystem keeps, found %v", left)
			}
			if !strings.Contains(r.stderr, filepath.Base(left[0])) || !strings.Contains(r.stderr, "could not remove") {
				t.Errorf("the error does not name what was left behind (%s): %q", left[0], r.stderr)
			}
			if !force && exists(filepath.Join(mnt, "demo")) {
				t.Errorf("the target appeared")
			}
			if force {
				entries, _ := os.ReadDir(filepath.Join(mnt, "demo"))
				if len(entries) != 2 { // keep.txt and the staging directory
					t.Errorf("the target holds %d entries; want keep.txt and the staging directory", len(entries))
				}
			}
		})
	}
}
