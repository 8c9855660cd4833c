package merge

import (
	"github.com/aymanbagabas/go-udiff/lcs"
)

// change is one hunk of a two-way diff from a to b: a[i1:i1+chg1] was
// replaced by b[i2:i2+chg2]. Either length may be zero.
type change struct {
	i1, chg1 int
	i2, chg2 int
}

// marks records, per line of one file, whether the line is changed (deleted
// from a, or inserted into b). Index i is line i; lines -1 and len(recs) exist
// as unchanged sentinels, which keeps the group walks below free of bounds
// checks, as in xdiff.
type marks struct {
	recs []string
	chg  []bool // len(recs)+2; chg[i+1] is line i
}

func newMarks(recs []string) *marks {
	return &marks{recs: recs, chg: make([]bool, len(recs)+2)}
}

func (m *marks) changed(i int) bool   { return m.chg[i+1] }
func (m *marks) set(i int, v bool)    { m.chg[i+1] = v }
func (m *marks) same(i, j int) bool   { return m.recs[i] == m.recs[j] }
func (m *marks) n() int               { return len(m.recs) }
func (m *marks) isEmpty(g group) bool { return g.start == g.end }

// lineDiff diffs a against b and returns the hunks in order, after the
// compaction git applies.
func lineDiff(a, b []string) []change {
	ma, mb := newMarks(a), newMarks(b)
	// Lines that occur once in each file and in the same order anchor the
	// diff; the library's Myers search runs on the gaps between them.
	// The common head and tail (most of a file, in an update) need neither.
	pa, pb, ea, eb := 0, 0, len(a), len(b)
	for pa < ea && pb < eb && a[pa] == b[pb] {
		pa, pb = pa+1, pb+1
	}
	for pa < ea && pb < eb && a[ea-1] == b[eb-1] {
		ea, eb = ea-1, eb-1
	}
	for _, an := range anchors(a, b, pa, ea, pb, eb) {
		i, j := an[0], an[1]
		markGap(ma, mb, pa, i, pb, j)
		pa, pb = i+1, j+1
	}
	markGap(ma, mb, pa, ea, pb, eb)
	// Compaction only moves changes between equal lines, so a failure leaves
	// a correct (if less git-like) diff; keep a copy to fall back to.
	saveA, saveB := append([]bool(nil), ma.chg...), append([]bool(nil), mb.chg...)
	if !compact(ma, mb) || !compact(mb, ma) {
		ma.chg, mb.chg = saveA, saveB
	}
	return script(ma, mb)
}

// markGap marks the changed lines of a[a0:a1] against b[b0:b1].
func markGap(ma, mb *marks, a0, a1, b0, b1 int) {
	// Most gaps between anchors are equal or one-sided; the library's search
	// allocates its tables per call, so settle those here.
	for a0 < a1 && b0 < b1 && ma.recs[a0] == mb.recs[b0] {
		a0, b0 = a0+1, b0+1
	}
	for a0 < a1 && b0 < b1 && ma.recs[a1-1] == mb.recs[b1-1] {
		a1, b1 = a1-1, b1-1
	}
	if a0 == a1 || b0 == b1 {
		for i := a0; i < a1; i++ {
			ma.set(i, true)
		}
		for j := b0; j < b1; j++ {
			mb.set(j, true)
		}
		return
	}
	for _, d := range lcs.DiffLines(ma.recs[a0:a1], mb.recs[b0:b1]) {
		for i := d.Start; i < d.End; i++ {
			ma.set(a0+i, true)
		}
		for j := d.ReplStart; j < d.ReplEnd; j++ {
			mb.set(b0+j, true)
		}
	}
}

// anchors returns the pairs (i, j) within a[a0:a1] and b[b0:b1] with
// a[i] == b[j] where that line occurs exactly once in all of a and once in
// all of b, keeping the longest run of them that is increasing in both files
// (patience diff's first step). A Myers diff is free to leave such a line
// unmatched when another alignment costs the same; anchoring it keeps hunks
// from straddling it, which is what stops two identical changes from being
// aligned differently and applied twice. Uniqueness is judged on the whole
// files: a line repeated in the common head or tail is no anchor.
func anchors(a, b []string, a0, a1, b0, b1 int) [][2]int {
	type count struct{ na, nb, ib int }
	counts := make(map[string]*count, a1-a0)
	for _, l := range a[a0:a1] {
		c := counts[l]
		if c == nil {
			c = &count{}
			counts[l] = c
		}
		c.na++
	}
	for j, l := range b[b0:b1] {
		if c := counts[l]; c != nil {
			c.nb++
			c.ib = b0 + j
		}
	}
	// Occurrences in the common head and tail count too.
	for _, part := range [][]string{a[:a0], a[a1:], b[:b0], b[b1:]} {
		for _, l := range part {
			if c := counts[l]; c != nil {
				c.na = 2
			}
		}
	}
	var pairs [][2]int // in a's order
	for i := a0; i < a1; i++ {
		if c := counts[a[i]]; c.na == 1 && c.nb == 1 {
			pairs = append(pairs, [2]int{i, c.ib})
		}
	}
	return longestIncreasing(pairs)
}

