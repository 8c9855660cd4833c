// Command scaffold-bench times `scaffold new` as a whole process, for the
// default case of every framework in the catalog, against the floor (cp -r of
// the same generated tree) and against the generators people use today
// (cookiecutter, django-admin startproject, express-generator, koa-generator),
// and prints a table. The cookiecutter anchor of each framework renders a
// template made from scaffold's own output, so it writes the same tree. `make bench` installs the anchors and runs it; see
// docs/benchmarks.md.
//
// Every command is started with fork/exec and reaped with wait4, so wall time
// and CPU time come from the kernel, for every tool the same way. Peak RSS is
// measured in runs of their own under GNU time (/usr/bin/time -f %M): Linux
// counts the high-water mark of the memory a process had before exec into its
// ru_maxrss, so a command started straight from this (Go, ~8 MiB) process
// would report at least that; GNU time's own is under 1 MiB.
// Each run gets a fresh, empty directory; outputs are removed at the end only.
// After warm-up rounds, the commands of a framework are run in interleaved
// rounds, so that a slow moment of the machine falls on all of them alike;
// each round starts with the next command, so none always goes first.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/write"
	"github.com/scaffold-cli/scaffold/templates"
)

type config struct {
	scaffold string // the built scaffold binary
	tools    string // where make bench installed the anchors (venv/, node/)
	work     string // scratch space for the runs
	runs     int
	warmup   int
	out      string   // markdown report to write ("" = stdout only)
	goBench  string   // output of go test -bench to include in the report
	command  string   // the command that produced the report, recorded in it
	only     string   // comma-separated frameworks to run (default all)
	timeBin  string   // GNU time, for peak RSS ("" = not measured)
	also     []string // label=path: other scaffold binaries to time beside it (A/B)
}

func main() {
	var c config
	flag.StringVar(&c.scaffold, "scaffold", "", "the built scaffold binary (required)")
	flag.StringVar(&c.tools, "tools", ".bench", "directory holding the installed anchors (venv/, node/)")
	flag.StringVar(&c.work, "work", "", "scratch directory for the runs (default TOOLS/work)")
	flag.IntVar(&c.runs, "runs", 15, "timed runs per command (the median of these is reported)")
	flag.IntVar(&c.warmup, "warmup", 2, "untimed warm-up runs per command")
	flag.StringVar(&c.out, "out", "", "also write the report as markdown to this file")
	flag.StringVar(&c.goBench, "gobench", "", "file with `go test -bench` output to include in the report")
	flag.StringVar(&c.command, "command", "make bench", "the command recorded in the report")
	flag.StringVar(&c.only, "only", "", "comma-separated frameworks to run (default: every framework)")
	flag.StringVar(&c.timeBin, "time", "/usr/bin/time", "GNU time, to measure peak RSS (empty: skip RSS)")
	flag.Func("also", "`label=path` of another scaffold binary to time beside it, e.g. a build of main (repeatable)", func(v string) error {
		label, bin, ok := strings.Cut(v, "=")
		if !ok || label == "" || bin == "" {
			return errors.New("want label=path")
		}
		abs, err := filepath.Abs(bin)
		if err != nil {
			return err
		}
		c.also = append(c.also, label+"="+abs)
		return nil
	})
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintf(os.Stderr, "scaffold-bench: %v\n", err)
		os.Exit(1)
	}
}

// job is one command timed on one comparable task.
type job struct {
	label string   // what the table calls it
	argv  []string // argv[0] is an absolute path
	// output is the directory the command creates inside its run directory.
	output string
	// skip, when set, says why the command cannot run here.
	skip string
	// prepare, when set, lays out in the run directory what the command
	// works on (untimed): update needs a project to update.
	prepare func(dir string) error

	samples []sample
	files   int // regular files in the output of the first run
}

type sample struct {
	wall   time.Duration
	cpu    time.Duration // user + system
	maxRSS int64         // KiB, from a separate run under GNU time; 0 = not measured
	faults int64         // minor page faults (wait4's ru_minflt): the same on a busy machine
}

// group is one comparable task: a framework's default project, its floor,
// and the anchors that do the same kind of job.
type group struct {
	name     string
	scaffold *job // nil when scaffold has no such framework (yet)
	floor    *job
	anchors  []*job
	note     string
	// cookie is the cookiecutter job whose template is made from the
	// reference tree (nil for groups without a scaffold template).
	cookie *job
	// update is `scaffold update` of the default project made at the
	// previous template version (or the current one, when there is no
	// older), nil for groups without a scaffold template.
	update *job
}

