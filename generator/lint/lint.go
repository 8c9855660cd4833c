// Package lint owns `scaffold template lint`: it checks a custom template
// directory and reports every mistake at once, each with its file, line
// (when one is known) and how to fix it — the manifest's unknown keys and
// invalid values, template syntax and banned functions in every file and
// path, destinations that leave the project, duplicate destinations,
// executable bits no rule declares, symbolic links and oversized trees, and
// golden option sets that do not resolve or render. It reads the directory
// and renders in memory; it never runs template code or writes.
package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
	"github.com/scaffold-cli/scaffold/generator/render"
	"github.com/scaffold-cli/scaffold/generator/source"
	"github.com/scaffold-cli/scaffold/generator/tree"
	"gopkg.in/yaml.v3"
)

// Finding is one mistake: where it is, what it is, and what to do.
type Finding struct {
	File    string `json:"file"`           // relative to the template directory
	Line    int    `json:"line,omitempty"` // 1-based; 0 when no line applies
	Message string `json:"message"`
	Fix     string `json:"fix"`
}

func (f Finding) String() string {
	where := f.File
	if f.Line > 0 {
		where += ":" + strconv.Itoa(f.Line)
	}
	return fmt.Sprintf("%s: %s\n  fix: %s", where, f.Message, f.Fix)
}

// Dir lints the template directory dir. An error is returned only when dir
// cannot be read at all; everything wrong with the template is a Finding.
func Dir(dir string) ([]Finding, error) {
	data, err := source.ReadTemplateManifest(dir)
	if err != nil {
		return nil, err
	}
	l := &linter{dir: dir, manifest: data}
	l.bounds()
	m := l.parseManifest()
	l.files(m)
	if m != nil {
		l.golden(m, len(l.found) == 0)
	}
	sort.SliceStable(l.found, func(i, j int) bool {
		a, b := l.found[i], l.found[j]
		if a.File != b.File {
			return a.File == generator.ManifestFile || (b.File != generator.ManifestFile && a.File < b.File)
		}
		return a.Line < b.Line
	})
	return slices.Compact(l.found), nil
}

type linter struct {
	dir      string
	manifest []byte
	root     *yaml.Node // the manifest's top mapping, when it parsed
	found    []Finding
}

func (l *linter) add(file string, line int, msg, fix string) {
	l.found = append(l.found, Finding{File: file, Line: line, Message: msg, Fix: fix})
}

// bounds reports symbolic links, special files and oversized trees.
func (l *linter) bounds() {
	err := source.CheckTemplateDir(l.dir)
	for _, e := range splitErrors(err) {
		msg := e.Error()
		file := generator.FilesDir
		if p, _, ok := strings.Cut(msg, " is "); ok && !strings.Contains(p, " ") {
			if rel, err := filepath.Rel(filepath.ToSlash(l.dir), p); err == nil {
				file = filepath.ToSlash(rel)
			}
		}
		l.add(file, 0, msg, "keep only regular files and directories under files/ and history/, within the bounds")
	}
}

var (
	lineRe      = lazyre.New(`^line (\d+): (.*)$`)
	unknownKeyR = lazyre.New(`field (\S+) not found`)
)

