package generator

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/names"
	"github.com/scaffold-cli/scaffold/generator/render"
)

// Version is scaffold's own version, recorded in every .scaffold.yaml. The
// CLI sets it once at start from the build (release ldflags, or the module
// version of `go install ...@vX`); library users and tests see this default,
// which the golden files record.
var Version = DefaultVersion

// DefaultVersion is the version of a build that carries none (a test, or a
// `go build` outside a git checkout).
const DefaultVersion = "0.1.0"

// Request is what the user asked for: a name and raw option values (from
// flags, --set or an answers file), all as text.
type Request struct {
	Name    string
	Options map[string]string
}

// Project is a fully resolved request: every option has a typed value and
// every derived name, var and secret is known. It is the data of every
// template.
type Project struct {
	Manifest *Manifest
	Name     string
	Names    map[string]string
	Options  map[string]any
	// Given holds the options the user set explicitly (the rest are defaults).
	Given   map[string]bool
	Secrets map[string]string
	Vars    map[string]string

	// templates parses the project's templates with one shared function
	// map: its manifest's (see Manifest.templateSet).
	templates *render.Set
	// patterns are the manifest's file rules split into path elements.
	patterns     [][]string
	patternsOnce sync.Once
}

// TemplateData is what templates see; see docs/template-format.md.
type TemplateData struct {
	Name      string
	Names     map[string]string
	Options   map[string]any
	Secrets   map[string]string
	Vars      map[string]string
	Versions  map[string]string
	Framework FrameworkInfo
	Scaffold  ScaffoldInfo
	// Dir is the target directory as the user wrote it (next_steps only).
	Dir string
}

// FrameworkInfo describes the framework to templates.
type FrameworkInfo struct{ Name, Title, Version string }

// ScaffoldInfo describes scaffold to templates.
type ScaffoldInfo struct{ Version string }

// Resolve validates a request against a manifest and fills in every default,
// derived name, var and secret. Secrets are drawn from random, in manifest
// order; pass crypto/rand.Reader for users and a seeded stream in tests.
func Resolve(m *Manifest, req Request, random io.Reader) (*Project, error) {
	return resolve(m, req, random, nil)
}

// resolve is Resolve with some secrets known (an existing project's, for
// update and add): those keep their value, the others are drawn from random
// as Resolve draws them. Every secret still takes its draw, so an unknown
// one gets the value it would get if none were known.
func resolve(m *Manifest, req Request, random io.Reader, known map[string]string) (*Project, error) {
	p, err := newProject(m, req.Name)
	if err != nil {
		return nil, err
	}
	for key := range req.Options {
		if _, ok := m.Option(key); !ok {
			return nil, unknownOptionError(m, key)
		}
	}
	for _, o := range m.Options {
		raw, given := req.Options[o.Key]
		if err := p.resolveOption(o, raw, given); err != nil {
			return nil, err
		}
	}
	for _, s := range m.Secrets {
		v, err := drawSecret(random, s)
		if err != nil {
			return nil, fmt.Errorf("drawing secret %q: %w", s.Key, err)
		}
		if k, ok := known[s.Key]; ok {
			v = k
		}
		p.Secrets[s.Key] = v
	}
	for _, v := range m.Vars {
		out, err := p.render("var "+v.Key, v.Template)
		if err != nil {
			return nil, fmt.Errorf("%s: var %q: %w", m.Name, v.Key, err)
		}
		p.Vars[v.Key] = out
	}
	return p, nil
}

// newProject starts resolving a project: its name checked and its names
// derived, nothing else known yet.
func newProject(m *Manifest, name string) (*Project, error) {
	derived, err := names.Derive(name, m.Names)
	if err != nil {
		return nil, err
	}
	return &Project{
		Manifest:  m,
		templates: m.templateSet(),
		Name:      name,
		Names:     derived,
		Options:   map[string]any{},
		Given:     map[string]bool{},
		Secrets:   map[string]string{},
		Vars:      map[string]string{},
	}, nil
}

