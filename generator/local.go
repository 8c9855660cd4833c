package generator

// Local templates: the templates a user keeps in their configuration
// directory (source.LocalTemplatesDir), one directory per template, named
// as the template. They join the catalog beside the built-in frameworks, so
// list, describe and new --framework NAME find them, but they never replace
// one: a built-in framework of the same name wins, and the catalog says so
// (Shadowed). A template that does not load is still in the catalog, with
// its error, so one broken directory does not hide the others.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/scaffold-cli/scaffold/generator/source"
)

// localTemplate is one directory of the local templates directory.
type localTemplate struct {
	dir     string
	summary Summary
	err     error // the summary did not read

	once sync.Once
	m    *Manifest
	lerr error
}

func (l *localTemplate) load() (*Manifest, error) {
	if l.err != nil {
		return nil, l.err
	}
	l.once.Do(func() { l.m, l.lerr = LoadTemplateDir(l.dir) })
	return l.m, l.lerr
}

// Shadowed is a local template that has the name of a built-in framework,
// and is therefore not used under that name.
type Shadowed struct {
	Name string
	Dir  string // the local template's directory
}

// Warning says which of the two scaffold uses and how to use the other.
func (s Shadowed) Warning() string {
	return fmt.Sprintf("warning: the local template %s (%s) has the name of the built-in framework %s (built into scaffold), which is used; rename the directory and its manifest's name to use yours by name, or give it as --template %s", s.Name, s.Dir, s.Name, s.Dir)
}

// AddLocal adds the templates kept in dir (see source.LocalTemplatesDir):
// every subdirectory, by its name. A directory that does not exist adds
// nothing. The local templates that have the name of a framework already
// in the catalog are left out and returned; one that fails to load is
// added with its error (Lookup and Entries give it).
func (c *Catalog) AddLocal(dir string) ([]Shadowed, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("local templates: %w", err)
	}
	var shadowed []Shadowed
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue // .git, .DS_Store and the like
		}
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			continue // a README or a dangling link is no template
		}
		if slices.Contains(c.Names(), name) {
			shadowed = append(shadowed, Shadowed{Name: name, Dir: p})
			continue
		}
		if c.local == nil {
			c.local = map[string]*localTemplate{}
		}
		c.local[name] = readLocal(p, name)
	}
	return shadowed, nil
}

// readLocal reads what the catalog needs of a local template before it is
// used: its summary, and that it is named as its directory.
func readLocal(dir, name string) *localTemplate {
	l := &localTemplate{dir: dir}
	mf := filepath.Join(dir, ManifestFile)
	switch data, err := source.ReadTemplateManifest(dir); {
	case !frameworkNameRe.MatchString(name):
		l.err = fmt.Errorf("local template %s: the directory name %q is no template name; use lower-case letters, digits and '-'", dir, name)
	case err != nil:
		l.err = fmt.Errorf("local template %s: %w", name, err)
	default:
		s, err := parseSummary(data)
		switch {
		case err != nil:
			l.err = fmt.Errorf("%s: %w", mf, err)
		case s.Name != name:
			l.err = fmt.Errorf("%s: name %q must equal the directory name %q; rename one of them", mf, s.Name, name)
		default:
			l.summary = s
		}
	}
	return l
}

// Entry is one framework of the catalog as `scaffold list` shows it: its
// manifest, or why it did not load.
type Entry struct {
	Name string
	// Source is the directory of a local or custom template, "" for a
	// built-in framework.
	Source   string
	Manifest *Manifest
	Err      error
}

// Entries lists every framework, sorted by name, each loaded whole.
func (c *Catalog) Entries() []Entry {
	var out []Entry
	for _, n := range c.Names() {
		e := Entry{Name: n}
		if l, ok := c.local[n]; ok {
			e.Source = l.dir
			e.Manifest, e.Err = l.load()
		} else {
			e.Manifest, e.Err = c.Lookup(n)
			if e.Manifest != nil {
				e.Source = e.Manifest.Source
			}
		}
		out = append(out, e)
	}
	return out
}

// WithoutLocal is the catalog without its local templates: what a server
// offers is what its operator installed, not one user's own directory.
func (c *Catalog) WithoutLocal() *Catalog {
	return &Catalog{manifests: c.manifests, lazy: c.lazy}
}

// localNames lists the local templates' names.
func (c *Catalog) localNames() []string {
	out := make([]string, 0, len(c.local))
	for n := range c.local {
		out = append(out, n)
	}
	return out
}

// LocalTemplatesDir is where the user keeps local templates (see
// source.LocalTemplatesDir).
func LocalTemplatesDir() (string, error) { return source.LocalTemplatesDir() }

// LocalDir is the directory of the local template name, if the catalog
// has one of that name.
func (c *Catalog) LocalDir(name string) (string, bool) {
	l, ok := c.local[name]
	if !ok {
		return "", false
	}
	return l.dir, true
}
