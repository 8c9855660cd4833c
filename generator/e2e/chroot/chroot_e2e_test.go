//go:build e2e

package chroot

// A real build: needs root, mmdebstrap and the Debian archive (about a
// minute). Run with: go test -tags e2e ./generator/e2e/chroot

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRealRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("SKIPPED: building a root needs root")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	input := t.TempDir()
	if err := os.WriteFile(filepath.Join(input, "greeting"), []byte("hello from the host\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := Spec{
		Suite:    "sid",
		Packages: []string{"hello"},
		Binds:    []Bind{{Source: input, Target: "/opt/input"}},
		Setup: []string{
			"cp /opt/input/greeting /etc/greeting",
			// Binds are read-only to the setup scripts.
			"! touch /opt/input/written 2>/dev/null",
		},
	}
	cache := t.TempDir()
	root, err := Ensure(ctx, spec, cache)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built in %s", root.Built)
	if root.Built == 0 {
		t.Fatal("a new cache must build")
	}
	if _, err := os.Stat(filepath.Join(input, "written")); err == nil {
		t.Fatal("a setup script wrote into a bind")
	}
	again, err := Ensure(ctx, spec, cache)
	if err != nil || again.Dir != root.Dir || again.Built != 0 {
		t.Fatalf("second Ensure = %+v, %v; want the same root, not built again", again, err)
	}

	project := t.TempDir()
	cmd := root.Command(ctx, project, "bash", "-c",
		`echo $$; pwd; hello; cat /etc/greeting; grep -c . /etc/debian_version; touch made-inside; test ! -e /opt/input/greeting`)
	cmd.Env = root.Environ()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 4 || lines[0] != strconv.Itoa(cmd.Process.Pid) || lines[1] != project ||
		lines[2] != "Hello, world!" || lines[3] != "hello from the host" {
		t.Fatalf("inside the root (pid %d, dir %s):\n%s", cmd.Process.Pid, project, out)
	}
	if _, err := os.Stat(filepath.Join(project, "made-inside")); err != nil {
		t.Fatalf("a file made inside is not in the project directory on the host: %v", err)
	}
	// The mounts were private to the command: nothing is left mounted.
	mounts, _ := os.ReadFile("/proc/self/mounts")
	if strings.Contains(string(mounts), root.Dir) {
		t.Fatalf("a mount under %s outlived the command:\n%s", root.Dir, mounts)
	}
}
