package generator

import (
	"testing"

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
					if err := source.SameTree(templates.FS, frozen, m.Name, m.Shared, old.Shared); err != nil {
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
