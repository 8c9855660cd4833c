// Command reliability-report turns the output of scaffold's reliability tests
// (go test -json) and fuzz runs into docs/reliability.md. "make reliability"
// runs it; the report holds counts and outcomes only (no timings), so the
// same code on the same kind of machine gives the same file.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// event is one line of go test -json (test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

type testResult struct {
	pkg, name string
	action    string // pass, fail, skip
	skipMsg   string
}

// areas describe the top-level tests, in report order; a test not listed
// still appears, under its own name.
var areas = []struct {
	pkg, test, title, what string
}{
	{"reliability", "TestBadInput", "Bad input through the CLI", "the real binary must exit 2 (1 for environment faults) with a one-line error naming the problem, print nothing on stdout, and leave the working directory, its parent, $TMPDIR and $HOME exactly as they were (directory mtimes included)"},
	{"reliability", "TestBadInputControl", "Control: valid runs in the same fixtures", "the sandbox and fixtures let a correct command succeed"},
	{"reliability", "TestInterrupt", "Interrupted mid-write (SIGINT, SIGTERM)", "signal sent once scaffold is visibly mid-way through a phase of writing a 1000-file project; exit 130, nothing left: no target, no staging directory, existing files untouched"},
	{"reliability", "TestKilledMidWrite", "Killed mid-write (SIGKILL), then run again", "the killed run cannot clean up, so its staging directory stays; the next run into the same target removes it (no process holds its lock), says so, and writes the whole project"},
	{"reliability", "TestWriteFault", "Disk full mid-write (small tmpfs)", "out of bytes or inodes while staging, or of inodes half-way through linking; exit 1, nothing left"},
	{"reliability", "TestReadOnlyMidWay", "Filesystem turns read-only mid-write", "nothing can be removed from a read-only filesystem: scaffold must name the staging directory it could not remove, and the target must not appear"},
	{"reliability", "TestRace", "Two processes racing for one target", "exactly one succeeds, the other exits 2 with a clear error, the target is one whole project with no staging directory"},
	{"reliability", "TestRaceBuiltin", "Racing on every built-in framework", "as above, and the result equals the project generated alone, byte for byte"},
	{"reliability", "TestBrokenTemplates", "Broken templates through the CLI (--templates)", "exit 1, the offending file named, nothing written"},
	{"reliability", "TestHostileCustomTemplates", "Hostile custom templates through the CLI (--template DIR)", "the broken templates above, and one for each bound of a custom template at the limits scaffold ships with (file count, file size, rendered size of one file and of the project, render time per template, nesting and recursion of {{template}}): exit 1, a one-line error naming the file and the limit, nothing written"},
	{"generator", "TestTemplatesOverBounds", "Custom templates over a bound, in process (bounds lowered)", "each bound lowered a thousandfold: loading or Generate fails naming the file and the limit, before Write could run"},
	{"generator", "TestBuiltInTemplatesWithinBounds", "Built-in templates within a tenth of every bound", "every built-in framework loads as a custom template and renders every golden case with every bound lowered tenfold"},
	{"generator", "TestBrokenTemplates", "Broken templates in memory (fstest.MapFS)", "LoadCatalog/Resolve/Generate fail naming the file before Write could run; ParseTemplates catches syntax errors and removed functions"},
	{"write", "TestWriteIntoEmptyCurrentDir", "Write: --dir . in an empty directory", ""},
	{"write", "TestWriteIntoRace", "Write: two --force writers, 40 rounds", ""},
	{"names", "TestProjectNameSuggestionsAreValid", "Names: suggestions are valid project names", ""},
	{"names", "TestRuleSuggestionsAreValid", "Names: every rule accepts what it suggests", ""},
	{"cli", "TestFlagGivenTwice", "CLI: a flag given twice", ""},
}

var fileLineRe = regexp.MustCompile(`^\s*\w+\.go:\d+: `)

func main() {
	testsFile := flag.String("tests", "", "go test -json output")
	fuzzFile := flag.String("fuzz", "", "fuzz results: lines of \"<target> <requested execs> <go test output file>\"")
	out := flag.String("o", "docs/reliability.md", "the report")
	flag.Parse()

	catalog, err := generator.LoadCatalog(templates.FS)
	check(err)
	results, err := readTests(*testsFile)
	check(err)
	fuzz, err := readFuzz(*fuzzFile)
	check(err)
	var b strings.Builder
	failed := write(&b, results, fuzz, strings.Join(catalog.Names(), ", "))
	check(os.WriteFile(*out, []byte(b.String()), 0o644))
	if failed {
		fmt.Fprintf(os.Stderr, "reliabilityreport: failures; see %s\n", *out)
		os.Exit(1)
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "reliabilityreport:", err)
		os.Exit(2)
	}
}

