package merge

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// benchFile is the largest text file among the golden projects: the
// realistic worst case for one file of an update.
func benchFile(b *testing.B) (string, []string) {
	names, contents := goldenFiles(b)
	best := 0
	for i, c := range contents {
		if len(c) > len(contents[best]) {
			best = i
		}
	}
	return names[best], splitLines(contents[best])
}

// BenchmarkMerge3 merges the largest golden file with a user's edits (ours)
// and a template change (theirs): a few edits each, apart ("clean"), and the
// same with one overlapping edit ("conflict").
func BenchmarkMerge3(b *testing.B) {
	name, base := benchFile(b)
	rng := rand.New(rand.NewPCG(1, 2))
	half := len(base) / 2
	// Ours edits the first half, theirs the second: a clean merge.
	ours := append(edit(rng, base[:half], "\n", "ours", 5), base[half:]...)
	theirs := append(append([]string(nil), base[:half]...), edit(rng, base[half:], "\n", "theirs", 5)...)
	conflicting := append([]string(nil), ours...)
	conflicting[len(conflicting)/4] = "theirs too\n"
	bb, ob, tb := []byte(strings.Join(base, "")), []byte(strings.Join(ours, "")), []byte(strings.Join(theirs, ""))
	cb := []byte(strings.Join(conflicting, ""))
	b.Logf("%s: %d lines, %d bytes", name, len(base), len(bb))

	b.Run("clean", func(b *testing.B) {
		b.SetBytes(int64(len(bb)))
		for b.Loop() {
			if r := Merge3(bb, ob, tb, gitLabels); !r.Clean {
				b.Fatal("expected a clean merge")
			}
		}
	})
	b.Run("conflict", func(b *testing.B) {
		b.SetBytes(int64(len(bb)))
		for b.Loop() {
			if r := Merge3(bb, ob, cb, gitLabels); r.Clean {
				b.Fatal("expected a conflict")
			}
		}
	})
	b.Run("unified", func(b *testing.B) {
		b.SetBytes(int64(len(bb)))
		for b.Loop() {
			if Unified(bb, tb, "a", "b") == "" {
				b.Fatal("expected a diff")
			}
		}
	})
}
