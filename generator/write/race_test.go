package write

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/tree"
)

// `scaffold new demo --dir .` in an empty working directory: the files are
// linked into the directory the shell is in (renaming over it would fail).
func TestWriteIntoEmptyCurrentDir(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	files := []tree.File{
		{Path: ".scaffold.yaml", Mode: 0o644, Data: []byte("name: demo\n")},
		{Path: "cmd/demo/main.go", Mode: 0o644, Data: []byte("package main\n")},
	}
	if err := Files(context.Background(), ".", files, Options{}); err != nil {
		t.Fatalf("Files into . (empty): %v", err)
	}
	requireWritten(t, dir, files)
	if got := listTree(t, dir); len(got) != 4 { // .scaffold.yaml cmd/ cmd/demo/ cmd/demo/main.go
		t.Errorf("the directory holds %v; want the project and nothing else", got)
	}
}

// Two writers adding the same project to the same directory at once: one
// wins, the other fails with an input error (exit 2), whatever the
// interleaving — including both creating the first directory at once.
func TestWriteIntoRace(t *testing.T) {
	var files []tree.File
	for d := range 3 {
		for f := range 3 {
			files = append(files, tree.File{Path: fmt.Sprintf(".a%d/sub/f%02d", d, f), Mode: 0o644, Data: []byte("x")})
		}
	}
	for round := range 40 {
		target := filepath.Join(t.TempDir(), "demo")
		if err := os.MkdirAll(target, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(target, "keep.txt"), []byte("mine\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		var errs [2]error
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 2 {
			wg.Go(func() {
				<-start
				errs[i] = Files(context.Background(), target, files, Options{Force: true})
			})
		}
		close(start)
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("round %d: want exactly one success, got %v and %v", round, errs[0], errs[1])
		}
		for _, err := range errs {
			// Lost mid-write: a concurrent-write error (exit 1); saw the
			// winner's files first: the input error of a used target (exit 2).
			lostMidWrite := errors.Is(err, ErrConcurrentWrite) && !input.Is(err)
			sawWinner := input.Is(err) && strings.Contains(err.Error(), "--force never overwrites")
			if err != nil && !lostMidWrite && !sawWinner {
				t.Fatalf("round %d: the loser failed with %q, neither a concurrent-write error nor a used target", round, err)
			}
		}
		requireWritten(t, target, files)
	}
}

func requireWritten(t *testing.T, dir string, files []tree.File) {
	t.Helper()
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(dir, f.Path))
		if err != nil || string(data) != string(f.Data) {
			t.Errorf("%s: %q, %v; want %q", f.Path, data, err, f.Data)
		}
	}
}
