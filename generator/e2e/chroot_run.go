package e2e

// The chroot part of a run (a manifest's e2e.chroot): steps and the server
// inside a Debian root built by package chroot, shared by every case of a
// process. The root goes under $SCAFFOLD_CHROOT_CACHE when it is set (kept,
// and reused by later runs while the spec is unchanged), or else under a
// temporary directory that RemoveTemporaryRoots removes.

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/e2e/chroot"
)

var chrootCache struct {
	once sync.Once
	dir  string
	temp bool
	err  error
}

// RemoveTemporaryRoots removes the Debian roots built under a temporary
// directory (SCAFFOLD_CHROOT_CACHE unset). Call it once, when every run of
// the process has ended (TestMain).
func RemoveTemporaryRoots() {
	if chrootCache.temp {
		os.RemoveAll(chrootCache.dir)
	}
}

func chrootCacheDir() (string, error) {
	chrootCache.once.Do(func() {
		if d := os.Getenv("SCAFFOLD_CHROOT_CACHE"); d != "" {
			chrootCache.dir = d
			chrootCache.err = os.MkdirAll(d, 0o755)
			return
		}
		chrootCache.dir, chrootCache.err = os.MkdirTemp("", "scaffold-chroot-")
		chrootCache.temp = chrootCache.err == nil
	})
	return chrootCache.dir, chrootCache.err
}

// runChroot builds (or reuses) the root c describes, then runs c's steps and
// server in it, in dir. env is the case's whole environment (for the port),
// caseEnv the part of it the harness added (HOST, PORT, e2e env, services):
// only that part goes into the root, over a clean PATH and HOME.
func runChroot(t T, ctx context.Context, p *generator.Project, dir string, env, caseEnv []string, c *generator.ChrootRun, services []*runningService, opts Options) {
	cache, err := chrootCacheDir()
	if err != nil {
		t.Fatalf("%v", err)
	}
	spec := c.Spec.Expand(chroot.Lookup)
	start := time.Now()
	root, err := chroot.Ensure(ctx, spec, cache)
	if errors.Is(err, chroot.ErrUnavailable) && !opts.CI {
		t.Skipf("SKIPPED: %v (in CI this fails)", err)
	}
	if err != nil {
		t.Fatalf("%v", err)
	}
	if root.Built > 0 {
		t.Logf("ok   %5.1fs  chroot built: mmdebstrap %s, %d packages, %d setup scripts, in %s",
			root.Built.Seconds(), spec.Suite, len(spec.Packages), len(spec.Setup), root.Dir)
	} else {
		t.Logf("ok   %5.1fs  chroot reused: %s", time.Since(start).Seconds(), root.Dir)
	}

	extra := append([]string(nil), caseEnv...)
	for _, k := range sortedMapKeys(c.Env) {
		v, err := p.Render("e2e chroot env "+k, c.Env[k])
		if err != nil {
			t.Fatalf("%v", err)
		}
		extra = append(extra, k+"="+v)
	}
	chrootEnv := root.Environ(extra...)

	for _, step := range c.Steps {
		cmd, err := p.Render("e2e chroot step", step)
		if err != nil {
			t.Fatalf("%v", err)
		}
		start := time.Now()
		run := root.Command(ctx, dir, "bash", "-euo", "pipefail", "-c", cmd)
		run.Env = chrootEnv
		out, err := runCmd(run)
		if err != nil {
			t.Fatalf("chroot step failed: %s\n%v\n%s", cmd, err, lastLines(out, 60))
		}
		t.Logf("ok   %5.1fs  [chroot] %s", time.Since(start).Seconds(), firstLine(cmd))
		notes := 0
		for _, line := range strings.Split(string(out), "\n") {
			// A step reports what the run differs in from the project's own
			// pins (Debian's versions) on lines starting "e2e: ".
			if note, ok := strings.CutPrefix(line, "e2e: "); ok {
				t.Logf("            %s", note)
				notes++
			}
		}
		out = bytes.TrimSpace(out)
		if last := out[bytes.LastIndexByte(out, '\n')+1:]; notes == 0 && len(last) > 0 {
			t.Logf("            %s", truncate(last, 200)) // e.g. the test runner's summary
		}
	}

	if c.Serve != nil {
		serveAndCheck(t, ctx, p, dir, env, c.Serve, services, func(command string) *exec.Cmd {
			cmd := root.Command(context.Background(), dir, "bash", "-c", command)
			cmd.Env = chrootEnv
			return cmd
		})
	}
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " ..."
	}
	return s
}
