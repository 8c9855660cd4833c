package author

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/tree"
)

// starter is the template `scaffold template init` writes: a small Python
// web service on the standard library alone, so its e2e run needs nothing
// but python3. __NAME__ and __TITLE__ in its manifest and README are the
// new template's name and title.
//
//go:embed all:starter
var starter embed.FS

// Starter is the starter template named name, as the files of a new
// template directory: its manifest, README, files/ and the golden archive
// of each golden case, rendered here, so that `scaffold template test`
// passes on it at once.
func Starter(name string) ([]tree.File, error) {
	if err := CheckName(name); err != nil {
		return nil, err
	}
	title := strings.ToUpper(name[:1]) + strings.ReplaceAll(name[1:], "-", " ")
	var out []tree.File
	err := fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := starter.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "starter/")
		if !strings.HasPrefix(rel, generator.FilesDir+"/") {
			data = []byte(strings.NewReplacer("__NAME__", name, "__TITLE__", title).Replace(string(data)))
		}
		out = append(out, tree.File{Path: rel, Mode: 0o644, Data: data})
		return nil
	})
	if err != nil {
		return nil, err
	}
	mapped := fstest.MapFS{}
	for _, f := range out {
		mapped[path.Join(name, f.Path)] = &fstest.MapFile{Data: f.Data, Mode: f.Mode}
	}
	m, err := generator.LoadManifest(mapped, name)
	if err != nil {
		return nil, fmt.Errorf("the starter template is broken (a bug in scaffold): %w", err)
	}
	for _, gc := range m.Golden {
		files, err := RenderCase(m, gc)
		if err != nil {
			return nil, fmt.Errorf("the starter template is broken (a bug in scaffold): %w", err)
		}
		out = append(out, tree.File{Path: GoldenPath(gc.Name), Mode: 0o644, Data: Encode(Command(m, gc), files)})
	}
	return out, nil
}

// CheckName refuses a template name scaffold could not use as a framework
// name (it becomes --framework's value and the manifest's name).
func CheckName(name string) error {
	if name == "" || !(name[0] >= 'a' && name[0] <= 'z') || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return input.Errorf("template name %q: use lower-case letters, digits and '-', starting with a letter (give it with --name)", name)
	}
	return nil
}
