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
// option set of N, updated unedited through RenderUpdate and Plan, becomes
// byte for byte what `new` at the current version makes from the same
// answers and the project's own secrets. The update's seed is the project's
// (nothing to recover) or, as for a real update, another one: then the
// secrets the project's files hold must be found and kept.
func TestUnchangedProjectUpdatesThroughTheRealHistory(t *testing.T) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	const projectSeed = "history"
	pairs := 0
	for _, m := range catalog.Manifests() {
		for v := 1; v < m.TemplateVersion; v++ {
			old, err := generator.ManifestAt(templates.FS, m.Name, v)
			if err != nil {
				t.Fatal(err)
			}
			for _, gc := range old.Golden {
				for _, updateSeed := range []string{projectSeed, "another seed"} {
					t.Run(m.Name+"/v"+strconv.Itoa(v)+"/"+gc.Name+"/"+updateSeed, func(t *testing.T) {
						made, answers, recorded := generateAt(t, old, gc, projectSeed)
						sides, err := generator.RenderUpdate(m, answers, asDisk(made), nil, updateSeed)
						if err != nil {
							t.Fatal(err)
						}
						if sides.From != v || sides.To != m.TemplateVersion {
							t.Fatalf("update from %d to %d, want %d to %d", sides.From, sides.To, v, m.TemplateVersion)
						}
						plan, err := sides.Plan(asDisk(made), recorded)
						if err != nil {
							t.Fatal(err)
						}
						if c := plan.Conflicted(); len(c) > 0 {
							t.Fatalf("conflicts in an unedited project: %s", strings.Join(c, ", "))
						}
						want := newAt(t, m, answers, projectSeed)
						sameFiles(t, applyInMemory(made, plan), want, m.TemplateVersion)
					})
					pairs++
				}
			}
		}
	}
	t.Logf("%d updates of golden cases through the real history", pairs)
}

// generateAt makes the project of golden case gc at old's version, as
// `new` does with seed: its files, its answers, and .scaffold.yaml as
// written.
func generateAt(t *testing.T, old *generator.Manifest, gc generator.GoldenCase, seed string) ([]tree.File, *generator.Answers, []byte) {
	t.Helper()
	opts := map[string]string{}
	for k, val := range gc.Options {
		opts[k] = generator.FormatOptionValue(val)
	}
	p, err := generator.Resolve(old, generator.Request{Name: gc.ProjectName(), Options: opts}, generator.SeededRandom(seed))
	if err != nil {
		t.Fatal(err)
	}
	made, err := generator.Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	recorded := p.AnswersYAML()
	answers, err := generator.ParseAnswers(recorded)
	if err != nil {
		t.Fatal(err)
	}
	return made, answers, recorded
}

// newAt is what `new` at m's version makes from the recorded answers (the
// options m still has) with seed.
func newAt(t *testing.T, m *generator.Manifest, answers *generator.Answers, seed string) []tree.File {
	t.Helper()
	opts := map[string]string{}
	for k, val := range answers.OptionStrings() {
		if _, ok := m.Option(k); ok {
			opts[k] = val
		}
	}
	p, err := generator.Resolve(m, generator.Request{Name: answers.Name, Options: opts}, generator.SeededRandom(seed))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameFiles fails for every file of got that differs from want's (path,
// mode or bytes), and for any file one has and the other not.
func sameFiles(t *testing.T, got, want []tree.File, version int) {
	t.Helper()
	gotBy := map[string]tree.File{}
	for _, f := range got {
		gotBy[f.Path] = f
	}
	for _, w := range want {
		g, ok := gotBy[w.Path]
		if !ok {
			t.Errorf("%s: missing after the update", w.Path)
			continue
		}
		if g.Mode != w.Mode || !bytes.Equal(g.Data, w.Data) {
			t.Errorf("%s after the update differs from what version %d makes", w.Path, version)
		}
		delete(gotBy, w.Path)
	}
	for p := range gotBy {
		t.Errorf("%s: left by the update, not made by version %d", p, version)
	}
}

// An update renders both sides with the project's own secrets wherever its
// files hold them as the templates wrote them, and draws the others from
// its seed, as `new` would: for every framework with secrets, from every
// version (the current one too, which is what add does).
func TestUpdateRendersWithTheProjectsSecrets(t *testing.T) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	frameworks := 0
	for _, m := range catalog.Manifests() {
		if len(m.Secrets) == 0 {
			continue
		}
		frameworks++
		for v := 1; v <= m.TemplateVersion; v++ {
			old, err := generator.ManifestAt(templates.FS, m.Name, v)
			if err != nil {
				t.Fatal(err)
			}
			t.Run(m.Name+"/v"+strconv.Itoa(v), func(t *testing.T) {
				made, answers, _ := generateAt(t, old, old.Golden[0], "project")
				project, err := generator.ResolveAnswers(old, answers, generator.SeededRandom("project"))
				if err != nil {
					t.Fatal(err)
				}
				drawn, err := generator.ResolveAnswers(old, answers, generator.SeededRandom("update"))
				if err != nil {
					t.Fatal(err)
				}
				sides, err := generator.RenderUpdate(m, answers, asDisk(made), nil, "update")
				if err != nil {
					t.Fatal(err)
				}
				found := 0
				for _, s := range old.Secrets {
					own, got := project.Secrets[s.Key], sides.Project.Secrets[s.Key]
					switch {
					case holds(made, own) && got != own:
						t.Errorf("%s: the project's files hold its value, but the update renders with another", s.Key)
					case !holds(made, own) && got != drawn.Secrets[s.Key]:
						t.Errorf("%s: not in the project's files, so the update's seed should draw it", s.Key)
					case holds(made, own):
						found++
					}
				}
				if found == 0 {
					t.Errorf("none of the %d secrets is written literally in a %s project", len(old.Secrets), m.Name)
				}
			})
		}
	}
	if frameworks < 3 {
		t.Errorf("only %d frameworks have secrets; django, laravel and rails do", frameworks)
	}
}

