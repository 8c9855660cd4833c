package reliability_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
)

// badInput is one way of calling scaffold wrongly. Every case runs in a
// fresh sandbox; scaffold must fail with code and a one-line error
// mentioning want, and the sandbox (working directory, its parent, $TMPDIR,
// $HOME) must be exactly as before: no file created, changed or removed, not
// even created and removed again (directory mtimes are compared too).
type badInput struct {
	label string
	args  []string
	setup func(t *testing.T, s *sandbox)
	code  int
	want  string
}

// badNames are project names every framework must refuse (want "" means
// the quoted name). The first framework of the catalog gets them all through
// the CLI; the others get the core ones (marked *), since every framework's
// name rules start with the same CheckProjectName — which FuzzProjectName
// checks for every framework on any input.
var badNames = []struct {
	label, name, want string
}{
	{"*empty", "", "missing the project name"},
	{"dot", ".", ""},
	{"*dotdot", "..", ""},
	{"*dotdot-slash", "../x", ""},
	{"dotdot-deep", "../../../../tmp/x", ""},
	{"*slash", "a/b", ""},
	{"trailing-slash", "app/", ""},
	{"backslash", `a\b`, ""},
	{"backslash-dotdot", `..\x`, ""},
	{"*absolute", "/tmp/x", ""},
	{"root", "/", ""},
	{"absolute-dotdot", "/../etc", ""},
	{"tilde", "~", ""},
	{"tilde-path", "~/x", ""},
	{"dash", "-", ""},
	{"hidden", ".app", ""},
	{"underscore-first", "_app", ""},
	{"digit-first", "1app", ""},
	{"*space-inside", "my app", ""},
	{"space-leading", " app", ""},
	{"space-trailing", "app ", ""},
	{"tab", "my\tapp", ""},
	{"*newline", "a\nb", ""},
	{"carriage-return", "a\rb", ""},
	{"escape-sequence", "a\x1b[31mb", ""},
	{"delete-char", "a\x7fb", ""},
	{"bell", "app\x07", ""},
	{"*non-ascii-accent", "café", ""},
	{"non-ascii-cjk", "名前", ""},
	{"non-ascii-zero-width", "zero\u200bwidth", ""},
	{"non-ascii-rtl-override", "\u202eppa", ""},
	{"non-ascii-homoglyph", "\u0430pp", ""},
	{"non-ascii-nbsp", "my\u00a0app", ""},
	{"non-ascii-fullwidth", "ａｐｐ", ""},
	{"invalid-utf8", "app\xff", ""},
	{"length-101", strings.Repeat("a", 101), "101 characters"},
	{"length-256", strings.Repeat("a", 256), "256 characters"},
	{"*length-300", strings.Repeat("a", 300), "300 characters"},
	{"*windows-con", "con", ""},
	{"windows-CON", "CON", ""},
	{"windows-nul-ext", "nul.txt", ""},
	{"windows-com1", "com1", ""},
	{"windows-lpt9", "LPT9", ""},
	{"windows-aux", "aux", ""},
	{"windows-prn", "prn", ""},
	{"*shell-subst", "$(touch pwned)", ""},
	{"shell-backtick", "`id`", ""},
	{"shell-semicolon", "a;b", ""},
	{"shell-pipe", "a|b", ""},
	{"shell-glob", "a*b", ""},
	{"colon", "a:b", ""},
	{"quote", `a"b`, ""},
	{"*trailing-dot", "app.", ""},
	{"trailing-dash", "app-", ""},
}

// reservedNames are names one ecosystem refuses: keywords, standard
// library modules, framework names and constants. A framework that is not
// in the catalog yet is skipped with a message, and runs once it is.
//
// Where the ecosystem meets the word somewhere other than the project name,
// args says how to give it. Spring Boot, like Spring Initializr, does not
// take the Java package from a keyword project name ("class" gets
// com.example.demo, a working project), so Java keywords are given where
// they would break the build: in --package.
type reservedWords struct {
	framework, why string
	names          []string
	args           func(fw, word string) []string
}

