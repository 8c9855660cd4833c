package merge

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// plan turns fuzz bytes into a base file and two edited copies whose changes
// are known: the file is a run of segments, each followed by a separator line
// no side touches; each segment is left alone, rewritten by ours, by theirs,
// or rewritten identically by both. Segment lines come from a small alphabet
// (with blank lines and braces) so the diffs have many equal lines to choose
// between, as real code does.
//
// The separators are the only lines that occur once in every file: a header
// that no side changes holds each alphabet line twice. That is the case the
// property is about: regions bounded by distinct lines. Where the boundary
// lines themselves repeat, any line diff (git's too) may align a change on
// the wrong side of them; FuzzMerge3 covers such text with the weaker
// guarantee that no line is lost.
type plan struct {
	base, ours, theirs []string
	want               []string // both sides' changes applied
}

var alphabet = []string{"a", "b", "c", "", "}", "end", "x = 1", "\t}"}

func makePlan(data []byte, eol string) plan {
	var p plan
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	lines := func(n int, tag string) []string {
		var out []string
		for i := 0; i < n; i++ {
			b := next()
			l := alphabet[int(b)%len(alphabet)]
			if b >= 200 && tag != "" {
				l = tag + l // a line only this side writes
			}
			out = append(out, l+eol)
		}
		return out
	}
	for _, l := range alphabet {
		for _, f := range []*[]string{&p.base, &p.ours, &p.theirs, &p.want} {
			*f = append(*f, l+eol, l+eol)
		}
	}
	for seg := 0; len(data) > 0; seg++ {
		head := next()
		orig := lines(int(head>>2)%4, "")
		edited := lines(int(head>>4)%4, "")
		var o, t []string
		switch head % 4 {
		case 0: // nobody
			o, t = orig, orig
		case 1: // ours
			o, t = lines(int(head>>4)%4, "ours "), orig
		case 2: // theirs
			o, t = orig, lines(int(head>>4)%4, "theirs ")
		case 3: // both, identically
			o, t = edited, edited
		}
		want := o
		if head%4 == 2 {
			want = t
		}
		sep := fmt.Sprintf("separator %d%s", seg, eol)
		p.base = append(append(p.base, orig...), sep)
		p.ours = append(append(p.ours, o...), sep)
		p.theirs = append(append(p.theirs, t...), sep)
		p.want = append(append(p.want, want...), sep)
	}
	return p
}

func join(lines []string) []byte { return []byte(strings.Join(lines, "")) }

// FuzzMerge3Clean checks that a clean merge contains both sides' changes:
// for edits to separate segments (kept apart by lines no side touches) a
// clean result is exactly the base with every segment as the side that
// changed it wrote it; a result with conflicts still holds every line either
// side wrote. It also checks the identities: a side equal to base yields the
// other side, equal sides yield that side, and swapping sides of a clean
// merge gives the same text.
func FuzzMerge3Clean(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3}, false)
	f.Add([]byte{0x15, 0x26, 0x37, 0x09, 0xff, 0x12, 0x0a}, true)
	f.Add([]byte{0x35, 0x01, 0x02, 0x03, 0x36, 0x04, 0x05, 0x06, 0x39, 0xc8, 0xc9}, false)
	f.Add([]byte("separators keep the changes apart"), false)
	f.Fuzz(func(t *testing.T, data []byte, crlf bool) {
		eol := "\n"
		if crlf {
			eol = "\r\n"
		}
		p := makePlan(data, eol)
		base, ours, theirs := join(p.base), join(p.ours), join(p.theirs)

		got := Merge3(base, ours, theirs, gitLabels)
		if got.Clean {
			if want := join(p.want); !bytes.Equal(got.Data, want) {
				t.Fatalf("clean merge lost a change:\nbase:   %q\nours:   %q\ntheirs: %q\ngot:    %q\nwant:   %q",
					base, ours, theirs, got.Data, want)
			}
			swapped := Merge3(base, theirs, ours, gitLabels)
			if !swapped.Clean || !bytes.Equal(swapped.Data, got.Data) {
				t.Fatalf("merge is clean one way but not the same the other way:\n%q\n%q", got.Data, swapped.Data)
			}
		} else if lost := lostLines(triple{base: base, ours: ours, theirs: theirs}, got.Data); lost != "" {
			t.Fatalf("%s\nbase: %q\nours: %q\ntheirs: %q\ngot: %q", lost, base, ours, theirs, got.Data)
		}
		if n := bytes.Count(got.Data, []byte("<<<<<<< ours")); n != got.Conflicts {
			t.Fatalf("%d conflict markers, Conflicts=%d", n, got.Conflicts)
		}

		for _, c := range []struct {
			name               string
			base, ours, theirs []byte
			want               []byte
		}{
			{"ours == base", base, base, theirs, theirs},
			{"theirs == base", base, ours, base, ours},
			{"ours == theirs", base, ours, ours, ours},
			{"all equal", base, base, base, base},
		} {
			r := Merge3(c.base, c.ours, c.theirs, gitLabels)
			if !r.Clean || r.Conflicts != 0 || !bytes.Equal(r.Data, c.want) {
				t.Fatalf("%s: got %+v, want clean %q", c.name, r, c.want)
			}
		}
	})
}

// FuzzMerge3 feeds arbitrary text: Merge3 must not fail, must count its
// conflicts right and must keep every line either side added.
func FuzzMerge3(f *testing.F) {
	f.Add([]byte("a\nb\nc\n"), []byte("a\nB\nc\n"), []byte("a\nb\nC\n"))
	f.Add([]byte("a\r\nb"), []byte("a\r\nB"), []byte("x\r\nb"))
	f.Add([]byte(""), []byte("x"), []byte("y\n"))
	f.Fuzz(func(t *testing.T, base, ours, theirs []byte) {
		marker := []byte("<<<<<<< ours")
		if bytes.Contains(base, marker) || bytes.Contains(ours, marker) || bytes.Contains(theirs, marker) {
			return
		}
		got := Merge3(base, ours, theirs, gitLabels)
		if got.Clean != (got.Conflicts == 0) {
			t.Fatalf("Clean=%v with %d conflicts", got.Clean, got.Conflicts)
		}
		if n := bytes.Count(got.Data, marker); n != got.Conflicts {
			t.Fatalf("%d conflict markers, Conflicts=%d", n, got.Conflicts)
		}
		if lost := lostLines(triple{base: base, ours: ours, theirs: theirs}, got.Data); lost != "" {
			t.Fatalf("%s\nbase: %q\nours: %q\ntheirs: %q\ngot: %q", lost, base, ours, theirs, got.Data)
		}
	})
}
