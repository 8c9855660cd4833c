package names

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// Java's rules, as Spring Initializr applies them (spring-io/initializr,
// InitializrConfiguration: cleanPackageName, generateApplicationName), with
// three rules of this project's own where a derived package is concerned
// (docs/frameworks/spring-boot.md lists them): '-' becomes '_' (my-app ->
// com.example.my_app, as JLS §6.1 suggests for hyphens) where Initializr
// drops it; the package is lower-cased (JLS §6.1's convention; Initializr
// keeps String as com.example.String); and a group that cannot start a Java
// package is refused, where Initializr silently falls back to com.example.demo.

// DefaultJavaPackage is Initializr's default package: the fallback when no valid
// package can be derived from a group and artifact.
const DefaultJavaPackage = "com.example.demo"

// DefaultJavaApplicationClass is Initializr's fallback main class name.
const DefaultJavaApplicationClass = "Application"

// javaKeywords are the reserved words and literals no identifier may be
// (javax.lang.model.SourceVersion.isKeyword for current Java; "_" since Java 9).
var javaKeywords = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"abstract": true, "assert": true, "boolean": true, "break": true, "byte": true, "case": true,
		"catch": true, "char": true, "class": true, "const": true, "continue": true, "default": true,
		"do": true, "double": true, "else": true, "enum": true, "extends": true, "final": true,
		"finally": true, "float": true, "for": true, "goto": true, "if": true, "implements": true,
		"import": true, "instanceof": true, "int": true, "interface": true, "long": true, "native": true,
		"new": true, "package": true, "private": true, "protected": true, "public": true, "return": true,
		"short": true, "static": true, "strictfp": true, "super": true, "switch": true,
		"synchronized": true, "this": true, "throw": true, "throws": true, "transient": true, "try": true,
		"void": true, "volatile": true, "while": true,
		"true": true, "false": true, "null": true, "_": true,
	}
})

// Initializr refuses these main class names: they clash with Spring's own.
var invalidJavaApplicationClasses = map[string]bool{"SpringApplication": true, "SpringBootApplication": true}

var (
	// Maven's id pattern (DefaultModelValidator): groupId and artifactId.
	mavenIDRe = lazyre.New(`^[A-Za-z0-9_.-]+$`)
	// Maven's id pattern, as a message says it.
	mavenIDChars = "letters, digits, '_', '-' and '.'"
	// Java's \W: anything but an ASCII letter, digit or '_'.
	nonJavaWordRe = lazyre.New(`[^A-Za-z0-9_]+`)
	leadingDigits = lazyre.New(`^[0-9]+`)
	wordSepRe     = lazyre.New(`[_\- :]+`)
)

func init() {
	register(Rule{
		Name:        "java",
		Description: "Java/Maven: the project name gives the default artifactId and the main class (my-app -> MyAppApplication)",
		Derive:      deriveJavaNames,
	})
	register(Rule{
		Name:        "java-package",
		Description: "Java package: dot-separated identifiers, no keywords, not under java.* or org.springframework",
		Derive: func(v string) (map[string]string, error) {
			return nil, CheckJavaPackage(v)
		},
	})
	register(Rule{
		Name:        "maven-group-id",
		Description: "Maven groupId that starts the Java package: dot-separated names of letters, digits, '_' and '-', each starting with a letter or '_', no Java keyword, not java.*",
		Derive: func(v string) (map[string]string, error) {
			if err := checkMavenID("groupId", v); err != nil {
				return nil, err
			}
			return nil, CheckJavaGroup(v)
		},
	})
	register(Rule{
		Name:        "maven-artifact-id",
		Description: "Maven artifactId: letters, digits, '_', '-' and '.'",
		Derive: func(v string) (map[string]string, error) {
			return nil, checkMavenID("artifactId", v)
		},
	})
	registerFuncs(map[string]any{
		// javaPackage "com.example" "my-app" -> "com.example.my_app"
		"javaPackage": func(parts ...string) string { return JavaPackage(strings.Join(nonEmpty(parts), ".")) },
		// javaApplicationClass "my-app" -> "MyAppApplication"
		"javaApplicationClass": JavaApplicationClass,
	})
}

func deriveJavaNames(name string) (map[string]string, error) {
	if err := checkMavenID("artifactId", name); err != nil {
		return nil, err
	}
	return map[string]string{
		"maven_artifact":         name,
		"java_package":           JavaPackage("com.example." + name),
		"java_application_class": JavaApplicationClass(name),
	}, nil
}

func checkMavenID(what, id string) error {
	if !mavenIDRe.MatchString(id) {
		return input.Errorf("%q is not a valid Maven %s: use only %s", id, what, mavenIDChars)
	}
	return nil
}

// JavaPackage derives a package from a candidate (GROUP.ARTIFACT) the way
// Initializr cleans one, with this project's differences: the candidate is
// lower-cased, '-' becomes '_' (Initializr drops it), any other run of
// non-word characters separates segments, a segment's leading digits are
// dropped (as Initializr does), and a segment of digits only is dropped
// whole (Initializr glues its last digit to the segment before:
// com.example.123 -> com.example3). When the result is still not a usable
// package (empty, a keyword segment, java.*, org.springframework), it falls
// back to DefaultJavaPackage, as Initializr does.
func JavaPackage(candidate string) string {
	s := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(candidate)), "-", "_")
	var segments []string
	for _, seg := range nonJavaWordRe.Split(s, -1) {
		if seg = leadingDigits.ReplaceAllString(seg, ""); seg != "" {
			segments = append(segments, seg)
		}
	}
	pkg := strings.Join(segments, ".")
	if javaPackageProblem(pkg) != "" {
		return DefaultJavaPackage
	}
	return pkg
}

