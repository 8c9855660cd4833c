// Package lazyre holds regular expressions that are compiled on first use.
//
// The name rules of every ecosystem declare their expressions at package
// level; compiled there, every run of scaffold compiled them all at start-up
// (Unicode classes are costly), most of them for rules it never applies.
// Each package that declares some calls CompileAll from a test, so a bad
// expression fails the test suite, not a user. It never compiles at init.
package lazyre

import (
	"errors"
	"fmt"
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled the first time it is used.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

var (
	mu  sync.Mutex
	all []*Regexp
)

// New declares an expression; it is compiled on first use.
func New(expr string) *Regexp {
	l := &Regexp{expr: expr}
	mu.Lock()
	all = append(all, l)
	mu.Unlock()
	return l
}

// Regexp returns the compiled expression.
func (l *Regexp) Regexp() *regexp.Regexp {
	l.once.Do(func() { l.re = regexp.MustCompile(l.expr) })
	return l.re
}

func (l *Regexp) MatchString(s string) bool { return l.Regexp().MatchString(s) }

func (l *Regexp) ReplaceAllString(src, repl string) string {
	return l.Regexp().ReplaceAllString(src, repl)
}

func (l *Regexp) FindString(s string) string     { return l.Regexp().FindString(s) }
func (l *Regexp) Split(s string, n int) []string { return l.Regexp().Split(s, n) }
func (l *Regexp) FindStringSubmatch(s string) []string {
	return l.Regexp().FindStringSubmatch(s)
}

// CompileAll compiles every expression declared so far in the program (all
// packages linked into it) and reports those that do not compile, or none
// declared at all (a test that checks nothing).
func CompileAll() error {
	mu.Lock()
	defer mu.Unlock()
	if len(all) == 0 {
		return errors.New("no lazy regular expressions declared")
	}
	var errs []error
	for _, l := range all {
		re, err := regexp.Compile(l.expr)
		if err != nil {
			errs = append(errs, fmt.Errorf("%q: %w", l.expr, err))
			continue
		}
		if got := l.Regexp().String(); got != re.String() {
			errs = append(errs, fmt.Errorf("%q compiled as %q", l.expr, got))
		}
	}
	return errors.Join(errs...)
}
