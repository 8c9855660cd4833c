package tree

import (
	"path/filepath"
	"testing"
)

func TestCheckLocal(t *testing.T) {
	for _, p := range []string{"a", "cmd/demo/main.go", ".env", "a/.b/c..d", "...", "config/app.php"} {
		if err := CheckLocal(p); err != nil {
			t.Errorf("CheckLocal(%q) = %v, want nil", p, err)
		}
		if !filepath.IsLocal(p) {
			t.Errorf("%q is accepted but not local", p)
		}
	}
	for _, p := range []string{"", ".", "/etc/passwd", "..", "../x", "a/../../x", "a//b", "a/./b", "a/", "a\\b", "c:x", "a\x00b"} {
		if err := CheckLocal(p); err == nil {
			t.Errorf("CheckLocal(%q) = nil, want an error", p)
		}
	}
}
