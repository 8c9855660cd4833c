package reliability_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// scaffoldBin is the real scaffold command, built once for every test.
var scaffoldBin string

// workDir is TestMain's own temporary directory (the binary, shared
// templates); removed when the tests end.
var workDir string

// catalog is scaffold's built-in frameworks: tables run for each of them, so
// a framework added later is covered without touching these tests.
var catalog *generator.Catalog

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	if catalog, err = generator.LoadCatalog(templates.FS); err != nil {
		fmt.Fprintln(os.Stderr, "loading the built-in templates:", err)
		return 1
	}
	workDir, err = os.MkdirTemp("", "scaffold-reliability-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(workDir)
	scaffoldBin = filepath.Join(workDir, "scaffold")
	goTool := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		goTool = "go"
	}
	build := exec.Command(goTool, "build", "-o", scaffoldBin, "github.com/scaffold-cli/scaffold/cmd/scaffold")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building scaffold: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// result is how one scaffold process ended.
type result struct {
	code           int
	signaled       bool
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
}

// sandbox is a private corner of the disk for one scaffold run:
//
//	base/
//	  parent/      the parent of the working directory (snapshotted)
//	    work/      scaffold's working directory
//	  tmp/         $TMPDIR of the process: must stay empty
//	  home/        $HOME of the process: must stay empty
//	  inputs/      answers files and templates given to scaffold
type sandbox struct {
	base, parent, work, tmp, home, inputs string
}

func newSandbox(t *testing.T) *sandbox {
	t.Helper()
	base := t.TempDir()
	s := &sandbox{
		base:   base,
		parent: filepath.Join(base, "parent"),
		work:   filepath.Join(base, "parent", "work"),
		tmp:    filepath.Join(base, "tmp"),
		home:   filepath.Join(base, "home"),
		inputs: filepath.Join(base, "inputs"),
	}
	for _, d := range []string{s.work, s.tmp, s.home, s.inputs} {
		mustMkdir(t, d)
	}
	mustWrite(t, filepath.Join(s.parent, "sibling.txt"), "a file beside the working directory\n")
	return s
}

// env is the process environment: no terminal, private TMPDIR and HOME.
func (s *sandbox) env(extra ...string) []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "TMPDIR=" + s.tmp, "HOME=" + s.home, "LANG=C.UTF-8", "TERM=dumb"}
	return append(env, extra...)
}

// command prepares scaffold with args in the working directory.
func (s *sandbox) command(ctx context.Context, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.CommandContext(ctx, scaffoldBin, args...)
	cmd.Dir = s.work
	cmd.Env = s.env()
	cmd.Stdin = strings.NewReader("")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// run runs scaffold to completion (at most a minute).
func (s *sandbox) run(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd, stdout, stderr := s.command(ctx, args...)
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("scaffold %s: did not finish in a minute", strings.Join(args, " "))
	}
	return finished(t, cmd, err, stdout, stderr)
}

func finished(t *testing.T, cmd *exec.Cmd, err error, stdout, stderr *bytes.Buffer) result {
	t.Helper()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("running scaffold: %v", err)
		}
	}
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		r.signaled, r.code = true, 128+int(ws.Signal())
	} else {
		r.code = ws.ExitStatus()
	}
	return r
}

// checkCleanError asserts scaffold failed the way a user should see it: the
// expected exit code, one line on stderr starting "scaffold: " that mentions
// want, nothing on stdout, no Go panic or usage dump.
func checkCleanError(t *testing.T, r result, wantCode int, want string) {
	t.Helper()
	if r.signaled {
		t.Fatalf("scaffold was killed by a signal: %v", r)
	}
	if r.code != wantCode {
		t.Errorf("exit %d, want %d; stderr: %q", r.code, wantCode, r.stderr)
	}
	msg := strings.TrimSuffix(r.stderr, "\n")
	switch {
	case !strings.HasPrefix(msg, "scaffold: "):
		t.Errorf("stderr does not start with \"scaffold: \": %q", r.stderr)
	case strings.Contains(msg, "\n"):
		t.Errorf("the error is more than one line: %q", r.stderr)
	case strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine ") || strings.Contains(msg, "Usage:"):
		t.Errorf("stderr holds a crash trace or a usage dump: %q", r.stderr)
	case want != "" && !strings.Contains(strings.ToLower(msg), strings.ToLower(want)):
		t.Errorf("the error does not mention %q: %q", want, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("stdout is not empty on failure: %q", r.stdout)
	}
}

// entry is what a snapshot records of one path.
type entry struct {
	mode    fs.FileMode
	size    int64
	mtime   int64 // nanoseconds; 0 for directories in loose snapshots
	content [32]byte
	link    string
}

// snapshot records every path under root (not following symlinks). A strict
// snapshot also records directory mtimes, so a file created and then
// removed again is seen too.
func snapshot(t *testing.T, root string, strict bool) map[string]entry {
	t.Helper()
	snap := map[string]entry{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		e := entry{mode: info.Mode(), size: info.Size(), mtime: info.ModTime().UnixNano()}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			e.link, _ = os.Readlink(p)
		case d.IsDir():
			e.size = 0
			if !strict {
				e.mtime = 0
			}
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			e.content = sha256.Sum256(data)
		}
		snap[rel] = e
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot of %s: %v", root, err)
	}
	return snap
}

// diffSnapshots describes what changed between two snapshots, or "".
func diffSnapshots(before, after map[string]entry) string {
	var lines []string
	for p, b := range before {
		a, ok := after[p]
		switch {
		case !ok:
			lines = append(lines, "removed: "+p)
		case a != b:
			lines = append(lines, fmt.Sprintf("changed: %s (%v %d bytes -> %v %d bytes)", p, b.mode, b.size, a.mode, a.size))
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			lines = append(lines, "created: "+p)
		}
	}
	sort.Strings(lines)
	if len(lines) > 20 {
		lines = append(lines[:20], fmt.Sprintf("... and %d more", len(lines)-20))
	}
	return strings.Join(lines, "\n")
}

func checkUnchanged(t *testing.T, what string, before, after map[string]entry) {
	t.Helper()
	if d := diffSnapshots(before, after); d != "" {
		t.Errorf("%s changed:\n%s", what, d)
	}
}

// staging lists scaffold's temporary directories under dir (recursively).
func stagingLeft(t *testing.T, dir string) []string {
	t.Helper()
	var left []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && strings.Contains(d.Name(), "scaffold-") {
			left = append(left, p)
			return filepath.SkipDir
		}
		return nil
	})
	return left
}

func mustMkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, file, content string) {
	t.Helper()
	mustMkdir(t, filepath.Dir(file))
	if err := os.WriteFile(file, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// frameworks lists the built-in frameworks.
func frameworks() []*generator.Manifest { return catalog.Manifests() }

// requireFramework skips a case written for a framework that is not (yet) in
// the catalog; once it is merged the case runs.
func requireFramework(t *testing.T, name string) *generator.Manifest {
	t.Helper()
	m, err := catalog.Lookup(name)
	if err != nil {
		t.Skipf("framework %s is not in the catalog yet; this case runs once it is", name)
	}
	return m
}
