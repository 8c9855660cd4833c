package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/spf13/cobra"
)

// scaffold add and scaffold remove change a project's options after it
// exists: the update's three-way merge, with changed answers (and, when the
// project is behind, the newer template) on the template's side.

func newAddCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	return newChangeCmd(io, catalog, "add", `add OPTION[=VALUE]...`,
		"Change a project's options after it exists: a database, Docker, CI",
		`Change options of a project made by "scaffold new" (in the current directory, or -C DIR),
keeping your edits: scaffold renders the project with its recorded answers and with the
changed ones, and merges the difference into your files three ways, as "scaffold update"
does (same report, conflict markers, exit codes, --dry-run and atomic writing). When the
project is also behind this scaffold's template, the update comes with the change.

An on/off option without a value is turned on ("add docker" is "add docker=true"); give
KEY=VALUE for the others, and "remove KEY" (or KEY=false, KEY=none) to take one out again.
"scaffold describe FRAMEWORK" lists the options and their values.`,
		`  scaffold add docker ci
  scaffold add database=postgres
  scaffold add database=none docker=false
  scaffold add -C path/to/project ci --dry-run`)
}

func newRemoveCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	return newChangeCmd(io, catalog, "remove", `remove OPTION...`,
		`Take options out of a project again (the reverse of "scaffold add")`,
		`Turn options of a project off again, keeping your edits, as "scaffold add" changes them:
an on/off option becomes false ("remove docker" is "add docker=false"), and a choice that
has "none" becomes none ("remove database" is "add database=none").`,
		`  scaffold remove docker
  scaffold remove database ci --dry-run`)
}

func newChangeCmd(io *IO, catalog *generator.Catalog, verb, use, short, long, example string) *cobra.Command {
	o := &updateOptions{io: io, catalog: catalog, verb: verb}
	dir := "."
	cmd := &cobra.Command{
		Use:     use,
		Short:   short,
		Long:    long,
		Example: example,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("%s needs at least one option, e.g. \"scaffold %s docker\"; \"scaffold describe FRAMEWORK\" lists them", verb, verb)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.changes = args
			return o.run(cmd.Context(), dir)
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return completeChanges(catalog, dir, verb, args, toComplete)
		},
	}
	f := cmd.Flags()
	f.SortFlags = false
	f.StringVarP(&dir, "dir", "C", ".", "the project's directory")
	f.BoolVar(&o.dryRun, "dry-run", false, "print the report and a diff of what would change, write nothing")
	f.BoolVar(&o.json, "json", false, "with --dry-run: print the report as JSON")
	f.BoolVar(&o.allowDirty, "allow-dirty", false, "change a git work tree with uncommitted changes anyway")
	f.BoolVar(&o.noInput, "no-input", false, "never ask: options new in the template take their defaults")
	f.Var(onceString(&o.seed), "seed", "seed the renderings' secrets (tests only)")
	_ = f.MarkHidden("seed")
	return cmd
}

// optionChanges checks the changes asked for against the project's
// framework and answers and returns them as options to set, with a
// description for the report. Every problem is a usage error, before
// anything is rendered.
func optionChanges(verb string, m *generator.Manifest, a *generator.Answers, args []string) (map[string]string, string, error) {
	recorded := a.OptionStrings()
	sets := map[string]string{}
	var order []string
	for _, arg := range args {
		key, value, hasValue := strings.Cut(arg, "=")
		opt, ok := m.Option(key)
		if !ok {
			msg := fmt.Sprintf("%s has no option %q", m.Title, key)
			if s := input.Closest(key, m.OptionKeys()); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return nil, "", usagef("%s; its options: %s (\"scaffold describe %s\" says what each does)", msg, strings.Join(m.OptionKeys(), ", "), m.Name)
		}
		if why, fixed := m.Fixed[key]; fixed {
			return nil, "", usagef("option %q cannot be changed once the project exists: %s", key, why)
		}
		if _, twice := sets[key]; twice {
			return nil, "", usagef("option %q is given twice; give it once", key)
		}
		if verb == "remove" {
			if hasValue {
				return nil, "", usagef("remove takes option names (\"remove %s\"); to set a value, use \"scaffold add %s\"", key, arg)
			}
			switch {
			case opt.Kind == generator.KindBool:
				value = "false"
			case opt.Kind == generator.KindChoice && slices.Contains(opt.Choices, "none"):
				value = "none"
			default:
				return nil, "", usagef("option %q cannot be removed (it is one of %s); use \"scaffold add %s=VALUE\"", key, strings.Join(opt.Choices, ", "), key)
			}
		} else if !hasValue {
			if opt.Kind != generator.KindBool {
				return nil, "", usagef("option %q needs a value: scaffold add %s=VALUE (%s)", key, key, allowedValues(opt))
			}
			value = "true"
		}
		parsed, err := generator.ParseOptionValue(opt, value)
		if err != nil {
			return nil, "", err
		}
		value = generator.FormatOptionValue(parsed)
		if old, ok := recorded[key]; ok && old == value {
			return nil, "", usagef("option %q is already %s in this project; nothing to change", key, value)
		}
		sets[key] = value
		order = append(order, key+"="+value)
	}
	// Each changed option must apply with the answers as they will be
	// (an option asked only with Docker cannot be set without it).
	after := map[string]string{}
	for k, v := range recorded {
		after[k] = v
	}
	for k, v := range sets {
		after[k] = v
	}
	for key := range sets {
		applies, _, err := generator.OptionDefault(m, a.Name, after, key)
		if err != nil {
			return nil, "", err
		}
		if !applies {
			opt, _ := m.Option(key)
			return nil, "", usagef("option %q does not apply to this project (it applies when %s)", key, opt.When)
		}
	}
	return sets, strings.Join(order, ", "), nil
}

func allowedValues(opt generator.Option) string {
	if opt.Kind == generator.KindChoice {
		return "one of " + strings.Join(opt.Choices, ", ")
	}
	return "any text"
}

// completeChanges completes the options of the project's own framework
// (from its .scaffold.yaml) and their values.
func completeChanges(catalog *generator.Catalog, dir, verb string, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	data, err := os.ReadFile(filepath.Join(dir, generator.AnswersFile))
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	a, err := generator.ParseAnswers(data)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	m, err := catalog.Lookup(a.Framework)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	given := map[string]bool{}
	for _, arg := range args {
		k, _, _ := strings.Cut(arg, "=")
		given[k] = true
	}
	if key, _, ok := strings.Cut(toComplete, "="); ok && verb == "add" {
		opt, found := m.Option(key)
		if !found {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		values := opt.Choices
		if opt.Kind == generator.KindBool {
			values = []string{"true", "false"}
		}
		var out []string
		for _, v := range values {
			out = append(out, key+"="+v)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, opt := range m.Options {
		if given[opt.Key] {
			continue
		}
		if _, fixed := m.Fixed[opt.Key]; fixed {
			continue
		}
		switch {
		case verb == "remove" && (opt.Kind == generator.KindBool || slices.Contains(opt.Choices, "none")):
			out = append(out, opt.Key+"\t"+opt.Help)
		case verb == "add" && opt.Kind == generator.KindBool:
			out = append(out, opt.Key+"\t"+opt.Help, opt.Key+"=")
		case verb == "add":
			out = append(out, opt.Key+"=")
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
