package names

import (
	"fmt"
	"strings"
	"sync"

	"golang.org/x/mod/module"

	"github.com/scaffold-cli/scaffold/generator/input"

	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// Go's rules: a module path as `go mod init` checks it (x/mod/module), minus
// paths that shadow the standard library, which `go mod init` accepts but
// which break every import of the shadowed package.

// goStdRoots are the first elements of standard-library import paths, plus the
// names the go command reserves.
var goStdRoots = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"archive": true, "bufio": true, "builtin": true, "bytes": true, "cmp": true, "compress": true,
		"container": true, "context": true, "crypto": true, "database": true, "debug": true,
		"embed": true, "encoding": true, "errors": true, "expvar": true, "flag": true, "fmt": true,
		"go": true, "hash": true, "html": true, "image": true, "index": true, "internal": true,
		"io": true, "iter": true, "log": true, "maps": true, "math": true, "mime": true, "net": true,
		"os": true, "path": true, "plugin": true, "reflect": true, "regexp": true, "runtime": true,
		"slices": true, "sort": true, "strconv": true, "strings": true, "structs": true, "sync": true,
		"syscall": true, "testing": true, "text": true, "time": true, "unicode": true, "unique": true,
		"unsafe": true, "weak": true, "vendor": true,
		// reserved by the go command
		"std": true, "cmd": true, "all": true, "toolchain": true, "main": true, "tool": true,
	}
})

var goBinaryRe = lazyre.New(`^[a-z][a-z0-9_-]*$`)

func init() {
	register(Rule{
		Name:        "go-package",
		Description: "Go: the project name becomes the command directory (cmd/NAME) and the last element of the default module path",
		Derive:      deriveGoNames,
	})
	register(Rule{
		Name:        "go-module",
		Description: "Go module path, as `go mod init` checks it, not shadowing the standard library",
		Derive: func(v string) (map[string]string, error) {
			return nil, CheckGoModulePath(v)
		},
	})
}

func deriveGoNames(name string) (map[string]string, error) {
	lower := strings.ToLower(name)
	if !goBinaryRe.MatchString(name) {
		suggestion := strings.NewReplacer(".", "-").Replace(lower)
		if goStdRoots()[suggestion] {
			suggestion += "-app" // "Main" -> "main" would be refused in turn
		}
		if !goBinaryRe.MatchString(suggestion) {
			suggestion = ""
		}
		return nil, refusal(offerTry, suggestion,
			fmt.Sprintf("%q is not a good Go command name: use lower-case letters, digits, '-' and '_'", name))
	}
	if goStdRoots()[name] {
		return nil, refusal(offerExample, name+"-app",
			fmt.Sprintf("%q is the name of a Go standard-library package or a go command keyword; choose another", name))
	}
	return map[string]string{
		"go_command": name,
		"go_module":  "example.com/" + name,
	}, nil
}

// CheckGoModulePath reports why path cannot be a module path, or nil.
func CheckGoModulePath(path string) error {
	if err := module.CheckPath(path); err != nil {
		// module.CheckPath wants a dot in the first element; a dot-free path
		// like "myapp" is fine for a module nobody downloads.
		if err2 := module.CheckImportPath(path); err2 != nil {
			return input.Errorf("%q is not a valid Go module path: %v; use e.g. \"github.com/you/app\"", path, trimModuleErr(err2, path))
		}
	}
	first, _, _ := strings.Cut(path, "/")
	if goStdRoots()[first] {
		return input.Errorf("Go module path %q shadows the standard library (%q); use e.g. \"example.com/%s\"", path, first, path)
	}
	return nil
}

// trimModuleErr drops the path the x/mod error repeats, so it isn't said twice.
func trimModuleErr(err error, path string) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, fmt.Sprintf("malformed import path %q: ", path))
	msg = strings.TrimPrefix(msg, fmt.Sprintf("malformed module path %q: ", path))
	return msg
}
