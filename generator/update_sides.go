package generator

import (
	"bytes"
	"fmt"
	"io/fs"
	"sort"

	"github.com/scaffold-cli/scaffold/generator/secretscan"
	"github.com/scaffold-cli/scaffold/generator/tree"
	"github.com/scaffold-cli/scaffold/generator/update"
)

// UpdateSides are the two renderings `scaffold update` merges a project on
// disk against: Base, the project as its recorded template version renders
// it, and Theirs, as the current version renders it with the same answers.
// Both are rendered with the project's own secrets, as found in its files
// (see generator/secretscan), so that a line holding a secret is the
// project's line on every side; a secret not found is drawn from the seed,
// alike for both.
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
// recorded, with current (loaded by LoadManifest or a catalog) as the newer
// side and its templates tree's history for the older. ours is the
// project's directory, read (never written) to find its secrets; nil
// renders with the seed's. set answers options (new ones, or changed ones)
// for the current version; options it does not give keep their recorded
// value, and options new in the current version take their defaults. seed
// seeds the secrets not found in ours, alike for both renderings.
func RenderUpdate(current *Manifest, a *Answers, ours fs.FS, set map[string]string, seed string) (*UpdateSides, error) {
	if current.tree == nil || current.Name != a.Framework {
		return nil, fmt.Errorf("update of a %s project needs the %s manifest as loaded from its templates", a.Framework, a.Framework)
	}
	old, err := ManifestAt(current.tree, a.Framework, a.TemplateVersion)
	if err != nil {
		return nil, err
	}
	return RenderUpdateFrom(old, current, a, ours, set, seed)
}

// RenderUpdateFrom is RenderUpdate with the base's manifest given: for a
// template in git, the recorded commit's (see LoadGitTemplate), which needs
// no frozen history.
func RenderUpdateFrom(old, current *Manifest, a *Answers, ours fs.FS, set map[string]string, seed string) (*UpdateSides, error) {
	if old.Name != a.Framework || current.Name != a.Framework {
		return nil, fmt.Errorf("update of a %s project needs %s manifests, not %s and %s", a.Framework, a.Framework, old.Name, current.Name)
	}
	base, secrets, err := renderBase(old, a, ours, seed)
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
	theirsProject, err := resolve(current, Request{Name: a.Name, Options: options}, SeededRandom(seed), stillFitting(current, secrets))
	if err != nil {
		return nil, err
	}
	theirs, err := Generate(theirsProject)
	if err != nil {
		return nil, err
	}
	return &UpdateSides{From: old.TemplateVersion, To: current.TemplateVersion, Base: base, Theirs: theirs, Project: theirsProject, Dropped: dropped}, nil
}

// renderBase renders the project as old made it, with the secrets found
// in ours, and returns those secrets (by key) for the other side. It
// renders once with the seed's secrets as stand-ins to look for, and again
// only when it found some.
func renderBase(old *Manifest, a *Answers, ours fs.FS, seed string) ([]File, map[string]string, error) {
	request := Request{Name: a.Name, Options: a.OptionStrings()}
	seeded, err := Resolve(old, request, SeededRandom(seed))
	if err != nil {
		return nil, nil, err
	}
	base, err := Generate(seeded)
	if err != nil {
		return nil, nil, err
	}
	if ours == nil || len(old.Secrets) == 0 {
		return base, nil, nil
	}
	standIns := make([]secretscan.Secret, len(old.Secrets))
	for i, s := range old.Secrets {
		standIns[i] = secretscan.Secret{Key: s.Key, StandIn: seeded.Secrets[s.Key], Fits: s.fits}
	}
	found := secretscan.Recover(withoutAnswers(base), standIns, ours)
	if len(found) == 0 {
		return base, nil, nil
	}
	own, err := resolve(old, request, SeededRandom(seed), found)
	if err != nil {
		return nil, nil, err
	}
	base, err = Generate(own)
	if err != nil {
		return nil, nil, err
	}
	return base, found, nil
}

// stillFitting keeps the found secrets that current declares alike: one
// whose encoding or length the new version changed is drawn anew, in the
// form its templates now expect.
func stillFitting(current *Manifest, found map[string]string) map[string]string {
	out := map[string]string{}
	for _, s := range current.Secrets {
		if v, ok := found[s.Key]; ok && s.fits(v) {
			out[s.Key] = v
		}
	}
	return out
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
