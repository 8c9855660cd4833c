package generator

import (
	"io"
	"io/fs"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/source"
)

// ManifestAt loads framework name at template version v from the templates
// tree fsys: the current manifest when v is its template_version, else the
// version frozen under its history/. A version newer than the tree knows,
// or one that was never shipped, is an input error saying what to do.
func ManifestAt(fsys fs.FS, name string, v int, opts ...LoadOption) (*Manifest, error) {
	current, err := LoadManifest(fsys, name, opts...)
	if err != nil {
		return nil, err
	}
	switch {
	case v == current.TemplateVersion:
		return current, nil
	case v > current.TemplateVersion:
		return nil, input.Errorf("the project was made with %s template version %d, newer than this scaffold's %d; install a newer scaffold", name, v, current.TemplateVersion)
	case v < 1:
		return nil, input.Errorf("template_version %d is not a version (versions start at 1); fix .scaffold.yaml", v)
	}
	frozen, err := source.History(fsys, name, v)
	if err != nil {
		return nil, err
	}
	return LoadManifest(frozen, name, opts...)
}

// ResolveAnswers resolves the request an answers file records, against m
// (which may be another template version than the one that wrote it: new
// options take their defaults).
func ResolveAnswers(m *Manifest, a *Answers, random io.Reader) (*Project, error) {
	return Resolve(m, Request{Name: a.Name, Options: a.OptionStrings()}, random)
}
