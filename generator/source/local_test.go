package source

import (
	"os"
	"path/filepath"
	"testing"
)

func TestLocalTemplatesDir(t *testing.T) {
	abs := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", abs)
	if got, err := LocalTemplatesDir(); err != nil || got != filepath.Join(abs, "scaffold", "templates") {
		t.Errorf("with XDG_CONFIG_HOME=%s: %q, %v", abs, got, err)
	}
	// A relative XDG_CONFIG_HOME is ignored (XDG Base Directory
	// specification): the system's config directory is used.
	t.Setenv("XDG_CONFIG_HOME", "relative/config")
	got, err := LocalTemplatesDir()
	if err != nil {
		t.Fatal(err)
	}
	os.Unsetenv("XDG_CONFIG_HOME")
	base, err := os.UserConfigDir()
	if err != nil {
		t.Skip("no user config directory here:", err)
	}
	if want := filepath.Join(base, "scaffold", "templates"); got != want {
		t.Errorf("with a relative XDG_CONFIG_HOME: %q, want %q", got, want)
	}
}
