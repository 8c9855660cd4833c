package generator

import (
	"bytes"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

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

// builtinNames are text/template's predefined functions (text/template/funcs.go
// builtins), which its Parse passes to parse.Parse beside the FuncMap.
var builtinNames = map[string]any{
	"and": true, "call": true, "html": true, "index": true, "slice": true, "js": true,
	"len": true, "not": true, "or": true, "print": true, "printf": true, "println": true,
	"urlquery": true, "eq": true, "ge": true, "gt": true, "le": true, "lt": true, "ne": true,
}

// checkSyntax reports what newTemplate(name).Parse(text) would, without making
// a template: text/template's Parse is parse.Parse with the function map and
// the builtins, and making a template copies the ~200 functions into it.
func checkSyntax(name, text string) error {
	_, err := parse.Parse(name, text, "", "", funcMap(), builtinNames)
	return err
}

// templateSet makes the templates of a manifest's projects. Each template made by
// newTemplate gets its own copy of the function map (~200 sprig functions,
// each checked by reflection), which cost more than parsing and executing
// scaffold's templates put together; the templates of a set share one copy.
//
// Sharing a function map in text/template means sharing a namespace of named
// templates, so a template that defines or calls one ({{define}}, {{block}},
// {{template}}, seen in its parse tree) still gets a fresh template of its
// own: no template sees another's definitions, and output and errors are what
// a fresh template for each would give. Small templates (conditions, defaults, vars, path
// elements) are parsed once per set, however many files use them.
type templateSet struct {
	mu     sync.Mutex
	base   *template.Template
	parsed map[string]*template.Template // small templates, by name and text
}

func (s *templateSet) parse(name, text string, cache bool) (*template.Template, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := name + "\x00" + text
	if t, ok := s.parsed[key]; ok {
		return t, nil
	}
	// Parsing is text/template's own Parse: parse.Parse with the functions
	// and the builtins, then AddParseTree.
	trees, err := parse.Parse(name, text, "", "", funcMap(), builtinNames)
	if err != nil {
		return nil, err
	}
	tree := trees[name]
	if len(trees) != 1 || tree == nil || callsTemplates(tree.Root) {
		// It defines or calls named templates: a namespace of its own.
		return newTemplate(name).Parse(text)
	}
	if s.base == nil {
		s.base = newTemplate("")
		s.parsed = map[string]*template.Template{}
	}
	t, err := s.base.New(name).AddParseTree(name, tree)
	if err != nil {
		return nil, err
	}
	if cache {
		s.parsed[key] = t
	}
	return t, nil
}

// callsTemplates reports whether a parsed template calls a named template
// ({{template}}; {{define}} and {{block}} make trees of their own). Nodes it
// does not know are taken to call one.
func callsTemplates(n parse.Node) bool {
	switch n := n.(type) {
	case nil:
		return false
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if callsTemplates(c) {
				return true
			}
		}
		return false
	case *parse.IfNode:
		return callsTemplates(n.List) || callsTemplates(n.ElseList)
	case *parse.RangeNode:
		return callsTemplates(n.List) || callsTemplates(n.ElseList)
	case *parse.WithNode:
		return callsTemplates(n.List) || callsTemplates(n.ElseList)
	case *parse.TextNode, *parse.ActionNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
		return false
	default: // *parse.TemplateNode, and any node a later Go adds
		return true
	}
}

// render executes a small template; text without an action is itself.
func (s *templateSet) render(name, text string, data any) (string, error) {
	if !strings.Contains(text, "{{") {
		return text, nil
	}
	t, err := s.parse(name, text, true)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}

// condition evaluates a `when` pipeline; an empty one is true.
func (s *templateSet) condition(expr string, data any) (bool, error) {
	if strings.TrimSpace(expr) == "" {
		return true, nil
	}
	out, err := s.render("when", "{{if "+expr+"}}true{{end}}", data)
	if err != nil {
		return false, err
	}
	return out == "true", nil
}

// renderFile executes the contents of a *.tmpl file.
func (s *templateSet) renderFile(name string, content []byte, data any) ([]byte, error) {
	t, err := s.parse(name, string(content), false)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// renderString renders one template on its own (a set of one): the output and
// errors of a fresh template, for callers that have no project.
func renderString(name, text string, data any) (string, error) {
	return new(templateSet).render(name, text, data)
}
