package update_test

import (
	"bytes"
	"sort"
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
