package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/source"
)

// syntheticFiles is the size of the synthetic template of
// BenchmarkUpdateSynthetic (issue 15: under a second to update).
const syntheticFiles = 10000

// syntheticVersions makes a framework "big" of syntheticFiles templated
// files in 100 directories, at version 2 with version 1 frozen: v2 changes a
// line in every tenth file, adds 100 files and removes 100.
func syntheticVersions(tb testing.TB) (v1, v2 fstest.MapFS) {
	tb.Helper()
	manifest := "name: big\ntitle: Big\ndescription: a synthetic template of %d files\nlanguage: Text\nversion: \"1\"\ntemplate_version: %d\ngolden: [{name: default}]\n"
	body := func(i int, changed bool) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, "# {{.Name}} file %d\n", i)
		for line := 0; line < 20; line++ {
			if changed && line == 10 {
				fmt.Fprintf(&b, "line %d of file %d, changed in version 2\n", line, i)
				continue
			}
			fmt.Fprintf(&b, "line %d of file %d\n", line, i)
		}
		return b.Bytes()
	}
	name := func(i int) string { return fmt.Sprintf("big/files/d%02d/f%05d.txt.tmpl", i%100, i) }
	v1 = fstest.MapFS{"big/manifest.yaml": {Data: fmt.Appendf(nil, manifest, syntheticFiles, 1)}}
	v2 = fstest.MapFS{"big/manifest.yaml": {Data: fmt.Appendf(nil, manifest, syntheticFiles, 2)}}
	for i := range syntheticFiles {
		v1[name(i)] = &fstest.MapFile{Data: body(i, false)}
		if i >= 100 { // the first 100 are removed in v2
			v2[name(i)] = &fstest.MapFile{Data: body(i, i%10 == 0)}
		}
	}
	for i := syntheticFiles; i < syntheticFiles+100; i++ {
		v2[name(i)] = &fstest.MapFile{Data: body(i, false)}
	}
	archive, err := source.Freeze(v1, "big", nil)
	if err != nil {
		tb.Fatal(err)
	}
	v2["big/history/1.zip"] = &fstest.MapFile{Data: archive}
	return v1, v2
}

// BenchmarkUpdateSynthetic is a whole `scaffold update` (in process) of a
// 10,000-file project from version 1 to 2, with 100 files the user edited
// (10 of them also changed by the template, so merged). Making each
// iteration's project afresh is not timed. make bench-go runs it.
func BenchmarkUpdateSynthetic(b *testing.B) {
	v1, v2 := syntheticVersions(b)
	c1, err := generator.LoadCatalog(v1)
	if err != nil {
		b.Fatal(err)
	}
	c2, err := generator.LoadCatalog(v2)
	if err != nil {
		b.Fatal(err)
	}
	quiet := func() *IO { return &IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}} }
	work := b.TempDir()
	pristine := filepath.Join(work, "pristine")
	if code := mainWith([]string{"new", "big", "--framework=big", "--yes", "--no-input", "--dir", pristine}, quiet(), c1); code != 0 {
		b.Fatalf("new: exit %d", code)
	}
	for i := 100; i < 200; i++ {
		p := filepath.Join(pristine, fmt.Sprintf("d%02d/f%05d.txt", i%100, i))
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, append(data, "a line of the user's\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(work, fmt.Sprintf("run%d", i))
		if out, err := exec.Command("cp", "-a", pristine, dir).CombinedOutput(); err != nil {
			b.Fatalf("cp: %v %s", err, out)
		}
		io := quiet()
		b.StartTimer()
		if code := mainWith([]string{"update", dir, "--allow-dirty", "--no-input"}, io, c2); code != 0 {
			b.Fatalf("update: exit %d: %s", code, io.Err.(*bytes.Buffer).String())
		}
		b.StopTimer()
		if i == 0 {
			checkSyntheticUpdate(b, dir, io.Out.(*bytes.Buffer).String())
		}
		os.RemoveAll(dir)
		b.StartTimer()
	}
}

// checkSyntheticUpdate makes sure the benchmark timed a real update: the
// template's changes, the user's lines and the report.
func checkSyntheticUpdate(b *testing.B, dir, report string) {
	b.Helper()
	merged, err := os.ReadFile(filepath.Join(dir, "d10/f00110.txt"))
	if err != nil {
		b.Fatal(err)
	}
	if !bytes.Contains(merged, []byte("changed in version 2")) || !bytes.Contains(merged, []byte("a line of the user's")) {
		b.Fatalf("d10/f00110.txt is not merged:\n%s", merged)
	}
	if _, err := os.Stat(filepath.Join(dir, "d00/f00000.txt")); !os.IsNotExist(err) {
		b.Fatalf("a file removed by the template is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("d00/f%05d.txt", syntheticFiles))); err != nil {
		b.Fatalf("a file added by the template is missing: %v", err)
	}
	if !strings.Contains(report, "merged") {
		b.Fatalf("the report says nothing merged:\n%s", report)
	}
}
