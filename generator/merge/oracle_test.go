package merge

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/aymanbagabas/go-udiff/lcs"
	"golang.org/x/tools/txtar"
)

// The oracle test's knobs. perFile triples are made from every distinct text
// file of the golden projects; the seed makes every run make the same ones.
const (
	oracleSeed    = 15
	oraclePerFile = 7
	goldenRoot    = "../../testdata/golden"
)

// goldenFiles returns every distinct text file of the golden projects (the
// members of each txtar archive, and any other file under the tree), sorted
// by the first path it was seen at.
func goldenFiles(t testing.TB) (names []string, contents [][]byte) {
	t.Helper()
	seen := map[string]bool{}
	addFile := func(name string, data []byte) {
		if IsBinary(data) || seen[string(data)] {
			return
		}
		seen[string(data)] = true
		names = append(names, name)
		contents = append(contents, data)
	}
	err := filepath.WalkDir(goldenRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !strings.HasSuffix(path, ".txtar") {
			addFile(path, data)
			return nil
		}
		for _, f := range txtar.Parse(data).Files {
			addFile(path+":"+f.Name, f.Data)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading the golden projects under %s: %v", goldenRoot, err)
	}
	if len(names) == 0 {
		t.Fatalf("no golden files under %s", goldenRoot)
	}
	return names, contents
}

// triple is one generated merge case.
type triple struct {
	name               string
	base, ours, theirs []byte
}

// makeTriples derives oraclePerFile (base, ours, theirs) cases from each file:
// random line replacements, insertions (of new lines, blank lines and copies
// of nearby lines, which make the diff ambiguous) and deletions on each side,
// some edits made identically on both sides, and some cases turned into CRLF
// files or files without a final newline.
func makeTriples(names []string, contents [][]byte) []triple {
	var out []triple
	for fi, data := range contents {
		for k := 0; k < oraclePerFile; k++ {
			rng := rand.New(rand.NewPCG(oracleSeed, uint64(fi*oraclePerFile+k)))
			base := splitLines(data)
			eol := "\n"
			if rng.IntN(8) == 0 {
				eol = "\r\n"
				for i, l := range base {
					base[i] = strings.TrimSuffix(l, "\n") + eol
				}
			}
			if rng.IntN(8) == 0 && len(base) > 0 {
				base[len(base)-1] = strings.TrimRight(base[len(base)-1], "\r\n")
			}
			shared := edit(rng, base, eol, "both", 1+rng.IntN(2))
			useShared := rng.IntN(5) == 0
			side := func(tag string) []string {
				start := base
				if useShared {
					start = shared
				}
				lines := edit(rng, start, eol, tag, 1+rng.IntN(4))
				if rng.IntN(20) == 0 && len(lines) > 0 {
					lines[len(lines)-1] = strings.TrimRight(lines[len(lines)-1], "\r\n")
				}
				return lines
			}
			ours, theirs := side("ours"), side("theirs")
			out = append(out, triple{
				name:   fmt.Sprintf("%s#%d", names[fi], k),
				base:   []byte(strings.Join(base, "")),
				ours:   []byte(strings.Join(ours, "")),
				theirs: []byte(strings.Join(theirs, "")),
			})
		}
	}
	return out
}

// edit returns a copy of lines with n random edits.
func edit(rng *rand.Rand, lines []string, eol, tag string, n int) []string {
	out := append([]string(nil), lines...)
	for e := 0; e < n; e++ {
		at := 0
		if len(out) > 0 {
			at = rng.IntN(len(out) + 1)
		}
		fresh := func() string { return fmt.Sprintf("%s edit %d.%d%s", tag, e, rng.IntN(1000), eol) }
		switch op := rng.IntN(10); {
		case op < 3 && at < len(out): // replace a line
			out[at] = fresh()
		case op < 5: // insert new lines
			ins := make([]string, 1+rng.IntN(3))
			for i := range ins {
				ins[i] = fresh()
			}
			out = insertAt(out, at, ins...)
		case op < 6: // insert a blank line
			out = insertAt(out, at, eol)
		case op < 7 && len(out) > 0: // insert a copy of a nearby line
			src := min(max(at+rng.IntN(5)-2, 0), len(out)-1)
			l := out[src]
			if !strings.HasSuffix(l, "\n") {
				l += eol
			}
			out = insertAt(out, at, l)
		case at < len(out): // delete lines
			end := min(at+1+rng.IntN(3), len(out))
			out = append(out[:at:at], out[end:]...)
		}
	}
	return out
}

func insertAt(lines []string, at int, ins ...string) []string {
	out := make([]string, 0, len(lines)+len(ins))
	out = append(out, lines[:at]...)
	out = append(out, ins...)
	return append(out, lines[at:]...)
}

// gitMerge runs `git merge-file -p --diff3` on a triple in dir.
func gitMerge(dir string, tr triple) (data []byte, conflicts int, err error) {
	for name, b := range map[string][]byte{"ours": tr.ours, "base": tr.base, "theirs": tr.theirs} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return nil, 0, err
		}
	}
	cmd := exec.Command("git", "merge-file", "-p", "--diff3", "-L", "ours", "-L", "base", "-L", "theirs", "ours", "base", "theirs")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() > 0 && exit.ExitCode() < 128 {
		return out, exit.ExitCode(), nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("git merge-file: %v: %s", err, stderr.String())
	}
	return out, 0, nil
}

