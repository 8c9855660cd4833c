package cli

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/write"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// newOptions is everything `scaffold new` was told, before it is resolved
// against a framework.
type newOptions struct {
	io      *IO
	catalog *generator.Catalog

	name        string
	framework   string
	template    string
	dir         string
	sets        []string
	answersFile string
	dryRun      bool
	json        bool
	force       bool
	noInput     bool
	yes         bool
	seed        string

	// options holds the values of per-option flags (--docker, --module=...);
	// only flags the user set are read.
	options map[string]*string
	flags   *pflag.FlagSet

	// prompted records whether any question was asked, so the equivalent
	// command is printed afterwards.
	prompted bool
}

func newNewCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	o := &newOptions{io: io, catalog: catalog, options: map[string]*string{}}
	cmd := &cobra.Command{
		Use:   "new [NAME]",
		Short: "Generate a new project",
		Long: `Generate a new project into ./NAME (or --dir).

Every option of a framework is also a flag of its own (see "scaffold describe FRAMEWORK");
--set key=value is the generic form. Values not given are asked for at a terminal, or
take their defaults with --yes.`,
		Example: `  scaffold new myapp --framework=gin
  scaffold new myapp --framework=gin --docker --ci --module=github.com/you/myapp
  scaffold new myapp --framework=django --set database=postgres --dry-run
  scaffold new --answers path/to/.scaffold.yaml --dir copy`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				// A name never holds spaces, so quoting would only lead to
				// the next refusal: offer the name joined with hyphens.
				return usagef("new takes one project name, got %d arguments (%s); did you mean %q? (names have no spaces; --dir sets the location)", len(args), strings.Join(args, " "), strings.Join(args, "-"))
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.name = args[0]
			}
			o.flags = cmd.Flags()
			if err := checkGivenOnce(o.flags, o.options); err != nil {
				return err
			}
			return o.run(cmd.Context())
		},
	}
	f := cmd.Flags()
	f.SortFlags = false
	f.VarP(onceString(&o.framework), "framework", "f", "framework to generate (see \"scaffold list\")")
	f.Var(onceString(&o.template), "template", "generate from a custom template: a directory (manifest.yaml and files/), or a git repository URL[#REF[:DIR]] (an existing directory wins)")
	f.Var(onceString(&o.dir), "dir", "directory to create (default ./NAME)")
	f.StringArrayVar(&o.sets, "set", nil, "set an option: --set key=value (repeatable)")
	f.Var(onceString(&o.answersFile), "answers", "regenerate from a project's .scaffold.yaml")
	f.BoolVar(&o.dryRun, "dry-run", false, "print the files that would be written, write nothing")
	f.BoolVar(&o.json, "json", false, "with --dry-run: print the plan as JSON")
	f.BoolVar(&o.force, "force", false, "allow a non-empty directory (existing files are never overwritten)")
	f.BoolVar(&o.noInput, "no-input", false, "never prompt; a missing value is an error")
	f.BoolVarP(&o.yes, "yes", "y", false, "accept the default of every option not given")
	f.Var(onceString(&o.seed), "seed", "seed secrets deterministically (tests only; never for real projects)")
	_ = f.MarkHidden("seed")
	addOptionFlags(cmd, catalog, o.options)

	_ = cmd.RegisterFlagCompletionFunc("framework", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		var out []cobra.Completion
		for _, m := range catalog.Manifests() {
			out = append(out, cobra.CompletionWithDesc(m.Name, m.Title+" "+m.Version+" — "+m.Description))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("set", func(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return completeSet(catalog, o.framework, toComplete)
	})
	return cmd
}

// addOptionFlags turns every option of every framework into a flag, so users
// can write --docker or --database=postgres as they would for `rails new`.
// Which framework a flag applies to is checked once the framework is known.
func addOptionFlags(cmd *cobra.Command, catalog *generator.Catalog, values map[string]*string) {
	type flagInfo struct {
		allBool    bool
		help       string
		frameworks []string
		choices    map[string]bool
		helps      map[string]bool
		prompts    []string // per framework, in frameworks' order
	}
	infos := map[string]*flagInfo{}
	var keys []string
	for _, m := range catalog.Summaries() {
		for _, opt := range m.Options {
			fi, ok := infos[opt.Key]
			if !ok {
				fi = &flagInfo{allBool: true, help: opt.Help, choices: map[string]bool{}, helps: map[string]bool{}}
				infos[opt.Key] = fi
				keys = append(keys, opt.Key)
			}
			fi.allBool = fi.allBool && opt.Kind == generator.KindBool
			fi.frameworks = append(fi.frameworks, m.Name)
			fi.helps[opt.Help] = true
			fi.prompts = append(fi.prompts, opt.Prompt)
			for _, c := range opt.Choices {
				fi.choices[c] = true
			}
		}
	}
	sort.Strings(keys)
	for _, key := range keys {
		fi := infos[key]
		values[key] = new(string)
		usage := fmt.Sprintf("%s [%s]", fi.help, strings.Join(fi.frameworks, ", "))
		if len(fi.helps) > 1 {
			usage = sharedFlagUsage(fi.frameworks, fi.prompts, sortedKeys(fi.choices), fi.allBool)
		}
		cmd.Flags().Var(onceString(values[key]), key, usage)
		flag := cmd.Flags().Lookup(key)
		if fi.allBool {
			flag.NoOptDefVal = "true" // --docker means --docker=true
		}
		choices := sortedKeys(fi.choices)
		if fi.allBool {
			choices = []string{"true", "false"}
		}
		if len(choices) > 0 {
			_ = cmd.RegisterFlagCompletionFunc(key, optionValueCompletion(cmd, catalog, key, choices))
		}
	}
}

// optionValueCompletion completes an option flag's value: the chosen
// framework's values when --framework is already on the command line, else
// the values of every framework that has the option.
func optionValueCompletion(cmd *cobra.Command, catalog *generator.Catalog, key string, all []string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		fw, _ := cmd.Flags().GetString("framework")
		if fw == "" {
			return all, cobra.ShellCompDirectiveNoFileComp
		}
		for _, s := range catalog.Summaries() {
			if s.Name != fw {
				continue
			}
			for _, opt := range s.Options {
				if opt.Key != key {
					continue
				}
				if opt.Kind == generator.KindBool {
					return []cobra.Completion{"true", "false"}, cobra.ShellCompDirectiveNoFileComp
				}
				return opt.Choices, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp // not an option of fw
		}
		return all, cobra.ShellCompDirectiveNoFileComp
	}
}

// hideOtherFrameworksFlags hides, for shell completion only, the option
// flags that the framework already on the command line does not have, so
// "--<TAB>" offers that framework's options and scaffold's own flags.
func hideOtherFrameworksFlags(newCmd *cobra.Command, catalog *generator.Catalog, framework string) {
	var own map[string]bool
	all := map[string]bool{}
	for _, s := range catalog.Summaries() {
		keys := map[string]bool{}
		for _, opt := range s.Options {
			keys[opt.Key] = true
			all[opt.Key] = true
		}
		if s.Name == framework {
			own = keys
		}
	}
	if own == nil {
		return // unknown framework: offer everything
	}
	for key := range all {
		if !own[key] {
			_ = newCmd.Flags().MarkHidden(key)
		}
	}
}

// completedFramework finds --framework/-f among the words being completed
// (`scaffold __complete new ... --framework=gin ...`).
func completedFramework(args []string) string {
	for i, a := range args {
		switch {
		case strings.HasPrefix(a, "--framework="):
			return strings.TrimPrefix(a, "--framework=")
		case strings.HasPrefix(a, "-f="):
			return strings.TrimPrefix(a, "-f=")
		case (a == "--framework" || a == "-f") && i+2 < len(args):
			// the value is complete only if a word follows it
			return args[i+1]
		}
	}
	return ""
}

// sharedFlagUsage is the help of an option flag that frameworks declare with
// help texts of their own: one framework's text would mislead about the
// others, so the flag says what they share and where each one's text is.
func sharedFlagUsage(frameworks, prompts, choices []string, allBool bool) string {
	samePrompt := true
	for _, p := range prompts {
		samePrompt = samePrompt && p == prompts[0]
	}
	var what string
	if samePrompt {
		what = strings.TrimSuffix(prompts[0], "?")
		what = strings.ToLower(what[:1]) + what[1:]
	} else {
		var per []string
		for i, fw := range frameworks {
			per = append(per, fw+": "+prompts[i])
		}
		what = strings.Join(per, "; ")
	}
	if len(choices) > 0 && !allBool {
		what += " (" + strings.Join(choices, ", ") + ")"
	}
	return fmt.Sprintf("%s; per framework: scaffold describe FRAMEWORK [%s]", what, strings.Join(frameworks, ", "))
}

// onceValue is a string flag that may be given once: "--docker
// --docker=false" or "--dir a --dir b" is a contradiction, and letting the
// last one win would be a silent surprise. Set records every value;
// checkGivenOnce refuses a second one once the command line is parsed (not
// in Set: cobra parses the flags twice when completing).
type onceValue struct {
	p     *string
	given []string
}

func onceString(p *string) *onceValue { return &onceValue{p: p} }

func (v *onceValue) String() string {
	if v.p == nil {
		return ""
	}
	return *v.p
}

func (v *onceValue) Set(s string) error {
	*v.p = s
	v.given = append(v.given, s)
	return nil
}

func (v *onceValue) Type() string { return "string" }

// checkGivenOnce reports the first flag given more than once.
func checkGivenOnce(flags *pflag.FlagSet, options map[string]*string) error {
	var err error
	flags.VisitAll(func(f *pflag.Flag) {
		v, ok := f.Value.(*onceValue)
		if !ok || len(v.given) < 2 || err != nil {
			return
		}
		if _, isOption := options[f.Name]; isOption {
			err = usagef("option %q is given twice (--%s=%s, then --%s=%s); give it once", f.Name, f.Name, v.given[0], f.Name, v.given[1])
		} else {
			err = usagef("--%s is given twice (%q, then %q); give it once", f.Name, v.given[0], v.given[1])
		}
	})
	return err
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// completeSet offers "key=" for the framework's options, then the key's values.
func completeSet(catalog *generator.Catalog, framework, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	manifests := catalog.Manifests()
	if m, err := catalog.Lookup(framework); err == nil {
		manifests = []*generator.Manifest{m}
	}
	key, _, hasValue := strings.Cut(toComplete, "=")
	seen := map[string]bool{}
	var out []cobra.Completion
	for _, m := range manifests {
		for _, opt := range m.Options {
			switch {
			case !hasValue && !seen[opt.Key]:
				seen[opt.Key] = true
				out = append(out, cobra.CompletionWithDesc(opt.Key+"=", opt.Help))
			case hasValue && opt.Key == key:
				values := opt.Choices
				if opt.Kind == generator.KindBool {
					values = []string{"true", "false"}
				}
				for _, v := range values {
					if !seen[v] {
						seen[v] = true
						out = append(out, key+"="+v)
					}
				}
			}
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

func (o *newOptions) run(ctx context.Context) error {
	if o.json && !o.dryRun {
		return usagef("--json goes with --dry-run")
	}
	if o.template != "" {
		if err := o.useTemplate(ctx, o.template); err != nil {
			return err
		}
	}
	var answers *generator.Answers
	if o.answersFile != "" {
		var err error
		if answers, err = readAnswers(o.answersFile); err != nil {
			return err
		}
		if answers.Template != "" && o.template == "" && answers.TemplateCommit != "" {
			// The recorded commit, not the ref's head: the same files again.
			spec := answers.Template + "#" + answers.TemplateCommit
			if answers.TemplatePath != "" {
				spec += ":" + answers.TemplatePath
			}
			if err := o.useTemplate(ctx, spec); err != nil {
				return fmt.Errorf("%s was made from the template in %s at commit %s: %w", o.answersFile, answers.Template, answers.TemplateCommit, err)
			}
			if m, err := o.catalog.Lookup(o.framework); err == nil && m.Git != nil {
				m.Git.Ref = answers.TemplateRef
			}
		} else if answers.Template != "" && o.template == "" {
			if err := o.useTemplate(ctx, answers.Template); err != nil {
				return fmt.Errorf("%s was made from the template at %s: %w; give its new place with --template DIR", o.answersFile, answers.Template, err)
			}
		}
		if o.name == "" {
			o.name = answers.Name
		}
		if o.framework == "" {
			o.framework = answers.Framework
		} else if o.framework != answers.Framework {
			return usagef("--framework=%s contradicts %s, which is a %s project; drop --framework, or drop --answers and give the options as flags", o.framework, o.answersFile, answers.Framework)
		}
	}
	m, err := o.askNameAndFramework()
	if err != nil {
		return err
	}
	if answers != nil {
		if w := answers.Warning(m); w != "" {
			fmt.Fprintln(o.io.Err, w)
		}
		if answers.FrameworkVersion != "" && answers.FrameworkVersion != m.Version {
			fmt.Fprintf(o.io.Err, "note: %s was generated for %s %s; this scaffold generates %s %s\n", o.answersFile, m.Title, answers.FrameworkVersion, m.Title, m.Version)
		}
	}
	raw, err := o.rawOptions(m, answers)
	if err != nil {
		return err
	}
	if err := o.askOptions(m, raw); err != nil {
		return err
	}
	random := io.Reader(rand.Reader)
	if o.seed != "" {
		random = generator.SeededRandom(o.seed)
	}
	project, err := generator.Resolve(m, generator.Request{Name: o.name, Options: raw}, random)
	if err != nil {
		return err
	}
	files, err := generator.Generate(project)
	if err != nil {
		return err
	}
	dir := o.dir
	if dir == "" {
		dir = o.name
	}
	if abs, err := filepath.Abs(dir); err == nil && filepath.Dir(abs) == abs {
		return usagef("--dir %s is the root of the file system; give the project a directory of its own, e.g. --dir %s", dir, filepath.Join(abs, o.name))
	}
	if o.dryRun {
		return o.printPlan(m, project, dir, files)
	}
	// The command's context ends on SIGINT or SIGTERM (see Main); tests that
	// call the command directly get the same from here.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	notef := func(format string, args ...any) { fmt.Fprintf(o.io.Err, "note: "+format+"\n", args...) }
	if err := write.Files(ctx, dir, files, write.Options{Force: o.force, Notef: notef}); err != nil {
		var left *write.LeftBehindError
		switch {
		case ctx.Err() != nil && errors.As(err, &left):
			return fmt.Errorf("%w; %s", ErrInterrupted, left.Remains())
		case ctx.Err() != nil:
			return fmt.Errorf("%w: nothing was written", ErrInterrupted)
		}
		return err
	}
	o.printDone(m, project, dir, files)
	return nil
}

// useTemplate makes the custom template in dir (or the git repository it
// names) the framework to generate.
func (o *newOptions) useTemplate(ctx context.Context, dir string) error {
	m, err := loadTemplate(ctx, o.catalog, dir)
	if err != nil {
		return err
	}
	if o.framework != "" && o.framework != m.Name {
		return usagef("--framework=%s contradicts --template %s, whose framework is %s; give one of them", o.framework, dir, m.Name)
	}
	o.framework = m.Name
	return nil
}

// rawOptions merges option values from the answers file, --set and the
// per-option flags. Giving the same option twice on the command line is an
// error; the command line overrides the answers file.
func (o *newOptions) rawOptions(m *generator.Manifest, answers *generator.Answers) (map[string]string, error) {
	raw := map[string]string{}
	if answers != nil {
		for k, v := range answers.OptionStrings() {
			raw[k] = v
		}
	}
	fromCLI := map[string]string{}
	for _, s := range o.sets {
		key, value, ok := strings.Cut(s, "=")
		if !ok || key == "" {
			return nil, usagef("--set %q: write --set key=value", s)
		}
		if prev, dup := fromCLI[key]; dup {
			return nil, usagef("option %q is given twice (%s, then --set %s); give it once", key, prev, s)
		}
		fromCLI[key] = "--set " + s
		raw[key] = value
	}
	for key, value := range o.options {
		if !o.flags.Changed(key) {
			continue
		}
		if _, ok := m.Option(key); !ok {
			return nil, usagef("--%s is not an option of %s; run \"scaffold describe %s\" for its options", key, m.Name, m.Name)
		}
		if prev, dup := fromCLI[key]; dup {
			return nil, usagef("option %q is given twice (%s and --%s); give it once", key, prev, key)
		}
		fromCLI[key] = "--" + key
		raw[key] = *value
	}
	return raw, nil
}

type plannedFile struct {
	Path string `json:"path"`
	Mode string `json:"mode"`
	Size int    `json:"size"`
}

func (o *newOptions) printPlan(m *generator.Manifest, p *generator.Project, dir string, files []generator.File) error {
	planned := make([]plannedFile, len(files))
	total := 0
	for i, f := range files {
		planned[i] = plannedFile{Path: f.Path, Mode: fmt.Sprintf("%04o", f.Mode.Perm()), Size: len(f.Data)}
		total += len(f.Data)
	}
	if o.json {
		return writeJSON(o.io, struct {
			Framework string        `json:"framework"`
			Version   string        `json:"version"`
			Dir       string        `json:"dir"`
			Files     []plannedFile `json:"files"`
		}{m.Name, m.Version, dir, planned})
	}
	fmt.Fprintf(o.io.Out, "would write %d files (%d bytes) into %s (%s %s); nothing was written:\n", len(files), total, dir, m.Title, m.Version)
	width := len(fmt.Sprint(total))
	for _, f := range planned {
		fmt.Fprintf(o.io.Out, "  %s %*d  %s\n", f.Mode, width, f.Size, f.Path)
	}
	if o.prompted {
		fmt.Fprintf(o.io.Out, "\nTo do the same without questions:\n  %s\n", equivalentCommand(p, o.dir, "--dry-run"))
	}
	return nil
}

func (o *newOptions) printDone(m *generator.Manifest, p *generator.Project, dir string, files []generator.File) {
	here := filepath.Clean(dir) == "."
	if here {
		fmt.Fprintf(o.io.Out, "Created in the current directory: %s %s, %d files.\n", m.Title, m.Version, len(files))
	} else {
		fmt.Fprintf(o.io.Out, "Created %s: %s %s, %d files.\n", dir, m.Title, m.Version, len(files))
	}
	defer func() {
		if note := missingToolchainNote(o.io, m); note != "" {
			fmt.Fprintln(o.io.Err, note)
		}
	}()
	if o.prompted {
		fmt.Fprintf(o.io.Out, "\nTo do the same without questions:\n  %s\n", equivalentCommand(p, o.dir))
	}
	shown := dir
	if !filepath.IsAbs(shown) && !strings.HasPrefix(shown, ".") {
		shown = "./" + shown
	}
	steps, err := generator.NextSteps(p, shown)
	if err != nil {
		fmt.Fprintf(o.io.Err, "scaffold: next steps: %v\n", err)
		return
	}
	if here {
		// "cd ." is no step.
		steps = strings.Replace(steps, "cd .\n", "", 1)
	}
	if steps != "" {
		fmt.Fprintf(o.io.Out, "\nNext steps:\n%s", indent(steps, "  "))
	}
}

func indent(s, pad string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "")
}
