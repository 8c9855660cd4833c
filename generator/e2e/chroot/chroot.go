// Package chroot builds Debian root file systems for the e2e runs and runs
// commands inside them.
//
// Some frameworks need runtimes newer than the host's Debian (Rails 8.1 needs
// Ruby >= 3.2, Laravel 13 needs PHP >= 8.3). Debian's unstable suite has them;
// installing them on the host would replace its libc, so they go into a root
// file system built by mmdebstrap instead, one per Spec, cached under a
// directory keyed by the Spec's hash and shared by every case of a run.
//
// A command inside a root runs in a private mount namespace (unshare --mount)
// in which /proc, /dev, the project directory and the Spec's binds are
// bind-mounted, so no mount outlives the command or shows on the host. The
// root shares the host's network and process IDs: a server started inside
// listens on the host's 127.0.0.1 and is stopped by its PID from outside.
//
// Building and entering a root needs root (mmdebstrap, mount and chroot) and
// the Debian archive; the pure parts (validation, hashing, the command line)
// do not.
package chroot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// DefaultMirror is the Debian archive a Spec without a mirror is built from.
const DefaultMirror = "http://deb.debian.org/debian"

// Spec says what a root holds: a Debian suite with some packages, and shell
// scripts run once inside it after the packages are installed.
type Spec struct {
	// Suite is a Debian suite or code name, e.g. "sid".
	Suite string `yaml:"suite" json:"suite"`
	// Mirror is the archive's URL; DefaultMirror when empty.
	Mirror string `yaml:"mirror" json:"mirror,omitempty"`
	// Packages are installed (with their dependencies, without
	// recommendations) on top of mmdebstrap's apt variant.
	Packages []string `yaml:"packages" json:"packages"`
	// Binds are host directories visible, read-only, to the Setup scripts.
	Binds []Bind `yaml:"binds" json:"binds,omitempty"`
	// Setup scripts run in order with bash inside the root, as root, once
	// when it is built. A failing script fails the build.
	Setup []string `yaml:"setup" json:"setup,omitempty"`
}

// Bind makes the host directory Source visible at Target inside the root.
// Source may name environment variables ($NAME), expanded by Expand.
type Bind struct {
	Source string `yaml:"source" json:"source"`
	Target string `yaml:"target" json:"target"`
}

// Compiled on first use: the CLI links this package (through the manifest
// types) but never validates a chroot, so it should not pay at start-up.
var (
	packageRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9+.-]+$`) })
	suiteRe   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9-]*$`) })
)

// Validate reports what is wrong with a Spec, all at once.
func (s Spec) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !suiteRe().MatchString(s.Suite) {
		bad("chroot suite %q: want a Debian suite name such as sid", s.Suite)
	}
	if s.Mirror != "" && !strings.HasPrefix(s.Mirror, "http://") && !strings.HasPrefix(s.Mirror, "https://") {
		bad("chroot mirror %q: want an http:// or https:// URL", s.Mirror)
	}
	if len(s.Packages) == 0 {
		bad("chroot: no packages (list what the run needs)")
	}
	for _, p := range s.Packages {
		if !packageRe().MatchString(p) {
			bad("chroot package %q: not a Debian package name", p)
		}
	}
	for _, b := range s.Binds {
		if b.Source == "" {
			bad("chroot bind to %q: no source", b.Target)
		}
		if !filepath.IsAbs(b.Target) || filepath.Clean(b.Target) != b.Target || b.Target == "/" {
			bad("chroot bind target %q: want a clean absolute path other than /", b.Target)
		}
	}
	return errors.Join(errs...)
}

// Expand returns a copy of s whose bind sources have their $VARIABLES
// replaced by lookup's values.
func (s Spec) Expand(lookup func(string) string) Spec {
	out := s
	out.Binds = make([]Bind, len(s.Binds))
	for i, b := range s.Binds {
		out.Binds[i] = Bind{Source: os.Expand(b.Source, lookup), Target: b.Target}
	}
	return out
}