// disagreement kinds, for the figures in docs/update-merge.md.
const (
	kindOnlyWeConflict  = "scaffold conflicts, git is clean"
	kindOnlyGitConflict = "git conflicts, scaffold is clean"
	kindCleanBytes      = "both clean, different bytes"
)

// TestOracleGitMergeFile cross-checks Merge3 against git merge-file on
// thousands of generated triples. It requires the same clean/conflict
// decision, and the same bytes when clean, in at least 99% of them; every
// disagreement must keep every line either side added.
func TestOracleGitMergeFile(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed; the oracle test needs git merge-file")
	}
	names, contents := goldenFiles(t)
	triples := makeTriples(names, contents)
	if testing.Short() {
		triples = triples[:len(triples)/10]
	}

	type outcome struct {
		kind         string // "" when scaffold and git agree
		conflictSame bool   // both conflicted with identical bytes
		conflicted   bool   // scaffold's merge has conflicts
		cause        string // for a disagreement: how the two-way diffs differ
		err          error
	}
	results := make([]outcome, len(triples))
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := 0; w < 4; w++ {
		dir := t.TempDir()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				tr := triples[i]
				want, wantConflicts, err := gitMerge(dir, tr)
				if err != nil {
					results[i] = outcome{err: err}
					continue
				}
				got := Merge3(tr.base, tr.ours, tr.theirs, Labels{Ours: "ours", Base: "base", Theirs: "theirs"})
				o := outcome{conflicted: !got.Clean}
				switch {
				case !got.Clean && wantConflicts == 0:
					o.kind = kindOnlyWeConflict
				case got.Clean && wantConflicts > 0:
					o.kind = kindOnlyGitConflict
				case got.Clean && !bytes.Equal(got.Data, want):
					o.kind = kindCleanBytes
				case !got.Clean:
					o.conflictSame = bytes.Equal(got.Data, want) && got.Conflicts == wantConflicts
					if !o.conflictSame {
						// Not a disagreement (both conflict), but worth knowing why.
						o.cause = diffCause(dir, tr)
					}
				}
				if o.kind != "" {
					o.cause = diffCause(dir, tr)
					if lost := lostLines(tr, got.Data); lost != "" {
						o.err = fmt.Errorf("%s (%s): %s", tr.name, o.kind, lost)
					}
				}
				results[i] = o
			}
		}()
	}
	for i := range triples {
		jobs <- i
	}
	close(jobs)
	wg.Wait()

	kinds := map[string][]string{}
	causes := map[string]int{}
	conflictCauses := map[string]int{} // both conflicted, different bytes
	agree, conflicted, conflictSame := 0, 0, 0
	for i, o := range results {
		if o.err != nil {
			t.Error(o.err)
		}
		if o.kind == "" {
			agree++
		} else {
			kinds[o.kind] = append(kinds[o.kind], triples[i].name)
			causes[o.cause]++
		}
		if o.conflictSame {
			conflictSame++
		} else if o.conflicted && o.kind == "" {
			conflictCauses[o.cause]++
		}
		if o.conflicted {
			conflicted++
		}
	}
	pct := 100 * float64(agree) / float64(len(triples))
	fmt.Printf("oracle: %d triples from %d golden files; agreement with git merge-file --diff3: %d/%d = %.2f%%; %d conflicted, of which %d byte-identical to git\n",
		len(triples), len(names), agree, len(triples), pct, conflicted, conflictSame)
	for _, k := range sortedKeys(kinds) {
		ex := kinds[k]
		fmt.Printf("oracle: %-34s %4d (e.g. %s)\n", k, len(ex), strings.Join(ex[:min(3, len(ex))], ", "))
	}
	for _, c := range sortedKeys(causes) {
		fmt.Printf("oracle: cause: %-60s %4d\n", c, causes[c])
		if c == causeSameDiffs {
			t.Errorf("%d disagreements with git where both two-way diffs are the same: the merge step differs from git's", causes[c])
		}
	}
	for _, c := range sortedKeys(conflictCauses) {
		fmt.Printf("oracle: both conflict, other hunks: %-60s %4d\n", c, conflictCauses[c])
	}
	if pct < 99 {
		t.Errorf("agreement with git merge-file is %.2f%%, want at least 99%%", pct)
	}
	if dir := os.Getenv("MERGE_ORACLE_DUMP"); dir != "" {
		dumpDisagreements(t, dir, triples, results2names(kinds))
	}
}

func results2names(kinds map[string][]string) map[string]string {
	out := map[string]string{}
	for k, names := range kinds {
		for _, n := range names {
			out[n] = k
		}
	}
	return out
}

