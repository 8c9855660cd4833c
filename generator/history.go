package generator

import (
	"bytes"
	"io"
	"io/fs"

	"gopkg.in/yaml.v3"

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
	case v > current.TemplateVersion && current.Source != "":
		return nil, input.Errorf("the project was made with version %d of the template at %s, newer than the %d there now; point --template at the newer template", v, current.Source, current.TemplateVersion)
	case v > current.TemplateVersion:
		return nil, input.Errorf("the project was made with %s template version %d, newer than this scaffold's %d; install a newer scaffold", name, v, current.TemplateVersion)
	case v < 1:
		return nil, input.Errorf("template_version %d is not a version (versions start at 1); fix .scaffold.yaml", v)
	}
	frozen, err := source.History(fsys, name, v)
	if err != nil && current.Source != "" {
		return nil, historyMissing(current, v, err)
	} else if err != nil {
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

// SameAsFrozen reports how the templates of current (in tree) differ from
// frozen, the version frozen under the same template_version, or nil when a
// project made from either is the same. The manifests' e2e and e2e_full
// sections (how our tests run a project), requires (what scaffold doctor
// looks for) and fixed (what scaffold add refuses to change) are left out: they render nothing, so changing them is not a
// template change and needs no new version.
func SameAsFrozen(tree fs.FS, current *Manifest, frozen fs.FS, old *Manifest) error {
	return source.SameTree(tree, frozen, current.Name, current.Shared, old.Shared, sameApartFromTests)
}

// testSections are the top-level manifest keys that render nothing.
var testSections = map[string]bool{"e2e": true, "e2e_full": true, "requires": true, "fixed": true}

func sameApartFromTests(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	ra, errA := withoutTestSections(a)
	rb, errB := withoutTestSections(b)
	return errA == nil && errB == nil && bytes.Equal(ra, rb)
}

// withoutTestSections re-encodes a manifest without its test sections,
// keeping everything else (key order and comments too) as it is.
func withoutTestSections(manifest []byte) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(manifest, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		top := doc.Content[0]
		kept := top.Content[:0:0]
		for i := 0; i+1 < len(top.Content); i += 2 {
			if !testSections[top.Content[i].Value] {
				kept = append(kept, top.Content[i], top.Content[i+1])
			}
		}
		top.Content = kept
	}
	return yaml.Marshal(&doc)
}
