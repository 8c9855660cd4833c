package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"sort"

	"github.com/scaffold-cli/scaffold/generator/tree"
	"github.com/scaffold-cli/scaffold/generator/update"
)

// UpdateSides are the two renderings `scaffold update` merges a project on
// disk against: Base, the project as its recorded template version renders
// it, and Theirs, as the current version renders it with the same answers.
// Both are made from one seed, so they share every secret: a secret is then
// unchanged by the template, and the project keeps its own.
type UpdateSides struct {
	From, To int // template versions
	Base     []File
	Theirs   []File
	// Project is the current version's project: its AnswersYAML is the new
	// .scaffold.yaml.
	Project *Project
	// Dropped lists recorded options the current version no longer has.
	Dropped []string
}

// RenderUpdate renders both sides of an update from the answers a project
// recorded, with current (loaded by LoadManifest or a catalog) as the
// newer side and its templates tree's history for the older. set answers options (new ones, or changed ones) for the current
// version; options it does not give keep their recorded value, and options
// new in the current version take their defaults. seed seeds the secrets
// of both renderings alike.
func RenderUpdate(current *Manifest, a *Answers, set map[string]string, seed string) (*UpdateSides, error) {
	if current.tree == nil || current.Name != a.Framework {
		return nil, fmt.Errorf("update of a %s project needs the %s manifest as loaded from its templates", a.Framework, a.Framework)
	}
	old, err := ManifestAt(current.tree, a.Framework, a.TemplateVersion)
	if err != nil {
		return nil, err
	}
	return RenderUpdateFrom(old, current, a, set, seed)
}

// RenderUpdateFrom is RenderUpdate with the base's manifest given: for a
// template in git, the recorded commit's (see LoadGitTemplate), which needs
// no frozen history.
func RenderUpdateFrom(old, current *Manifest, a *Answers, set map[string]string, seed string) (*UpdateSides, error) {
	if old.Name != a.Framework || current.Name != a.Framework {
		return nil, fmt.Errorf("update of a %s project needs %s manifests, not %s and %s", a.Framework, a.Framework, old.Name, current.Name)
	}
	baseProject, err := ResolveAnswers(old, a, SeededRandom(seed))
	if err != nil {
		return nil, err
	}
	base, err := Generate(baseProject)
	if err != nil {
		return nil, err
	}
	options := map[string]string{}
	var dropped []string
	for k, v := range a.OptionStrings() {
		if _, ok := current.Option(k); ok {
			options[k] = v
		} else {
			dropped = append(dropped, k)
		}
	}
	for k, v := range set {
		options[k] = v
	}
	sort.Strings(dropped)
	theirsProject, err := Resolve(current, Request{Name: a.Name, Options: options}, SeededRandom(seed))
	if err != nil {
		return nil, err
	}
	theirs, err := Generate(theirsProject)
	if err != nil {
		return nil, err
	}
	return &UpdateSides{From: old.TemplateVersion, To: current.TemplateVersion, Base: base, Theirs: theirs, Project: theirsProject, Dropped: dropped}, nil
}

// Plan decides the update of the project whose files are ours (its
// directory), recorded being its .scaffold.yaml as read: every file the
// templates render, merged three ways, and .scaffold.yaml rewritten to
// record the new template version and answers. It is what `scaffold update`
// applies; it writes nothing.
func (s *UpdateSides) Plan(ours fs.FS, recorded []byte) (*update.Plan, error) {
	plan, err := update.Compute(ours, withoutAnswers(s.Base), withoutAnswers(s.Theirs))
	if err != nil {
		return nil, err
	}
	if answers := s.Project.AnswersYAML(); !bytes.Equal(answers, recorded) {
		plan.Changes = append(plan.Changes, update.Change{Path: AnswersFile, Action: update.Updated, Why: fmt.Sprintf("records template version %d", s.To),
			Write: &tree.File{Path: AnswersFile, Mode: 0o644, Data: answers}, Before: recorded})
	}
	return plan, nil
}

// withoutAnswers leaves out .scaffold.yaml, which an update rewrites rather
// than merges.
func withoutAnswers(files []File) []File {
	out := make([]File, 0, len(files))
	for _, f := range files {
		if f.Path != AnswersFile {
			out = append(out, f)
		}
	}
	return out
}
