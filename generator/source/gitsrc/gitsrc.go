// Package gitsrc owns custom templates kept in git repositories: telling a
// repository (--template URL#REF) from a directory, cloning it with the
// system's git into a scratch directory (shallow, no hooks, no prompts),
// resolving the commit, and reading the template into memory. The scratch
// clone is removed before Fetch returns, on success, error or interrupt; the
// rest of the engine sees an in-memory fs.FS and never the disk.
package gitsrc

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/scaffold-cli/scaffold/generator/source"
)

// gitPrefixes mark an argument as a git repository.
var gitPrefixes = []string{"git@", "https://", "http://", "ssh://", "git://", "file://"}

// IsURL reports whether arg names a git repository: it starts with one of
// git@, https://, http://, ssh://, git://, file://, or its URL part (before
// any #REF) ends in .git. Callers check first that arg is not an existing
// local directory: a directory always wins.
func IsURL(arg string) bool {
	u, _, _ := strings.Cut(arg, "#")
	for _, p := range gitPrefixes {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return strings.HasSuffix(u, ".git")
}

// Spec is a template in a repository: URL#REF:SUBDIR, where REF (a branch,
// tag or commit; empty for the default branch) and SUBDIR (the template's
// directory in the repository; empty for its root) are optional. A git ref
// name cannot hold ':', so the first ':' after '#' starts SUBDIR.
type Spec struct {
	URL    string
	Ref    string
	Subdir string
}

// Parse splits arg at its first '#' into URL and REF[:SUBDIR].
func Parse(arg string) (Spec, error) {
	u, frag, _ := strings.Cut(arg, "#")
	ref, sub, _ := strings.Cut(frag, ":")
	s := Spec{URL: u, Ref: ref, Subdir: strings.TrimSuffix(sub, "/")}
	switch {
	case u == "":
		return s, fmt.Errorf("--template %q: no repository URL before '#'", arg)
	case strings.HasPrefix(u, "-"):
		return s, fmt.Errorf("--template %q: a repository URL cannot start with '-'", arg)
	case strings.HasPrefix(ref, "-"):
		return s, fmt.Errorf("--template %q: a ref cannot start with '-'", arg)
	case s.Subdir != "" && (!fs.ValidPath(s.Subdir) || s.Subdir == "."):
		return s, fmt.Errorf("--template %q: the directory after ':' must be a relative path inside the repository, without '..'", arg)
	}
	return s, nil
}

// String is the spec as --template takes it.
func (s Spec) String() string {
	out := s.URL
	if s.Ref != "" || s.Subdir != "" {
		out += "#" + s.Ref
	}
	if s.Subdir != "" {
		out += ":" + s.Subdir
	}
	return out
}

// Checkout is a template read from a repository.
type Checkout struct {
	Spec
	// Commit is the full SHA that Ref resolved to.
	Commit string
	// FS holds the template directory (manifest.yaml and files/), in memory.
	FS fs.FS
}

// ErrNoGit is returned when git is not on PATH.
var ErrNoGit = errors.New("a template in a git repository needs git on PATH; install git, or clone the repository yourself and give --template DIR")

// Fetch clones spec's repository at its ref into a scratch directory, reads
// the template out of it and removes the clone.
func Fetch(ctx context.Context, spec Spec) (*Checkout, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, ErrNoGit
	}
	scratch, err := os.MkdirTemp("", "scaffold-template-*")
	if err != nil {
		return nil, fmt.Errorf("scratch directory for the clone: %w", err)
	}
	defer os.RemoveAll(scratch)
	dir := filepath.Join(scratch, "repo")
	commit, err := clone(ctx, spec, dir)
	if err != nil {
		return nil, err
	}
	fsys, err := readTemplate(spec, commit, dir)
	if err != nil {
		return nil, err
	}
	return &Checkout{Spec: spec, Commit: commit, FS: fsys}, nil
}

