// Package names owns the naming rules of each ecosystem (npm, Go, Python,
// Ruby, PHP, Java): whether a project name or an option value is usable there,
// what to suggest when it is not, and the identifiers derived from it (a
// Python module, a Java package, a Rails constant). Manifests name the rules
// they apply; templates call the derivations through Funcs. It never reads
// manifests or renders templates.
package names

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// Rule validates a project name (or an option value) for one ecosystem and
// derives the identifiers that ecosystem needs from it. Manifests refer to
// rules by Name in `names:` (applied to the project name) and `validate:`
// (applied to an option's value).
type Rule struct {
	Name        string
	Description string
	// Derive returns the identifiers to add to .Names, or an input error that
	// says why the value cannot be used and, where one exists, a valid one.
	Derive func(value string) (map[string]string, error)
}

// registry is the name library; each ecosystem's file registers its rules.
var registry = map[string]Rule{}

// funcs are the name library's derivations, offered to templates.
var funcs = map[string]any{}

func register(r Rule) {
	if _, dup := registry[r.Name]; dup {
		panic("names: rule registered twice: " + r.Name) // a programming error, caught by any test
	}
	registry[r.Name] = r
}

func registerFuncs(fs map[string]any) {
	for k, f := range fs {
		if _, dup := funcs[k]; dup {
			panic("names: function registered twice: " + k)
		}
		funcs[k] = f
	}
}

// Lookup finds a rule by the name manifests use for it.
func Lookup(name string) (Rule, bool) {
	r, ok := registry[name]
	return r, ok
}

// RuleNames lists the rules in the library, sorted.
func RuleNames() []string {
	out := make([]string, 0, len(registry))
	for k := range registry {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Funcs returns the derivations templates may call (rubyConstant,
// javaPackage, ...), keyed by function name. The map is a copy.
func Funcs() map[string]any {
	out := make(map[string]any, len(funcs))
	for k, f := range funcs {
		out[k] = f
	}
	return out
}

// Every project name becomes a directory first: these limits hold for all
// frameworks before any ecosystem's own rule runs.
const maxProjectNameLen = 100

var (
	projectNameRe = lazyre.New(`^[A-Za-z][A-Za-z0-9._-]*$`)
	// Windows refuses these as file names, with or without an extension.
	windowsDeviceRe = lazyre.New(`(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$`)
)

// CheckProjectName applies the rules every project name must satisfy,
// whatever the framework: it will be a directory name and the seed of every
// identifier.
func CheckProjectName(name string) error {
	switch {
	case name == "":
		return input.Errorf("the project name is empty; give one, e.g. \"scaffold new myapp\"")
	case len(name) > maxProjectNameLen:
		return input.Errorf("project name is %d characters long; the limit is %d", len(name), maxProjectNameLen)
	case strings.ContainsAny(name, `/\`):
		return input.Errorf("project name %q contains a path separator; give a plain name and use --dir to choose where it goes", name)
	case !isProjectNameShape(name) || strings.HasSuffix(name, ".") || strings.HasSuffix(name, "-"):
		return refusal(offerTry, suggestProjectName(name),
			fmt.Sprintf("project name %q is not usable: start with a letter; use only ASCII letters, digits, '-', '_' and '.'; don't end with '.' or '-'", name))
	case isWindowsDeviceName(name):
		return refusal(offerExample, suggestNonDevice(name),
			fmt.Sprintf("project name %q is a reserved device name on Windows; choose another", name))
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
// "" when nothing sensible remains: common accented Latin letters become
// their ASCII letters (café -> cafe), every other run of unusable
// characters one '-'.
func suggestProjectName(name string) string {
	var b strings.Builder
	lastDash := false
	for _, r := range name {
		ascii, ok := latinASCII()[r]
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.'):
			b.WriteRune(r)
			lastDash = false
		case ok:
			b.WriteString(ascii)
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
	if windowsDeviceRe.MatchString(s) {
		s = suggestNonDevice(s)
	}
	if CheckProjectNameQuiet(s) {
		return s
	}
	return ""
}

// CheckProjectNameQuiet reports whether a name passes CheckProjectName.
func CheckProjectNameQuiet(name string) bool {
	return name != "" && len(name) <= maxProjectNameLen && isProjectNameShape(name) &&
		!strings.HasSuffix(name, ".") && !strings.HasSuffix(name, "-") && !isWindowsDeviceName(name)
}

// isProjectNameShape is projectNameRe.MatchString, written out: every run
// checks a name, and compiling the expression cost more than the check. The
// expression stays the definition (TestNameMatchersAgreeWithExpressions).
func isProjectNameShape(name string) bool {
	if name == "" || !isASCIILetter(name[0]) {
		return false
	}
	for i := 1; i < len(name); i++ {
		if c := name[i]; !isASCIILetter(c) && !isASCIIDigit(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// isWindowsDeviceName is windowsDeviceRe.MatchString for a name that has
// isProjectNameShape (ASCII, no line breaks): CON, PRN, AUX, NUL, COM0-9 or
// LPT0-9 in any case, alone or before a dot.
func isWindowsDeviceName(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	switch {
	case len(base) == 3:
		return strings.EqualFold(base, "con") || strings.EqualFold(base, "prn") ||
			strings.EqualFold(base, "aux") || strings.EqualFold(base, "nul")
	case len(base) == 4 && isASCIIDigit(base[3]):
		return strings.EqualFold(base[:3], "com") || strings.EqualFold(base[:3], "lpt")
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isASCIIDigit(c byte) bool  { return '0' <= c && c <= '9' }

// Derive applies the named rules to the project name and collects the
// identifiers they derive. The first failing rule's error is returned; a name
// it offers instead passes every one of rules (see settleOffer).
func Derive(name string, rules []string) (map[string]string, error) {
	names, err := derive(name, rules)
	if err != nil {
		return nil, settleOffer(err, rules)
	}
	return names, nil
}

// derive is Derive without settling the offer of a refusal.
func derive(name string, rules []string) (map[string]string, error) {
	if err := CheckProjectName(name); err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, ruleName := range rules {
		rule, ok := registry[ruleName]
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