// CheckJavaGroup reports why a Maven groupId cannot start the Java package
// derived from it (com.example -> com.example.demo), or nil. Its segments,
// '-' read as '_', must be Java identifiers and no keyword, and it must not
// be under java.*. Initializr would clean such a group silently into its
// default package; scaffold refuses it and says what would do.
func CheckJavaGroup(group string) error {
	problem := javaSegmentsProblem(strings.ReplaceAll(group, "-", "_"))
	if problem == "" {
		return nil
	}
	offer := ""
	var kept []string
	for _, seg := range strings.Split(group, ".") {
		if seg = leadingDigits.ReplaceAllString(seg, ""); seg != "" {
			kept = append(kept, seg)
		}
	}
	if s := strings.Join(kept, "."); s != group && javaSegmentsProblem(strings.ReplaceAll(s, "-", "_")) == "" {
		offer = s
	}
	return refusal(offerTry, offer, fmt.Sprintf("groupId %q cannot start the Java package: %s; a groupId here is "+
		"dot-separated names of letters, digits, '_' and '-', each starting with a letter or '_', none a Java keyword, "+
		"not under java.*, such as \"com.example\" or \"io.github.my-org\"", group, problem))
}

// CheckJavaPackage reports why pkg cannot be a Java package, or nil. It does
// not clean: a package the user gives is used as given or refused.
func CheckJavaPackage(pkg string) error {
	problem := javaPackageProblem(pkg)
	if problem == "" {
		return nil
	}
	msg := fmt.Sprintf("%q is not a usable Java package: %s", pkg, problem)
	if s := JavaPackage(pkg); s != DefaultJavaPackage {
		msg += fmt.Sprintf(" (try %q)", s)
	}
	return input.Errorf("%s", msg)
}

// javaPackageProblem says what is wrong with pkg, or "" when it is usable.
func javaPackageProblem(pkg string) string {
	if problem := javaSegmentsProblem(pkg); problem != "" {
		return problem
	}
	if pkg == "org.springframework" {
		return "it is Spring's own package"
	}
	return ""
}

// javaSegmentsProblem says what is wrong with pkg as the start of a package:
// a segment that is no identifier or a keyword, or java.*; "" when none.
func javaSegmentsProblem(pkg string) string {
	if pkg == "" {
		return "it is empty"
	}
	segments := strings.Split(pkg, ".")
	for _, seg := range segments {
		switch {
		case seg == "":
			return "it has an empty segment (a leading, trailing or doubled '.')"
		case javaKeywords()[seg]:
			return fmt.Sprintf("%q is a Java keyword", seg)
		case !isJavaIdentifier(seg):
			return fmt.Sprintf("%q is not a Java identifier (start with a letter or '_'; then letters, digits, '_')", seg)
		}
	}
	if segments[0] == "java" {
		return "the JVM refuses application classes in java.*"
	}
	return ""
}

// JavaApplicationClass derives the main class name from a project name, as
// Initializr's generateApplicationName does: split camelCase and the
// separators _ - space :, capitalize and join the words, append
// "Application" unless it is already there. When the result is not a Java
// identifier, or clashes with Spring's own classes, it is "Application".
func JavaApplicationClass(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return DefaultJavaApplicationClass
	}
	var b strings.Builder
	for _, word := range wordSepRe.Split(splitCamelCase(name), -1) {
		b.WriteString(capitalize(word))
	}
	result := b.String()
	if !strings.HasSuffix(result, "Application") {
		result += "Application"
	}
	result = capitalize(result)
	if !isJavaIdentifier(result) || invalidJavaApplicationClasses[result] {
		return DefaultJavaApplicationClass
	}
	return result
}

// splitCamelCase lower-cases every camelCase word and capitalizes it:
// "myHTTPServer" -> "MyHttpServer". A word starts at an upper-case letter
// that follows a non-upper-case one, or at an upper-case letter followed by
// a lower-case one ("HTTPServer" -> "HTTP", "Server").
func splitCamelCase(s string) string {
	rs := []rune(s)
	var b strings.Builder
	start := 0
	flush := func(end int) {
		b.WriteString(capitalize(strings.ToLower(string(rs[start:end]))))
		start = end
	}
	for i := 1; i < len(rs); i++ {
		if !unicode.IsUpper(rs[i]) {
			continue
		}
		afterNonUpper := !unicode.IsUpper(rs[i-1])
		beforeLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
		if afterNonUpper || beforeLower {
			flush(i)
		}
	}
	flush(len(rs))
	return b.String()
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// isJavaIdentifier approximates Character.isJavaIdentifierStart/Part.
func isJavaIdentifier(s string) bool {
	for i, r := range s {
		start := unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Sc, r) || unicode.Is(unicode.Pc, r)
		if i == 0 && !start {
			return false
		}
		if !start && !unicode.IsDigit(r) && !unicode.In(r, unicode.Mn, unicode.Mc) {
			return false
		}
	}
	return s != ""
}

func nonEmpty(parts []string) []string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
