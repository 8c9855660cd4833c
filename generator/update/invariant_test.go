package update_test

import (
	"bytes"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/tree"
	"github.com/scaffold-cli/scaffold/generator/update"
	"github.com/scaffold-cli/scaffold/templates"
)

// applyInMemory lays a plan over ours, as the writer would on disk.
func applyInMemory(ours []tree.File, plan *update.Plan) []tree.File {
	byPath := map[string]tree.File{}
	for _, f := range ours {
		byPath[f.Path] = f
	}
	for _, c := range plan.Changes {
		switch {
		case c.Action == update.Removed:
			delete(byPath, c.Path)
		case c.Write != nil:
			byPath[c.Path] = *c.Write
		}
		if c.Beside != nil {
			byPath[c.Beside.Path] = *c.Beside
		}
	}
	out := make([]tree.File, 0, len(byPath))
	for _, f := range byPath {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func asDisk(files []tree.File) fstest.MapFS {
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Path] = &fstest.MapFile{Data: f.Data, Mode: f.Mode}
	}
	return m
}

// nextVersion stands in for a template's next version: a changed line in
// every text file, one file dropped, one added.
func nextVersion(files []tree.File) []tree.File {
	var out []tree.File
	for i, f := range files {
		if i == 1 {
			continue // dropped by the template
		}
		if !bytes.Contains(f.Data, []byte{0}) {
			f.Data = append([]byte("# changed by the next version\n"), f.Data...)
		}
		out = append(out, f)
	}
	return append(out, tree.File{Path: "docs/NEW.md", Mode: 0o644, Data: []byte("new in the next version\n")})
}

// Updating an unedited project gives exactly what the newer template
// generates, for every framework and golden option set; and a project that
// is already current has nothing to do.
func TestUnchangedProjectBecomesTheNewVersion(t *testing.T) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range catalog.Manifests() {
		for _, gc := range m.Golden {
			t.Run(m.Name+"/"+gc.Name, func(t *testing.T) {
				opts := map[string]string{}
				for k, v := range gc.Options {
					opts[k] = generator.FormatOptionValue(v)
				}
				p, err := generator.Resolve(m, generator.Request{Name: gc.ProjectName(), Options: opts}, generator.SeededRandom("update"))
				if err != nil {
					t.Fatal(err)
				}
				base, err := generator.Generate(p)
				if err != nil {
					t.Fatal(err)
				}
				theirs := nextVersion(base)
				plan, err := update.Compute(asDisk(base), base, theirs)
				if err != nil {
					t.Fatal(err)
				}
				got := applyInMemory(base, plan)
				if len(got) != len(theirs) {
					t.Fatalf("%d files after update, want %d", len(got), len(theirs))
				}
				sort.Slice(theirs, func(i, j int) bool { return theirs[i].Path < theirs[j].Path })
				for i := range theirs {
					if got[i].Path != theirs[i].Path || got[i].Mode != theirs[i].Mode || !bytes.Equal(got[i].Data, theirs[i].Data) {
						t.Fatalf("%s after update differs from the new version", theirs[i].Path)
					}
				}
				if c := plan.Conflicted(); len(c) > 0 {
					t.Errorf("conflicts in an unedited project: %s", strings.Join(c, ", "))
				}
				current, err := update.Compute(asDisk(base), base, base)
				if err != nil {
					t.Fatal(err)
				}
				if current.Changed() {
					t.Error("a current project would be changed")
				}
			})
		}
	}
}

// The same with the real history: for every framework and every shipped
// version N below the current one, a project made at N with a golden
// option set of N, updated unedited through RenderUpdate and Compute,
// becomes byte for byte what the newer version makes from the same answers
// (one seed for both sides, so the secrets agree).
func TestUnchangedProjectUpdatesThroughTheRealHistory(t *testing.T) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	pairs := 0
	for _, m := range catalog.Manifests() {
		for v := 1; v < m.TemplateVersion; v++ {
			old, err := generator.ManifestAt(templates.FS, m.Name, v)
			if err != nil {
				t.Fatal(err)
			}
			for _, gc := range old.Golden {
				t.Run(m.Name+"/v"+strconv.Itoa(v)+"/"+gc.Name, func(t *testing.T) {
					opts := map[string]string{}
					for k, val := range gc.Options {
						opts[k] = generator.FormatOptionValue(val)
					}
					p, err := generator.Resolve(old, generator.Request{Name: gc.ProjectName(), Options: opts}, generator.SeededRandom("history"))
					if err != nil {
						t.Fatal(err)
					}
					made, err := generator.Generate(p)
					if err != nil {
						t.Fatal(err)
					}
					answers, err := generator.ParseAnswers(p.AnswersYAML())
					if err != nil {
						t.Fatal(err)
					}
					sides, err := generator.RenderUpdate(m, answers, nil, "history")
					if err != nil {
						t.Fatal(err)
					}
					if sides.From != v || sides.To != m.TemplateVersion {
						t.Fatalf("update from %d to %d, want %d to %d", sides.From, sides.To, v, m.TemplateVersion)
					}
					plan, err := update.Compute(asDisk(made), sides.Base, sides.Theirs)
					if err != nil {
						t.Fatal(err)
					}
					if c := plan.Conflicted(); len(c) > 0 {
						t.Fatalf("conflicts in an unedited project: %s", strings.Join(c, ", "))
					}
					got := applyInMemory(made, plan)
					want := append([]tree.File(nil), sides.Theirs...)
					sort.Slice(want, func(i, j int) bool { return want[i].Path < want[j].Path })
					gotBy := map[string]tree.File{}
					for _, f := range got {
						gotBy[f.Path] = f
					}
					for _, w := range want {
						if w.Path == generator.AnswersFile {
							continue // the CLI writes the new answers after the plan
						}
						g, ok := gotBy[w.Path]
						if !ok {
							t.Errorf("%s: missing after the update", w.Path)
							continue
						}
						if g.Mode != w.Mode || !bytes.Equal(g.Data, w.Data) {
							t.Errorf("%s after the update differs from version %d's", w.Path, m.TemplateVersion)
						}
						delete(gotBy, w.Path)
					}
					delete(gotBy, generator.AnswersFile)
					for p := range gotBy {
						t.Errorf("%s: left by the update, not made by version %d", p, m.TemplateVersion)
					}
				})
				pairs++
			}
		}
	}
	t.Logf("%d golden cases updated through the real history", pairs)
}
