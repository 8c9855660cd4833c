package generator

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/source"
	"github.com/scaffold-cli/scaffold/templates"
)

// Every built-in manifest is in the index, and the index holds exactly what
// decoding its YAML gives: a template change without `go generate` (make
// golden runs it) fails here, as would a value the generator wrote wrong.
func TestIndexIsCurrent(t *testing.T) {
	for name, data := range builtinManifestBytes(t) {
		want, err := ParseManifestForCLI(data)
		if err != nil {
			t.Fatal(err)
		}
		got := fromIndex(data)
		if got == nil {
			t.Errorf("%s: the index is stale (its manifest changed): run go generate ./generator (make golden runs it)", name)
			continue
		}
		if got.templates == nil || got.templates == want.templates {
			t.Errorf("%s: the index must give every manifest a template set of its own", name)
		}
		if s, ok := summaryFromIndex(data); !ok || !reflect.DeepEqual(s, summaryOf(want)) {
			t.Errorf("%s: the index's summary differs from the decoded YAML's:\n got %#v\nwant %#v", name, s, summaryOf(want))
		}
		if got.secrets == nil {
			t.Errorf("%s: the index gives no secret analysis", name)
		}
		got.templates, want.templates = nil, nil
		got.secrets, want.secrets = nil, nil
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the index differs from the decoded YAML:\n got %#v\nwant %#v", name, got, want)
		}
	}
}

// The index hands out copies: changing one manifest changes no other load.
func TestIndexCopies(t *testing.T) {
	data, err := source.Manifest(templates.FS, "gin")
	if err != nil {
		t.Fatal(err)
	}
	a, b := fromIndex(data), fromIndex(data)
	if a == nil || b == nil {
		t.Skip("gin is not in the index (TestIndexIsCurrent says why)")
	}
	a.Options[0].Default = "changed"
	a.Versions["go"] = "changed"
	if b.Options[0].Default == "changed" || b.Versions["go"] == "changed" {
		t.Error("two loads from the index share their values")
	}
	if a.templates == b.templates {
		t.Error("two loads from the index share a template set")
	}
}

// A manifest whose bytes are not in the index (a --templates directory, an
// edit since go generate) is decoded from YAML.
func TestNotIndexedIsDecoded(t *testing.T) {
	data, err := source.Manifest(templates.FS, "gin")
	if err != nil {
		t.Fatal(err)
	}
	edited := append(append([]byte(nil), data...), "\n# edited\n"...)
	if fromIndex(edited) != nil {
		t.Fatal("an edited manifest was found in the index")
	}
	m, err := parseManifestWith(edited, loadConfig{withoutE2E: true})
	if err != nil || m.Name != "gin" {
		t.Fatalf("decoded %v, %v", m, err)
	}
}

// The key hashed while reading through a buffer is the key of the whole
// bytes, for every built-in manifest.
func TestStoredManifestSum(t *testing.T) {
	for name, data := range builtinManifestBytes(t) {
		if got, ok := storedManifestSum(templates.FS, name); !ok || got != manifestSum(data) {
			t.Errorf("%s: streamed sum %q (ok %v), want %q", name, got, ok, manifestSum(data))
		}
	}
	if _, ok := storedManifestSum(templates.FS, "no-such-framework"); ok {
		t.Error("a missing manifest has a sum")
	}
}

// Loading goes by the bytes on the file system, not by a framework's name:
// a built-in manifest edited in place, even keeping its length, is decoded
// from YAML by the CLI's loaders, summaries and whole manifest alike.
func TestLoadersDecodeEditedManifest(t *testing.T) {
	data, err := source.Manifest(templates.FS, "gin")
	if err != nil {
		t.Fatal(err)
	}
	m, err := ParseManifestForCLI(data)
	if err != nil {
		t.Fatal(err)
	}
	old := m.Title
	edited := bytes.Replace(data, []byte("title: "+old), []byte("title: "+strings.ToUpper(old)), 1)
	if bytes.Equal(edited, data) || len(edited) != len(data) {
		t.Fatalf("the test's edit did not apply to gin's title %q", old)
	}
	for _, tc := range []struct {
		name      string
		data      []byte
		wantTitle string
	}{{"unedited", data, old}, {"edited", edited, strings.ToUpper(old)}} {
		fsys := fstest.MapFS{"gin/manifest.yaml": {Data: tc.data}, "gin/files/README.md": {Data: []byte("x")}}
		got, err := LoadManifest(fsys, "gin", WithoutE2E())
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got.Title != tc.wantTitle {
			t.Errorf("%s: LoadManifest title %q, want %q", tc.name, got.Title, tc.wantTitle)
		}
		c, err := LoadCatalog(fsys, WithoutE2E(), Lazy())
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if s := c.Summaries(); len(s) != 1 || s[0].Title != tc.wantTitle {
			t.Errorf("%s: summaries %+v, want one titled %q", tc.name, s, tc.wantTitle)
		}
	}
}

// builtinManifestBytes is every built-in framework's manifest, by name.
func builtinManifestBytes(t *testing.T) map[string][]byte {
	t.Helper()
	names, err := source.Frameworks(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, name := range names {
		if out[name], err = source.Manifest(templates.FS, name); err != nil {
			t.Fatal(err)
		}
	}
	return out
}
