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
	"io/fs"
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
		msg, err := freezeOne(dir, tree, m)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", m.Name, err))
			continue
		}
		fmt.Printf("%-12s version %d: %s\n", m.Name, m.TemplateVersion, msg)
	}
	return errors.Join(errs...)
}

func freezeOne(dir string, tree fs.FS, m *generator.Manifest) (string, error) {
	v := m.TemplateVersion
	versions, err := source.Versions(tree, m.Name)
	if err != nil {
		return "", err
	}
	for want := 1; want < v; want++ {
		if !contains(versions, want) {
			return "", fmt.Errorf("version %d was never frozen, so projects made with it cannot update; restore %s from git history", want, source.HistoryPath(m.Name, want))
		}
	}
	if contains(versions, v) {
		frozen, err := source.History(tree, m.Name, v)
		if err != nil {
			return "", err
		}
		old, err := generator.LoadManifest(frozen, m.Name)
		if err != nil {
			return "", fmt.Errorf("frozen version %d: %w", v, err)
		}
		if err := generator.SameAsFrozen(tree, m, frozen, old); err != nil {
			return "", fmt.Errorf("the templates changed since version %d was frozen (%v): set template_version: %d in %s/%s, then run make freeze again", v, err, v+1, m.Name, source.ManifestFile)
		}
		return "already frozen, unchanged", nil
	}
	archive, err := source.Freeze(tree, m.Name, m.Shared)
	if err != nil {
		return "", err
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

func contains(vs []int, v int) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}
