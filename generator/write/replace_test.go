package write

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/tree"
)

// snapshotDir maps every path under dir to its content ("/" for a directory) and mode.
func snapshotDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if info.IsDir() {
			out[rel] = "/ " + info.Mode().Perm().String()
			return nil
		}
		data, err := os.ReadFile(p)
		out[rel] = string(data) + " " + info.Mode().Perm().String()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func projectForUpdate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for p, data := range map[string]string{"README.md": "old readme\n", "app/main.txt": "old main\n", "app/gone.txt": "to remove\n", "mine.txt": "the user's\n"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var updateChanges = Changes{
	Put: []tree.File{
		{Path: "README.md", Mode: 0o644, Data: []byte("new readme\n")},
		{Path: "app/main.txt", Mode: 0o755, Data: []byte("new main\n")},
		{Path: "docs/new/guide.md", Mode: 0o644, Data: []byte("guide\n")},
	},
	Remove: []string{"app/gone.txt"},
}

func TestReplaceAppliesEverything(t *testing.T) {
	dir := projectForUpdate(t)
	if err := Replace(context.Background(), dir, updateChanges, Options{}); err != nil {
		t.Fatal(err)
	}
	got := snapshotDir(t, dir)
	want := map[string]string{
		".": got["."], "app": "/ -rwxr-xr-x", "docs": "/ -rwxr-xr-x", "docs/new": "/ -rwxr-xr-x",
		"README.md": "new readme\n -rw-r--r--", "app/main.txt": "new main\n -rwxr-xr-x",
		"docs/new/guide.md": "guide\n -rw-r--r--", "mine.txt": "the user's\n -rw-r--r--",
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s = %q, want %q", p, got[p], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("the project holds %v; want %v (no staging directory, app/gone.txt removed)", got, want)
	}
}

func TestReplaceUndoesEverythingOnFailure(t *testing.T) {
	boom := errors.New("boom")
	cases := map[string]func(dir string) (Changes, Options){
		"before the first move": func(string) (Changes, Options) {
			return updateChanges, Options{beforeCommit: func() error { return boom }}
		},
		"a directory where a file goes, after other files moved": func(dir string) (Changes, Options) {
			if err := os.MkdirAll(filepath.Join(dir, "zz", "config.yml"), 0o755); err != nil {
				t.Fatal(err)
			}
			c := updateChanges
			c.Put = append(append([]tree.File(nil), c.Put...), tree.File{Path: "zz/config.yml", Mode: 0o644, Data: []byte("x")})
			return c, Options{}
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			dir := projectForUpdate(t)
			changes, opts := setup(dir)
			before := snapshotDir(t, dir)
			err := Replace(context.Background(), dir, changes, opts)
			if err == nil {
				t.Fatal("Replace succeeded")
			}
			after := snapshotDir(t, dir)
			if strings.Join(mapLines(before), "\n") != strings.Join(mapLines(after), "\n") {
				t.Errorf("the project changed after a failed update (%v):\nbefore %v\nafter  %v", err, before, after)
			}
		})
	}
}

func TestReplaceStopsWhenCancelled(t *testing.T) {
	dir := projectForUpdate(t)
	before := snapshotDir(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	err := Replace(ctx, dir, updateChanges, Options{beforeCommit: func() error { cancel(); return nil }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Replace = %v, want context.Canceled", err)
	}
	if after := snapshotDir(t, dir); strings.Join(mapLines(before), "\n") != strings.Join(mapLines(after), "\n") {
		t.Errorf("the project changed after an interrupt:\nbefore %v\nafter  %v", before, after)
	}
}

func TestReplaceRefusesLinksAndBadPaths(t *testing.T) {
	dir := projectForUpdate(t)
	if err := os.Symlink(t.TempDir(), filepath.Join(dir, "linked")); err != nil {
		t.Fatal(err)
	}
	if err := Replace(context.Background(), dir, Changes{Put: []tree.File{{Path: "linked/x", Mode: 0o644}}}, Options{}); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("through a link: %v", err)
	}
	if err := Replace(context.Background(), dir, Changes{Remove: []string{"../x"}}, Options{}); err == nil {
		t.Error("a path outside the project was accepted")
	}
}

func mapLines(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}
