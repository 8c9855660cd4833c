package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"sync"

	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
	"github.com/scaffold-cli/scaffold/generator/source"
	"gopkg.in/yaml.v3"
)

// Summary is what the CLI needs of every framework before it knows which one
// it generates: enough to list them and to make a flag of every option.
type Summary struct {
	Name        string   `yaml:"name"`
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Language    string   `yaml:"language"`
	Version     string   `yaml:"version"`
	Options     []Option `yaml:"options"`
}

func summaryOf(m *Manifest) Summary {
	return Summary{Name: m.Name, Title: m.Title, Description: m.Description, Language: m.Language, Version: m.Version, Options: m.Options}
}

// Summaries lists every framework's summary, sorted by name. With Lazy, no
// manifest is loaded whole for it.
func (c *Catalog) Summaries() []Summary {
	var out []Summary
	for _, n := range c.Names() {
		if m, ok := c.manifests[n]; ok {
			out = append(out, summaryOf(m))
		} else if l, ok := c.local[n]; ok {
			if l.err == nil {
				out = append(out, l.summary)
			}
		} else if c.lazy == nil {
			continue
		} else if s, ok := c.lazy.summaries[n]; ok {
			out = append(out, s)
		}
	}
	return out
}

type lazyCatalog struct {
	fsys      fs.FS
	opts      []LoadOption
	names     []string // sorted
	summaries map[string]Summary

	mu     sync.Mutex
	loaded map[string]lazyEntry
}

type lazyEntry struct {
	m   *Manifest
	err error
}

func loadLazyCatalog(fsys fs.FS, names []string, opts []LoadOption) (*Catalog, error) {
	lc := &lazyCatalog{fsys: fsys, opts: opts, summaries: map[string]Summary{}, loaded: map[string]lazyEntry{}}
	var errs []error
	for _, name := range names {
		s, indexed := indexedSummaryIn(fsys, name)
		if !indexed {
			data, err := source.Manifest(fsys, name)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if s, err = parseSummary(data); err != nil {
				errs = append(errs, fmt.Errorf("%s/%s: %w", name, ManifestFile, err))
				continue
			}
		}
		if s.Name != name {
			errs = append(errs, fmt.Errorf("%s/%s: name %q must equal the directory name %q", name, ManifestFile, s.Name, name))
			continue
		}
		lc.names = append(lc.names, s.Name)
		lc.summaries[s.Name] = s
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sort.Strings(lc.names)
	return &Catalog{manifests: map[string]*Manifest{}, lazy: lc}, nil
}

// load loads a manifest whole (with the catalog's options), once.
func (lc *lazyCatalog) load(name string) (*Manifest, error) {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	if e, ok := lc.loaded[name]; ok {
		return e.m, e.err
	}
	m, err := LoadManifest(lc.fsys, name, lc.opts...)
	lc.loaded[name] = lazyEntry{m, err}
	return m, err
}

// summaryKeyRe matches the first line of the top-level keys a Summary holds.
var summaryKeyRe = lazyre.New(`^(name|title|description|language|version|options)[ \t]*:([ \t]|$)`)

// parseSummary decodes the summary keys only, cut out by their lines as
// WithoutE2E cuts; should the cut break the document, the whole manifest is
// parsed and its summary taken, so errors are ParseManifest's.
func parseSummary(data []byte) (Summary, error) {
	if s, ok := summaryFromIndex(data); ok {
		return s, nil
	}
	var s Summary
	dec := yaml.NewDecoder(bytes.NewReader(onlyTopLevelKeys(data, summaryKeyRe.Regexp())))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err == nil {
		return s, nil
	}
	m, err := ParseManifest(data)
	if err != nil {
		return Summary{}, err
	}
	return summaryOf(m), nil
}

// onlyTopLevelKeys keeps the top-level keys whose first line matches key,
// with everything under them (see withoutTopLevelKeys).
func onlyTopLevelKeys(data []byte, key *regexp.Regexp) []byte {
	return filterTopLevelKeys(data, key, true)
}
