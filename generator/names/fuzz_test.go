package names

// FuzzProjectName defends the first line of the path invariant: a project
// name becomes the target directory, so whatever is accepted must be one
// plain, portable path element. Seeds are in testdata/fuzz/FuzzProjectName/.

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/tree"
)

// checkPortableName fails unless name is a path the writer may use.
func checkPortableName(t *testing.T, name string) {
	t.Helper()
	if err := tree.CheckLocal(name); err != nil {
		t.Fatalf("accepted name %q is refused by tree.CheckLocal: %v", name, err)
	}
	if !filepath.IsLocal(name) || filepath.Clean(name) != name {
		t.Fatalf("accepted name %q is not a clean local path", name)
	}
}

// FuzzProjectName checks name derivation on any string: what CheckProjectName
// accepts is one plain, portable path element; what it refuses is an input
// error (exit 2) whose suggestion is accepted; every name rule
// refuses at least what CheckProjectName refuses, with input errors; the
// name Derive offers passes the rule it was offered for; and a rule that
// suggests a name accepts its suggestion.
func FuzzProjectName(f *testing.F) {
	f.Add("my-app")
	f.Add("..")
	f.Fuzz(func(t *testing.T, name string) {
		err := CheckProjectName(name)
		if (err == nil) != CheckProjectNameQuiet(name) {
			t.Fatalf("CheckProjectName(%q) = %v but CheckProjectNameQuiet says %v", name, err, CheckProjectNameQuiet(name))
		}
		if err == nil {
			checkPortableName(t, name)
			if strings.Contains(name, "/") || len(name) > maxProjectNameLen || !utf8.ValidString(name) ||
				strings.ContainsFunc(name, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
				t.Fatalf("CheckProjectName accepted %q", name)
			}
		} else {
			if !input.Is(err) {
				t.Fatalf("CheckProjectName(%q): %v is not an input error", name, err)
			}
			if s, ok := suggestedName(err.Error()); ok && CheckProjectName(s) != nil {
				t.Fatalf("CheckProjectName(%q) suggests %q, which it refuses: %v", name, s, CheckProjectName(s))
			}
		}
		for _, ruleName := range RuleNames() {
			_, derr := Derive(name, []string{ruleName})
			switch {
			case err != nil && derr == nil:
				t.Fatalf("rule %s accepts %q, which CheckProjectName refuses", ruleName, name)
			case derr != nil && !input.Is(derr):
				t.Fatalf("rule %s refuses %q with %v, not an input error (exit 2)", ruleName, name, derr)
			}
			// A project name Derive offers passes the same rule and CheckProjectName.
			if s := SuggestProjectName(name, []string{ruleName}); s != "" && !valueRules[ruleName] {
				if _, serr := Derive(s, []string{ruleName}); serr != nil {
					t.Fatalf("rule %s refuses %q, offers %q, then refuses that: %v", ruleName, name, s, serr)
				}
			}
		}
		if err != nil {
			return
		}
		for _, ruleName := range RuleNames() {
			rule, _ := Lookup(ruleName)
			_, rerr := rule.Derive(name)
			if rerr == nil {
				continue
			}
			if !input.Is(rerr) {
				t.Fatalf("rule %s refuses %q with %v, not an input error (exit 2)", ruleName, name, rerr)
			}
			if s, ok := suggestedName(rerr.Error()); ok {
				if _, serr := rule.Derive(s); serr != nil {
					t.Fatalf("rule %s suggests %q for %q, then refuses it: %v", ruleName, s, name, serr)
				}
			}
		}
	})
}
