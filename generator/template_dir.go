package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/source"
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
	s, err := parseSummary(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if !frameworkNameRe.MatchString(s.Name) {
		return nil, fmt.Errorf("%s: name %q: use lower-case letters, digits and '-'", filepath.Join(dir, ManifestFile), s.Name)
	}
	if err := source.CheckTemplateDir(dir); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	m, err := LoadManifest(source.TemplateDir(abs, s.Name), s.Name, opts...)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", dir, err)
	}
	return m, nil
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

// BySource finds the custom template loaded from dir (see Put).
func (c *Catalog) BySource(dir string) (*Manifest, bool) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, false
	}
	for _, m := range c.manifests {
		if m.Source == abs {
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
