// Package write owns putting a project on disk: staging beside or inside the
// target, os.Root for every access, the --force rules (add, never
// overwrite), and undoing everything after an error or an interrupt. It is
// the only package of scaffold that writes to the file system; it never
// renders, plans or decides what a project contains.
package write

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/tree"
)

// Options control how a project lands on disk.
type Options struct {
	// Force allows a non-empty target, but only when none of the planned
	// paths exists there: an existing file is never overwritten.
	Force bool
	// Notef, when set, receives what the user should know but that is no
	// error: a staging directory of an earlier, killed run that was removed.
	Notef func(format string, args ...any)
	// beforeCommit, when set (tests only), runs after every file is staged and
	// before anything becomes visible in the target.
	beforeCommit func() error
}

// Files puts files into target atomically. Symbolic links in the target's
// path are followed, its last element included (--dir link, like --dir
// link/app, is where the link leads); inside the target scaffold never
// writes through one. When the target does not exist,
// everything is written into a staging directory beside it, which is then
// renamed into place: a failure or an interruption (ctx cancelled) leaves
// nothing behind. When it is an existing directory (empty, or non-empty with
// Force), files are staged inside it and then linked into place, each
// refusing to replace an existing file; a failure removes what was added, and
// the directory itself (its mode, owner, and a shell's cwd in it) is kept.
// All file access goes through os.Root, so no path can leave the directory
// it is meant for, symlinks included.
//
// If the clean-up after a failure fails too (the filesystem turned
// read-only), the error is a *LeftBehindError naming what is still there.
func Files(ctx context.Context, target string, files []tree.File, opts Options) error {
	for _, f := range files {
		if err := tree.CheckLocal(f.Path); err != nil {
			return err
		}
	}
	target, err := followLink(filepath.Clean(target))
	if err != nil {
		return err
	}
	removeStale(target, opts)
	state, err := inspectTarget(target)
	if err != nil {
		return err
	}
	switch {
	case state == targetNonEmpty && !opts.Force:
		return input.Errorf("%s is not empty; choose another directory with --dir, or add --force to add the files to it (no existing file is ever overwritten)", target)
	case state == targetMissing:
		return writeNew(ctx, target, files, opts)
	default:
		// An existing directory keeps its own identity and permissions:
		// the files are linked into it, never replacing anything.
		return writeInto(ctx, target, files, opts)
	}
}

// followLink returns where target leads when it is a symbolic link (to a
// directory), else target itself. A link that leads nowhere, or to
// something other than a directory, is refused: scaffold makes no directory
// at the far end of a link.
func followLink(target string) (string, error) {
	info, err := os.Lstat(target)
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		return target, nil // inspectTarget says what is wrong, if anything
	}
	dest, _ := os.Readlink(target)
	resolved, err := filepath.EvalSymlinks(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", input.Errorf("%s is a symbolic link to %s, which does not exist; create that directory, or remove the link", target, dest)
	case err != nil:
		return "", fmt.Errorf("cannot follow the symbolic link %s: %w", target, errCause(err))
	}
	if info, err := os.Stat(resolved); err != nil || !info.IsDir() {
		return "", input.Errorf("%s is a symbolic link to %s, which is not a directory; choose another name or --dir", target, dest)
	}
	return resolved, nil
}

type targetState int

const (
	targetMissing targetState = iota
	targetEmpty
	targetNonEmpty
)

func inspectTarget(target string) (targetState, error) {
	info, err := os.Lstat(target)
	switch {
	case isNotDir(err):
		return 0, fmt.Errorf("cannot create %s: %s is not a directory", target, filepath.Dir(target))
	case errors.Is(err, fs.ErrNotExist):
		parent := filepath.Dir(target)
		pinfo, perr := os.Stat(parent)
		if perr != nil || !pinfo.IsDir() {
			return 0, fmt.Errorf("cannot create %s: its parent directory %s does not exist; create it first", target, parent)
		}
		return targetMissing, nil
	case err != nil:
		return 0, fmt.Errorf("cannot use %s: %w", target, err)
	case info.Mode()&fs.ModeSymlink != 0: // followLink followed it: it changed since
		return 0, raceErrorf("%s became a symbolic link while scaffold was preparing; nothing was written", target)
	case !info.IsDir():
		return 0, input.Errorf("%s exists and is not a directory; choose another name or --dir", target)
	}
	entries, err := os.ReadDir(target)
	if err != nil {
		return 0, fmt.Errorf("cannot read %s: %w", target, err)
	}
	if len(entries) == 0 {
		return targetEmpty, nil
	}
	return targetNonEmpty, nil
}

