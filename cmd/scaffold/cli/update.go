package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/merge"
	"github.com/scaffold-cli/scaffold/generator/update"
	"github.com/scaffold-cli/scaffold/generator/write"
	"github.com/spf13/cobra"
)

type updateOptions struct {
	io         *IO
	catalog    *generator.Catalog
	sets       []string
	dryRun     bool
	json       bool
	check      bool
	allowDirty bool
	noInput    bool
	seed       string
	template   string
	ref        string
	// changes, for scaffold add and remove, are the option changes asked
	// for (raw, as typed); nil for update.
	changes []string
	verb    string // "add" or "remove" for those commands
	changed string // what was changed, for the report ("docker=true, ci=true")
}

func newUpdateCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	o := &updateOptions{io: io, catalog: catalog}
	cmd := &cobra.Command{
		Use:   "update [DIR]",
		Short: "Bring a project up to the current template, keeping your changes",
		Long: `Bring a project made by "scaffold new" up to this scaffold's template (default: the
current directory). Its .scaffold.yaml says which framework, template version and answers
made it; scaffold renders that version and the current one in memory and merges the
difference into your files, three ways, offline:

  unchanged by you        takes the template's new version
  unchanged by template   keeps yours
  changed by both         merged line by line; overlapping changes get git-style
                          conflict markers (<<<<<<< ||||||| ======= >>>>>>>)

Exit status: 0 when the update is clean, 1 when conflicts remain (each is listed), 2 for
a usage error. Nothing is written on an error or Ctrl-C.`,
		Example: `  scaffold update
  scaffold update path/to/project --dry-run
  scaffold update --check            # in CI: exit 1 when the project is behind
  scaffold update --set docker=true  # answer an option while updating`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("update takes one project directory, got %d arguments (%s)", len(args), strings.Join(args, " "))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			return o.run(cmd.Context(), dir)
		},
	}
	f := cmd.Flags()
	f.SortFlags = false
	f.BoolVar(&o.dryRun, "dry-run", false, "print the report and a diff of what would change, write nothing")
	f.BoolVar(&o.json, "json", false, "with --dry-run: print the report as JSON")
	f.BoolVar(&o.check, "check", false, "write nothing; exit 1 when the project is behind the current template")
	f.BoolVar(&o.allowDirty, "allow-dirty", false, "update even when the git work tree has uncommitted changes")
	f.StringArrayVar(&o.sets, "set", nil, "set an option: --set key=value (repeatable)")
	f.BoolVar(&o.noInput, "no-input", false, "never ask: options new in the template take their defaults")
	f.Var(onceString(&o.ref), "ref", "for a project made from a template in git: the branch, tag or commit to update to (default: the recorded ref, re-resolved)")
	f.Var(onceString(&o.template), "template", "the custom template the project was made from, where it is now (default: where .scaffold.yaml says)")
	f.Var(onceString(&o.seed), "seed", "seed the renderings' secrets (tests only)")
	_ = f.MarkHidden("seed")
	// --set KEY=VALUE completes the options of the project's own framework.
	_ = cmd.RegisterFlagCompletionFunc("set", func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		dir := "."
		if len(args) == 1 {
			dir = args[0]
		}
		if !strings.Contains(toComplete, "=") {
			keys, directive := completeChanges(catalog, dir, "add", nil, "")
			var out []string
			for _, k := range keys {
				key, _, _ := strings.Cut(k, "\t")
				key = strings.TrimSuffix(key, "=")
				if !slices.Contains(out, key+"=") {
					out = append(out, key+"=")
				}
			}
			return out, directive
		}
		return completeChanges(catalog, dir, "add", nil, toComplete)
	})
	return cmd
}

// errBehind ends a --check run with exit 1 after its report.
var errBehind = errors.New("the project is behind the current template")

// conflictsError ends a run with exit 1 when conflicts remain, listing them.
type conflictsError struct{ paths []string }