var reservedNames = []reservedWords{
	{framework: "gin", why: "Go standard-library paths and go command names", names: []string{"fmt", "net", "strings", "testing", "main", "std", "cmd", "internal", "vendor"}},
	{framework: "django", why: "Python keywords and importable modules", names: []string{"class", "import", "def", "lambda", "os", "sys", "json", "django", "test"}},
	{framework: "flask", why: "Python keywords and standard-library modules", names: []string{"class", "import", "os", "json"}},
	{framework: "spring-boot", why: "Java keywords and literals in the Java package", names: []string{"class", "public", "package", "new", "int", "null", "true"},
		args: func(fw, word string) []string {
			return []string{"new", "demo", "--framework", fw, "--no-input", "--set", "package=com.example." + word}
		}},
	{framework: "rails", why: "Rails-reserved names and existing Ruby constants", names: []string{"application", "test", "rails", "object", "string", "hash", "kernel"}},
	{framework: "express", why: "Node core modules", names: []string{"http", "fs", "crypto", "events", "path", "node_modules"}},
	{framework: "koa", why: "Node core modules", names: []string{"http", "fs", "crypto", "events", "path", "node_modules"}},
}

// badInputsFor lists the bad invocations for one framework: every one when
// full, else those that depend on the framework (its options, the paths it
// plans) and a core of the rest.
func badInputsFor(m *generator.Manifest, full bool) []badInput {
	fw := m.Name
	newArgs := func(name string, extra ...string) []string {
		return append([]string{"new", name, "--framework", fw, "--no-input"}, extra...)
	}
	// core marks the cases every framework gets; the rest only when full.
	var cases []badInput
	add := func(core bool, c ...badInput) {
		if core || full {
			cases = append(cases, c...)
		}
	}
	for _, b := range badNames {
		label, core := strings.CutPrefix(b.label, "*")
		want := b.want
		if want == "" {
			want = strconv.Quote(b.name)
		}
		add(core, badInput{label: "name/" + label, args: newArgs(b.name), code: 2, want: want})
	}
	// A name starting with '-' is a flag to any CLI; after "--" it is a name.
	add(false,
		badInput{label: "name/dash-flag", args: newArgs("-rf"), code: 2, want: "unknown shorthand flag"},
		badInput{label: "name/dashdash-flag", args: newArgs("--rf"), code: 2, want: "unknown flag"},
		badInput{label: "name/two-names", args: newArgs("demo", "other"), code: 2, want: "one project name"},
	)
	add(true, badInput{label: "name/dash-after-dashdash", args: []string{"new", "--framework", fw, "--", "-rf"}, code: 2, want: `"-rf"`})

	// Options.
	add(true, badInput{label: "option/unknown-key", args: newArgs("demo", "--set", "no-such-option=1"), code: 2, want: "no-such-option"})
	add(false,
		badInput{label: "option/unknown-flag", args: newArgs("demo", "--no-such-flag"), code: 2, want: "unknown flag"},
		badInput{label: "option/set-without-equals", args: newArgs("demo", "--set", "docker"), code: 2, want: "--set"},
		badInput{label: "option/set-empty-key", args: newArgs("demo", "--set", "=x"), code: 2, want: "--set"},
		badInput{label: "option/json-without-dry-run", args: newArgs("demo", "--json"), code: 2, want: "--json"},
		badInput{label: "option/framework-twice", args: newArgs("demo", "--framework", fw), code: 2, want: "twice"},
	)
	for _, o := range m.Options {
		var values []string
		switch o.Kind {
		case generator.KindBool:
			values = []string{"maybe", "", "2"}
		case generator.KindChoice:
			values = []string{"no-such-choice", "", strings.ToUpper(o.Choices[0]) + "X"}
		default:
			values = []string{"", "a\x01b", "a\nb"}
		}
		for i, v := range values {
			add(true, badInput{label: fmt.Sprintf("option/%s-bad-value-%d", o.Key, i+1), args: newArgs("demo", "--set", o.Key+"="+v), code: 2, want: o.Key})
		}
		v := o.Default
		if o.Kind == generator.KindChoice {
			v = o.Choices[0]
		} else if o.Kind == generator.KindBool || v == "" || strings.Contains(v, "{{") {
			v = "true"
		}
		// Twice is checked before any option's meaning: the first option will do.
		add(full || o.Key == m.Options[0].Key,
			badInput{label: "option/" + o.Key + "-twice-set", args: newArgs("demo", "--set", o.Key+"="+v, "--set", o.Key+"="+v), code: 2, want: "twice"},
			badInput{label: "option/" + o.Key + "-twice-set-and-flag", args: newArgs("demo", "--set", o.Key+"="+v, "--"+o.Key+"="+v), code: 2, want: "twice"},
			badInput{label: "option/" + o.Key + "-twice-flag", args: newArgs("demo", "--"+o.Key+"="+v, "--"+o.Key+"="+v), code: 2, want: "twice"},
		)
	}
	// Every option is a flag for every framework; those of the others are
	// refused (all of them when full, else one per other framework).
	for _, other := range frameworks() {
		for _, o := range other.Options {
			if _, ok := m.Option(o.Key); !ok {
				add(true, badInput{label: "option/flag-of-" + other.Name + "-" + o.Key, args: newArgs("demo", "--"+o.Key+"=x"), code: 2, want: o.Key})
				if !full {
					break
				}
			}
		}
	}

	// Targets. The sandbox's working directory holds:
	//   file  full/keep.txt  hasanswers/.scaffold.yaml  empty/
	//   link-to-empty -> empty   dangling -> nowhere   link-to-file -> file
	target := func(label string, code int, want string, extra ...string) badInput {
		return badInput{label: "target/" + label, args: newArgs("demo", extra...), setup: targetFixtures, code: code, want: want}
	}
	add(true,
		target("is-a-file", 2, "not a directory", "--dir", "file"),
		target("non-empty-dir", 2, "not empty", "--dir", "full"),
		target("force-would-overwrite", 2, "never overwrites", "--dir", "hasanswers", "--force"),
		target("parent-missing", 1, "does not exist", "--dir", "nope/demo"),
		badInput{label: "target/parent-read-only", args: newArgs("demo", "--dir", "ro/demo"), setup: readOnlyFixture, code: 1, want: "read-only"},
	)
	add(false,
		target("non-empty-cwd", 2, "not empty", "--dir", "."),
		target("non-empty-parent", 2, "not empty", "--dir", ".."),
		target("filesystem-root", 2, "root of the file system", "--dir", "/"),
		// A link in --dir is followed (TestBadInputControl), but not to nowhere
		// or to a file.
		target("symlink-dangling", 2, "is a symbolic link to nowhere, which does not exist", "--dir", "dangling"),
		target("symlink-to-file", 2, "is a symbolic link to file, which is not a directory", "--dir", "link-to-file"),
		target("parent-is-a-file", 1, "not a directory", "--dir", "file/demo"),
		badInput{label: "target/default-dir-is-a-file", args: newArgs("demo"), code: 2, want: "not a directory",
			setup: func(t *testing.T, s *sandbox) { mustWrite(t, filepath.Join(s.work, "demo"), "mine\n") }},
		badInput{label: "target/default-dir-non-empty", args: newArgs("demo"), code: 2, want: "not empty",
			setup: func(t *testing.T, s *sandbox) { mustWrite(t, filepath.Join(s.work, "demo", "mine.txt"), "mine\n") }},
		badInput{label: "target/default-dir-symlink-to-full", args: newArgs("demo"), code: 2, want: "not empty",
			setup: func(t *testing.T, s *sandbox) {
				mustWrite(t, filepath.Join(s.work, "real", "mine.txt"), "mine\n")
				mustSymlink(t, "real", filepath.Join(s.work, "demo"))
			}},
		badInput{label: "target/empty-dir-read-only", args: newArgs("demo", "--dir", "ro"), setup: readOnlyFixture, code: 1, want: "read-only"},
	)

	// A link inside a --force target where the project puts a directory or
	// a file: scaffold never writes through a link, wherever it leads.
	dir, file := plannedDirAndFile(m)
	add(true,
		badInput{label: "target/force-link-out-of-target", args: newArgs("demo", "--dir", "full", "--force"), code: 2, want: "symbolic link",
			setup: func(t *testing.T, s *sandbox) {
				targetFixtures(t, s)
				mustMkdir(t, filepath.Join(s.base, "outside"))
				mustSymlink(t, filepath.Join(s.base, "outside"), filepath.Join(s.work, "full", dir))
			}},
		badInput{label: "target/force-link-inside-target", args: newArgs("demo", "--dir", "full", "--force"), code: 2, want: "symbolic link",
			setup: func(t *testing.T, s *sandbox) {
				targetFixtures(t, s)
				mustMkdir(t, filepath.Join(s.work, "full", "elsewhere"))
				mustSymlink(t, "elsewhere", filepath.Join(s.work, "full", dir))
			}},
		badInput{label: "target/force-file-is-a-link", args: newArgs("demo", "--dir", "full", "--force"), code: 2, want: "never overwrites",
			setup: func(t *testing.T, s *sandbox) {
				targetFixtures(t, s)
				mustSymlink(t, "/etc/passwd", filepath.Join(s.work, "full", file))
			}},
	)

	// Answers files (scaffold new --answers).
	answers := func(label string, code int, want, content string) badInput {
		return badInput{label: "answers/" + label, args: []string{"new", "--no-input", "--answers", "../../inputs/answers.yaml"}, code: code, want: want,
			setup: func(t *testing.T, s *sandbox) {
				if content != "" {
					mustWrite(t, filepath.Join(s.inputs, "answers.yaml"), content)
				}
			}}
	}
	add(true,
		answers("nul-in-name", 2, `"a\x00b"`, "framework: "+fw+"\nname: \"a\\0b\"\n"),
		answers("dotdot-name", 2, `".."`, "framework: "+fw+"\nname: ..\n"),
		answers("absolute-name", 2, `"/etc"`, "framework: "+fw+"\nname: /etc\n"),
		answers("unknown-option", 2, "no-such-option", "framework: "+fw+"\nname: demo\noptions:\n  no-such-option: 1\n"),
	)
	add(false,
		answers("missing-file", 1, "answers file", ""),
		answers("not-yaml", 2, "answers file", "{{{ not yaml\n"),
		answers("unknown-key", 2, "answers file", "framework: "+fw+"\nname: demo\nno_such_key: 1\n"),
		answers("no-name", 2, "answers file", "framework: "+fw+"\n"),
		answers("unknown-framework", 2, "no-such-framework", "framework: no-such-framework\nname: demo\n"),
	)
	for i := range cases {
		cases[i].label = fw + "/" + cases[i].label
	}
	return cases
}

