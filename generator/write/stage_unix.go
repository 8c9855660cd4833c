//go:build unix

package write

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/scaffold-cli/scaffold/generator/tree"
	"golang.org/x/sys/unix"
)

// stageFiles writes every file under dir, a directory this process has just
// made (staging is always a fresh MkdirTemp), checking for cancellation
// between files so that Ctrl-C stops promptly. Errors name the file as it
// would be in target: the staging directory is scaffold's business.
//
// It works on directory descriptors, as os.Root does inside: each directory is
// made and opened once, one path element at a time relative to its parent's
// descriptor, with O_NOFOLLOW; each file is created relative to its
// directory's descriptor with O_CREAT|O_EXCL|O_NOFOLLOW. So no path can leave
// dir, symlinks included. What it skips is what os.Root and os.File cost per
// file: reopening every parent directory for each file and for MkdirAll, and
// registering each file with the runtime poller (four fcntl and an epoll_ctl
// that fails for regular files). A file costs openat, write and close, as
// with cp.
func stageFiles(ctx context.Context, dir, target string, files []tree.File) error {
	rootFD, err := retryEINTR(func() (int, error) {
		return unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", target, err)
	}
	dirs := &dirFDs{fds: map[string]int{".": rootFD}}
	defer dirs.closeAll()
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := path.Dir(f.Path)
		dirFD, err := dirs.open(d)
		if err != nil {
			return fmt.Errorf("cannot create directory %s: %w", filepath.Join(target, d), errCause(err))
		}
		fd, err := retryEINTR(func() (int, error) {
			return unix.Openat(dirFD, path.Base(f.Path), unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, uint32(f.Mode.Perm()))
		})
		if err != nil {
			return fmt.Errorf("cannot create %s: %w", filepath.Join(target, f.Path), err)
		}
		werr := writeAll(fd, f.Data)
		cerr := unix.Close(fd)
		if err := errors.Join(werr, cerr); err != nil {
			return fmt.Errorf("cannot write %s: %w", filepath.Join(target, f.Path), err)
		}
	}
	return nil
}

// dirFDs holds the open descriptors of the directories on the way to the
// current file. Generate sorts files by path, so a directory's files come
// together: a directory left behind is closed (and reopened, should an
// unsorted list come back to it), and at most the depth of the tree is open.
type dirFDs struct {
	fds map[string]int // "." is the staging directory itself
}

func (s *dirFDs) open(d string) (int, error) {
	if fd, ok := s.fds[d]; ok {
		return fd, nil
	}
	s.closeOutside(d)
	parent, err := s.open(path.Dir(d))
	if err != nil {
		return -1, err
	}
	name := path.Base(d)
	if _, err := retryEINTR(func() (int, error) { return 0, unix.Mkdirat(parent, name, 0o755) }); err != nil && err != unix.EEXIST {
		return -1, &fs.PathError{Op: "mkdirat", Path: d, Err: err}
	}
	fd, err := retryEINTR(func() (int, error) {
		return unix.Openat(parent, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return -1, &fs.PathError{Op: "openat", Path: d, Err: err}
	}
	s.fds[d] = fd
	return fd, nil
}

// closeOutside closes every directory that is not d or one of its parents.
func (s *dirFDs) closeOutside(d string) {
	for open, fd := range s.fds {
		if open != "." && open != d && !strings.HasPrefix(d, open+"/") {
			unix.Close(fd)
			delete(s.fds, open)
		}
	}
}

func (s *dirFDs) closeAll() {
	for _, fd := range s.fds {
		unix.Close(fd)
	}
}

func writeAll(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

func retryEINTR(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != unix.EINTR {
			return n, err
		}
	}
}