// LeftBehindError is a failed write whose clean-up failed too: Left is
// still on disk and must be removed by hand.
type LeftBehindError struct {
	Err   error    // why writing failed
	Left  []string // what could not be removed
	Cause error    // why it could not be removed
}

func (e *LeftBehindError) Error() string { return e.Err.Error() + "; " + e.Remains() }

func (e *LeftBehindError) Unwrap() error { return e.Err }

// Remains says what was left behind and what to do about it.
func (e *LeftBehindError) Remains() string {
	return fmt.Sprintf("scaffold could not remove %s (%v): delete it by hand", summarize(e.Left), errCause(e.Cause))
}

// failed finishes a failed write: when the clean-up left nothing behind, the
// error says so (input errors and cancellation already say it their way).
func failed(err error, left []string, cause error) error {
	switch {
	case len(left) > 0:
		return &LeftBehindError{Err: err, Left: left, Cause: cause}
	case input.Is(err), errors.Is(err, context.Canceled):
		return err
	default:
		return fmt.Errorf("%w; nothing was written", err)
	}
}

// writeNew stages the project beside the target and renames it into place.
func writeNew(ctx context.Context, target string, files []tree.File, opts Options) (err error) {
	parent, base := filepath.Split(target)
	if parent == "" {
		parent = "."
	}
	staging, err := os.MkdirTemp(parent, "."+base+".scaffold-")
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", target, errCause(err))
	}
	if lock := lockDir(staging); lock != nil {
		defer lock.Close() // after the clean-up below
	}
	defer func() {
		if err != nil {
			var left []string
			rmErr := os.RemoveAll(staging)
			if rmErr != nil {
				left = []string{staging}
			}
			err = failed(err, left, rmErr)
		}
	}()
	if err := stageFiles(ctx, staging, target, files); err != nil {
		return err
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", target, errCause(err))
	}
	if opts.beforeCommit != nil {
		if err := opts.beforeCommit(); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Rename(staging, target); err != nil {
		if errors.Is(err, fs.ErrExist) || isNotEmpty(err) {
			return raceErrorf("%s was created by someone else while scaffold was writing; nothing was written", target)
		}
		return fmt.Errorf("cannot move the project into %s: %w", target, errCause(err))
	}
	return nil
}

// writeInto adds files to an existing directory, never replacing anything,
// and takes its additions back if any step fails.
func writeInto(ctx context.Context, target string, files []tree.File, opts Options) (err error) {
	root, err := os.OpenRoot(target)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", target, errCause(err))
	}
	defer root.Close()
	if err := checkNoLinkedDirs(root, target, files); err != nil {
		return err
	}
	var clashes []string
	for _, f := range files {
		if _, err := root.Lstat(f.Path); err == nil {
			clashes = append(clashes, f.Path)
		} else if !errors.Is(err, fs.ErrNotExist) && !isNotDir(err) {
			return fmt.Errorf("cannot check %s: %w", filepath.Join(target, f.Path), errCause(err))
		}
	}
	if len(clashes) > 0 && !opts.Force {
		// The target was empty a moment ago: someone else is writing to it.
		// A race is the environment's doing, not a usage error (exit 1).
		return raceErrorf("%s is no longer empty (%s appeared while scaffold was preparing); nothing was written", target, summarize(clashes))
	}
	if len(clashes) > 0 {
		return input.Errorf("--force never overwrites, and %s already has %s; remove them or choose another --dir", target, summarize(clashes))
	}
	staging, err := os.MkdirTemp(target, ".scaffold-staging-")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", target, errCause(err))
	}
	if lock := lockDir(staging); lock != nil {
		defer lock.Close() // after the clean-up below
	}
	stagingName := filepath.Base(staging)
	var added, createdDirs []string
	defer func() {
		// The staging directory goes in every case; on failure, so does
		// everything this run added, newest first.
		var left []string
		var cause error
		if err != nil {
			for _, p := range added {
				if rmErr := root.Remove(p); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) {
					left, cause = append(left, filepath.Join(target, p)), rmErr
				}
			}
			for i := len(createdDirs) - 1; i >= 0; i-- {
				// A directory someone else has put files in since stays.
				if rmErr := root.Remove(createdDirs[i]); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) && !isNotEmpty(rmErr) && !errors.Is(rmErr, fs.ErrExist) {
					left, cause = append(left, filepath.Join(target, createdDirs[i])), rmErr
				}
			}
		}
		if rmErr := os.RemoveAll(staging); rmErr != nil {
			left, cause = append(left, staging), rmErr
		}
		switch {
		case err != nil:
			err = failed(err, left, cause)
		case len(left) > 0:
			err = &LeftBehindError{Err: fmt.Errorf("the project was written to %s", target), Left: left, Cause: cause}
		}
	}()
	if err := stageFiles(ctx, staging, target, files); err != nil {
		return err
	}
	if opts.beforeCommit != nil {
		if err := opts.beforeCommit(); err != nil {
			return err
		}
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := ensureDir(root, target, path.Dir(f.Path), &createdDirs); err != nil {
			return err
		}
		// A hard link fails if the name exists: no check-then-write race.
		if err := root.Link(path.Join(stagingName, f.Path), f.Path); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return raceErrorf("%s appeared in %s while scaffold was writing; nothing was changed", f.Path, target)
			}
			return fmt.Errorf("cannot add %s: %w", filepath.Join(target, f.Path), errCause(err))
		}
		added = append(added, f.Path)
	}
	// A signal that arrived while the last files were linked still undoes them:
	// the user asked to stop before scaffold said it was done.
	return ctx.Err()
}