// clone checks spec out into dir and returns the commit it resolved to.
func clone(ctx context.Context, spec Spec, dir string) (string, error) {
	refs, err := lsRemote(ctx, spec.URL)
	if err != nil {
		return "", err
	}
	switch {
	case spec.Ref == "":
		if _, err := run(ctx, "", "clone", "--quiet", "--depth", "1", "--no-tags", "--", spec.URL, dir); err != nil {
			return "", cloneFailed(spec, err)
		}
	case refs["refs/heads/"+spec.Ref] || refs["refs/tags/"+spec.Ref]:
		if _, err := run(ctx, "", "clone", "--quiet", "--depth", "1", "--no-tags", "--branch", spec.Ref, "--", spec.URL, dir); err != nil {
			return "", cloneFailed(spec, err)
		}
	case isHex(spec.Ref):
		if err := fetchCommit(ctx, spec, dir); err != nil {
			return "", err
		}
	default:
		return "", refNotFound(spec, refs)
	}
	out, err := run(ctx, dir, "rev-parse", "HEAD")
	if err != nil {
		return "", cloneFailed(spec, err)
	}
	return strings.TrimSpace(out), nil
}

// fetchCommit checks out commit spec.Ref: shallow when the server serves a
// commit by its full SHA, else from a full fetch (a short SHA, or a server
// that refuses).
func fetchCommit(ctx context.Context, spec Spec, dir string) error {
	if _, err := run(ctx, "", "init", "--quiet", "--", dir); err != nil {
		return cloneFailed(spec, err)
	}
	if _, err := run(ctx, dir, "remote", "add", "origin", spec.URL); err != nil {
		return cloneFailed(spec, err)
	}
	target := ""
	if len(spec.Ref) == 40 {
		if _, err := run(ctx, dir, "fetch", "--quiet", "--depth", "1", "--no-tags", "origin", spec.Ref); err == nil {
			target = spec.Ref
		} else if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if target == "" {
		if _, err := run(ctx, dir, "fetch", "--quiet", "origin", "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"); err != nil {
			return cloneFailed(spec, err)
		}
		out, err := run(ctx, dir, "rev-parse", "--verify", "--quiet", "--end-of-options", spec.Ref+"^{commit}")
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("%s has no branch, tag or commit %q; give one that exists (git ls-remote %s lists branches and tags)", spec.URL, spec.Ref, spec.URL)
		}
		target = strings.TrimSpace(out)
	}
	if _, err := run(ctx, dir, "checkout", "--quiet", "--detach", target); err != nil {
		return cloneFailed(spec, err)
	}
	return nil
}

// lsRemote lists the repository's refs; it is also where a bad URL fails.
func lsRemote(ctx context.Context, url string) (map[string]bool, error) {
	out, err := run(ctx, "", "ls-remote", "--", url)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("cannot clone the template repository %s: %s; check the URL and that \"git clone %s\" works", url, lastLine(err), url)
	}
	refs := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if _, ref, ok := strings.Cut(line, "\t"); ok {
			refs[strings.TrimSuffix(ref, "^{}")] = true
		}
	}
	return refs, nil
}

func refNotFound(spec Spec, refs map[string]bool) error {
	var names []string
	for r := range refs {
		if n, ok := strings.CutPrefix(r, "refs/heads/"); ok {
			names = append(names, n)
		} else if n, ok := strings.CutPrefix(r, "refs/tags/"); ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) > 8 {
		names = append(names[:8], "…")
	}
	have := "it has no branches or tags"
	if len(names) > 0 {
		have = "it has " + strings.Join(names, ", ")
	}
	return fmt.Errorf("%s has no branch, tag or commit %q (%s); give one of those after '#'", spec.URL, spec.Ref, have)
}

func cloneFailed(spec Spec, err error) error {
	return fmt.Errorf("cannot clone the template repository %s: %s", spec.String(), lastLine(err))
}