// frameworkInputs are bad --framework values (framework-independent).
func frameworkInputs() []badInput {
	return []badInput{
		{label: "any/framework/unknown", args: []string{"new", "demo", "--framework", "no-such-framework"}, code: 2, want: "no-such-framework"},
		{label: "any/framework/empty", args: []string{"new", "demo", "--framework", ""}, code: 2, want: "--framework"},
		{label: "any/framework/missing", args: []string{"new", "demo", "--no-input"}, code: 2, want: "--framework"},
		{label: "any/framework/path", args: []string{"new", "demo", "--framework", "../templates/gin"}, code: 2, want: "../templates/gin"},
		{label: "any/framework/upper-case", args: []string{"new", "demo", "--framework", "GIN"}, code: 2, want: "GIN"},
		{label: "any/framework/trailing-space", args: []string{"new", "demo", "--framework", "gin "}, code: 2, want: `"gin "`},
		{label: "any/framework/typo", args: []string{"new", "demo", "--framework", "gni"}, code: 2, want: "gni"},
		{label: "any/framework/no-value", args: []string{"new", "demo", "--framework"}, code: 2, want: "framework"},
		{label: "any/command/unknown", args: []string{"nwe", "demo"}, code: 2, want: "unknown command"},
		{label: "any/command/templates-not-a-dir", args: []string{"--templates", "no-such-dir", "new", "demo"}, code: 2, want: "no-such-dir"},
	}
}

