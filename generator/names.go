package generator

import (
	"fmt"
	"sort"
	"strings"
	"text/template"
	"unicode"
)

// NameRule validates a project name (or an option value) for one ecosystem and
// derives the identifiers that ecosystem needs from it. Manifests refer to
// rules by Name in `names:` (applied to the project name) and `validate:`
// (applied to an option's value).
type NameRule struct {
	Name        string
	Description string
	// Derive returns the identifiers to add to .Names, or an InputError that
	// says why the value cannot be used and, where one exists, a valid one.
	Derive func(value string) (map[string]string, error)
}

// nameRules is the name library; each ecosystem's file registers its rules.
var nameRules = map[string]NameRule{}

// nameFuncs are the name library's derivations, offered to templates.
var nameFuncs = template.FuncMap{}

func registerNameRule(r NameRule) {
	if _, dup := nameRules[r.Name]; dup {
		panic("generator: name rule registered twice: " + r.Name) // a programming error, caught by any test
	}
	nameRules[r.Name] = r
}

func registerNameFuncs(funcs template.FuncMap) {
	for k, f := range funcs {
		if _, dup := nameFuncs[k]; dup {
			panic("generator: name function registered twice: " + k)
		}
		nameFuncs[k] = f
	}
}

// NameRuleNames lists the rules in the library, sorted.
func NameRuleNames() []string {
	out := make([]string, 0, len(nameRules))
	for k := range nameRules {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Every project name becomes a directory first: these limits hold for all
// frameworks before any ecosystem's own rule runs.
const maxProjectNameLen = 100

var (
	projectNameRe = lazyRE(`^[A-Za-z][A-Za-z0-9._-]*$`)
	// Windows refuses these as file names, with or without an extension.
	windowsDeviceRe = lazyRE(`(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$`)
)

// CheckProjectName applies the rules every project name must satisfy,
// whatever the framework: it will be a directory name and the seed of every
// identifier.
func CheckProjectName(name string) error {
	switch {
	case name == "":
		return Inputf("the project name is empty; give one, e.g. \"scaffold new myapp\"")
	case len(name) > maxProjectNameLen:
		return Inputf("project name is %d characters long; the limit is %d", len(name), maxProjectNameLen)
	case strings.ContainsAny(name, `/\`):
		return Inputf("project name %q contains a path separator; give a plain name and use --dir to choose where it goes", name)
	case !projectNameRe.MatchString(name) || strings.HasSuffix(name, ".") || strings.HasSuffix(name, "-"):
		msg := fmt.Sprintf("project name %q is not usable: start with a letter; use only ASCII letters, digits, '-', '_' and '.'; don't end with '.' or '-'", name)
		if s := suggestProjectName(name); s != "" {
			msg += fmt.Sprintf(" (try %q)", s)
		}
		return Inputf("%s", msg)
	case windowsDeviceRe.MatchString(name):
		msg := fmt.Sprintf("project name %q is a reserved device name on Windows", name)
		if s := suggestNonDevice(name); s != "" {
			msg += fmt.Sprintf("; choose another, e.g. %q", s)
		}
		return Inputf("%s", msg)
	}
	return nil
}

// suggestNonDevice turns "nul.txt" into "nul-app.txt": Windows reserves the
// device name whatever the extension, so the suffix goes before the dot.
func suggestNonDevice(name string) string {
	m := windowsDeviceRe.FindStringSubmatch(name)
	if m == nil {
		return ""
	}
	s := m[1] + "-app" + strings.TrimRight(m[2], ".")
	if !CheckProjectNameQuiet(s) {
		return ""
	}
	return s
}

// suggestProjectName turns an unusable name into the nearest usable one, or
// "" when nothing sensible remains.
func suggestProjectName(name string) string {
	var b strings.Builder
	lastDash := false
	for _, r := range name {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.'):
			b.WriteRune(r)
			lastDash = false
		case !lastDash:
			b.WriteByte('-')
			lastDash = true
		}
	}
	s := strings.TrimLeft(b.String(), "-_.0123456789")
	s = strings.TrimRight(s, "-.")
	if len(s) > maxProjectNameLen {
		s = strings.TrimRight(s[:maxProjectNameLen], "-.")
	}
	if CheckProjectNameQuiet(s) {
		return s
	}
	return ""
}

// CheckProjectNameQuiet reports whether a name passes CheckProjectName.
func CheckProjectNameQuiet(name string) bool {
	return name != "" && len(name) <= maxProjectNameLen && projectNameRe.MatchString(name) &&
		!strings.HasSuffix(name, ".") && !strings.HasSuffix(name, "-") && !windowsDeviceRe.MatchString(name)
}

// DeriveNames applies the named rules to the project name and collects the
// identifiers they derive. The first failing rule's error is returned.
func DeriveNames(name string, rules []string) (map[string]string, error) {
	if err := CheckProjectName(name); err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, ruleName := range rules {
		rule, ok := nameRules[ruleName]
		if !ok {
			return nil, fmt.Errorf("unknown name rule %q", ruleName)
		}
		derived, err := rule.Derive(name)
		if err != nil {
			return nil, err
		}
		for k, v := range derived {
			names[k] = v
		}
	}
	return names, nil
}
