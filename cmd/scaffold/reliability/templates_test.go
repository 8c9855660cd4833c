package reliability_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/testtemplates"
)

// TestBrokenTemplates gives scaffold each broken template on disk (with
// --templates) and runs `scaffold new` on it: exit 1, a one-line error naming
// the offending file (or var, or manifest), and nothing written anywhere —
// every check happens before the first byte is written.
func TestBrokenTemplates(t *testing.T) {
	t.Parallel()
	cases := append(brokenCases(), diskCase{label: "shadows-builtin", want: "already defined", setup: func(t *testing.T, dir string) {
		if err := validTemplate.WriteTo(dir); err != nil {
			t.Fatal(err)
		}
		name := frameworks()[0].Name
		os.Rename(filepath.Join(dir, "broken"), filepath.Join(dir, name))
		data, _ := os.ReadFile(filepath.Join(dir, name, "manifest.yaml"))
		os.WriteFile(filepath.Join(dir, name, "manifest.yaml"), append([]byte("name: "+name+"\n"), data[len("name: broken\n"):]...), 0o644)
	}})
	runBroken(t, cases, func(dir string) []string {
		return []string{"--templates", dir, "new", "demo", "--framework", "broken", "--no-input"}
	})
}

// TestHostileCustomTemplates gives scaffold each broken template as a
// custom template (new --template DIR), and each template that breaks a
// bound a custom template is held to (testtemplates.OverBounds, at the
// bounds scaffold ships with): exit 1, a one-line error naming the file
// (and the limit), nothing written anywhere.
func TestHostileCustomTemplates(t *testing.T) {
	t.Parallel()
	cases := brokenCases()
	for _, b := range testtemplates.OverBounds() {
		cases = append(cases, diskCase{label: b.Label, want: b.Want, options: b.Options, setup: func(t *testing.T, dir string) {
			if err := b.WriteTo(dir); err != nil {
				t.Fatal(err)
			}
		}})
	}
	runBroken(t, cases, func(dir string) []string {
		return []string{"new", "demo", "--template", filepath.Join(dir, "broken"), "--no-input"}
	})
}

// diskCase is a broken template laid out on disk by setup.
type diskCase struct {
	label, want string
	options     map[string]string
	setup       func(t *testing.T, dir string) // dir holds broken/
}

var validTemplate = testtemplates.BrokenTemplate{Files: map[string]string{"ok.txt": "fine\n"}}

// brokenCases is every broken template of testtemplates, and what only a
// template on disk can hold.
func brokenCases() []diskCase {
	var cases []diskCase
	for _, b := range testtemplates.Broken() {
		cases = append(cases, diskCase{label: b.Label, want: b.Want, options: b.Options, setup: func(t *testing.T, dir string) {
			if err := b.WriteTo(dir); err != nil {
				t.Fatal(err)
			}
		}})
	}
	valid := func(t *testing.T, dir string) {
		if err := validTemplate.WriteTo(dir); err != nil {
			t.Fatal(err)
		}
	}
	cases = append(cases,
		diskCase{label: "symlink-to-host-file", want: "passwd", setup: func(t *testing.T, dir string) {
			valid(t, dir)
			mustSymlink(t, "/etc/passwd", filepath.Join(dir, "broken", "files", "passwd"))
		}},
		diskCase{label: "fifo", want: "pipe", setup: func(t *testing.T, dir string) {
			valid(t, dir)
			if err := syscall.Mkfifo(filepath.Join(dir, "broken", "files", "pipe"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		// files/ itself a link out of the template: walking it would read
		// the directory it points to.
		diskCase{label: "files-dir-links-out", want: "files is a symbolic link", setup: func(t *testing.T, dir string) {
			valid(t, dir)
			outside := filepath.Join(dir, "outside")
			mustMkdir(t, outside)
			mustWrite(t, filepath.Join(outside, "secret.txt"), "secret\n")
			if err := os.RemoveAll(filepath.Join(dir, "broken", "files")); err != nil {
				t.Fatal(err)
			}
			mustSymlink(t, outside, filepath.Join(dir, "broken", "files"))
		}},
		diskCase{label: "subdir-links-out", want: "etc", setup: func(t *testing.T, dir string) {
			valid(t, dir)
			mustSymlink(t, "/etc", filepath.Join(dir, "broken", "files", "etc"))
		}},
	)
	return cases
}

// runBroken runs scaffold with args(dir) on each case laid out in dir.
func runBroken(t *testing.T, cases []diskCase, args func(dir string) []string) {
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			t.Parallel()
			s := newSandbox(t)
			dir := filepath.Join(s.inputs, "templates")
			c.setup(t, dir)
			args := args(dir)
			for k, v := range c.options {
				args = append(args, "--set", k+"="+v)
			}
			before := snapshot(t, s.base, true)
			r := s.run(t, args...)
			checkCleanError(t, r, 1, c.want)
			checkUnchanged(t, "the sandbox", before, snapshot(t, s.base, true))
		})
	}
}
