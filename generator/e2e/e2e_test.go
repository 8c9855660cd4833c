//go:build e2e

package e2e_test

// End-to-end runs: every golden case of every framework is generated into a
// temporary directory and run with its own toolchain (package e2e).
// Golden files prove the output is stable; this proves it works.
//
//	make e2e                  # all frameworks (CI=true: a missing toolchain fails)
//	make e2e E2E_RUN=gin      # one framework, or gin/default for one case
//	make e2e-full             # the e2e_full sections (need registries this machine lacks)

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/e2e"
	"github.com/scaffold-cli/scaffold/templates"
)

// inCI is true in CI, where a missing toolchain is a failure, not a skip.
var inCI = os.Getenv("CI") == "true"

func TestMain(m *testing.M) {
	code := m.Run()
	e2e.RemoveTemporaryRoots()
	os.Exit(code)
}

func TestE2E(t *testing.T) {
	runAll(t, func(m *generator.Manifest) *generator.E2E { return m.E2E }, false)
	runFixtures(t)
}

// runFixtures runs the custom templates kept as test data only
// (testdata/templates/<name>, e.g. FastAPI), loaded as a user's --template
// directory is: proof that a template in the format works from outside.
func runFixtures(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/templates/*/manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, manifest := range dirs {
		m, err := generator.LoadTemplateDir(filepath.Dir(manifest))
		if err != nil {
			t.Fatal(err)
		}
		if m.E2E == nil {
			continue
		}
		for _, gc := range m.Golden {
			t.Run(m.Name+"/"+gc.Name, func(t *testing.T) {
				e2e.RunCase(t, m, gc, m.E2E, e2e.Options{CI: inCI})
			})
		}
	}
}

// TestE2EFull runs the e2e_full sections: real runs that need what this
// machine may not have (RubyGems, Packagist, newer runtimes). A failing
// preflight skips with its reason, even in CI.
func TestE2EFull(t *testing.T) {
	runAll(t, func(m *generator.Manifest) *generator.E2E { return m.E2EFull }, true)
}

func runAll(t *testing.T, section func(*generator.Manifest) *generator.E2E, full bool) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range catalog.Manifests() {
		e := section(m)
		if e == nil {
			continue
		}
		for _, gc := range m.Golden {
			t.Run(m.Name+"/"+gc.Name, func(t *testing.T) {
				e2e.RunCase(t, m, gc, e, e2e.Options{CI: inCI, Full: full})
			})
		}
	}
}
