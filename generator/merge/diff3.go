package merge

// A hunk of the merge. Mode says whose lines the region takes: takeOurs and
// takeTheirs are clean, conflict is not. The ranges are half-open line ranges
// of base (i0), ours (i1) and theirs (i2) that the hunk covers.
type hunk struct {
	mode     int
	i0, chg0 int
	i1, chg1 int
	i2, chg2 int
}

const (
	conflict   = 0
	takeOurs   = 1
	takeTheirs = 2
)

// combine walks the base→ours hunks s1 and the base→theirs hunks s2 together
// in base order, the way git's xdl_do_merge does at the "eager" level that
// diff3 style uses: a hunk that neither overlaps nor touches a hunk of the
// other side is taken as it is; two hunks that replace the same base lines
// with the same lines are taken once (they need no entry: ours already has
// them); any other overlap, or a hunk that merely touches one of the other
// side, is a conflict spanning both. Entries that touch in ours or theirs
// are fused, so a chain of touching hunks becomes one conflict.
func combine(s1, s2 []change, ours, theirs []string, nBase, nOurs, nTheirs int) []hunk {
	var out []hunk
	add := func(h hunk) {
		if n := len(out); n > 0 {
			last := &out[n-1]
			if h.i1 <= last.i1+last.chg1 || h.i2 <= last.i2+last.chg2 {
				if h.mode != last.mode {
					last.mode = conflict
				}
				last.chg0 = h.i0 + h.chg0 - last.i0
				last.chg1 = h.i1 + h.chg1 - last.i1
				last.chg2 = h.i2 + h.chg2 - last.i2
				return
			}
		}
		out = append(out, h)
	}
	a, b := 0, 0
	for a < len(s1) && b < len(s2) {
		x, y := s1[a], s2[b]
		if x.i1+x.chg1 < y.i1 {
			// Ours alone, strictly before theirs' next hunk.
			add(hunk{mode: takeOurs, i0: x.i1, chg0: x.chg1, i1: x.i2, chg1: x.chg2,
				i2: y.i2 - y.i1 + x.i1, chg2: x.chg1})
			a++
			continue
		}
		if y.i1+y.chg1 < x.i1 {
			add(hunk{mode: takeTheirs, i0: y.i1, chg0: y.chg1, i1: x.i2 - x.i1 + y.i1, chg1: y.chg1,
				i2: y.i2, chg2: y.chg2})
			b++
			continue
		}
		if !sameChange(x, y, ours, theirs) {
			// The conflict covers the union of both hunks' base ranges;
			// each side's range grows by the base lines the other hunk
			// covers beyond its own.
			off := x.i1 - y.i1
			ffo := off + x.chg1 - y.chg1
			i0, i1, i2 := x.i1, x.i2, y.i2
			if off > 0 {
				i0 -= off
				i1 -= off
			} else {
				i2 += off
			}
			chg0 := x.i1 + x.chg1 - i0
			chg1 := x.i2 + x.chg2 - i1
			chg2 := y.i2 + y.chg2 - i2
			if ffo < 0 {
				chg0 -= ffo
				chg1 -= ffo
			} else {
				chg2 += ffo
			}
			add(hunk{mode: conflict, i0: i0, chg0: chg0, i1: i1, chg1: chg1, i2: i2, chg2: chg2})
		}
		endX, endY := x.i1+x.chg1, y.i1+y.chg1
		if endX >= endY {
			b++
		}
		if endY >= endX {
			a++
		}
	}
	for ; a < len(s1); a++ {
		x := s1[a]
		add(hunk{mode: takeOurs, i0: x.i1, chg0: x.chg1, i1: x.i2, chg1: x.chg2,
			i2: x.i1 + nTheirs - nBase, chg2: x.chg1})
	}
	for ; b < len(s2); b++ {
		y := s2[b]
		add(hunk{mode: takeTheirs, i0: y.i1, chg0: y.chg1, i1: y.i1 + nOurs - nBase, chg1: y.chg1,
			i2: y.i2, chg2: y.chg2})
	}
	return out
}

