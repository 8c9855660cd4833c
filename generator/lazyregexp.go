package generator

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on first use. The name rules
// of every ecosystem declare theirs at package level; compiled there, every
// run of scaffold compiled them all at start-up (Unicode classes are costly),
// most of them for rules it never applies. TestLazyRegexpsCompile compiles
// each, so a bad expression still fails the test suite, not a user.
type lazyRegexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// allLazyRegexps lists every lazyRegexp, for the test that compiles them.
var allLazyRegexps []*lazyRegexp

func lazyRE(expr string) *lazyRegexp {
	l := &lazyRegexp{expr: expr}
	allLazyRegexps = append(allLazyRegexps, l)
	return l
}

func (l *lazyRegexp) get() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

func (l *lazyRegexp) MatchString(s string) bool { return l.get().MatchString(s) }

func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.get().ReplaceAllString(src, repl)
}

func (l *lazyRegexp) FindStringSubmatch(s string) []string {
	return l.get().FindStringSubmatch(s)
}
