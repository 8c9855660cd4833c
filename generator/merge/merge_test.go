package merge

import (
	"os/exec"
	"strings"
	"testing"
)

var gitLabels = Labels{Ours: "ours", Base: "base", Theirs: "theirs"}

// Each want below is what `git merge-file -p --diff3 -L ours -L base -L
// theirs` prints for the same inputs; where git is installed the test checks
// that too.
func TestMerge3(t *testing.T) {
	_, noGit := exec.LookPath("git")
	tests := []struct {
		name               string
		base, ours, theirs string
		want               string
		conflicts          int
	}{
		{
			name: "separate changes",
			base: "a\nb\nc\nd\ne\n", ours: "a\nB\nc\nd\ne\n", theirs: "a\nb\nc\nD\ne\n",
			want: "a\nB\nc\nD\ne\n",
		},
		{
			name: "identical changes",
			base: "a\nb\nc\n", ours: "a\nX\nc\nd\n", theirs: "a\nX\nc\nd\n",
			want: "a\nX\nc\nd\n",
		},
		{
			name: "identical hunk among other changes",
			base: "a\nb\nc\nd\ne\nf\ng\n", ours: "A\nb\nc\nX\ne\nf\ng\n", theirs: "a\nb\nc\nX\ne\nf\nG\n",
			want: "A\nb\nc\nX\ne\nf\nG\n",
		},
		{
			name: "only ours changed",
			base: "a\nb\n", ours: "a\nb\nc\n", theirs: "a\nb\n",
			want: "a\nb\nc\n",
		},
		{
			name: "only theirs changed",
			base: "a\nb\n", ours: "a\nb\n", theirs: "x\n",
			want: "x\n",
		},
		{
			name: "overlapping changes",
			base: "a\nb\nc\n", ours: "a\nB\nc\n", theirs: "a\nX\nY\nc\n",
			want:      "a\n<<<<<<< ours\nB\n||||||| base\nb\n=======\nX\nY\n>>>>>>> theirs\nc\n",
			conflicts: 1,
		},
		{
			name: "touching changes conflict",
			base: "a\nb\nc\nd\ne\n", ours: "a\nb\nc\nD\ne\n", theirs: "a\nb\nC\nd\ne\n",
			want:      "a\nb\n<<<<<<< ours\nc\nD\n||||||| base\nc\nd\n=======\nC\nd\n>>>>>>> theirs\ne\n",
			conflicts: 1,
		},
		{
			name: "two conflicts",
			base: "a\nb\nc\nd\ne\n", ours: "A\nb\nc\nd\nE\n", theirs: "1\nb\nc\nd\n5\n",
			want: "<<<<<<< ours\nA\n||||||| base\na\n=======\n1\n>>>>>>> theirs\nb\nc\nd\n" +
				"<<<<<<< ours\nE\n||||||| base\ne\n=======\n5\n>>>>>>> theirs\n",
			conflicts: 2,
		},
		{
			name: "both add to an empty file",
			base: "", ours: "x\n", theirs: "y\n",
			want:      "<<<<<<< ours\nx\n||||||| base\n=======\ny\n>>>>>>> theirs\n",
			conflicts: 1,
		},
		{
			name: "CRLF lines merge line by line",
			base: "a\r\nb\r\nc\r\nd\r\ne\r\n", ours: "a\r\nB\r\nc\r\nd\r\ne\r\n", theirs: "a\r\nb\r\nc\r\nD\r\ne\r\n",
			want: "a\r\nB\r\nc\r\nD\r\ne\r\n",
		},
		{
			name: "CRLF conflict markers end in CRLF",
			base: "a\r\nb\r\nc\r\n", ours: "a\r\nB\r\nc\r\n", theirs: "a\r\nX\r\nc\r\n",
			want:      "a\r\n<<<<<<< ours\r\nB\r\n||||||| base\r\nb\r\n=======\r\nX\r\n>>>>>>> theirs\r\nc\r\n",
			conflicts: 1,
		},
		{
			name: "no final newline, both change the last line",
			base: "a\nb", ours: "a\nB", theirs: "a\nX",
			want:      "a\n<<<<<<< ours\nB\n||||||| base\nb\n=======\nX\n>>>>>>> theirs\n",
			conflicts: 1,
		},
		{
			name: "no final newline, theirs appends",
			base: "a\nm\nb", ours: "A\nm\nb", theirs: "a\nm\nb\nc\n",
			want: "A\nm\nb\nc\n",
		},
		{
			name: "no final newline kept when untouched",
			base: "a\nm\nb", ours: "A\nm\nb", theirs: "a\nm\nB",
			want: "A\nm\nB",
		},
		{
			name: "a final newline added next to a change conflicts, as in git",
			base: "a\nb", ours: "A\nb", theirs: "a\nb\nc\n",
			want:      "<<<<<<< ours\nA\nb\n||||||| base\na\nb\n=======\na\nb\nc\n>>>>>>> theirs\n",
			conflicts: 1,
		},
		{
			name: "deleted by ours, edited elsewhere by theirs",
			base: "a\nb\nc\nd\ne\n", ours: "a\nc\nd\ne\n", theirs: "a\nb\nc\nd\nE\n",
			want: "a\nc\nd\nE\n",
		},
		{
			name: "deleted by ours, edited by theirs",
			base: "a\nb\nc\n", ours: "a\nc\n", theirs: "a\nB\nc\n",
			want:      "a\n<<<<<<< ours\n||||||| base\nb\n=======\nB\n>>>>>>> theirs\nc\n",
			conflicts: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge3([]byte(tt.base), []byte(tt.ours), []byte(tt.theirs), gitLabels)
			if string(got.Data) != tt.want {
				t.Errorf("merge:\n%q\nwant:\n%q", got.Data, tt.want)
			}
			if got.Conflicts != tt.conflicts || got.Clean != (tt.conflicts == 0) {
				t.Errorf("Conflicts=%d Clean=%v, want %d conflicts", got.Conflicts, got.Clean, tt.conflicts)
			}
			if noGit != nil {
				return
			}
			data, conflicts, err := gitMerge(t.TempDir(), triple{base: []byte(tt.base), ours: []byte(tt.ours), theirs: []byte(tt.theirs)})
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != tt.want || conflicts != tt.conflicts {
				t.Errorf("the case is wrong: git merge-file gives %d conflicts and\n%q", conflicts, data)
			}
		})
	}
}

