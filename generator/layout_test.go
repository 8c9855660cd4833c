package generator

// The engine's shape, checked: each rule here is a promise the package
// comments make, and a move that breaks one fails the build's tests rather
// than a review.

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// diskWriters are the os functions that change the file system.
var diskWriters = map[string]bool{
	"WriteFile": true, "Create": true, "CreateTemp": true, "Mkdir": true, "MkdirAll": true, "MkdirTemp": true,
	"OpenFile": true, "Remove": true, "RemoveAll": true, "Rename": true, "Symlink": true, "Link": true,
	"Chmod": true, "Chown": true, "Lchown": true, "Chtimes": true, "Truncate": true, "OpenRoot": true,
}

// mayWrite are the packages allowed to touch the disk: the writer, the test
// harnesses, whose scratch directories (a database cluster, a broken
// template tree) are never a user's project, and indexgen, which writes
// generated Go source at build time, and gitsrc, whose scratch clone of a
// template repository is removed before Fetch returns.
var mayWrite = map[string]bool{"generator/source/gitsrc": true, "generator/write": true, "generator/e2e": true, "generator/e2e/chroot": true, "generator/internal/indexgen": true, "generator/testtemplates": true}

type goFile struct {
	dir  string // slash path from the module root, e.g. generator/names
	path string
	file *ast.File
}

func moduleFiles(t *testing.T) []goFile {
	t.Helper()
	var out []goFile
	fset := token.NewFileSet()
	module, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{".", "../cmd"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") {
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
			if err != nil {
				return err
			}
			abs, err := filepath.Abs(filepath.Dir(p))
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(module, abs)
			if err != nil {
				return err
			}
			out = append(out, goFile{dir: filepath.ToSlash(rel), path: p, file: f})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestPackageLayout(t *testing.T) {
	files := moduleFiles(t)
	documented := map[string]bool{}
	packages := map[string]bool{}
	for _, f := range files {
		packages[f.dir] = true
		if f.file.Doc != nil && strings.HasPrefix(f.file.Doc.Text(), "Package "+f.file.Name.Name+" ") {
			documented[f.dir] = true
		}
		for _, imp := range f.file.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(path, "spf13/cobra") || strings.Contains(path, "AlecAivazis/survey") {
				// scaffold-docs renders the CLI's own commands into man pages
				// and completion scripts at release time, apart from the
				// binary (see its package comment).
				if f.dir != "cmd/scaffold/cli" && f.dir != "cmd/scaffold-docs" {
					t.Errorf("%s imports %s: only cmd/scaffold/cli may use the CLI libraries", f.path, path)
				}
			}
			if strings.HasPrefix(f.dir, "generator") && strings.HasPrefix(path, "github.com/scaffold-cli/scaffold/cmd") {
				t.Errorf("%s imports %s: the engine never imports cmd/", f.path, path)
			}
		}
		if !strings.HasSuffix(f.path, "_test.go") && (strings.HasPrefix(f.dir, "generator") || strings.HasPrefix(f.dir, "cmd/scaffold")) {
			for _, call := range regexpsCompiledAtInit(f.file) {
				t.Errorf("%s: regexp.%s in a package-level var runs on every start of scaffold: use lazyre.New", f.path, call)
			}
		}
		if strings.HasSuffix(f.path, "_test.go") || !strings.HasPrefix(f.dir, "generator") || mayWrite[f.dir] {
			continue
		}
		ast.Inspect(f.file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "os" && diskWriters[sel.Sel.Name] {
				t.Errorf("%s calls os.%s: only generator/write writes to disk", f.path, sel.Sel.Name)
			}
			return true
		})
	}
	for dir := range packages {
		if strings.HasPrefix(dir, "generator") && !documented[dir] {
			t.Errorf("package %s has no package comment saying what it owns (\"Package NAME ...\")", dir)
		}
	}
	if _, err := os.Stat("write"); err != nil {
		t.Fatalf("generator/write is missing: %v", err)
	}
}

// regexpsCompiledAtInit lists the regexp.Compile and MustCompile calls made
// by file's package-level variables (function literals, run later, aside).
func regexpsCompiledAtInit(file *ast.File) []string {
	var calls []string
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.VAR {
			continue
		}
		ast.Inspect(gen, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				return false
			case *ast.SelectorExpr:
				if id, ok := n.X.(*ast.Ident); ok && id.Name == "regexp" && strings.Contains(n.Sel.Name, "Compile") {
					calls = append(calls, n.Sel.Name)
				}
			}
			return true
		})
	}
	return calls
}

// The facade's own lazy expressions (and those of every package it links)
// compile: laziness must not hide a typo until a user's input reaches it.
func TestLazyExpressionsCompile(t *testing.T) {
	if err := lazyre.CompileAll(); err != nil {
		t.Fatal(err)
	}
}
