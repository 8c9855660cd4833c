package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
	"golang.org/x/term"
)

// Prompter asks one question at a time. It is the only thing that knows about
// the prompt library (survey/v2, which is unmaintained), so replacing it
// touches this file alone.
type Prompter interface {
	// Input asks for text; validate runs on every answer, and its error is
	// shown inline until the answer passes.
	Input(message, help, def string, validate func(string) error) (string, error)
	// Select asks for one of options; descriptions may be nil, and def ""
	// starts on the first option.
	Select(message, help string, options, descriptions []string, def string) (string, error)
	// Confirm asks yes or no.
	Confirm(message, help string, def bool) (bool, error)
}

// ErrInterrupted is returned by a Prompter when the user presses Ctrl-C.
var ErrInterrupted = errors.New("interrupted")

type surveyPrompter struct {
	stdio terminal.Stdio
}

// NewSurveyPrompter returns the survey-backed Prompter on the given terminal.
func NewSurveyPrompter(in terminal.FileReader, out terminal.FileWriter, errOut *os.File) Prompter {
	return &surveyPrompter{stdio: terminal.Stdio{In: eofIsInterrupt{in}, Out: out, Err: errOut}}
}

// eofIsInterrupt makes Ctrl-D at a prompt what it is at a shell: the end,
// as Ctrl-C is. survey takes it for Enter: an empty required answer then
// loops on "Value is required", and a Select whose filter hides every
// option indexes an empty list and panics.
type eofIsInterrupt struct{ terminal.FileReader }

func (r eofIsInterrupt) Read(p []byte) (int, error) {
	n, err := r.FileReader.Read(p)
	for i := range p[:n] {
		if p[i] == terminal.KeyEndTransmission { // never inside a UTF-8 sequence
			p[i] = terminal.KeyInterrupt
		}
	}
	return n, err
}

func (p *surveyPrompter) ask(prompt survey.Prompt, answer any, opts ...survey.AskOpt) (err error) {
	// survey is unmaintained: whatever else in it panics is an error, never
	// a stack trace in front of the user.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the prompt failed (%v); give the values as flags instead (see \"scaffold new --help\")", r)
		}
	}()
	if state, err := term.GetState(int(p.stdio.In.Fd())); err == nil {
		activePrompt.Store(&promptTerminal{fd: int(p.stdio.In.Fd()), state: state, out: p.stdio.Out})
		defer activePrompt.Store(nil)
	}
	opts = append(opts, survey.WithStdio(p.stdio.In, p.stdio.Out, p.stdio.Err))
	err = survey.AskOne(prompt, answer, opts...)
	if errors.Is(err, terminal.InterruptErr) {
		return ErrInterrupted
	}
	return err
}

func (p *surveyPrompter) Input(message, help, def string, validate func(string) error) (string, error) {
	var answer string
	opts := []survey.AskOpt{survey.WithValidator(survey.Required)}
	if validate != nil {
		opts = append(opts, survey.WithValidator(func(v any) error {
			s, _ := v.(string)
			return validate(s)
		}))
	}
	err := p.ask(&survey.Input{Message: message, Help: help, Default: def}, &answer, opts...)
	return answer, err
}

func (p *surveyPrompter) Select(message, help string, options, descriptions []string, def string) (string, error) {
	var answer string
	q := &survey.Select{Message: message, Help: help, Options: options}
	if def != "" {
		q.Default = def // survey refuses a string default that is not an option, "" included
	}
	if descriptions != nil {
		q.Description = func(_ string, i int) string { return descriptions[i] }
	}
	// Required: survey returns "" when filtering hides every option (#205).
	err := p.ask(q, &answer, survey.WithValidator(survey.Required))
	return answer, err
}

func (p *surveyPrompter) Confirm(message, help string, def bool) (bool, error) {
	answer := def
	err := p.ask(&survey.Confirm{Message: message, Help: help, Default: def}, &answer)
	return answer, err
}

// promptTerminal is the terminal of the prompt being asked, as it was
// before survey made it raw.
type promptTerminal struct {
	fd    int
	state *term.State
	out   io.Writer
}

var activePrompt atomic.Pointer[promptTerminal]

// endPrompt runs on SIGINT or SIGTERM (from outside: Ctrl-C in raw mode is a
// key, not a signal). While a prompt blocks reading the keyboard nothing
// else would notice, so it puts the terminal back as it was, shows the
// cursor and exits 130. Outside a prompt the commands see their context end.
func endPrompt(io *IO) {
	pt := activePrompt.Load()
	if pt == nil {
		return
	}
	_ = term.Restore(pt.fd, pt.state)
	fmt.Fprint(pt.out, "\x1b[?25h\r\n") // the cursor survey hid
	fmt.Fprintln(io.Err, "scaffold: interrupted; nothing was written")
	os.Exit(ExitInterrupted)
}