func (g *group) jobs() []*job {
	var out []*job
	for _, j := range append([]*job{g.scaffold, g.floor, g.update}, g.anchors...) {
		if j != nil {
			out = append(out, j)
		}
	}
	return out
}

func run(c config) error {
	if c.scaffold == "" {
		return errors.New("-scaffold is required (make bench builds it)")
	}
	if c.runs < 10 {
		return fmt.Errorf("-runs %d: at least 10 timed runs are needed for a meaningful median", c.runs)
	}
	var err error
	for _, p := range []*string{&c.scaffold, &c.tools} {
		if *p, err = filepath.Abs(*p); err != nil {
			return err
		}
	}
	if c.work == "" {
		c.work = filepath.Join(c.tools, "work")
	}
	if c.work, err = filepath.Abs(c.work); err != nil {
		return err
	}
	if err := os.RemoveAll(c.work); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(c.work, "home"), 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(c.work)

	if c.timeBin != "" {
		if _, err := os.Stat(c.timeBin); err != nil {
			fmt.Fprintf(os.Stderr, "scaffold-bench: no %s (Debian: apt-get install time); peak RSS is not measured\n", c.timeBin)
			c.timeBin = ""
		}
	}
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		return err
	}
	groups, err := plan(c, catalog)
	if err != nil {
		return err
	}
	env := benchEnv(c)
	for _, g := range groups {
		fmt.Fprintf(os.Stderr, "== %s:", g.name)
		for _, j := range g.jobs() {
			fmt.Fprintf(os.Stderr, " %s", j.label)
		}
		fmt.Fprintln(os.Stderr)
		if err := measure(c, g, env); err != nil {
			return fmt.Errorf("%s: %w", g.name, err)
		}
	}
	report := render(c, groups)
	fmt.Print(report.table)
	if c.out != "" {
		doc, err := document(c, report)
		if err != nil {
			return err
		}
		if err := os.WriteFile(c.out, []byte(doc), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "wrote %s\n", c.out)
	}
	return nil
}

// anchor is a generator people use, and the scaffold framework whose default
// project is the comparable job.
type anchor struct {
	framework string
	label     string
	argv      func(c config, name string) ([]string, string) // argv, or why not
}

var anchors = []anchor{
	{"django", "django-admin startproject", func(c config, name string) ([]string, string) {
		bin := filepath.Join(c.tools, "venv", "bin", "django-admin")
		return []string{bin, "startproject", pythonName(name)}, missing(bin)
	}},
	{"express", "express-generator --no-view", func(c config, name string) ([]string, string) {
		bin := filepath.Join(c.tools, "node", "node_modules", ".bin", "express")
		return []string{bin, "--no-view", name}, missing(bin)
	}},
	{"koa", "koa-generator (koa2)", func(c config, name string) ([]string, string) {
		bin := filepath.Join(c.tools, "node", "node_modules", ".bin", "koa2")
		return []string{bin, name}, missing(bin)
	}},
}

func missing(path string) string {
	if _, err := os.Stat(path); err != nil {
		return "not installed (" + path + "); make bench installs it"
	}
	return ""
}

// pythonName: django-admin wants an identifier.
func pythonName(name string) string { return strings.ReplaceAll(name, "-", "_") }

