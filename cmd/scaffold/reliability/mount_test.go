package reliability_test

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// inCI is true in CI, which runs as root: there a test that needs a mount
// fails instead of skipping, so the read-only and disk-full cases always run.
var inCI = os.Getenv("CI") == "true"

// cannotMount skips (or, in CI, fails) a test that needs to mount.
func cannotMount(t *testing.T, what string, err error) {
	t.Helper()
	msg := "cannot " + what + " (needs root with CAP_SYS_ADMIN; permission bits alone do not stop root, so this case needs a real mount): " + err.Error()
	if inCI {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// readOnlyMount makes dir a read-only bind mount of itself: unlike chmod,
// this stops root too.
func readOnlyMount(t *testing.T, dir string) {
	t.Helper()
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
		cannotMount(t, "bind-mount "+dir, err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
	if err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		cannotMount(t, "remount "+dir+" read-only", err)
	}
	if f, err := os.CreateTemp(dir, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Fatalf("%s is still writable after a read-only remount", dir)
	}
}

// tmpfsMount mounts a small tmpfs on dir with the given options (size=,
// nr_inodes=), so writes fail with ENOSPC partway through.
func tmpfsMount(t *testing.T, dir, options string) {
	t.Helper()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, options); err != nil {
		cannotMount(t, "mount a tmpfs ("+options+") on "+dir, err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
}

// bindMount makes dir a (writable) bind mount of itself, so that it can be
// made read-only later without touching anything else.
func bindMount(t *testing.T, dir string) {
	t.Helper()
	if err := syscall.Mount(dir, dir, "", syscall.MS_BIND, ""); err != nil {
		cannotMount(t, "bind-mount "+dir, err)
	}
	t.Cleanup(func() { syscall.Unmount(dir, syscall.MNT_DETACH) })
}

// remountReadOnly makes the bind mount dir read-only, retrying while a file
// is open for writing on it (EBUSY).
func remountReadOnly(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := syscall.Mount("", dir, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, "")
		if err == nil {
			return
		}
		if err != syscall.EBUSY || time.Now().After(deadline) {
			t.Fatalf("remounting %s read-only: %v", dir, err)
		}
	}
}