// dumpDisagreements writes each disagreeing triple, with both merges, under
// dir, for a person to study (MERGE_ORACLE_DUMP=dir go test -run Oracle).
func dumpDisagreements(t *testing.T, dir string, triples []triple, which map[string]string) {
	n := 0
	for _, tr := range triples {
		kind, ok := which[tr.name]
		if !ok {
			continue
		}
		n++
		d := filepath.Join(dir, fmt.Sprintf("%03d", n))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		want, _, err := gitMerge(d, tr)
		if err != nil {
			t.Fatal(err)
		}
		got := Merge3(tr.base, tr.ours, tr.theirs, Labels{Ours: "ours", Base: "base", Theirs: "theirs"})
		files := map[string][]byte{"git": want, "scaffold": got.Data, "kind": []byte(kind + "\n" + tr.name + "\n")}
		for name, b := range files {
			if err := os.WriteFile(filepath.Join(d, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// lostLines checks that every line either side added (relative to base) is
// still in merged, at least as often as that side added it. It returns a
// description of the first line missing, or "".
func lostLines(tr triple, merged []byte) string {
	have := map[string]int{}
	for _, l := range splitLines(merged) {
		have[trimEOL(l)]++
	}
	base := splitLines(tr.base)
	for _, s := range []struct {
		name string
		data []byte
	}{{"ours", tr.ours}, {"theirs", tr.theirs}} {
		lines := splitLines(s.data)
		added := map[string]int{}
		for _, c := range lineDiff(base, lines) {
			for _, l := range lines[c.i2 : c.i2+c.chg2] {
				added[trimEOL(l)]++
			}
		}
		for l, n := range added {
			if have[l] < n {
				return fmt.Sprintf("line %q added by %s is missing from the merge", l, s.name)
			}
		}
	}
	return ""
}

// trimEOL drops a line's trailing CRs and LFs: a conflict adds a newline to
// a last line that had none, and after a line "x\r" that makes "x\r\n".
func trimEOL(l string) string {
	return strings.TrimRight(l, "\r\n")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Causes of a disagreement, found by comparing scaffold's two-way diffs with
// git diff's (same xdiff, same compaction as merge-file; no indent heuristic).
const (
	causeSameDiffs   = "both two-way diffs equal git's (a merge-step difference)"
	causeTie         = "a two-way diff differs from git's at equal cost (another minimal alignment)"
	causeGitLonger   = "git's two-way diff is longer (xdiff's heuristics)"
	causeAnchored    = "scaffold's two-way diff is longer (unique-line anchoring)"
	causeOursLonger  = "scaffold's two-way diff is longer (the LCS search limit)"
	causeUnavailable = "git diff failed"
)

// diffCause explains a disagreement by the two-way diffs that fed it.
func diffCause(dir string, tr triple) string {
	base := splitLines(tr.base)
	cause := causeSameDiffs
	for _, side := range []struct {
		name string
		data []byte
	}{{"ours", tr.ours}, {"theirs", tr.theirs}} {
		lines := splitLines(side.data)
		ours := lineDiff(base, lines)
		git, err := gitDiff(dir, side.name)
		if err != nil {
			return causeUnavailable + ": " + err.Error()
		}
		if equalChanges(ours, git) {
			continue
		}
		switch co, cg := cost(ours), cost(git); {
		case co > cg && plainCost(base, lines) <= cg:
			return causeAnchored
		case co > cg:
			return causeOursLonger
		case cg > co:
			cause = causeGitLonger
		case cause == causeSameDiffs:
			cause = causeTie
		}
	}
	return cause
}

// plainCost is the cost of the library's diff of the whole files, without
// anchoring.
func plainCost(a, b []string) int {
	n := 0
	for _, d := range lcs.DiffLines(a, b) {
		n += d.End - d.Start + d.ReplEnd - d.ReplStart
	}
	return n
}

func cost(cs []change) int {
	n := 0
	for _, c := range cs {
		n += c.chg1 + c.chg2
	}
	return n
}

func equalChanges(a, b []change) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// gitDiff returns the hunks of `git diff --no-index` from dir/base to
// dir/side, read from the hunk headers.
func gitDiff(dir, side string) ([]change, error) {
	cmd := exec.Command("git", "diff", "--no-index", "--no-indent-heuristic", "--no-color", "-U0", "base", side)
	cmd.Dir = dir
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return nil, err
	}
	var cs []change
	for _, l := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(l, "@@ -") {
			continue
		}
		var c change
		f := strings.Fields(l)
		c.i1, c.chg1 = hunkRange(f[1][1:])
		c.i2, c.chg2 = hunkRange(f[2][1:])
		cs = append(cs, c)
	}
	return cs, nil
}

// hunkRange reads "start,count" (count 1 when left out) as a 0-based start.
func hunkRange(s string) (start, count int) {
	count = 1
	if i := strings.IndexByte(s, ','); i >= 0 {
		fmt.Sscan(s[i+1:], &count)
		s = s[:i]
	}
	fmt.Sscan(s, &start)
	if count > 0 {
		start--
	}
	return start, count
}