func (e *conflictsError) Error() string {
	return fmt.Sprintf("%d file(s) have conflicts to resolve: %s; edit them, then commit", len(e.paths), strings.Join(e.paths, ", "))
}

func (o *updateOptions) run(ctx context.Context, dir string) error {
	if o.json && !o.dryRun {
		return usagef("--json goes with --dry-run")
	}
	if o.check && o.dryRun {
		return usagef("--check and --dry-run are two ways of looking; give one")
	}
	sets, err := parseSets(o.sets)
	if err != nil {
		return err
	}
	answersPath := filepath.Join(dir, generator.AnswersFile)
	data, err := os.ReadFile(answersPath)
	if errors.Is(err, fs.ErrNotExist) {
		return o.checkFailed(usagef("%s has no %s; update works on projects made by \"scaffold new\" (give the project's directory)", dir, generator.AnswersFile))
	}
	if err != nil {
		return o.checkFailed(err)
	}
	answers, err := generator.ParseAnswers(data)
	if err != nil {
		return o.checkFailed(fmt.Errorf("%s: %w", answersPath, err))
	}
	if o.ref != "" && answers.TemplateCommit == "" {
		return usagef("--ref is for projects made from a template in a git repository; %s records none", answersPath)
	}
	current, err := o.manifestOf(ctx, answers, answersPath)
	if err != nil {
		return o.checkFailed(err)
	}
	var base *generator.Manifest
	if answers.TemplateCommit != "" {
		if base, err = o.gitBase(ctx, current, answers); err != nil {
			return o.checkFailed(err)
		}
	}
	if o.changes != nil {
		if len(sets) > 0 {
			return usagef("%s takes its changes as arguments (KEY=VALUE), not --set", o.verb)
		}
		if sets, o.changed, err = optionChanges(o.verb, current, answers, o.changes); err != nil {
			return err
		}
	}
	if !o.check && !o.noInput && o.io.Interactive && o.io.Prompter != nil {
		if err := o.askNewOptions(current, answers, sets); err != nil {
			return err
		}
	}
	seed := o.seed
	if seed == "" {
		seed = randomSeed()
	}
	// ours, the project as it is, is read twice: for its secrets (both
	// sides are rendered with them) and for the merge.
	ours := os.DirFS(dir)
	var sides *generator.UpdateSides
	if base != nil {
		sides, err = generator.RenderUpdateFrom(base, current, answers, ours, sets, seed)
	} else {
		sides, err = generator.RenderUpdate(current, answers, ours, sets, seed)
	}
	if err != nil {
		return o.checkFailed(err)
	}
	if o.check && base != nil {
		if base.Git.Commit != current.Git.Commit {
			fmt.Fprintf(o.io.Out, "%s: made from commit %.12s of %s; %s is at %.12s: run \"scaffold update\"\n", dir, base.Git.Commit, current.Source, refOf(current), current.Git.Commit)
			return errBehind
		}
		fmt.Fprintf(o.io.Out, "%s: current (commit %.12s of %s, %s)\n", dir, current.Git.Commit, current.Source, refOf(current))
		return nil
	}
	if o.check {
		if sides.From < sides.To {
			fmt.Fprintf(o.io.Out, "%s: %s template version %d; this scaffold has %d: run \"scaffold update\"\n", dir, answers.Framework, sides.From, sides.To)
			return errBehind
		}
		fmt.Fprintf(o.io.Out, "%s: current (%s template version %d)\n", dir, answers.Framework, sides.To)
		return nil
	}
	if !o.dryRun && !o.allowDirty {
		if err := checkClean(dir); err != nil {
			return err
		}
	}
	plan, err := sides.Plan(ours, data)
	if err != nil {
		return err
	}
	if o.changes != nil {
		for i, c := range plan.Changes {
			if c.Path == generator.AnswersFile {
				plan.Changes[i].Why = "records " + o.changed
			}
		}
	}
	if o.dryRun {
		return o.printDryRun(dir, sides, plan)
	}
	if !plan.Changed() && o.changes == nil && base != nil {
		fmt.Fprintf(o.io.Out, "%s is already up to date (commit %.12s of %s, %s); nothing to do\n", dir, current.Git.Commit, current.Source, refOf(current))
		return nil
	}
	if !plan.Changed() && o.changes == nil {
		fmt.Fprintf(o.io.Out, "%s is current (%s template version %d); nothing to do\n", dir, answers.Framework, sides.To)
		return nil
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	put, remove := plan.Files()
	if err := write.Replace(ctx, dir, write.Changes{Put: put, Remove: remove}, write.Options{}); err != nil {
		var left *write.LeftBehindError
		switch {
		case ctx.Err() != nil && errors.As(err, &left):
			return fmt.Errorf("%w; %s", ErrInterrupted, left.Remains())
		case ctx.Err() != nil:
			return fmt.Errorf("%w: nothing was changed", ErrInterrupted)
		}
		return err
	}
	o.printReport(dir, sides, plan)
	// Unresolved has a safety net: whatever the plan says, a file written
	// with conflict markers in it is reported.
	if conflicted := plan.Unresolved(); len(conflicted) > 0 {
		return &conflictsError{conflicted}
	}
	return nil
}

// manifestOf finds the current template of the project answers describe:
// the custom template it records (or --template), else the built-in
// framework.
func (o *updateOptions) manifestOf(ctx context.Context, answers *generator.Answers, answersPath string) (*generator.Manifest, error) {
	if answers.TemplateCommit != "" {
		return o.gitCurrent(ctx, answers, answersPath)
	}
	dir := o.template
	if dir == "" && answers.Template == "" {
		return o.catalog.Lookup(answers.Framework)
	}
	if dir == "" {
		dir = answers.Template
	}
	m, err := loadTemplate(ctx, o.catalog, dir)
	if err != nil {
		if o.template == "" {
			return nil, fmt.Errorf("%s records the template at %s: %w; if it moved, give its new place with --template DIR", answersPath, dir, err)
		}
		return nil, err
	}
	if m.Name != answers.Framework {
		return nil, usagef("the template at %s is %s, but %s records a %s project; give the template it was made from", dir, m.Name, answersPath, answers.Framework)
	}
	return m, nil
}

// gitSpec is the --template argument of the project's git template at ref:
// its recorded URL, or the one --template gives (the repository moved).
func (o *updateOptions) gitSpec(answers *generator.Answers, ref string) (string, error) {
	url := answers.Template
	if o.template != "" {
		if !generator.IsGitTemplate(o.template) || strings.Contains(o.template, "#") {
			return "", usagef("--template %s: this project was made from a template in git; give the repository's new URL, without #REF (use --ref for that)", o.template)
		}
		url = o.template
	}
	spec := url
	if ref != "" || answers.TemplatePath != "" {
		spec += "#" + ref
	}
	if answers.TemplatePath != "" {
		spec += ":" + answers.TemplatePath
	}
	return spec, nil
}

// gitCurrent loads the newer side of a git template's update: the ref
// --ref gives, else the recorded ref re-resolved (a branch's new head; a
// tag stays where it is). add and remove render from the recorded commit.
func (o *updateOptions) gitCurrent(ctx context.Context, answers *generator.Answers, answersPath string) (*generator.Manifest, error) {
	ref := answers.TemplateRef
	switch {
	case o.changes != nil:
		ref = answers.TemplateCommit
	case o.ref != "":
		ref = o.ref
	}
	spec, err := o.gitSpec(answers, ref)
	if err != nil {
		return nil, err
	}
	m, err := generator.LoadGitTemplate(ctx, spec)
	if err != nil {
		return nil, fmt.Errorf("%s records the template in %s: %w", answersPath, answers.Template, err)
	}
	if m.Name != answers.Framework {
		return nil, usagef("the template at %s is %s, but %s records a %s project; give the template it was made from", spec, m.Name, answersPath, answers.Framework)
	}
	if o.changes != nil {
		m.Git.Ref = answers.TemplateRef // still the ref the project follows
	}
	return m, nil
}

// gitBase loads the base of a git template's update: the recorded commit
// (current itself when the ref still resolves to it).
func (o *updateOptions) gitBase(ctx context.Context, current *generator.Manifest, answers *generator.Answers) (*generator.Manifest, error) {
	if current.Git != nil && current.Git.Commit == answers.TemplateCommit {
		return current, nil
	}
	spec, err := o.gitSpec(answers, answers.TemplateCommit)
	if err != nil {
		return nil, err
	}
	m, err := generator.LoadGitTemplate(ctx, spec)
	if err != nil {
		return nil, fmt.Errorf("the project's recorded commit %s of %s: %w", answers.TemplateCommit, answers.Template, err)
	}
	return m, nil
}

// refOf names the ref a git template follows, for messages.
func refOf(m *generator.Manifest) string {
	if m.Git == nil || m.Git.Ref == "" {
		return "the default branch"
	}
	return m.Git.Ref
}

// askNewOptions asks, at a terminal, the options that the current template
// has and the project's answers do not (and --set did not give), whose
// conditions hold; the answers go into sets. Elsewhere they take their
// defaults, as in a --yes run of new.
func (o *updateOptions) askNewOptions(current *generator.Manifest, answers *generator.Answers, sets map[string]string) error {
	raw := answers.OptionStrings()
	for k, v := range sets {
		raw[k] = v
	}
	introduced := false
	for _, opt := range current.Options {
		if _, ok := raw[opt.Key]; ok {
			continue
		}
		applies, def, err := generator.OptionDefault(current, answers.Name, raw, opt.Key)
		if err != nil {
			return err
		}
		if !applies {
			continue
		}
		if !introduced {
			fmt.Fprintf(o.io.Out, "The %s template version %d asks what your project's answers do not say:\n", current.Name, current.TemplateVersion)
			introduced = true
		}
		answer, err := askOption(o.io.Prompter, opt, def)
		if err != nil {
			return err
		}
		sets[opt.Key], raw[opt.Key] = answer, answer
	}
	return nil
}

// title heads a report: what was done (or, with would, what would be) to dir.
func (o *updateOptions) title(would, dir string, sides *generator.UpdateSides) string {
	verb := func(past, base string) string {
		if would != "" {
			return would + base
		}
		return past
	}
	if o.changes == nil {
		return fmt.Sprintf("%s %s from template version %d to %d", verb("Updated", "update"), dir, sides.From, sides.To)
	}
	t := fmt.Sprintf("%s %s in %s", verb("Changed", "change"), o.changed, dir)
	if sides.From < sides.To {
		t += fmt.Sprintf(", with the update from template version %d to %d that comes with it", sides.From, sides.To)
	}
	return t
}

// checkFailed turns an unreadable project into exit 1 under --check (the
// drift check fails), and keeps it a usage error otherwise.
func (o *updateOptions) checkFailed(err error) error {
	if o.check {
		return fmt.Errorf("--check: %s", err.Error()) // not an input error: exit 1
	}
	return err
}

func parseSets(sets []string) (map[string]string, error) {
	out := map[string]string{}
	for _, s := range sets {
		key, value, ok := strings.Cut(s, "=")
		if !ok || key == "" {
			return nil, usagef("--set %q: write --set key=value", s)
		}
		if _, dup := out[key]; dup {
			return nil, usagef("option %q is given twice; give it once", key)
		}
		out[key] = value
	}
	return out, nil
}

func randomSeed() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand panics rather)
	return hex.EncodeToString(b)
}

