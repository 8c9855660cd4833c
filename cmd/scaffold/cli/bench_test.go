package cli

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// BenchmarkMain is `scaffold new` of each framework's default case in
// process: everything a run does after the Go runtime and package init
// (catalog, flags, resolve, render, write). make bench-go runs it; the numbers
// are never asserted.
func BenchmarkMain(b *testing.B) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		b.Fatal(err)
	}
	for _, m := range catalog.Manifests() {
		b.Run(m.Name, func(b *testing.B) {
			b.ReportAllocs()
			dir := b.TempDir()
			var out, errOut bytes.Buffer
			io := &IO{In: strings.NewReader(""), Out: &out, Err: &errOut}
			i := 0
			for b.Loop() {
				i++
				out.Reset()
				args := []string{"new", "demo", "--framework=" + m.Name, "--yes", "--no-input", "--dir", filepath.Join(dir, strconv.Itoa(i))}
				if code := Main(args, io); code != ExitOK {
					b.Fatalf("scaffold %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
				}
			}
		})
	}
}
