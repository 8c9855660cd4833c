// Package secretscan recovers a project's own secret values from its files.
//
// Secrets are drawn once, by `scaffold new`, and recorded nowhere (not in
// .scaffold.yaml), yet `scaffold update` and `scaffold add` must render the
// project again with the same ones, or every template change next to a line
// that holds a secret conflicts. So the engine renders the project once with
// stand-in values, and this package compares that rendering with the files on
// disk: each rendered line that holds a stand-in is a pattern (its other text
// fixed, the secret's place open), and the project's line that fits the
// pattern gives the project's value.
//
// It is pure: it reads the project through an fs.FS, writes nothing and
// prints nothing (the values it finds are secrets).
package secretscan

import (
	"bytes"
	"io/fs"
	"sort"
	"strings"

	"github.com/scaffold-cli/scaffold/generator/tree"
)

// MinLength is the shortest stand-in looked for: a shorter one could turn up
// in a rendered line by chance, and that line would vote for a wrong value.
const MinLength = 8

// Secret is one secret to recover.
type Secret struct {
	Key string
	// StandIn is the value the rendering was made with. All values of a
	// secret have its length (each encoding draws a fixed length).
	StandIn string
	// Fits reports whether text could be a value of this secret (its
	// encoding's alphabet and length).
	Fits func(string) bool
}

// Recover returns the project's value of each secret it finds, by key. A
// secret missing from the result was not found: the rendering never writes
// it literally, or the user changed or removed every line that held it.
// Where the lines disagree, the value most lines hold wins, and among
// equals the one found first (by path, then line). ours is the project's
// directory; rendered holds the files made with the stand-ins.
func Recover(rendered []tree.File, secrets []Secret, ours fs.FS) map[string]string {
	var wanted []Secret
	for _, s := range secrets {
		if len(s.StandIn) >= MinLength {
			wanted = append(wanted, s)
		}
	}
	if len(wanted) == 0 {
		return map[string]string{}
	}
	files := append([]tree.File(nil), rendered...)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	var tally votes
	for _, f := range files {
		if !holdsAny(f.Data, wanted) {
			continue
		}
		disk := readLines(ours, f.Path)
		if disk == nil {
			continue
		}
		for i, line := range lines(f.Data) {
			p := newPattern(line, wanted)
			if p.slots() == 0 {
				continue
			}
			if found := p.nearestMatch(disk, i, wanted); found != nil {
				for k, v := range found {
					// The stand-in itself is no evidence: the project was
					// made with the same seed (its value then is the
					// stand-in anyway), or the text is no secret at all.
					if v != wanted[k].StandIn {
						tally.add(wanted[k].Key, v)
					}
				}
			}
		}
	}
	return tally.winners()
}

func holdsAny(data []byte, secrets []Secret) bool {
	for _, s := range secrets {
		if bytes.Contains(data, []byte(s.StandIn)) {
			return true
		}
	}
	return false
}

// readLines is the project's file at p split into lines, or nil when it
// cannot be read as a file (removed, a directory, unreadable): it then
// holds no evidence, and the merge, which reads the same files, says what
// is wrong with it.
func readLines(ours fs.FS, p string) []string {
	data, err := fs.ReadFile(ours, p)
	if err != nil {
		return nil
	}
	return lines(data)
}

// lines splits data at newlines; a carriage return before one is dropped,
// so a project checked out with CRLF line ends still matches.
func lines(data []byte) []string {
	out := strings.Split(string(data), "\n")
	for i, l := range out {
		out[i] = strings.TrimSuffix(l, "\r")
	}
	return out
}

// piece is a run of fixed text (secret < 0) or the place of secret
// number secret in a pattern.
type piece struct {
	text   string
	secret int
}

// pattern is a rendered line with its stand-ins cut out.
type pattern []piece

// newPattern cuts every stand-in out of line, leftmost first (the longest
// where two start at one place).
func newPattern(line string, secrets []Secret) pattern {
	var p pattern
	fixed := 0
	for i := 0; i < len(line); {
		which := -1
		for k, s := range secrets {
			if strings.HasPrefix(line[i:], s.StandIn) && (which < 0 || len(s.StandIn) > len(secrets[which].StandIn)) {
				which = k
			}
		}
		if which < 0 {
			i++
			continue
		}
		if fixed < i {
			p = append(p, piece{text: line[fixed:i], secret: -1})
		}
		p = append(p, piece{secret: which})
		i += len(secrets[which].StandIn)
		fixed = i
	}
	if fixed < len(line) {
		p = append(p, piece{text: line[fixed:], secret: -1})
	}
	return p
}

func (p pattern) slots() int {
	n := 0
	for _, pc := range p {
		if pc.secret >= 0 {
			n++
		}
	}
	return n
}

// match reads the secrets' values out of line, by secret number, or
// returns nil when line does not fit the pattern: different fixed text, a
// value that does not fit, or one secret with two values.
func (p pattern) match(line string, secrets []Secret) map[int]string {
	found := map[int]string{}
	at := 0
	for _, pc := range p {
		if pc.secret < 0 {
			if !strings.HasPrefix(line[at:], pc.text) {
				return nil
			}
			at += len(pc.text)
			continue
		}
		n := len(secrets[pc.secret].StandIn)
		if len(line)-at < n {
			return nil
		}
		v := line[at : at+n]
		if prev, ok := found[pc.secret]; (ok && prev != v) || !secrets[pc.secret].Fits(v) {
			return nil
		}
		found[pc.secret] = v
		at += n
	}
	if at != len(line) {
		return nil
	}
	return found
}

// nearestMatch matches the project's lines against the pattern of rendered
// line number at, and takes the matching line nearest to it (the earlier
// of two as near): the user may have added or removed lines above it.
func (p pattern) nearestMatch(disk []string, at int, secrets []Secret) map[int]string {
	var best map[int]string
	bestDistance := -1
	for j, line := range disk {
		d := j - at
		if d < 0 {
			d = -d
		}
		if bestDistance >= 0 && d >= bestDistance {
			continue
		}
		if found := p.match(line, secrets); found != nil {
			best, bestDistance = found, d
		}
	}
	return best
}

// votes counts, per secret key, the lines that hold each value, in the
// order the values were first found.
type votes struct {
	keys   []string
	values map[string][]string
	counts map[string]map[string]int
}

func (t *votes) add(key, value string) {
	if t.counts == nil {
		t.values, t.counts = map[string][]string{}, map[string]map[string]int{}
	}
	if t.counts[key] == nil {
		t.keys = append(t.keys, key)
		t.counts[key] = map[string]int{}
	}
	if t.counts[key][value] == 0 {
		t.values[key] = append(t.values[key], value)
	}
	t.counts[key][value]++
}

// winners is each key's value with the most votes; the first found of
// equals.
func (t *votes) winners() map[string]string {
	out := map[string]string{}
	for _, key := range t.keys {
		best := ""
		for _, v := range t.values[key] {
			if t.counts[key][v] > t.counts[key][best] {
				best = v
			}
		}
		out[key] = best
	}
	return out
}
