package source

// Custom templates: one framework's directory on disk (its manifest.yaml,
// files/ and, if its author keeps one, history/), outside any templates
// tree. TemplateDir presents it as a templates tree of that one framework,
// so the engine loads, renders, freezes and updates it as it does the
// built-in ones. CheckTemplateDir holds it to the bounds a template from
// anywhere must keep.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Bounds of a custom template: generous for any real starter project,
// small enough that a hostile or broken one fails at once with a clear
// error instead of filling memory. Variables, so tests can lower them (the
// bounds of rendering are in package render).
var (
	MaxTemplateFiles    = 5000
	MaxTemplateFileSize = int64(4 << 20) // bytes, per file
)

// ReadTemplateManifest reads the manifest of the template directory dir.
func ReadTemplateManifest(dir string) ([]byte, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", dir, errors.Unwrap(err))
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("template %s is not a directory; give the directory that holds %s and %s/", dir, ManifestFile, FilesDir)
	}
	p := filepath.Join(dir, ManifestFile)
	if fi, err := os.Lstat(p); err != nil {
		return nil, fmt.Errorf("template %s has no %s; a template directory holds %s and %s/ (scaffold template init DIR writes one)", dir, ManifestFile, ManifestFile, FilesDir)
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("template %s: %s is not a regular file (a symbolic link?); replace it with the file itself", dir, ManifestFile)
	}
	return os.ReadFile(p)
}

// CheckTemplateDir refuses a template directory whose manifest, files/ or
// history/ hold anything but regular files and directories (a symbolic
// link could lead out of it), more than MaxTemplateFiles files or a file
// larger than MaxTemplateFileSize. Every finding is reported, each with
// its path.
func CheckTemplateDir(dir string) error {
	fsys := os.DirFS(dir)
	var errs []error
	count := 0
	for _, root := range []string{ManifestFile, FilesDir, HistoryDir} {
		// WalkDir follows a root that is a link: files/ -> /etc would walk
		// /etc. The roots are checked themselves first.
		if info, err := os.Lstat(filepath.Join(dir, root)); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			errs = append(errs, fmt.Errorf("%s is a symbolic link; a template holds only regular files and directories (replace the link with a copy)", path.Join(filepath.ToSlash(dir), root)))
			continue
		}
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == root {
					return nil // files/ is checked when the manifest loads; history/ is optional
				}
				return err
			}
			switch {
			case d.Type()&fs.ModeSymlink != 0:
				errs = append(errs, fmt.Errorf("%s is a symbolic link; a template holds only regular files and directories (replace the link with a copy)", path.Join(filepath.ToSlash(dir), p)))
				return nil
			case d.IsDir():
				return nil
			case !d.Type().IsRegular():
				errs = append(errs, fmt.Errorf("%s is not a regular file; remove it", path.Join(filepath.ToSlash(dir), p)))
				return nil
			}
			count++
			if count == MaxTemplateFiles+1 {
				errs = append(errs, fmt.Errorf("template %s holds more than %d files; a starter project needs far fewer (is a build directory or node_modules/ under %s/?)", dir, MaxTemplateFiles, FilesDir))
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if info.Size() > MaxTemplateFileSize {
				errs = append(errs, fmt.Errorf("%s is %d bytes, more than the %d a template file may hold; leave large files out of the template", path.Join(filepath.ToSlash(dir), p), info.Size(), MaxTemplateFileSize))
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("template %s: %w", dir, err))
		}
	}
	return errors.Join(errs...)
}

// TemplateDir presents the template directory dir as a templates tree
// holding it as framework name: name/manifest.yaml is dir/manifest.yaml,
// name/history/3.zip is dir/history/3.zip.
func TemplateDir(dir, name string) fs.FS {
	return &singleFS{name: name, dir: dir, inner: os.DirFS(dir)}
}

// TemplateFS is TemplateDir for a template directory held in inner (a
// template read from a git repository into memory); origin is where it
// came from, as TemplateDirOf reports it.
func TemplateFS(inner fs.FS, origin, name string) fs.FS {
	return &singleFS{name: name, dir: origin, inner: inner}
}

// TemplateDirOf is the directory of a tree made by TemplateDir, if fsys is
// one.
func TemplateDirOf(fsys fs.FS) (string, bool) {
	s, ok := fsys.(*singleFS)
	if !ok {
		return "", false
	}
	return s.dir, true
}

// singleFS is a templates tree of one framework, whose directory is inner.
type singleFS struct {
	name  string
	dir   string
	inner fs.FS
}

func (s *singleFS) inside(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == s.name {
		return ".", nil
	}
	if rest, ok := strings.CutPrefix(name, s.name+"/"); ok {
		return rest, nil
	}
	return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
}

func (s *singleFS) Open(name string) (fs.File, error) {
	if name == "." {
		return &rootDir{fs: s}, nil
	}
	rest, err := s.inside("open", name)
	if err != nil {
		return nil, err
	}
	return s.inner.Open(rest)
}

func (s *singleFS) Stat(name string) (fs.FileInfo, error) {
	if name == "." {
		return rootInfo{}, nil
	}
	rest, err := s.inside("stat", name)
	if err != nil {
		return nil, err
	}
	info, err := fs.Stat(s.inner, rest)
	if err == nil && rest == "." {
		return namedInfo{info, s.name}, nil
	}
	return info, err
}

func (s *singleFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == "." {
		info, err := s.Stat(s.name)
		if err != nil {
			return nil, err
		}
		return []fs.DirEntry{fs.FileInfoToDirEntry(info)}, nil
	}
	rest, err := s.inside("readdir", name)
	if err != nil {
		return nil, err
	}
	return fs.ReadDir(s.inner, rest)
}

func (s *singleFS) ReadFile(name string) ([]byte, error) {
	rest, err := s.inside("read", name)
	if err != nil {
		return nil, err
	}
	return fs.ReadFile(s.inner, rest)
}

// rootDir is the tree's top directory, holding the framework's only.
type rootDir struct {
	fs   *singleFS
	read bool
}

func (d *rootDir) Stat() (fs.FileInfo, error) { return rootInfo{}, nil }
func (d *rootDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: errors.New("is a directory")}
}
func (d *rootDir) Close() error { return nil }
func (d *rootDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if d.read {
		if n > 0 {
			return nil, io.EOF
		}
		return nil, nil
	}
	d.read = true
	return d.fs.ReadDir(".")
}

type rootInfo struct{}

func (rootInfo) Name() string       { return "." }
func (rootInfo) Size() int64        { return 0 }
func (rootInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (rootInfo) ModTime() time.Time { return time.Time{} }
func (rootInfo) IsDir() bool        { return true }
func (rootInfo) Sys() any           { return nil }

// namedInfo is the template directory's info under the framework's name.
type namedInfo struct {
	fs.FileInfo
	name string
}

func (i namedInfo) Name() string { return i.name }
