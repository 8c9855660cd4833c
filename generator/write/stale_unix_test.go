//go:build unix

package write

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scaffold-cli/scaffold/generator/tree"
)

// staleDir makes a staging-like directory at p, with a file in it, dated age ago.
func staleDir(t *testing.T, p string, age time.Duration) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(p, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(p, "sub", "f.txt"), []byte("half\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-age)
	if err := os.Chtimes(p, old, old); err != nil {
		t.Fatal(err)
	}
}

// A run into a target removes the staging directories of that target that
// no process holds the lock of and that are old enough, says so, and leaves
// the others: a locked one (a run still writing), a young one (a run that
// may not have locked it yet), and those of other targets.
func TestFilesRemovesAbandonedStaging(t *testing.T) {
	files := []tree.File{{Path: "a.txt", Mode: 0o644, Data: []byte("a\n")}}
	for _, existing := range []bool{false, true} {
		t.Run(fmt.Sprintf("existing=%v", existing), func(t *testing.T) {
			parent := t.TempDir()
			target := filepath.Join(parent, "demo")
			var dead, alive, young, others []string
			dead = append(dead, filepath.Join(parent, ".demo.scaffold-123456"))
			alive = append(alive, filepath.Join(parent, ".demo.scaffold-222"))
			young = append(young, filepath.Join(parent, ".demo.scaffold-333"))
			others = append(others,
				filepath.Join(parent, ".other.scaffold-444"),
				filepath.Join(parent, ".demo.scaffold-x.scaffold-555"), // the target demo.scaffold-x's
				filepath.Join(parent, ".demo.scaffold-666a"),
			)
			if existing {
				dead = append(dead, filepath.Join(target, ".scaffold-staging-987"))
				// The staging directory of an update holds the user's original
				// files: never removed here.
				others = append(others, filepath.Join(target, ".scaffold-update-42"))
			}
			for _, p := range slices.Concat(dead, alive, others) {
				staleDir(t, p, time.Hour)
			}
			for _, p := range young {
				staleDir(t, p, 0)
			}
			for _, p := range alive {
				lock := lockDir(p)
				if lock == nil {
					t.Skip("no flock on this file system")
				}
				defer lock.Close()
			}
			var notes []string
			opts := Options{Notef: func(format string, args ...any) { notes = append(notes, fmt.Sprintf(format, args...)) }}
			if existing {
				opts.Force = true // the update's staging directory stays, so the target is not empty
			}
			if err := Files(context.Background(), target, files, opts); err != nil {
				t.Fatal(err)
			}
			for _, p := range dead {
				if _, err := os.Lstat(p); err == nil {
					t.Errorf("%s (abandoned) is still there", p)
				}
				if !slices.Contains(notes, "removed "+p+", left by a scaffold run that ended while writing") {
					t.Errorf("no note on removing %s: %q", p, notes)
				}
			}
			for _, p := range slices.Concat(alive, young, others) {
				if _, err := os.Lstat(filepath.Join(p, "sub", "f.txt")); err != nil {
					t.Errorf("%s was touched: %v", p, err)
				}
			}
			if len(notes) != len(dead) {
				t.Errorf("notes = %q, want one for each of %q", notes, dead)
			}
			if data, err := os.ReadFile(filepath.Join(target, "a.txt")); err != nil || string(data) != "a\n" {
				t.Errorf("the project was not written: %q, %v", data, err)
			}
		})
	}
}

// A target that holds nothing but an abandoned staging directory is empty
// once it is gone: no --force needed.
func TestFilesIntoTargetWithOnlyAbandonedStaging(t *testing.T) {
	target := filepath.Join(t.TempDir(), "demo")
	staleDir(t, filepath.Join(target, ".scaffold-staging-1"), time.Hour)
	var notes []string
	opts := Options{Notef: func(format string, args ...any) { notes = append(notes, fmt.Sprintf(format, args...)) }}
	if err := Files(context.Background(), target, []tree.File{{Path: "a.txt", Mode: 0o644}}, opts); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(listTree(t, target), " "); got != "a.txt" {
		t.Errorf("target holds %s, want a.txt", got)
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "removed ") {
		t.Errorf("notes = %q", notes)
	}
}

// While a run writes, its staging directory is locked, so that another run
// does not take it for abandoned.
func TestStagingIsLockedWhileWriting(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "demo")
	checked := false
	opts := Options{beforeCommit: func() error {
		m, _ := filepath.Glob(filepath.Join(parent, ".demo.scaffold-*"))
		if len(m) != 1 {
			return fmt.Errorf("staging directories: %q", m)
		}
		abandoned, known := unlocked(m[0])
		if !known || abandoned {
			return fmt.Errorf("staging %s: abandoned=%v known=%v, want it locked", m[0], abandoned, known)
		}
		checked = true
		return nil
	}}
	if err := Files(context.Background(), target, []tree.File{{Path: "a.txt", Mode: 0o644}}, opts); err != nil {
		t.Fatal(err)
	}
	if !checked {
		t.Fatal("beforeCommit did not run")
	}
	if abandoned, _ := unlocked(target); !abandoned {
		t.Error("the project directory is still locked after the run")
	}
}
