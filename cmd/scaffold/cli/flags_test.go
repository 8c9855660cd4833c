package cli

import (
	"bytes"
	"strings"
	"testing"
)

func runMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, &IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	return code, out.String(), errb.String()
}

// A flag given twice is refused rather than silently letting the last one
// win: "--docker --docker=false" is a contradiction, not a choice.
func TestFlagGivenTwice(t *testing.T) {
	for _, args := range [][]string{
		{"--docker", "--docker=false"},
		{"--module=example.com/a", "--module", "example.com/b"},
		{"--framework=gin"},
		{"--dir=a", "--dir=b"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			all := append([]string{"new", "demo", "--framework=gin", "--dry-run"}, args...)
			code, _, stderr := runMain(t, all...)
			if code != ExitUsage || !strings.Contains(stderr, "twice") {
				t.Errorf("scaffold %s: exit %d, stderr %q; want exit 2 saying the flag is given twice", strings.Join(all, " "), code, stderr)
			}
		})
	}
}
