// Package reliability holds scaffold's reliability tests: bad input, faults,
// interruptions, races and hostile templates, run against the real scaffold
// binary (built once by TestMain). It has no code of its own; see
// docs/reliability.md and "make reliability".
package reliability