// checkNoLinkedDirs refuses a target where a directory the project puts
// files in is already there as something else: a symbolic link (wherever it
// leads, scaffold never writes through one) or a file. It runs before
// anything is staged, so the target is not touched at all.
func checkNoLinkedDirs(root *os.Root, target string, files []tree.File) error {
	checked := map[string]bool{}
	for _, f := range files {
		elems := strings.Split(f.Path, "/")
		for i := 1; i < len(elems); i++ {
			dir := strings.Join(elems[:i], "/")
			if checked[dir] {
				continue
			}
			checked[dir] = true
			info, err := root.Lstat(dir)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				i = len(elems) // nothing below a missing directory exists either
			case err != nil:
				return fmt.Errorf("cannot check %s: %w", filepath.Join(target, dir), errCause(err))
			case info.Mode()&fs.ModeSymlink != 0:
				return input.Errorf("%s is a symbolic link, and the project puts files in %s/; scaffold never writes through a link: remove it or choose another --dir", filepath.Join(target, dir), dir)
			case !info.IsDir():
				return input.Errorf("%s exists and is not a directory; it is in the way of the project's files in %s/", filepath.Join(target, dir), dir)
			}
		}
	}
	return nil
}

// ensureDir creates dir (and its parents) under root, recording what it made.
func ensureDir(root *os.Root, target, dir string, created *[]string) error {
	if dir == "." {
		return nil
	}
	if err := ensureDir(root, target, path.Dir(dir), created); err != nil {
		return err
	}
	info, err := root.Lstat(dir)
	switch {
	case err == nil && info.IsDir():
		return nil
	case err == nil:
		return input.Errorf("%s exists and is not a directory; it is in the way of the project's files", filepath.Join(target, dir))
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot check %s: %w", filepath.Join(target, dir), errCause(err))
	}
	if err := root.Mkdir(dir, 0o755); err != nil {
		if info, lerr := root.Lstat(dir); errors.Is(err, fs.ErrExist) && lerr == nil && info.IsDir() {
			return nil // made by someone else just now (a concurrent scaffold): not ours to remove
		}
		return fmt.Errorf("cannot create directory %s: %w", filepath.Join(target, dir), errCause(err))
	}
	*created = append(*created, dir)
	return nil
}

// errCause strips the operation and path a *PathError or *LinkError adds
// ("openat .demo.scaffold-123/a/b: no space left on device"): scaffold's
// messages name the file themselves. errors.Is still sees the errno.
func errCause(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

func summarize(paths []string) string {
	sort.Strings(paths)
	if len(paths) > 5 {
		return strings.Join(paths[:5], ", ") + fmt.Sprintf(" and %d more", len(paths)-5)
	}
	return strings.Join(paths, ", ")
}

func isNotEmpty(err error) bool { return errors.Is(err, syscall.ENOTEMPTY) }

// isNotDir: a parent of the path is a file, so the path cannot exist either.
func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }

// ErrConcurrentWrite matches (errors.Is) the error of a write that lost to
// another process writing the same target at the same moment: the
// environment's doing, so not an input error (exit 1, not 2).
var ErrConcurrentWrite = errors.New("another process wrote the same target")

type raceError struct{ msg string }

func (e *raceError) Error() string        { return e.msg }
func (e *raceError) Is(target error) bool { return target == ErrConcurrentWrite }

func raceErrorf(format string, args ...any) error {
	return &raceError{fmt.Sprintf(format, args...)}
}
