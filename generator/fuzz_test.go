package generator

// Fuzz tests for name derivation and path planning. The invariant they all
// defend: every path scaffold plans stays inside the target. Seeds are in
// testdata/fuzz/<FuzzName>/ (plain `go test` runs them); `make fuzz` runs
// each target for a bounded time.

import (
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/tree"
	"github.com/scaffold-cli/scaffold/templates"
)

// fuzzTarget is where planned paths are joined for the "inside" check.
const fuzzTarget = "/work/target"

// checkPlannedPath fails unless p is a path Write may use: local, clean,
// and inside the target once joined with it.
func checkPlannedPath(t *testing.T, p string) {
	t.Helper()
	if err := tree.CheckLocal(p); err != nil {
		t.Fatalf("planned path %q is refused by tree.CheckLocal: %v", p, err)
	}
	joined := filepath.Join(fuzzTarget, filepath.FromSlash(p))
	switch {
	case !filepath.IsLocal(p):
		t.Fatalf("planned path %q is not local", p)
	case path.Clean(p) != p:
		t.Fatalf("planned path %q is not clean (%q)", p, path.Clean(p))
	case !strings.HasPrefix(joined, fuzzTarget+string(filepath.Separator)):
		t.Fatalf("planned path %q lands at %s, outside %s", p, joined, fuzzTarget)
	case strings.ContainsAny(p, "\x00\\:"):
		t.Fatalf("planned path %q holds a NUL, backslash or colon", p)
	}
}

// FuzzCheckLocalPath: whatever tree.CheckLocal accepts stays inside.
func FuzzCheckLocalPath(f *testing.F) {
	f.Add("cmd/demo/main.go")
	f.Add("../x")
	f.Fuzz(func(t *testing.T, p string) {
		if tree.CheckLocal(p) == nil {
			checkPlannedPath(t, p)
		}
	})
}

// heavyTemplateRe matches template text that can allocate without bound
// from a short input (repeat 99999, range 1e9, printf "%*d", recursion):
// a template's author could write those, but they are not path escapes, and
// the fuzzer would spend its time (and memory) on them.
var heavyTemplateRe = regexp.MustCompile(`range|repeat|until|seq|indent|template|define|block|wrap|[*]|\d{5,}`)

// FuzzPlanFile plans one file of a hostile template: its source path (whose
// elements are templates), a dest rule, and a value the templates may use
// as the name, an option, a name rule's output or a var. Whatever plans
// without an error stays inside the target.
func FuzzPlanFile(f *testing.F) {
	f.Add(`cmd/{{.Name}}/main.go.tmpl`, "", "demo")
	f.Add(`{{.Options.x}}/x.txt`, "", "../..")
	f.Add("x.txt", `{{.Options.x}}/x.txt`, "/etc")
	f.Fuzz(func(t *testing.T, src, dest, value string) {
		if !fs.ValidPath(src) || src == "." || len(src)+len(dest) > 300 || heavyTemplateRe.MatchString(src+dest) {
			t.Skip()
		}
		m := &Manifest{Name: "fuzz", files: fstest.MapFS{src: {Data: []byte("x")}}}
		if dest != "" {
			m.Files = []FileRule{{Match: "**", Dest: dest}}
		}
		data := TemplateData{
			Name:     value,
			Names:    map[string]string{"x": value},
			Options:  map[string]any{"x": value, "b": len(value)%2 == 0},
			Vars:     map[string]string{"x": value},
			Secrets:  map[string]string{"x": value},
			Versions: map[string]string{"x": value},
		}
		file, keep, err := planFile(&Project{Manifest: m}, src, data, map[string]bool{})
		if err != nil || !keep {
			return
		}
		checkPlannedPath(t, file.Path)
	})
}

var (
	fuzzCatalog    *Catalog
	fuzzCatalogErr error
)

func builtinManifests(t *testing.T) []*Manifest {
	t.Helper()
	if fuzzCatalog == nil && fuzzCatalogErr == nil {
		fuzzCatalog, fuzzCatalogErr = LoadCatalog(templates.FS)
	}
	if fuzzCatalogErr != nil {
		t.Fatal(fuzzCatalogErr)
	}
	return fuzzCatalog.Manifests()
}

// FuzzGenerate runs the whole pipeline on a built-in framework (picked by
// pick) with a fuzzed project name and option values: Resolve either
// refuses the request with an input error (exit 2), or Generate succeeds —
// a template must not break on input its validators accepted — and every
// planned path stays inside the target.
func FuzzGenerate(f *testing.F) {
	f.Add("demo", "github.com/acme/demo", uint64(0))
	f.Add("demo", "../../etc", uint64(0x5500))
	f.Fuzz(func(t *testing.T, name, value string, pick uint64) {
		manifests := builtinManifests(t)
		m := manifests[pick%uint64(len(manifests))]
		opts := map[string]string{}
		for i, o := range m.Options {
			switch (pick >> (8 + 2*uint(i%28))) & 3 {
			case 1: // the fuzzed value, as given
				opts[o.Key] = value
			case 2: // a value of the right kind
				switch {
				case o.Kind == KindChoice:
					opts[o.Key] = o.Choices[len(value)%len(o.Choices)]
				case o.Kind == KindBool:
					opts[o.Key] = []string{"false", "true"}[len(value)%2]
				default:
					opts[o.Key] = value
				}
			case 3: // the fuzzed value, under the name
				opts[o.Key] = name
			}
		}
		p, err := Resolve(m, Request{Name: name, Options: opts}, SeededRandom("fuzz"))
		if err != nil {
			if !input.Is(err) {
				t.Fatalf("%s: Resolve(name %q, options %q) failed with %v, not an input error (exit 2)", m.Name, name, opts, err)
			}
			return
		}
		files, err := Generate(p)
		if err != nil {
			t.Fatalf("%s: name %q and options %q were accepted, then Generate failed: %v", m.Name, name, opts, err)
		}
		seen := map[string]bool{}
		for _, file := range files {
			checkPlannedPath(t, file.Path)
			if seen[file.Path] {
				t.Fatalf("%s plans %s twice", m.Name, file.Path)
			}
			seen[file.Path] = true
		}
	})
}
