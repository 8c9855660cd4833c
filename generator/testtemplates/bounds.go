package testtemplates

import (
	"fmt"
	"strings"

	"github.com/scaffold-cli/scaffold/generator/render"
	"github.com/scaffold-cli/scaffold/generator/source"
)

// OverBounds lists the templates that each break one bound a custom
// template is held to (source.MaxTemplateFiles and MaxTemplateFileSize,
// render.MaxRenderedSize, MaxRenderTime and MaxTemplateDepth). They are
// sized from the bounds as they are when it is called, so a test that
// lowers a bound first gets a small fixture. The bounds of files are
// checked when a template directory loads (source.CheckTemplateDir): the
// first two only fail from disk. Want names the file and the limit. The
// HugeCounts cases close the list.
func OverBounds() []BrokenTemplate {
	many := map[string]string{}
	for i := 0; i <= source.MaxTemplateFiles; i++ {
		many[fmt.Sprintf("many/%d.txt", i)] = "x"
	}
	half := render.MaxRenderedSize/2 + 1
	// Each define calls the next: depth+2 levels from the file itself.
	var deep strings.Builder
	for i := 0; i <= render.MaxTemplateDepth+1; i++ {
		fmt.Fprintf(&deep, `{{define "t%d"}}{{template "t%d" .}}{{end}}`, i, i+1)
	}
	fmt.Fprintf(&deep, `{{define "t%d"}}bottom{{end}}{{template "t0" .}}`, render.MaxTemplateDepth+2)
	return append([]BrokenTemplate{
		{Label: "too-many-files", Files: many, Want: fmt.Sprintf("holds more than %d files", source.MaxTemplateFiles)},
		{Label: "file-too-large", Files: map[string]string{"big.bin": strings.Repeat("x", int(source.MaxTemplateFileSize)+1)},
			Want: fmt.Sprintf("big.bin is %d bytes, more than the %d", source.MaxTemplateFileSize+1, source.MaxTemplateFileSize)},
		{Label: "renders-too-much", Files: map[string]string{"big.txt.tmpl": fmt.Sprintf(`{{range until %d}}{{repeat 1024 "x"}}{{end}}`, render.MaxRenderedSize/1024+1)},
			Want: fmt.Sprintf("big.txt.tmpl: renders too much: more than %d bytes", render.MaxRenderedSize)},
		{Label: "project-too-large", Files: map[string]string{
			"a.txt.tmpl": fmt.Sprintf(`{{repeat %d "x"}}`, half),
			"b.txt.tmpl": fmt.Sprintf(`{{repeat %d "x"}}`, half),
		}, Want: fmt.Sprintf("b.txt.tmpl: renders too much: the project's files come to more than %d bytes", render.MaxRenderedSize)},
		{Label: "renders-too-long", Files: map[string]string{"slow.txt.tmpl": `{{range until 100000}}{{range until 100000}}{{range until 100000}}{{end}}{{end}}{{end}}`},
			Want: "slow.txt.tmpl: rendering took longer than " + render.MaxRenderTime.String()},
		{Label: "var-renders-too-long", Manifest: "vars:\n  slow: '{{range until 100000}}{{range until 100000}}{{range until 100000}}{{end}}{{end}}{{end}}'\n",
			Files: map[string]string{"ok.txt": "fine\n"}, Want: `var "slow"`},
		{Label: "templates-nest-too-deep", Files: map[string]string{"deep.txt.tmpl": deep.String()},
			Want: fmt.Sprintf("deep.txt.tmpl: {{template}} calls nest more than %d deep", render.MaxTemplateDepth)},
		{Label: "templates-call-each-other", Files: map[string]string{"loop.txt.tmpl": `{{define "a"}}{{template "b" .}}{{end}}{{define "b"}}{{template "a" .}}{{end}}{{template "a" .}}`},
			Want: `loop.txt.tmpl: template "a" calls itself ("a" → "b" → "a")`},
	}, HugeCounts()...)
}

// HugeCounts lists templates that ask a sprig function for a list or a
// string far past the bounds with one number: each must fail at once with
// its own error, not fill memory. Want names the file and the function.
func HugeCounts() []BrokenTemplate {
	var out []BrokenTemplate
	for _, c := range []struct{ label, text, want string }{
		{"until-huge", `{{range until 1000000000000}}{{end}}`, "until: 1000000000000 elements"},
		{"untilstep-huge", `{{range untilStep 0 1000000000000 1}}{{end}}`, "untilStep: 1000000000000 elements"},
		{"seq-huge", `{{seq 1000000000000}}`, "seq: 1000000000000 elements"},
		{"repeat-huge", `{{repeat 1000000000000 "x"}}`, "repeat 1000000000000"},
		{"indent-huge", `{{indent 1000000000000 "x"}}`, "indent 1000000000000"},
	} {
		out = append(out, BrokenTemplate{Label: c.label, Files: map[string]string{"huge.txt.tmpl": c.text}, Want: c.want})
	}
	return out
}
