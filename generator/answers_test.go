package generator

import (
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/input"
)

// A bad answers file is reported on one line, naming the problem.
func TestParseAnswersErrorsAreOneLine(t *testing.T) {
	for _, tc := range []struct{ content, want string }{
		{"framework: gin\nname: demo\nno_such_key: 1\n", "line 3: field no_such_key not found"},
		{"framework: gin\nname: [a, b]\n", "line 2: cannot unmarshal"},
		{"{{{", "answers file"},
	} {
		_, err := ParseAnswers([]byte(tc.content))
		if err == nil || !input.Is(err) || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), tc.want) ||
			strings.Contains(err.Error(), "generator.") {
			t.Errorf("ParseAnswers(%q) = %v; want one line with %q, an input error, no Go type names", tc.content, err, tc.want)
		}
	}
}

// A hand-written answers file without versions gets no "written by
// scaffold  (this is ...)" note: there is nothing to compare.
func TestAnswersWarningWithoutVersions(t *testing.T) {
	m := &Manifest{TemplateVersion: 1}
	a := &Answers{Framework: "gin", Name: "demo"}
	if w := a.Warning(m); w != "" {
		t.Errorf("Warning() = %q for answers without versions; want none", w)
	}
	a = &Answers{Framework: "gin", Name: "demo", ScaffoldVersion: "0.0.1", TemplateVersion: 1}
	if w := a.Warning(m); !strings.Contains(w, "scaffold 0.0.1") || strings.Contains(w, "template version") {
		t.Errorf("Warning() = %q; want a note about scaffold 0.0.1 only", w)
	}
}

// A manifest with a mistyped key is reported on one line too (template
// authors see it through scaffold --templates).
func TestParseManifestYAMLErrorIsOneLine(t *testing.T) {
	_, err := ParseManifest([]byte("name: x\nno_such_key: 1\n"))
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "line 2: field no_such_key not found") {
		t.Errorf("ParseManifest = %v; want one line naming line 2 and the field", err)
	}
}