func targetFixtures(t *testing.T, s *sandbox) {
	w := s.work
	mustWrite(t, filepath.Join(w, "file"), "a file\n")
	mustWrite(t, filepath.Join(w, "full", "keep.txt"), "keep me\n")
	mustWrite(t, filepath.Join(w, "hasanswers", ".scaffold.yaml"), "mine\n")
	mustMkdir(t, filepath.Join(w, "empty"))
	mustSymlink(t, "empty", filepath.Join(w, "link-to-empty"))
	mustSymlink(t, "nowhere", filepath.Join(w, "dangling"))
	mustSymlink(t, "file", filepath.Join(w, "link-to-file"))
}

func readOnlyFixture(t *testing.T, s *sandbox) {
	ro := filepath.Join(s.work, "ro")
	mustMkdir(t, ro)
	readOnlyMount(t, ro)
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	var cases []badInput
	for i, m := range frameworks() {
		cases = append(cases, badInputsFor(m, i == 0)...)
	}
	cases = append(cases, frameworkInputs()...)
	for _, r := range reservedNames {
		for _, name := range r.names {
			fw := r.framework
			args := []string{"new", name, "--framework", fw, "--no-input"}
			if r.args != nil {
				args = r.args(fw, name)
			}
			cases = append(cases, badInput{
				label: fw + "/reserved/" + name,
				args:  args,
				setup: func(t *testing.T, _ *sandbox) { requireFramework(t, fw) },
				code:  2, want: name,
			})
		}
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.label] {
			t.Fatalf("two cases are labelled %s", c.label)
		}
		seen[c.label] = true
		t.Run(c.label, func(t *testing.T) {
			t.Parallel()
			s := newSandbox(t)
			if c.setup != nil {
				c.setup(t, s)
			}
			before := snapshot(t, s.base, true)
			r := s.run(t, c.args...)
			checkCleanError(t, r, c.code, c.want)
			checkUnchanged(t, "the sandbox", before, snapshot(t, s.base, true))
		})
	}
}

