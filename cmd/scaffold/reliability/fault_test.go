package reliability_test

import (
	"fmt"
	"path/filepath"
	"testing"
)

// TestWriteFault makes the disk fail in the middle of writing a large
// project, on a small tmpfs: out of bytes while staging, out of inodes while
// staging, and out of inodes while linking the files into an existing
// directory (tmpfs counts every hard link against nr_inodes). scaffold must
// exit 1 with a clear error, and leave the disk as it was: no target (or the
// target as it was), no staging directory, nothing in $TMPDIR.
func TestWriteFault(t *testing.T) {
	t.Parallel()
	big := theBigTemplate(t)
	files, dirs := big.planned()
	// Inodes on the tmpfs before scaffold runs: its root, and for --force
	// runs demo/ and demo/keep.txt.
	const rootOnly, withTarget = 1, 3
	staging := 1 + dirs + files // the staging directory and its content
	cases := []struct {
		label   string
		options string
		force   bool
		want    []string
	}{
		{"bytes/new-target", "size=1m", false, []string{"no space left on device"}},
		{"inodes/new-target", fmt.Sprintf("size=64m,nr_inodes=%d", rootOnly+staging/2), false, []string{"no space left on device"}},
		{"bytes/force-staging", "size=1m", true, []string{"no space left on device"}},
		{"inodes/force-staging", fmt.Sprintf("size=64m,nr_inodes=%d", withTarget+staging/2), true, []string{"no space left on device"}},
		// Staging fits; linking runs out half-way.
		{"inodes/force-linking", fmt.Sprintf("size=64m,nr_inodes=%d", withTarget+staging+(dirs+files)/2), true, []string{"no space left on device", "cannot add"}},
	}
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			t.Parallel()
			s := newSandbox(t)
			mnt := filepath.Join(s.work, "mnt")
			mustMkdir(t, mnt)
			tmpfsMount(t, mnt, c.options+",mode=0755")
			extra := []string{"--dir", filepath.Join("mnt", "demo")}
			if c.force {
				mustWrite(t, filepath.Join(mnt, "demo", "keep.txt"), "keep me\n")
				extra = append(extra, "--force")
			}
			before := snapshot(t, s.base, false)
			r := s.run(t, big.args(extra...)...)
			for _, want := range c.want {
				checkCleanError(t, r, 1, want)
			}
			checkUnchanged(t, "the sandbox", before, snapshot(t, s.base, false))
			if left := stagingLeft(t, s.base); len(left) > 0 {
				t.Errorf("temporary directories left behind: %v", left)
			}
		})
	}
}
