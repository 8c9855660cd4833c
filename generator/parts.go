package generator

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/scaffold-cli/scaffold/generator/render"
)

// Parts is a project's files, as Generate gives them, with the ones whose
// bytes can depend on the project's secrets marked. The others are a
// function of the manifest, the name and the options alone: a server may
// keep them for the next project with the same manifest, name and options,
// and render only the marked ones for it (RenderFiles).
type Parts struct {
	Files []File
	// Secret[i] is whether Files[i] may read the secrets.
	Secret []bool
	// PlanSecret is whether which files exist, or their paths, may depend
	// on the secrets (a file rule's when or dest, or a templated path
	// element, reads them). Then no file list may be reused.
	PlanSecret bool
}

// GenerateParts is Generate, with each file marked by whether it reads the
// secrets. Which ones do is decided from the templates' parse trees (see
// render.Analyze) and never errs towards "no": a file marked false reads
// neither .Secrets, nor a var made from one, nor the template data whole.
func GenerateParts(p *Project) (Parts, error) {
	files, err := Generate(p)
	if err != nil {
		return Parts{}, err
	}
	a, err := p.Manifest.secretReads()
	if err != nil {
		return Parts{}, err
	}
	parts := Parts{Files: files, Secret: make([]bool, len(files)), PlanSecret: a.plan}
	for i, f := range files {
		parts.Secret[i] = a.files[f.Source]
	}
	return parts, nil
}

// RenderFiles renders files of another project's Parts for p, in place:
// each keeps its path and mode and gets p's content. p must have the same
// manifest, name and options as that project, and its Parts no PlanSecret;
// only then are the paths p's too.
func RenderFiles(p *Project, files []File) error {
	m := p.Manifest
	data := p.Data()
	for i := range files {
		if err := renderPlanned(m, &files[i], p, data); err != nil {
			return fmt.Errorf("template %s: %w", m.Name, err)
		}
	}
	return nil
}

// secretAnalysis is what of a manifest reads the project's secrets,
// computed once per manifest.
type secretAnalysis struct {
	once sync.Once
	err  error
	// plan: a file rule's when or dest, or a path element, reads them.
	plan bool
	// files: the sources whose content reads them.
	files map[string]bool
}

// secretReads analyses the manifest's templates once; a Manifest made
// without ParseManifest (a literal in a test) is analysed each time.
func (m *Manifest) secretReads() (*secretAnalysis, error) {
	a := m.secrets
	if a == nil {
		a = &secretAnalysis{}
	}
	a.once.Do(func() { a.err = a.analyse(m) })
	return a, a.err
}

func (a *secretAnalysis) analyse(m *Manifest) error {
	tainted := map[string]bool{} // vars whose value reads a secret
	reads := func(name, text string) (bool, error) {
		r, err := render.Analyze(name, text)
		if err != nil {
			return false, err
		}
		if r.Touches("Secrets") {
			return true, nil
		}
		for k := range tainted {
			if r.TouchesKey("Vars", k) {
				return true, nil
			}
		}
		return false, nil
	}
	for _, v := range m.Vars { // in order: a var sees the ones before it
		t, err := reads("var "+v.Key, v.Template)
		if err != nil {
			return fmt.Errorf("%s: var %q: %w", m.Name, v.Key, err)
		}
		if t {
			tainted[v.Key] = true
		}
	}
	for _, r := range m.Files {
		if strings.TrimSpace(r.When) != "" {
			t, err := reads("when", "{{if "+r.When+"}}true{{end}}")
			if err != nil {
				return fmt.Errorf("%s: files %q: when: %w", m.Name, r.Match, err)
			}
			a.plan = a.plan || t
		}
		t, err := reads("dest", r.Dest)
		if err != nil {
			return fmt.Errorf("%s: files %q: dest: %w", m.Name, r.Match, err)
		}
		a.plan = a.plan || t
	}
	a.files = map[string]bool{}
	return fs.WalkDir(m.files, ".", func(src string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, e := range strings.Split(src, "/") {
			t, err := reads(src, e)
			if err != nil {
				return fmt.Errorf("%s: %s: path: %w", m.Name, src, err)
			}
			a.plan = a.plan || t
		}
		if !strings.HasSuffix(src, TemplateSuffix) {
			return nil // copied as it is
		}
		content, err := fs.ReadFile(m.files, src)
		if err != nil {
			return err
		}
		if a.files[src], err = reads(src, string(content)); err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
		return nil
	})
}
