package cli

import (
	"strings"
	"testing"
)

// Bad serve flags are usage errors (exit 2) that say what to give, before
// anything listens.
func TestServeFlagErrors(t *testing.T) {
	for _, c := range []struct{ flag, want string }{
		{"--cache-mib=-1", "--cache-mib -1: give a size in MiB, or 0"},
		{"--max-generations=-1", "--max-generations -1: give a positive number"},
		{"--log-format=xml", `--log-format "xml": use text or json`},
	} {
		code, _, stderr := run(t, "serve", "--addr", "127.0.0.1:0", c.flag)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("serve %s: exit %d, stderr %q; want 2 and %q", c.flag, code, stderr, c.want)
		}
	}
}
