//go:build !windows

// The survey adapter is the only code that talks to a terminal, so it alone
// is tested on a pseudo-terminal; the flow above it uses a fake Prompter.
// survey asks the terminal where its cursor is (ESC[6n) and waits for the
// answer on stdin, so a plain pipe is not enough: vt10x emulates the screen
// and answers, through a second pty whose output go-expect feeds back in.

package cli

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	expect "github.com/Netflix/go-expect"
	"github.com/creack/pty"
	"github.com/hinshun/vt10x"
	"github.com/scaffold-cli/scaffold/generator/names"
	"golang.org/x/term"
)

const (
	// expectTimeout bounds each wait for output from the prompt.
	expectTimeout = 5 * time.Second
	// promptTimeout bounds a whole prompt, so a broken one fails the test
	// instead of hanging CI.
	promptTimeout = 15 * time.Second
)

// ptyRun is what a prompt did on the pseudo-terminal.
type ptyRun struct {
	value any
	err   error
	// termRestored is whether the tty's modes after the prompt equal those
	// before it (survey switches it to raw mode while asking).
	termRestored bool
	// cursorVisible is the emulated terminal's cursor after the prompt.
	cursorVisible bool
	screen        string
}

// onPty runs ask with the survey Prompter on a pseudo-terminal while user
// plays the person at the keyboard.
func onPty(t *testing.T, user func(u *ptyUser) error, ask func(Prompter) (any, error)) ptyRun {
	t.Helper()
	ptm, pts, err := pty.Open()
	if err != nil {
		t.Fatalf("pty.Open: %v", err)
	}
	vt := vt10x.New(vt10x.WithWriter(pts))
	c, err := expect.NewConsole(expect.WithStdin(ptm), expect.WithStdout(vt),
		expect.WithCloser(ptm, pts), expect.WithDefaultTimeout(expectTimeout))
	if err != nil {
		t.Fatalf("expect.NewConsole: %v", err)
	}
	defer c.Close()
	tty := c.Tty()
	before, err := term.GetState(int(tty.Fd()))
	if err != nil {
		t.Fatalf("term.GetState: %v", err)
	}

	userDone := make(chan error, 1)
	go func() {
		if err := user(&ptyUser{c, before}); err != nil {
			userDone <- err
			return
		}
		_, err := c.ExpectEOF() // drains the rest of the output until the tty closes
		userDone <- err
	}()
	type answer struct {
		value any
		err   error
	}
	answered := make(chan answer, 1)
	go func() {
		v, err := ask(NewSurveyPrompter(tty, tty, tty))
		answered <- answer{v, err}
	}()

	screen := func() string { return strings.TrimRight(vt.String(), "\n ") }
	var run ptyRun
	select {
	case a := <-answered:
		run.value, run.err = a.value, a.err
	case err := <-userDone:
		tty.Close()
		t.Fatalf("the prompt did not go as the user expected: %v\nscreen:\n%s", err, screen())
	case <-time.After(promptTimeout):
		tty.Close()
		t.Fatalf("the prompt did not return within %v\nscreen:\n%s", promptTimeout, screen())
	}
	after, err := term.GetState(int(tty.Fd()))
	if err != nil {
		t.Fatalf("term.GetState: %v", err)
	}
	run.termRestored = reflect.DeepEqual(before, after)
	tty.Close() // lets the user's ExpectEOF finish once all output is read
	select {
	case err := <-userDone:
		if err != nil {
			t.Fatalf("user: %v\nscreen:\n%s", err, screen())
		}
	case <-time.After(promptTimeout):
		t.Fatalf("the output did not end within %v\nscreen:\n%s", promptTimeout, screen())
	}
	vt.Lock()
	run.cursorVisible = vt.CursorVisible()
	vt.Unlock()
	run.screen = screen()
	return run
}

// ptyUser is the person at the keyboard.
type ptyUser struct {
	*expect.Console
	// cooked is the tty's state outside a prompt.
	cooked *term.State
}

// steps plays a sequence of expectations and keystrokes, stopping at the
// first expectation that is not met.
type steps []func(u *ptyUser) error

func (s steps) play(u *ptyUser) error {
	for _, step := range s {
		if err := step(u); err != nil {
			return err
		}
	}
	return nil
}

