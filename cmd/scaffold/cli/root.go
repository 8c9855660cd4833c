// Package cli is scaffold's command line: flags, prompts and printing. All
// the work is done by package generator.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/templates"
	"github.com/spf13/cobra"
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
	// First thing: from here on a SIGINT or SIGTERM ends scaffold through its
	// own path (exit 130; a write under way is undone), not by the default
	// action (a signal before this line still gives 130 or 143: see README).
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-sigs:
			cancel()
			endPrompt(io)
		case <-ctx.Done():
		}
	}()
	generator.Version = readBuildInfo().Version
	// Only the framework asked for is loaded whole (Lazy), without the e2e
	// sections no command reads: loading every manifest was most of a run.
	catalog, err := generator.LoadCatalog(templates.FS, generator.WithoutE2E(), generator.Lazy())
	if err != nil {
		fmt.Fprintf(io.Err, "scaffold: broken built-in templates: %v\n", err)
		return ExitFailure
	}
	// --templates must be known before the commands are built: every option
	// of every framework becomes a flag of `new`.
	if dir, given, err := templatesFlag(args); err != nil {
		fmt.Fprintf(io.Err, "scaffold: %v\n", err)
		return ExitUsage
	} else if given {
		if err := addTemplatesDir(catalog, dir); err != nil {
			fmt.Fprintf(io.Err, "scaffold: %v\n", err)
			return exitCode(err)
		}
	}
	addLocalTemplates(catalog, args, io)
	return mainWithContext(ctx, args, io, catalog)
}

// addLocalTemplates adds the templates the user keeps in their config
// directory. Each one that has the name of a built-in framework is named in
// a warning (the built-in wins), except the one `new --template DIR` gives
// explicitly; none is printed while the shell completes a word.
func addLocalTemplates(catalog *generator.Catalog, args []string, io *IO) {
	completing := len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd)
	dir, err := generator.LocalTemplatesDir()
	if err != nil {
		if !completing {
			fmt.Fprintf(io.Err, "scaffold: warning: no local templates: %v\n", err)
		}
		return
	}
	shadowed, err := catalog.AddLocal(dir)
	if completing {
		return
	}
	if err != nil {
		fmt.Fprintf(io.Err, "scaffold: warning: %v\n", err)
	}
	explicit := ""
	if tdir, given, _ := flagValue(args, "template"); given && isNewCommand(args) {
		explicit, _ = filepath.Abs(tdir)
	}
	for _, s := range shadowed {
		if abs, _ := filepath.Abs(s.Dir); abs != explicit {
			fmt.Fprintf(io.Err, "scaffold: %s\n", s.Warning())
		}
	}
}

// mainWith is Main with the frameworks given, so tests can bring their own.
func mainWith(args []string, io *IO, catalog *generator.Catalog) int {
	return mainWithContext(context.Background(), args, io, catalog)
}

func mainWithContext(ctx context.Context, args []string, io *IO, catalog *generator.Catalog) int {
	// new --template DIR: the template's options become flags of new, so it
	// is loaded before the commands are built, and wins over a built-in
	// framework of the same name (the user named it).
	if isNewCommand(args) {
		if dir, given, err := flagValue(args, "template"); err != nil {
			fmt.Fprintf(io.Err, "scaffold: %v\n", err)
			return ExitUsage
		} else if given {
			if _, err := loadTemplate(ctx, catalog, dir); err != nil {
				fmt.Fprintf(io.Err, "scaffold: %s\n", oneLine(err.Error()))
				return exitCode(err)
			}
		}
	}
	root := newRootCmd(io, catalog)
	if len(args) > 1 && args[0] == cobra.ShellCompRequestCmd && args[1] == "new" {
		if fw := completedFramework(args[2:]); fw != "" {
			if newCmd, _, err := root.Find([]string{"new"}); err == nil {
				hideOtherFrameworksFlags(newCmd, catalog, fw)
			}
		}
	}
	if args == nil {
		args = []string{} // nil would make cobra read os.Args
	}
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
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
	case errors.As(err, &ue), input.Is(err), isCobraUsageError(err):
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

// templatesFlag finds --templates DIR (or --templates=DIR) among args,
// before "--".
func templatesFlag(args []string) (dir string, given bool, err error) {
	return flagValue(args, "templates")
}

// isNewCommand tells whether args run `scaffold new` (or complete it).
func isNewCommand(args []string) bool {
	if len(args) > 0 && args[0] == cobra.ShellCompRequestCmd {
		args = args[1:]
	}
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a == "new"
		}
	}
	return false
}

