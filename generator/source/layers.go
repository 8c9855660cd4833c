package source

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// SharedDir holds file trees that several frameworks lay under their own
// files/ (manifest key `shared:`), e.g. the Node tooling Express and Koa both
// generate. It has no manifest, so it is not a framework itself.
const SharedDir = "_shared"

// layeredFS lays file trees over one another: a directory lists the union of
// its entries in all layers, and a file comes from the one layer that has it.
// A file in two layers is an error, never a silent override, so every
// generated file has exactly one source.
//
// Directories are only listed through ReadDir (fs.WalkDir and fs.ReadDir use
// it); opening a directory gives the first layer's.
type layeredFS struct {
	names  []string // each layer's name, for messages
	layers []fs.FS
}

func (l *layeredFS) Open(name string) (fs.File, error) {
	for _, fsys := range l.layers {
		f, err := fsys.Open(name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (l *layeredFS) ReadDir(name string) ([]fs.DirEntry, error) {
	var out []fs.DirEntry
	from := map[string]int{} // entry name -> the layer it came from
	found := false
	for i, fsys := range l.layers {
		entries, err := fs.ReadDir(fsys, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range entries {
			j, seen := from[e.Name()]
			if !seen {
				from[e.Name()] = i
				out = append(out, e)
				continue
			}
			if !e.IsDir() || !isDirIn(l.layers[j], path.Join(name, e.Name())) {
				return nil, fmt.Errorf("%s is in both %s and %s; keep it in one", path.Join(name, e.Name()), l.names[j], l.names[i])
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Name() < out[b].Name() })
	return out, nil
}

func isDirIn(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	return err == nil && info.IsDir()
}

// withShared lays the shared trees a manifest names under its own files.
func withShared(fsys fs.FS, own fs.FS, ownName string, shared []string) (fs.FS, error) {
	if len(shared) == 0 {
		return own, nil
	}
	l := &layeredFS{names: []string{ownName}, layers: []fs.FS{own}}
	for _, s := range shared {
		dir := path.Join(SharedDir, s)
		if !isDirIn(fsys, dir) {
			return nil, fmt.Errorf("shared: no directory %s/ in the templates", dir)
		}
		sub, err := fs.Sub(fsys, dir)
		if err != nil {
			return nil, err
		}
		l.names = append(l.names, dir)
		l.layers = append(l.layers, sub)
	}
	return l, nil
}