// longestIncreasing returns the longest subsequence of pairs (sorted by
// their first element) whose second elements increase.
func longestIncreasing(pairs [][2]int) [][2]int {
	if len(pairs) == 0 {
		return nil
	}
	// tails[k] is the index of the smallest last element of an increasing
	// run of length k+1; prev links each pair to its predecessor.
	tails := make([]int, 0, len(pairs))
	prev := make([]int, len(pairs))
	for i, p := range pairs {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if pairs[tails[mid]][1] < p[1] {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[i] = -1
		if lo > 0 {
			prev[i] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	out := make([][2]int, len(tails))
	for k, i := len(tails)-1, tails[len(tails)-1]; k >= 0; k, i = k-1, prev[i] {
		out[k] = pairs[i]
	}
	return out
}

// group is a run of changed lines [start, end) in one file, possibly empty.
// The k-th group of a file corresponds to the k-th group of the other file:
// both sit between the same pair of unchanged, matched lines.
type group struct{ start, end int }

func firstGroup(m *marks) group {
	g := group{}
	for m.changed(g.end) {
		g.end++
	}
	return g
}

// nextGroup moves g to the following group; false at the end of the file.
func nextGroup(m *marks, g *group) bool {
	if g.end == m.n() {
		return false
	}
	g.start = g.end + 1
	g.end = g.start
	for m.changed(g.end) {
		g.end++
	}
	return true
}

// prevGroup moves g to the preceding group; false at the start of the file.
func prevGroup(m *marks, g *group) bool {
	if g.start == 0 {
		return false
	}
	g.end = g.start - 1
	g.start = g.end
	for m.changed(g.start - 1) {
		g.start--
	}
	return true
}

// slideDown moves a non-empty group one line down when the line after it
// equals its first line, absorbing any group it then touches.
func slideDown(m *marks, g *group) bool {
	if g.end >= m.n() || !m.same(g.start, g.end) {
		return false
	}
	m.set(g.start, false)
	g.start++
	m.set(g.end, true)
	g.end++
	for m.changed(g.end) {
		g.end++
	}
	return true
}

// slideUp moves a non-empty group one line up when the line before it equals
// its last line, absorbing any group it then touches.
func slideUp(m *marks, g *group) bool {
	if g.start == 0 || !m.same(g.start-1, g.end-1) {
		return false
	}
	g.start--
	m.set(g.start, true)
	g.end--
	m.set(g.end, false)
	for m.changed(g.start - 1) {
		g.start--
	}
	return true
}

// compact gives each run of changed lines in m the position git's xdiff
// (xdl_change_compact, without the indent heuristic, which merge-file does
// not use) gives it: as far down as equal lines allow, unless sliding it up
// lines it up with a change in the other file o. It returns false if the
// group walk loses sync with o, which cannot happen for a diff that is an
// LCS; the caller then keeps the uncompacted diff.
func compact(m, o *marks) bool {
	g, og := firstGroup(m), firstGroup(o)
	for {
		if !m.isEmpty(g) {
			var earliestEnd, endMatchingOther int
			for {
				size := g.end - g.start
				endMatchingOther = -1
				for slideUp(m, &g) {
					if !prevGroup(o, &og) {
						return false
					}
				}
				earliestEnd = g.end
				if !o.isEmpty(og) {
					endMatchingOther = g.end
				}
				for slideDown(m, &g) {
					if !nextGroup(o, &og) {
						return false
					}
					if !o.isEmpty(og) {
						endMatchingOther = g.end
					}
				}
				if size == g.end-g.start {
					break
				}
			}
			if g.end != earliestEnd && endMatchingOther != -1 {
				for o.isEmpty(og) {
					if !slideUp(m, &g) || !prevGroup(o, &og) {
						return false
					}
				}
			}
		}
		if !nextGroup(m, &g) {
			return true
		}
		if !nextGroup(o, &og) {
			return false
		}
	}
}

// script turns the change marks of a and b into hunks, in order.
func script(a, b *marks) []change {
	var hunks []change
	i, j := 0, 0
	for i < a.n() || j < b.n() {
		if (i < a.n() && a.changed(i)) || (j < b.n() && b.changed(j)) {
			si, sj := i, j
			for i < a.n() && a.changed(i) {
				i++
			}
			for j < b.n() && b.changed(j) {
				j++
			}
			hunks = append(hunks, change{i1: si, chg1: i - si, i2: sj, chg2: j - sj})
			continue
		}
		i++
		j++
	}
	return hunks
}
