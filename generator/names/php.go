package names

import (
	"fmt"
	"strings"

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
	if !laravelNameRe.MatchString(name) || name == "." || name == ".." {
		return nil, input.Errorf("%q is not a valid Laravel project name: use only letters, digits, '-', '_' and '.'", name)
	}
	pkg := strings.ToLower(name)
	if !composerPackageRe.MatchString(pkg) {
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
	if !ok || !composerNameRe.MatchString(name) {
		lower := strings.ToLower(name)
		hint := ""
		if lower != name && composerNameRe.MatchString(lower) {
			hint = " (try " + phpQuote(lower) + ")"
		}
		return input.Errorf("%q is not a valid Composer package name: use vendor/package in lower-case letters and digits, separated by '-', '_' or '.'%s", name, hint)
	}
	for _, part := range []string{vendor, pkg} {
		if composerReservedRe.MatchString(part) {
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
