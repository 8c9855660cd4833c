package generator_test

// Benchmarks of the engine (make bench-go; make bench puts them in
// docs/benchmarks.md). They measure, they never assert a number: machines are
// noisy. Every framework in the catalog is benchmarked without being named.

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/write"
	"github.com/scaffold-cli/scaffold/templates"
)

// defaultRequest is the request of a framework's default golden case.
func defaultRequest(m *generator.Manifest) generator.Request {
	req := generator.Request{Name: "demo", Options: map[string]string{}}
	for _, gc := range m.Golden {
		if gc.Name == "default" {
			req.Name = gc.ProjectName()
			for k, v := range gc.Options {
				req.Options[k] = generator.FormatOptionValue(v)
			}
		}
	}
	return req
}

func benchCatalog(b *testing.B) *generator.Catalog {
	b.Helper()
	c, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// generateOnce is one `scaffold new` minus the CLI and the disk: resolve the
// answers, plan and render every file in memory.
func generateOnce(b *testing.B, m *generator.Manifest, req generator.Request) []generator.File {
	p, err := generator.Resolve(m, req, generator.SeededRandom("bench"))
	if err != nil {
		b.Fatal(err)
	}
	files, err := generator.Generate(p)
	if err != nil {
		b.Fatal(err)
	}
	return files
}

func reportFiles(b *testing.B, files []generator.File) {
	size := 0
	for _, f := range files {
		size += len(f.Data)
	}
	b.ReportMetric(float64(len(files)), "files")
	b.SetBytes(int64(size))
}

// BenchmarkStartup is what every scaffold process does before anything else:
// load the built-in catalog. "cli" is what the CLI does (summaries only, no
// e2e sections; the framework it generates is loaded whole later, see
// BenchmarkGenerate), "eager" loads and validates every manifest without e2e,
// "whole" is what the tests do.
func BenchmarkStartup(b *testing.B) {
	for _, c := range []struct {
		name string
		opts []generator.LoadOption
	}{
		{"cli", []generator.LoadOption{generator.WithoutE2E(), generator.Lazy()}},
		{"eager", []generator.LoadOption{generator.WithoutE2E()}},
		{"whole", nil},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := generator.LoadCatalog(templates.FS, c.opts...); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkGenerate plans and renders each framework's default case in memory.
func BenchmarkGenerate(b *testing.B) {
	for _, m := range benchCatalog(b).Manifests() {
		req := defaultRequest(m)
		b.Run(m.Name, func(b *testing.B) {
			b.ReportAllocs()
			var files []generator.File
			for b.Loop() {
				files = generateOnce(b, m, req)
			}
			reportFiles(b, files)
		})
	}
}

// BenchmarkWrite generates each framework's default case and writes it to a
// new directory, as `scaffold new` does after parsing its flags.
func BenchmarkWrite(b *testing.B) {
	for _, m := range benchCatalog(b).Manifests() {
		req := defaultRequest(m)
		b.Run(m.Name, func(b *testing.B) {
			b.ReportAllocs()
			dir := b.TempDir()
			var files []generator.File
			i := 0
			for b.Loop() {
				files = generateOnce(b, m, req)
				i++
				target := filepath.Join(dir, strconv.Itoa(i))
				if err := write.Files(context.Background(), target, files, write.Options{}); err != nil {
					b.Fatal(err)
				}
			}
			reportFiles(b, files)
		})
	}
}

// BenchmarkScaling generates synthetic templates of 100, 1,000 and 10,000
// files, to show how the cost grows with the size of a template: ns/file
// should stay flat.
func BenchmarkScaling(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		m, err := generator.LoadManifest(newIndexedFS(syntheticTemplate(n)), "synthetic")
		if err != nil {
			b.Fatal(err)
		}
		req := generator.Request{Name: "demo", Options: map[string]string{"docker": "true"}}
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var files []generator.File
			for b.Loop() {
				files = generateOnce(b, m, req)
			}
			reportFiles(b, files)
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/file")
		})
	}
}

// indexedFS serves a MapFS with its directories listed once, as embed.FS
// does: MapFS.ReadDir scans every file on each call, which would make the
// scaling benchmark measure MapFS (quadratic) instead of the engine.
type indexedFS struct {
	files fstest.MapFS
	dirs  map[string][]fs.DirEntry
}

func newIndexedFS(m fstest.MapFS) *indexedFS {
	x := &indexedFS{files: m, dirs: map[string][]fs.DirEntry{}}
	var walk func(dir string)
	walk = func(dir string) {
		entries, err := m.ReadDir(dir)
		if err != nil {
			panic(err)
		}
		x.dirs[dir] = entries
		for _, e := range entries {
			if e.IsDir() {
				walk(path.Join(dir, e.Name()))
			}
		}
	}
	walk(".")
	return x
}

func (x *indexedFS) Open(name string) (fs.File, error) { return x.files.Open(name) }

func (x *indexedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if entries, ok := x.dirs[name]; ok {
		return entries, nil
	}
	return x.files.ReadDir(name)
}

// syntheticTemplate is a framework of n source files shaped like the real
// ones: about two thirds rendered templates of ~1 KiB with a few actions, the
// rest copied verbatim, ten files a directory, a templated path element, and
// file rules with conditions (one excludes every tenth directory's extras).
func syntheticTemplate(n int) fstest.MapFS {
	fsys := fstest.MapFS{
		"synthetic/manifest.yaml": {Data: []byte(`name: synthetic
title: Synthetic
description: a generated template for the scaling benchmark
language: Go
version: "1.0.0"
template_version: 1
names: [go-package]
options:
  - key: module
    kind: string
    default: "example.com/{{.Name}}"
    prompt: Module
    help: the module path
  - key: docker
    kind: bool
    default: "false"
    prompt: Docker?
    help: add Docker files
  - key: ci
    kind: bool
    default: "false"
    prompt: CI?
    help: add CI files
files:
  - match: "**/Dockerfile*"
    when: .Options.docker
  - match: "**/extra/**"
    when: .Options.ci
  - match: "**/*.sh"
    mode: "0755"
golden:
  - name: default
`)},
	}
	body := strings.Repeat("// Some ordinary source text that is neither an action nor short.\n", 12)
	tmpl := "package {{.Names.go_command}}\n\n// Module {{.Options.module}}, project {{.Name}}.\n" + body +
		"{{if .Options.docker}}// with docker\n{{else}}// without docker\n{{end}}" +
		"var name = {{.Name | quote}}\n{{range $i, $e := list \"a\" \"b\" \"c\"}}// {{$i}} {{$e}}\n{{end}}"
	for i := range n {
		dir := fmt.Sprintf("synthetic/files/pkg%03d", i/10)
		if i/10%10 == 9 {
			dir += "/extra"
		}
		var name string
		var data string
		switch i % 10 {
		case 0:
			name, data = "Dockerfile.tmpl", "FROM scratch\n# {{.Name}}\n"
		case 1:
			name, data = "run.sh", "#!/bin/sh\nexec true\n"
		case 2, 3, 4:
			name, data = fmt.Sprintf("static%d.txt", i%10), body
		case 5:
			name, data = "{{.Name}}_"+strconv.Itoa(i)+".go.tmpl", tmpl
		default:
			name, data = fmt.Sprintf("file%d.go.tmpl", i%10), tmpl
		}
		fsys[dir+"/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}
