package generator

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/templates"
)

// Every built-in manifest loads WithoutE2E exactly as it loads whole, minus
// its e2e sections.
func TestWithoutE2EMatchesFullLoad(t *testing.T) {
	full, err := LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	lite, err := LoadCatalog(templates.FS, WithoutE2E())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(full.Names(), lite.Names()) {
		t.Fatalf("frameworks %v, want %v", lite.Names(), full.Names())
	}
	for _, m := range full.Manifests() {
		l, _ := lite.Lookup(m.Name)
		want := *m
		want.E2E, want.E2EFull = nil, nil
		if !reflect.DeepEqual(*l, want) {
			t.Errorf("%s: WithoutE2E loads something else than the whole manifest minus e2e", m.Name)
		}
	}
}

const e2eTail = `e2e:
  tools: [go]
  steps:
    - |
      echo one
# a comment in column 0 inside e2e

    - echo two
e2e_full:
  tools: [ruby]
`

func TestWithoutTopLevelKeys(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"at the end", minimalManifest + e2eTail, minimalManifest},
		{"in the middle", "name: toy\n" + e2eTail + "title: Toy\n", "name: toy\ntitle: Toy\n"},
		{"at the start, no final newline", e2eTail + "title: Toy", "title: Toy"},
		{"inline and commented", "e2e: {tools: [go]}  # inline\ntitle: Toy\n", "title: Toy\n"},
		{"CRLF", "e2e:\r\n  tools: [go]\r\ntitle: Toy\r\n", "title: Toy\r\n"},
		{"similar keys stay", "e2e_other: 1\ne2e2: 2\ne2ex:\n  a: 1\n", "e2e_other: 1\ne2e2: 2\ne2ex:\n  a: 1\n"},
		{"nested e2e stays", "vars:\n  e2e: x\n", "vars:\n  e2e: x\n"},
		{"document markers end it", "e2e:\n  a: 1\n---\nb: 2\n", "---\nb: 2\n"},
	} {
		if got := string(withoutTopLevelKeys([]byte(c.in), e2eKeyRe.Regexp())); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// Where cutting would break a document, the whole is parsed: the result and
// the errors are ParseManifest's.
func TestWithoutE2EFallsBackToTheWholeDocument(t *testing.T) {
	anchored := strings.Replace(strings.Replace(minimalManifest, "golden:\n  - name: default\n", "", 1), "version: \"1.0\"\n", "", 1) +
		"e2e:\n  timeout: &v 10m\n" +
		"version: *v\n" +
		"golden:\n  - name: default\n"
	flow := strings.Replace(minimalManifest, "golden:\n  - name: default\n", "", 1) +
		"e2e: {tools: [go],\nsteps: [true]}\n" +
		"golden:\n  - name: default\n"
	brokenOutside := minimalManifest + "e2e:\n  tools: [go]\nnosuchkey: 1\n"
	brokenInside := minimalManifest + "e2e:\n  timeout: soon\n"
	for name, doc := range map[string]string{"anchor": anchored, "flow": flow, "broken outside": brokenOutside} {
		want, wantErr := ParseManifest([]byte(doc))
		if (wantErr == nil) != (name != "broken outside") {
			t.Fatalf("%s: ParseManifest: %v", name, wantErr)
		}
		got, err := parseManifestWith([]byte(doc), loadConfig{withoutE2E: true})
		if errString(err) != errString(wantErr) {
			t.Errorf("%s: error %v, want %v", name, err, wantErr)
		}
		if wantErr == nil && (!reflect.DeepEqual(got, want) || got.E2E == nil) {
			t.Errorf("%s: loads something else than ParseManifest", name)
		}
	}
	// A broken e2e section is not read, so it is not refused either (the
	// test suite loads manifests whole).
	if _, err := parseManifestWith([]byte(brokenInside), loadConfig{withoutE2E: true}); err != nil {
		t.Errorf("broken e2e: %v", err)
	}
	if _, err := ParseManifest([]byte(brokenInside)); err == nil {
		t.Errorf("ParseManifest accepts a bad e2e timeout")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// A Lazy catalog lists the same frameworks with the same summaries, and
// Lookup and Manifests give what an eager load gives.
func TestLazyCatalogMatchesEagerLoad(t *testing.T) {
	eager, err := LoadCatalog(templates.FS, WithoutE2E())
	if err != nil {
		t.Fatal(err)
	}
	lazy, err := LoadCatalog(templates.FS, WithoutE2E(), Lazy())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(lazy.Names(), eager.Names()) {
		t.Fatalf("names %v, want %v", lazy.Names(), eager.Names())
	}
	if !reflect.DeepEqual(lazy.Summaries(), eager.Summaries()) {
		t.Errorf("summaries differ:\n%+v\nwant\n%+v", lazy.Summaries(), eager.Summaries())
	}
	for _, n := range eager.Names() {
		want, _ := eager.Lookup(n)
		got, err := lazy.Lookup(n)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Lookup(%s): %v; not the eager manifest", n, err)
		}
	}
	if !reflect.DeepEqual(lazy.Manifests(), eager.Manifests()) {
		t.Errorf("Manifests differ")
	}
	if _, err := lazy.Lookup("nosuch"); err == nil || !input.Is(err) {
		t.Errorf("Lookup(nosuch): %v", err)
	}
}

// A manifest whose summary loads but whose whole does not: the lazy catalog
// loads, Lookup says why, Manifests leaves it out. A broken summary, or a
// name that is not the directory's, fails LoadCatalog as an eager load does.
func TestLazyCatalogErrors(t *testing.T) {
	good := minimalManifest
	badWhole := minimalManifest + "vars:\n  x: '{{'\n"
	fsys := fstest.MapFS{
		"good/manifest.yaml": {Data: []byte(good)},
		"good/files/a":       {Data: []byte("a")},
		"bad/manifest.yaml":  {Data: []byte(strings.Replace(badWhole, "name: toy", "name: bad", 1))},
		"bad/files/a":        {Data: []byte("a")},
		"notes/readme.txt":   {Data: []byte("not a framework")},
	}
	fsys["good/manifest.yaml"].Data = []byte(strings.Replace(good, "name: toy", "name: good", 1))
	c, err := LoadCatalog(fsys, Lazy())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Names(), " "); got != "bad good" {
		t.Errorf("names %q", got)
	}
	if _, err := c.Lookup("bad"); err == nil || !strings.Contains(err.Error(), "var \"x\"") {
		t.Errorf("Lookup(bad): %v", err)
	}
	if ms := c.Manifests(); len(ms) != 1 || ms[0].Name != "good" {
		t.Errorf("Manifests: %d", len(ms))
	}
	fsys["bad/manifest.yaml"] = &fstest.MapFile{Data: []byte("name: [\n")}
	if _, err := LoadCatalog(fsys, Lazy()); err == nil || !strings.Contains(err.Error(), "bad/manifest.yaml") {
		t.Errorf("broken summary: %v", err)
	}
	fsys["bad/manifest.yaml"] = &fstest.MapFile{Data: []byte(good)}
	if _, err := LoadCatalog(fsys, Lazy()); err == nil || !strings.Contains(err.Error(), "must equal the directory name") {
		t.Errorf("name mismatch: %v", err)
	}
}

// Where cutting out the summary breaks the document, the whole is parsed.
func TestParseSummaryFallsBack(t *testing.T) {
	doc := strings.Replace(minimalManifest, "title: Toy\n", "", 1) + "vars:\n  t: &t Toy\ntitle: *t\n"
	s, err := parseSummary([]byte(doc))
	if err != nil || s.Title != "Toy" || s.Name != "toy" {
		t.Errorf("summary %+v, %v", s, err)
	}
}

// Frameworks added from disk (--templates) join a lazy catalog as they join
// an eager one: listed, summarized, looked up, and never shadowing a
// built-in one.
func TestLazyCatalogAdd(t *testing.T) {
	extraFS := fstest.MapFS{
		"extra/manifest.yaml": {Data: []byte(strings.Replace(minimalManifest, "name: toy", "name: extra", 1))},
		"extra/files/a":       {Data: []byte("a")},
	}
	for _, opts := range [][]LoadOption{nil, {WithoutE2E(), Lazy()}} {
		c, err := LoadCatalog(templates.FS, opts...)
		if err != nil {
			t.Fatal(err)
		}
		builtin := c.Names()
		extra, err := LoadCatalog(extraFS)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Add(extra); err != nil {
			t.Fatal(err)
		}
		names := c.Names()
		if len(names) != len(builtin)+1 || !slices.Contains(names, "extra") || !slices.IsSorted(names) {
			t.Errorf("names %v", names)
		}
		if m, err := c.Lookup("extra"); err != nil || m.Name != "extra" {
			t.Errorf("Lookup(extra): %v", err)
		}
		if got := len(c.Summaries()); got != len(names) {
			t.Errorf("%d summaries for %d frameworks", got, len(names))
		}
		if got := len(c.Manifests()); got != len(names) {
			t.Errorf("%d manifests for %d frameworks", got, len(names))
		}
		shadow := fstest.MapFS{
			builtin[0] + "/manifest.yaml": {Data: []byte(strings.Replace(minimalManifest, "name: toy", "name: "+builtin[0], 1))},
			builtin[0] + "/files/a":       {Data: []byte("a")},
		}
		other, err := LoadCatalog(shadow)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Add(other); err == nil || !strings.Contains(err.Error(), "already defined") {
			t.Errorf("shadowing %s: %v", builtin[0], err)
		}
	}
}
