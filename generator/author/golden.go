// Package author owns the tools of a custom template's author that are not
// lint: the starter template `scaffold template init` writes, and the
// template's own golden files (`scaffold template test`): rendering each
// golden case of a manifest, encoding it as a txtar archive, comparing it
// with the archive kept under the template's golden/. It renders in memory
// and never writes to disk (it only reads golden files): the CLI hands the
// files to generator/write.
package author

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/merge"
	"golang.org/x/tools/txtar"
)

// GoldenDir is the directory, beside a template's manifest, of its golden
// files: one txtar archive per golden case, GoldenDir/<case>.txtar.
const GoldenDir = "golden"

// GoldenSeed seeds the secrets of every golden rendering, so that an
// archive is the same on every run.
const GoldenSeed = "golden"

// GoldenDirOf is where the golden files of the template in dir are: its own
// golden/ when it keeps one; otherwise, for a built-in framework's directory
// in a checkout of scaffold (templates/<name>), the repository's
// testdata/golden/<name>, which the project's golden test keeps. The second
// result says which was chosen, for the report.
func GoldenDirOf(dir, name string) (string, string) {
	own := filepath.Join(dir, GoldenDir)
	if _, err := os.Stat(own); err == nil {
		return own, ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil || filepath.Base(filepath.Dir(abs)) != "templates" || filepath.Base(abs) != name {
		return own, ""
	}
	repo := filepath.Join(filepath.Dir(abs), "..", "testdata", "golden", name)
	if info, err := os.Stat(repo); err == nil && info.IsDir() {
		return filepath.Clean(repo), "a built-in framework: its golden files are the scaffold repository's"
	}
	return own, ""
}

// GoldenPath is where golden case name is kept, relative to the template.
func GoldenPath(name string) string { return path.Join(GoldenDir, name+".txtar") }

// RenderCase renders golden case gc of m in memory, secrets seeded with
// GoldenSeed. The manifest's Source is left out of the answers file, so an
// archive does not depend on where the template sits on disk.
func RenderCase(m *generator.Manifest, gc generator.GoldenCase) ([]generator.File, error) {
	opts := map[string]string{}
	for k, v := range gc.Options {
		opts[k] = generator.FormatOptionValue(v)
	}
	local := *m
	local.Source, local.Git = "", nil
	p, err := generator.Resolve(&local, generator.Request{Name: gc.ProjectName(), Options: opts}, generator.SeededRandom(GoldenSeed))
	if err != nil {
		return nil, fmt.Errorf("golden case %q: %w", gc.Name, err)
	}
	files, err := generator.Generate(p)
	if err != nil {
		return nil, fmt.Errorf("golden case %q: %w", gc.Name, err)
	}
	return files, nil
}

// Command is the command line that generates golden case gc of m.
func Command(m *generator.Manifest, gc generator.GoldenCase) string {
	args := []string{"scaffold new", gc.ProjectName(), "--framework=" + m.Name}
	keys := make([]string, 0, len(gc.Options))
	for k := range gc.Options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		args = append(args, fmt.Sprintf("--%s=%s", k, generator.FormatOptionValue(gc.Options[k])))
	}
	return strings.Join(append(args, "--seed="+GoldenSeed), " ")
}

// Encode lays files out as a golden archive: the command in the header,
// with every mode other than 0644 and every file without a final newline,
// then the files.
func Encode(command string, files []generator.File) []byte {
	var comment strings.Builder
	fmt.Fprintf(&comment, "%s\n", command)
	for _, f := range files {
		if f.Mode.Perm() != 0o644 {
			fmt.Fprintf(&comment, "mode %04o %s\n", f.Mode.Perm(), f.Path)
		}
		if len(f.Data) > 0 && !bytes.HasSuffix(f.Data, []byte("\n")) {
			fmt.Fprintf(&comment, "no-final-newline %s\n", f.Path)
		}
	}
	a := &txtar.Archive{Comment: []byte(comment.String())}
	for _, f := range files {
		a.Files = append(a.Files, txtar.File{Name: f.Path, Data: f.Data})
	}
	return txtar.Format(a)
}

// RoundTrips reports whether an archive of files parses back into as many
// files (a generated file holding a txtar separator line would not).
func RoundTrips(archive []byte, files []generator.File) bool {
	return len(txtar.Parse(archive).Files) == len(files)
}

// Diff says how golden archive want differs from got, file by file, as
// unified diffs; "" when they are equal.
func Diff(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	w, g := txtar.Parse(want), txtar.Parse(got)
	var b strings.Builder
	if !bytes.Equal(w.Comment, g.Comment) {
		fmt.Fprintf(&b, "header (command, modes):\n%s", merge.Unified(w.Comment, g.Comment, "want", "got"))
	}
	wm, gm := map[string][]byte{}, map[string][]byte{}
	var names []string
	for _, f := range w.Files {
		wm[f.Name] = f.Data
		names = append(names, f.Name)
	}
	for _, f := range g.Files {
		gm[f.Name] = f.Data
		if _, ok := wm[f.Name]; !ok {
			names = append(names, f.Name)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		wd, inWant := wm[n]
		gd, inGot := gm[n]
		switch {
		case !inGot:
			fmt.Fprintf(&b, "missing file: %s\n", n)
		case !inWant:
			fmt.Fprintf(&b, "unexpected file: %s\n", n)
		case !bytes.Equal(wd, gd):
			fmt.Fprintf(&b, "changed file: %s\n%s", n, merge.Unified(wd, gd, "want/"+n, "got/"+n))
		}
	}
	if b.Len() == 0 {
		b.WriteString("(the archives differ only in layout: a file may contain a txtar separator line)\n")
	}
	return b.String()
}
