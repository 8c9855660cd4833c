package update_test

// Golden update cases: each testdata/*.txtar holds a project's three sides
// (base/, ours/, theirs/ sections) and what an update makes of them (the
// report and after/). go test -run TestGoldenUpdates -update rewrites the
// report and after/ sections from the code; review the diff.

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/tree"
	"github.com/scaffold-cli/scaffold/generator/update"
	"golang.org/x/tools/txtar"
)

var updateGolden = flag.Bool("update", false, "rewrite the report and after/ sections of testdata/*.txtar")

func side(a *txtar.Archive, prefix string) []tree.File {
	var out []tree.File
	for _, f := range a.Files {
		if p, ok := strings.CutPrefix(f.Name, prefix+"/"); ok {
			out = append(out, tree.File{Path: p, Mode: 0o644, Data: f.Data})
		}
	}
	return out
}

func reportOf(plan *update.Plan) []byte {
	var b bytes.Buffer
	for _, c := range plan.Changes {
		fmt.Fprintf(&b, "%-10s %s", c.Action, c.Path)
		if c.Why != "" {
			fmt.Fprintf(&b, " (%s)", c.Why)
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

func TestGoldenUpdates(t *testing.T) {
	cases, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden update cases: %v", err)
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			ours := side(a, "ours")
			plan, err := update.Compute(asDisk(ours), side(a, "base"), side(a, "theirs"))
			if err != nil {
				t.Fatal(err)
			}
			report := reportOf(plan)
			after := applyInMemory(ours, plan)
			if *updateGolden {
				var kept []txtar.File
				for _, f := range a.Files {
					if f.Name != "report" && !strings.HasPrefix(f.Name, "after/") {
						kept = append(kept, f)
					}
				}
				kept = append(kept, txtar.File{Name: "report", Data: report})
				for _, f := range after {
					kept = append(kept, txtar.File{Name: "after/" + f.Path, Data: f.Data})
				}
				a.Files = kept
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			var want []byte
			for _, f := range a.Files {
				if f.Name == "report" {
					want = f.Data
				}
			}
			if !bytes.Equal(report, want) {
				t.Errorf("report:\n%s\nwant:\n%s", report, want)
			}
			wantAfter := side(a, "after")
			sort.Slice(wantAfter, func(i, j int) bool { return wantAfter[i].Path < wantAfter[j].Path })
			if len(after) != len(wantAfter) {
				t.Fatalf("%d files after, want %d", len(after), len(wantAfter))
			}
			for i := range after {
				if after[i].Path != wantAfter[i].Path || !bytes.Equal(after[i].Data, wantAfter[i].Data) {
					t.Errorf("after/%s:\n%q\nwant after/%s:\n%q", after[i].Path, after[i].Data, wantAfter[i].Path, wantAfter[i].Data)
				}
			}
		})
	}
}
