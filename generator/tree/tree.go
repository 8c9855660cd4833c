// Package tree owns the in-memory form of a project: the File that the
// engine renders, the writer puts on disk and update compares, and the one
// rule for which paths a project may contain. It never reads or writes the
// disk.
package tree

import (
	"fmt"
	"io/fs"
	"strings"
)

// File is one file of a project, held in memory.
type File struct {
	Path   string      // slash-separated, relative to the target, always local
	Mode   fs.FileMode // permission bits
	Data   []byte
	Source string // path under the framework's files/ ("" for engine-written files)
}

// CheckLocal refuses any destination that could land outside the target:
// absolute, empty, "..", a backslash, a colon or a NUL byte. Both the planner
// (before rendering) and the writer (before touching the disk) apply it, so a
// bad path is caught however the files were made.
func CheckLocal(p string) error {
	switch {
	case p == "" || p == ".":
		return fmt.Errorf("destination path is empty")
	case strings.HasPrefix(p, "/"):
		return fmt.Errorf("destination %q is absolute; it must stay inside the project", p)
	case strings.ContainsAny(p, "\\\x00:"):
		return fmt.Errorf("destination %q contains a backslash, colon or NUL; not portable", p)
	}
	for _, e := range strings.Split(p, "/") {
		if e == "" || e == "." || e == ".." {
			return fmt.Errorf("destination %q has an empty, '.' or '..' element; it must stay inside the project", p)
		}
	}
	return nil
}
