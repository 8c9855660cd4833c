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
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestE2EUpdate proves `scaffold update` on every framework: its default
// golden case is generated at the current template version, edited as a
// user would, updated to the fixture's version 2 (testdata/update/<fw>/,
// see update_fixture_test.go), and then run with its own toolchain, the
// user's new test included.
//
//	make e2e-update                 # every framework
//	make e2e-update E2E_RUN=flask   # one
func TestE2EUpdate(t *testing.T) {
	type timing struct {
		name                  string
		generate, update, run time.Duration
		result                string
	}
	var times []timing
	for _, f := range loadUpdateFixtures(t) {
		t.Run(f.framework+"/default", func(t *testing.T) {
			tm := timing{name: f.framework + "/default", result: "skipped"}
			defer func() {
				if t.Failed() {
					tm.result = "FAILED"
				}
				times = append(times, tm)
				t.Logf("update e2e %s: %s; generate+edit %.1fs, update %.2fs, project e2e %.1fs", tm.name, tm.result, tm.generate.Seconds(), tm.update.Seconds(), tm.run.Seconds())
			}()
			uc := runUpdateFixture(t, f)
			tm.generate, tm.update = uc.times[0], uc.times[1]
			if t.Failed() {
				t.FailNow() // the update itself is wrong: running the project proves nothing
			}
			if uc.current.E2E == nil {
				t.Skipf("%s has no e2e section", f.framework)
			}
			start := time.Now()
			defer func() { tm.run = time.Since(start) }()
			e2e.Run(t, uc.project, uc.dir, withChecks(uc.current.E2E, f.http), e2e.Options{CI: inCI})
			tm.result = "ok"
		})
	}
	for _, tm := range times {
		t.Logf("%-22s %-7s generate+edit %5.1fs  update %5.2fs  project e2e %6.1fs", tm.name, tm.result, tm.generate.Seconds(), tm.update.Seconds(), tm.run.Seconds())
	}
}

// TestE2EAdd runs every framework through scaffold add (testdata/add): the
// default project, edited as a user would (a route with its own test, the
// README), then `add database=postgres docker ci` and its e2e against the
// real PostgreSQL server, its Dockerfile parsed and its workflow through
// actionlint; then `add database=none` and its e2e again.
func TestE2EAdd(t *testing.T) {
	actionlint := strings.Fields(os.Getenv("SCAFFOLD_ACTIONLINT")) // make e2e-add sets it
	for _, f := range loadFixtures(t, "add") {
		t.Run(f.framework+"/default", func(t *testing.T) {
			ap := editedProject(t, f)
			if ap.current.E2E == nil {
				t.Skipf("%s has no e2e section", f.framework)
			}
			for i, sets := range addSteps(t, ap.current) {
				start := time.Now()
				addLikeTheCLI(t, ap, sets)
				checkUserEdits(t, f, ap.dir)
				t.Logf("ok   %5.2fs  scaffold add %v", time.Since(start).Seconds(), sets)
				if i == 0 {
					dockerfile, err := os.ReadFile(filepath.Join(ap.dir, "Dockerfile"))
					if err != nil {
						t.Fatalf("after add docker: %v", err)
					}
					if p := checkDockerfile(dockerfile); len(p) > 0 {
						t.Errorf("the Dockerfile does not parse: %v", p)
					}
					switch {
					case len(actionlint) > 0:
						cmd := exec.Command(actionlint[0], append(actionlint[1:], filepath.Join(ap.dir, ".github", "workflows", "ci.yml"))...)
						if out, err := cmd.CombinedOutput(); err != nil {
							t.Errorf("actionlint on the workflow: %v\n%s", err, out)
						} else {
							t.Logf("ok          actionlint .github/workflows/ci.yml")
						}
					case inCI:
						t.Errorf("SCAFFOLD_ACTIONLINT is not set: run this through make e2e-add")
					default:
						t.Logf("SKIPPED: actionlint (SCAFFOLD_ACTIONLINT is not set; make e2e-add sets it)")
					}
				}
				// The run installs, builds and caches inside the project; it
				// runs on a copy, so the next add sees the user's project, not
				// the run's leftovers.
				run := filepath.Join(t.TempDir(), filepath.Base(ap.dir))
				if out, err := exec.Command("cp", "-a", ap.dir, run).CombinedOutput(); err != nil {
					t.Fatalf("copying the project: %v %s", err, out)
				}
				e2e.Run(t, ap.project, run, withChecks(ap.current.E2E, f.http), e2e.Options{CI: inCI})
			}
		})
	}
}
