// Package cli is scaffold's command line: flags, prompts and printing. All
// the work is done by package generator.
package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// Exit codes.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// usageError is a mistake in how scaffold was called (exit 2).
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// Main runs scaffold with args and returns the process exit code.
func Main(args []string, io *IO) int {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		fmt.Fprintf(io.Err, "scaffold: broken built-in templates: %v\n", err)
		return ExitFailure
	}
	return mainWith(args, io, catalog)
}

// mainWith is Main with the frameworks given, so tests can bring their own.
func mainWith(args []string, io *IO, catalog *generator.Catalog) int {
	root := newRootCmd(io, catalog)
	if args == nil {
		args = []string{} // nil would make cobra read os.Args
	}
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(io.Err, "scaffold: %s\n", oneLine(err.Error()))
	return exitCode(err)
}

// oneLine folds cobra's multi-line "Did you mean this?" into our one-line
// style: what was wrong, then what to do.
func oneLine(msg string) string {
	head, suggestions, found := strings.Cut(msg, "\n\nDid you mean this?\n")
	if !found {
		return strings.TrimSpace(msg)
	}
	var names []string
	for _, s := range strings.Fields(suggestions) {
		names = append(names, fmt.Sprintf("%q", s))
	}
	return fmt.Sprintf("%s (did you mean %s?); run \"scaffold --help\"", head, strings.Join(names, " or "))
}

func exitCode(err error) int {
	var ue *usageError
	switch {
	case errors.Is(err, ErrInterrupted), errors.Is(err, context.Canceled):
		return ExitInterrupted
	case errors.As(err, &ue), generator.IsInputError(err), isCobraUsageError(err):
		return ExitUsage
	default:
		return ExitFailure
	}
}

// isCobraUsageError recognises the errors cobra returns itself, before any
// of our code runs (it has no typed errors for these).
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires ", "invalid argument", "flag needs an argument"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

func newRootCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	root := &cobra.Command{
		Use:   "scaffold",
		Short: "Generate working starter projects for backend frameworks",
		Long: `scaffold generates idiomatic starter projects that build, pass their own tests and
answer HTTP the moment they exist. Run "scaffold list" to see the frameworks.`,
		Example:       "  scaffold new myapp --framework=gin\n  scaffold describe django",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       generator.Version,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetVersionTemplate("scaffold {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.AddCommand(
		newNewCmd(io, catalog),
		newListCmd(io, catalog),
		newDescribeCmd(io, catalog),
		newVersionCmd(io),
	)
	return root
}

func newVersionCmd(io *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print scaffold's version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(io.Out, "scaffold %s\n", generator.Version)
			return nil
		},
	}
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%q takes no arguments (got %q)", cmd.CommandPath(), strings.Join(args, " "))
	}
	return nil
}
