//go:build !unix

package write

import "os"

// lockDir is a no-op here: without flock, a staging directory cannot be
// marked as being written (removeStale then only names old ones).
func lockDir(dir string) *os.File { return nil }

// unlocked cannot tell here whether a run is still writing in dir.
func unlocked(dir string) (abandoned, known bool) { return false, false }
