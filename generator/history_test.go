package generator

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/source"
	"github.com/scaffold-cli/scaffold/templates"
)

// Every framework's current templates are frozen as its template_version
// (a template change without a version bump and `make freeze` fails here),
// every version from 1 up is kept, and every kept version still loads and
// renders all its golden cases with today's engine: update needs them as
// merge bases.
func TestTemplateHistory(t *testing.T) {
	catalog, err := LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range catalog.Manifests() {
		t.Run(m.Name, func(t *testing.T) {
			versions, err := source.Versions(templates.FS, m.Name)
			if err != nil {
				t.Fatal(err)
			}
			if len(versions) != m.TemplateVersion {
				t.Fatalf("frozen versions %v; want every version 1..%d (run make freeze)", versions, m.TemplateVersion)
			}
			for i, v := range versions {
				if v != i+1 {
					t.Fatalf("frozen versions %v have a gap before %d", versions, v)
				}
				frozen, err := source.History(templates.FS, m.Name, v)
				if err != nil {
					t.Fatal(err)
				}
				old, err := LoadManifest(frozen, m.Name)
				if err != nil {
					t.Fatalf("version %d no longer loads: %v", v, err)
				}
				if old.TemplateVersion != v {
					t.Fatalf("%s holds template_version %d", source.HistoryPath(m.Name, v), old.TemplateVersion)
				}
				if v == m.TemplateVersion {
					if err := SameAsFrozen(templates.FS, m, frozen, old); err != nil {
						t.Fatalf("the templates differ from frozen version %d (%v): bump template_version and run make freeze", v, err)
					}
				}
				for _, gc := range old.Golden {
					opts := map[string]string{}
					for k, val := range gc.Options {
						opts[k] = FormatOptionValue(val)
					}
					p, err := Resolve(old, Request{Name: gc.ProjectName(), Options: opts}, SeededRandom("history"))
					if err != nil {
						t.Fatalf("version %d, case %s: %v", v, gc.Name, err)
					}
					if _, err := Generate(p); err != nil {
						t.Fatalf("version %d, case %s: %v", v, gc.Name, err)
					}
				}
			}
		})
	}
}

// A project's .scaffold.yaml is enough to render it again at its recorded
// version, byte for byte with the same secrets: that rendering is the merge
// base of update.
func TestAnswersRegenerateTheProject(t *testing.T) {
	catalog, err := LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range catalog.Manifests() {
		for _, gc := range m.Golden {
			t.Run(m.Name+"/"+gc.Name, func(t *testing.T) {
				opts := map[string]string{}
				for k, val := range gc.Options {
					opts[k] = FormatOptionValue(val)
				}
				p, err := Resolve(m, Request{Name: gc.ProjectName(), Options: opts}, SeededRandom("answers"))
				if err != nil {
					t.Fatal(err)
				}
				want, err := Generate(p)
				if err != nil {
					t.Fatal(err)
				}
				a, err := ParseAnswers(p.AnswersYAML())
				if err != nil {
					t.Fatal(err)
				}
				at, err := ManifestAt(templates.FS, a.Framework, a.TemplateVersion)
				if err != nil {
					t.Fatal(err)
				}
				again, err := ResolveAnswers(at, a, SeededRandom("answers"))
				if err != nil {
					t.Fatal(err)
				}
				got, err := Generate(again)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(want) {
					t.Fatalf("%d files again, want %d", len(got), len(want))
				}
				for i := range want {
					if got[i].Path != want[i].Path || got[i].Mode != want[i].Mode || string(got[i].Data) != string(want[i].Data) {
						t.Fatalf("%s differs when made again from the answers", want[i].Path)
					}
				}
			})
		}
	}
}

func TestManifestAtRefusesUnknownVersions(t *testing.T) {
	for _, c := range []struct {
		v    int
		want string
	}{
		{99, "newer than this scaffold's"},
		{0, "versions start at 1"},
		{-3, "versions start at 1"},
	} {
		_, err := ManifestAt(templates.FS, "gin", c.v)
		if err == nil || !input.Is(err) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ManifestAt(gin, %d) = %v, want an input error containing %q", c.v, err, c.want)
		}
	}
	m, err := ManifestAt(templates.FS, "gin", 1)
	if err != nil || m.TemplateVersion != 1 {
		t.Fatalf("ManifestAt(gin, 1) = %v, %v", m, err)
	}
}

// An older version renders from its frozen archive, not from the current files.
func TestManifestAtRendersTheFrozenVersion(t *testing.T) {
	const manifest = "name: web\ntitle: Web\ndescription: d\nlanguage: JS\nversion: \"1\"\ntemplate_version: %d\ngolden: [{name: default}]\n"
	v1 := fstest.MapFS{
		"web/manifest.yaml":        {Data: []byte(fmt.Sprintf(manifest, 1))},
		"web/files/README.md.tmpl": {Data: []byte("# {{.Name}}, version one\n")},
	}
	archive, err := source.Freeze(v1, "web", nil)
	if err != nil {
		t.Fatal(err)
	}
	v2 := fstest.MapFS{
		"web/manifest.yaml":        {Data: []byte(fmt.Sprintf(manifest, 2))},
		"web/files/README.md.tmpl": {Data: []byte("# {{.Name}}, version two\n")},
		"web/history/1.zip":        {Data: archive},
	}
	for v, want := range map[int]string{1: "# demo, version one\n", 2: "# demo, version two\n"} {
		m, err := ManifestAt(v2, "web", v)
		if err != nil {
			t.Fatalf("version %d: %v", v, err)
		}
		p, err := Resolve(m, Request{Name: "demo"}, SeededRandom("t"))
		if err != nil {
			t.Fatal(err)
		}
		files, err := Generate(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Path == "README.md" && string(f.Data) != want {
				t.Errorf("version %d README.md = %q, want %q", v, f.Data, want)
			}
		}
	}
	if _, err := ManifestAt(v1, "web", 0); err == nil {
		t.Error("version 0 loaded")
	}
	delete(v2, "web/history/1.zip")
	if _, err := ManifestAt(v2, "web", 1); err == nil || !strings.Contains(err.Error(), "version 1 is not in this scaffold") {
		t.Errorf("a missing frozen version: %v", err)
	}
}

// Only the manifest's test sections may change under a frozen version.
func TestSameApartFromTests(t *testing.T) {
	base := "name: web\ntemplate_version: 1\noptions:\n  - name: db\n    default: none\ne2e:\n  steps: [make test]\n"
	for _, tc := range []struct {
		other string
		same  bool
	}{
		{base, true},
		{strings.Replace(base, "make test", "make check", 1), true},
		{strings.Replace(base, "e2e:\n  steps: [make test]\n", "", 1), true},
		{base + "e2e_full:\n  steps: [make all]\n", true},
		{base + "requires:\n  - tool: Go\n    command: go\n", true},
		{strings.Replace(base, "default: none", "default: postgres", 1), false},
		{strings.Replace(base, "name: web", "name: api", 1), false},
		{base + "shared: [docker]\n", false},
	} {
		if got := sameApartFromTests([]byte(base), []byte(tc.other)); got != tc.same {
			t.Errorf("same(base, %q) = %v; want %v", tc.other, got, tc.same)
		}
	}
}
