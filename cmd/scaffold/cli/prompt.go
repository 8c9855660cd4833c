package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
)

// canPrompt reports whether questions may be asked at all.
func (o *newOptions) canPrompt() bool {
	return o.io.Interactive && !o.noInput && o.io.Prompter != nil
}

// askNameAndFramework fills in the project name and framework, asking at a
// terminal and failing with a usage error anywhere else.
func (o *newOptions) askNameAndFramework() error {
	if o.name == "" {
		if !o.canPrompt() {
			return usagef("missing the project name: scaffold new NAME --framework=%s", o.frameworkHint())
		}
		name, err := o.io.Prompter.Input("Project name:", "a directory of this name is created; it also names the package, module or app", "", generator.CheckProjectName)
		if err != nil {
			return err
		}
		o.name, o.prompted = name, true
	}
	if o.framework == "" {
		if !o.canPrompt() {
			return usagef("missing --framework; one of: %s", strings.Join(o.catalog.Names(), ", "))
		}
		var names, descriptions []string
		for _, m := range o.catalog.Manifests() {
			names = append(names, m.Name)
			descriptions = append(descriptions, fmt.Sprintf("%s %s — %s", m.Title, m.Version, m.Description))
		}
		fw, err := o.io.Prompter.Select("Framework:", "", names, descriptions, names[0])
		if err != nil {
			return err
		}
		o.framework, o.prompted = fw, true
	}
	return nil
}

func (o *newOptions) frameworkHint() string {
	if o.framework != "" {
		return o.framework
	}
	return strings.Join(o.catalog.Names(), "|")
}

// askOptions asks, at a terminal and without --yes, for each option the
// command line left out. Without a terminal, defaults apply: every option
// has one.
func (o *newOptions) askOptions(m *generator.Manifest, raw map[string]string) error {
	if o.yes || !o.canPrompt() {
		return nil
	}
	return nil
}

// equivalentCommand is the non-interactive command that generates the same
// project, quoted for a POSIX shell.
func equivalentCommand(p *generator.Project, dir string) string {
	args := []string{"scaffold", "new", shellQuote(p.Name), "--framework=" + p.Manifest.Name}
	if dir != "" {
		args = append(args, "--dir="+shellQuote(dir))
	}
	var keys []string
	for k := range p.Options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		args = append(args, "--"+k+"="+shellQuote(generator.FormatOptionValue(p.Options[k])))
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
