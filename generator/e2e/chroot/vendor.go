package chroot

import (
	"errors"
	"os"
	"path/filepath"
)

// VendorEnv names the directory of vendored upstream sources (Rails 8.1,
// turbo-rails) that the Rails root is built from; see shared/vendor/README.md.
const VendorEnv = "SCAFFOLD_VENDOR"

// VendorDir is $SCAFFOLD_VENDOR, or else ../shared/vendor beside the root of
// the module that holds the working directory (the checkout's parent keeps
// shared/ beside the repository).
func VendorDir() (string, error) {
	if v := os.Getenv(VendorEnv); v != "" {
		return filepath.Abs(v)
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(filepath.Dir(dir), "shared", "vendor"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: set " + VendorEnv)
		}
		dir = parent
	}
}

// Lookup expands the variables a manifest's chroot binds may name:
// SCAFFOLD_VENDOR (with VendorDir's default) and the environment's.
func Lookup(name string) string {
	if name == VendorEnv {
		v, _ := VendorDir()
		return v
	}
	return os.Getenv(name)
}