// parseManifest reports every error of the manifest and returns it when
// it has none.
func (l *linter) parseManifest() *generator.Manifest {
	var doc yaml.Node
	if err := yaml.Unmarshal(l.manifest, &doc); err != nil {
		line, msg := 0, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := lineRe.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		l.add(generator.ManifestFile, line, "not valid YAML: "+msg, "fix the YAML syntax (indentation, quoting, a missing colon)")
		return nil
	}
	if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		l.root = doc.Content[0]
	}
	dec := yaml.NewDecoder(bytes.NewReader(l.manifest))
	dec.KnownFields(true)
	var probe generator.Manifest
	var te *yaml.TypeError
	if err := dec.Decode(&probe); errors.As(err, &te) {
		for _, e := range te.Errors {
			line, msg := 0, e
			if m := lineRe.FindStringSubmatch(e); m != nil {
				line, _ = strconv.Atoi(m[1])
				msg = m[2]
			}
			msg = typeNameRe.ReplaceAllString(msg, "")
			fix := "give the value the type the key takes (see docs/template-format.md)"
			if k := unknownKeyR.FindStringSubmatch(msg); k != nil {
				msg = fmt.Sprintf("unknown key %q", k[1])
				fix = "remove it or correct its spelling; every key is listed in docs/template-format.md"
				if s := closestKey(k[1]); s != "" {
					fix = fmt.Sprintf("did you mean %q? (every key is listed in docs/template-format.md)", s)
				}
			}
			l.add(generator.ManifestFile, line, msg, fix)
		}
		return nil
	} else if err != nil {
		l.add(generator.ManifestFile, 0, err.Error(), "fix the manifest")
		return nil
	}
	_, err := generator.ParseManifest(l.manifest)
	for _, e := range splitErrors(err) {
		line, fix := l.locate(e.Error())
		l.add(generator.ManifestFile, line, e.Error(), fix)
	}
	if err != nil {
		return nil
	}
	if !frameworkNameRe.MatchString(probe.Name) {
		return nil
	}
	abs, err := filepath.Abs(l.dir)
	if err != nil {
		return nil
	}
	m, err := generator.LoadManifest(source.TemplateDir(abs, probe.Name), probe.Name)
	if err != nil {
		l.add(generator.ManifestFile, 0, err.Error(), "fix what it says")
		return nil
	}
	return m
}

var (
	typeNameRe      = lazyre.New(` (in|into) type [\w.\[\]*]+`)
	frameworkNameRe = lazyre.New(`^[a-z][a-z0-9-]*$`)
	quotedRe        = lazyre.New(`^(option|golden case|secret|var) "([^"]*)"`)
	filesIndexRe    = lazyre.New(`^files\[(\d+)\]`)
)

// manifestKeys are the top-level keys a manifest may have.
var manifestKeys = []string{"name", "title", "description", "language", "version", "template_version", "names", "shared", "versions", "options", "secrets", "vars", "files", "golden", "next_steps", "e2e", "e2e_full", "requires", "fixed"}

