package chroot

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func validSpec() Spec {
	return Spec{
		Suite:    "sid",
		Packages: []string{"php-cli", "ruby3.3", "libc6"},
		Binds:    []Bind{{Source: "$VENDOR/rails", Target: "/opt/vendor"}},
		Setup:    []string{"gem --version"},
	}
}

func TestValidate(t *testing.T) {
	if err := validSpec().Validate(); err != nil {
		t.Fatalf("valid spec: %v", err)
	}
	cases := map[string]struct {
		edit func(*Spec)
		want string
	}{
		"no suite":        {func(s *Spec) { s.Suite = "" }, "chroot suite"},
		"odd suite":       {func(s *Spec) { s.Suite = "Sid/../x" }, "chroot suite"},
		"ftp mirror":      {func(s *Spec) { s.Mirror = "ftp://x" }, "mirror"},
		"no packages":     {func(s *Spec) { s.Packages = nil }, "no packages"},
		"option package":  {func(s *Spec) { s.Packages = []string{"--allow-unauthenticated"} }, "not a Debian package name"},
		"spaced package":  {func(s *Spec) { s.Packages = []string{"php cli"} }, "not a Debian package name"},
		"empty source":    {func(s *Spec) { s.Binds[0].Source = "" }, "no source"},
		"relative target": {func(s *Spec) { s.Binds[0].Target = "opt/vendor" }, "bind target"},
		"root target":     {func(s *Spec) { s.Binds[0].Target = "/" }, "bind target"},
		"unclean target":  {func(s *Spec) { s.Binds[0].Target = "/opt/../etc" }, "bind target"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			s := validSpec()
			s.Binds = slices.Clone(s.Binds)
			c.edit(&s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Validate() = %v, want an error containing %q", err, c.want)
			}
		})
	}
}

func TestHash(t *testing.T) {
	base := validSpec()
	h := base.Hash()
	if len(h) != 16 {
		t.Fatalf("hash %q: want 16 hex digits", h)
	}
	if again := validSpec().Hash(); again != h {
		t.Fatalf("hash not stable: %s then %s", h, again)
	}
	explicit := validSpec()
	explicit.Mirror = DefaultMirror
	if explicit.Hash() != h {
		t.Errorf("an empty mirror and the default mirror must hash alike")
	}
	edits := map[string]func(*Spec){
		"suite":        func(s *Spec) { s.Suite = "forky" },
		"mirror":       func(s *Spec) { s.Mirror = "http://example.invalid/debian" },
		"package":      func(s *Spec) { s.Packages = append(slices.Clone(s.Packages), "php-pgsql") },
		"order":        func(s *Spec) { s.Packages = []string{"ruby3.3", "php-cli", "libc6"} },
		"bind source":  func(s *Spec) { s.Binds = []Bind{{Source: "/elsewhere", Target: "/opt/vendor"}} },
		"setup script": func(s *Spec) { s.Setup = []string{"gem list"} },
	}
	for name, edit := range edits {
		s := validSpec()
		edit(&s)
		if s.Hash() == h {
			t.Errorf("changing the %s must change the hash", name)
		}
	}
}

func TestExpand(t *testing.T) {
	s := validSpec()
	got := s.Expand(func(k string) string {
		if k == "VENDOR" {
			return "/work/shared/vendor"
		}
		return ""
	})
	if got.Binds[0].Source != "/work/shared/vendor/rails" || got.Binds[0].Target != "/opt/vendor" {
		t.Fatalf("expanded bind = %+v", got.Binds[0])
	}
	if s.Binds[0].Source != "$VENDOR/rails" {
		t.Fatalf("Expand changed its receiver: %+v", s.Binds[0])
	}
}