// loadTemplate loads the custom template in dir, or in the git repository
// it names (see generator.IsGitTemplate), into the catalog (once: a second
// call finds it there).
func loadTemplate(ctx context.Context, catalog *generator.Catalog, dir string) (*generator.Manifest, error) {
	if m, ok := catalog.BySource(dir); ok {
		return m, nil
	}
	var m *generator.Manifest
	var err error
	if generator.IsGitTemplate(dir) {
		m, err = generator.LoadGitTemplate(ctx, dir)
	} else {
		m, err = generator.LoadTemplateDir(dir)
	}
	if err != nil {
		if local, ok := catalog.LocalDir(dir); ok {
			if _, statErr := os.Stat(dir); statErr != nil {
				// --template takes a directory; local templates go by name.
				return nil, usagef("--template %s: no such directory; to use your local template %s (%s), give --framework %s", dir, dir, local, dir)
			}
		}
		return nil, err
	}
	catalog.Put(m)
	return m, nil
}

// flagValue finds --NAME VALUE (or --NAME=VALUE) among args, before "--".
func flagValue(args []string, name string) (dir string, given bool, err error) {
	flag := "--" + name
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		var value string
		switch {
		case strings.HasPrefix(a, flag+"="):
			value = strings.TrimPrefix(a, flag+"=")
		case a == flag:
			if i+1 >= len(args) {
				return "", false, usagef("flag needs an argument: %s", flag)
			}
			i++
			value = args[i]
		default:
			continue
		}
		if given {
			return "", false, usagef("%s is given twice (%q, then %q); give it once", flag, dir, value)
		}
		dir, given = value, true
	}
	if given && dir == "" {
		return "", false, usagef("%s needs a directory", flag)
	}
	return dir, given, nil
}

// addTemplatesDir adds the frameworks of a templates directory on disk (laid
// out like scaffold's own templates/: <framework>/manifest.yaml and files/).
// It is for template authors trying a framework before it is built in, and
// for tests that need templates scaffold does not ship.
func addTemplatesDir(catalog *generator.Catalog, dir string) error {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return usagef("--templates %s: not a directory", dir)
	}
	extra, err := generator.LoadCatalog(os.DirFS(dir))
	if err != nil {
		return fmt.Errorf("--templates %s: %w", dir, err)
	}
	if len(extra.Names()) == 0 {
		return usagef("--templates %s: no framework there (a framework is a directory holding %s)", dir, generator.ManifestFile)
	}
	if err := catalog.Add(extra); err != nil {
		return fmt.Errorf("--templates %s: %w", dir, err)
	}
	return nil
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
		Version:       readBuildInfo().Version,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetVersionTemplate("scaffold {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	// Read by Main before the commands exist (see templatesFlag); declared
	// here so that cobra accepts it anywhere on the command line.
	var templatesDir string
	root.PersistentFlags().StringVar(&templatesDir, "templates", "", "also load the frameworks of this templates directory (for template authors)")
	_ = root.PersistentFlags().MarkHidden("templates")
	root.AddCommand(
		newNewCmd(io, catalog),
		newUpdateCmd(io, catalog),
		newAddCmd(io, catalog),
		newRemoveCmd(io, catalog),
		newListCmd(io, catalog),
		newDescribeCmd(io, catalog),
		newServeCmd(io, catalog),
		newDoctorCmd(io, catalog),
		newVersionCmd(io, catalog),
		newTemplateCmd(io),
	)
	return root
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%q takes no arguments (got %q)", cmd.CommandPath(), strings.Join(args, " "))
	}
	return nil
}
