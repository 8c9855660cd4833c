package cli

import (
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/scaffold-cli/scaffold/generator/doctor"
)

// IO is where the CLI reads and writes, and whether it may ask questions.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// Interactive is true when stdin and stdout are both terminals: only then
	// may a prompt be shown (survey reads stdin for cursor replies, and
	// ignores defaults without a terminal).
	Interactive bool
	// Prompter asks the questions when Interactive; tests pass a fake.
	Prompter Prompter
	// System is how `scaffold doctor` and `new` look for toolchains; nil
	// is this machine (tests pass a fake).
	System *doctor.System
}

func (io *IO) system() doctor.System {
	if io.System != nil {
		return *io.System
	}
	return doctor.Host()
}

// SystemIO is the process's own standard streams.
func SystemIO() *IO {
	interactive := term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd()))
	return &IO{
		In:          os.Stdin,
		Out:         os.Stdout,
		Err:         os.Stderr,
		Interactive: interactive,
		Prompter:    NewSurveyPrompter(os.Stdin, os.Stdout, os.Stderr),
	}
}

// errWriter keeps the first write error, so a command that prints many lines
// can report a full disk or a closed pipe once, at the end (stdout redirected
// to /dev/full must fail, not exit 0 having printed nothing).
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = fmt.Errorf("writing the output: %w", err)
	}
	return n, err
}
