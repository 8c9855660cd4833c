package names

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/input"
)

// relSuggestionRe finds the valid name an error offers: (try "x") or e.g. "x".
var relSuggestionRe = regexp.MustCompile(`(?:\(try |e\.g\. )("(?:[^"\\]|\\.)*")`)

// suggestion returns the name an error message suggests, if any.
func suggestedName(msg string) (string, bool) {
	m := relSuggestionRe.FindStringSubmatch(msg)
	if m == nil {
		return "", false
	}
	s, err := strconv.Unquote(m[1])
	if err != nil || strings.HasPrefix(s, "scaffold ") { // an example command, not a name
		return "", false
	}
	return s, true
}

// Every name CheckProjectName suggests must itself be accepted.
func TestProjectNameSuggestionsAreValid(t *testing.T) {
	for _, name := range []string{
		"con", "CON", "nul.txt", "NUL.tar.gz", "com1", "lpt9.log", "aux.", "prn.x",
		"a b", " lead", "trail ", "café", "-rf", "1app", "a..", "my app!", "ÄÖÜ x",
	} {
		err := CheckProjectName(name)
		if err == nil {
			t.Errorf("CheckProjectName(%q) accepted it", name)
			continue
		}
		if !input.Is(err) {
			t.Errorf("CheckProjectName(%q): %v is not an input error (exit 2)", name, err)
		}
		if s, ok := suggestedName(err.Error()); ok {
			if err := CheckProjectName(s); err != nil {
				t.Errorf("CheckProjectName(%q) suggests %q, which is refused too: %v", name, s, err)
			}
		}
	}
}

// nameRuleProbes are names that pass CheckProjectName but that some
// ecosystem refuses: case, dots, keywords, standard modules, constants.
var nameRuleProbes = []string{
	"Main", "main", "FMT", "Fmt", "fmt", "Net.Http", "my.app", "My_App", "MyApp", "a", "A",
	"x--y", "a__b", "a.b.c", "app.js", "Class", "class", "import", "Import", "os", "OS",
	"http", "Http", "crypto", "node_modules", "string", "String", "object", "Object",
	"kernel", "test", "Test", "application", "rails", "django", "flask", "public",
	"New", "null", "package", "true", "None", "self", "std", "internal", "vendor",
}

// Every rule of the name library refuses with an input error (exit 2), and
// a name it suggests is accepted by the same rule.
func TestRuleSuggestionsAreValid(t *testing.T) {
	for _, ruleName := range RuleNames() {
		rule := registry[ruleName]
		for _, name := range nameRuleProbes {
			if CheckProjectName(name) != nil {
				t.Fatalf("probe %q is not a valid project name; fix the list", name)
			}
			_, err := rule.Derive(name)
			if err == nil {
				continue
			}
			if !input.Is(err) {
				t.Errorf("rule %s refuses %q with %v, which is not an input error (exit 2)", ruleName, name, err)
			}
			s, ok := suggestedName(err.Error())
			if !ok {
				continue
			}
			// (Not necessarily a project name: a validator of option
			// values, like go-module, suggests values of its own kind.)
			if _, err := rule.Derive(s); err != nil {
				t.Errorf("rule %s suggests %q for %q, and then refuses it: %v", ruleName, s, name, err)
			}
		}
	}
}