// plan builds one group per framework (its default golden case), and one per
// anchor whose framework scaffold does not have yet.
func plan(c config, catalog *generator.Catalog) ([]*group, error) {
	cp, err := exec.LookPath("cp")
	if err != nil {
		return nil, err
	}
	only := map[string]bool{}
	for _, f := range strings.Split(c.only, ",") {
		if f != "" {
			only[f] = true
		}
	}
	var groups []*group
	byName := map[string]*group{}
	for _, m := range catalog.Manifests() {
		if len(only) > 0 && !only[m.Name] {
			continue
		}
		gc := defaultCase(m)
		name := gc.ProjectName()
		argv := []string{c.scaffold, "new", name, "--framework=" + m.Name, "--yes", "--no-input"}
		keys := make([]string, 0, len(gc.Options))
		for k := range gc.Options {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			argv = append(argv, "--set", k+"="+generator.FormatOptionValue(gc.Options[k]))
		}
		g := &group{name: m.Name}
		g.scaffold = &job{label: "scaffold new", argv: argv, output: name}
		if g.update, err = updateJob(c, m, gc); err != nil {
			return nil, err
		}
		for _, a := range c.also {
			label, bin, _ := strings.Cut(a, "=")
			other := append([]string{bin}, argv[1:]...)
			g.anchors = append(g.anchors, &job{label: "scaffold new (" + label + ")", argv: other, output: name})
		}
		bin := filepath.Join(c.tools, "venv", "bin", "cookiecutter")
		tmpl := filepath.Join(c.work, "cookiecutter", m.Name)
		g.cookie = &job{label: "cookiecutter (same tree)", argv: []string{bin, "--no-input", tmpl, "--output-dir", "."}, output: name, skip: missing(bin)}
		g.anchors = append(g.anchors, g.cookie)
		ref := filepath.Join(c.work, "ref", m.Name, name)
		g.floor = &job{label: "cp -r (floor)", argv: []string{cp, "-r", ref, name}, output: name}
		groups = append(groups, g)
		byName[m.Name] = g
	}
	for _, a := range anchors {
		if len(only) > 0 && !only[a.framework] {
			continue
		}
		g := byName[a.framework]
		name := "demo"
		if g == nil {
			g = &group{name: a.framework, note: "scaffold has no " + a.framework + " template yet; the floor is cp -r of this generator's own output"}
			groups = append(groups, g)
			byName[a.framework] = g
		} else {
			name = g.scaffold.output
		}
		argv, why := a.argv(c, name)
		out := name
		if a.framework == "django" {
			out = pythonName(name)
		}
		g.anchors = append(g.anchors, &job{label: a.label, argv: argv, output: out, skip: why})
	}
	for _, g := range groups {
		if g.floor != nil {
			continue
		}
		// No scaffold template: the floor copies the first runnable anchor's tree.
		for _, a := range g.anchors {
			if a.skip == "" {
				ref := filepath.Join(c.work, "ref", g.name, a.output)
				g.floor = &job{label: "cp -r (floor)", argv: []string{cp, "-r", ref, a.output}, output: a.output}
				break
			}
		}
	}
	return groups, nil
}

// updateJob times `scaffold update` of framework m's default project as it
// was made at the previous template version, so that the update has real
// changes to merge; a framework still at version 1 updates a version-1
// project, which renders both sides, reads and compares every file, and
// writes nothing. The project is written (untimed) by the engine from the
// frozen history, and copied into each run's directory before the run.
func updateJob(c config, m *generator.Manifest, gc generator.GoldenCase) (*job, error) {
	from := max(1, m.TemplateVersion-1)
	old, err := generator.ManifestAt(templates.FS, m.Name, from)
	if err != nil {
		return nil, err
	}
	values := map[string]string{}
	for k, v := range gc.Options {
		values[k] = generator.FormatOptionValue(v)
	}
	p, err := generator.Resolve(old, generator.Request{Name: gc.ProjectName(), Options: values}, generator.SeededRandom("bench"))
	if err != nil {
		return nil, err
	}
	files, err := generator.Generate(p)
	if err != nil {
		return nil, err
	}
	name := gc.ProjectName()
	project := filepath.Join(c.work, "update", m.Name, name)
	if err := os.RemoveAll(project); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(project), 0o755); err != nil {
		return nil, err
	}
	if err := write.Files(context.Background(), project, files, write.Options{}); err != nil {
		return nil, err
	}
	label := fmt.Sprintf("scaffold update (v%d→v%d)", from, m.TemplateVersion)
	if from == m.TemplateVersion {
		label = fmt.Sprintf("scaffold update (v%d, current)", from)
	}
	// --allow-dirty: the runs are not in a git work tree of their own, and
	// the check for one is a git process whose cost is the repository's.
	return &job{
		label:  label,
		argv:   []string{c.scaffold, "update", name, "--allow-dirty", "--no-input"},
		output: name,
		prepare: func(dir string) error {
			if out, err := exec.Command("cp", "-a", project, filepath.Join(dir, name)).CombinedOutput(); err != nil {
				return fmt.Errorf("cp -a: %v: %s", err, out)
			}
			return nil
		},
	}, nil
}