func holds(files []tree.File, value string) bool {
	for _, f := range files {
		if bytes.Contains(f.Data, []byte(value)) {
			return true
		}
	}
	return false
}

// djangoAtVersion1 is a Django project made at template version 1 with
// the project seed, its SECRET_KEY line, and the current Django manifest.
func djangoAtVersion1(t *testing.T) (made []tree.File, answers *generator.Answers, recorded []byte, keyLine string, current *generator.Manifest) {
	t.Helper()
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	current, err = catalog.Lookup("django")
	if err != nil {
		t.Fatal(err)
	}
	old, err := generator.ManifestAt(templates.FS, "django", 1)
	if err != nil {
		t.Fatal(err)
	}
	made, answers, recorded = generateAt(t, old, old.Golden[0], "project")
	project, err := generator.ResolveAnswers(old, answers, generator.SeededRandom("project"))
	if err != nil {
		t.Fatal(err)
	}
	keyLine = "\"django-insecure-" + project.Secrets["secret_key"] + "\""
	if !holds(made, keyLine) {
		t.Fatalf("no %s in the version 1 project", keyLine)
	}
	return made, answers, recorded, keyLine, current
}

// editSettings replaces old by new in the project's settings.py.
func editSettings(t *testing.T, files []tree.File, old, new string) []tree.File {
	t.Helper()
	out := append([]tree.File(nil), files...)
	for i, f := range out {
		if strings.HasSuffix(f.Path, "/settings.py") && bytes.Contains(f.Data, []byte(old)) {
			out[i].Data = bytes.Replace(f.Data, []byte(old), []byte(new), 1)
			return out
		}
	}
	t.Fatalf("no settings.py holds %s", old)
	return nil
}

// updateWithAnotherSeed plans the update of the project whose files are
// ours, as `scaffold update` does with its own random seed.
func updateWithAnotherSeed(t *testing.T, current *generator.Manifest, answers *generator.Answers, ours []tree.File, recorded []byte) *update.Plan {
	t.Helper()
	sides, err := generator.RenderUpdate(current, answers, asDisk(ours), nil, "update")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := sides.Plan(asDisk(ours), recorded)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// The user changed the secret (to another key of the same kind): that is
// the project's key now, and the update keeps it where version 2 moved it.
func TestUpdateKeepsASecretTheUserChanged(t *testing.T) {
	made, answers, recorded, keyLine, current := djangoAtVersion1(t)
	userKey := "\"django-insecure-" + strings.Repeat("k3y!", 12) + "ab\""
	edited := editSettings(t, made, keyLine, userKey)
	plan := updateWithAnotherSeed(t, current, answers, edited, recorded)
	if c := plan.Conflicted(); len(c) > 0 {
		t.Fatalf("conflicts: %s", strings.Join(c, ", "))
	}
	want := newAt(t, current, answers, "project")
	want = editSettings(t, want, keyLine, userKey)
	sameFiles(t, applyInMemory(edited, plan), want, current.TemplateVersion)
}

// The user took the secret out (the key comes from elsewhere): nothing to
// find, so the seed's key stands in as before; the user's line survives, in
// a conflict where version 2 rewrote the lines around it, and every other
// file is updated as for an unedited project.
func TestUpdateWithoutTheSecretFallsBackToTheSeed(t *testing.T) {
	made, answers, recorded, keyLine, current := djangoAtVersion1(t)
	edited := editSettings(t, made, keyLine, "os.environ[\"MY_KEY\"]")
	plan := updateWithAnotherSeed(t, current, answers, edited, recorded)
	settings := ""
	for _, c := range plan.Changes {
		if !strings.HasSuffix(c.Path, "/settings.py") {
			continue
		}
		settings = c.Path
		if c.Action != update.Conflicted && c.Action != update.Merged {
			t.Errorf("%s: %s, want merged or conflicted", c.Path, c.Action)
		}
		if c.Write == nil || !bytes.Contains(c.Write.Data, []byte("os.environ[\"MY_KEY\"]")) {
			t.Errorf("%s: the user's line is lost", c.Path)
		}
	}
	// settings.py is checked above; the rest is as if unedited.
	got := without(applyInMemory(edited, plan), settings)
	want := without(newAt(t, current, answers, "project"), settings)
	if c := plan.Conflicted(); len(c) > 1 {
		t.Errorf("conflicts beyond settings.py: %s", strings.Join(c, ", "))
	}
	sameFiles(t, got, want, current.TemplateVersion)
}

func without(files []tree.File, path string) []tree.File {
	var out []tree.File
	for _, f := range files {
		if f.Path != path {
			out = append(out, f)
		}
	}
	return out
}
