package generator

import (
	"bytes"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/templates"
)

// partsOf is GenerateParts, failing the test on an error.
func partsOf(t *testing.T, p *Project) Parts {
	t.Helper()
	parts, err := GenerateParts(p)
	if err != nil {
		t.Fatal(err)
	}
	return parts
}

func secretPaths(parts Parts) []string {
	var out []string
	for i, f := range parts.Files {
		if parts.Secret[i] {
			out = append(out, f.Path)
		}
	}
	return out
}

// reuse builds project p's files from another project's parts: the
// unmarked files as they are, the marked ones rendered for p.
func reuse(t *testing.T, from Parts, p *Project) []File {
	t.Helper()
	out := slices.Clone(from.Files)
	var again []File
	var at []int
	for i, f := range out {
		if from.Secret[i] {
			again = append(again, File{Path: f.Path, Mode: f.Mode, Source: f.Source})
			at = append(at, i)
		}
	}
	if err := RenderFiles(p, again); err != nil {
		t.Fatal(err)
	}
	for j, i := range at {
		out[i] = again[j]
	}
	return out
}

func sameFiles(t *testing.T, what string, got, want []File) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Path != w.Path || g.Mode != w.Mode || !bytes.Equal(g.Data, w.Data) {
			t.Errorf("%s: file %d is %s (%04o, %d bytes), want %s (%04o, %d bytes)", what, i, g.Path, g.Mode, len(g.Data), w.Path, w.Mode, len(w.Data))
		}
	}
}

func TestGeneratePartsToy(t *testing.T) {
	p := toyProject(t, "demo", nil, "one")
	parts := partsOf(t, p)
	files, err := Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "GenerateParts", parts.Files, files)
	if got := secretPaths(parts); !slices.Equal(got, []string{"secret.txt"}) {
		t.Errorf("files marked as reading the secrets: %q, want only secret.txt", got)
	}
	if parts.PlanSecret {
		t.Error("the toy's file rules read no secret, yet PlanSecret is set")
	}
	other := toyProject(t, "demo", nil, "two")
	want, err := Generate(other)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "reused parts", reuse(t, parts, other), want)
}

// A var made from a secret carries it: a file reading that var reads the
// secrets, and so does the plan when a rule's condition or a path reads it.
func TestGeneratePartsFollowsVarsAndRules(t *testing.T) {
	for _, c := range []struct {
		name, manifest string
		files          map[string]string
		secret         []string
		plan           bool
	}{
		{"var from a secret", "vars:\n  tok: '{{ .Secrets.token }}'\n  plain: '{{ .Name }}'\n",
			map[string]string{"a.txt.tmpl": "{{ .Vars.tok }}", "b.txt.tmpl": "{{ .Vars.plain }}", "c.txt.tmpl": "{{ .Vars }}"},
			[]string{"a.txt", "c.txt"}, false},
		{"var from a var from a secret", "vars:\n  tok: '{{ .Secrets.token }}'\n  again: '{{ .Vars.tok }}!'\n",
			map[string]string{"a.txt.tmpl": "{{ .Vars.again }}", "b.txt.tmpl": "{{ .Name }}"},
			[]string{"a.txt"}, false},
		{"the whole data", "",
			map[string]string{"a.txt.tmpl": "{{ toJson . }}", "b.txt": "{{ .Secrets.token }} is copied, not rendered"},
			[]string{"a.txt"}, false},
		{"a condition", "files:\n  - {match: a.txt, when: 'hasPrefix \"0\" .Secrets.token'}\n",
			map[string]string{"a.txt": "x"}, nil, true},
		{"a dest", "files:\n  - {match: a.txt, dest: '{{ .Secrets.token }}.txt'}\n",
			map[string]string{"a.txt": "x"}, nil, true},
		{"a path", "", map[string]string{"{{ .Secrets.token }}.txt": "x"}, []string(nil), true},
	} {
		t.Run(c.name, func(t *testing.T) {
			manifest := "name: t\ntitle: T\ndescription: d\nlanguage: Text\nversion: \"1\"\ntemplate_version: 1\n" +
				"golden:\n  - name: default\nsecrets:\n  - {key: token, length: 4, encoding: hex}\n" + c.manifest
			fsys := fstest.MapFS{"t/manifest.yaml": {Data: []byte(manifest)}}
			for k, v := range c.files {
				fsys["t/files/"+k] = &fstest.MapFile{Data: []byte(v)}
			}
			cat, err := LoadCatalog(fsys)
			if err != nil {
				t.Fatal(err)
			}
			m, err := cat.Lookup("t")
			if err != nil {
				t.Fatal(err)
			}
			p, err := Resolve(m, Request{Name: "demo"}, SeededRandom("x"))
			if err != nil {
				t.Fatal(err)
			}
			parts := partsOf(t, p)
			if parts.PlanSecret != c.plan {
				t.Errorf("PlanSecret = %v, want %v", parts.PlanSecret, c.plan)
			}
			if c.plan {
				return
			}
			if got := secretPaths(parts); !slices.Equal(got, c.secret) {
				t.Errorf("marked %q, want %q", got, c.secret)
			}
		})
	}
}

// Every golden case of every framework: the files GenerateParts leaves
// unmarked are the same whatever the seed (so a file whose bytes change
// with the secrets is always marked), the plan never reads the secrets,
// and reusing one project's parts for another seed gives exactly what
// Generate gives for that seed.
func TestGeneratePartsBuiltins(t *testing.T) {
	c, err := LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	marked := map[string][]string{}
	for _, m := range c.Manifests() {
		for _, gc := range m.Golden {
			t.Run(m.Name+"/"+gc.Name, func(t *testing.T) {
				opts := map[string]string{}
				for k, v := range gc.Options {
					opts[k] = FormatOptionValue(v)
				}
				resolve := func(seed string) *Project {
					p, err := Resolve(m, Request{Name: gc.ProjectName(), Options: opts}, SeededRandom(seed))
					if err != nil {
						t.Fatal(err)
					}
					return p
				}
				a, b := resolve("first"), resolve("second")
				parts := partsOf(t, a)
				if parts.PlanSecret {
					t.Fatal("the plan reads the secrets: serve could reuse nothing")
				}
				other, err := Generate(b)
				if err != nil {
					t.Fatal(err)
				}
				for i, f := range parts.Files {
					if !parts.Secret[i] && !bytes.Equal(f.Data, other[i].Data) {
						t.Errorf("%s changes with the seed but is not marked as reading the secrets", f.Path)
					}
					if parts.Secret[i] && len(m.Secrets) == 0 {
						t.Errorf("%s is marked, but %s draws no secret", f.Path, m.Name)
					}
				}
				sameFiles(t, "reused parts", reuse(t, parts, b), other)
				marked[m.Name] = secretPaths(parts)
			})
		}
	}
	// The files that carry a secret are marked, and not many more.
	for fw, want := range map[string][]string{
		"django":  {"my_site/settings.py"},
		"laravel": {".env"},
		"rails":   {"config/credentials.yml.enc", "config/master.key"},
	} {
		if got, ok := marked[fw]; ok && !slices.Equal(got, want) {
			t.Errorf("%s: marked %q, want %q", fw, got, want)
		}
	}
}
