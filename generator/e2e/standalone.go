package e2e

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
)

// Result is how one case of a standalone run ended.
type Result struct {
	Case    string
	Passed  bool
	Skipped bool
	Elapsed time.Duration
}

// RunCases runs every golden case of m as e says, outside `go test` (for
// `scaffold template test --e2e`), one after the other, printing progress
// and failures to w.
func RunCases(w io.Writer, m *generator.Manifest, e *generator.E2E, opts Options) []Result {
	var out []Result
	for _, gc := range m.Golden {
		fmt.Fprintf(w, "=== e2e %s/%s\n", m.Name, gc.Name)
		t := &standaloneT{w: w, prefix: "    "}
		start := time.Now()
		t.run(func() { RunCase(t, m, gc, e, opts) })
		r := Result{Case: gc.Name, Passed: !t.failed && !t.skipped, Skipped: t.skipped, Elapsed: time.Since(start).Round(time.Millisecond)}
		status := "PASS"
		switch {
		case t.failed:
			status = "FAIL"
		case t.skipped:
			status = "SKIP"
		}
		fmt.Fprintf(w, "--- %s %s/%s (%s)\n", status, m.Name, gc.Name, r.Elapsed)
		out = append(out, r)
	}
	return out
}

// standaloneT is T for a run outside the testing package: Fatalf and
// Skipf end the case's goroutine, as testing.T's do.
type standaloneT struct {
	w       io.Writer
	prefix  string
	mu      sync.Mutex
	failed  bool
	skipped bool
	cleanup []func()
	temps   []string
}

func (t *standaloneT) run(f func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer t.finish()
		f()
	}()
	<-done
}

func (t *standaloneT) finish() {
	for i := len(t.cleanup) - 1; i >= 0; i-- {
		t.cleanup[i]()
	}
	for _, d := range t.temps {
		os.RemoveAll(d)
	}
}

func (t *standaloneT) Helper() {}

func (t *standaloneT) Logf(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	fmt.Fprintf(t.w, t.prefix+format+"\n", args...)
}

func (t *standaloneT) Errorf(format string, args ...any) {
	t.Logf(format, args...)
	t.mu.Lock()
	t.failed = true
	t.mu.Unlock()
}

func (t *standaloneT) Fatalf(format string, args ...any) {
	t.Errorf(format, args...)
	runtime.Goexit()
}

func (t *standaloneT) Skipf(format string, args ...any) {
	t.Logf(format, args...)
	t.mu.Lock()
	t.skipped = true
	t.mu.Unlock()
	runtime.Goexit()
}

func (t *standaloneT) Cleanup(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cleanup = append(t.cleanup, f)
}

func (t *standaloneT) TempDir() string {
	d, err := os.MkdirTemp("", "scaffold-e2e-")
	if err != nil {
		t.Fatalf("temporary directory: %v", err)
	}
	t.mu.Lock()
	t.temps = append(t.temps, d)
	t.mu.Unlock()
	return d
}
