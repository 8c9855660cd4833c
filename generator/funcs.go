package generator

import (
	"strings"
	"sync"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// bannedFuncs are sprig functions that HermeticTxtFuncMap keeps although their
// output depends on randomness, the clock or the time zone. Templates must
// give the same bytes for the same answers, so they are removed; randomness
// comes only from manifest secrets, which tests seed.
var bannedFuncs = []string{
	"randInt", "shuffle", "bcrypt", "htpasswd", "encryptAES", "decryptAES",
	"genPrivateKey", "derivePassword", "buildCustomCert",
	"genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
	"genSignedCert", "genSignedCertWithKey",
	"ago", "toDate", "mustToDate", "unixEpoch", "dateInZone", "date_in_zone",
	"duration", "durationRound", "htmlDate", "htmlDateInZone", "now", "date",
	"dateModify", "date_modify", "mustDateModify", "must_date_modify",
	"randAlpha", "randAlphaNum", "randAscii", "randNumeric", "randBytes", "uuidv4",
	"env", "expandenv", "getHostByName",
}

var (
	funcsOnce sync.Once
	funcs     template.FuncMap
)

// funcMap is sprig's hermetic map minus bannedFuncs, plus the name library.
func funcMap() template.FuncMap {
	funcsOnce.Do(func() {
		funcs = sprig.HermeticTxtFuncMap()
		for _, name := range bannedFuncs {
			delete(funcs, name)
		}
		for name, f := range nameFuncs {
			funcs[name] = f
		}
		for name, f := range extraFuncs {
			funcs[name] = f
		}
	})
	return funcs
}

// extraFuncs are scaffold's own generic helpers.
var extraFuncs = template.FuncMap{
	// indentLines indents every non-empty line by n spaces (sprig's indent
	// also indents empty lines, leaving trailing whitespace).
	"indentLines": func(n int, s string) string {
		pad := strings.Repeat(" ", n)
		lines := strings.Split(s, "\n")
		for i, l := range lines {
			if l != "" {
				lines[i] = pad + l
			}
		}
		return strings.Join(lines, "\n")
	},
}

// BannedFuncs lists the template functions scaffold refuses, for tests and docs.
func BannedFuncs() []string { return append([]string(nil), bannedFuncs...) }

// newTemplate makes a template with scaffold's functions and strict keys.
func newTemplate(name string) *template.Template {
	return template.New(name).Option("missingkey=error").Funcs(funcMap())
}
