package generator

import (
	"regexp"
	"testing"
)

func TestLazyRegexpsCompile(t *testing.T) {
	if len(allLazyRegexps) == 0 {
		t.Fatal("no lazy regexps registered")
	}
	for _, l := range allLazyRegexps {
		if _, err := regexp.Compile(l.expr); err != nil {
			t.Errorf("%q: %v", l.expr, err)
		}
		if l.get().String() != l.expr {
			t.Errorf("%q compiled as %q", l.expr, l.get())
		}
	}
}
