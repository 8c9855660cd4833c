package generator

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/scaffold-cli/scaffold/generator/render"
	"github.com/scaffold-cli/scaffold/generator/tree"
)

// TemplateSuffix marks the files that are rendered; all others are copied.
const TemplateSuffix = ".tmpl"

// AnswersFile is written into every project: how to regenerate it.
const AnswersFile = ".scaffold.yaml"

// File is one file of a generated project, rendered in memory.
type File = tree.File

// Generate plans and renders the whole project in memory. Nothing touches the
// disk. Every destination path is planned and checked before any file is
// rendered, and a template error fails here, before anything is written.
func Generate(p *Project) ([]File, error) {
	m := p.Manifest
	data := p.Data()
	var out []File
	whens := map[string]bool{} // each rule's condition, evaluated once per project
	err := fs.WalkDir(m.files, ".", func(src string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", src)
		}
		f, keep, err := planFile(p, src, data, whens)
		if keep {
			out = append(out, f)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", m.Name, err)
	}
	out = append(out, File{Path: AnswersFile, Mode: 0o644})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	for i := 1; i < len(out); i++ {
		if out[i].Path == out[i-1].Path {
			return nil, fmt.Errorf("template %s: %s and %s both write %s", m.Name, describeSource(out[i-1]), describeSource(out[i]), out[i].Path)
		}
	}
	total := 0
	for i := range out {
		if err := renderPlanned(m, &out[i], p, data); err != nil {
			return nil, fmt.Errorf("template %s: %w", m.Name, err)
		}
		if total += len(out[i].Data); total > render.MaxRenderedSize {
			return nil, fmt.Errorf("template %s: %s: %w: the project's files come to more than %d bytes with it, the most a project may hold; leave large files out of the template", m.Name, describeSource(out[i]), render.ErrTooLarge, render.MaxRenderedSize)
		}
	}
	return out, nil
}

// renderPlanned fills in a planned file's content: rendered for *.tmpl,
// copied otherwise, and the answers file from the project itself.
func renderPlanned(m *Manifest, f *File, p *Project, data TemplateData) error {
	if f.Source == "" {
		f.Data = p.AnswersYAML()
		return nil
	}
	content, err := fs.ReadFile(m.files, f.Source)
	if err != nil {
		return err
	}
	if strings.HasSuffix(f.Source, TemplateSuffix) {
		if content, err = p.ts().File(f.Source, content, data); err != nil {
			return err
		}
	}
	f.Data = content
	return nil
}

func describeSource(f File) string {
	if f.Source == "" {
		return "scaffold itself"
	}
	return f.Source
}

// planFile applies the manifest's file rules to one source file: whether it
// is written, where, and with which mode.
func planFile(p *Project, src string, data TemplateData, whens map[string]bool) (File, bool, error) {
	m := p.Manifest
	f := File{Source: src, Mode: 0o644}
	var dest string
	patterns := p.rulePatterns()
	elems := strings.Split(src, "/")
	var trimmed []string // the elements without .tmpl; rules may name files as written
	if strings.HasSuffix(src, TemplateSuffix) {
		trimmed = strings.Split(strings.TrimSuffix(src, TemplateSuffix), "/")
	}
	for i, r := range m.Files {
		if !matchElems(patterns[i], elems) && (trimmed == nil || !matchElems(patterns[i], trimmed)) {
			continue
		}
		ok, seen := whens[r.When]
		if !seen {
			var err error
			if ok, err = p.ts().Condition(r.When, data); err != nil {
				return f, false, fmt.Errorf("%s: when %q: %w", src, r.When, err)
			}
			whens[r.When] = ok
		}
		if !ok {
			return f, false, nil // every matching condition must hold
		}
		if r.Mode != "" {
			mode, _ := strconv.ParseUint(r.Mode, 8, 32) // validated when loaded
			f.Mode = fs.FileMode(mode)
		}
		if r.Dest != "" {
			dest = r.Dest
		}
	}
	var err error
	if dest != "" {
		f.Path, err = p.ts().String(src+" (dest)", dest, data)
	} else {
		f.Path, err = renderPath(p.ts(), src, data)
	}
	if err != nil {
		return f, false, fmt.Errorf("%s: path: %w", src, err)
	}
	f.Path = strings.TrimSuffix(f.Path, TemplateSuffix)
	if err := tree.CheckLocal(f.Path); err != nil {
		return f, false, fmt.Errorf("%s: %w", src, err)
	}
	return f, true, nil
}

// rulePatterns is every file rule's pattern split into path elements, once
// per project: planFile matches every rule against every file.
func (p *Project) rulePatterns() [][]string {
	p.patternsOnce.Do(func() {
		p.patterns = make([][]string, len(p.Manifest.Files))
		for i, r := range p.Manifest.Files {
			p.patterns[i] = strings.Split(r.Match, "/")
		}
	})
	return p.patterns
}

// ruleMatches matches a rule against a source path, with or without its
// .tmpl suffix, so rules can name files as they will be written.
func ruleMatches(pattern, src string) bool {
	return matchGlob(pattern, src) || matchGlob(pattern, strings.TrimSuffix(src, TemplateSuffix))
}

// matchGlob is path.Match per element, plus "**" for any number of elements.
func matchGlob(pattern, name string) bool {
	return matchElems(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchElems(pat, elems []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(elems); i++ {
				if matchElems(pat[1:], elems[i:]) {
					return true
				}
			}
			return false
		}
		if len(elems) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], elems[0]); !ok {
			return false
		}
		pat, elems = pat[1:], elems[1:]
	}
	return len(elems) == 0
}

// renderPath renders each element of a source path that holds a template.
func renderPath(ts *render.Set, src string, data TemplateData) (string, error) {
	if !strings.Contains(src, "{{") {
		return src, nil
	}
	elems := strings.Split(src, "/")
	for i, e := range elems {
		out, err := ts.String(src, e, data)
		if err != nil {
			return "", err
		}
		elems[i] = out
	}
	return strings.Join(elems, "/"), nil
}

// ParseTemplates parses every *.tmpl file and every path element of a
// framework, without answers: a syntax error or a call to a removed function
// fails here (and so in the test suite), never in front of a user.
func ParseTemplates(m *Manifest) error {
	return fs.WalkDir(m.files, ".", func(src string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.Contains(src, "{{") {
			for _, e := range strings.Split(src, "/") {
				if err := render.CheckSyntax(src, e); err != nil {
					return fmt.Errorf("%s: %s: path: %w", m.Name, src, err)
				}
			}
		}
		if !strings.HasSuffix(src, TemplateSuffix) {
			return nil
		}
		content, err := fs.ReadFile(m.files, src)
		if err != nil {
			return err
		}
		if err := render.CheckSyntax(src, string(content)); err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
		return nil
	})
}
