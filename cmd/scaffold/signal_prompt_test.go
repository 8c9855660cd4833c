//go:build !windows

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestSIGTERMDuringAPrompt: a SIGTERM while scaffold waits at a prompt ends
// it with exit 130 (not the default action's 143), the cursor shown again and
// the terminal's modes as they were; nothing is written.
func TestSIGTERMDuringAPrompt(t *testing.T) {
	bin := buildScaffold(t)
	dir := t.TempDir()
	cmd := exec.Command(bin, "new")
	cmd.Dir = dir
	ptm, err := pty.Start(cmd)
	if err != nil {
		t.Fatal(err)
	}
	defer ptm.Close()
	var mu sync.Mutex
	var out bytes.Buffer
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptm.Read(buf)
			mu.Lock()
			out.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	seen := func(s string) bool {
		mu.Lock()
		defer mu.Unlock()
		return strings.Contains(out.String(), s)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !seen("Project name:") {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no prompt within 20s: %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // survey has made the tty raw
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("still running 10s after SIGTERM: %q", out.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("err = %v (%v), want exit status 130; output %q", err, exit, out.String())
	}
	time.Sleep(50 * time.Millisecond)
	if !seen("scaffold: interrupted; nothing was written") || !seen("\x1b[?25h") {
		t.Errorf("output lacks the message or the cursor's return: %q", out.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("wrote %v", entries)
	}
}