func readTests(file string) ([]testResult, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	final := map[[2]string]*testResult{}
	outputs := map[[2]string][]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil || e.Test == "" {
			continue
		}
		key := [2]string{shortPkg(e.Package), e.Test}
		switch e.Action {
		case "output":
			outputs[key] = append(outputs[key], e.Output)
		case "pass", "fail", "skip":
			final[key] = &testResult{pkg: key[0], name: e.Test, action: e.Action}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var out []testResult
	for key, r := range final {
		if r.action == "skip" {
			r.skipMsg = skipMessage(outputs[key])
		}
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].pkg != out[j].pkg {
			return out[i].pkg < out[j].pkg
		}
		return out[i].name < out[j].name
	})
	return out, nil
}

func shortPkg(p string) string { return p[strings.LastIndex(p, "/")+1:] }

// skipMessage is the t.Skip text, without its file:line prefix.
func skipMessage(lines []string) string {
	for _, l := range lines {
		if fileLineRe.MatchString(l) {
			return strings.TrimSpace(fileLineRe.ReplaceAllString(l, ""))
		}
	}
	return "(no reason given)"
}

// leaves keeps the tests that have no subtests: each is one case.
func leaves(rs []testResult) []testResult {
	parent := map[string]bool{}
	for _, r := range rs {
		if i := strings.LastIndex(r.name, "/"); i >= 0 {
			for p := r.name[:i]; ; {
				parent[r.pkg+" "+p] = true
				j := strings.LastIndex(p, "/")
				if j < 0 {
					break
				}
				p = p[:j]
			}
		}
	}
	var out []testResult
	for _, r := range rs {
		if !parent[r.pkg+" "+r.name] {
			out = append(out, r)
		}
	}
	return out
}

type counts struct{ pass, skip, fail int }

func (c *counts) add(r testResult) {
	switch r.action {
	case "pass":
		c.pass++
	case "skip":
		c.skip++
	default:
		c.fail++
	}
}

func (c counts) total() int { return c.pass + c.skip + c.fail }

func (c counts) result() string {
	switch {
	case c.fail > 0:
		return fmt.Sprintf("**%d FAILED**", c.fail)
	case c.pass == 0 && c.skip > 0:
		return "skipped"
	}
	return "pass"
}

type fuzzResult struct {
	target       string
	seeds, execs int
	requested    int
	passed       bool
	failure      string
}

var execsRe = regexp.MustCompile(`execs: (\d+)`)

