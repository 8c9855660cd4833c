package cli

// Golden add reports: each testdata/add/*.txtar makes a project of a
// built-in framework with its defaults (the "new" section: the arguments
// after "scaffold new demo"), lays the "edit/PATH" sections over it as a
// user's edits, runs each line of "run" (scaffold add or remove, in the
// project) and compares what they print and exit with to "report" (the
// project's directory written as DIR). go test -run TestGoldenAddReports
// -update-add rewrites the reports; review the diff.

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var updateAddGolden = flag.Bool("update-add", false, "rewrite the report sections of testdata/add/*.txtar")

func TestGoldenAddReports(t *testing.T) {
	c := builtinCatalog(t)
	paths, err := filepath.Glob(filepath.Join("testdata", "add", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden add cases (%v)", err)
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			section := func(name string) (*txtar.File, bool) {
				for i := range a.Files {
					if a.Files[i].Name == name {
						return &a.Files[i], true
					}
				}
				return nil, false
			}
			newArgs, ok := section("new")
			if !ok {
				t.Fatal(`no "new" section`)
			}
			run, ok := section("run")
			if !ok {
				t.Fatal(`no "run" section`)
			}
			dir := filepath.Join(t.TempDir(), "demo")
			args := append([]string{"new", "demo", "--yes", "--no-input", "--seed=golden", "--dir", dir}, strings.Fields(string(newArgs.Data))...)
			if code, out := runCatalog(t, c, args...); code != 0 {
				t.Fatalf("new: exit %d\n%s", code, out)
			}
			for _, f := range a.Files {
				if rel, ok := strings.CutPrefix(f.Name, "edit/"); ok {
					if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			var report bytes.Buffer
			for _, line := range strings.Split(strings.TrimSpace(string(run.Data)), "\n") {
				cmd := append(strings.Fields(line), "-C", dir, "--seed=golden", "--no-input")
				var out, errOut bytes.Buffer
				code := mainWith(cmd, &IO{In: strings.NewReader(""), Out: &out, Err: &errOut}, c)
				fmt.Fprintf(&report, "$ scaffold %s\n%s%sexit %d\n", line, out.String(), errOut.String(), code)
			}
			got := strings.ReplaceAll(report.String(), dir, "DIR")
			want, ok := section("report")
			if *updateAddGolden {
				if ok {
					want.Data = []byte(got)
				} else {
					a.Files = append(a.Files, txtar.File{Name: "report", Data: []byte(got)})
				}
				if err := os.WriteFile(p, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !ok {
				t.Fatal(`no "report" section: run with -update-add`)
			}
			if got != string(want.Data) {
				t.Errorf("report differs (go test -run TestGoldenAddReports -update-add rewrites it):\n--- got\n%s--- want\n%s", got, want.Data)
			}
		})
	}
}
