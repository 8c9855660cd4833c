// Package input owns the one error type for mistakes in what the user asked
// for (a bad name, an unknown framework or option, a bad value) and the
// did-you-mean search that such errors offer. The CLI exits 2 for these;
// anything else is a failure of the environment or of a template (exit 1).
// It is a leaf: every engine package may import it, it imports none of them.
package input

import (
	"errors"
	"fmt"
)

// Error is a mistake in what the user asked for.
type Error struct{ msg string }

func (e *Error) Error() string { return e.msg }

// Errorf builds an Error.
func Errorf(format string, args ...any) error {
	return &Error{msg: fmt.Sprintf(format, args...)}
}

// Is reports whether err (or anything it wraps) is an Error.
func Is(err error) bool {
	var ie *Error
	return errors.As(err, &ie)
}

// Closest returns the candidate nearest to s by edit distance, if it is near
// enough to be a plausible typo (at most two edits, and fewer than its length).
func Closest(s string, candidates []string) string {
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := EditDistance(s, c); d < bestDist && d < len([]rune(c)) {
			best, bestDist = c, d
		}
	}
	return best
}

// EditDistance is the Damerau–Levenshtein distance (adjacent swaps count one,
// so "gni" is one step from "gin").
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
