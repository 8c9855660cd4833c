package names

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/scaffold-cli/scaffold/generator/input"

	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// PHP's rules. The Laravel installer (laravel/installer NewCommand) refuses a
// project name with anything but letters, digits, '-', '_' and '.'
// (/[^\pL\pN\-_.]/), and derives the database name as strtolower(name) with '-'
// turned into '_'. Composer's schema (getcomposer.org/doc/04-schema.md#name)
// wants a lower-case "vendor/package", and Composer's validator refuses Windows
// device names for either part.

var (
	laravelNameRe = lazyre.New(`^[\p{L}\p{N}._-]+$`)
	// composerPackageRe is the package half of Composer's name pattern.
	composerPackageRe = lazyre.New(`^[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$`)
	// composerNameRe is Composer's schema pattern for "name".
	composerNameRe = lazyre.New(`^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$`)
	// composerReservedRe is what Composer's ValidatingArrayLoader refuses as a
	// vendor or package name: Windows device names.
	composerReservedRe = lazyre.New(`^(nul|con|prn|aux|com[1-9]|lpt[1-9])$`)
	composerSepRunRe   = lazyre.New(`[^a-z0-9]+`)
)

func init() {
	register(Rule{
		Name:        "laravel-app",
		Description: "Laravel: the installer's name rule, a Composer package name (lower-cased) and the database name",
		Derive:      deriveLaravelNames,
	})
	register(Rule{
		Name:        "composer-name",
		Description: "Composer package name: vendor/package, lower-case, as Composer's schema and validator require",
		Derive: func(v string) (map[string]string, error) {
			return nil, CheckComposerName(v)
		},
	})
	registerFuncs(map[string]any{
		"composerPackage": func(name string) string { return strings.ToLower(name) },
	})
}

func deriveLaravelNames(name string) (map[string]string, error) {
	if !isLaravelName(name) || name == "." || name == ".." {
		return nil, input.Errorf("%q is not a valid Laravel project name: use only letters, digits, '-', '_' and '.'", name)
	}
	pkg := strings.ToLower(name)
	if !isComposerPackage(pkg) {
		return nil, refusal(offerTry, suggestComposerPackage(pkg),
			fmt.Sprintf("%q does not make a valid Composer package name (%q): separate letters and digits with single '_' or '.', or with '-' or '--'", name, pkg))
	}
	return map[string]string{
		"composer_package": pkg,
		"laravel_database": strings.ReplaceAll(pkg, "-", "_"),
	}, nil
}

// CheckComposerName reports why name cannot be a composer.json "name", or nil.
func CheckComposerName(name string) error {
	vendor, pkg, ok := strings.Cut(name, "/")
	if !ok || !isComposerName(name) {
		lower := strings.ToLower(name)
		hint := ""
		if lower != name && composerNameRe.MatchString(lower) {
			hint = " (try " + phpQuote(lower) + ")"
		}
		return input.Errorf("%q is not a valid Composer package name: use vendor/package in lower-case letters and digits, separated by '-', '_' or '.'%s", name, hint)
	}
	for _, part := range []string{vendor, pkg} {
		if isComposerReserved(part) {
			return input.Errorf("Composer package name %q uses %q, a reserved Windows device name", name, part)
		}
	}
	return nil
}

// suggestComposerPackage proposes the nearest valid package name, or "".
func suggestComposerPackage(pkg string) string {
	s := strings.Trim(composerSepRunRe.ReplaceAllString(pkg, "-"), "-")
	if s == "" || !composerPackageRe.MatchString(s) {
		return ""
	}
	return s
}

func phpQuote(s string) string { return `"` + s + `"` }

// The checks every Laravel run makes, written out (see isProjectNameShape);
// the expressions above stay their definition, compared in
// TestNameMatchersAgreeWithExpressions and FuzzNameMatchers.

// isLaravelName is laravelNameRe.MatchString: letters and digits of any
// script, '.', '_' and '-'.
func isLaravelName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '.' && r != '_' && r != '-' {
			return false
		}
	}
	return true
}

// isComposerPackage is composerPackageRe.MatchString: runs of lower-case
// letters and digits joined by '_', '.', '-' or "--".
func isComposerPackage(s string) bool {
	return composerWords(s, func(sep string) bool { return sep == "_" || sep == "." || sep == "-" || sep == "--" })
}

// isComposerName is composerNameRe.MatchString: vendor/package, the vendor's
// words joined by one '_', '.' or '-'.
func isComposerName(s string) bool {
	vendor, pkg, ok := strings.Cut(s, "/")
	return ok && isComposerPackage(pkg) &&
		composerWords(vendor, func(sep string) bool { return len(sep) == 1 })
}

// composerWords reports whether s is words of [a-z0-9] separated by runs of
// '_', '.' and '-' that sepOK accepts, starting and ending with a word.
func composerWords(s string, sepOK func(string) bool) bool {
	if s == "" {
		return false
	}
	start := -1 // where the current separator run began
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || isASCIIDigit(c):
			if start >= 0 {
				if start == 0 || !sepOK(s[start:i]) {
					return false
				}
				start = -1
			}
		case c == '_' || c == '.' || c == '-':
			if start < 0 {
				start = i
			}
		default:
			return false
		}
	}
	return start < 0
}

// isComposerReserved is composerReservedRe.MatchString.
func isComposerReserved(s string) bool {
	switch s {
	case "nul", "con", "prn", "aux":
		return true
	}
	return len(s) == 4 && (s[:3] == "com" || s[:3] == "lpt") && '1' <= s[3] && s[3] <= '9'
}
