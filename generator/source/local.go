package source

import (
	"errors"
	"os"
	"path/filepath"
)

// LocalTemplatesDir is where a user keeps templates of their own, one
// directory per template: $XDG_CONFIG_HOME/scaffold/templates when
// XDG_CONFIG_HOME holds an absolute path (on every system, so one setting
// works everywhere), else os.UserConfigDir's place (~/.config on Linux and
// the BSDs, ~/Library/Application Support on macOS, %AppData% on Windows)
// with scaffold/templates under it. A relative XDG_CONFIG_HOME is ignored,
// as the XDG specification says.
func LocalTemplatesDir() (string, error) {
	if x := os.Getenv("XDG_CONFIG_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "scaffold", "templates"), nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		if home, herr := os.UserHomeDir(); herr == nil {
			base = filepath.Join(home, ".config")
		} else {
			return "", errors.Join(err, herr)
		}
	}
	return filepath.Join(base, "scaffold", "templates"), nil
}
