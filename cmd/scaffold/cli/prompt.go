package cli

import (
	"fmt"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/names"
)

// canPrompt reports whether questions may be asked at all: only at a
// terminal, and never with --no-input. Without it nothing is read from stdin.
func (o *newOptions) canPrompt() bool {
	return o.io.Interactive && !o.noInput && o.io.Prompter != nil
}

// whyNoPrompt says, for a usage error, why nothing was asked.
func (o *newOptions) whyNoPrompt() string {
	if o.noInput {
		return "--no-input is set, so nothing is asked"
	}
	return "stdin or stdout is not a terminal, so nothing is asked"
}

// nameRules is the project-name rule every framework shares, said briefly.
const nameRules = "NAME starts with a letter and has only letters, digits, '-', '_' and '.'"

// askNameAndFramework fills in the project name and framework, asking at a
// terminal for what the arguments left out, and returns the framework.
//
// The name is asked first and checked as it is typed by the rules every
// framework shares, and by the framework's own rules when the framework is
// already known. When the framework is chosen after the name and its rules
// refuse the name, the reason is shown and the name asked again.
func (o *newOptions) askNameAndFramework() (*generator.Manifest, error) {
	var m *generator.Manifest
	if o.framework != "" {
		var err error
		if m, err = o.catalog.Lookup(o.framework); err != nil {
			return nil, err // fail on a typo before asking anything
		}
	}
	if o.name != "" {
		// With the framework known, its rules too, so that a name offered
		// instead is one the framework accepts ("CON" -> "con-app" for Gin).
		check := names.CheckProjectName
		if m != nil {
			check = frameworkNameCheck(m)
		}
		if err := check(o.name); err != nil {
			return nil, err
		}
	}
	if (o.name == "" || m == nil) && !o.canPrompt() {
		return nil, o.missingNameOrFramework()
	}
	askedName := false
	if o.name == "" {
		validate := names.CheckProjectName
		if m != nil {
			validate = frameworkNameCheck(m)
		}
		name, err := o.io.Prompter.Input("Project name:", "a directory of this name is created; it also names the package, module or app", "", validate)
		if err != nil {
			return nil, err
		}
		o.name, o.prompted, askedName = name, true, true
	}
	if m == nil {
		var frameworks, descriptions []string
		for _, fm := range o.catalog.Manifests() {
			frameworks = append(frameworks, fm.Name)
			descriptions = append(descriptions, fmt.Sprintf("%s %s — %s", fm.Title, fm.Version, fm.Description))
		}
		fw, err := o.io.Prompter.Select("Framework:", "the framework of the project; \"scaffold describe NAME\" shows its options", frameworks, descriptions, frameworks[0])
		if err != nil {
			return nil, err
		}
		if m, err = o.catalog.Lookup(fw); err != nil {
			return nil, err
		}
		o.framework, o.prompted = fw, true
	}
	if _, err := names.Derive(o.name, m.Names); err != nil {
		if !askedName {
			return nil, err
		}
		fmt.Fprintf(o.io.Err, "%s needs another name: %v\n", m.Title, err)
		name, err := o.io.Prompter.Input("Project name:", "a name that suits "+m.Title, "", frameworkNameCheck(m))
		if err != nil {
			return nil, err
		}
		o.name = name
	}
	return m, nil
}

// frameworkNameCheck checks a project name by every rule of framework m.
func frameworkNameCheck(m *generator.Manifest) func(string) error {
	return func(name string) error {
		_, err := names.Derive(name, m.Names)
		return err
	}
}

// missingNameOrFramework is the usage error for a name or framework that
// was not given where nothing may be asked.
func (o *newOptions) missingNameOrFramework() error {
	frameworks := strings.Join(o.catalog.Names(), ", ")
	switch {
	case o.name == "" && o.framework == "":
		return usagef("missing the project name and --framework: scaffold new NAME --framework=FRAMEWORK, where FRAMEWORK is one of: %s; %s (%s)", frameworks, nameRules, o.whyNoPrompt())
	case o.name == "":
		return usagef("missing the project name: scaffold new NAME --framework=%s, where %s (%s)", o.framework, nameRules, o.whyNoPrompt())
	default:
		return usagef("missing --framework; one of: %s (%s)", frameworks, o.whyNoPrompt())
	}
}