func readFuzz(file string) ([]fuzzResult, error) {
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []fuzzResult
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			return nil, fmt.Errorf("bad fuzz line %q", line)
		}
		req, _ := strconv.Atoi(f[1])
		log, err := os.ReadFile(f[2])
		if err != nil {
			return nil, err
		}
		r := fuzzResult{target: f[0], requested: req}
		for _, m := range execsRe.FindAllSubmatch(log, -1) {
			r.execs, _ = strconv.Atoi(string(m[1]))
		}
		r.passed = strings.Contains(string(log), "\nPASS\n") || strings.HasPrefix(string(log), "PASS\n")
		if !r.passed {
			r.failure = lastLines(string(log), 8)
		}
		out = append(out, r)
	}
	return out, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func write(w io.Writer, all []testResult, fuzz []fuzzResult, frameworks string) (failed bool) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	cases := leaves(all)
	byTop := map[string][]testResult{}
	for _, r := range cases {
		top, _, _ := strings.Cut(r.name, "/")
		byTop[r.pkg+" "+top] = append(byTop[r.pkg+" "+top], r)
	}

	p("# Reliability\n\n")
	p("What scaffold's reliability tests try and what happened, produced by `make reliability`\n")
	p("(do not edit by hand: re-run it, e.g. after adding a framework, and commit the result).\n")
	p("The tests run the real `scaffold` binary; see `cmd/scaffold/reliability/` and `generator/fuzz_test.go`.\n\n")
	p("Frameworks in the catalog: %s. Bad-input tables run for each of them; reserved-word cases of an\n", frameworks)
	p("ecosystem whose framework is not in the catalog are skipped and run once it is.\n\n")

	// The headline: how many bad inputs, faults, hostile templates and fuzz
	// executions, and the result.
	sum := func(keys ...string) (c counts) {
		for _, k := range keys {
			for _, r := range byTop[k] {
				c.add(r)
			}
		}
		return c
	}
	// A fuzz target's seed corpus runs as a test of its package, whichever
	// package that is.
	seedsOf := func(target string) (n int) {
		for k, rs := range byTop {
			if strings.HasSuffix(k, " "+target) {
				n += len(rs)
			}
		}
		return n
	}
	fuzzExecs, fuzzSeeds := 0, 0
	for _, f := range fuzz {
		fuzzExecs += f.requested
		fuzzSeeds += seedsOf(f.target)
	}
	headline := []struct {
		what string
		c    counts
	}{
		{"bad inputs through the real CLI", sum("reliability TestBadInput")},
		{"faults mid-write (signals, disk full, read-only)", sum("reliability TestInterrupt", "reliability TestWriteFault", "reliability TestReadOnlyMidWay")},
		{"race rounds (two processes, one target)", sum("reliability TestRace", "reliability TestRaceBuiltin")},
		{"broken and hostile templates (through the CLI and in memory)", sum("reliability TestBrokenTemplates", "reliability TestHostileCustomTemplates", "generator TestBrokenTemplates", "generator TestTemplatesOverBounds")},
	}
	p("## Result\n\n")
	for _, h := range headline {
		p("- **%d %s**: %d passed, %d skipped, %d failed.\n", h.c.total(), h.what, h.c.pass, h.c.skip, h.c.fail)
	}
	if len(fuzz) > 0 {
		fuzzFailed := 0
		for _, f := range fuzz {
			if !f.passed || f.execs < f.requested {
				fuzzFailed++
			}
		}
		p("- **%d fuzz executions** over %d targets, after %d seed inputs: %d targets failed.\n", fuzzExecs, len(fuzz), fuzzSeeds, fuzzFailed)
	}
	p("\n")

	p("## Summary\n\n| area | cases | passed | skipped | failed | result |\n|---|---:|---:|---:|---:|---|\n")
	var grand counts
	seen := map[string]bool{}
	row := func(key, title string) {
		var c counts
		for _, r := range byTop[key] {
			c.add(r)
		}
		grand.pass, grand.skip, grand.fail = grand.pass+c.pass, grand.skip+c.skip, grand.fail+c.fail
		p("| %s | %d | %d | %d | %d | %s |\n", title, c.total(), c.pass, c.skip, c.fail, c.result())
		seen[key] = true
	}
	for _, a := range areas {
		if len(byTop[a.pkg+" "+a.test]) > 0 {
			row(a.pkg+" "+a.test, a.title)
		}
	}
	var rest []string
	for key := range byTop {
		if !seen[key] {
			rest = append(rest, key)
		}
	}
	sort.Strings(rest)
	for _, key := range rest {
		pkg, test, _ := strings.Cut(key, " ")
		title := pkg + ": " + test
		if strings.HasPrefix(test, "Fuzz") {
			title = "Fuzz seed corpus: " + test
		}
		row(key, title)
	}
	p("| **all** | **%d** | **%d** | **%d** | **%d** | %s |\n\n", grand.total(), grand.pass, grand.skip, grand.fail, grand.result())
	failed = grand.fail > 0

	// Bad input, by category.
	bad := byTop["reliability TestBadInput"]
	if len(bad) > 0 {
		p("## Bad input, by kind\n\n")
		for _, a := range areas {
			if a.test == "TestBadInput" {
				p("Each case: %s.\n\n", a.what)
			}
		}
		type cat struct {
			fw, kind string
		}
		cats := map[cat]*counts{}
		var keys []cat
		for _, r := range bad {
			parts := strings.Split(r.name, "/")
			k := cat{parts[1], parts[2]}
			if cats[k] == nil {
				cats[k] = &counts{}
				keys = append(keys, k)
			}
			cats[k].add(r)
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].fw != keys[j].fw {
				return keys[i].fw < keys[j].fw
			}
			return keys[i].kind < keys[j].kind
		})
		p("| framework (any: framework-independent) | kind | cases | passed | skipped | failed |\n|---|---|---:|---:|---:|---:|\n")
		for _, k := range keys {
			c := cats[k]
			p("| %s | %s | %d | %d | %d | %d |\n", k.fw, k.kind, c.total(), c.pass, c.skip, c.fail)
		}
		p("\n")
	}

	hostileTable(p, byTop["reliability TestBrokenTemplates"], byTop["reliability TestHostileCustomTemplates"])

	p("## What each area checks\n\n")
	for _, a := range areas {
		if a.what != "" && len(byTop[a.pkg+" "+a.test]) > 0 {
			p("- **%s**: %s.\n", a.title, a.what)
		}
	}
	p("\n")

	if len(fuzz) > 0 {
		p("## Fuzzing\n\n")
		p("Each target ran for a fixed number of executions (`-fuzztime Nx`), after its checked-in seed\n")
		p("corpus (its package's `testdata/fuzz`). The invariant throughout: every planned path stays inside\n")
		p("the target. `make fuzz` (part of `make test`) runs each target for a fixed time instead.\n\n")
		p("| target | seed inputs | executions | result |\n|---|---:|---:|---|\n")
		total := 0
		for _, f := range fuzz {
			f.seeds = seedsOf(f.target)
			res := "pass"
			switch {
			case !f.passed:
				res, failed = "**FAILED**", true
			case f.execs < f.requested:
				res, failed = fmt.Sprintf("**only %d executions**", f.execs), true
			}
			total += f.requested
			p("| %s | %d | %d | %s |\n", f.target, f.seeds, f.requested, res)
		}
		p("| **all** | | **%d** | |\n\n", total)
		for _, f := range fuzz {
			if !f.passed {
				p("%s failed:\n\n```\n%s\n```\n\n", f.target, f.failure)
			}
		}
	}

	var skipped []testResult
	for _, r := range cases {
		if r.action == "skip" {
			skipped = append(skipped, r)
		}
	}
	if len(skipped) > 0 {
		p("## Skipped\n\n")
		reasons := map[string]int{}
		var order []string
		for _, r := range skipped {
			if reasons[r.skipMsg] == 0 {
				order = append(order, r.skipMsg)
			}
			reasons[r.skipMsg]++
		}
		sort.Strings(order)
		p("| cases | reason |\n|---:|---|\n")
		for _, m := range order {
			p("| %d | %s |\n", reasons[m], m)
		}
		p("\n")
	}
	var failures []testResult
	for _, r := range cases {
		if r.action == "fail" {
			failures = append(failures, r)
		}
	}
	if len(failures) > 0 {
		p("## Failed\n\n")
		for _, r := range failures {
			p("- %s: `%s`\n", r.pkg, r.name)
		}
		p("\n")
	}
	return failed
}

