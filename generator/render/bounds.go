package render

// Bounds of rendering. A template may come from anywhere (--template DIR, a
// git repository, the user's config directory), and text/template can loop,
// recurse and print without end: every generation is held to these limits,
// each failing with an error that names the file and the limit. They are
// variables so tests can lower them; built-in templates stay far below
// every one (generator's TestBuiltInTemplatesWithinBounds).

import (
	"bytes"
	"errors"
	"fmt"
	"text/template"
	"text/template/parse"
	"time"
)

var (
	// MaxRenderTime is how long one template (a file, a var, a condition)
	// may take to render. text/template cannot be interrupted: a template
	// that runs over is abandoned, and the generation fails.
	MaxRenderTime = 5 * time.Second
	// MaxRenderedSize is the most bytes a generated project may hold, all
	// its files together (so also the most one template may print).
	MaxRenderedSize = 64 << 20
	// MaxTemplateDepth is how deep {{template}} calls may nest in one file.
	// A template that calls itself, directly or not, is refused at once:
	// how deep it would go depends on the data.
	MaxTemplateDepth = 50
)

// ErrTooLarge is what rendering more than MaxRenderedSize bytes fails with.
var ErrTooLarge = errors.New("renders too much")

// cappedBuffer stops taking bytes past its limit, which ends the
// template's execution with ErrTooLarge.
type cappedBuffer struct {
	bytes.Buffer
	limit int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.limit {
		return 0, ErrTooLarge
	}
	return b.Buffer.Write(p)
}

// execute runs t into a buffer, within MaxRenderTime and MaxRenderedSize.
// Only a template that loops ({{range}}) or calls others ({{template}},
// which can multiply) can run long: the rest run in the caller's
// goroutine, since a goroutine and a timer for each of the many small
// templates of a generation (conditions, paths, vars) cost more than
// rendering them.
func execute(name string, t *template.Template, data any) ([]byte, error) {
	limit, timeout := MaxRenderedSize, MaxRenderTime
	b := &cappedBuffer{limit: limit}
	if t.Tree == nil || !mayRunLong(t.Tree.Root) {
		return finish(name, b, t.Execute(b, data), limit)
	}
	done := make(chan error, 1)
	go func() { done <- t.Execute(b, data) }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return finish(name, b, err, limit)
	case <-timer.C:
		// The goroutine runs on and its result is dropped; the generation
		// fails, and a CLI run ends with it.
		return nil, fmt.Errorf("%s: rendering took longer than %s, the limit for one template; a loop that does not end, or one far too large?", name, timeout)
	}
}

// finish is an execution's result: its output, or its error.
func finish(name string, b *cappedBuffer, err error, limit int) ([]byte, error) {
	if errors.Is(err, ErrTooLarge) {
		return nil, fmt.Errorf("%s: %w: more than %d bytes, the most a whole project may hold; a template that prints without end?", name, ErrTooLarge, limit)
	}
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// mayRunLong reports whether a parse tree loops or calls a template.
// Nodes it does not know are taken to.
func mayRunLong(n parse.Node) bool {
	return someNode(n, func(n parse.Node) bool {
		switch n.(type) {
		case *parse.ListNode, *parse.IfNode, *parse.WithNode,
			*parse.TextNode, *parse.ActionNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode:
			return false
		}
		return true // *parse.RangeNode, *parse.TemplateNode, and any node a later Go adds
	})
}

// checkDepth refuses a template whose {{template}} calls recurse, or nest
// deeper than MaxTemplateDepth, starting from the template named root.
// trees are the file's, as parse.Parse gives them.
func checkDepth(name string, trees map[string]*parse.Tree, root string) error {
	var chain []string
	var visit func(n string) error
	visit = func(n string) error {
		for i, c := range chain {
			if c == n {
				return fmt.Errorf("%s: template %q calls itself (%s); scaffold renders no recursive template, since its depth would depend on the data: write the levels out", name, n, joinChain(append(chain[i:], n)))
			}
		}
		if len(chain) > MaxTemplateDepth {
			return fmt.Errorf("%s: {{template}} calls nest more than %d deep (%s…); flatten them", name, MaxTemplateDepth, joinChain(chain[:min(len(chain), 5)]))
		}
		tree, ok := trees[n]
		if !ok {
			return nil // an unknown template fails when executed, with text/template's error
		}
		chain = append(chain, n)
		defer func() { chain = chain[:len(chain)-1] }()
		for _, callee := range calledTemplates(tree.Root, nil) {
			if err := visit(callee); err != nil {
				return err
			}
		}
		return nil
	}
	return visit(root)
}

func joinChain(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += " → "
		}
		out += fmt.Sprintf("%q", n)
	}
	return out
}

