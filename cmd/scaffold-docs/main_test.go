package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWritesManPagesAndCompletions(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764547200") // 2025-12-01
	dir := t.TempDir()
	man, comp := filepath.Join(dir, "man"), filepath.Join(dir, "completions")
	if err := run(man, comp); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"man/scaffold.1":            {`.TH "SCAFFOLD" "1" "Dec 2025"`, "scaffold-new(1)"},
		"man/scaffold-new.1":        {"--framework", "--dry-run"},
		"man/scaffold-version.1":    {"--json"},
		"completions/scaffold.bash": {"__start_scaffold"},
		"completions/_scaffold":     {"#compdef scaffold"},
		"completions/scaffold.fish": {"complete -c scaffold"},
		"completions/scaffold.ps1":  {"Register-ArgumentCompleter"},
		"man/scaffold-describe.1":   {"describe"},
		"man/scaffold-list.1":       {"--json"},
	}
	for file, needles := range want {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Error(err)
			continue
		}
		for _, n := range needles {
			if !strings.Contains(string(data), n) {
				t.Errorf("%s lacks %q", file, n)
			}
		}
	}
	// Twice, the same bytes: release archives are reproducible.
	again := filepath.Join(dir, "again")
	if err := run(again, ""); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(man, "scaffold-new.1"))
	b, _ := os.ReadFile(filepath.Join(again, "scaffold-new.1"))
	if string(a) != string(b) {
		t.Error("two runs wrote different man pages")
	}
}