// resolveOption sets one option, in manifest order: its zero value when its
// condition is false, else the given raw value or its default, parsed.
func (p *Project) resolveOption(o Option, raw string, given bool) error {
	applies, err := p.condition(o.When)
	if err != nil {
		return fmt.Errorf("%s: option %q: when: %w", p.Manifest.Name, o.Key, err)
	}
	if !applies {
		if given {
			return input.Errorf("option %q does not apply here (it needs %s); leave it out", o.Key, o.When)
		}
		p.Options[o.Key] = zeroValue(o)
		return nil
	}
	if !given {
		if raw, err = p.renderDefault(o); err != nil {
			return err
		}
	}
	v, err := ParseOptionValue(o, raw)
	if err != nil {
		return err
	}
	p.Options[o.Key] = v
	p.Given[o.Key] = given
	return nil
}

// optionDefault evaluates an option's condition and, when it holds, its
// default, against the options resolved so far.
func (p *Project) optionDefault(o Option) (applies bool, def string, err error) {
	m := p.Manifest
	if applies, err = p.condition(o.When); err != nil {
		return false, "", fmt.Errorf("%s: option %q: when: %w", m.Name, o.Key, err)
	}
	if !applies {
		return false, "", nil
	}
	def, err = p.renderDefault(o)
	return err == nil, def, err
}

func (p *Project) renderDefault(o Option) (string, error) {
	def, err := p.render("default of "+o.Key, o.Default)
	if err != nil {
		return "", fmt.Errorf("%s: option %q: default: %w", p.Manifest.Name, o.Key, err)
	}
	return def, nil
}

// WalkOptions resolves m's options for a project called name in manifest
// order, as Resolve does, on one project for the whole walk: an option in
// given takes that value; for every other one whose condition holds, answer
// is called with its default (as text, before parsing) and what it returns
// is the option's value, given as if on the command line, or, when it
// returns ok false, the default is. A bad value, given or answered, fails
// the walk where it meets it, as Resolve words it. Asking the options one
// at a time through OptionDefault would resolve every earlier option again
// for each question.
func WalkOptions(m *Manifest, name string, given map[string]string, answer func(o Option, def string) (value string, ok bool, err error)) error {
	p, err := newProject(m, name)
	if err != nil {
		return err
	}
	for _, o := range m.Options {
		raw, isGiven := given[o.Key]
		if !isGiven {
			applies, def, err := p.optionDefault(o)
			if err != nil {
				return err
			}
			if applies {
				value, ok, err := answer(o, def)
				if err != nil {
					return err
				}
				raw, isGiven = value, ok
			}
		}
		if err := p.resolveOption(o, raw, isGiven); err != nil {
			return err
		}
	}
	return nil
}

// OptionDefault evaluates option key at its turn, as Resolve would: whether
// its condition holds and, if so, its default (as text, before parsing), for
// a project called name whose options before key have the raw values in
// earlier. Earlier options missing from earlier take their defaults; entries
// for key and the options after it are ignored. A bad earlier value is
// reported as Resolve reports it, so a caller asking one question at a time
// learns of it at once.
func OptionDefault(m *Manifest, name string, earlier map[string]string, key string) (applies bool, def string, err error) {
	p, err := newProject(m, name)
	if err != nil {
		return false, "", err
	}
	for _, o := range m.Options {
		if o.Key == key {
			return p.optionDefault(o)
		}
		raw, given := earlier[o.Key]
		if err := p.resolveOption(o, raw, given); err != nil {
			return false, "", err
		}
	}
	return false, "", unknownOptionError(m, key)
}

func unknownOptionError(m *Manifest, key string) error {
	keys := m.OptionKeys()
	if s := input.Closest(key, keys); s != "" {
		return input.Errorf("unknown option %q for %s (did you mean %q?); run \"scaffold describe %s\"", key, m.Name, s, m.Name)
	}
	if len(keys) == 0 {
		return input.Errorf("unknown option %q: %s has no options", key, m.Name)
	}
	return input.Errorf("unknown option %q for %s (its options: %s); run \"scaffold describe %s\"", key, m.Name, strings.Join(keys, ", "), m.Name)
}

func zeroValue(o Option) any {
	if o.Kind == KindBool {
		return false
	}
	return ""
}

