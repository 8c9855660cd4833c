package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/source"
	"github.com/scaffold-cli/scaffold/generator/source/gitsrc"
	"gopkg.in/yaml.v3"
)

// LoadTemplateDir loads a custom template: one framework's directory on
// disk (manifest.yaml and files/ in dir itself, and history/ if its author
// freezes versions), checked against the bounds every template from outside
// scaffold must keep (see source.CheckTemplateDir). The manifest's Source
// is dir made absolute, and every project made from it records it.
func LoadTemplateDir(dir string, opts ...LoadOption) (*Manifest, error) {
	data, err := source.ReadTemplateManifest(dir)
	if err != nil {
		return nil, input.Errorf("%v", err)
	}
	name, err := templateName(data, filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, err
	}
	if err := source.CheckTemplateDir(dir); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	fsys := source.TemplateDir(abs, name)
	if tree, ok := sharedTree(data, abs, name); ok {
		// A framework of a templates tree that builds on the tree's _shared/
		// layers (scaffold's own templates/express): read it as --templates
		// reads the tree, so that its layers are found beside it.
		fsys = tree
	}
	m, err := LoadManifest(fsys, name, opts...)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", dir, err)
	}
	return m, nil
}

// templateName is the framework name a custom template's manifest gives.
func templateName(manifest []byte, where string) (string, error) {
	s, err := parseSummary(manifest)
	if err != nil {
		return "", fmt.Errorf("%s: %w", where, err)
	}
	if !frameworkNameRe.MatchString(s.Name) {
		return "", fmt.Errorf("%s: name %q: use lower-case letters, digits and '-'", where, s.Name)
	}
	return s.Name, nil
}

// GitOrigin is where in a git repository a custom template was read: the
// ref asked for ("" for the default branch), the commit it resolved to and
// the template's directory in the repository ("" for its root).
type GitOrigin struct {
	Ref    string `json:"ref,omitempty"`
	Commit string `json:"commit"`
	Subdir string `json:"subdir,omitempty"`
}

// IsGitTemplate reports whether a --template argument names a git
// repository rather than a directory: an existing directory always wins;
// otherwise see gitsrc.IsURL (git@, https://, http://, ssh://, git://,
// file:// or a URL ending in .git).
func IsGitTemplate(arg string) bool {
	if info, err := os.Stat(arg); err == nil && info.IsDir() {
		return false
	}
	return gitsrc.IsURL(arg)
}

// LoadGitTemplate loads the custom template spec names (URL#REF:SUBDIR, see
// gitsrc.Spec) from its git repository, cloned and removed again by
// gitsrc.Fetch. The manifest's Source is the URL and Git says which ref and
// commit it came from; every project made from it records both.
func LoadGitTemplate(ctx context.Context, spec string, opts ...LoadOption) (*Manifest, error) {
	s, err := gitsrc.Parse(spec)
	if err != nil {
		return nil, input.Errorf("%v", err)
	}
	co, err := gitsrc.Fetch(ctx, s)
	if err != nil {
		return nil, err
	}
	data, err := fs.ReadFile(co.FS, ManifestFile)
	if err != nil {
		return nil, err
	}
	name, err := templateName(data, s.String()+" "+ManifestFile)
	if err != nil {
		return nil, err
	}
	m, err := LoadManifest(source.TemplateFS(co.FS, s.URL, name), name, opts...)
	if err != nil {
		return nil, fmt.Errorf("template %s (commit %.12s): %w", s, co.Commit, err)
	}
	m.Git = &GitOrigin{Ref: s.Ref, Commit: co.Commit, Subdir: s.Subdir}
	return m, nil
}

// TemplateArg is what --template takes to find m again: its directory, or
// for a git template URL#REF:SUBDIR; "" for a built-in framework.
func (m *Manifest) TemplateArg() string {
	if m.Git == nil {
		return m.Source
	}
	return gitsrc.Spec{URL: m.Source, Ref: m.Git.Ref, Subdir: m.Git.Subdir}.String()
}

