// Package render owns template execution: text/template with the hermetic
// subset of sprig, the name library's derivations and scaffold's own helpers.
// It is the one place that knows which functions are banned (anything whose
// output depends on the clock, the environment or chance), so the same
// answers always render the same bytes. It never reads manifests or touches
// the file system.
package render

import (
	"maps"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/Masterminds/sprig/v3"

	"github.com/scaffold-cli/scaffold/generator/names"
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
		for name, f := range boundedFuncs(maps.Clone(funcs)) { // the originals, before they are replaced
			funcs[name] = f
		}
		for name, f := range names.Funcs() {
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

// CheckSyntax reports what newTemplate(name).Parse(text) would, and
// {{template}} calls that recurse or nest too deep (MaxTemplateDepth),
// without making a template: text/template's Parse is parse.Parse with the function map and
// the builtins, and making a template copies the ~200 functions into it.
func CheckSyntax(name, text string) error {
	trees, err := parse.Parse(name, text, "", "", funcMap(), builtinNames)
	if err != nil {
		return err
	}
	return checkDepth(name, trees, name)
}

// Set makes the templates of a manifest's projects. Each template made by
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
type Set struct {
	mu        sync.Mutex
	base      *template.Template
	baseFuncs map[string]bool               // the functions base has been given
	parsed    map[string]*template.Template // small templates, by name and text
	files     map[string]parsedFile         // file templates, by name
}

// parsedFile is a file's template and the text it was parsed from.
type parsedFile struct {
	text string
	t    *template.Template
}

func (s *Set) parse(name, text string, cache bool) (*template.Template, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var key string
	if cache { // a file's text is long, and a file's template is kept by File
		key = name + "\x00" + text
		if t, ok := s.parsed[key]; ok {
			return t, nil
		}
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
		if err := checkDepth(name, trees, name); err != nil {
			return nil, err
		}
		called := map[string]bool{}
		for _, t := range trees {
			calledFuncs(t.Root, called)
		}
		return template.New(name).Option("missingkey=error").Funcs(funcsNamed(called)).Parse(text)
	}
	if s.base == nil {
		s.base = template.New("").Option("missingkey=error")
		s.parsed = map[string]*template.Template{}
		s.baseFuncs = map[string]bool{}
	}
	// The set's templates share one function map, which grows by the
	// functions each new template calls: most of the ~200 are never
	// called, and each one given to text/template is checked by reflection
	// and copied into two maps.
	called := map[string]bool{}
	calledFuncs(tree.Root, called)
	for f := range s.baseFuncs {
		delete(called, f)
	}
	if len(called) > 0 {
		s.base.Funcs(funcsNamed(called))
		maps.Copy(s.baseFuncs, called)
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
	return someNode(n, func(n parse.Node) bool {
		switch n.(type) {
		case *parse.ListNode, *parse.IfNode, *parse.RangeNode, *parse.WithNode,
			*parse.TextNode, *parse.ActionNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
			return false
		}
		return true // *parse.TemplateNode, and any node a later Go adds
	})
}

// someNode reports whether hit holds for n or a node inside it (the lists
// of if, range and with included).
func someNode(n parse.Node, hit func(parse.Node) bool) bool {
	if n == nil {
		return false
	}
	if l, ok := n.(*parse.ListNode); ok && l == nil {
		return false
	}
	if hit(n) {
		return true
	}
	var lists []*parse.ListNode
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			if someNode(c, hit) {
				return true
			}
		}
	case *parse.IfNode:
		lists = []*parse.ListNode{n.List, n.ElseList}
	case *parse.RangeNode:
		lists = []*parse.ListNode{n.List, n.ElseList}
	case *parse.WithNode:
		lists = []*parse.ListNode{n.List, n.ElseList}
	}
	for _, l := range lists {
		if l != nil && someNode(l, hit) {
			return true
		}
	}
	return false
}

// calledFuncs adds to called the name of every function n calls, builtins
// and scaffold's alike. A node it does not know (one a later Go adds) adds
// allFuncs: the template then gets every function, as before.
func calledFuncs(n parse.Node, called map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				calledFuncs(c, called)
			}
		}
	case *parse.ActionNode:
		calledFuncs(n.Pipe, called)
	case *parse.IfNode:
		calledInBranch(&n.BranchNode, called)
	case *parse.RangeNode:
		calledInBranch(&n.BranchNode, called)
	case *parse.WithNode:
		calledInBranch(&n.BranchNode, called)
	case *parse.TemplateNode:
		calledFuncs(n.Pipe, called)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				calledFuncs(c, called)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			calledFuncs(a, called)
		}
	case *parse.ChainNode:
		calledFuncs(n.Node, called)
	case *parse.IdentifierNode:
		called[n.Ident] = true
	case nil, *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode,
		*parse.FieldNode, *parse.VariableNode, *parse.DotNode, *parse.NilNode,
		*parse.BoolNode, *parse.NumberNode, *parse.StringNode:
	default:
		called[allFuncs] = true
	}
}

func calledInBranch(b *parse.BranchNode, called map[string]bool) {
	calledFuncs(b.Pipe, called)
	calledFuncs(b.List, called)
	calledFuncs(b.ElseList, called)
}

// allFuncs, among the names calledFuncs collects, stands for every function.
const allFuncs = "\x00all"

// funcsNamed is the part of scaffold's function map that names selects
// (text/template's builtins are its own, and never in the map).
func funcsNamed(names map[string]bool) template.FuncMap {
	all := funcMap()
	if names[allFuncs] {
		return all
	}
	out := make(template.FuncMap, len(names))
	for n := range names {
		if f, ok := all[n]; ok {
			out[n] = f
		}
	}
	return out
}

// String executes a small template; text without an action is itself.
func (s *Set) String(name, text string, data any) (string, error) {
	if !strings.Contains(text, "{{") {
		return text, nil
	}
	t, err := s.parse(name, text, true)
	if err != nil {
		return "", err
	}
	b, err := execute(name, t, data)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// Condition evaluates a `when` pipeline; an empty one is true.
func (s *Set) Condition(expr string, data any) (bool, error) {
	if strings.TrimSpace(expr) == "" {
		return true, nil
	}
	out, err := s.String("when", "{{if "+expr+"}}true{{end}}", data)
	if err != nil {
		return false, err
	}
	return out == "true", nil
}

// File executes the contents of a *.tmpl file. A file's template is
// parsed once per set and kept while its content stays the same: a server
// renders the same files for request after request.
func (s *Set) File(name string, content []byte, data any) ([]byte, error) {
	s.mu.Lock()
	f, ok := s.files[name]
	s.mu.Unlock()
	t := f.t
	if !ok || f.text != string(content) {
		text := string(content)
		var err error
		if t, err = s.parse(name, text, false); err != nil {
			return nil, err
		}
		s.mu.Lock()
		if s.files == nil {
			s.files = map[string]parsedFile{}
		}
		s.files[name] = parsedFile{text: text, t: t}
		s.mu.Unlock()
	}
	return execute(name, t, data)
}

// String renders one template on its own (a set of one): the output and
// errors of a fresh template, for callers that have no project.
func String(name, text string, data any) (string, error) {
	return new(Set).String(name, text, data)
}

// Funcs returns a copy of the functions templates may call, for callers that
// build a text/template of their own and must offer exactly the same ones.
func Funcs() template.FuncMap {
	out := make(template.FuncMap, len(funcMap()))
	for k, f := range funcMap() {
		out[k] = f
	}
	return out
}
