package update

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/tree"
)

func file(p, data string) tree.File { return tree.File{Path: p, Mode: 0o644, Data: []byte(data)} }

func disk(files ...tree.File) fstest.MapFS {
	m := fstest.MapFS{}
	for _, f := range files {
		m[f.Path] = &fstest.MapFile{Data: f.Data, Mode: f.Mode}
	}
	return m
}

func find(t *testing.T, plan *Plan, p string) Change {
	t.Helper()
	for _, c := range plan.Changes {
		if c.Path == p {
			return c
		}
	}
	t.Fatalf("no decision for %s", p)
	return Change{}
}

const text = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n"

func TestEveryKindOfFile(t *testing.T) {
	base := []tree.File{
		file("untouched.txt", text),
		file("template-changed.txt", text),
		file("user-changed.txt", text),
		file("both-apart.txt", text),
		file("both-same-line.txt", text),
		file("both-identical.txt", text),
		file("user-removed.txt", text),
		file("template-removed.txt", text),
		file("template-removed-user-edited.txt", text),
		file("both-removed.txt", text),
	}
	theirs := []tree.File{
		file("untouched.txt", text),
		file("template-changed.txt", strings.Replace(text, "two", "TWO", 1)),
		file("user-changed.txt", text),
		file("both-apart.txt", strings.Replace(text, "two", "TWO", 1)),
		file("both-same-line.txt", strings.Replace(text, "four", "template four", 1)),
		file("both-identical.txt", strings.Replace(text, "six", "6", 1)),
		file("user-removed.txt", strings.Replace(text, "one", "1", 1)),
		file("added.txt", "new\n"),
		file("added-collides.txt", "template's\n"),
		file("added-same.txt", "same\n"),
	}
	ours := disk(
		file("untouched.txt", text),
		file("template-changed.txt", text),
		file("user-changed.txt", text+"mine\n"),
		file("both-apart.txt", strings.Replace(text, "seven", "my seven", 1)),
		file("both-same-line.txt", strings.Replace(text, "four", "my four", 1)),
		file("both-identical.txt", strings.Replace(text, "six", "6", 1)),
		file("template-removed.txt", text),
		file("template-removed-user-edited.txt", text+"mine\n"),
		file("added-collides.txt", "mine\n"),
		file("added-same.txt", "same\n"),
		file("my-own.txt", "not the template's business\n"),
	)
	plan, err := Compute(ours, base, theirs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Action{
		"untouched.txt":                    Unchanged,
		"template-changed.txt":             Updated,
		"user-changed.txt":                 Kept,
		"both-apart.txt":                   Merged,
		"both-same-line.txt":               Conflicted,
		"both-identical.txt":               Unchanged,
		"user-removed.txt":                 Kept,
		"template-removed.txt":             Removed,
		"template-removed-user-edited.txt": Kept,
		"both-removed.txt":                 Unchanged,
		"added.txt":                        Added,
		"added-collides.txt":               Conflicted,
		"added-same.txt":                   Unchanged,
	}
	if len(plan.Changes) != len(want) {
		t.Errorf("%d decisions, want %d (my-own.txt is not the template's)", len(plan.Changes), len(want))
	}
	for p, a := range want {
		if c := find(t, plan, p); c.Action != a {
			t.Errorf("%s: %s (%s), want %s", p, c.Action, c.Why, a)
		}
	}
	if c := find(t, plan, "template-changed.txt"); string(c.Write.Data) != strings.Replace(text, "two", "TWO", 1) {
		t.Errorf("template-changed.txt becomes %q", c.Write.Data)
	}
	if c := find(t, plan, "both-apart.txt"); !bytes.Contains(c.Write.Data, []byte("TWO\n")) || !bytes.Contains(c.Write.Data, []byte("my seven\n")) {
		t.Errorf("both-apart.txt lost a side: %q", c.Write.Data)
	}
	c := find(t, plan, "both-same-line.txt")
	for _, m := range []string{"<<<<<<< ours", "my four", "||||||| base", "=======", "template four", ">>>>>>> template"} {
		if !bytes.Contains(c.Write.Data, []byte(m)) {
			t.Errorf("both-same-line.txt has no %q:\n%s", m, c.Write.Data)
		}
	}
	if c.Conflicts != 1 {
		t.Errorf("both-same-line.txt: %d conflicts, want 1", c.Conflicts)
	}
	if c := find(t, plan, "added-collides.txt"); !bytes.Contains(c.Write.Data, []byte("mine\n")) || !bytes.Contains(c.Write.Data, []byte("template's\n")) {
		t.Errorf("a collision must keep both files' lines: %q", c.Write.Data)
	}
	for _, p := range []string{"user-changed.txt", "user-removed.txt", "template-removed-user-edited.txt", "untouched.txt"} {
		if c := find(t, plan, p); c.Write != nil {
			t.Errorf("%s would be written; it must be left as it is", p)
		}
	}
	if got := strings.Join(plan.Conflicted(), " "); got != "added-collides.txt both-same-line.txt" {
		t.Errorf("Conflicted = %q", got)
	}
	if !plan.Changed() {
		t.Error("Changed = false")
	}
}

func TestBinaryIsNeverMerged(t *testing.T) {
	png := func(b byte) string { return "\x89PNG\x00\x00" + string([]byte{b}) }
	base := []tree.File{file("logo.png", png(1)), file("icon.png", png(1))}
	theirs := []tree.File{file("logo.png", png(2)), file("icon.png", png(2))}
	plan, err := Compute(disk(file("logo.png", png(3)), file("icon.png", png(1))), base, theirs)
	if err != nil {
		t.Fatal(err)
	}
	c := find(t, plan, "logo.png")
	if c.Action != Conflicted || c.Write != nil || c.Beside == nil || c.Beside.Path != "logo.png"+NewSuffix || string(c.Beside.Data) != png(2) {
		t.Errorf("logo.png: %+v; want ours kept and theirs beside it", c)
	}
	if c := find(t, plan, "icon.png"); c.Action != Updated || string(c.Write.Data) != png(2) {
		t.Errorf("icon.png (unedited): %+v; want the template's", c)
	}
}

func TestCRLFMergesLineByLine(t *testing.T) {
	crlf := strings.ReplaceAll(text, "\n", "\r\n")
	base := []tree.File{file("a.bat", crlf)}
	theirs := []tree.File{file("a.bat", strings.Replace(crlf, "two", "TWO", 1))}
	plan, err := Compute(disk(file("a.bat", strings.Replace(crlf, "seven", "my seven", 1))), base, theirs)
	if err != nil {
		t.Fatal(err)
	}
	c := find(t, plan, "a.bat")
	if want := strings.Replace(strings.Replace(crlf, "two", "TWO", 1), "seven", "my seven", 1); c.Action != Merged || string(c.Write.Data) != want {
		t.Errorf("a.bat: %s %q, want a clean CRLF merge", c.Action, c.Write.Data)
	}
}

func TestModesFollowTheTemplateUnlessTheUserChangedThem(t *testing.T) {
	exe := func(p string, m fs.FileMode) tree.File { return tree.File{Path: p, Mode: m, Data: []byte(text)} }
	base := []tree.File{exe("bin/a", 0o644), exe("bin/b", 0o644)}
	theirs := []tree.File{exe("bin/a", 0o755), exe("bin/b", 0o755)}
	plan, err := Compute(disk(exe("bin/a", 0o644), exe("bin/b", 0o600)), base, theirs)
	if err != nil {
		t.Fatal(err)
	}
	if c := find(t, plan, "bin/a"); c.Write == nil || c.Write.Mode != 0o755 {
		t.Errorf("bin/a: %+v, want mode 0755 from the template", c)
	}
	if c := find(t, plan, "bin/b"); c.Write != nil && c.Write.Mode != 0o600 {
		t.Errorf("bin/b: the user's 0600 must stay, got %+v", c.Write)
	}
}

func TestSomethingInTheWayIsAnError(t *testing.T) {
	ours := fstest.MapFS{"config/app.yml/x": {Data: []byte("x")}}
	_, err := Compute(ours, []tree.File{file("config/app.yml", "a\n")}, []tree.File{file("config/app.yml", "b\n")})
	if err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("Compute = %v, want an error about the directory in the way", err)
	}
}