func TestBuildArgs(t *testing.T) {
	args := BuildArgs(validSpec(), "/cache/sid-x/root")
	want := []string{"--mode=root", "--variant=apt", "--include=php-cli,ruby3.3,libc6", "sid", "/cache/sid-x/root", DefaultMirror}
	for _, w := range want {
		if !slices.Contains(args, w) {
			t.Errorf("mmdebstrap args %q lack %q", args, w)
		}
	}
	// Suite, target and mirror are the positional arguments, last and in order.
	if n := len(args); args[n-3] != "sid" || args[n-2] != "/cache/sid-x/root" || args[n-1] != DefaultMirror {
		t.Errorf("positional arguments out of order: %q", args[n-3:])
	}
	if !slices.Contains(args, `--aptopt=Acquire::Check-Valid-Until "false"`) {
		t.Errorf("an expired unstable Release file would fail the build: %q", args)
	}
}

func TestEnterArgs(t *testing.T) {
	r := Root{Dir: "/cache/sid-x/root"}
	args := r.enterArgs("/tmp/case/demo", []Bind{{Source: "/v", Target: "/opt/v"}}, "bin/rails", "test", "-v")
	i := slices.Index(args, "enter")
	if i < 0 || args[0] != "--mount" {
		t.Fatalf("enter args %q", args)
	}
	want := []string{"enter", "/cache/sid-x/root", "/tmp/case/demo", "1", "/v", "/opt/v", "bin/rails", "test", "-v"}
	if !slices.Equal(args[i:], want) {
		t.Fatalf("enter args after the script = %q, want %q", args[i:], want)
	}
	cmd := r.Command(context.Background(), "/tmp/case/demo", "php", "artisan")
	if filepath.Base(cmd.Path) != "unshare" || cmd.Dir != "/tmp/case/demo" || cmd.Args[len(cmd.Args)-1] != "artisan" {
		t.Fatalf("Command = %q in %q", cmd.Args, cmd.Dir)
	}
}

func TestEnviron(t *testing.T) {
	env := Root{}.Environ("PORT=8123")
	if env[len(env)-1] != "PORT=8123" {
		t.Fatalf("extra entries must come last (so they win): %q", env)
	}
	for _, e := range env {
		if strings.HasPrefix(e, "PATH=") && !strings.Contains(e, "/usr/bin") {
			t.Fatalf("PATH lacks /usr/bin: %s", e)
		}
	}
}

// A complete entry in the cache is used as it is: nothing is built, so this
// needs neither root nor mmdebstrap.
func TestEnsureReusesCompleteEntry(t *testing.T) {
	cache := t.TempDir()
	spec := validSpec()
	entryDir := filepath.Join(cache, "sid-"+spec.Hash())
	if err := os.MkdirAll(filepath.Join(entryDir, "root"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(entryDir, marker), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		r, err := Ensure(context.Background(), spec, cache)
		if err != nil {
			t.Fatal(err)
		}
		if r.Dir != filepath.Join(entryDir, "root") || r.Built != 0 {
			t.Fatalf("Ensure = %+v, want the cached root, not built", r)
		}
	}
}

func TestEnsureRejectsInvalidSpec(t *testing.T) {
	_, err := Ensure(context.Background(), Spec{Suite: "sid"}, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "no packages") {
		t.Fatalf("Ensure with no packages = %v", err)
	}
}

func TestEnsureMissingBindSource(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("the bind check comes after the root check")
	}
	for _, tool := range []string{"mmdebstrap", "unshare", "chroot", "mount"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	spec := validSpec()
	spec.Binds = []Bind{{Source: filepath.Join(t.TempDir(), "missing"), Target: "/opt/vendor"}}
	_, err := Ensure(context.Background(), spec, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("Ensure with a missing bind source = %v", err)
	}
}

func TestVendorDir(t *testing.T) {
	t.Setenv(VendorEnv, "")
	dir, err := VendorDir()
	if err != nil {
		t.Fatal(err)
	}
	// This package sits in generator/e2e/chroot of the module.
	wd, _ := os.Getwd()
	want := filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(filepath.Dir(wd)))), "shared", "vendor")
	if dir != want {
		t.Fatalf("VendorDir() = %s, want %s", dir, want)
	}
	t.Setenv(VendorEnv, "/srv/vendor")
	if got := Lookup(VendorEnv); got != "/srv/vendor" {
		t.Fatalf("Lookup(%s) = %s with the variable set", VendorEnv, got)
	}
}