// sameChange reports whether both sides replaced the same base lines with the
// same lines.
func sameChange(x, y change, ours, theirs []string) bool {
	if x.i1 != y.i1 || x.chg1 != y.chg1 || x.chg2 != y.chg2 {
		return false
	}
	for k := 0; k < x.chg2; k++ {
		if ours[x.i2+k] != theirs[y.i2+k] {
			return false
		}
	}
	return true
}

type merger struct {
	base, ours, theirs []string
	labels             Labels
	out                []byte
}

// write produces the merged text: ours' lines, with theirs' clean hunks
// swapped in and every conflict written with markers. It returns the text
// and the number of conflicts.
func (m *merger) write(hunks []hunk) ([]byte, int) {
	size := 0
	for _, l := range m.ours {
		size += len(l)
	}
	m.out = make([]byte, 0, size+size/8)
	conflicts, i := 0, 0
	for _, h := range hunks {
		m.copy(m.ours[i:h.i1], false, false)
		switch h.mode {
		case takeOurs:
			m.copy(m.ours[h.i1:h.i1+h.chg1], false, false)
		case takeTheirs:
			m.copy(m.theirs[h.i2:h.i2+h.chg2], false, false)
		default:
			conflicts++
			m.conflict(h)
		}
		i = h.i1 + h.chg1
	}
	m.copy(m.ours[i:], false, false)
	return m.out, conflicts
}

// conflict writes one conflict hunk in diff3 style.
func (m *merger) conflict(h hunk) {
	crlf := m.needsCR(h)
	m.marker('<', m.labels.Ours, crlf)
	m.copy(m.ours[h.i1:h.i1+h.chg1], true, crlf)
	m.marker('|', m.labels.Base, crlf)
	m.copy(m.base[h.i0:h.i0+h.chg0], true, crlf)
	m.marker('=', "", crlf)
	m.copy(m.theirs[h.i2:h.i2+h.chg2], true, crlf)
	m.marker('>', m.labels.Theirs, crlf)
}

func (m *merger) marker(c byte, label string, crlf bool) {
	for k := 0; k < markerSize; k++ {
		m.out = append(m.out, c)
	}
	if label != "" {
		m.out = append(m.out, ' ')
		m.out = append(m.out, label...)
	}
	m.eol(crlf)
}

func (m *merger) eol(crlf bool) {
	if crlf {
		m.out = append(m.out, '\r')
	}
	m.out = append(m.out, '\n')
}

// copy appends lines; with addNL a last line without a newline gets one, so
// that the marker after it starts a line of its own.
func (m *merger) copy(lines []string, addNL, crlf bool) {
	for _, l := range lines {
		m.out = append(m.out, l...)
	}
	if addNL && len(lines) > 0 {
		if last := lines[len(lines)-1]; last == "" || last[len(last)-1] != '\n' {
			m.eol(crlf)
		}
	}
}

// needsCR decides, as git does, whether a conflict's markers end in CRLF: the
// line before the hunk (or the first line) in ours and in theirs, and the
// first line of base, must all end in CRLF; a file whose ending cannot be
// told (empty, or one line without newline) does not veto.
func (m *merger) needsCR(h hunk) bool {
	at := func(i int) int {
		if i > 0 {
			return i - 1
		}
		return 0
	}
	v := eolCRLF(m.ours, at(h.i1))
	if v != 0 {
		v = eolCRLF(m.theirs, at(h.i2))
	}
	if v != 0 {
		v = eolCRLF(m.base, 0)
	}
	return v > 0
}

// eolCRLF says whether line i of lines ends in CRLF: 1 yes, 0 no, -1 unknown.
// A last line without newline takes the ending of the line before it.
func eolCRLF(lines []string, i int) int {
	crlf := func(l string) int {
		if len(l) > 1 && l[len(l)-2] == '\r' && l[len(l)-1] == '\n' {
			return 1
		}
		return 0
	}
	if i < len(lines)-1 {
		return crlf(lines[i])
	}
	if len(lines) == 0 {
		return -1
	}
	if l := lines[i]; l != "" && l[len(l)-1] == '\n' {
		return crlf(l)
	}
	if i == 0 {
		return -1
	}
	return crlf(lines[i-1])
}