// ParseOptionValue turns text into the option's typed value, or explains
// which values are allowed.
func ParseOptionValue(o Option, raw string) (any, error) {
	switch o.Kind {
	case KindBool:
		switch strings.ToLower(strings.TrimSpace(raw)) {
		case "true", "yes", "y", "1", "on":
			return true, nil
		case "false", "no", "n", "0", "off":
			return false, nil
		}
		return nil, input.Errorf("option %q is true or false, not %q", o.Key, raw)
	case KindChoice:
		if slices.Contains(o.Choices, raw) {
			return raw, nil
		}
		msg := fmt.Sprintf("option %q must be one of %s, not %q", o.Key, strings.Join(o.Choices, ", "), raw)
		return nil, input.Errorf("%s%s", msg, choiceHint(raw, o.Choices))
	default:
		if raw == "" {
			return nil, input.Errorf("option %q must not be empty", o.Key)
		}
		if strings.ContainsFunc(raw, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return nil, input.Errorf("option %q contains control characters", o.Key)
		}
		if o.Validate != "" {
			rule, _ := names.Lookup(o.Validate) // the manifest check made sure it exists
			if _, err := rule.Derive(raw); err != nil {
				return nil, fmt.Errorf("option %q: %w", o.Key, err)
			}
		}
		return raw, nil
	}
}

// FormatOptionValue is the inverse of ParseOptionValue.
func FormatOptionValue(v any) string {
	switch v := v.(type) {
	case bool:
		return strconv.FormatBool(v)
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// Data is the template data of the project.
func (p *Project) Data() TemplateData {
	m := p.Manifest
	return TemplateData{
		Name:      p.Name,
		Names:     p.Names,
		Options:   p.Options,
		Secrets:   p.Secrets,
		Vars:      p.Vars,
		Versions:  nonNil(m.Versions),
		Framework: FrameworkInfo{Name: m.Name, Title: m.Title, Version: m.Version},
		Scaffold:  ScaffoldInfo{Version: Version},
	}
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// render executes a small template (a default, a var, a path element)
// against the project as resolved so far.
func (p *Project) render(name, text string) (string, error) {
	return p.ts().String(name, text, p.Data())
}

// condition evaluates a `when` pipeline; an empty one is true.
func (p *Project) condition(expr string) (bool, error) {
	return p.ts().Condition(expr, p.Data())
}

// NextSteps renders the manifest's next_steps for a project written to dir.
func NextSteps(p *Project, dir string) (string, error) {
	data := p.Data()
	data.Dir = dir
	return p.ts().String("next_steps", p.Manifest.NextSteps, data)
}

// Render executes a template string against the project (e2e commands use it).
func (p *Project) Render(name, text string) (string, error) { return p.render(name, text) }

// Condition evaluates a `when` pipeline against the project.
func (p *Project) Condition(expr string) (bool, error) { return p.condition(expr) }

// ts is the project's template set; a Project made without newProject (a
// literal in a test) gets one of its own.
func (p *Project) ts() *render.Set {
	if p.templates == nil {
		p.templates = p.Manifest.templateSet()
	}
	return p.templates
}

// choiceHint says which choice a wrong value most likely meant: the same
// letters in another case ("TS" for "ts"), a number below or above every
// numeric choice (Java 11 where 17 is the lowest), or a near typo.
func choiceHint(raw string, choices []string) string {
	for _, c := range choices {
		if strings.EqualFold(c, strings.TrimSpace(raw)) {
			return fmt.Sprintf(" (did you mean %q?)", c)
		}
	}
	if n, err := strconv.Atoi(raw); err == nil {
		lo, hi, numeric := 0, 0, true
		for i, c := range choices {
			v, err := strconv.Atoi(c)
			if err != nil {
				numeric = false
				break
			}
			if i == 0 || v < lo {
				lo = v
			}
			if i == 0 || v > hi {
				hi = v
			}
		}
		switch {
		case numeric && n < lo:
			return fmt.Sprintf(" (%s is not supported: %d is the lowest; did you mean %q?)", raw, lo, strconv.Itoa(lo))
		case numeric && n > hi:
			return fmt.Sprintf(" (%s is not supported yet: %d is the highest)", raw, hi)
		}
	}
	if s := input.Closest(raw, choices); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}
