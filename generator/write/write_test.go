package write

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/tree"
)

var sampleFiles = []tree.File{
	{Path: "README.md", Mode: 0o644, Data: []byte("# demo\n")},
	{Path: "bin/run", Mode: 0o755, Data: []byte("#!/bin/sh\n")},
	{Path: "src/app/main.txt", Mode: 0o644, Data: []byte("main\n")},
}

// listTree lists every path under dir (relative), with a trailing / for dirs.
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			rel += "/"
		}
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestWriteNewDirectory(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "demo")
	if err := Files(context.Background(), target, sampleFiles, Options{}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(listTree(t, parent), " ")
	if want := "demo/ demo/README.md demo/bin/ demo/bin/run demo/src/ demo/src/app/ demo/src/app/main.txt"; got != want {
		t.Errorf("tree = %s\nwant   %s (and no staging directory left)", got, want)
	}
	info, err := os.Stat(filepath.Join(target, "bin/run"))
	if err != nil || info.Mode().Perm()&0o111 == 0 {
		t.Errorf("bin/run is not executable: %v %v", info.Mode(), err)
	}
	data, _ := os.ReadFile(filepath.Join(target, "README.md"))
	if string(data) != "# demo\n" {
		t.Errorf("README.md = %q", data)
	}
}

func TestWriteIntoEmptyDirectory(t *testing.T) {
	target := t.TempDir()
	if err := Files(context.Background(), target, sampleFiles, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(target, "src/app/main.txt")); err != nil {
		t.Error(err)
	}
}

func TestWriteRefusesNonEmptyWithoutForce(t *testing.T) {
	target := t.TempDir()
	os.WriteFile(filepath.Join(target, "notes.txt"), []byte("mine"), 0o644)
	err := Files(context.Background(), target, sampleFiles, Options{})
	if err == nil || !input.Is(err) || !strings.Contains(err.Error(), "is not empty") {
		t.Fatalf("error = %v", err)
	}
	if got := listTree(t, target); len(got) != 1 {
		t.Errorf("target changed: %v", got)
	}
}

func TestWriteForceAddsWithoutOverwriting(t *testing.T) {
	target := t.TempDir()
	os.WriteFile(filepath.Join(target, "notes.txt"), []byte("mine"), 0o644)
	os.MkdirAll(filepath.Join(target, "src"), 0o755)
	if err := Files(context.Background(), target, sampleFiles, Options{Force: true}); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(listTree(t, target), " ")
	if want := "README.md bin/ bin/run notes.txt src/ src/app/ src/app/main.txt"; got != want {
		t.Errorf("tree = %s, want %s", got, want)
	}
}

func TestWriteForceRefusesAnyClash(t *testing.T) {
	target := t.TempDir()
	os.WriteFile(filepath.Join(target, "README.md"), []byte("mine"), 0o644)
	err := Files(context.Background(), target, sampleFiles, Options{Force: true})
	if err == nil || !strings.Contains(err.Error(), "never overwrites") || !strings.Contains(err.Error(), "README.md") {
		t.Fatalf("error = %v", err)
	}
	data, _ := os.ReadFile(filepath.Join(target, "README.md"))
	if string(data) != "mine" {
		t.Error("README.md was overwritten")
	}
	if got := listTree(t, target); len(got) != 1 {
		t.Errorf("target changed: %v", got)
	}
}

func TestWriteRefusesFilesAndSymlinks(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	dangling := filepath.Join(parent, "dangling")
	os.Symlink(filepath.Join(parent, "nowhere"), dangling)
	toFile := filepath.Join(parent, "to-file")
	os.Symlink(file, toFile)
	for target, want := range map[string]string{
		file:                              "is not a directory",
		dangling:                          "is a symbolic link to " + filepath.Join(parent, "nowhere") + ", which does not exist",
		toFile:                            "is a symbolic link to " + file + ", which is not a directory",
		filepath.Join(parent, "no/such"):  "does not exist",
		filepath.Join(file, "underneath"): "is not a directory",
	} {
		err := Files(context.Background(), target, sampleFiles, Options{Force: true})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Files(%s) = %v, want %q", target, err, want)
		}
	}
}

