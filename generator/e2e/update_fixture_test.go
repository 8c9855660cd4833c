package e2e_test

// The update fixtures: testdata/update/<framework>/fixture.txtar holds, per
// framework, the edits a user makes to a freshly generated project, the
// template change that stands in for its next version (v2, over the real
// templates with the real frozen v1), and what `scaffold update` must make
// of the two. TestUpdateFixtures (here, in every `go test`) runs the update
// in memory and on disk; TestE2EUpdate (e2e tag) then runs the updated
// project with its own toolchain.
//
// A fixture's sections, by name:
//
//	user new PATH        a file the user adds to the project
//	user edit PATH       hunks the user applies to a project file
//	user delete PATH     a project file the user removes
//	template new PATH    a file added to the templates tree (PATH from templates/)
//	template edit PATH   hunks applied to a templates file
//	template delete PATH a templates file removed
//	report               the update's report, one "ACTION PATH" a line, exactly
//	http                 requests the updated project's server must answer
//	                     (the user's route), one "GET PATH STATUS TEXT" a line,
//	                     TEXT in the body; "GET PATH Name:value... STATUS TEXT"
//	                     sends headers too; checked after the manifest's own
//	check PATH           lines the updated file must have ("+ TEXT") or lack
//	                     ("- TEXT"), or the one line starting with TEXT that
//	                     the update must leave as it was ("= TEXT": a secret)
//
// A hunk starts with a line "@@" and has context lines (" TEXT", or an empty
// line), removed lines ("-TEXT") and added lines ("+TEXT"): its context and
// removed lines must occur exactly once in the file, and are replaced by its
// context and added lines. A hunk without context or removed lines appends.
// Every line a user hunk adds, and every file the user adds, must survive
// the update.

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/e2e"
	"github.com/scaffold-cli/scaffold/generator/source"
	"github.com/scaffold-cli/scaffold/generator/update"
	"github.com/scaffold-cli/scaffold/generator/write"
	"github.com/scaffold-cli/scaffold/templates"
)

// updateSeed seeds the update's renderings. It differs from the seed the
// project was generated with, as a real update's random seed does, so the
// project's own secrets must survive the update.
const updateSeed = "update-e2e"

type fixtureOp struct {
	side, verb, path string
	data             []byte
}

type updateFixture struct {
	framework string
	ops       []fixtureOp
	report    []string
	checks    map[string][]string
	http      []generator.HTTPCheck
}

func loadUpdateFixtures(t *testing.T) []*updateFixture {
	t.Helper()
	return loadFixtures(t, "update")
}

// loadFixtures reads testdata/KIND/*/fixture.txtar ("update" or "add").
func loadFixtures(t *testing.T, kind string) []*updateFixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", kind, "*", "fixture.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no %s fixtures under testdata/%s (%v)", kind, kind, err)
	}
	var out []*updateFixture
	for _, p := range paths {
		f, err := parseFixture(p, kind == "update")
		if err != nil {
			t.Fatalf("%v", err)
		}
		out = append(out, f)
	}
	return out
}

func parseFixture(file string, needReport bool) (*updateFixture, error) {
	a, err := txtar.ParseFile(file)
	if err != nil {
		return nil, err
	}
	f := &updateFixture{framework: filepath.Base(filepath.Dir(file)), checks: map[string][]string{}}
	for _, s := range a.Files {
		fields := strings.Fields(s.Name)
		switch {
		case len(fields) == 1 && fields[0] == "report":
			for _, line := range strings.Split(strings.TrimSpace(string(s.Data)), "\n") {
				f.report = append(f.report, strings.Join(strings.Fields(line), " "))
			}
			slices.Sort(f.report)
		case len(fields) == 1 && fields[0] == "http":
			for _, line := range strings.Split(strings.TrimSpace(string(s.Data)), "\n") {
				c, err := parseHTTPLine(line)
				if err != nil {
					return nil, fmt.Errorf("%s: %v", file, err)
				}
				f.http = append(f.http, c)
			}
		case len(fields) == 2 && fields[0] == "check":
			for _, line := range strings.Split(strings.TrimRight(string(s.Data), "\n"), "\n") {
				if !strings.HasPrefix(line, "+ ") && !strings.HasPrefix(line, "- ") && !strings.HasPrefix(line, "= ") {
					return nil, fmt.Errorf("%s: section %q: line %q starts with none of \"+ \", \"- \", \"= \"", file, s.Name, line)
				}
				f.checks[fields[1]] = append(f.checks[fields[1]], line)
			}
		case len(fields) == 3 && (fields[0] == "user" || fields[0] == "template") &&
			(fields[1] == "new" || fields[1] == "edit" || fields[1] == "delete"):
			f.ops = append(f.ops, fixtureOp{side: fields[0], verb: fields[1], path: fields[2], data: s.Data})
		default:
			return nil, fmt.Errorf("%s: section %q is none of: user|template new|edit|delete PATH, report, http, check PATH", file, s.Name)
		}
	}
	if needReport && len(f.report) == 0 {
		return nil, fmt.Errorf("%s: no report section: say what the update must do", file)
	}
	return f, nil
}