func defaultCase(m *generator.Manifest) generator.GoldenCase {
	for _, gc := range m.Golden {
		if gc.Name == "default" {
			return gc
		}
	}
	return generator.GoldenCase{Name: "default"}
}

// benchEnv is the environment of every command: the caller's, with HOME in
// the scratch space (cookiecutter writes a replay file there on every run).
func benchEnv(c config) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HOME=") {
			env = append(env, kv)
		}
	}
	return append(env, "HOME="+filepath.Join(c.work, "home"))
}

// measure makes the reference tree the floor copies, then runs warm-up
// rounds and timed rounds over every runnable job of the group.
func measure(c config, g *group, env []string) error {
	if g.floor == nil {
		return nil
	}
	// The floor copies what the first job (scaffold, or an anchor) made.
	var source *job
	for _, j := range g.jobs() {
		if j != g.floor && j.skip == "" {
			source = j
			break
		}
	}
	if source == nil {
		g.floor.skip = "nothing to copy"
		return nil
	}
	refParent := filepath.Dir(g.floor.argv[2])
	if err := os.MkdirAll(refParent, 0o755); err != nil {
		return err
	}
	if _, err := runOnce(source.argv, refParent, env, filepath.Join(c.work, "log")); err != nil {
		return fmt.Errorf("making the reference tree with %s: %w", source.label, err)
	}
	ref := g.floor.argv[2]
	if g.cookie != nil && g.cookie.skip == "" {
		if err := makeCookiecutter(ref, g.cookie.argv[2], g.cookie.output); err != nil {
			return fmt.Errorf("making the cookiecutter template: %w", err)
		}
	}
	var runnable []*job
	for _, j := range g.jobs() {
		if j.skip == "" {
			runnable = append(runnable, j)
		}
	}
	total := c.warmup + c.runs
	for round := 0; round < total; round++ {
		for k := range runnable {
			// Each round starts with the next job: on this kind of file
			// system, whoever creates files first in a round pays for
			// reading the inode table, and the jobs after it find it cached.
			i := (k + round) % len(runnable)
			j := runnable[i]
			// Outputs stay until the end of the whole run: deleting them
			// between runs would make every later file creation slower
			// (ext4 without a journal skips inodes freed in the last
			// minutes, scanning past each), inflating every row alike.
			dir := filepath.Join(c.work, "runs", g.name, fmt.Sprintf("%02d-%d", round, i))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			if j.prepare != nil {
				if err := j.prepare(dir); err != nil {
					return fmt.Errorf("%s: %w", j.label, err)
				}
			}
			s, err := runOnce(j.argv, dir, env, filepath.Join(c.work, "log"))
			if err != nil {
				return fmt.Errorf("%s: %w", j.label, err)
			}
			if round == 0 {
				n, err := countFiles(filepath.Join(dir, j.output))
				if err != nil {
					return fmt.Errorf("%s made no %s: %w", j.label, j.output, err)
				}
				j.files = n
				if j == g.cookie {
					if diff := sameTree(ref, filepath.Join(dir, j.output)); diff != "" {
						g.note = "cookiecutter's output is not scaffold's: " + diff
					}
				}
			}
			if c.timeBin != "" && round >= c.warmup {
				rssDir := dir + "-rss"
				if err := os.Mkdir(rssDir, 0o755); err != nil {
					return err
				}
				if j.prepare != nil {
					if err := j.prepare(rssDir); err != nil {
						return fmt.Errorf("%s: %w", j.label, err)
					}
				}
				if s.maxRSS, err = peakRSS(c, j.argv, rssDir, env); err != nil {
					return fmt.Errorf("%s under %s: %w", j.label, c.timeBin, err)
				}
			}
			if round >= c.warmup {
				j.samples = append(j.samples, s)
			}
		}
		fmt.Fprint(os.Stderr, ".")
	}
	fmt.Fprintln(os.Stderr)
	return nil
}

