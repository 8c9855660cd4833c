package generator

import (
	"bytes"
	"strings"
)

// This file is the facade the CLI's describe and `scaffold serve` share: a
// framework described as data, and the options a project sets that differ
// from their defaults.

// DescribeExampleName is the project name Describe resolves defaults for:
// a default may be derived from the name.
const DescribeExampleName = "myapp"

// BuiltIn is the Source of a Description of a framework built into scaffold.
const BuiltIn = "built-in"

// Description is a framework as `scaffold describe --json` and the HTTP
// catalog show it.
type Description struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Version     string `json:"version"`
	Language    string `json:"language"`
	Description string `json:"description"`
	// Source is where the framework comes from: BuiltIn, or the directory
	// of a local or custom template.
	Source   string              `json:"source"`
	Versions map[string]string   `json:"versions"`
	Options  []OptionDescription `json:"options"`
}

// OptionDescription is one option of a Description; Default is the value
// it takes for a project named DescribeExampleName.
type OptionDescription struct {
	Key      string   `json:"key"`
	Kind     string   `json:"kind"`
	Default  string   `json:"default"`
	Choices  []string `json:"choices,omitempty"`
	Prompt   string   `json:"prompt"`
	Help     string   `json:"help"`
	Validate string   `json:"validate,omitempty"`
	When     string   `json:"when,omitempty"`
}

// Describe describes a framework, defaults as they come out for a project
// named DescribeExampleName (secrets are drawn from zeros: none is shown).
func Describe(m *Manifest) Description {
	out := Description{
		Name: m.Name, Title: m.Title, Version: m.Version, Language: m.Language,
		Description: m.Description, Source: m.Source, Versions: nonNil(m.Versions), Options: []OptionDescription{},
	}
	if out.Source == "" {
		out.Source = BuiltIn
	}
	var defaults map[string]any
	if p, err := Resolve(m, Request{Name: DescribeExampleName}, bytes.NewReader(make([]byte, 1<<16))); err == nil {
		defaults = p.Options
	}
	for _, o := range m.Options {
		def := o.Default
		if v, ok := defaults[o.Key]; ok && o.When == "" {
			def = FormatOptionValue(v)
		}
		out.Options = append(out.Options, OptionDescription{
			Key: o.Key, Kind: o.Kind, Default: def, Choices: o.Choices,
			Prompt: o.Prompt, Help: o.Help, Validate: o.Validate, When: o.When,
		})
	}
	return out
}

// OptionValue is one option and its value as text.
type OptionValue struct{ Key, Value string }

// ChangedOptions lists, in manifest order, the options of p whose values
// differ from the default they would get anyway: giving exactly these (and
// the name) reproduces p. Options are compared one at a time, each against
// the default the values before it give; options that do not apply are
// left out.
func ChangedOptions(p *Project) []OptionValue {
	m := p.Manifest
	var out []OptionValue
	values := map[string]string{}
	for _, o := range m.Options {
		applies, def, err := OptionDefault(m, p.Name, values, o.Key)
		if err != nil || !applies {
			continue
		}
		v := p.Options[o.Key]
		values[o.Key] = FormatOptionValue(v)
		if d, err := ParseOptionValue(o, def); err == nil && d == v {
			continue
		}
		out = append(out, OptionValue{o.Key, values[o.Key]})
	}
	return out
}

// MajorMinor is a framework's version as `scaffold list` shows it, in one
// form for every framework: MAJOR.MINOR, the release line a project is made
// for and the lowest it accepts. Manifests give the version as precisely as
// the project pins it: an exact release ("5.3.0" for npm), a line ("5.2" for
// Django's >=5.2.19,<6.0), a major ("13" for Laravel's ^13.0, i.e. 13.0 or
// later). A version that is not numbers and dots is returned as it is.
func MajorMinor(version string) string {
	parts := strings.Split(version, ".")
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return version
		}
	}
	if len(parts) == 1 {
		parts = append(parts, "0")
	}
	return parts[0] + "." + parts[1]
}
