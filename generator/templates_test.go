package generator_test

import (
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// TestEmbeddedTemplates loads every built-in manifest and parses every
// template and templated path, so a broken template fails here, never in
// front of a user.
func TestEmbeddedTemplates(t *testing.T) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(catalog.Names()) == 0 {
		t.Fatal("no frameworks embedded")
	}
	for _, m := range catalog.Manifests() {
		t.Run(m.Name, func(t *testing.T) {
			if err := generator.ParseTemplates(m); err != nil {
				t.Error(err)
			}
			if m.E2E == nil {
				t.Error("no e2e section: every framework must be run for real (or statically checked) by make e2e")
			}
			if len(m.Golden) == 0 || m.Golden[0].Name != "default" || len(m.Golden[0].Options) != 0 {
				t.Error(`the first golden case must be "default" with no options`)
			}
		})
	}
}