// askOptions walks the framework's options in manifest order and fills raw
// (option key to text, as flags give it) with an answer for each one that
// the command line left out and whose condition holds: asked at a terminal,
// its default with --yes or where nothing may be asked. An option with no
// default is a usage error where it cannot be asked. A bad given value is
// reported as soon as the walk passes it.
func (o *newOptions) askOptions(m *generator.Manifest, raw map[string]string) error {
	for _, key := range sortedKeys(toSet(raw)) {
		if _, ok := m.Option(key); !ok {
			// before any question; OptionDefault words it as Resolve does
			_, _, err := generator.OptionDefault(m, o.name, nil, key)
			return err
		}
	}
	ask := o.canPrompt() && !o.yes
	return generator.WalkOptions(m, o.name, raw, func(opt generator.Option, def string) (string, bool, error) {
		if !ask {
			if _, err := generator.ParseOptionValue(opt, def); err != nil && def == "" {
				return "", false, o.missingOption(opt)
			}
			return "", false, nil // the default (a broken one is reported)
		}
		answer, err := o.askOption(opt, def)
		if err != nil {
			return "", false, err
		}
		raw[opt.Key], o.prompted = answer, true
		return answer, true, nil
	})
}

// askOption asks one option's question with the widget that suits its kind
// and returns the answer as text.
func (o *newOptions) askOption(opt generator.Option, def string) (string, error) {
	return askOption(o.io.Prompter, opt, def)
}

func askOption(p Prompter, opt generator.Option, def string) (string, error) {
	msg := question(opt.Prompt)
	switch opt.Kind {
	case generator.KindBool:
		d, _ := generator.ParseOptionValue(opt, def)
		yes, _ := d.(bool) // no usable default: "no" is shown, and asked
		answer, err := p.Confirm(msg, opt.Help, yes)
		if err != nil {
			return "", err
		}
		return generator.FormatOptionValue(answer), nil
	case generator.KindChoice:
		if _, err := generator.ParseOptionValue(opt, def); err != nil {
			def = "" // a default outside the choices: start on the first
		}
		return p.Select(msg, opt.Help, opt.Choices, nil, def)
	default:
		return p.Input(msg, opt.Help, def, func(s string) error {
			_, err := generator.ParseOptionValue(opt, s)
			return err
		})
	}
}

// question ends a manifest prompt like the built-in ones ("Project name:").
func question(prompt string) string {
	if strings.HasSuffix(prompt, "?") || strings.HasSuffix(prompt, ":") {
		return prompt
	}
	return prompt + ":"
}

// missingOption is the usage error for an option without a default that
// cannot be asked.
func (o *newOptions) missingOption(opt generator.Option) error {
	var allowed string
	switch opt.Kind {
	case generator.KindBool:
		allowed = "true or false"
	case generator.KindChoice:
		allowed = "one of: " + strings.Join(opt.Choices, ", ")
	default:
		allowed = "a non-empty value"
	}
	why := o.whyNoPrompt()
	if o.yes && o.canPrompt() {
		why = "--yes takes defaults, and it has none"
	}
	return usagef("missing --%s (%s; %s): %s", opt.Key, allowed, why, opt.Help)
}

// equivalentCommand is the command that generates the same project without
// a question, quoted for a POSIX shell: the name, the framework and every
// option whose value is not the default it would get anyway. Options are
// compared in manifest order, each against the default the values before it
// give, so leaving the others out reproduces them exactly.
func equivalentCommand(p *generator.Project, dir string, extra ...string) string {
	m := p.Manifest
	args := []string{"scaffold", "new", shellQuote(p.Name), "--framework=" + m.Name}
	if m.Source != "" {
		args[3] = "--template=" + shellQuote(m.TemplateArg())
	}
	if dir != "" {
		args = append(args, "--dir="+shellQuote(dir))
	}
	args = append(args, extra...)
	args = append(args, "--yes")
	for _, o := range generator.ChangedOptions(p) {
		if opt, _ := m.Option(o.Key); opt.Kind == generator.KindBool && o.Value == "true" {
			args = append(args, "--"+o.Key)
			continue
		}
		args = append(args, "--"+o.Key+"="+shellQuote(o.Value))
	}
	return strings.Join(args, " ")
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@=+,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