// runOnce fork/execs argv in dir with stdin from /dev/null and stdout and
// stderr to logPath, and reaps it with wait4 for its rusage.
func runOnce(argv []string, dir string, env []string, logPath string) (sample, error) {
	stdin, err := os.Open(os.DevNull)
	if err != nil {
		return sample{}, err
	}
	defer stdin.Close()
	logf, err := os.Create(logPath)
	if err != nil {
		return sample{}, err
	}
	defer logf.Close()
	attr := &syscall.ProcAttr{
		Dir:   dir,
		Env:   env,
		Files: []uintptr{stdin.Fd(), logf.Fd(), logf.Fd()},
	}
	start := time.Now()
	pid, err := syscall.ForkExec(argv[0], argv, attr)
	if err != nil {
		return sample{}, fmt.Errorf("cannot start %s: %w", argv[0], err)
	}
	var ws syscall.WaitStatus
	var ru syscall.Rusage
	for {
		_, err = syscall.Wait4(pid, &ws, 0, &ru)
		if err != syscall.EINTR {
			break
		}
	}
	wall := time.Since(start)
	if err != nil {
		return sample{}, err
	}
	if !ws.Exited() || ws.ExitStatus() != 0 {
		out, _ := os.ReadFile(logPath)
		return sample{}, fmt.Errorf("%s failed (%v):\n%s", strings.Join(argv, " "), describeStatus(ws), tail(out, 2000))
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return sample{wall: wall, cpu: cpu, maxRSS: ru.Maxrss, faults: ru.Minflt}, nil
}

// peakRSS runs argv under GNU time and returns the peak RSS it reports, in KiB.
func peakRSS(c config, argv []string, dir string, env []string) (int64, error) {
	rssFile := filepath.Join(c.work, "rss")
	timed := append([]string{c.timeBin, "-f", "%M", "-o", rssFile}, argv...)
	if _, err := runOnce(timed, dir, env, filepath.Join(c.work, "log")); err != nil {
		return 0, err
	}
	data, err := os.ReadFile(rssFile)
	if err != nil {
		return 0, err
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	kib, err := strconv.ParseInt(strings.TrimSpace(lines[len(lines)-1]), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("cannot read its output %q: %w", data, err)
	}
	return kib, nil
}

func describeStatus(ws syscall.WaitStatus) string {
	if ws.Signaled() {
		return "signal " + ws.Signal().String()
	}
	return "exit status " + strconv.Itoa(ws.ExitStatus())
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

func countFiles(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return err
	})
	return n, err
}

type stats struct {
	wallMed, wallMin, wallMax time.Duration
	cpuMed                    time.Duration
	rssMed, rssMin, rssMax    int64
	faultsMed                 int64
}

func summarize(ss []sample) stats {
	walls := make([]time.Duration, len(ss))
	cpus := make([]time.Duration, len(ss))
	rss := make([]int64, len(ss))
	faults := make([]int64, len(ss))
	for i, s := range ss {
		walls[i], cpus[i], rss[i], faults[i] = s.wall, s.cpu, s.maxRSS, s.faults
	}
	slices.Sort(walls)
	slices.Sort(cpus)
	slices.Sort(rss)
	slices.Sort(faults)
	return stats{
		wallMed: median(walls), wallMin: walls[0], wallMax: walls[len(walls)-1],
		cpuMed: median(cpus),
		rssMed: median(rss), rssMin: rss[0], rssMax: rss[len(rss)-1],
		faultsMed: median(faults),
	}
}

func median[T time.Duration | int64](sorted []T) T {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

type report struct {
	table string
	notes []string
	worst float64 // the largest scaffold/floor ratio
}

func render(c config, groups []*group) report {
	var b strings.Builder
	var r report
	fmt.Fprintf(&b, "| framework | command | files | wall median ms (min–max) | × floor | × scaffold | CPU ms | page faults | peak RSS MiB median (min–max) |\n")
	fmt.Fprintf(&b, "|---|---|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, g := range groups {
		var floor, scaf time.Duration
		if g.floor != nil && len(g.floor.samples) > 0 {
			floor = summarize(g.floor.samples).wallMed
		}
		if g.scaffold != nil && len(g.scaffold.samples) > 0 {
			scaf = summarize(g.scaffold.samples).wallMed
			if floor > 0 {
				r.worst = max(r.worst, float64(scaf)/float64(floor))
			}
		}
		for _, j := range g.jobs() {
			if j.skip != "" || len(j.samples) == 0 {
				why := j.skip
				if why == "" {
					why = "not run"
				}
				fmt.Fprintf(&b, "| %s | %s | | skipped: %s | | | | | |\n", g.name, j.label, why)
				continue
			}
			s := summarize(j.samples)
			fmt.Fprintf(&b, "| %s | %s | %d | %s (%s–%s) | %s | %s | %s | %d | %s |\n",
				g.name, j.label, j.files,
				ms(s.wallMed), ms(s.wallMin), ms(s.wallMax),
				ratio(s.wallMed, floor), ratio(s.wallMed, scaf),
				ms(s.cpuMed), s.faultsMed, rssRange(s))
		}
		if g.note != "" {
			r.notes = append(r.notes, g.name+": "+g.note+".")
		}
	}
	r.table = b.String()
	return r
}

func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v < 10:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case v < 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
}

func rssRange(s stats) string {
	if s.rssMed == 0 {
		return "—"
	}
	return fmt.Sprintf("%s (%s–%s)", mib(s.rssMed), mib(s.rssMin), mib(s.rssMax))
}

func mib(kib int64) string { return strconv.FormatFloat(float64(kib)/1024, 'f', 1, 64) }

func ratio(d, base time.Duration) string {
	if base <= 0 {
		return "—"
	}
	return strconv.FormatFloat(float64(d)/float64(base), 'f', 2, 64) + "×"
}

// document is docs/benchmarks.md: the table, the machine, the tools and the
// command, and the engine's go test -bench output when given.
func document(c config, r report) (string, error) {
	var b strings.Builder
	b.WriteString("# Benchmarks\n\n")
	b.WriteString("Generated by `" + c.command + "` (`cmd/scaffold-bench`); do not edit by hand. Numbers are\n")
	b.WriteString("one machine's, one run's: compare rows of the same table, not tables of different machines.\n\n")
	fmt.Fprintf(&b, "Each command is run %d times after %d warm-up runs, interleaved with the other commands of its\n", c.runs, c.warmup)
	b.WriteString("framework (each round starting with the next command, so none always goes first), each run in a\n")
	b.WriteString("fresh empty directory (outputs are removed only at the end), stdin from\n")
	b.WriteString("/dev/null and output to a file. Wall time is from fork/exec to wait4; CPU is user + system from\n")
	b.WriteString("wait4's rusage, and so are the page faults (minor faults, the median: each is a page of the binary,\n")
	b.WriteString("its heap or its stacks touched for the first time; unlike time, the count barely moves with the load\n")
	b.WriteString("on the machine). Peak RSS comes from as many runs of their own under GNU time (`time -f %M`,\n")
	b.WriteString("the largest resident set of the process and of any child it waited for): Linux counts the\n")
	b.WriteString("memory a process had before exec, so a command started straight from the Go harness would\n")
	b.WriteString("report at least the harness's own ~8 MiB. `× floor` and `× scaffold` divide the median wall time by the\n")
	b.WriteString("framework's `cp -r` floor and by `scaffold new`. The floor copies the tree `scaffold new` just\n")
	b.WriteString("made, with the same file count and bytes.\n\n")
	b.WriteString("What the profiles showed and what was changed: [performance.md](performance.md).\n\n")
	b.WriteString("## Whole process, default case of every framework\n\n")
	b.WriteString(r.table)
	b.WriteString("\n")
	for _, n := range r.notes {
		b.WriteString("- " + n + "\n")
	}
	if len(r.notes) > 0 {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "Largest `scaffold new` / `cp -r` ratio: %.2f×.", r.worst)
	if r.worst > 2 {
		b.WriteString(" Above 2×: [performance.md](performance.md) says what the profiles show and what remains.")
	}
	b.WriteString("\n\n")
	b.WriteString("The jobs:\n\n")
	b.WriteString("- `scaffold new NAME --framework=F --yes --no-input` with the options of F's `default` golden\n")
	b.WriteString("  case, from the binary `make build` makes.\n")
	b.WriteString("- cookiecutter renders, for each framework, a template made from the tree `scaffold new` wrote:\n")
	b.WriteString("  every occurrence of the project name becomes `{{ cookiecutter.project_name }}` (the rest of\n")
	b.WriteString("  such a file in `{% raw %}`), files without it are `_copy_without_render`, as scaffold copies\n")
	b.WriteString("  its non-template files. Its output is checked to be scaffold's, byte for byte and mode for mode.\n")
	b.WriteString("- `scaffold update NAME --allow-dirty --no-input` of the default project as the previous\n")
	b.WriteString("  template version made it (copied into the run directory untimed), so the update merges real\n")
	b.WriteString("  changes; for a framework still at version 1, of a version-1 project: both sides rendered,\n")
	b.WriteString("  every file read and compared, nothing to write. `--allow-dirty` skips the git check (a `git`\n")
	b.WriteString("  process, whose cost is the repository's). Its `× scaffold` is update over `new`.\n")
	b.WriteString("- `django-admin startproject NAME`, `express --no-view NAME` (express-generator) and\n")
	b.WriteString("  `koa2 NAME` (koa-generator) each make their own starter project, as users run them.\n\n")
	b.WriteString("## Machine\n\n")
	for _, kv := range machine(c) {
		fmt.Fprintf(&b, "- %s: %s\n", kv[0], kv[1])
	}
	if c.goBench != "" {
		data, err := os.ReadFile(c.goBench)
		if err != nil {
			return "", err
		}
		b.WriteString("\n## Engine, in memory (`go test -bench`)\n\n")
		b.WriteString("`BenchmarkGenerate/<framework>` is Resolve + Generate (plan and render, no disk) of the default\n")
		b.WriteString("case; `BenchmarkWrite` adds writing it to disk (a temporary directory); `BenchmarkStartup` is\n")
		b.WriteString("loading the catalog (`cli`: as the CLI does; `eager`, `whole`: every manifest whole);\n")
		b.WriteString("`BenchmarkScaling` generates synthetic templates of 100, 1,000 and 10,000 files (ns/file should\n")
		b.WriteString("stay flat); `BenchmarkMain/<framework>` is a whole `scaffold new` in process, from loading the\n")
		b.WriteString("catalog to the last file written.\n\n")
		b.WriteString("```\n")
		b.Write(bytes.TrimSpace(data))
		b.WriteString("\n```\n")
	}
	return b.String(), nil
}

func machine(c config) [][2]string {
	var out [][2]string
	add := func(k, v string) {
		if v != "" {
			out = append(out, [2]string{k, v})
		}
	}
	add("date", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	add("command", "`"+c.command+"`")
	add("scaffold", strings.TrimSpace(output(c.scaffold, "version"))+" at "+gitDescribe())
	add("CPU", cpuModel())
	add("nproc", strconv.Itoa(runtime.NumCPU()))
	add("memory", memTotal())
	add("load average (1, 5, 15 min) when the report was written", loadAvg())
	add("OS", osRelease()+", kernel "+strings.TrimSpace(output("uname", "-r")))
	add("filesystem of the runs", fsType(c.work))
	add("Go", runtime.Version())
	add("cp", firstLine(output("cp", "--version")))
	add("Python", firstLine(output(filepath.Join(c.tools, "venv", "bin", "python"), "--version")))
	add("Django", firstLine(output(filepath.Join(c.tools, "venv", "bin", "django-admin"), "--version")))
	add("cookiecutter", firstLine(output(filepath.Join(c.tools, "venv", "bin", "cookiecutter"), "--version")))
	add("Node", firstLine(output("node", "--version")))
	add("express-generator", npmVersion(c, "express-generator"))
	add("koa-generator", npmVersion(c, "koa-generator"))
	return out
}

func output(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return ""
	}
	return string(out)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	// cookiecutter names its install path; keep the version only.
	if i := strings.Index(s, " from /"); i > 0 {
		s = s[:i]
	}
	return s
}

func gitDescribe() string {
	rev := strings.TrimSpace(output("git", "rev-parse", "--short", "HEAD"))
	if rev == "" {
		return "unknown commit"
	}
	if strings.TrimSpace(output("git", "status", "--porcelain", "--untracked-files=no")) != "" {
		rev += " (with uncommitted changes)"
	}
	return "commit " + rev
}

func npmVersion(c config, pkg string) string {
	data, err := os.ReadFile(filepath.Join(c.tools, "node", "node_modules", pkg, "package.json"))
	if err != nil {
		return ""
	}
	const key = `"version": "`
	s := string(data)
	i := strings.Index(s, key)
	if i < 0 {
		return ""
	}
	s = s[i+len(key):]
	v, _, _ := strings.Cut(s, `"`)
	return v
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], ", ")
}

