package write

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/scaffold-cli/scaffold/generator/tree"
)

// Changes is what an update does to an existing project: files to put in
// place (new, or replacing what is there) and files to remove.
type Changes struct {
	Put    []tree.File
	Remove []string
}

// Replace applies changes to the existing directory target as one step, as
// far as a file system allows: every new file is staged inside target
// first; then each replaced or removed file is moved aside into the staging
// directory and the new one renamed into place. If anything fails, or ctx
// is cancelled, every file is moved back and every directory made is
// removed, so the project is exactly as it was. Like Files, it goes through
// os.Root and never writes through a symbolic link.
func Replace(ctx context.Context, target string, changes Changes, opts Options) (err error) {
	for _, f := range changes.Put {
		if err := tree.CheckLocal(f.Path); err != nil {
			return err
		}
	}
	for _, p := range changes.Remove {
		if err := tree.CheckLocal(p); err != nil {
			return err
		}
	}
	root, err := os.OpenRoot(target)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", target, errCause(err))
	}
	defer root.Close()
	all := append([]tree.File(nil), changes.Put...)
	for _, p := range changes.Remove {
		all = append(all, tree.File{Path: p})
	}
	if err := checkNoLinkedDirs(root, target, all); err != nil {
		return err
	}
	staging, err := os.MkdirTemp(target, ".scaffold-update-")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", target, errCause(err))
	}
	stagingName := filepath.Base(staging)
	newDir, oldDir := path.Join(stagingName, "new"), path.Join(stagingName, "old")

	type moved struct{ path, aside string } // a project file moved aside
	var asides []moved
	var placed, createdDirs []string
	defer func() {
		var left []string
		var cause error
		if err != nil {
			// Undo, newest first: take out what was placed, put back what was
			// moved aside, remove the directories made.
			for i := len(placed) - 1; i >= 0; i-- {
				if rmErr := root.Remove(placed[i]); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
					left, cause = append(left, filepath.Join(target, placed[i])), rmErr
				}
			}
			for i := len(asides) - 1; i >= 0; i-- {
				if mvErr := root.Rename(asides[i].aside, asides[i].path); mvErr != nil {
					left, cause = append(left, filepath.Join(target, asides[i].aside)), mvErr
				}
			}
			for i := len(createdDirs) - 1; i >= 0; i-- {
				if rmErr := root.Remove(createdDirs[i]); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) && !isNotEmpty(rmErr) && !errors.Is(rmErr, fs.ErrExist) {
					left, cause = append(left, filepath.Join(target, createdDirs[i])), rmErr
				}
			}
		}
		if len(left) == 0 {
			if rmErr := os.RemoveAll(staging); rmErr != nil {
				left, cause = append(left, staging), rmErr
			}
		} else {
			left = append(left, staging+" (holds your original files)")
		}
		switch {
		case err != nil:
			err = failed(err, left, cause)
		case len(left) > 0:
			err = &LeftBehindError{Err: fmt.Errorf("the update was applied to %s", target), Left: left, Cause: cause}
		}
	}()
	if err := root.Mkdir(newDir, 0o700); err != nil {
		return fmt.Errorf("cannot write in %s: %w", target, errCause(err))
	}
	if err := root.Mkdir(oldDir, 0o700); err != nil {
		return fmt.Errorf("cannot write in %s: %w", target, errCause(err))
	}
	if err := stageFiles(ctx, filepath.Join(staging, "new"), target, changes.Put); err != nil {
		return err
	}
	var asideDirs []string
	moveAside := func(p string) error {
		info, err := root.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("cannot check %s: %w", filepath.Join(target, p), errCause(err))
		}
		if !info.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file; scaffold only replaces files: move it away, then run update again", filepath.Join(target, p))
		}
		aside := path.Join(oldDir, p)
		if err := ensureDir(root, target, path.Dir(aside), &asideDirs); err != nil {
			return err
		}
		if err := root.Rename(p, aside); err != nil {
			return fmt.Errorf("cannot move %s aside: %w", filepath.Join(target, p), errCause(err))
		}
		asides = append(asides, moved{p, aside})
		return nil
	}
	if opts.beforeCommit != nil {
		if err := opts.beforeCommit(); err != nil {
			return err
		}
	}
	for _, f := range changes.Put {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := moveAside(f.Path); err != nil {
			return err
		}
		if err := ensureDir(root, target, path.Dir(f.Path), &createdDirs); err != nil {
			return err
		}
		if err := root.Rename(path.Join(newDir, f.Path), f.Path); err != nil {
			return fmt.Errorf("cannot put %s in place: %w", filepath.Join(target, f.Path), errCause(err))
		}
		placed = append(placed, f.Path)
	}
	for _, p := range changes.Remove {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := moveAside(p); err != nil {
			return err
		}
	}
	return ctx.Err()
}
