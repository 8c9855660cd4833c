package write

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/tree"
)

// stageFiles writes deep trees, files in any order (coming back to a
// directory it has left), modes and contents exactly.
func TestStageFilesTreeOrderAndModes(t *testing.T) {
	files := []tree.File{
		{Path: "z.txt", Mode: 0o644, Data: []byte("z\n")},
		{Path: "a/b/c/d/deep.txt", Mode: 0o600, Data: []byte("deep\n")},
		{Path: "a/b/other.sh", Mode: 0o755, Data: []byte("#!/bin/sh\n")},
		{Path: "x/y.txt", Mode: 0o644, Data: nil},
		{Path: "a/b/c/back-again.txt", Mode: 0o644, Data: bytes.Repeat([]byte("0123456789"), 100000)},
		{Path: "a/b.txt", Mode: 0o644, Data: []byte("b\n")},
	}
	dir := t.TempDir()
	if err := stageFiles(context.Background(), dir, "demo", files); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && info.Mode().Perm() != f.Mode.Perm()&^umask(t) {
			t.Errorf("%s: mode %v, want %v", f.Path, info.Mode().Perm(), f.Mode.Perm())
		}
		data, _ := os.ReadFile(p)
		if !bytes.Equal(data, f.Data) {
			t.Errorf("%s: %d bytes, want %d", f.Path, len(data), len(f.Data))
		}
	}
	got := strings.Join(listTree(t, dir), " ")
	want := "a/ a/b.txt a/b/ a/b/c/ a/b/c/back-again.txt a/b/c/d/ a/b/c/d/deep.txt a/b/other.sh x/ x/y.txt z.txt"
	if got != want {
		t.Errorf("tree = %s\nwant   %s", got, want)
	}
}

func umask(t *testing.T) os.FileMode {
	dir := t.TempDir()
	p := filepath.Join(dir, "probe")
	if err := os.WriteFile(p, nil, 0o777); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return 0o777 &^ info.Mode().Perm()
}

// A file where a directory must be, or a file written twice, fails with the
// path as it would be in the target and the cause, as with os.Root.
func TestStageFilesRefusesClashes(t *testing.T) {
	for _, c := range []struct {
		files []tree.File
		want  string
	}{
		{[]tree.File{{Path: "a", Mode: 0o644}, {Path: "a/b", Mode: 0o644}}, "cannot create directory demo/a: not a directory"},
		{[]tree.File{{Path: "a/b", Mode: 0o644}, {Path: "a/b", Mode: 0o644}}, "cannot create demo/a/b: file exists"},
	} {
		err := stageFiles(context.Background(), t.TempDir(), "demo", c.files)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.files, err, c.want)
		}
	}
}

// stageFiles stops between files once the context is cancelled.
func TestStageFilesStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if err := stageFiles(ctx, dir, "demo", sampleFiles); err != context.Canceled {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if got := listTree(t, dir); len(got) != 0 {
		t.Errorf("wrote %v after cancellation", got)
	}
}

// Directories are closed as they are left: writing hundreds of files in
// over a hundred directories leaves no descriptor open and never holds more than
// the depth of the tree.
func TestStageFilesClosesDirectories(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts /proc/self/fd")
	}
	var files []tree.File
	for i := range 600 {
		files = append(files, tree.File{Path: fmt.Sprintf("d%03d/e/f%d.txt", i/5, i), Mode: 0o644, Data: []byte("x")})
	}
	before := openFDs(t)
	if err := stageFiles(context.Background(), t.TempDir(), "demo", files); err != nil {
		t.Fatal(err)
	}
	if after := openFDs(t); after != before {
		t.Errorf("%d descriptors open before, %d after", before, after)
	}
}

func openFDs(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}