// see waits for text to be printed, whatever colours survey puts between
// its characters.
func see(text string) func(u *ptyUser) error {
	var re strings.Builder
	for _, r := range text {
		re.WriteString(regexp.QuoteMeta(string(r)) + `(?:\x1b\[[0-9;]*m)*`)
	}
	pattern := regexp.MustCompile(re.String())
	return func(u *ptyUser) error {
		if _, err := u.Expect(expect.Regexp(pattern)); err != nil {
			return fmt.Errorf("waiting for %q: %w", text, err)
		}
		return nil
	}
}

// typeKeys types keys once the prompt reads the keyboard. survey prints
// its question before it switches the tty to raw mode; keys typed in that
// gap meet the cooked line discipline, which turns ^C into a signal (to no
// one: the test does not own the tty) and the key is lost.
func typeKeys(keys string) func(u *ptyUser) error {
	return func(u *ptyUser) error {
		deadline := time.Now().Add(expectTimeout)
		for {
			now, err := term.GetState(int(u.Tty().Fd()))
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(now, u.cooked) {
				break // raw: the prompt is reading
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("the tty was not switched to raw mode within %v", expectTimeout)
			}
			time.Sleep(time.Millisecond)
		}
		_, err := u.Send(keys)
		return err
	}
}

const (
	keyEnter     = "\r"
	keyArrowDown = "\x1b[B"
	keyCtrlC     = "\x03"
)

func TestSurveyInputValidationErrorThenCorrection(t *testing.T) {
	run := onPty(t, steps{
		see("Project name:"),
		typeKeys(keyEnter), // empty: survey.Required
		see("Value is required"),
		typeKeys("1bad" + keyEnter),
		see(`project name "1bad" is not usable`),
		typeKeys("myapp" + keyEnter),
	}.play, func(p Prompter) (any, error) {
		return p.Input("Project name:", "a directory of this name is created", "", names.CheckProjectName)
	})
	if run.err != nil || run.value != "myapp" {
		t.Fatalf("Input = %q, %v; want \"myapp\", nil\nscreen:\n%s", run.value, run.err, run.screen)
	}
	if !strings.Contains(run.screen, "Project name: myapp") {
		t.Errorf("the screen does not show the answer:\n%s", run.screen)
	}
}

func TestSurveyInputAcceptsDefaultAndShowsHelp(t *testing.T) {
	run := onPty(t, steps{
		see("Go module path: [? for help] (example.com/shop)"),
		typeKeys("?" + keyEnter),
		see("the module path in go.mod"),
		typeKeys(keyEnter),
	}.play, func(p Prompter) (any, error) {
		return p.Input("Go module path:", "the module path in go.mod", "example.com/shop", func(s string) error {
			return names.CheckGoModulePath(s)
		})
	})
	if run.err != nil || run.value != "example.com/shop" {
		t.Fatalf("Input = %q, %v; want the default\nscreen:\n%s", run.value, run.err, run.screen)
	}
}

func TestSurveySelectArrowKey(t *testing.T) {
	run := onPty(t, steps{
		see("Framework:"),
		see("gin - Gin 1.12.0 — fast HTTP web framework for Go"),
		see("plain - Plain 1.0"),
		typeKeys(keyArrowDown),
		typeKeys(keyEnter),
	}.play, func(p Prompter) (any, error) {
		return p.Select("Framework:", "", []string{"demo", "gin", "plain"},
			[]string{"Demo 0.1 — for tests", "Gin 1.12.0 — fast HTTP web framework for Go", "Plain 1.0 — no framework"}, "demo")
	})
	if run.err != nil || run.value != "gin" {
		t.Fatalf("Select = %q, %v; want \"gin\" (one below the default)\nscreen:\n%s", run.value, run.err, run.screen)
	}
	if !strings.Contains(run.screen, "Framework: gin") {
		t.Errorf("the screen does not show the choice:\n%s", run.screen)
	}
}

func TestSurveySelectAcceptsDefault(t *testing.T) {
	for _, tt := range []struct{ def, want string }{{"sqlite", "sqlite"}, {"", "none"}} {
		run := onPty(t, steps{
			see("Database:"),
			see("postgres"),
			typeKeys(keyEnter),
		}.play, func(p Prompter) (any, error) {
			return p.Select("Database:", "", []string{"none", "postgres", "sqlite"}, nil, tt.def)
		})
		if run.err != nil || run.value != tt.want {
			t.Errorf("Select with default %q = %q, %v; want %q\nscreen:\n%s", tt.def, run.value, run.err, tt.want, run.screen)
		}
	}
}

