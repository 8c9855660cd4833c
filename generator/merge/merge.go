// Package merge owns scaffold's line-based three-way merge: given the file
// a project was generated with (base), the file on disk (ours) and the file
// the current template renders (theirs), Merge3 combines both sides' changes
// and marks overlapping ones with git's diff3-style conflict markers. It also
// owns the binary-file test (IsBinary) and the unified diff shown by
// `scaffold update --dry-run` (Unified).
//
// The two-way line diffs come from github.com/aymanbagabas/go-udiff, a
// maintained export of the Go team's golang.org/x/tools/internal/diff (the
// diff gopls uses): its lcs package finds a longest common subsequence of two
// line slices with Myers' algorithm. On top of it this package does what git's
// xdiff does after its own Myers pass, so that the results agree with
// `git merge-file -p --diff3` (docs/update-merge.md has the figures):
//
//   - the common head and tail are matched first, and the lines that occur
//     exactly once in each file are matched in order (patience diff's
//     anchors); the library's Myers search runs between the anchors. git does
//     not anchor, and where Myers may leave such a line unmatched at no cost
//     git sometimes aligns two identical changes differently and applies the
//     change twice; anchoring prevents that;
//   - every run of changed lines is slid down as far as identical lines allow,
//     or back up to line up with a change in the other file (xdiff's
//     change-compaction), so ambiguous insertions land where git puts them;
//   - changes from the two sides conflict when they overlap or touch in the
//     base; identical changes to the same base lines are clean;
//   - conflict hunks are written as git does in diff3 style, including the
//     CRLF choice for markers and the newline added after a last line that
//     had none.
//
// Lines are compared with their endings, so a CRLF file merges line by line
// like any other, and "x" at the end of a file without a final newline is not
// the same line as "x\n" (git behaves the same way).
//
// The package imports nothing else of scaffold's and does not need git.
package merge

import (
	"bytes"
	"strings"
)

// markerSize is the length of git's conflict markers ("<<<<<<<").
const markerSize = 7

// Labels name the three sides in conflict markers: "<<<<<<< Ours",
// "||||||| Base", ">>>>>>> Theirs". An empty label gives a bare marker.
type Labels struct {
	Ours, Base, Theirs string
}

// Result is the outcome of a three-way merge.
type Result struct {
	// Data is the merged file; conflicts are marked in it.
	Data []byte
	// Conflicts is the number of conflict hunks in Data.
	Conflicts int
	// Clean is true when Conflicts is 0.
	Clean bool
}

// Merge3 merges the changes from base to ours and from base to theirs, line
// by line. Changes to separate regions are both applied; identical changes
// are applied once; changes that overlap or touch become conflict hunks in
// git's diff3 style:
//
//	<<<<<<< ours
//	(ours' lines)
//	||||||| base
//	(base's lines)
//	=======
//	(theirs' lines)
//	>>>>>>> theirs
//
// Merge3 treats its inputs as text; call IsBinary first to keep binary files
// away from it.
func Merge3(base, ours, theirs []byte, labels Labels) Result {
	// git's shortcuts: a side without changes yields the other side's bytes.
	if bytes.Equal(base, ours) {
		return Result{Data: clone(theirs), Clean: true}
	}
	if bytes.Equal(base, theirs) || bytes.Equal(ours, theirs) {
		return Result{Data: clone(ours), Clean: true}
	}
	b, o, t := splitLines(base), splitLines(ours), splitLines(theirs)
	s1 := lineDiff(b, o)
	s2 := lineDiff(b, t)
	hunks := combine(s1, s2, o, t, len(b), len(o), len(t))
	m := &merger{base: b, ours: o, theirs: t, labels: labels}
	data, conflicts := m.write(hunks)
	return Result{Data: data, Conflicts: conflicts, Clean: conflicts == 0}
}

func clone(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return bytes.Clone(b)
}

// splitLines cuts text into lines that keep their "\n" (and so a "\r\n").
// A last line without a newline is kept as it is; empty text has no lines.
func splitLines(text []byte) []string {
	n := bytes.Count(text, []byte{'\n'})
	lines := make([]string, 0, n+1)
	s := string(text)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// IsBinary reports whether data looks binary the way git decides it: a NUL
// byte among the first 8000 bytes.
func IsBinary(data []byte) bool {
	const firstFewBytes = 8000
	if len(data) > firstFewBytes {
		data = data[:firstFewBytes]
	}
	return bytes.IndexByte(data, 0) >= 0
}