func TestWriteLeavesNothingOnFailure(t *testing.T) {
	boom := errors.New("boom")
	t.Run("new directory", func(t *testing.T) {
		parent := t.TempDir()
		err := Files(context.Background(), filepath.Join(parent, "demo"), sampleFiles, Options{beforeCommit: func() error { return boom }})
		if !errors.Is(err, boom) {
			t.Fatalf("error = %v", err)
		}
		if got := listTree(t, parent); len(got) != 0 {
			t.Errorf("left behind: %v", got)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		parent := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := Files(ctx, filepath.Join(parent, "demo"), sampleFiles, Options{})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v", err)
		}
		if got := listTree(t, parent); len(got) != 0 {
			t.Errorf("left behind: %v", got)
		}
	})
	t.Run("force", func(t *testing.T) {
		target := t.TempDir()
		os.WriteFile(filepath.Join(target, "notes.txt"), []byte("mine"), 0o644)
		err := Files(context.Background(), target, sampleFiles, Options{Force: true, beforeCommit: func() error { return boom }})
		if !errors.Is(err, boom) {
			t.Fatalf("error = %v", err)
		}
		if got := listTree(t, target); strings.Join(got, " ") != "notes.txt" {
			t.Errorf("left behind: %v", got)
		}
	})
	t.Run("force, clash appears while writing", func(t *testing.T) {
		target := t.TempDir()
		os.WriteFile(filepath.Join(target, "notes.txt"), []byte("mine"), 0o644)
		sneak := func() error { return os.WriteFile(filepath.Join(target, "src-late"), nil, 0o644) }
		files := append([]tree.File{{Path: "src-late", Mode: 0o644}}, sampleFiles...)
		err := Files(context.Background(), target, files, Options{Force: true, beforeCommit: sneak})
		if err == nil || !strings.Contains(err.Error(), "appeared") {
			t.Fatalf("error = %v", err)
		}
		if got := listTree(t, target); strings.Join(got, " ") != "notes.txt src-late" {
			t.Errorf("after rollback: %v", got)
		}
	})
	t.Run("target created meanwhile", func(t *testing.T) {
		parent := t.TempDir()
		target := filepath.Join(parent, "demo")
		race := func() error {
			os.Mkdir(target, 0o755)
			return os.WriteFile(filepath.Join(target, "theirs"), nil, 0o644)
		}
		err := Files(context.Background(), target, sampleFiles, Options{beforeCommit: race})
		if err == nil || !strings.Contains(err.Error(), "created by someone else") {
			t.Fatalf("error = %v", err)
		}
		if got := listTree(t, parent); strings.Join(got, " ") != "demo/ demo/theirs" {
			t.Errorf("after the race: %v", got)
		}
	})
}

func TestWriteRefusesNonLocalPaths(t *testing.T) {
	parent := t.TempDir()
	for _, p := range []string{"../x", "/abs", "a/../../x", "", "a\\b"} {
		err := Files(context.Background(), filepath.Join(parent, "demo"), []tree.File{{Path: p, Mode: 0o644}}, Options{})
		if err == nil {
			t.Errorf("Write accepted path %q", p)
		}
	}
	if got := listTree(t, parent); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
}

// One rule for symbolic links in the target's path: followed, the last
// element included. --dir link (link -> real, an empty directory) writes
// into real, as --dir link/app writes into real/app; a link inside the
// target is never written through (TestWriteInto* and the reliability
// tests refuse those).
func TestWriteFollowsLinksInTheTargetPath(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "real")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(parent, "link")
	if err := os.Symlink("real", link); err != nil {
		t.Fatal(err)
	}
	if err := Files(context.Background(), filepath.Join(link, "app"), sampleFiles, Options{}); err != nil {
		t.Fatalf("--dir link/app: %v", err)
	}
	if err := Files(context.Background(), link, sampleFiles, Options{}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("--dir link, link -> a directory holding app/: %v, want \"not empty\"", err)
	}
	if err := os.RemoveAll(filepath.Join(real, "app")); err != nil {
		t.Fatal(err)
	}
	if err := Files(context.Background(), link, sampleFiles, Options{}); err != nil {
		t.Fatalf("--dir link, link -> an empty directory: %v", err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link itself was replaced: %v %v", info, err)
	}
	for _, f := range sampleFiles {
		if _, err := os.Stat(filepath.Join(real, filepath.FromSlash(f.Path))); err != nil {
			t.Errorf("%s is not in the directory the link leads to: %v", f.Path, err)
		}
	}
}
