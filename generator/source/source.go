// Package source owns where templates come from and how a framework's tree
// is laid out in them: a templates tree is any fs.FS holding one directory
// per framework (its manifest and its files/) and the shared layers under
// _shared/. The embedded tree, a directory on disk and a frozen version of a
// framework are all just an fs.FS to the rest of the engine. It reads and
// never parses a manifest, renders or writes.
package source

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"

	"github.com/scaffold-cli/scaffold/templates"
)

// ManifestFile is the name of the manifest inside each framework directory.
const ManifestFile = "manifest.yaml"

// FilesDir is the directory, beside the manifest, that holds the project tree.
const FilesDir = "files"

// Embedded is the templates tree built into the binary.
func Embedded() fs.FS { return templates.FS }

// Dir is the templates tree in a directory on disk (custom templates). It
// fails when dir is not a directory, so a typo is caught before any lookup.
func Dir(dir string) (fs.FS, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("templates directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("templates directory %s is not a directory", dir)
	}
	return os.DirFS(dir), nil
}

// Frameworks lists the directories of fsys that hold a manifest, sorted.
func Frameworks(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() || e.Name() == SharedDir {
			continue
		}
		if _, err := fs.Stat(fsys, path.Join(e.Name(), ManifestFile)); err == nil {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// Manifest reads the manifest of framework name.
func Manifest(fsys fs.FS, name string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, path.Join(name, ManifestFile))
	if err != nil {
		return nil, fmt.Errorf("framework %q: %w", name, err)
	}
	return data, nil
}

// Files is the project tree of framework name: its files/ directory with the
// shared layers it names laid under it (see layeredFS).
func Files(fsys fs.FS, name string, shared []string) (fs.FS, error) {
	dir := path.Join(name, FilesDir)
	if !isDirIn(fsys, dir) {
		return nil, fmt.Errorf("%s: no %s/ directory beside the manifest", name, FilesDir)
	}
	// A files/ that is a link would be walked wherever it points.
	if lfs, ok := fsys.(fs.ReadLinkFS); ok {
		if info, err := lfs.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return nil, fmt.Errorf("%s is a symbolic link; a template holds only regular files and directories (replace the link with a copy)", dir)
		}
	}
	own, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	layered, err := withShared(fsys, own, dir, shared)
	if err != nil {
		return nil, fmt.Errorf("%s/%s: %w", name, ManifestFile, err)
	}
	return layered, nil
}