// applyHunks applies a fixture's hunks to data.
func applyHunks(data, hunks []byte) ([]byte, error) {
	text := string(data)
	var blocks [][]string
	for _, line := range strings.Split(strings.TrimRight(string(hunks), "\n"), "\n") {
		if strings.HasPrefix(line, "@@") {
			blocks = append(blocks, nil)
			continue
		}
		if len(blocks) == 0 {
			return nil, fmt.Errorf("line %q comes before the first @@", line)
		}
		blocks[len(blocks)-1] = append(blocks[len(blocks)-1], line)
	}
	for _, b := range blocks {
		var old, repl []string
		for _, line := range b {
			switch {
			case line == "":
				old, repl = append(old, ""), append(repl, "")
			case line[0] == ' ':
				old, repl = append(old, line[1:]), append(repl, line[1:])
			case line[0] == '-':
				old = append(old, line[1:])
			case line[0] == '+':
				repl = append(repl, line[1:])
			default:
				return nil, fmt.Errorf("hunk line %q starts with none of ' ', '-', '+'", line)
			}
		}
		if len(old) == 0 {
			text += strings.Join(repl, "\n") + "\n"
			continue
		}
		from, to := "\n"+strings.Join(old, "\n")+"\n", "\n"+strings.Join(repl, "\n")+"\n"
		if n := strings.Count("\n"+text, from); n != 1 {
			return nil, fmt.Errorf("hunk's old lines occur %d times, want once:\n%s", n, strings.TrimSpace(from))
		}
		text = strings.Replace("\n"+text, from, to, 1)[1:]
	}
	return []byte(text), nil
}

// addedLines are the lines a user's hunks add.
func addedLines(hunks []byte) []string {
	var out []string
	for _, line := range strings.Split(string(hunks), "\n") {
		if strings.HasPrefix(line, "+") {
			out = append(out, line[1:])
		}
	}
	return out
}