func TestMerge3EmptyLabels(t *testing.T) {
	got := Merge3([]byte("a\n"), []byte("b\n"), []byte("c\n"), Labels{})
	want := "<<<<<<<\nb\n|||||||\na\n=======\nc\n>>>>>>>\n"
	if string(got.Data) != want {
		t.Errorf("got %q, want %q", got.Data, want)
	}
}

func TestMerge3DoesNotAliasInputs(t *testing.T) {
	base, ours, theirs := []byte("a\n"), []byte("a\n"), []byte("b\n")
	got := Merge3(base, ours, theirs, gitLabels)
	got.Data[0] = 'z'
	if string(theirs) != "b\n" {
		t.Errorf("changing the result changed theirs: %q", theirs)
	}
	if r := Merge3(nil, nil, nil, gitLabels); r.Data == nil || !r.Clean {
		t.Errorf("merge of empty files: %+v, want clean, non-nil empty data", r)
	}
}

func TestIsBinary(t *testing.T) {
	text := []byte(strings.Repeat("x", 9000))
	if IsBinary(text) {
		t.Error("plain text reported binary")
	}
	nulAt := func(i int) []byte {
		b := append([]byte(nil), text...)
		b[i] = 0
		return b
	}
	if !IsBinary(nulAt(0)) || !IsBinary(nulAt(7999)) {
		t.Error("a NUL in the first 8000 bytes must make data binary")
	}
	if IsBinary(nulAt(8000)) {
		t.Error("a NUL after the first 8000 bytes must not count (git looks no further)")
	}
	if IsBinary(nil) {
		t.Error("empty data reported binary")
	}
}

func TestUnified(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "a\n", "a\n", ""},
		{
			"change", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nE\nf\ng\nh\n",
			"--- old\n+++ new\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n",
		},
		{
			"no final newline", "a\nb", "a\nc",
			"--- old\n+++ new\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
		},
		{
			"insertion slides down like git", "x\na\nb\n", "x\na\nb\na\nb\n",
			"--- old\n+++ new\n@@ -1,3 +1,5 @@\n x\n a\n b\n+a\n+b\n",
		},
		{"binary", "a\x00", "b\x00", "Binary files old and new differ\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Unified([]byte(tt.a), []byte(tt.b), "old", "new"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestCompactSlidesLikeGit pins the change placement git's xdiff chooses
// where several are minimal: runs of changes go as low as equal lines allow.
func TestCompactSlidesLikeGit(t *testing.T) {
	tests := []struct {
		a, b string
		want []change
	}{
		// Deleting one of two equal lines deletes the second.
		{"x\n\nb\n", "x\nb\n", []change{{i1: 1, chg1: 1, i2: 1, chg2: 0}}},
		{"a\nb\na\nb\n", "a\nb\n", []change{{i1: 2, chg1: 2, i2: 2, chg2: 0}}},
		// Inserting a copy of a block inserts it after the block.
		{"a\nb\nc\n", "a\nb\na\nb\nc\n", []change{{i1: 2, chg1: 0, i2: 2, chg2: 2}}},
	}
	for _, tt := range tests {
		got := lineDiff(splitLines([]byte(tt.a)), splitLines([]byte(tt.b)))
		if !equalChanges(got, tt.want) {
			t.Errorf("lineDiff(%q, %q) = %+v, want %+v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestMerge3IdenticalChangesApplyOnce: both sides make the same change near
// repeated lines. A plain Myers diff may align the two copies of the change
// differently, and the merge then applies it twice (git merge-file 2.39
// turns the first case into "b a separator a separator": one "a" too few).
// Anchoring the diffs on the lines unique to both files keeps the change in
// one place.
func TestMerge3IdenticalChangesApplyOnce(t *testing.T) {
	tests := []struct {
		name               string
		base, ours, theirs string
		want               string
	}{
		{
			name:   "identical deletion, theirs also edits above",
			base:   "b\nb\nb\nseparator 0\na\na\na\nseparator 1\n",
			ours:   "b\nb\nb\nseparator 0\na\na\nseparator 1\n",
			theirs: "b\na\nseparator 0\na\na\nseparator 1\n",
			want:   "b\na\nseparator 0\na\na\nseparator 1\n",
		},
		{
			name:   "identical insertion, each side deletes elsewhere",
			base:   "a\r\na\r\nseparator 0\r\n\t}\r\na\r\nseparator 1\r\na\r\nseparator 2\r\n",
			ours:   "a\r\na\r\nseparator 0\r\nseparator 1\r\na\r\na\r\na\r\nseparator 2\r\n",
			theirs: "separator 0\r\n\t}\r\na\r\nseparator 1\r\na\r\na\r\na\r\nseparator 2\r\n",
			want:   "separator 0\r\nseparator 1\r\na\r\na\r\na\r\nseparator 2\r\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge3([]byte(tt.base), []byte(tt.ours), []byte(tt.theirs), gitLabels)
			if !got.Clean || string(got.Data) != tt.want {
				t.Errorf("got clean=%v\n%q\nwant clean\n%q", got.Clean, got.Data, tt.want)
			}
		})
	}
}
