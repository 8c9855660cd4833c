package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitOut runs git in dir and returns its trimmed stdout.
func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.email=t@example.com", "-c", "user.name=t"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

// templateRepo publishes `template init hello` to a local bare repository:
// commit v1 tagged v1 on branch main, then (v2) template_version 2 with a
// README line more and app.py's last line changed, tagged v2. The bare
// repository holds a post-checkout hook that would write a marker file.
// It returns the repository's file:// URL, the work tree and the marker.
func templateRepo(t *testing.T, dir string) (url, work, marker string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	mustRun(t, 0, "template", "init", "hello")
	work = filepath.Join(dir, "hello")
	bare := filepath.Join(dir, "hello.git")
	gitIn(t, work, "init", "-q", "-b", "main")
	gitIn(t, work, "add", "-A")
	gitIn(t, work, "commit", "-qm", "v1")
	gitIn(t, work, "tag", "v1")
	gitIn(t, dir, "clone", "-q", "--bare", work, bare)
	marker = filepath.Join(dir, "hook-ran")
	hook := "#!/bin/sh\necho ran > '" + marker + "'\n"
	if err := os.WriteFile(filepath.Join(bare, "hooks", "post-checkout"), []byte(hook), 0o755); err != nil {
		t.Fatal(err)
	}
	gitIn(t, work, "remote", "add", "origin", bare)
	// A clone never copies a repository's hooks, so the hook is made the
	// user's own (core.hooksPath in their global config): scaffold's clone
	// must still not run it.
	global := filepath.Join(dir, "gitconfig")
	if err := os.WriteFile(global, []byte("[core]\n\thooksPath = "+filepath.ToSlash(filepath.Join(bare, "hooks"))+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", global)
	return "file://" + filepath.ToSlash(bare), work, marker
}

// pushV2 makes template version 2 in work and pushes it, tagged v2.
func pushV2(t *testing.T, work, appLine string) {
	t.Helper()
	manifest := filepath.Join(work, "manifest.yaml")
	m, _ := os.ReadFile(manifest)
	if err := os.WriteFile(manifest, []byte(strings.Replace(string(m), "template_version: 1", "template_version: 2", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	readme := filepath.Join(work, "files", "README.md.tmpl")
	r, _ := os.ReadFile(readme)
	if err := os.WriteFile(readme, append(r, []byte("\nVersion 2 of the template.\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	app := filepath.Join(work, "files", "app.py.tmpl")
	a, _ := os.ReadFile(app)
	if appLine != "" {
		if err := os.WriteFile(app, append(a, []byte(appLine)...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitIn(t, work, "commit", "-qam", "v2")
	gitIn(t, work, "tag", "v2")
	gitIn(t, work, "push", "-q", "origin", "main", "v1", "v2")
}

func answersOf(t *testing.T, project string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(project, ".scaffold.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A tag, a branch and a commit (full and short) of a repository each make
// a project that records the URL, the ref as given and the commit; no
// hook of the repository runs; no clone is left behind.
func TestGitTemplateRefs(t *testing.T) {
	dir := inTempDir(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	url, work, marker := templateRepo(t, dir)
	gitIn(t, work, "push", "-q", "origin", "main", "v1")
	v1 := gitOut(t, work, "rev-parse", "HEAD")
	pushV2(t, work, "")
	v2 := gitOut(t, work, "rev-parse", "HEAD")

	for _, c := range []struct{ ref, commit, readme string }{
		{"v1", v1, ""},
		{"main", v2, "Version 2 of the template."},
		{v1, v1, ""},
		{v1[:10], v1, ""},
		{"", v2, "Version 2 of the template."},
	} {
		spec := url
		if c.ref != "" {
			spec += "#" + c.ref
		}
		project := "app-" + c.ref
		if c.ref == "" {
			project = "app-default"
		}
		mustRun(t, 0, "new", project, "--template", spec, "--yes")
		got := answersOf(t, filepath.Join(dir, project))
		for _, want := range []string{"template: " + url + "\n", "template_commit: " + c.commit + "\n"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: .scaffold.yaml lacks %q:\n%s", spec, want, got)
			}
		}
		if c.ref != "" && !strings.Contains(got, "template_ref: "+c.ref+"\n") && !strings.Contains(got, "template_ref: \""+c.ref+"\"\n") {
			t.Errorf("%s: .scaffold.yaml does not record the ref:\n%s", spec, got)
		}
		readme, _ := os.ReadFile(filepath.Join(dir, project, "README.md"))
		if c.readme != "" && !strings.Contains(string(readme), c.readme) {
			t.Errorf("%s: README.md is not from commit %s:\n%s", spec, c.commit, readme)
		} else if c.readme == "" && strings.Contains(string(readme), "Version 2") {
			t.Errorf("%s: README.md is from version 2", spec)
		}
	}
	if _, err := os.Stat(marker); err == nil {
		t.Errorf("the repository's post-checkout hook ran")
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("a clone was left behind in TMPDIR: %v", left[0].Name())
	}
	// --answers regenerates from the recorded commit, not the ref's head.
	mustRun(t, 0, "new", "--answers", "app-v1/.scaffold.yaml", "--dir", "copy")
	if got := answersOf(t, filepath.Join(dir, "copy")); !strings.Contains(got, "template_commit: "+v1) || !strings.Contains(got, "template_ref: v1") {
		t.Errorf("--answers should keep the recorded ref and commit:\n%s", got)
	}
}

// A bad URL, a missing ref and a repository without a manifest each fail
// with their own message, and write nothing.
func TestGitTemplateErrors(t *testing.T) {
	dir := inTempDir(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	url, work, _ := templateRepo(t, dir)
	gitIn(t, work, "push", "-q", "origin", "main", "v1")
	empty := filepath.Join(dir, "empty")
	if err := os.MkdirAll(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(empty, "README"), []byte("no template here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, empty, "init", "-q", "-b", "main")
	gitIn(t, empty, "add", "-A")
	gitIn(t, empty, "commit", "-qm", "x")
	gitIn(t, dir, "clone", "-q", "--bare", empty, filepath.Join(dir, "empty.git"))

	for _, c := range []struct{ spec, want string }{
		{"file://" + filepath.ToSlash(filepath.Join(dir, "nowhere.git")), "cannot clone the template repository"},
		{url + "#nope", `has no branch, tag or commit "nope"`},
		{url + "#deadbeef", `has no branch, tag or commit "deadbeef"`},
		{"file://" + filepath.ToSlash(filepath.Join(dir, "empty.git")), "has no manifest.yaml at its root"},
		{url + "#v1:nosuch", "has no directory nosuch"},
		{url + "#v1:../x", "relative path inside the repository"},
	} {
		code, _, errOut := run(t, "new", "app", "--template", c.spec, "--yes")
		if code == 0 || !strings.Contains(errOut, c.want) {
			t.Errorf("--template %s: exit %d, want an error saying %q:\n%s", c.spec, code, c.want, errOut)
		}
		if _, err := os.Stat(filepath.Join(dir, "app")); err == nil {
			t.Fatalf("--template %s: app/ was written", c.spec)
		}
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("a clone was left behind in TMPDIR: %v", left[0].Name())
	}
}

// update of a project made from tag v1 to v2 of a repository: the base is
// rendered from the recorded commit, the user's edits are merged like a
// built-in update (cleanly, or with conflict markers and exit 1), and the
// new ref and commit are recorded. A tag that has not moved is up to date.
func TestGitTemplateUpdate(t *testing.T) {
	for _, c := range []struct {
		name     string
		userLine string // appended to app.py by the user
		appLine  string // appended to app.py.tmpl by v2
		exit     int
	}{
		{"clean", "# mine\n", "", 0},
		{"conflict", "# mine\n", "# theirs\n", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := inTempDir(t)
			url, work, marker := templateRepo(t, dir)
			gitIn(t, work, "push", "-q", "origin", "main", "v1")
			v1 := gitOut(t, work, "rev-parse", "HEAD")
			mustRun(t, 0, "new", "app", "--template", url+"#v1", "--yes")
			project := filepath.Join(dir, "app")
			gitIn(t, project, "init", "-q")
			gitIn(t, project, "add", "-A")
			gitIn(t, project, "commit", "-qm", "new")
			out, _ := mustRun(t, 0, "update", "app")
			if !strings.Contains(out, "already up to date") {
				t.Errorf("update at an unmoved tag should be up to date:\n%s", out)
			}
			// add renders from the recorded commit and keeps the ref.
			mustRun(t, 0, "add", "-C", "app", "docker=true")
			if _, err := os.Stat(filepath.Join(project, "Dockerfile")); err != nil {
				t.Errorf("add docker=true: %v", err)
			}
			if a := answersOf(t, project); !strings.Contains(a, "template_ref: v1\n") || !strings.Contains(a, "template_commit: "+v1+"\n") {
				t.Errorf("add should keep the recorded ref and commit:\n%s", a)
			}
			gitIn(t, project, "add", "-A")
			gitIn(t, project, "commit", "-qm", "docker")

			pushV2(t, work, c.appLine)
			v2 := gitOut(t, work, "rev-parse", "HEAD")
			main := filepath.Join(project, "app.py")
			code, _ := os.ReadFile(main)
			if err := os.WriteFile(main, append(code, []byte(c.userLine)...), 0o644); err != nil {
				t.Fatal(err)
			}
			gitIn(t, project, "commit", "-qam", "edit")
			mustRun(t, 0, "update", "app", "--check")
			mustRun(t, 0, "update", "app") // still the tag v1: nothing to do
			mustRun(t, 1, "update", "app", "--ref", "v2", "--check")
			// The repository moved: --template gives its new URL, without a ref.
			moved := filepath.Join(dir, "moved.git")
			gitIn(t, dir, "clone", "-q", "--bare", strings.TrimPrefix(url, "file://"), moved)
			mustRun(t, 1, "update", "app", "--template", "file://"+filepath.ToSlash(moved), "--ref", "v2", "--check")
			if _, errOut := mustRun(t, 2, "update", "app", "--template", url+"#v2"); !strings.Contains(errOut, "use --ref for that") {
				t.Errorf("--template URL#REF on update: %s", errOut)
			}
			out, _ = mustRun(t, c.exit, "update", "app", "--ref", "v2")
			if !strings.Contains(out, "from template version 1 to 2") {
				t.Errorf("update report:\n%s", out)
			}
			readme, _ := os.ReadFile(filepath.Join(project, "README.md"))
			if !strings.Contains(string(readme), "Version 2 of the template.") {
				t.Errorf("README.md was not updated:\n%s", readme)
			}
			got, _ := os.ReadFile(main)
			switch c.name {
			case "clean":
				if !strings.HasSuffix(string(got), "# mine\n") {
					t.Errorf("the user's edit of app.py was lost:\n%s", got)
				}
			case "conflict":
				if !strings.Contains(string(got), "<<<<<<<") || !strings.Contains(string(got), "# mine") || !strings.Contains(string(got), "# theirs") {
					t.Errorf("app.py should hold a conflict of both edits:\n%s", got)
				}
			}
			answers := answersOf(t, project)
			for _, want := range []string{"template_ref: v2\n", "template_commit: " + v2 + "\n", "template_version: 2\n"} {
				if !strings.Contains(answers, want) {
					t.Errorf(".scaffold.yaml lacks %q after the update:\n%s", want, answers)
				}
			}
			if strings.Contains(answers, v1) {
				t.Errorf(".scaffold.yaml still records v1's commit")
			}
			if _, err := os.Stat(marker); err == nil {
				t.Errorf("a hook ran")
			}
		})
	}
}

// --ref on a project not made from a git template is a usage error.
func TestUpdateRefNeedsGitTemplate(t *testing.T) {
	inTempDir(t)
	mustRun(t, 0, "template", "init", "hello")
	mustRun(t, 0, "new", "app", "--template", "hello", "--yes")
	_, errOut := mustRun(t, 2, "update", "app", "--ref", "v2")
	if !strings.Contains(errOut, "--ref is for projects made from a template in a git repository") {
		t.Errorf("--ref on a directory template: %s", errOut)
	}
}

// URL#REF:DIR takes the template from a directory of the repository and
// records it, so --answers finds it again.
func TestGitTemplateSubdir(t *testing.T) {
	dir := inTempDir(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	mono := filepath.Join(dir, "mono")
	if err := os.MkdirAll(filepath.Join(mono, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(mono, "templates"))
	mustRun(t, 0, "template", "init", "hello")
	t.Chdir(dir)
	gitIn(t, mono, "init", "-q", "-b", "main")
	gitIn(t, mono, "add", "-A")
	gitIn(t, mono, "commit", "-qm", "v1")
	url := "file://" + filepath.ToSlash(mono)
	mustRun(t, 0, "new", "app", "--template", url+"#main:templates/hello", "--yes")
	if a := answersOf(t, filepath.Join(dir, "app")); !strings.Contains(a, "template_path: templates/hello\n") {
		t.Errorf(".scaffold.yaml does not record the directory:\n%s", a)
	}
	mustRun(t, 0, "new", "--answers", "app/.scaffold.yaml", "--dir", "copy")
	_, errOut := mustRun(t, 1, "new", "x", "--template", url+"#main", "--yes")
	if !strings.Contains(errOut, "or give their directory as URL#REF:DIR") {
		t.Errorf("a repository with the template in a directory, given without it: %s", errOut)
	}
}

// Without git on PATH a repository template says so, and what to do.
func TestGitTemplateNeedsGit(t *testing.T) {
	dir := inTempDir(t)
	t.Setenv("PATH", dir)
	_, errOut := mustRun(t, 1, "new", "app", "--template", "https://example.com/team/starter.git#v1", "--yes")
	if !strings.Contains(errOut, "needs git on PATH") || !strings.Contains(errOut, "--template DIR") {
		t.Errorf("without git: %s", errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "app")); err == nil {
		t.Error("app/ was written")
	}
}