func TestSurveyConfirm(t *testing.T) {
	for _, tt := range []struct {
		def   bool
		keys  string
		shown string
		want  bool
	}{
		{def: true, keys: keyEnter, shown: "(Y/n)", want: true},
		{def: false, keys: keyEnter, shown: "(y/N)", want: false},
		{def: true, keys: "n" + keyEnter, shown: "(Y/n)", want: false},
	} {
		run := onPty(t, steps{
			see("Add a Dockerfile? [? for help] " + tt.shown),
			typeKeys(tt.keys),
		}.play, func(p Prompter) (any, error) {
			return p.Confirm("Add a Dockerfile?", "multi-stage Dockerfile", tt.def)
		})
		if run.err != nil || run.value != tt.want {
			t.Errorf("Confirm(default %v) after %q = %v, %v; want %v\nscreen:\n%s", tt.def, tt.keys, run.value, run.err, tt.want, run.screen)
		}
	}
}

// TestSurveyCtrlC: ^C arrives as a byte in raw mode; every kind of prompt
// must return ErrInterrupted (exit 130) and leave the terminal as it found
// it: cooked mode back, cursor visible.
func TestSurveyCtrlC(t *testing.T) {
	asks := map[string]func(Prompter) (any, error){
		"input": func(p Prompter) (any, error) {
			return p.Input("Project name:", "", "", names.CheckProjectName)
		},
		"select": func(p Prompter) (any, error) {
			return p.Select("Project name:", "", []string{"a", "b"}, nil, "")
		},
		"confirm": func(p Prompter) (any, error) {
			return p.Confirm("Project name:", "", false)
		},
	}
	for _, kind := range []string{"input", "select", "confirm"} {
		t.Run(kind, func(t *testing.T) {
			run := onPty(t, steps{see("Project name:"), typeKeys("x" + keyCtrlC)}.play, asks[kind])
			if !errors.Is(run.err, ErrInterrupted) {
				t.Errorf("err = %v, want ErrInterrupted", run.err)
			}
			if !run.termRestored {
				t.Errorf("the terminal's modes differ after ^C (left in raw mode?)")
			}
			if !run.cursorVisible {
				t.Errorf("the cursor is hidden after ^C\nscreen:\n%s", run.screen)
			}
		})
	}
}

const keyCtrlD = "\x04"

// TestSurveyCtrlD: Ctrl-D is an interrupt at every prompt (exit 130), as at
// a shell. survey alone took it for Enter: a Select whose filter matched
// nothing panicked (index out of range), and an empty required Input looped
// on "Value is required".
func TestSurveyCtrlD(t *testing.T) {
	tests := map[string]struct {
		keys string
		ask  func(Prompter) (any, error)
	}{
		"select with a filter matching nothing": {"zzz" + keyCtrlD, func(p Prompter) (any, error) {
			return p.Select("Framework:", "", []string{"gin", "rails"}, []string{"Gin", "Rails"}, "")
		}},
		"select": {keyCtrlD, func(p Prompter) (any, error) {
			return p.Select("Framework:", "", []string{"gin", "rails"}, nil, "rails")
		}},
		"empty required input": {keyCtrlD, func(p Prompter) (any, error) {
			return p.Input("Framework:", "", "", names.CheckProjectName)
		}},
		"input with text": {"abc" + keyCtrlD, func(p Prompter) (any, error) {
			return p.Input("Framework:", "", "", names.CheckProjectName)
		}},
		"confirm": {keyCtrlD, func(p Prompter) (any, error) {
			return p.Confirm("Framework:", "", true)
		}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			run := onPty(t, steps{see("Framework:"), typeKeys(tt.keys)}.play, tt.ask)
			if !errors.Is(run.err, ErrInterrupted) {
				t.Errorf("value %v, err = %v; want ErrInterrupted\nscreen:\n%s", run.value, run.err, run.screen)
			}
			if strings.Contains(run.screen, "Value is required") {
				t.Errorf("Ctrl-D was taken for an empty answer:\n%s", run.screen)
			}
			if !run.termRestored || !run.cursorVisible {
				t.Errorf("terminal not restored (modes %v, cursor %v)", run.termRestored, run.cursorVisible)
			}
		})
	}
}
