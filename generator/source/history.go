package source

// Frozen history: every template_version a framework has shipped is kept as
// a zip archive, templates/<framework>/history/<version>.zip, holding a
// complete templates tree for that framework alone (its manifest, its
// files/ and the _shared/ layers it used, as they were). `scaffold update`
// renders its merge base from it. The archives are written by `make freeze`,
// never by hand.

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// HistoryDir is the directory, beside a framework's manifest, of its frozen
// versions.
const HistoryDir = "history"

// frozenTime is every archived file's modification time, so that freezing
// the same tree twice gives the same entries.
var frozenTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// HistoryPath is where version v of framework name is frozen, in a
// templates tree.
func HistoryPath(name string, v int) string {
	return path.Join(name, HistoryDir, strconv.Itoa(v)+".zip")
}

// Freeze archives framework name of fsys, with the shared layers it names,
// as a templates tree of its own.
func Freeze(fsys fs.FS, name string, shared []string) ([]byte, error) {
	var paths []string
	add := func(root string) error {
		return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.Type().IsRegular() {
				paths = append(paths, p)
			} else if !d.IsDir() {
				return fmt.Errorf("%s: not a regular file; a template holds only files", p)
			}
			return nil
		})
	}
	paths = append(paths, path.Join(name, ManifestFile))
	if err := add(path.Join(name, FilesDir)); err != nil {
		return nil, err
	}
	for _, s := range shared {
		if err := add(path.Join(SharedDir, s)); err != nil {
			return nil, err
		}
	}
	sort.Strings(paths)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range paths {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p, Method: zip.Deflate, Modified: frozenTime})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Frozen opens a frozen version as a templates tree.
func Frozen(archive []byte) (fs.FS, error) {
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		return nil, fmt.Errorf("frozen template: %w", err)
	}
	return zr, nil
}

// History opens version v of framework name from the templates tree fsys.
// A version that was never frozen is an error that says so.
func History(fsys fs.FS, name string, v int) (fs.FS, error) {
	archive, err := fs.ReadFile(fsys, HistoryPath(name, v))
	if err != nil {
		return nil, fmt.Errorf("%s template version %d is not in this scaffold (%s): %w", name, v, HistoryPath(name, v), err)
	}
	tree, err := Frozen(archive)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", HistoryPath(name, v), err)
	}
	return tree, nil
}

// Versions lists the frozen versions of framework name, ascending.
func Versions(fsys fs.FS, name string) ([]int, error) {
	entries, err := fs.ReadDir(fsys, path.Join(name, HistoryDir))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	var out []int
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".zip")
		if !ok {
			continue
		}
		if v, err := strconv.Atoi(base); err == nil && v >= 1 {
			out = append(out, v)
		}
	}
	sort.Ints(out)
	return out, nil
}

// SameTree reports the first difference between two templates trees'
// framework name (its manifest and files/, shared layers flattened in), or
// nil when they hold the same files with the same bytes. sameManifest, when
// not nil, decides whether the two manifests are the same (a manifest also
// holds how the project is tested, which is not part of what it generates).
func SameTree(a, b fs.FS, name string, sharedA, sharedB []string, sameManifest func(a, b []byte) bool) error {
	fa, err := snapshot(a, name, sharedA)
	if err != nil {
		return err
	}
	fb, err := snapshot(b, name, sharedB)
	if err != nil {
		return err
	}
	if sameManifest == nil {
		sameManifest = bytes.Equal
	}
	if !sameManifest(fa[ManifestFile], fb[ManifestFile]) {
		return fmt.Errorf("%s differs", ManifestFile)
	}
	for p, data := range fa {
		other, ok := fb[p]
		switch {
		case p == ManifestFile:
		case !ok:
			return fmt.Errorf("%s is only in one of them", p)
		case !bytes.Equal(data, other):
			return fmt.Errorf("%s differs", p)
		}
	}
	for p := range fb {
		if _, ok := fa[p]; !ok {
			return fmt.Errorf("%s is only in one of them", p)
		}
	}
	return nil
}

func snapshot(fsys fs.FS, name string, shared []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	manifest, err := Manifest(fsys, name)
	if err != nil {
		return nil, err
	}
	out[ManifestFile] = manifest
	files, err := Files(fsys, name, shared)
	if err != nil {
		return nil, err
	}
	err = fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(files, p)
		out[path.Join(FilesDir, p)] = data
		return err
	})
	return out, err
}
