package generator

import (
	"reflect"
	"strings"
	"testing"

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
		if got := string(withoutTopLevelKeys([]byte(c.in), e2eKeyRe)); got != c.want {
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
