package generator

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
	"gopkg.in/yaml.v3"
)

// Answers is the content of .scaffold.yaml: enough to regenerate the project
// byte for byte (secrets aside — they are never recorded, since the file is
// committed).
type Answers struct {
	ScaffoldVersion  string `yaml:"scaffold_version"`
	Framework        string `yaml:"framework"`
	FrameworkVersion string `yaml:"framework_version"`
	TemplateVersion  int    `yaml:"template_version"`
	// Template is where a custom template came from (see Manifest.Source);
	// empty, and left out, for a built-in framework.
	Template string `yaml:"template,omitempty"`
	// For a template in a git repository (Template is its URL): the ref
	// given (empty: the default branch), the commit it resolved to, and the
	// template's directory in the repository (empty: its root).
	TemplateRef    string         `yaml:"template_ref,omitempty"`
	TemplateCommit string         `yaml:"template_commit,omitempty"`
	TemplatePath   string         `yaml:"template_path,omitempty"`
	Name           string         `yaml:"name"`
	Options        map[string]any `yaml:"options"` // typed: true, not "true"
}

const answersHeader = `# Written by scaffold; commit it. It records how this project was generated:
#   scaffold new --answers .scaffold.yaml --dir <somewhere-else>
# regenerates the same files (secrets aside: they are never stored here).
`

// AnswersYAML renders .scaffold.yaml for the project. Every option is
// recorded, defaults included, so a later default change can't alter a
// regeneration.
func (p *Project) AnswersYAML() []byte {
	a := Answers{
		ScaffoldVersion:  Version,
		Framework:        p.Manifest.Name,
		FrameworkVersion: p.Manifest.Version,
		TemplateVersion:  p.Manifest.TemplateVersion,
		Template:         p.Manifest.Source,
		Name:             p.Name,
		Options:          map[string]any{},
	}
	if g := p.Manifest.Git; g != nil {
		a.TemplateRef, a.TemplateCommit, a.TemplatePath = g.Ref, g.Commit, g.Subdir
	}
	for k, v := range p.Options {
		if o, _ := p.Manifest.Option(k); o.When != "" && !p.applies(o) {
			continue // not applicable: recording it would make --answers refuse it
		}
		a.Options[k] = v
	}
	var b bytes.Buffer
	b.WriteString(answersHeader)
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(a); err != nil {
		panic(err) // encoding a struct of strings cannot fail
	}
	return b.Bytes()
}

func (p *Project) applies(o Option) bool {
	ok, err := p.condition(o.When)
	return err == nil && ok
}

// ParseAnswers reads a .scaffold.yaml.
func ParseAnswers(data []byte) (*Answers, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var a Answers
	if err := dec.Decode(&a); err != nil {
		return nil, input.Errorf("answers file: %s", yamlErrorLine(err))
	}
	if a.Framework == "" || a.Name == "" {
		return nil, input.Errorf("answers file: framework and name are required")
	}
	return &a, nil
}

// yamlErrorLine turns a yaml.v3 error into one line without Go type names
// ("unmarshal errors:\n  line 3: field x not found in type generator.Answers").
func yamlErrorLine(err error) string {
	var te *yaml.TypeError
	msgs := []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	for i, m := range msgs {
		m = typeNameRe.ReplaceAllString(m, "")
		msgs[i] = strings.Join(strings.Fields(m), " ")
	}
	return strings.Join(msgs, "; ")
}

var typeNameRe = lazyre.New(` (in|into) type [\w.\[\]*]+`)

// OptionStrings returns the recorded options as text, as flags give them.
func (a *Answers) OptionStrings() map[string]string {
	out := make(map[string]string, len(a.Options))
	for k, v := range a.Options {
		out[k] = FormatOptionValue(v)
	}
	return out
}

// Warning returns a note when the answers were written by another scaffold
// or template version, so the output may differ.
func (a *Answers) Warning(m *Manifest) string {
	var notes []string
	if a.ScaffoldVersion != "" && a.ScaffoldVersion != Version {
		notes = append(notes, fmt.Sprintf("scaffold %s (this is %s)", a.ScaffoldVersion, Version))
	}
	if a.TemplateVersion != 0 && a.TemplateVersion != m.TemplateVersion {
		notes = append(notes, fmt.Sprintf("template version %d (this is %d)", a.TemplateVersion, m.TemplateVersion))
	}
	if len(notes) == 0 {
		return ""
	}
	return "note: these answers were written by " + strings.Join(notes, " and ") + "; the output may differ"
}