// checkClean refuses a git work tree with uncommitted changes: the update
// should be one reviewable commit, and a user's unsaved work is not mixed in.
func checkClean(dir string) error {
	if _, err := exec.LookPath("git"); err != nil {
		return nil
	}
	inside, err := exec.Command("git", "-C", dir, "rev-parse", "--is-inside-work-tree").Output()
	if err != nil || strings.TrimSpace(string(inside)) != "true" {
		return nil // not a git work tree
	}
	out, err := exec.Command("git", "-C", dir, "status", "--porcelain", "--", ".").Output()
	if err != nil {
		return fmt.Errorf("git status in %s: %w", dir, err)
	}
	if len(bytes.TrimSpace(out)) > 0 {
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		return usagef("%s has uncommitted changes (%d, e.g. %s); commit or stash them so the update is a change of its own, or pass --allow-dirty", dir, len(lines), strings.TrimSpace(lines[0]))
	}
	return nil
}

func (o *updateOptions) printReport(dir string, sides *generator.UpdateSides, plan *update.Plan) {
	fmt.Fprintf(o.io.Out, "%s:\n", o.title("", dir, sides))
	counts := map[update.Action]int{}
	for _, c := range plan.Reported() {
		counts[c.Action]++
		fmt.Fprintf(o.io.Out, "  %-10s %s  (%s)\n", c.Action, c.Path, c.Why)
	}
	for _, k := range sides.Dropped {
		fmt.Fprintf(o.io.Out, "  note: option %q is gone from the current template; it is no longer recorded\n", k)
	}
	var parts []string
	for _, a := range []update.Action{update.Updated, update.Merged, update.Added, update.Removed, update.Kept, update.Conflicted} {
		if counts[a] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[a], a))
		}
	}
	if len(parts) == 0 {
		parts = []string{"nothing changed"}
	}
	fmt.Fprintf(o.io.Out, "%s.\n", strings.Join(parts, ", "))
}