// templatesV2 is the fixture's next template version: the real templates
// tree, in memory, with the fixture's template sections applied and
// template_version one up. The framework's history/ stays the real one.
func templatesV2(f *updateFixture) (fstest.MapFS, error) {
	tree := fstest.MapFS{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		tree[p] = &fstest.MapFile{Data: data, Mode: info.Mode(), ModTime: info.ModTime()}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, op := range f.ops {
		if op.side != "template" {
			continue
		}
		p := path.Clean(op.path)
		file, exists := tree[p]
		switch op.verb {
		case "new":
			if exists {
				return nil, fmt.Errorf("template new %s: templates already have it (edit it instead)", p)
			}
			tree[p] = &fstest.MapFile{Data: op.data, Mode: 0o444}
		case "edit", "delete":
			if !exists {
				return nil, fmt.Errorf("template %s %s: templates have no such file; fix the fixture", op.verb, p)
			}
			if op.verb == "delete" {
				delete(tree, p)
				continue
			}
			data, err := applyHunks(file.Data, op.data)
			if err != nil {
				return nil, fmt.Errorf("template edit %s: %v", p, err)
			}
			tree[p] = &fstest.MapFile{Data: data, Mode: file.Mode}
		}
	}
	// The next version: template_version one up, whatever the current one.
	manifest := path.Join(f.framework, source.ManifestFile)
	m, ok := tree[manifest]
	if !ok {
		return nil, fmt.Errorf("no %s in the templates", manifest)
	}
	loc := templateVersionRe.FindSubmatchIndex(m.Data)
	if loc == nil {
		return nil, fmt.Errorf("%s has no template_version line", manifest)
	}
	v, _ := strconv.Atoi(string(m.Data[loc[2]:loc[3]]))
	bumped := append(append(append([]byte(nil), m.Data[:loc[2]]...), strconv.Itoa(v+1)...), m.Data[loc[3]:]...)
	tree[manifest] = &fstest.MapFile{Data: bumped, Mode: m.Mode}
	return tree, nil
}

// templateVersionRe finds a manifest's template_version (the number in group 1).
var templateVersionRe = regexp.MustCompile(`(?m)^template_version:[ \t]*([0-9]+)[ \t]*$`)

// applyUserEdits makes the fixture's user edits to the project in dir.
func applyUserEdits(f *updateFixture, dir string) error {
	for _, op := range f.ops {
		if op.side != "user" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(op.path))
		old, err := os.ReadFile(p)
		exists := err == nil
		switch {
		case op.verb == "new" && exists:
			return fmt.Errorf("user new %s: the project already has it (edit it instead)", op.path)
		case op.verb != "new" && !exists:
			return fmt.Errorf("user %s %s: the project has no such file: %v", op.verb, op.path, err)
		}
		switch op.verb {
		case "new":
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			err = os.WriteFile(p, op.data, 0o644)
		case "edit":
			var data []byte
			if data, err = applyHunks(old, op.data); err == nil {
				err = os.WriteFile(p, data, 0o644)
			}
		case "delete":
			err = os.Remove(p)
		}
		if err != nil {
			return fmt.Errorf("user %s %s: %v", op.verb, op.path, err)
		}
	}
	return nil
}

// updatedCase is a project generated at version 1, edited and updated to
// the fixture's version 2.
type updatedCase struct {
	dir     string
	project *generator.Project // the updated project, as version 2 resolves it
	current *generator.Manifest
	times   [2]time.Duration // generate and edit; update
}

// runUpdateFixture generates the framework's default golden case at the
// current template version, applies the user's edits, updates the project
// to the fixture's version 2 with the calls `scaffold update` makes, and
// checks the result against the fixture.
func runUpdateFixture(t *testing.T, f *updateFixture) *updatedCase {
	t.Helper()
	start := time.Now()
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	v1, err := catalog.Lookup(f.framework)
	if err != nil {
		t.Fatalf("fixture %s/fixture.txtar: %v", f.framework, err)
	}
	gc := goldenCase(t, v1, "default")
	_, dir := e2e.GenerateCase(t, v1, gc, e2e.Options{})
	if err := applyUserEdits(f, dir); err != nil {
		t.Fatalf("%v", err)
	}
	kept := keptLines(t, f, dir)
	uc := &updatedCase{dir: dir}
	uc.times[0] = time.Since(start)

	start = time.Now()
	tree, err := templatesV2(f)
	if err != nil {
		t.Fatalf("%v", err)
	}
	catalog2, err := generator.LoadCatalog(tree)
	if err != nil {
		t.Fatalf("the fixture's version 2 templates do not load: %v", err)
	}
	plan, sides := updateLikeTheCLI(t, catalog2, dir)
	uc.times[1] = time.Since(start)
	uc.project, uc.current = sides.Project, sides.Project.Manifest
	if sides.From != v1.TemplateVersion || sides.To != v1.TemplateVersion+1 {
		t.Fatalf("updated from template version %d to %d, want %d to %d: the fixture's manifest edit must bump template_version once",
			sides.From, sides.To, v1.TemplateVersion, v1.TemplateVersion+1)
	}
	if u := plan.Unresolved(); len(u) > 0 {
		t.Errorf("the update left conflicts in %s; want a clean update (exit 0)", strings.Join(u, ", "))
	}
	var report []string
	for _, c := range plan.Reported() {
		report = append(report, string(c.Action)+" "+c.Path)
		t.Logf("  %-10s %s  (%s)", c.Action, c.Path, c.Why)
	}
	slices.Sort(report)
	if !slices.Equal(report, f.report) {
		t.Errorf("the update's report:\n\t%s\nwant (fixture's report section):\n\t%s", strings.Join(report, "\n\t"), strings.Join(f.report, "\n\t"))
	}
	checkKeptEdits(t, f, dir, kept)
	return uc
}

