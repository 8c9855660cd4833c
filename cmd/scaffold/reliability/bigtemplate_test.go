package reliability_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// bigTemplate is a test-only framework too large to write in an instant, so
// a signal or a fault can land in the middle of writing. It is given to
// scaffold with the hidden --templates flag; scaffold itself ships no such
// template.
type bigTemplate struct {
	dir         string // the templates directory (holds big/)
	dirs, files int    // d00..d<dirs-1>, each with files files
	size        int    // bytes per file
}

const bigName = "big"

var (
	bigOnce   sync.Once
	sharedBig *bigTemplate
	bigErr    error
)

// theBigTemplate is the big template the fault tests share: 10 directories
// of 100 files of 512 bytes. It is created once, under TestMain's directory.
func theBigTemplate(t *testing.T) *bigTemplate {
	t.Helper()
	bigOnce.Do(func() {
		sharedBig, bigErr = writeBigTemplate(filepath.Join(workDir, "templates"), 10, 100, 512)
	})
	if bigErr != nil {
		t.Fatal(bigErr)
	}
	return sharedBig
}

// newBigTemplate makes a big template of another size, for one test.
func newBigTemplate(t *testing.T, dirs, files, size int) *bigTemplate {
	t.Helper()
	b, err := writeBigTemplate(filepath.Join(t.TempDir(), "templates"), dirs, files, size)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeBigTemplate(dir string, dirs, files, size int) (*bigTemplate, error) {
	b := &bigTemplate{dir: dir, dirs: dirs, files: files, size: size}
	if err := os.MkdirAll(filepath.Join(b.dir, bigName), 0o755); err != nil {
		return nil, err
	}
	manifest := []byte(`name: big
title: Big
description: a test-only template with many files
version: "1"
template_version: 1
golden:
  - name: default
`)
	if err := os.WriteFile(filepath.Join(b.dir, bigName, "manifest.yaml"), manifest, 0o644); err != nil {
		return nil, err
	}
	content := strings.Repeat("scaffold reliability test data\n", size/31+1)[:size]
	for d := range dirs {
		dir := filepath.Join(b.dir, bigName, "files", fmt.Sprintf("d%02d", d))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		for f := range files {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%04d.txt", f)), []byte(content), 0o644); err != nil {
				return nil, err
			}
		}
	}
	return b, nil
}

// args is a scaffold new command for the big template.
func (b *bigTemplate) args(extra ...string) []string {
	return append([]string{"--templates", b.dir, "new", "demo", "--framework", bigName, "--no-input"}, extra...)
}

// planned is how many files and directories scaffold writes for it
// (.scaffold.yaml included).
func (b *bigTemplate) planned() (files, dirs int) { return b.dirs*b.files + 1, b.dirs }

// checkWhole asserts dir holds exactly the big project (plus extra files
// that were there before).
func (b *bigTemplate) checkWhole(t *testing.T, dir string, extra ...string) {
	t.Helper()
	want := map[string]bool{".scaffold.yaml": true}
	for d := range b.dirs {
		for f := range b.files {
			want[fmt.Sprintf("d%02d/f%04d.txt", d, f)] = true
		}
	}
	for _, e := range extra {
		want[e] = true
	}
	got := map[string]bool{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			got[rel] = true
			if strings.HasSuffix(rel, ".txt") && !strings.HasPrefix(rel, "keep") && info.Size() != int64(b.size) {
				t.Errorf("%s: %d bytes, want %d", rel, info.Size(), b.size)
			}
		}
		return nil
	})
	var missing, unexpected []string
	for p := range want {
		if !got[p] {
			missing = append(missing, p)
		}
	}
	for p := range got {
		if !want[p] {
			unexpected = append(unexpected, p)
		}
	}
	if len(missing) > 0 || len(unexpected) > 0 {
		t.Errorf("%s is not one whole project: %d files missing (%s), %d unexpected (%s)", dir, len(missing), first(missing), len(unexpected), first(unexpected))
	}
}

func first(s []string) string {
	if len(s) > 3 {
		return strings.Join(s[:3], ", ") + ", ..."
	}
	return strings.Join(s, ", ")
}
