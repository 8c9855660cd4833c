package names

import (
	"fmt"
	"strings"
	"sync"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// npm's rules for a package.json name, as validate-npm-package-name checks
// them for a new package. Its warning for Node.js core module names is an
// error here: `require("http")` would never reach such a package.

const maxNpmNameLen = 214

// npmCoreModules are Node.js's built-in modules (module.builtinModules of
// Node 20, without the internal "_" ones and the "x/y" sub-paths).
var npmCoreModules = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"assert": true, "async_hooks": true, "buffer": true, "child_process": true, "cluster": true,
		"console": true, "constants": true, "crypto": true, "dgram": true, "diagnostics_channel": true,
		"dns": true, "domain": true, "events": true, "fs": true, "http": true, "http2": true,
		"https": true, "inspector": true, "module": true, "net": true, "os": true, "path": true,
		"perf_hooks": true, "process": true, "punycode": true, "querystring": true, "readline": true,
		"repl": true, "stream": true, "string_decoder": true, "sys": true, "timers": true, "tls": true,
		"trace_events": true, "tty": true, "url": true, "util": true, "v8": true, "vm": true,
		"wasi": true, "worker_threads": true, "zlib": true,
	}
})

// npmBlocked are names npm refuses outright.
var npmBlocked = map[string]bool{"node_modules": true, "favicon.ico": true}

// npmUnsafeRe finds runs of what npm refuses in a lower-case name: anything
// encodeURIComponent would escape, plus ~'!()*, which it keeps but npm bans.
var npmUnsafeRe = lazyre.New(`[^a-z0-9._-]+`)

func init() {
	register(Rule{
		Name:        "npm-package",
		Description: "npm: the project name, lower-cased, becomes the package.json name; it must then pass npm's rules (URL-safe, at most 214 characters, no leading '.', '_' or '-', not a Node.js core module)",
		Derive:      deriveNpmNames,
	})
	register(Rule{
		Name:        "npm-name",
		Description: "an npm package name (optionally @scope/name), exactly as npm's rules allow it",
		Derive: func(v string) (map[string]string, error) {
			return nil, CheckNpmName(v)
		},
	})
	registerFuncs(map[string]any{
		// npmName is the package.json name derived from a project name.
		"npmName": func(name string) (string, error) {
			names, err := deriveNpmNames(name)
			if err != nil {
				return "", err
			}
			return names["npm_package"], nil
		},
	})
}

// deriveNpmNames lower-cases the project name, as express-generator does (npm
// refuses capitals in new names), and refuses what npm would still refuse.
func deriveNpmNames(name string) (map[string]string, error) {
	pkg := strings.ToLower(name)
	if err := CheckNpmName(pkg); err != nil {
		return nil, err
	}
	return map[string]string{"npm_package": pkg}, nil
}

// CheckNpmName reports why name cannot be an npm package name, or nil.
func CheckNpmName(name string) error {
	if name == "" {
		return input.Errorf("the npm package name is empty")
	}
	if scope, pkg, scoped := strings.Cut(name, "/"); scoped && strings.HasPrefix(scope, "@") {
		if err := checkNpmPart(name, scope[1:], "scope"); err != nil {
			return err
		}
		return checkNpmPart(name, pkg, "name")
	}
	return checkNpmPart(name, name, "name")
}

// checkNpmPart checks the scope or the name part of a package name; full is
// the whole name, for the message.
func checkNpmPart(full, part, what string) error {
	refuse := func(reason string) error {
		s := suggestNpmName(full)
		if s == full {
			s = ""
		}
		return refusal(offerTry, s, fmt.Sprintf("%q is not a valid npm package name: %s", full, reason))
	}
	switch {
	case part == "":
		return refuse(fmt.Sprintf("the %s part is empty", what))
	case len(full) > maxNpmNameLen:
		return refuse(fmt.Sprintf("it is %d characters long; npm allows %d", len(full), maxNpmNameLen))
	case strings.TrimSpace(full) != full:
		return refuse("it has leading or trailing spaces")
	case strings.ContainsAny(part[:1], "._-"):
		return refuse(fmt.Sprintf("it must not start with %q", part[:1]))
	case strings.ToLower(part) != part:
		return refuse("npm allows only lower-case letters in new package names")
	case strings.ContainsAny(part, "~'!()*"):
		return refuse("it contains one of ~'!()*, which npm refuses")
	case !isNpmSafe(part):
		return refuse("it must be URL-safe: use lower-case letters, digits, '-', '_' and '.'")
	case npmBlocked[full]:
		return refuse("npm reserves that name")
	case npmCoreModules()[full]:
		return refuse("it is the name of a Node.js core module")
	}
	return nil
}

// suggestNpmName turns a name into the nearest valid one the way
// express-generator sanitizes a directory name, or "" when nothing is left.
func suggestNpmName(name string) string {
	s := npmUnsafeRe.ReplaceAllString(strings.ToLower(name), "-")
	s = strings.TrimLeft(s, "-_.")
	s = strings.TrimRight(s, "-")
	if len(s) > maxNpmNameLen {
		s = strings.TrimRight(s[:maxNpmNameLen], "-")
	}
	if npmCoreModules()[s] || npmBlocked[s] {
		s = strings.ReplaceAll(s, ".", "-") + "-app"
	}
	// The suggestion is built to pass every rule; an empty one means nothing
	// usable was left.
	return s
}

// isNpmSafe is !npmUnsafeRe.MatchString(part), written out (see
// isProjectNameShape): lower-case ASCII letters, digits, '.', '_' and '-'.
func isNpmSafe(part string) bool {
	for i := 0; i < len(part); i++ {
		if c := part[i]; !('a' <= c && c <= 'z') && !isASCIIDigit(c) && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}