// hostileTable is one row per broken or hostile template: how scaffold
// took it as a templates directory (--templates) and as a custom template
// (--template DIR).
func hostileTable(p func(string, ...any), viaTemplates, viaTemplate []testResult) {
	if len(viaTemplates)+len(viaTemplate) == 0 {
		return
	}
	type row struct{ templates, template string }
	rows := map[string]*row{}
	var order []string
	get := func(name string) *row {
		_, c, _ := strings.Cut(name, "/")
		if rows[c] == nil {
			rows[c] = &row{"-", "-"}
			order = append(order, c)
		}
		return rows[c]
	}
	outcome := func(r testResult) string {
		var c counts
		c.add(r)
		return c.result()
	}
	for _, r := range viaTemplates {
		get(r.name).templates = outcome(r)
	}
	for _, r := range viaTemplate {
		get(r.name).template = outcome(r)
	}
	sort.Strings(order)
	p("## Hostile templates, case by case\n\n")
	p("Each template is wrong in one way (see `generator/testtemplates`: Broken, OverBounds, and the cases only a\n")
	p("directory can hold in `cmd/scaffold/reliability`); scaffold must refuse it with exit 1, a one-line error\n")
	p("naming the file (and the limit), and write nothing. \"-\": the case does not apply that way.\n\n")
	p("| template | --templates DIR | --template DIR |\n|---|---|---|\n")
	for _, c := range order {
		p("| %s | %s | %s |\n", c, rows[c].templates, rows[c].template)
	}
	p("\n")
}
