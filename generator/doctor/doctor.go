// Package doctor owns the toolchain checks of `scaffold doctor`: whether this
// machine has the commands a framework's generated project needs, at the
// versions it needs. What a framework needs is data (the `requires` key of its
// manifest, a list of Requirement); this package finds each command on PATH,
// runs it to read its version and compares. It renders nothing and never
// changes what scaffold generates.
package doctor

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// Requirement is one toolchain a generated project needs.
type Requirement struct {
	// Tool is the name people know it by ("Node.js", "Maven").
	Tool string `yaml:"tool" json:"tool"`
	// Command is the executable looked up on PATH ("node", "mvn").
	Command string `yaml:"command" json:"command"`
	// VersionArgs make Command print its version (default: --version). The
	// first dotted number in the output (stdout and stderr) is the version.
	VersionArgs []string `yaml:"version_args" json:"version_args,omitempty"`
	// Min is the lowest version that works ("20.19"); empty: any.
	Min string `yaml:"min" json:"min,omitempty"`
	// For says when it is needed, if not always ("--docker"); such a
	// requirement missing does not make the framework unable to run.
	For string `yaml:"for" json:"for,omitempty"`
	// Install says how to get it.
	Install string `yaml:"install" json:"install"`
}

var (
	commandRe = lazyre.New(`^[A-Za-z0-9][A-Za-z0-9._+-]*$`)
	minRe     = lazyre.New(`^[0-9]+(\.[0-9]+)*$`)
	versionRe = lazyre.New(`[0-9]+(\.[0-9]+)+|[0-9]+`)
)

// Validate checks a requirement as a manifest declares it.
func (r Requirement) Validate() error {
	switch {
	case r.Tool == "" || r.Install == "":
		return fmt.Errorf("requires %q: tool and install are required", r.Command)
	case !commandRe.MatchString(r.Command):
		return fmt.Errorf("requires %q: command must be a plain executable name (no path, no spaces)", r.Command)
	case r.Min != "" && !minRe.MatchString(r.Min):
		return fmt.Errorf("requires %q: min %q is not a version like 3.10 or 17", r.Command, r.Min)
	}
	return nil
}

// Status of one check.
const (
	OK      = "ok"
	Missing = "missing"
	TooOld  = "too old"
	Unknown = "unknown" // found, but its version could not be read
)

// Result is one requirement checked on this machine.
type Result struct {
	Requirement
	Status  string `json:"status"`
	Path    string `json:"path,omitempty"`
	Version string `json:"version,omitempty"`
	// Detail says what went wrong reading the version, when Status is Unknown.
	Detail string `json:"detail,omitempty"`
}

// Blocking is true when this result alone means the project cannot run.
func (r Result) Blocking() bool {
	return r.For == "" && (r.Status == Missing || r.Status == TooOld)
}

// System is how the checks reach the machine; tests pass their own.
type System struct {
	LookPath func(string) (string, error)
	// Output runs a command and returns its combined output.
	Output func(ctx context.Context, path string, args ...string) ([]byte, error)
	// Timeout bounds each version command (default 15s: a cold JVM is slow).
	Timeout time.Duration
}

// Host is this machine.
func Host() System {
	return System{
		LookPath: exec.LookPath,
		Output: func(ctx context.Context, path string, args ...string) ([]byte, error) {
			cmd := exec.CommandContext(ctx, path, args...)
			cmd.WaitDelay = time.Second
			return cmd.CombinedOutput()
		},
	}
}

// Missing lists the requirements whose command is not on PATH, without
// running anything (cheap enough for every `scaffold new`). Optional ones
// (For set) are left out.
func (s System) Missing(reqs []Requirement) []Requirement {
	var out []Requirement
	for _, r := range reqs {
		if r.For != "" {
			continue
		}
		if _, err := s.LookPath(r.Command); err != nil {
			out = append(out, r)
		}
	}
	return out
}

// Check looks up and runs every requirement's command.
func (s System) Check(ctx context.Context, reqs []Requirement) []Result {
	out := make([]Result, 0, len(reqs))
	for _, r := range reqs {
		out = append(out, s.check(ctx, r))
	}
	return out
}

func (s System) check(ctx context.Context, r Requirement) Result {
	res := Result{Requirement: r}
	path, err := s.LookPath(r.Command)
	if err != nil {
		res.Status = Missing
		return res
	}
	res.Path = path
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 15 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := r.VersionArgs
	if len(args) == 0 {
		args = []string{"--version"}
	}
	output, err := s.Output(ctx, path, args...)
	res.Version = versionRe.FindString(string(output))
	switch {
	case res.Version == "" && err != nil:
		res.Status, res.Detail = Unknown, fmt.Sprintf("%s %s failed: %v", r.Command, strings.Join(args, " "), err)
	case res.Version == "":
		res.Status, res.Detail = Unknown, fmt.Sprintf("%s %s printed no version", r.Command, strings.Join(args, " "))
	case r.Min != "" && Compare(res.Version, r.Min) < 0:
		res.Status = TooOld
	default:
		res.Status = OK
	}
	return res
}

// Compare compares dotted numeric versions: -1, 0 or 1. Missing parts are
// zero ("3.10" == "3.10.0"); a part that is not a number counts as zero.
func Compare(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) || i < len(bs); i++ {
		x, y := part(as, i), part(bs, i)
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func part(parts []string, i int) int {
	if i >= len(parts) {
		return 0
	}
	n, err := strconv.Atoi(parts[i])
	if err != nil {
		return 0
	}
	return n
}

// ErrCannotRun is returned (wrapped) when a framework asked for lacks a
// toolchain it needs.
var ErrCannotRun = errors.New("this machine cannot run the generated project")
