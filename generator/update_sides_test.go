package generator

import (
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/source"
)

// A secret found in the project is rendered into the new version as long
// as that version declares it alike; one whose length the version changed
// is drawn anew, in the new form (the old value would not fit where the
// templates now use it).
func TestUpdateKeepsFoundSecretsOnlyInTheirForm(t *testing.T) {
	const manifest = "name: web\ntitle: Web\ndescription: d\nlanguage: Text\nversion: \"1\"\ntemplate_version: %d\n" +
		"secrets:\n  - {key: kept, length: 24, encoding: alnum}\n  - {key: grown, length: %d, encoding: hex}\ngolden: [{name: default}]\n"
	const env = "KEPT={{.Secrets.kept}}\nGROWN={{.Secrets.grown}}\n"
	v1 := fstest.MapFS{
		"web/manifest.yaml":     {Data: []byte(fmt.Sprintf(manifest, 1, 16))},
		"web/files/.env.tmpl":   {Data: []byte(env)},
		"web/files/README.tmpl": {Data: []byte("version one\n")},
	}
	archive, err := source.Freeze(v1, "web", nil)
	if err != nil {
		t.Fatal(err)
	}
	v2 := fstest.MapFS{
		"web/manifest.yaml":     {Data: []byte(fmt.Sprintf(manifest, 2, 32))},
		"web/files/.env.tmpl":   {Data: []byte(env)},
		"web/files/README.tmpl": {Data: []byte("version two\n")},
		"web/history/1.zip":     {Data: archive},
	}
	old, err := ManifestAt(v2, "web", 1)
	if err != nil {
		t.Fatal(err)
	}
	current, err := ManifestAt(v2, "web", 2)
	if err != nil {
		t.Fatal(err)
	}
	project, err := Resolve(old, Request{Name: "demo"}, SeededRandom("project"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(project)
	if err != nil {
		t.Fatal(err)
	}
	ours := fstest.MapFS{}
	for _, f := range files {
		ours[f.Path] = &fstest.MapFile{Data: f.Data, Mode: f.Mode}
	}
	answers, err := ParseAnswers(project.AnswersYAML())
	if err != nil {
		t.Fatal(err)
	}
	sides, err := RenderUpdateFrom(old, current, answers, ours, nil, "update")
	if err != nil {
		t.Fatal(err)
	}
	got := sides.Project.Secrets
	if got["kept"] != project.Secrets["kept"] {
		t.Errorf("kept: the project's value was not carried into the new version")
	}
	if grown := got["grown"]; len(grown) != 64 || !current.Secrets[1].fits(grown) || grown == project.Secrets["grown"] {
		t.Errorf("grown = %q: want a new value of 32 bytes in hex", grown)
	}
}
