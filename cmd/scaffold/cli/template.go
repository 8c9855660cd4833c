package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/author"
	"github.com/scaffold-cli/scaffold/generator/e2e"
	"github.com/scaffold-cli/scaffold/generator/lint"
	"github.com/scaffold-cli/scaffold/generator/source"
	"github.com/scaffold-cli/scaffold/generator/tree"
	"github.com/scaffold-cli/scaffold/generator/write"
	"github.com/spf13/cobra"
)

// errFindings ends a lint or test run that found something, with exit 1,
// after its report.
type errFindings struct{ msg string }

func (e *errFindings) Error() string { return e.msg }

func oneDir(verb string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usagef("template %s takes one template directory (got %d arguments)", verb, len(args))
		}
		return nil
	}
}

func newTemplateCmd(io *IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "template",
		Short: "Write, check, test and freeze a custom template",
		Long: `A custom template is a directory in the format of scaffold's own frameworks
(manifest.yaml and files/; see docs/template-format.md). Make projects from it with
"scaffold new NAME --template DIR".`,
		Example: `  scaffold template init my-template
  scaffold template lint my-template
  scaffold template test my-template --e2e
  scaffold template freeze my-template`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newTemplateInitCmd(io), newTemplateLintCmd(io), newTemplateTestCmd(io), newTemplateFreezeCmd(io))
	return cmd
}

func newTemplateInitCmd(io *IO) *cobra.Command {
	var name string
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Write a minimal working template into DIR",
		Long: `Write a minimal working template into the new directory DIR: a manifest with one option
of each kind (string, bool, choice), a README, a small Python web service under files/,
golden files of its golden cases and an e2e section. "template lint" and "template test"
pass on it at once; edit it from there.`,
		Args: oneDir("init"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if name == "" {
				abs, err := filepath.Abs(dir)
				if err != nil {
					return err
				}
				name = filepath.Base(abs)
			}
			files, err := author.Starter(name)
			if err != nil {
				return err
			}
			if err := write.Files(cmd.Context(), dir, files, write.Options{}); err != nil {
				return err
			}
			fmt.Fprintf(io.Out, "Created template %s in %s, %d files.\n\nNext steps:\n  scaffold template lint %s\n  scaffold template test %s --e2e\n  scaffold new myapp --template %s\n", name, dir, len(files), dir, dir, dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "the template's framework name (default: DIR's base name)")
	return cmd
}

func newTemplateLintCmd(io *IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "lint DIR",
		Short: "Report every mistake of a template at once",
		Long: `Check the template directory DIR and report every mistake at once, each with its file,
line and fix: unknown manifest keys, bad option kinds and values, template syntax and
banned functions, destinations outside the project, duplicate destinations, executable
files no rule declares, symbolic links, and golden option sets that do not resolve.

Exit status: 0 when clean, 1 with findings, 2 for a usage error.`,
		Args: oneDir("lint"),
		RunE: func(cmd *cobra.Command, args []string) error {
			findings, err := lint.Dir(args[0])
			if err != nil {
				return usagef("%v", err)
			}
			if asJSON {
				if findings == nil {
					findings = []lint.Finding{}
				}
				if err := writeJSON(io, struct {
					Dir      string         `json:"dir"`
					Findings []lint.Finding `json:"findings"`
				}{args[0], findings}); err != nil {
					return err
				}
			} else {
				for _, f := range findings {
					fmt.Fprintf(io.Out, "%s/%s\n", strings.TrimSuffix(args[0], "/"), f)
				}
				if len(findings) == 0 {
					fmt.Fprintf(io.Out, "%s: no findings\n", args[0])
				}
			}
			if len(findings) > 0 {
				return &errFindings{fmt.Sprintf("%d finding(s) in %s", len(findings), args[0])}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the findings as JSON")
	return cmd
}

type templateTestOptions struct {
	update, e2e bool
	golden      string
}

func newTemplateTestCmd(io *IO) *cobra.Command {
	o := &templateTestOptions{}
	cmd := &cobra.Command{
		Use:   "test DIR",
		Short: "Render every golden case and compare it with the template's golden files",
		Long: `Render every golden case of the template in DIR and compare it with its golden file,
DIR/golden/<case>.txtar (--update writes them; review the diff). With --e2e, also
generate every case into a temporary directory and run the manifest's e2e section:
its steps (install, lint, tests), then the server on a free 127.0.0.1 port and its HTTP
checks — the same harness scaffold's own frameworks are tested with. Only --e2e runs
anything from a template, because you asked it to.

Exit status: 0 when every case passes, 1 otherwise, and 1 for a template that keeps no
golden files yet (run --update once, review and commit them).`,
		Args: oneDir("test"),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, io, args[0]) },
	}
	f := cmd.Flags()
	f.BoolVar(&o.update, "update", false, "rewrite the golden files from the template")
	f.BoolVar(&o.e2e, "e2e", false, "also run the manifest's e2e section (runs the template's steps)")
	f.StringVar(&o.golden, "golden", "", "where the golden files are (default DIR/golden)")
	return cmd
}

func (o *templateTestOptions) run(cmd *cobra.Command, io *IO, dir string) error {
	m, err := generator.LoadTemplateDir(dir)
	if err != nil {
		return err
	}
	// A golden archive records scaffold's version in .scaffold.yaml: the
	// default one, so that it does not change with every release.
	saved := generator.Version
	generator.Version = generator.DefaultVersion
	defer func() { generator.Version = saved }()

	goldenDir := o.golden
	if goldenDir == "" {
		var why string
		goldenDir, why = author.GoldenDirOf(dir, m.Name)
		if why != "" {
			fmt.Fprintf(io.Out, "golden files: %s (%s)\n", goldenDir, why)
		}
	}
	failures := 0
	_, statErr := os.Stat(goldenDir)
	keeps := statErr == nil
	var put []tree.File
	expected := map[string]bool{}
	for _, gc := range m.Golden {
		files, err := author.RenderCase(m, gc)
		if err != nil {
			fmt.Fprintf(io.Out, "FAIL %s: %v\n", gc.Name, err)
			failures++
			continue
		}
		got := author.Encode(author.Command(m, gc), files)
		if !author.RoundTrips(got, files) {
			fmt.Fprintf(io.Out, "FAIL %s: a generated file holds a txtar separator line (-- name --); its golden archive would not read back\n", gc.Name)
			failures++
			continue
		}
		name := gc.Name + ".txtar"
		expected[name] = true
		if o.update {
			put = append(put, tree.File{Path: name, Mode: 0o644, Data: got})
			continue
		}
		if !keeps {
			continue
		}
		want, err := os.ReadFile(filepath.Join(goldenDir, name))
		if err != nil {
			fmt.Fprintf(io.Out, "FAIL %s: no golden file %s; run \"scaffold template test --update %s\" and review it\n", gc.Name, filepath.Join(goldenDir, name), dir)
			failures++
			continue
		}
		if d := author.Diff(want, got); d != "" {
			fmt.Fprintf(io.Out, "FAIL %s: %s differs from the template's output; if the change is intended, run \"scaffold template test --update %s\" and review the diff\n%s", gc.Name, filepath.Join(goldenDir, name), dir, d)
			failures++
			continue
		}
		fmt.Fprintf(io.Out, "ok   %s (%d files)\n", gc.Name, len(files))
	}
	stale := staleGolden(goldenDir, expected)
	switch {
	case o.update:
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			return err
		}
		if err := write.Replace(cmd.Context(), goldenDir, write.Changes{Put: put, Remove: stale}, write.Options{}); err != nil {
			return err
		}
		fmt.Fprintf(io.Out, "wrote %d golden file(s) into %s", len(put), goldenDir)
		if len(stale) > 0 {
			fmt.Fprintf(io.Out, ", removed %s", strings.Join(stale, ", "))
		}
		fmt.Fprintln(io.Out, "; review the diff")
	case !keeps:
		// Rendering without comparing proves only that nothing failed; the
		// first run writes the golden files, every later one compares.
		fmt.Fprintf(io.Out, "FAIL %s keeps no golden files (%s), so its output was compared with nothing; run \"scaffold template test --update %s\" once, review the files it writes and commit them\n", dir, goldenDir, dir)
		failures++
	default:
		for _, s := range stale {
			fmt.Fprintf(io.Out, "FAIL %s has no golden case in the manifest; --update removes it\n", filepath.Join(goldenDir, s))
			failures++
		}
	}
	if o.e2e {
		if m.E2E == nil {
			return usagef("%s has no e2e section in its manifest; add one (see docs/template-format.md) or leave out --e2e", dir)
		}
		results := e2e.RunCases(io.Err, m, m.E2E, e2e.Options{CI: os.Getenv("CI") == "true"})
		for _, r := range results {
			if !r.Passed && !r.Skipped {
				failures++
			}
		}
	}
	if failures > 0 {
		return &errFindings{fmt.Sprintf("%d failure(s) testing %s", failures, dir)}
	}
	return nil
}