type jsonChange struct {
	Path      string `json:"path"`
	Action    string `json:"action"`
	Why       string `json:"why"`
	Conflicts int    `json:"conflicts,omitempty"`
	Diff      string `json:"diff,omitempty"`
}

func (o *updateOptions) printDryRun(dir string, sides *generator.UpdateSides, plan *update.Plan) error {
	lines := plan.Reported()
	if o.json {
		report := struct {
			Dir        string       `json:"dir"`
			From       int          `json:"from"`
			To         int          `json:"to"`
			Changes    []jsonChange `json:"changes"`
			Conflicted []string     `json:"conflicted"`
			Dropped    []string     `json:"dropped_options,omitempty"`
		}{Dir: dir, From: sides.From, To: sides.To, Changes: []jsonChange{}, Conflicted: plan.Conflicted(), Dropped: sides.Dropped}
		if report.Conflicted == nil {
			report.Conflicted = []string{}
		}
		for _, c := range lines {
			report.Changes = append(report.Changes, jsonChange{Path: c.Path, Action: string(c.Action), Why: c.Why, Conflicts: c.Conflicts, Diff: diffOf(c)})
		}
		enc := json.NewEncoder(o.io.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(o.io.Out, "%s (dry run: nothing written):\n", o.title("Would ", dir, sides))
		for _, c := range lines {
			fmt.Fprintf(o.io.Out, "  %-10s %s  (%s)\n", c.Action, c.Path, c.Why)
		}
		for _, c := range lines {
			if d := diffOf(c); d != "" {
				fmt.Fprint(o.io.Out, "\n", d)
			}
		}
	}
	if c := plan.Conflicted(); len(c) > 0 {
		return &conflictsError{c}
	}
	return nil
}

// diffOf is the unified diff of what a change does to the file on disk.
func diffOf(c update.Change) string {
	switch {
	case c.Action == update.Removed:
		return merge.Unified(c.Before, nil, "a/"+c.Path, "/dev/null")
	case c.Write != nil && !merge.IsBinary(c.Write.Data):
		from := "a/" + c.Path
		if c.Before == nil {
			from = "/dev/null"
		}
		return merge.Unified(c.Before, c.Write.Data, from, "b/"+c.Path)
	case c.Beside != nil:
		return fmt.Sprintf("Binary file %s: the template's version would be written to %s\n", c.Path, c.Beside.Path)
	}
	return ""
}
