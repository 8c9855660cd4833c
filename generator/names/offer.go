package names

import (
	"fmt"

	"github.com/scaffold-cli/scaffold/generator/input"
)

// A refusal that offers a name in place of the refused one. Each rule only
// knows its own ecosystem, so what it offers may be refused by another rule
// of the same framework ("CON" -> "CON-app", which Go refuses for its capitals).
// Derive therefore checks an offered project name against every rule the
// framework applies, and shows only one that passes them all.

// offerForm is how the offer is attached to the reason.
type offerForm int

const (
	// offerTry appends ` (try "NAME")`.
	offerTry offerForm = iota
	// offerExample appends `, e.g. "NAME"` to a reason ending in "choose another".
	offerExample
)

// offerError is an input error whose message ends with a name to use instead.
type offerError struct {
	reason string
	offer  string // "" when nothing usable is known
	form   offerForm
	err    error // the input error carrying the whole message
}

// refusal builds the input error for reason, offering name (none when "").
func refusal(form offerForm, offer, reason string) *offerError {
	e := &offerError{reason: reason, offer: offer, form: form}
	e.err = input.Errorf("%s", e.message())
	return e
}

func (e *offerError) message() string {
	if e.offer == "" {
		return e.reason
	}
	if e.form == offerExample {
		return fmt.Sprintf("%s, e.g. %q", e.reason, e.offer)
	}
	return fmt.Sprintf("%s (try %q)", e.reason, e.offer)
}

func (e *offerError) Error() string { return e.err.Error() }

// Unwrap makes input.Is see the refusal as an input error (exit 2).
func (e *offerError) Unwrap() error { return e.err }

// withOffer is the same refusal offering another name.
func (e *offerError) withOffer(offer string) *offerError {
	return refusal(e.form, offer, e.reason)
}

// maxOfferSteps bounds how many rules' offers settleOffer follows.
const maxOfferSteps = 6

// settleOffer makes the name a refusal offers one that CheckProjectName and
// every rule in rules accept: it follows the offers the refusing rules make
// for the offered name in turn ("lpt1.txt" -> "lpt1-app.txt" -> "lpt1-app-txt"
// for Go), and drops the offer when that leads nowhere.
func settleOffer(err error, rules []string) error {
	oe, ok := err.(*offerError)
	if !ok || oe.offer == "" {
		return err
	}
	seen := map[string]bool{}
	for s := oe.offer; s != "" && !seen[s] && len(seen) < maxOfferSteps; {
		seen[s] = true
		_, derr := derive(s, rules)
		if derr == nil {
			if s == oe.offer {
				return oe
			}
			return oe.withOffer(s)
		}
		next, ok := derr.(*offerError)
		if !ok {
			break
		}
		s = next.offer
	}
	return oe.withOffer("")
}

// SuggestProjectName returns the name scaffold offers in place of a refused
// one for a framework applying rules, or "" when it offers none (or name is
// accepted). Whatever it returns passes Derive(_, rules).
func SuggestProjectName(name string, rules []string) string {
	_, err := Derive(name, rules)
	if oe, ok := err.(*offerError); ok {
		return oe.offer
	}
	return ""
}
