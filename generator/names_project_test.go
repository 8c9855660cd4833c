package generator

import (
	"regexp"
	"strconv"
	"testing"
)

// suggestionRe finds the valid name an error offers: (try "x") or e.g. "x".
var suggestionRe = regexp.MustCompile(`(?:\(try |e\.g\. )("(?:[^"\\]|\\.)*")`)

// suggestion returns the name an error message suggests, if any.
func suggestion(msg string) (string, bool) {
	m := suggestionRe.FindStringSubmatch(msg)
	if m == nil {
		return "", false
	}
	s, err := strconv.Unquote(m[1])
	return s, err == nil
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
		if !IsInputError(err) {
			t.Errorf("CheckProjectName(%q): %v is not an input error (exit 2)", name, err)
		}
		if s, ok := suggestion(err.Error()); ok {
			if err := CheckProjectName(s); err != nil {
				t.Errorf("CheckProjectName(%q) suggests %q, which is refused too: %v", name, s, err)
			}
		}
	}
}