// readTemplate reads the template directory of the clone in dir into
// memory, after holding it to the bounds of any custom template.
func readTemplate(spec Spec, commit, dir string) (fs.FS, error) {
	root := dir
	where := "at its root"
	if spec.Subdir != "" {
		root = filepath.Join(dir, filepath.FromSlash(spec.Subdir))
		where = "in " + spec.Subdir
		real, err := filepath.EvalSymlinks(root)
		if err != nil {
			return nil, fmt.Errorf("%s at %s (commit %.12s) has no directory %s; give the template's directory after ':'", spec.URL, refName(spec), commit, spec.Subdir)
		}
		top, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return nil, err
		}
		if rel, err := filepath.Rel(top, real); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || real != filepath.Join(top, filepath.FromSlash(spec.Subdir)) {
			return nil, fmt.Errorf("%s: %s is or passes through a symbolic link; a template directory must be a real directory of the repository", spec.String(), spec.Subdir)
		}
	}
	if fi, err := os.Lstat(filepath.Join(root, source.ManifestFile)); err != nil || !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s at %s (commit %.12s) has no %s %s; a template repository holds %s and %s/ at its top, or give their directory as URL#REF:DIR", spec.URL, refName(spec), commit, source.ManifestFile, where, source.ManifestFile, source.FilesDir)
	}
	if err := source.CheckTemplateDir(root); err != nil {
		return nil, errors.New(strings.ReplaceAll(err.Error(), filepath.ToSlash(root), spec.String()))
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	fsys := os.DirFS(root)
	for _, top := range []string{source.ManifestFile, source.FilesDir} {
		err := fs.WalkDir(fsys, top, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == top {
					return nil // no files/: the manifest's load says so
				}
				return err
			}
			if !d.Type().IsRegular() {
				return nil // directories; CheckTemplateDir refused anything else
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			w, err := zw.Create(path.Clean(p))
			if err != nil {
				return err
			}
			_, err = w.Write(data)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", spec.String(), err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
}

func refName(spec Spec) string {
	if spec.Ref == "" {
		return "its default branch"
	}
	return spec.Ref
}

func isHex(s string) bool {
	if len(s) < 4 || len(s) > 40 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}

// gitError is a failed git command with what it printed on stderr.
type gitError struct {
	args   []string
	stderr string
	err    error
}

func (e *gitError) Error() string {
	return fmt.Sprintf("git %s: %v: %s", strings.Join(e.args, " "), e.err, e.stderr)
}

// lastLine is the last line git printed on stderr, or the error itself.
func lastLine(err error) string {
	var ge *gitError
	if errors.As(err, &ge) {
		lines := strings.Split(strings.TrimSpace(ge.stderr), "\n")
		if l := strings.TrimSpace(lines[len(lines)-1]); l != "" {
			return l
		}
		return ge.err.Error()
	}
	return err.Error()
}

// safety is given to every git command: no hooks (neither the user's
// core.hooksPath nor any copied from a template directory), no fsmonitor,
// no submodules, and only the network transports (never ext:: or fd::).
var safety = []string{
	"-c", "core.hooksPath=" + os.DevNull,
	"-c", "core.fsmonitor=false",
	"-c", "init.templateDir=",
	"-c", "submodule.recurse=false",
	"-c", "advice.detachedHead=false",
	"-c", "protocol.ext.allow=never",
}

// run runs git in dir (none: the current directory) without a terminal
// prompt, and returns its stdout.
func run(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append(append([]string{}, safety...), args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_TERMINAL_PROMPT=0",
		"GIT_ASKPASS=",
		"SSH_ASKPASS=",
		"GIT_ALLOW_PROTOCOL=file:git:http:https:ssh",
	)
	if os.Getenv("GIT_SSH_COMMAND") == "" && os.Getenv("GIT_SSH") == "" {
		cmd.Env = append(cmd.Env, "GIT_SSH_COMMAND=ssh -o BatchMode=yes")
	}
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", &gitError{args: args, stderr: stderr.String(), err: err}
	}
	return stdout.String(), nil
}
