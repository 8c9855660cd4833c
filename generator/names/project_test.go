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

// trickyNames are names some rule refuses and where the obvious repair is
// refused by another: device names, capitals, dots, accents, keywords.
var trickyNames = []string{
	"CON", "con", "Con.txt", "lpt1.txt", "LPT1.TXT", "nul.tar.gz", "COM1", "aux-", "prn.", "Aux_",
	"café", "Café", "CAFÉ", "naïve app", "Ærø", "straße", "Łódź", "smørrebrød", "þing", "œuvre",
	"crème brûlée", "1café", "é", "ß", "-con", "9lpt1.txt", "con!", "名前", "a\u0301b",
	"Main", "FMT", "Net.Http", "my.app", "app.js", "String", "Object", "Class", "class",
	"import", "Import", "os", "OS", "Http", "node_modules", "test", "Test", "application",
	"My App", "my app!", "1abc", "a..b", "x--y", "a__b", "_app", ".hidden", "app-", "app.",
	"django", "flask", "rails", "True", "None", "self", "std", "internal", "vendor",
	strings.Repeat("é", 60), strings.Repeat("Ab.", 40), strings.Repeat("x", 99) + "é",
}

// valueRules validate option values (a module path, a package), not project
// names: what they suggest is a value of their own kind.
var valueRules = map[string]bool{
	"go-module": true, "npm-name": true, "composer-name": true, "java-package": true,
	"maven-group-id": true, "maven-artifact-id": true,
}

// Every name Derive offers for a refused one passes CheckProjectName and
// the same rules: "CON" with Go's rule offers "con-app", not "CON-app".
func TestDeriveOffersAreValid(t *testing.T) {
	ruleSets := [][]string{nil}
	for _, r := range RuleNames() {
		if !valueRules[r] {
			ruleSets = append(ruleSets, []string{r})
		}
	}
	offered := 0
	for _, rules := range ruleSets {
		for _, name := range trickyNames {
			_, err := Derive(name, rules)
			if err == nil {
				continue
			}
			s, ok := suggestedName(err.Error())
			if got := SuggestProjectName(name, rules); got != s && ok {
				t.Errorf("rules %v, %q: SuggestProjectName = %q, the message offers %q", rules, name, got, s)
			}
			if !ok {
				continue
			}
			offered++
			if err := CheckProjectName(s); err != nil {
				t.Errorf("rules %v refuse %q and offer %q, which CheckProjectName refuses: %v", rules, name, s, err)
			}
			if _, err := Derive(s, rules); err != nil {
				t.Errorf("rules %v refuse %q and offer %q, which they refuse too: %v", rules, name, s, err)
			}
		}
	}
	if offered < len(trickyNames) {
		t.Errorf("only %d offers in %d refusals: the table no longer exercises the offers", offered, len(ruleSets)*len(trickyNames))
	}
}

func TestDeriveOffers(t *testing.T) {
	tests := []struct {
		name  string
		rules []string
		want  string
	}{
		{"CON", nil, "CON-app"},
		{"CON", []string{"go-package"}, "con-app"},
		{"lpt1.txt", nil, "lpt1-app.txt"},
		{"lpt1.txt", []string{"go-package"}, "lpt1-app-txt"},
		{"lpt1.txt", []string{"django-project"}, "lpt1-app.txt"}, // package lpt1_app_txt
		{"café", nil, "cafe"},
		{"café", []string{"go-package"}, "cafe"},
		{"Crème Brûlée", nil, "Creme-Brulee"},
		{"Crème Brûlée", []string{"go-package"}, "creme-brulee"},
		{"straße", nil, "strasse"},
		{"Ærø", nil, "AEro"},
		{"Łódź", []string{"npm-package"}, "Lodz"}, // package.json name lodz
		{"con!", nil, "con-app"},
		{"名前", nil, ""},
	}
	for _, tt := range tests {
		if got := SuggestProjectName(tt.name, tt.rules); got != tt.want {
			t.Errorf("SuggestProjectName(%q, %v) = %q, want %q", tt.name, tt.rules, got, tt.want)
		}
	}
}
