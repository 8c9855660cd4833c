package e2e_test

// The add fixtures (testdata/add/<fw>/fixture.txtar, the update fixtures'
// format: user sections and http) are a user's edits to the framework's
// default project: a route with its own test, the README. Then `scaffold add
// database=postgres docker ci` and `scaffold add database=none` go through
// the calls the CLI makes (RenderUpdate with the changed answers, Plan,
// write.Replace). TestAddFixtures checks, in go test, that every change is
// clean and keeps the edits.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/e2e"
	"github.com/scaffold-cli/scaffold/generator/write"
	"github.com/scaffold-cli/scaffold/templates"
)

// addedProject is a default project, edited, then changed by add.
type addedProject struct {
	dir     string
	project *generator.Project
	current *generator.Manifest
}

// editedProject generates framework f's default case with the current
// templates and makes the fixture's user edits.
func editedProject(t *testing.T, f *updateFixture) *addedProject {
	t.Helper()
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	m, err := catalog.Lookup(f.framework)
	if err != nil {
		t.Fatal(err)
	}
	_, dir := e2e.GenerateCase(t, m, goldenCase(t, m, "default"), e2e.Options{})
	if err := applyUserEdits(f, dir); err != nil {
		t.Fatalf("%v", err)
	}
	return &addedProject{dir: dir, current: m}
}

// addLikeTheCLI changes the project's options as `scaffold add` does and
// fails on any conflict.
func addLikeTheCLI(t *testing.T, ap *addedProject, sets map[string]string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(ap.dir, generator.AnswersFile))
	if err != nil {
		t.Fatalf("%v", err)
	}
	answers, err := generator.ParseAnswers(data)
	if err != nil {
		t.Fatalf("%v", err)
	}
	ours := os.DirFS(ap.dir)
	sides, err := generator.RenderUpdate(ap.current, answers, ours, sets, updateSeed)
	if err != nil {
		t.Fatalf("%v", err)
	}
	plan, err := sides.Plan(ours, data)
	if err != nil {
		t.Fatalf("%v", err)
	}
	if u := plan.Unresolved(); len(u) > 0 {
		for _, c := range plan.Changes {
			if slices.Contains(u, c.Path) && c.Write != nil {
				t.Logf("%s:\n%s", c.Path, conflictRegions(c.Write.Data))
			}
		}
		t.Fatalf("add %v left conflicts in %s; want a clean change", sets, strings.Join(u, ", "))
	}
	put, remove := plan.Files()
	if err := write.Replace(context.Background(), ap.dir, write.Changes{Put: put, Remove: remove}, write.Options{}); err != nil {
		t.Fatalf("%v", err)
	}
	ap.project = sides.Project
}

// addSteps are the changes every framework goes through: the database,
// Docker and CI in, then the database out again.
func addSteps(t *testing.T, m *generator.Manifest) []map[string]string {
	t.Helper()
	db, ok := m.Option("database")
	if !ok || !slices.Contains(db.Choices, "postgres") || !slices.Contains(db.Choices, "none") {
		t.Fatalf("%s: the add fixtures need a database option with postgres and none", m.Name)
	}
	return []map[string]string{
		{"database": "postgres", "docker": "true", "ci": "true"},
		{"database": "none"},
	}
}

func TestAddFixtures(t *testing.T) {
	for _, f := range loadFixtures(t, "add") {
		t.Run(f.framework, func(t *testing.T) {
			ap := editedProject(t, f)
			for i, sets := range addSteps(t, ap.current) {
				addLikeTheCLI(t, ap, sets)
				checkUserEdits(t, f, ap.dir)
				if i == 0 {
					for _, p := range []string{"Dockerfile", ".github/workflows/ci.yml"} {
						if _, err := os.Stat(filepath.Join(ap.dir, p)); err != nil {
							t.Errorf("after add docker ci: %v", err)
						}
					}
				}
			}
		})
	}
}

// checkUserEdits: the user's own files and added lines survive a change.
func checkUserEdits(t *testing.T, f *updateFixture, dir string) {
	t.Helper()
	for _, op := range f.ops {
		if op.side != "user" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(op.path)))
		switch {
		case op.verb == "delete":
			if err == nil {
				t.Errorf("the change brought back %s, which the user removed", op.path)
			}
		case err != nil:
			t.Errorf("after the change: %v", err)
		case op.verb == "new" && !bytes.Equal(data, op.data):
			t.Errorf("the user's own %s changed:\n%s", op.path, data)
		case op.verb == "edit":
			got := "\n" + string(data)
			for _, line := range addedLines(op.data) {
				if !strings.Contains(got, "\n"+line+"\n") {
					t.Errorf("the change lost the user's line in %s: %q", op.path, line)
				}
			}
		}
	}
}