// updateLikeTheCLI runs `scaffold update DIR` with catalog as the
// scaffold's templates: the calls cmd/scaffold/cli/update.go makes, in its
// order (a temporary directory is no git work tree, so its dirty check has
// nothing to say).
func updateLikeTheCLI(t *testing.T, catalog *generator.Catalog, dir string) (*update.Plan, *generator.UpdateSides) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, generator.AnswersFile))
	if err != nil {
		t.Fatalf("%v", err)
	}
	answers, err := generator.ParseAnswers(data)
	if err != nil {
		t.Fatalf("%v", err)
	}
	current, err := catalog.Lookup(answers.Framework)
	if err != nil {
		t.Fatalf("%v", err)
	}
	ours := os.DirFS(dir)
	sides, err := generator.RenderUpdate(current, answers, ours, nil, updateSeed)
	if err != nil {
		t.Fatalf("%v", err)
	}
	plan, err := sides.Plan(ours, data)
	if err != nil {
		t.Fatalf("%v", err)
	}
	if !plan.Changed() {
		t.Fatalf("the update has nothing to do; the fixture's version 2 must change the project")
	}
	put, remove := plan.Files()
	if err := write.Replace(context.Background(), dir, write.Changes{Put: put, Remove: remove}, write.Options{}); err != nil {
		t.Fatalf("%v", err)
	}
	after, err := os.ReadFile(filepath.Join(dir, generator.AnswersFile))
	if err != nil {
		t.Fatalf("%v", err)
	}
	if a, err := generator.ParseAnswers(after); err != nil || a.TemplateVersion != sides.To {
		t.Errorf("%s after the update does not record template version %d (%v):\n%s", generator.AnswersFile, sides.To, err, after)
	}
	return plan, sides
}

// checkKeptEdits: the user's files and added lines survive, and the
// fixture's check sections hold.
func checkKeptEdits(t *testing.T, f *updateFixture, dir string, kept map[string]string) {
	t.Helper()
	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("after the update: %v", err)
		}
		return string(data)
	}
	for _, op := range f.ops {
		if op.side != "user" {
			continue
		}
		switch op.verb {
		case "new":
			if got := read(op.path); got != string(op.data) {
				t.Errorf("the user's own %s changed in the update:\n%s", op.path, got)
			}
		case "edit":
			got := "\n" + read(op.path)
			for _, line := range addedLines(op.data) {
				if !strings.Contains(got, "\n"+line+"\n") {
					t.Errorf("the update lost the user's line in %s: %q", op.path, line)
				}
			}
		case "delete":
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(op.path))); err == nil {
				t.Errorf("the update brought back %s, which the user removed", op.path)
			}
		}
	}
	for p, lines := range f.checks {
		got := "\n" + read(p)
		for _, c := range lines {
			line := c[2:]
			if c[0] == '=' {
				if got, _ := lineStarting(got[1:], line); got != kept[p+"\x00"+line] {
					t.Errorf("the update changed %s's line %q... to %q; it must stay %q", p, line, got, kept[p+"\x00"+line])
				}
				continue
			}
			if has := strings.Contains(got, "\n"+line+"\n"); has != (c[0] == '+') {
				t.Errorf("after the update, %s: want %s", p, map[bool]string{true: "the line " + fmt.Sprintf("%q", line), false: "no line " + fmt.Sprintf("%q", line)}[c[0] == '+'])
			}
		}
	}
}

// keptLines reads, before the update, the lines the fixture's "= TEXT"
// checks say the update must leave alone.
func keptLines(t *testing.T, f *updateFixture, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for p, lines := range f.checks {
		for _, c := range lines {
			if c[0] != '=' {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
			if err != nil {
				t.Fatalf("check %s: %v", p, err)
			}
			line, err := lineStarting(string(data), c[2:])
			if err != nil {
				t.Fatalf("check %s: %v", p, err)
			}
			out[p+"\x00"+c[2:]] = line
		}
	}
	return out
}

// lineStarting is the one line of text that starts with prefix.
func lineStarting(text, prefix string) (string, error) {
	var found []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			found = append(found, line)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("%d lines start with %q, want one", len(found), prefix)
	}
	return found[0], nil
}

