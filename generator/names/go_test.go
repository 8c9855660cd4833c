package names

import (
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/input"
)

func TestCheckProjectName(t *testing.T) {
	good := []string{"demo", "my-app", "my_app", "App2", "a.b"}
	for _, n := range good {
		if err := CheckProjectName(n); err != nil {
			t.Errorf("CheckProjectName(%q) = %v", n, err)
		}
	}
	bad := map[string]string{
		"":                       "empty",
		".":                      "not usable",
		"..":                     "not usable",
		"../x":                   "path separator",
		"a/b":                    "path separator",
		`a\b`:                    "path separator",
		"/abs":                   "path separator",
		"-rf":                    `(try "rf")`,
		"my app":                 `(try "my-app")`,
		"tab\tname":              "not usable",
		"café":                   `(try "cafe")`,
		"2fast":                  `(try "fast")`,
		"ends-":                  "don't end with",
		"con":                    "reserved device name",
		"LPT1.txt":               "reserved device name",
		strings.Repeat("a", 101): "the limit is 100",
	}
	for n, want := range bad {
		err := CheckProjectName(n)
		if err == nil || !strings.Contains(err.Error(), want) || !input.Is(err) {
			t.Errorf("CheckProjectName(%q) = %v, want an input error containing %q", n, err, want)
		}
	}
}

func TestGoNames(t *testing.T) {
	names, err := Derive("my-api", []string{"go-package"})
	if err != nil {
		t.Fatal(err)
	}
	if names["go_command"] != "my-api" || names["go_module"] != "example.com/my-api" {
		t.Errorf("names = %v", names)
	}
	for n, want := range map[string]string{
		"MyAPI": `(try "myapi")`,
		"fmt":   "standard-library",
		"main":  "standard-library",
		"a.b":   `(try "a-b")`,
	} {
		_, err := Derive(n, []string{"go-package"})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Derive(%q) = %v, want %q", n, err, want)
		}
	}
}

func TestCheckGoModulePath(t *testing.T) {
	for _, p := range []string{"example.com/demo", "github.com/acme/demo-api", "myapp", "gitlab.com/a/b/v2"} {
		if err := CheckGoModulePath(p); err != nil {
			t.Errorf("CheckGoModulePath(%q) = %v", p, err)
		}
	}
	for p, want := range map[string]string{
		"fmt":                "shadows the standard library",
		"net/http/x":         "shadows the standard library",
		"github.com//x":      "not a valid Go module path",
		"-bad":               "not a valid Go module path",
		"example.com/x/":     "not a valid Go module path",
		"example.com/a b":    "not a valid Go module path",
		"example.com/con":    "not a valid Go module path",
		"example.com/x.":     "not a valid Go module path",
		"example.com/../etc": "not a valid Go module path",
	} {
		err := CheckGoModulePath(p)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckGoModulePath(%q) = %v, want %q", p, err, want)
		}
	}
}