// calledTemplates lists the names a parse tree calls with {{template}}.
func calledTemplates(n parse.Node, out []string) []string {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return out
		}
		for _, c := range n.Nodes {
			out = calledTemplates(c, out)
		}
	case *parse.IfNode:
		out = calledTemplates(n.ElseList, calledTemplates(n.List, out))
	case *parse.RangeNode:
		out = calledTemplates(n.ElseList, calledTemplates(n.List, out))
	case *parse.WithNode:
		out = calledTemplates(n.ElseList, calledTemplates(n.List, out))
	case *parse.TemplateNode:
		out = append(out, n.Name)
	}
	return out
}

// MaxListLength is the most elements until, untilStep and seq may make: a
// list is built whole before a range reads it, so a huge count would fill
// memory long before MaxRenderTime ends the template.
var MaxListLength = 1 << 20

// boundedFuncs replace the sprig functions whose output size a template
// chooses with one number (a count, a width), so that memory is bounded by
// MaxListLength and MaxRenderedSize rather than by the machine.
// orig is sprig's map, whose functions they call within the bounds.
func boundedFuncs(orig template.FuncMap) template.FuncMap {
	return template.FuncMap{
		"until": func(count int) ([]int, error) {
			if err := checkLength("until", abs(count)); err != nil {
				return nil, err
			}
			return orig["until"].(func(int) []int)(count), nil
		},
		"untilStep": func(start, stop, step int) ([]int, error) {
			if step != 0 {
				if err := checkLength("untilStep", abs(stop-start)/abs(step)); err != nil {
					return nil, err
				}
			}
			return orig["untilStep"].(func(int, int, int) []int)(start, stop, step), nil
		},
		"seq": func(params ...int) (string, error) {
			span := 0
			switch len(params) {
			case 1:
				span = abs(params[0])
			case 2:
				span = abs(params[1] - params[0])
			case 3:
				if params[1] != 0 {
					span = abs(params[2]-params[0]) / abs(params[1])
				}
			}
			if err := checkLength("seq", span); err != nil {
				return "", err
			}
			return orig["seq"].(func(...int) string)(params...), nil
		},
		"repeat": func(count int, str string) (string, error) {
			if count > 0 && len(str) > 0 && count > MaxRenderedSize/len(str) {
				return "", fmt.Errorf("repeat %d: more than the %d bytes a project may hold", count, MaxRenderedSize)
			}
			return orig["repeat"].(func(int, string) string)(count, str), nil
		},
		"indent": func(spaces int, v string) (string, error) {
			if spaces > MaxRenderedSize {
				return "", fmt.Errorf("indent %d: more than the %d bytes a project may hold", spaces, MaxRenderedSize)
			}
			return orig["indent"].(func(int, string) string)(spaces, v), nil
		},
		"nindent": func(spaces int, v string) (string, error) {
			if spaces > MaxRenderedSize {
				return "", fmt.Errorf("nindent %d: more than the %d bytes a project may hold", spaces, MaxRenderedSize)
			}
			return orig["nindent"].(func(int, string) string)(spaces, v), nil
		},
	}
}

func checkLength(fn string, n int) error {
	if n > MaxListLength {
		return fmt.Errorf("%s: %d elements, more than the %d a list may have", fn, n, MaxListLength)
	}
	return nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
