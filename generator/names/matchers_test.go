package names

import (
	"testing"
)

// checkMatchers compares the written-out matchers with the expressions
// they stand for, on one string.
func checkMatchers(t *testing.T, s string) {
	t.Helper()
	if got, want := isProjectNameShape(s), projectNameRe.MatchString(s); got != want {
		t.Fatalf("isProjectNameShape(%q) = %v, projectNameRe says %v", s, got, want)
	}
	if isProjectNameShape(s) { // isWindowsDeviceName's precondition
		if got, want := isWindowsDeviceName(s), windowsDeviceRe.MatchString(s); got != want {
			t.Fatalf("isWindowsDeviceName(%q) = %v, windowsDeviceRe says %v", s, got, want)
		}
	}
	if got, want := isNpmSafe(s), !npmUnsafeRe.MatchString(s); got != want {
		t.Fatalf("isNpmSafe(%q) = %v, npmUnsafeRe says %v", s, got, !want)
	}
	for _, m := range []struct {
		name string
		got  func(string) bool
		re   interface{ MatchString(string) bool }
	}{
		{"isLaravelName", isLaravelName, laravelNameRe},
		{"isComposerPackage", isComposerPackage, composerPackageRe},
		{"isComposerName", isComposerName, composerNameRe},
		{"isComposerReserved", isComposerReserved, composerReservedRe},
	} {
		if got, want := m.got(s), m.re.MatchString(s); got != want {
			t.Fatalf("%s(%q) = %v, the expression says %v", m.name, s, got, want)
		}
	}
}

// Every string of up to four characters from an alphabet that reaches each
// branch of the three expressions (device names, digits, separators, case,
// a non-ASCII letter, a superscript digit, a line break).
func TestNameMatchersAgreeWithExpressions(t *testing.T) {
	alphabet := []string{"c", "O", "n", "m", "p", "L", "t", "u", "X", "1", "0", ".", "-", "_", "é", "¹", "٣", "\n", "/", "\xff"}
	var walk func(prefix string, depth int)
	walk = func(prefix string, depth int) {
		checkMatchers(t, prefix)
		if depth == 4 {
			return
		}
		for _, a := range alphabet {
			walk(prefix+a, depth+1)
		}
	}
	walk("", 0)
	for _, s := range []string{"acme/my-app", "a--b", "a---b", "a-.b", "a/b/c", "-a", "a_", "lpt1", "com0", "prn", "con", "CON.txt", "nul.tar.gz", "com1", "COM9.x", "lpt0", "com10", "comx", "conx.txt", "aux.", "prn-x", "my-app", "a.b_c-d", "Z9"} {
		checkMatchers(t, s)
	}
}

// FuzzNameMatchers compares the written-out matchers with the expressions
// on any string.
func FuzzNameMatchers(f *testing.F) {
	f.Add("my-app")
	f.Add("LPT3.log")
	f.Fuzz(checkMatchers)
}