// Hash identifies what a root built from s holds: the suite, mirror, the
// packages in order, the binds and the setup scripts. The content behind a
// bind is not hashed: a bind names a fixed input (e.g. a vendored source
// tree at one tag), and changing it needs a new path or a new cache.
func (s Spec) Hash() string {
	if s.Mirror == "" {
		s.Mirror = DefaultMirror
	}
	b, _ := json.Marshal(s) // a struct of strings: cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// Root is a built root file system.
type Root struct {
	// Dir is the root's directory on the host.
	Dir string
	// Built is how long building it took, in the one Ensure call that built
	// it; zero in every other call and when it was already in the cache.
	Built time.Duration
	// Log is what that build printed (mmdebstrap and the setup scripts).
	Log string
}

// ErrUnavailable wraps the errors that say this machine cannot build a root
// at all (a tool missing, not root), as opposed to a build that failed.
var ErrUnavailable = errors.New("cannot build a chroot here")

// marker, inside a cache entry, says the root beside it is complete.
const marker = "complete.json"

var (
	mu      sync.Mutex
	entries = map[string]*entry{}
)

type entry struct {
	once sync.Once
	root Root
	err  error
}

// Ensure returns the root for spec under cacheDir, building it first unless a
// complete one is there. Concurrent and repeated calls for the same spec and
// cacheDir build it once per process; a failed build is not retried.
func Ensure(ctx context.Context, spec Spec, cacheDir string) (Root, error) {
	if err := spec.Validate(); err != nil {
		return Root{}, err
	}
	abs, err := filepath.Abs(cacheDir)
	if err != nil {
		return Root{}, err
	}
	entryDir := filepath.Join(abs, spec.Suite+"-"+spec.Hash())
	mu.Lock()
	e, ok := entries[entryDir]
	if !ok {
		e = &entry{}
		entries[entryDir] = e
	}
	mu.Unlock()
	built := false
	e.once.Do(func() { e.root, e.err = ensure(ctx, spec, entryDir); built = true })
	if !built {
		return Root{Dir: e.root.Dir}, e.err
	}
	return e.root, e.err
}

func ensure(ctx context.Context, spec Spec, entryDir string) (Root, error) {
	rootDir := filepath.Join(entryDir, "root")
	if _, err := os.Stat(filepath.Join(entryDir, marker)); err == nil {
		return Root{Dir: rootDir}, nil
	}
	for _, tool := range []string{"mmdebstrap", "unshare", "chroot", "mount"} {
		if _, err := exec.LookPath(tool); err != nil {
			return Root{}, fmt.Errorf("%w: %s is not installed (Debian: apt-get install mmdebstrap)", ErrUnavailable, tool)
		}
	}
	if os.Geteuid() != 0 {
		return Root{}, fmt.Errorf("%w: it needs root (mmdebstrap --mode=root, mount, chroot): run the e2e tests as root", ErrUnavailable)
	}
	for _, b := range spec.Binds {
		if st, err := os.Stat(b.Source); err != nil || !st.IsDir() {
			return Root{}, fmt.Errorf("chroot bind %s -> %s: the source is not a directory on this machine (is the variable it was expanded from set right?)", b.Source, b.Target)
		}
	}
	// A half-built entry from an interrupted run is removed, not trusted.
	if err := os.RemoveAll(entryDir); err != nil {
		return Root{}, fmt.Errorf("remove the unfinished chroot %s: %w", entryDir, err)
	}
	if err := os.MkdirAll(entryDir, 0o755); err != nil {
		return Root{}, err
	}
	start := time.Now()
	var log strings.Builder
	cmd := exec.CommandContext(ctx, "mmdebstrap", BuildArgs(spec, rootDir)...)
	cmd.Stdout = &log
	cmd.Stderr = &log
	if err := cmd.Run(); err != nil {
		return Root{}, fmt.Errorf("mmdebstrap %s into %s: %v\n%s", spec.Suite, rootDir, err, tail(log.String(), 40))
	}
	root := Root{Dir: rootDir}
	for i, script := range spec.Setup {
		fmt.Fprintf(&log, "== setup %d\n", i+1)
		c := root.command(ctx, "/", spec.Binds, "bash", "-euo", "pipefail", "-c", script)
		c.Env = root.Environ()
		c.Stdout = &log
		c.Stderr = &log
		if err := c.Run(); err != nil {
			return Root{}, fmt.Errorf("chroot setup script %d failed: %v\n%s", i+1, err, tail(log.String(), 60))
		}
	}
	info, _ := json.MarshalIndent(struct {
		Spec  Spec   `json:"spec"`
		Built string `json:"built"`
	}{spec, time.Now().UTC().Format(time.RFC3339)}, "", "  ")
	if err := os.WriteFile(filepath.Join(entryDir, marker), info, 0o644); err != nil {
		return Root{}, err
	}
	root.Built = time.Since(start)
	root.Log = log.String()
	return root, nil
}

// BuildArgs is mmdebstrap's command line for spec, building into dir. The
// archive's Valid-Until is not checked: a snapshot of unstable may be past
// it, and apt inside the root is told the same.
func BuildArgs(spec Spec, dir string) []string {
	mirror := spec.Mirror
	if mirror == "" {
		mirror = DefaultMirror
	}
	return []string{
		"--mode=root",
		"--variant=apt",
		"--components=main",
		`--aptopt=Acquire::Check-Valid-Until "false"`,
		`--aptopt=APT::Install-Recommends "false"`,
		// A throw-away root needs no fsync per file: it halves the install.
		"--dpkgopt=force-unsafe-io",
		"--include=" + strings.Join(spec.Packages, ","),
		spec.Suite, dir, mirror,
	}
}

// Environ is a clean environment for commands inside the root, followed by
// extra (KEY=value entries, which win over the defaults).
func (r Root) Environ(extra ...string) []string {
	env := []string{
		"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"HOME=/root",
		"LANG=C.UTF-8",
		"LC_ALL=C.UTF-8",
		"DEBIAN_FRONTEND=noninteractive",
	}
	return append(env, extra...)
}

// Command runs name with args inside the root, in dir: a host directory
// (absolute) that is bind-mounted at the same path inside, so the command and
// the host see the same files. The caller sets Env (see Environ) and may set
// SysProcAttr; the process keeps its PID through unshare and chroot (each
// execs the next), so signalling cmd.Process reaches the command itself.
func (r Root) Command(ctx context.Context, dir, name string, args ...string) *exec.Cmd {
	return r.command(ctx, dir, nil, name, args...)
}

// enterScript runs on the host in the new mount namespace: it mounts what the
// command needs under the root ($1), then chroots into it and runs the
// command in $2. The mounts are private to the namespace and go with it.
// Arguments after $2 are: the number of binds, each bind's source and target,
// then the command and its arguments.
const enterScript = `set -e
root=$1 dir=$2 n=$3
shift 3
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
while [ "$n" -gt 0 ]; do
	mkdir -p "$root$2"
	mount --bind "$1" "$root$2"
	mount -o remount,bind,ro "$root$2"
	shift 2
	n=$((n - 1))
done
if [ "$dir" != / ]; then
	mkdir -p "$root$dir"
	mount --bind "$dir" "$root$dir"
fi
exec chroot "$root" /bin/sh -c 'cd "$1" && shift && exec "$@"' enter "$dir" "$@"
`

func (r Root) command(ctx context.Context, dir string, binds []Bind, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "unshare", r.enterArgs(dir, binds, name, args...)...)
	cmd.Dir = dir
	return cmd
}

// enterArgs is unshare's command line for running name in dir inside r.
func (r Root) enterArgs(dir string, binds []Bind, name string, args ...string) []string {
	a := []string{"--mount", "--propagation", "private", "--", "/bin/sh", "-c", enterScript, "enter",
		r.Dir, dir, fmt.Sprint(len(binds))}
	for _, b := range binds {
		a = append(a, b.Source, b.Target)
	}
	a = append(a, name)
	return append(a, args...)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