func closestKey(k string) string {
	best, bestD := "", 3
	for _, c := range manifestKeys {
		if d := editDistance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// locate finds the manifest line a validation error is about, and a fix.
func (l *linter) locate(msg string) (int, string) {
	fix := fixFor(msg)
	if m := quotedRe.FindStringSubmatch(msg); m != nil {
		section := map[string]string{"option": "options", "golden case": "golden", "secret": "secrets", "var": "vars"}[m[1]]
		field := "key"
		if m[1] == "golden case" {
			field = "name"
		}
		if m[1] == "var" {
			if n := l.mapKey(section, m[2]); n > 0 {
				return n, fix
			}
		}
		if n := l.itemLine(section, field, m[2]); n > 0 {
			return n, fix
		}
		return l.keyLine(section), fix
	}
	if m := filesIndexRe.FindStringSubmatch(msg); m != nil {
		i, _ := strconv.Atoi(m[1])
		if seq := l.value("files"); seq != nil && seq.Kind == yaml.SequenceNode && i < len(seq.Content) {
			return seq.Content[i].Line, fix
		}
	}
	word, _, _ := strings.Cut(msg, " ")
	word = strings.TrimSuffix(strings.TrimSuffix(word, ":"), ",")
	if word == "e2e" {
		return l.keyLine("e2e"), fix
	}
	return l.keyLine(word), fix
}

// fixFor says how to fix a manifest validation error.
func fixFor(msg string) string {
	switch {
	case strings.Contains(msg, "kind"):
		return "set kind: to string, bool or choice"
	case strings.Contains(msg, "a choice needs"):
		return "list at least two values under choices:"
	case strings.Contains(msg, "is not one of"):
		return "make default: one of the choices"
	case strings.Contains(msg, "taken by a flag"):
		return "rename the option: its key is also a flag of scaffold new"
	case strings.Contains(msg, "prompt and help"):
		return "give the option a prompt: (the question) and a help: (one line on what it does)"
	case strings.Contains(msg, "unknown option"):
		return "use an option the manifest declares, or declare it under options:"
	case strings.Contains(msg, "golden: at least one"):
		return "add golden:\n  - name: default"
	case strings.Contains(msg, "required"):
		return "add the missing keys"
	case strings.Contains(msg, "function"):
		return "remove the call: " + bannedFix
	case strings.Contains(msg, "mode"):
		return "write the mode as an octal permission, quoted: mode: \"0755\""
	case strings.Contains(msg, "validator"), strings.Contains(msg, "name rule"):
		return "use one of the names the message lists"
	default:
		return "correct the value as the message says (see docs/template-format.md)"
	}
}

const bannedFix = "scaffold's templates never read the environment or the disk, nor draw randomness outside secrets:; use an option, a var or a secret"

func (l *linter) value(key string) *yaml.Node {
	if l.root == nil {
		return nil
	}
	for i := 0; i+1 < len(l.root.Content); i += 2 {
		if l.root.Content[i].Value == key {
			return l.root.Content[i+1]
		}
	}
	return nil
}

func (l *linter) keyLine(key string) int {
	if l.root == nil {
		return 0
	}
	for i := 0; i+1 < len(l.root.Content); i += 2 {
		if l.root.Content[i].Value == key {
			return l.root.Content[i].Line
		}
	}
	return 0
}

func (l *linter) itemLine(section, field, value string) int {
	seq := l.value(section)
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return 0
	}
	for _, item := range seq.Content {
		for i := 0; i+1 < len(item.Content); i += 2 {
			if item.Content[i].Value == field && item.Content[i+1].Value == value {
				return item.Content[i].Line
			}
		}
	}
	return 0
}

func (l *linter) mapKey(section, key string) int {
	mp := l.value(section)
	if mp == nil || mp.Kind != yaml.MappingNode {
		return 0
	}
	for i := 0; i+1 < len(mp.Content); i += 2 {
		if mp.Content[i].Value == key {
			return mp.Content[i].Line
		}
	}
	return 0
}

var parseLineRe = lazyre.New(`^template: [^:]*:(\d+)(?::\d+)?: (.*)$`)

// files checks every file of files/: the syntax of templates and path
// elements, banned functions, executable bits no rule declares.
func (l *linter) files(m *generator.Manifest) {
	fsys := os.DirFS(l.dir)
	if _, err := fs.Stat(fsys, generator.FilesDir); err != nil {
		l.add(generator.FilesDir, 0, "no files/ directory beside the manifest", "create files/ and put the project tree in it")
		return
	}
	var modeRules []string
	if m != nil {
		for _, r := range m.Files {
			if r.Mode != "" {
				modeRules = append(modeRules, r.Match)
			}
		}
	}
	_ = fs.WalkDir(fsys, generator.FilesDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == generator.FilesDir {
			return err
		}
		rel := strings.TrimPrefix(p, generator.FilesDir+"/")
		if strings.Contains(d.Name(), "{{") {
			if err := render.CheckSyntax(rel, d.Name()); err != nil {
				l.add(p, 0, "path element "+d.Name()+": "+templateMessage(err), templateFix(err))
			}
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if strings.HasSuffix(p, generator.TemplateSuffix) {
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			if err := render.CheckSyntax(rel, string(data)); err != nil {
				line := 0
				msg := err.Error()
				if mm := parseLineRe.FindStringSubmatch(msg); mm != nil {
					line, _ = strconv.Atoi(mm[1])
				}
				l.add(p, line, templateMessage(err), templateFix(err))
			}
		}
		if info, err := d.Info(); err == nil && info.Mode().Perm()&0o111 != 0 && !declaresMode(modeRules, rel) {
			l.add(p, 0, fmt.Sprintf("executable on disk (%04o), but no files rule gives it a mode: the mode is not carried into projects", info.Mode().Perm()),
				fmt.Sprintf("add to the manifest: files:\n  - match: %s\n    mode: \"0755\"\n(or chmod -x it if it need not be executable)", strings.TrimSuffix(rel, generator.TemplateSuffix)))
		}
		return nil
	})
}

func declaresMode(patterns []string, rel string) bool {
	for _, pat := range patterns {
		for _, name := range []string{rel, strings.TrimSuffix(rel, generator.TemplateSuffix)} {
			if ok, _ := path.Match(pat, name); ok {
				return true
			}
			if strings.Contains(pat, "**") {
				if ok, _ := path.Match(strings.ReplaceAll(pat, "**/", ""), path.Base(name)); ok {
					return true
				}
			}
		}
	}
	return false
}

var undefinedFuncRe = lazyre.New(`function "([^"]+)" not defined`)

func templateMessage(err error) string {
	msg := err.Error()
	if mm := parseLineRe.FindStringSubmatch(msg); mm != nil {
		msg = mm[2]
	}
	if f := undefinedFuncRe.FindStringSubmatch(msg); f != nil && slices.Contains(render.BannedFuncs(), f[1]) {
		return fmt.Sprintf("uses the banned function %q", f[1])
	}
	return "template syntax: " + msg
}

func templateFix(err error) string {
	if f := undefinedFuncRe.FindStringSubmatch(err.Error()); f != nil {
		if slices.Contains(render.BannedFuncs(), f[1]) {
			return "remove the call: " + bannedFix
		}
		return "use a function scaffold has (text/template's, sprig's hermetic ones, the name functions); see docs/template-format.md"
	}
	return "correct the template syntax (an unclosed {{ or a missing {{end}}?); name the file without .tmpl if it must be copied as it is"
}

// golden resolves and renders every golden case: an option set that does
// not validate, a destination that leaves the project, two files with one
// destination and a template that fails all surface here.
// Rendering waits for a clean template (render, when false, skips it), so a
// syntax error is not reported again by every case.
func (l *linter) golden(m *generator.Manifest, render bool) {
	for _, gc := range m.Golden {
		line := l.itemLine("golden", "name", gc.Name)
		opts := map[string]string{}
		for k, v := range gc.Options {
			opts[k] = generator.FormatOptionValue(v)
		}
		p, err := generator.Resolve(m, generator.Request{Name: gc.ProjectName(), Options: opts}, generator.SeededRandom("lint"))
		if err != nil {
			l.add(generator.ManifestFile, line, fmt.Sprintf("golden case %q does not resolve: %v", gc.Name, err), "give the case option values the options accept (see their kind, choices and validate)")
			continue
		}
		if !render {
			continue
		}
		files, err := generator.Generate(p)
		if err != nil {
			msg := strings.TrimPrefix(err.Error(), "template "+m.Name+": ")
			file, fix := generator.ManifestFile, "fix the file or rule it names"
			switch {
			case strings.Contains(msg, "both write"):
				fix = "give each file a destination of its own (a dest: or a when: rule)"
			case strings.Contains(msg, "inside the project") || strings.Contains(msg, "absolute") || strings.Contains(msg, "backslash"):
				fix = "make the destination a relative path inside the project, without '..'"
			}
			if src, _, ok := strings.Cut(msg, ": "); ok && !strings.Contains(src, " ") {
				if _, err := fs.Stat(os.DirFS(l.dir), path.Join(generator.FilesDir, src)); err == nil {
					file = path.Join(generator.FilesDir, src)
				}
			}
			l.add(file, 0, fmt.Sprintf("golden case %q: %s", gc.Name, msg), fix)
			continue
		}
		for _, f := range files {
			if err := tree.CheckLocal(f.Path); err != nil {
				l.add(generator.ManifestFile, line, fmt.Sprintf("golden case %q: %v", gc.Name, err), "make the destination a relative path inside the project")
			}
		}
	}
}

func splitErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, splitErrors(e)...)
		}
		return out
	}
	return []error{err}
}
