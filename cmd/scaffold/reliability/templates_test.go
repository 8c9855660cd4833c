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
	type diskCase struct {
		label, want string
		options     map[string]string
		setup       func(t *testing.T, dir string) // dir holds broken/
	}
	var cases []diskCase
	for _, b := range testtemplates.Broken() {
		cases = append(cases, diskCase{label: b.Label, want: b.Want, options: b.Options, setup: func(t *testing.T, dir string) {
			if err := b.WriteTo(dir); err != nil {
				t.Fatal(err)
			}
		}})
	}
	// What only a template on disk can hold.
	valid := testtemplates.BrokenTemplate{Files: map[string]string{"ok.txt": "fine\n"}}
	cases = append(cases,
		diskCase{label: "symlink-to-host-file", want: "passwd", setup: func(t *testing.T, dir string) {
			if err := valid.WriteTo(dir); err != nil {
				t.Fatal(err)
			}
			mustSymlink(t, "/etc/passwd", filepath.Join(dir, "broken", "files", "passwd"))
		}},
		diskCase{label: "fifo", want: "pipe", setup: func(t *testing.T, dir string) {
			if err := valid.WriteTo(dir); err != nil {
				t.Fatal(err)
			}
			if err := syscall.Mkfifo(filepath.Join(dir, "broken", "files", "pipe"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		diskCase{label: "shadows-builtin", want: "already defined", setup: func(t *testing.T, dir string) {
			if err := valid.WriteTo(dir); err != nil {
				t.Fatal(err)
			}
			name := frameworks()[0].Name
			os.Rename(filepath.Join(dir, "broken"), filepath.Join(dir, name))
			data, _ := os.ReadFile(filepath.Join(dir, name, "manifest.yaml"))
			os.WriteFile(filepath.Join(dir, name, "manifest.yaml"), append([]byte("name: "+name+"\n"), data[len("name: broken\n"):]...), 0o644)
		}},
	)
	for _, c := range cases {
		t.Run(c.label, func(t *testing.T) {
			t.Parallel()
			s := newSandbox(t)
			dir := filepath.Join(s.inputs, "templates")
			c.setup(t, dir)
			args := []string{"--templates", dir, "new", "demo", "--framework", "broken", "--no-input"}
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
