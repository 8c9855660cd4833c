package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/write"
	"github.com/scaffold-cli/scaffold/templates"
)

// Gin's template version 3 no longer generates .env.example (nothing read
// it). A real version 2 project, updated by the built-in templates, loses
// the file when it is as generated, and keeps it, saying why, when the user
// changed it; either way the update is clean and the README follows.
func TestUpdateGinV2DropsTheUnreadEnvExample(t *testing.T) {
	c := builtinCatalog(t)
	current, err := c.Lookup("gin")
	if err != nil {
		t.Fatal(err)
	}
	if current.TemplateVersion < 3 {
		t.Fatalf("gin is at template version %d; this test is about the update to 3", current.TemplateVersion)
	}
	v2, err := generator.ManifestAt(templates.FS, "gin", 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		edited bool
		row    *regexp.Regexp
	}{
		{"unedited", false, regexp.MustCompile(`(?m)^\s*removed\s+\.env\.example\s+\(the template no longer has it\)$`)},
		{"edited", true, regexp.MustCompile(`(?m)^\s*kept\s+\.env\.example\s+\(the template no longer has it, but you edited it\)$`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := generator.Resolve(v2, generator.Request{Name: "demo", Options: map[string]string{}}, generator.SeededRandom("gin-v2"))
			if err != nil {
				t.Fatal(err)
			}
			files, err := generator.Generate(p)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "demo")
			if err := write.Files(context.Background(), dir, files, write.Options{}); err != nil {
				t.Fatal(err)
			}
			envExample := filepath.Join(dir, ".env.example")
			generated := readFile(t, envExample)
			if !strings.Contains(generated, "GIN_MODE=release\n") {
				t.Fatalf("version 2's .env.example is not what this test expects:\n%s", generated)
			}
			mine := strings.Replace(generated, "GIN_MODE=release\n", "GIN_MODE=debug\n", 1)
			if tc.edited {
				if err := os.WriteFile(envExample, []byte(mine), 0o644); err != nil {
					t.Fatal(err)
				}
			}

			code, out := runCatalog(t, c, "update", dir, "--no-input")
			if code != 0 {
				t.Fatalf("update: exit %d\n%s", code, out)
			}
			if !tc.row.MatchString(out) {
				t.Errorf("the report has no row matching %q:\n%s", tc.row, out)
			}
			_, err = os.Stat(envExample)
			switch {
			case tc.edited && err != nil:
				t.Errorf("the user's edited .env.example is gone: %v", err)
			case tc.edited && readFile(t, envExample) != mine:
				t.Errorf(".env.example is not the user's any more:\n%s", readFile(t, envExample))
			case !tc.edited && !os.IsNotExist(err):
				t.Errorf(".env.example, unedited, is still there after the update (%v)", err)
			}
			if readme := readFile(t, filepath.Join(dir, "README.md")); strings.Contains(readme, ".env.example") {
				t.Errorf("README.md still points at .env.example:\n%s", readme)
			}
			if a, want := readFile(t, filepath.Join(dir, generator.AnswersFile)), "template_version: "+strconv.Itoa(current.TemplateVersion)+"\n"; !strings.Contains(a, want) {
				t.Errorf(".scaffold.yaml does not record %q:\n%s", want, a)
			}
		})
	}
}