func cpuModel() string {
	return procField("/proc/cpuinfo", "model name")
}

func memTotal() string {
	v := procField("/proc/meminfo", "MemTotal")
	kib, err := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64)
	if err != nil {
		return v
	}
	return fmt.Sprintf("%.1f GiB", float64(kib)/(1<<20))
}

func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	return scanField(f, key)
}

func scanField(r io.Reader, key string) string {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func osRelease() string {
	data, err := os.ReadFile("/etc/os-release")
	if err != nil {
		return runtime.GOOS
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "PRETTY_NAME="); ok {
			return strings.Trim(v, `"`)
		}
	}
	return runtime.GOOS
}

func fsType(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(dir), &st); err != nil {
		return ""
	}
	names := map[int64]string{
		0xEF53: "ext4", 0x01021994: "tmpfs", 0x794c7630: "overlayfs", 0x9123683E: "btrfs",
		0x58465342: "xfs", 0x6a656a63: "fakeowner", 0x65735546: "fuse",
	}
	if n, ok := names[int64(st.Type)]; ok {
		return n
	}
	return fmt.Sprintf("type 0x%x", st.Type)
}

// makeCookiecutter turns the tree scaffold wrote into a cookiecutter template
// that renders the same tree: name becomes {{ cookiecutter.project_name }} in
// paths and contents (the rest of such a file is kept verbatim in raw
// blocks); files without it are copied without rendering, as scaffold copies
// its non-template files. Modes are kept (cookiecutter copies them).
func makeCookiecutter(ref, dir, name string) error {
	const variable = "{{ cookiecutter.project_name }}"
	root := filepath.Join(dir, "{{cookiecutter.project_name}}")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	var copyOnly []string
	err := filepath.WalkDir(ref, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(ref, p)
		if err != nil {
			return err
		}
		rel = strings.ReplaceAll(filepath.ToSlash(rel), name, "{{cookiecutter.project_name}}")
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(name)) && !bytes.Contains(data, []byte("{% endraw %}")) {
			parts := bytes.Split(data, []byte(name))
			var b bytes.Buffer
			for i, part := range parts {
				if i > 0 {
					b.WriteString(variable)
				}
				if len(part) > 0 {
					b.WriteString("{% raw %}")
					b.Write(part)
					b.WriteString("{% endraw %}")
				}
			}
			data = b.Bytes()
		} else {
			copyOnly = append(copyOnly, globEscape(rel))
		}
		out := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(out, data, info.Mode().Perm()); err != nil {
			return err
		}
		return os.Chmod(out, info.Mode().Perm())
	})
	if err != nil {
		return err
	}
	config, err := json.MarshalIndent(map[string]any{
		"project_name":         name,
		"_copy_without_render": copyOnly,
	}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "cookiecutter.json"), config, 0o644)
}