// The same table, valid: a control that the sandbox and fixtures let a good
// invocation succeed, so the failures above are about the input.
func TestBadInputControl(t *testing.T) {
	t.Parallel()
	for _, m := range frameworks() {
		t.Run(m.Name, func(t *testing.T) {
			t.Parallel()
			s := newSandbox(t)
			targetFixtures(t, s)
			// Symbolic links in --dir are followed, the last element too:
			// --dir link-to-empty writes into empty2 as --dir via/app writes
			// into real/app.
			mustMkdir(t, filepath.Join(s.work, "empty2"))
			mustSymlink(t, "empty2", filepath.Join(s.work, "link-to-empty2"))
			mustMkdir(t, filepath.Join(s.work, "real"))
			mustSymlink(t, "real", filepath.Join(s.work, "via"))
			for _, args := range [][]string{
				{"new", "demo", "--framework", m.Name, "--no-input"},
				{"new", "demo", "--framework", m.Name, "--no-input", "--dir", "empty"},
				{"new", "demo", "--framework", m.Name, "--no-input", "--dir", "full", "--force"},
				{"new", "--framework", m.Name, "--no-input", "--", "demo2"},
				{"new", "demo", "--framework", m.Name, "--no-input", "--dir", "link-to-empty2"},
				{"new", "demo", "--framework", m.Name, "--no-input", "--dir", "via/app"},
			} {
				if r := s.run(t, args...); r.code != 0 {
					t.Errorf("scaffold %s: %v", strings.Join(args, " "), r)
				}
			}
			for _, p := range []string{"empty2/.scaffold.yaml", "real/app/.scaffold.yaml"} {
				if _, err := os.Stat(filepath.Join(s.work, p)); err != nil {
					t.Errorf("the project is not where the link leads: %v", err)
				}
			}
			if info, err := os.Lstat(filepath.Join(s.work, "link-to-empty2")); err != nil || info.Mode()&os.ModeSymlink == 0 {
				t.Errorf("--dir link-to-empty2 replaced the link: %v", err)
			}
			if _, err := os.Stat(filepath.Join(s.work, "full", "keep.txt")); err != nil {
				t.Errorf("--force lost an existing file: %v", err)
			}
		})
	}
}

// plannedDirAndFile returns the first directory and the first top-level
// file of the framework's default project.
func plannedDirAndFile(m *generator.Manifest) (dir, file string) {
	p, err := generator.Resolve(m, generator.Request{Name: "demo"}, generator.SeededRandom("plan"))
	if err != nil {
		panic(err)
	}
	files, err := generator.Generate(p)
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		d, _, nested := strings.Cut(f.Path, "/")
		if nested && dir == "" {
			dir = d
		}
		if !nested && file == "" {
			file = f.Path
		}
	}
	return dir, file
}