// staleGolden lists the golden archives under dir that no case expects.
func staleGolden(dir string, expected map[string]bool) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txtar") && !expected[e.Name()] {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

func newTemplateFreezeCmd(io *IO) *cobra.Command {
	return &cobra.Command{
		Use:   "freeze DIR",
		Short: "Keep the template's current version, so projects made with it can update",
		Long: `Archive the template's current template_version as DIR/history/<version>.zip, as
scaffold's own "make freeze" does. "scaffold update" renders a project's merge base from
it once the template has moved on. Freeze every version before changing the template;
a frozen version is never rewritten: after a change, bump template_version.`,
		Args: oneDir("freeze"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			m, err := generator.LoadTemplateDir(dir)
			if err != nil {
				return err
			}
			archive, err := generator.FreezeArchive(m, filepath.Join(dir, source.ManifestFile)+", then run scaffold template freeze again")
			if err != nil {
				return fmt.Errorf("%s: %w", dir, err)
			}
			rel := filepath.Join(source.HistoryDir, fmt.Sprintf("%d.zip", m.TemplateVersion))
			if archive == nil {
				fmt.Fprintf(io.Out, "%s version %d: already frozen in %s, unchanged\n", m.Name, m.TemplateVersion, filepath.Join(dir, rel))
				return nil
			}
			if _, err := os.Stat(filepath.Join(dir, rel)); err == nil {
				return errors.New("refusing to rewrite " + filepath.Join(dir, rel))
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			f := tree.File{Path: filepath.ToSlash(rel), Mode: 0o644, Data: archive}
			if err := write.Replace(cmd.Context(), dir, write.Changes{Put: []tree.File{f}}, write.Options{}); err != nil {
				return err
			}
			fmt.Fprintf(io.Out, "%s version %d: frozen into %s (%d bytes); commit it\n", m.Name, m.TemplateVersion, filepath.Join(dir, rel), len(archive))
			return nil
		},
	}
}