// globEscape quotes fnmatch's special characters.
func globEscape(p string) string {
	r := strings.NewReplacer("[", "[[]", "*", "[*]", "?", "[?]")
	return r.Replace(p)
}

// sameTree describes the first difference between two trees (paths,
// contents, permission bits), or returns "".
func sameTree(a, b string) string {
	list := func(root string) (map[string]fs.FileInfo, error) {
		out := map[string]fs.FileInfo{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || p == root {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			info, err := d.Info()
			out[filepath.ToSlash(rel)] = info
			return err
		})
		return out, err
	}
	la, err := list(a)
	if err != nil {
		return err.Error()
	}
	lb, err := list(b)
	if err != nil {
		return err.Error()
	}
	var names []string
	for n := range la {
		names = append(names, n)
	}
	for n := range lb {
		if _, ok := la[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		ia, ib := la[n], lb[n]
		switch {
		case ia == nil:
			return n + " is extra"
		case ib == nil:
			return n + " is missing"
		case ia.IsDir() != ib.IsDir():
			return n + " is a directory in one tree only"
		case ia.Mode().Perm() != ib.Mode().Perm():
			return fmt.Sprintf("%s has mode %v, not %v", n, ib.Mode().Perm(), ia.Mode().Perm())
		case !ia.IsDir():
			da, _ := os.ReadFile(filepath.Join(a, n))
			db, _ := os.ReadFile(filepath.Join(b, n))
			if !bytes.Equal(da, db) {
				return n + " differs"
			}
		}
	}
	return ""
}