func goldenCase(t *testing.T, m *generator.Manifest, name string) generator.GoldenCase {
	t.Helper()
	for _, gc := range m.Golden {
		if gc.Name == name {
			return gc
		}
	}
	t.Fatalf("%s has no golden case %q", m.Name, name)
	return generator.GoldenCase{}
}

// TestUpdateFixtures checks every fixture without running the projects: the
// edits apply, version 2 loads, the update is clean and reports what the
// fixture says, and every framework that has an e2e run has a fixture.
func TestUpdateFixtures(t *testing.T) {
	fixtures := loadUpdateFixtures(t)
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, f := range fixtures {
		have = append(have, f.framework)
		t.Run(f.framework, func(t *testing.T) { runUpdateFixture(t, f) })
	}
	for _, m := range catalog.Manifests() {
		if m.E2E != nil && !slices.Contains(have, m.Name) {
			t.Errorf("%s has an e2e run but no update fixture: add testdata/update/%s/fixture.txtar", m.Name, m.Name)
		}
	}
}

// parseHTTPLine reads "GET PATH [Name:value ...] STATUS TEXT".
func parseHTTPLine(line string) (generator.HTTPCheck, error) {
	bad := fmt.Errorf("http line %q is not GET PATH [Name:value ...] STATUS TEXT", line)
	w := strings.Split(line, " ")
	if len(w) < 4 || w[0] != "GET" {
		return generator.HTTPCheck{}, bad
	}
	c := generator.HTTPCheck{Path: w[1]}
	for i := 2; i < len(w)-1; i++ {
		if status, err := strconv.Atoi(w[i]); err == nil {
			c.Status, c.Contains = status, strings.Join(w[i+1:], " ")
			return c, nil
		}
		name, value, ok := strings.Cut(w[i], ":")
		if !ok || name == "" || value == "" {
			return generator.HTTPCheck{}, bad
		}
		if c.Headers == nil {
			c.Headers = map[string]string{}
		}
		c.Headers[name] = value
	}
	return generator.HTTPCheck{}, bad
}

// withChecks is e with the fixture's requests added to its server's checks
// (the host's server, or the chroot's).
func withChecks(e *generator.E2E, checks []generator.HTTPCheck) *generator.E2E {
	if len(checks) == 0 {
		return e
	}
	add := func(s *generator.Serve) *generator.Serve {
		if s == nil {
			return nil
		}
		c := *s
		c.Checks = append(slices.Clone(s.Checks), checks...)
		return &c
	}
	out := *e
	out.Serve = add(e.Serve)
	if e.Chroot != nil {
		c := *e.Chroot
		c.Serve = add(e.Chroot.Serve)
		out.Chroot = &c
	}
	return &out
}

func TestParseHTTPLine(t *testing.T) {
	c, err := parseHTTPLine("GET /hello?name=Ada 200 Hello, Ada!")
	if err != nil || c.Path != "/hello?name=Ada" || c.Status != 200 || c.Contains != "Hello, Ada!" || c.Headers != nil {
		t.Errorf("plain line: %+v, %v", c, err)
	}
	c, err = parseHTTPLine("GET /hello X-Forwarded-Proto:https Host:10.1.2.3 200 Hello, world!")
	if err != nil || c.Status != 200 || c.Contains != "Hello, world!" ||
		c.Headers["X-Forwarded-Proto"] != "https" || c.Headers["Host"] != "10.1.2.3" {
		t.Errorf("line with headers: %+v, %v", c, err)
	}
	for _, bad := range []string{"POST /x 200 ok", "GET /x 200", "GET /x nope 200 ok", "GET /x X-A: 200 ok", "GET /x X-A:b ok"} {
		if _, err := parseHTTPLine(bad); err == nil {
			t.Errorf("parseHTTPLine(%q) accepted it", bad)
		}
	}
}