// conflictRegions is the text between conflict markers, with a line of
// context, for a failure message.
func conflictRegions(data []byte) string {
	lines := strings.Split(string(data), "\n")
	var out []string
	in := false
	for i, l := range lines {
		if strings.HasPrefix(l, "<<<<<<< ") {
			in = true
			if i > 0 {
				out = append(out, "  "+lines[i-1])
			}
		}
		if in {
			out = append(out, "  "+l)
		}
		if strings.HasPrefix(l, ">>>>>>> ") {
			in = false
			out = append(out, "  ...")
		}
	}
	return strings.Join(out, "\n")
}

// dockerInstructions are the instructions a Dockerfile may hold.
var dockerInstructions = []string{"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
	"LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}

// checkDockerfile reads a Dockerfile as the builder does (comments, line
// continuations, here-documents) and says what it cannot parse: an unknown
// instruction, an instruction before FROM (ARG aside), one without
// arguments, a JSON form that is not an array of strings, a here-document
// that never ends.
func checkDockerfile(data []byte) []string {
	var problems []string
	bad := func(line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
	}
	lines := strings.Split(string(data), "\n")
	sawFrom := false
	for i := 0; i < len(lines); i++ {
		if l := strings.TrimSpace(lines[i]); l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		start := i + 1
		logical := strings.TrimRight(lines[i], " \t")
		for strings.HasSuffix(logical, "\\") && i+1 < len(lines) {
			i++
			if strings.HasPrefix(strings.TrimSpace(lines[i]), "#") {
				continue // a comment inside a continued instruction
			}
			logical = strings.TrimSuffix(logical, "\\") + " " + strings.TrimRight(lines[i], " \t")
		}
		fields := strings.Fields(logical)
		for _, word := range fields[1:] {
			tag, ok := strings.CutPrefix(word, "<<")
			if !ok || tag == "" {
				continue
			}
			tag = strings.Trim(strings.TrimPrefix(tag, "-"), `"'`)
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != tag {
				i++
			}
			if i+1 >= len(lines) {
				bad(start, "here-document %s never ends", tag)
			}
			i++
		}
		instr := strings.ToUpper(fields[0])
		switch {
		case !slices.Contains(dockerInstructions, instr):
			bad(start, "unknown instruction %s", fields[0])
			continue
		case !sawFrom && instr != "FROM" && instr != "ARG":
			bad(start, "%s before FROM", instr)
		case len(fields) < 2:
			bad(start, "%s without arguments", instr)
		}
		sawFrom = sawFrom || instr == "FROM"
		rest := strings.TrimSpace(strings.TrimSpace(logical)[len(fields[0]):])
		if slices.Contains([]string{"CMD", "ENTRYPOINT", "RUN", "SHELL"}, instr) && strings.HasPrefix(rest, "[") {
			var args []string
			if err := json.Unmarshal([]byte(rest), &args); err != nil {
				bad(start, "%s is not a JSON array of strings: %v", instr, err)
			}
		}
	}
	if !sawFrom {
		problems = append(problems, "no FROM")
	}
	return problems
}

// The checker refuses what the builder refuses and takes what it takes.
func TestCheckDockerfile(t *testing.T) {
	good := "# syntax=docker/dockerfile:1\nARG V=1\nFROM golang:1.26 AS build\nRUN go build \\\n  # a comment\n  -o /app .\nRUN <<EOF\necho hi\nEOF\nCMD [\"/app\"]\n"
	if p := checkDockerfile([]byte(good)); len(p) > 0 {
		t.Errorf("a good Dockerfile: %v", p)
	}
	for _, bad := range []string{"RUN echo\nFROM x\n", "FROM x\nRUNN echo\n", "FROM x\nCMD [\"a\", b]\n", "FROM x\nRUN <<EOF\necho\n", "# nothing\n", "FROM x\nUSER\n"} {
		if p := checkDockerfile([]byte(bad)); len(p) == 0 {
			t.Errorf("accepted %q", bad)
		}
	}
	// Every Dockerfile the built-in frameworks generate parses.
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range catalog.Manifests() {
		for _, gc := range m.Golden {
			files := generateInMemory(t, m, gc)
			for _, f := range files {
				if path.Base(f.Path) == "Dockerfile" {
					n++
					if p := checkDockerfile(f.Data); len(p) > 0 {
						t.Errorf("%s/%s %s: %v", m.Name, gc.Name, f.Path, p)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no golden case has a Dockerfile")
	}
}

func generateInMemory(t *testing.T, m *generator.Manifest, gc generator.GoldenCase) []generator.File {
	t.Helper()
	values := map[string]string{}
	for k, v := range gc.Options {
		values[k] = generator.FormatOptionValue(v)
	}
	p, err := generator.Resolve(m, generator.Request{Name: gc.ProjectName(), Options: values}, generator.SeededRandom("docker"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	return files
}
