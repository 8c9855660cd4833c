// Command scaffold-freeze keeps each framework's template history: it
// archives the templates of every framework's current template_version as
// templates/<framework>/history/<version>.zip, so that `scaffold update`
// can render any version a project was made with. "make freeze" runs it.
//
// A version is frozen once. When a framework's templates differ from the
// archive of its template_version, it refuses and says to bump the version:
// an archive is never rewritten, since projects in the wild depend on it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/source"
)

func main() {
	dir := flag.String("templates", "templates", "the templates directory")
	flag.Parse()
	if err := freeze(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "scaffold-freeze:", err)
		os.Exit(1)
	}
}

func freeze(dir string) error {
	tree, err := source.Dir(dir)
	if err != nil {
		return err
	}
	catalog, err := generator.LoadCatalog(tree)
	if err != nil {
		return err
	}
	var errs []error
	for _, m := range catalog.Manifests() {
		msg, err := freezeOne(dir, m)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", m.Name, err))
			continue
		}
		fmt.Printf("%-12s version %d: %s\n", m.Name, m.TemplateVersion, msg)
	}
	return errors.Join(errs...)
}

func freezeOne(dir string, m *generator.Manifest) (string, error) {
	v := m.TemplateVersion
	archive, err := generator.FreezeArchive(m, m.Name+"/"+source.ManifestFile+", then run make freeze again")
	if err != nil {
		return "", err
	}
	if archive == nil {
		return "already frozen, unchanged", nil
	}
	out := filepath.Join(dir, filepath.FromSlash(source.HistoryPath(m.Name, v)))
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, archive, 0o644); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return "", err
	}
	return fmt.Sprintf("frozen into %s (%d bytes)", out, len(archive)), nil
}
