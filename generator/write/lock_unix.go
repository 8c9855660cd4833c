//go:build unix

package write

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive lock on dir, held until the returned file is
// closed or the process ends: it marks a staging directory as being written.
// Where the file system has no locks it returns nil, and the run goes on
// unmarked (a later run then cannot take the lock either, so it only names
// the directory).
func lockDir(dir string) *os.File {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	if _, err := retryEINTR(func() (int, error) { return 0, unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }); err != nil {
		f.Close()
		return nil
	}
	return f
}

// unlocked reports whether dir's lock is free, that is no running process
// is writing there; known is false when that cannot be found out.
func unlocked(dir string) (abandoned, known bool) {
	f, err := os.Open(dir)
	if err != nil {
		return false, false
	}
	defer f.Close() // closing drops a lock taken here
	_, err = retryEINTR(func() (int, error) { return 0, unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) })
	switch err {
	case nil:
		return true, true
	case unix.EWOULDBLOCK:
		return false, true
	}
	return false, false
}
