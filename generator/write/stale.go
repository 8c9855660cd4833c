package write

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// Staging directories a killed run left behind. Every run holds a lock on
// its staging directory while it writes (lockDir); the kernel drops the lock
// when the process ends, however it ends (kill -9 included). A later run
// into the same target removes a staging directory of that target whose lock
// it can take: no process is writing there any more. A directory younger
// than staleAfter stays in any case, since its run may not have locked it
// yet. Where locks cannot be taken (not unix), the directories are named in
// a note instead.

// staleAfter is how old a staging directory must be before a run may take
// it for abandoned.
var staleAfter = 2 * time.Second

// stagingBeside matches the staging directories of a new target named base,
// made beside it by writeNew (os.MkdirTemp's random part is decimal digits).
func stagingBeside(base string) *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `\.scaffold-[0-9]+$`)
}

// stagingInside matches the staging directories writeInto makes inside an
// existing target.
var stagingInside = lazyre.New(`^\.scaffold-staging-[0-9]+$`)

// removeStale removes the abandoned staging directories of target: those
// beside it (for a target still to be made) and those inside it (for an
// existing one). What it removes, or finds and cannot prove abandoned on a
// system without locks, it reports through opts.Notef.
func removeStale(target string, opts Options) {
	parent, base := filepath.Split(target)
	if parent == "" {
		parent = "."
	}
	if base != "" && base != "." && base != ".." {
		removeStaleIn(parent, stagingBeside(base), opts)
	}
	if info, err := os.Lstat(target); err == nil && info.IsDir() {
		removeStaleIn(target, stagingInside.Regexp(), opts)
	}
}

func removeStaleIn(dir string, pattern *regexp.Regexp, opts Options) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return // inspectTarget says what is wrong with the directory
	}
	var unproven []string
	for _, e := range entries {
		if !e.IsDir() || !pattern.MatchString(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < staleAfter {
			continue
		}
		switch abandoned, known := unlocked(p); {
		case !known:
			unproven = append(unproven, p)
		case abandoned:
			if err := os.RemoveAll(p); err != nil {
				opts.notef("%s was left by a scaffold run that ended while writing; scaffold could not remove it (%v): delete it by hand", p, errCause(err))
				continue
			}
			opts.notef("removed %s, left by a scaffold run that ended while writing", p)
		}
	}
	if len(unproven) > 0 {
		opts.notef("%s may be left by a scaffold run that ended while writing; if no scaffold is running, delete %s", strings.Join(unproven, ", "), them(len(unproven)))
	}
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func (o Options) notef(format string, args ...any) {
	if o.Notef != nil {
		o.Notef(format, args...)
	}
}
