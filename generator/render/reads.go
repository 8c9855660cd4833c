package render

import (
	"slices"
	"strings"
	"text/template/parse"
)

// Reads is what a template may read of the data it is executed with: the
// field paths it reaches from the root, at most two names deep ("Name",
// "Secrets", "Vars.db_name"), or everything (All). It is computed from the
// parse tree, before any execution, and errs only one way: a template may
// read less than Reads says, never more.
type Reads struct {
	// All is set when the template can reach the data as a whole: the root
	// dot or $ alone (printed, passed to a function or to a named template,
	// ranged over), or a construct the analysis does not know.
	All bool
	// Paths are the field paths read from the root, sorted, without
	// duplicates. "Vars" alone means every key of .Vars.
	Paths []string
}

// Touches reports whether the template may read the root field field, or
// anything below it.
func (r Reads) Touches(field string) bool {
	if r.All {
		return true
	}
	for _, p := range r.Paths {
		if p == field || strings.HasPrefix(p, field+".") {
			return true
		}
	}
	return false
}

// TouchesKey reports whether the template may read key of the root field
// field (a map such as .Vars): through .field.key, or through .field as a
// whole.
func (r Reads) TouchesKey(field, key string) bool {
	if r.All {
		return true
	}
	return slices.Contains(r.Paths, field) || slices.Contains(r.Paths, field+"."+key)
}

// Analyze parses text as Set would and reports what it may read. Text
// without an action reads nothing.
//
// Only the root's fields are followed. Inside {{with X}} and {{range X}}
// the dot is a value of X, and a variable holds the value of a pipeline in
// the same template: what they reach was read through X, or the pipeline,
// which the analysis has counted already. A {{define}}d template may be
// called with the root, so its dot is taken to be the root.
func Analyze(name, text string) (Reads, error) {
	if !strings.Contains(text, "{{") {
		return Reads{}, nil
	}
	trees, err := parse.Parse(name, text, "", "", funcMap(), builtinNames)
	if err != nil {
		return Reads{}, err
	}
	a := &analysis{paths: map[string]bool{}}
	for _, t := range trees {
		a.node(t.Root, true)
	}
	out := Reads{All: a.all}
	for p := range a.paths {
		out.Paths = append(out.Paths, p)
	}
	slices.Sort(out.Paths)
	return out, nil
}

type analysis struct {
	all   bool
	paths map[string]bool
}

func (a *analysis) field(idents []string) {
	if len(idents) == 0 {
		a.all = true
		return
	}
	a.paths[strings.Join(idents[:min(2, len(idents))], ".")] = true
}

// node walks n; rootDot says whether the dot there is the template's data.
func (a *analysis) node(n parse.Node, rootDot bool) {
	switch n := n.(type) {
	case nil:
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			a.node(c, rootDot)
		}
	case *parse.ActionNode:
		a.node(n.Pipe, rootDot)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			a.node(c, rootDot)
		}
	case *parse.CommandNode:
		for _, arg := range n.Args {
			a.node(arg, rootDot)
		}
	case *parse.IfNode:
		a.node(n.Pipe, rootDot)
		a.node(n.List, rootDot)
		a.node(n.ElseList, rootDot)
	case *parse.WithNode:
		a.node(n.Pipe, rootDot)
		a.node(n.List, false)
		a.node(n.ElseList, rootDot)
	case *parse.RangeNode:
		a.node(n.Pipe, rootDot)
		a.node(n.List, false)
		a.node(n.ElseList, rootDot)
	case *parse.TemplateNode:
		a.node(n.Pipe, rootDot)
	case *parse.FieldNode:
		if rootDot {
			a.field(n.Ident)
		}
	case *parse.DotNode:
		if rootDot {
			a.all = true
		}
	case *parse.VariableNode:
		if n.Ident[0] == "$" {
			a.field(n.Ident[1:])
		}
	case *parse.ChainNode:
		// (X).Field reads a field of X's value: X is what is read.
		a.node(n.Node, rootDot)
	case *parse.IdentifierNode, *parse.BoolNode, *parse.NumberNode, *parse.StringNode,
		*parse.NilNode, *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
	default: // a node a later Go adds
		a.all = true
	}
}