// Put adds m to the catalog, in place of a framework of the same name: a
// template the user names explicitly (--template) wins over a built-in or
// local one.
func (c *Catalog) Put(m *Manifest) {
	c.manifests[m.Name] = m
	delete(c.local, m.Name)
	if c.lazy != nil {
		c.lazy.names = slices.DeleteFunc(slices.Clone(c.lazy.names), func(n string) bool { return n == m.Name })
	}
}

// BySource finds the custom template loaded from dir, or from the git
// spec given as it was given (see Put).
func (c *Catalog) BySource(dir string) (*Manifest, bool) {
	for _, m := range c.manifests {
		if m.Git != nil && m.TemplateArg() == dir {
			return m, true
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, false
	}
	for _, m := range c.manifests {
		if m.Git == nil && m.Source == abs {
			return m, true
		}
	}
	return nil, false
}

// FreezeArchive is what freezing m's current template_version adds to its
// templates tree: the archive to write at source.HistoryPath, or nil when
// that version is frozen already and unchanged. It refuses when an earlier
// version was never frozen, or when the templates changed since their
// version was frozen (bumpHint says where to set the next version, and what to run then).
func FreezeArchive(m *Manifest, bumpHint string) ([]byte, error) {
	tree, v := m.tree, m.TemplateVersion
	if tree == nil {
		return nil, errors.New("freeze needs a manifest loaded from its templates")
	}
	versions, err := source.Versions(tree, m.Name)
	if err != nil {
		return nil, err
	}
	for want := 1; want < v; want++ {
		if !slices.Contains(versions, want) {
			return nil, fmt.Errorf("version %d was never frozen, so projects made with it cannot update; restore %s from version control", want, source.HistoryPath(m.Name, want))
		}
	}
	if !slices.Contains(versions, v) {
		return source.Freeze(tree, m.Name, m.Shared)
	}
	frozen, err := source.History(tree, m.Name, v)
	if err != nil {
		return nil, err
	}
	old, err := LoadManifest(frozen, m.Name)
	if err != nil {
		return nil, fmt.Errorf("frozen version %d: %w", v, err)
	}
	if err := SameAsFrozen(tree, m, frozen, old); err != nil {
		return nil, fmt.Errorf("the templates changed since version %d was frozen (%v): set template_version: %d in %s", v, err, v+1, bumpHint)
	}
	return nil, nil
}

// historyMissing explains why a project made from custom template m at
// version v cannot be updated: the template keeps no frozen copy of v.
func historyMissing(m *Manifest, v int, err error) error {
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return fmt.Errorf("cannot update: this project was made from version %d of the template at %s, which is now at version %d and keeps no frozen copy of version %d (%s), so there is no base to merge against; its author freezes every version with \"scaffold template freeze %s\" before changing it", v, m.Source, m.TemplateVersion, v, filepath.Join(m.Source, source.HistoryDir, fmt.Sprintf("%d.zip", v)), m.Source)
}

// sharedTree is the templates tree around dir when dir's manifest declares
// shared layers and dir sits in a tree that has them (its parent holds
// _shared/ and dir is named after the framework). Only then may a template
// read beyond its own directory, and only the tree's _shared/.
func sharedTree(manifest []byte, dir, name string) (fs.FS, bool) {
	var decl struct {
		Shared []string `yaml:"shared"`
	}
	if yaml.Unmarshal(manifest, &decl) != nil || len(decl.Shared) == 0 || filepath.Base(dir) != name {
		return nil, false
	}
	parent := filepath.Dir(dir)
	if info, err := os.Stat(filepath.Join(parent, "_shared")); err != nil || !info.IsDir() {
		return nil, false
	}
	tree, err := source.Dir(parent)
	if err != nil {
		return nil, false
	}
	return tree, true
}
