package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
	"github.com/scaffold-cli/scaffold/generator/names"
	"github.com/scaffold-cli/scaffold/generator/render"
	"github.com/scaffold-cli/scaffold/generator/source"
	"gopkg.in/yaml.v3"

	"github.com/scaffold-cli/scaffold/generator/doctor"
	"github.com/scaffold-cli/scaffold/generator/e2e/chroot"
)

// ManifestFile is the name of the manifest inside each framework directory.
const ManifestFile = source.ManifestFile

// FilesDir is the directory, beside the manifest, that holds the project tree.
const FilesDir = source.FilesDir

// SharedDir holds file trees that several frameworks lay under their own
// files/ (manifest key `shared:`).
const SharedDir = source.SharedDir

// Option kinds.
const (
	KindString = "string"
	KindBool   = "bool"
	KindChoice = "choice"
)

// ReservedOptionKeys are flag names of `scaffold new` itself: an option may not
// take one, since every option is also a flag.
var ReservedOptionKeys = []string{
	"answers", "dir", "dry-run", "force", "framework", "help", "json",
	"name", "no-input", "seed", "set", "yes",
}

// Manifest describes one framework: everything scaffold knows about it is here
// and in the files beside it. See docs/template-format.md.
type Manifest struct {
	Name            string            `yaml:"name" json:"name"`
	Title           string            `yaml:"title" json:"title"`
	Description     string            `yaml:"description" json:"description"`
	Language        string            `yaml:"language" json:"language"`
	Version         string            `yaml:"version" json:"version"`
	TemplateVersion int               `yaml:"template_version" json:"template_version"`
	Names           []string          `yaml:"names" json:"names"`
	Shared          []string          `yaml:"shared" json:"-"`
	Versions        map[string]string `yaml:"versions" json:"versions,omitempty"`
	Options         []Option          `yaml:"options" json:"options"`
	Secrets         []Secret          `yaml:"secrets" json:"-"`
	Vars            OrderedVars       `yaml:"vars" json:"-"`
	Files           []FileRule        `yaml:"files" json:"-"`
	Golden          []GoldenCase      `yaml:"golden" json:"-"`
	NextSteps       string            `yaml:"next_steps" json:"-"`
	E2E             *E2E              `yaml:"e2e" json:"-"`
	E2EFull         *E2E              `yaml:"e2e_full" json:"-"`
	// Requires lists the toolchains a generated project needs, for
	// `scaffold doctor`; it renders nothing.
	Requires []doctor.Requirement `yaml:"requires" json:"-"`
	// Fixed names the options `scaffold add` refuses to change once the
	// project exists, each with the reason said to the user; it renders
	// nothing.
	Fixed map[string]string `yaml:"fixed" json:"-"`
	// Source is where a custom template was loaded from (an absolute
	// directory; see LoadTemplateDir), "" for a built-in framework. Every
	// project made from it records it, so update finds the template again.
	Source string `yaml:"-" json:"source,omitempty"`
	// Git is set for a custom template read from a git repository (Source
	// is then its URL): the ref asked for and the commit it resolved to.
	Git *GitOrigin `yaml:"-" json:"git,omitempty"`

	// files is the framework's own tree (rooted at its files/ directory).
	files fs.FS
	// tree is the templates tree the manifest was loaded from: its frozen
	// versions are there too (see ManifestAt).
	tree fs.FS
	// templates is shared by every project of this manifest (set by
	// ParseManifest): resolving the options one at a time for the prompts
	// makes a project per option, each of which had copied the function map.
	templates *render.Set
	// secrets is which of its templates read the secrets (see
	// GenerateParts), found once.
	secrets *secretAnalysis
}

// Option is one question a framework asks; every option is also a flag.
type Option struct {
	Key      string   `yaml:"key" json:"key"`
	Kind     string   `yaml:"kind" json:"kind"`
	Default  string   `yaml:"default" json:"default"`
	Choices  []string `yaml:"choices" json:"choices,omitempty"`
	Prompt   string   `yaml:"prompt" json:"prompt"`
	Help     string   `yaml:"help" json:"help"`
	Validate string   `yaml:"validate" json:"validate,omitempty"`
	When     string   `yaml:"when" json:"when,omitempty"`
}

// Secret is a random value drawn once per generation; it never reaches
// .scaffold.yaml.
type Secret struct {
	Key      string `yaml:"key"`
	Length   int    `yaml:"length"`
	Encoding string `yaml:"encoding"`
}

// Var is a derived value: a template evaluated once, in manifest order.
type Var struct {
	Key      string
	Template string
}

// OrderedVars keeps the manifest's order, so a var may use the ones before it.
type OrderedVars []Var

// UnmarshalYAML reads a mapping while keeping its order.
func (v *OrderedVars) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: vars must be a mapping of key: template", node.Line)
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		k, val := node.Content[i], node.Content[i+1]
		if val.Kind != yaml.ScalarNode {
			return fmt.Errorf("line %d: var %q must be a string template", val.Line, k.Value)
		}
		*v = append(*v, Var{Key: k.Value, Template: val.Value})
	}
	return nil
}

// FileRule refines the files that match a glob: a condition, a mode, a new name.
type FileRule struct {
	Match string `yaml:"match"`
	When  string `yaml:"when"`
	Mode  string `yaml:"mode"`
	Dest  string `yaml:"dest"`
}

// GoldenCase is an option set that must have a golden file under testdata/.
type GoldenCase struct {
	Name    string         `yaml:"name"`
	Project string         `yaml:"project"` // project name; "demo" when empty
	Options map[string]any `yaml:"options"`
}

// ProjectName is the name the golden case generates.
func (g GoldenCase) ProjectName() string {
	if g.Project == "" {
		return "demo"
	}
	return g.Project
}

// E2E says how a generated project is run for real with its own toolchain.
type E2E struct {
	Tools     []string          `yaml:"tools"`
	Preflight string            `yaml:"preflight"`
	Timeout   string            `yaml:"timeout"`
	Env       map[string]string `yaml:"env"`
	Steps     []string          `yaml:"steps"`
	Serve     *Serve            `yaml:"serve"`
	Services  []Service         `yaml:"services"`
	// Runtime runs the case on other versions of its language runtime,
	// installed from a package registry by the harness, not the host's.
	Runtime *Runtime `yaml:"runtime"`
	// Chroot runs more steps, and the server, inside a Debian root file
	// system built for them (see generator/e2e/chroot), after Steps.
	Chroot *ChrootRun `yaml:"chroot"`
}

// Runtime is a language runtime that the e2e harness installs and puts
// first on PATH, once per version and test process (package e2e): from npm
// (NPM, Bin), or a Go toolchain that the host's go command fetches from the
// module proxy (GoToolchain). Versions[0] is the floor: every case runs on
// it; the cases named in EveryVersion also run on each later version. A
// version RuntimeHost, first only, is the machine's own toolchain.
type Runtime struct {
	Name         string   `yaml:"name"`          // what the logs call it: "node", "go"
	NPM          string   `yaml:"npm"`           // npm package spec; {{.Version}} is the version
	Bin          string   `yaml:"bin"`           // with npm: directory of its programs, relative to the install prefix
	GoToolchain  string   `yaml:"go_toolchain"`  // a GOTOOLCHAIN value; {{.Version}} is the version
	Versions     []string `yaml:"versions"`      // the floor first
	EveryVersion []string `yaml:"every_version"` // golden cases that run on every version
}

// RuntimeHost, as the first of a runtime's versions, is the toolchain the
// machine already has (the e2e tools on PATH): nothing is installed for it.
const RuntimeHost = "host"

// ChrootRun is the part of an e2e run that happens inside a Debian root
// file system: what the root holds, and what runs in it with the project.
type ChrootRun struct {
	chroot.Spec `yaml:",inline"`
	Env         map[string]string `yaml:"env"`
	Steps       []string          `yaml:"steps"`
	Serve       *Serve            `yaml:"serve"`
}

// Serve starts the generated server and checks it over HTTP.
type Serve struct {
	Command                 string      `yaml:"command"`
	ReadyTimeout            string      `yaml:"ready_timeout"`
	Checks                  []HTTPCheck `yaml:"checks"`
	ChecksAfterServicesStop []HTTPCheck `yaml:"checks_after_services_stop"`
}

// HTTPCheck is one request and what its answer must be.
type HTTPCheck struct {
	Path string `yaml:"path"`
	// When is a condition on the case's options; empty means every case.
	When string `yaml:"when"`
	// Method is GET (the default) or HEAD; a HEAD answer has no body, so
	// it cannot have json or contains.
	Method string `yaml:"method"`
	// Headers are sent with the request; "Host" sets the Host header (a
	// probe by pod IP), "X-Forwarded-Proto" what a TLS proxy would add.
	Headers  map[string]string `yaml:"headers"`
	Status   int               `yaml:"status"`
	JSON     map[string]any    `yaml:"json"`
	Contains string            `yaml:"contains"`
}

func chrootServe(c *ChrootRun) *Serve {
	if c == nil {
		return nil
	}
	return c.Serve
}

func (c HTTPCheck) validate() error {
	if !strings.HasPrefix(c.Path, "/") {
		return errors.New("path must start with /")
	}
	switch c.Method {
	case "", "GET":
	case "HEAD":
		if len(c.JSON) > 0 || c.Contains != "" {
			return errors.New("a HEAD answer has no body: drop json and contains")
		}
	default:
		return fmt.Errorf("method %q is not GET or HEAD", c.Method)
	}
	return checkTemplateSyntax(c.Path, c.When, true)
}

// Service is a real server (e.g. postgres) the e2e harness provides to a case.
type Service struct {
	Name string `yaml:"name"`
	When string `yaml:"when"`
}

var (
	frameworkNameRe = lazyre.New(`^[a-z][a-z0-9-]*$`)
	optionKeyRe     = lazyre.New(`^[a-z][a-z0-9-]*$`)
	identRe         = lazyre.New(`^[a-z][a-z0-9_]*$`)
)

// LoadManifest reads and validates templates/<name>/manifest.yaml from fsys,
// where fsys is rooted at the templates directory.
func LoadManifest(fsys fs.FS, name string, opts ...LoadOption) (*Manifest, error) {
	c := loadConfigOf(opts)
	var m *Manifest
	if c.withoutE2E {
		m = indexedManifestIn(fsys, name)
	}
	if m == nil {
		data, err := source.Manifest(fsys, name)
		if err != nil {
			return nil, err
		}
		if m, err = parseManifestYAML(data, c); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", name, ManifestFile, err)
		}
	}
	var err error
	if m.Name != name {
		return nil, fmt.Errorf("%s/%s: name %q must equal the directory name %q", name, ManifestFile, m.Name, name)
	}
	if m.files, err = source.Files(fsys, name, m.Shared); err != nil {
		return nil, err
	}
	m.tree = fsys
	m.Source, _ = source.TemplateDirOf(fsys)
	return m, nil
}

// ParseManifest decodes a manifest strictly (unknown keys are errors, so a
// typo is caught rather than ignored) and validates it.
func ParseManifest(data []byte) (*Manifest, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var m Manifest
	if err := dec.Decode(&m); err != nil {
		return nil, errors.New(yamlErrorLine(err))
	}
	if err := m.validate(); err != nil {
		return nil, err
	}
	m.templates = &render.Set{}
	m.secrets = &secretAnalysis{}
	return &m, nil
}

// validate checks everything that can be checked without answers, so a broken
// manifest fails in the test suite rather than in front of a user.
func (m *Manifest) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if !frameworkNameRe.MatchString(m.Name) {
		bad("name %q: use lower-case letters, digits and '-'", m.Name)
	}
	if m.Title == "" || m.Description == "" || m.Version == "" {
		bad("title, description and version are required")
	}
	if m.TemplateVersion < 1 {
		bad("template_version must be 1 or more")
	}
	for key, why := range m.Fixed {
		if _, ok := m.Option(key); !ok {
			bad("fixed: %q is not an option", key)
		}
		if strings.TrimSpace(why) == "" {
			bad("fixed: option %q needs the reason it cannot change", key)
		}
	}
	for _, rule := range m.Names {
		if _, ok := names.Lookup(rule); !ok {
			bad("names: unknown name rule %q (known: %s)", rule, strings.Join(names.RuleNames(), ", "))
		}
	}
	for _, s := range m.Shared {
		if !frameworkNameRe.MatchString(s) {
			bad("shared %q: name a directory of %s/ (lower-case letters, digits and '-')", s, SharedDir)
		}
	}
	seen := map[string]bool{}
	for _, o := range m.Options {
		switch {
		case !optionKeyRe.MatchString(o.Key):
			bad("option %q: keys are lower-case letters, digits and '-'", o.Key)
		case slices.Contains(ReservedOptionKeys, o.Key):
			bad("option %q: the name is taken by a flag of scaffold new", o.Key)
		case seen[o.Key]:
			bad("option %q is declared twice", o.Key)
		}
		seen[o.Key] = true
		if o.Prompt == "" || o.Help == "" {
			bad("option %q: prompt and help are required", o.Key)
		}
		switch o.Kind {
		case KindBool:
			if _, err := strconv.ParseBool(o.Default); o.Default != "" && err != nil {
				bad("option %q: bool default must be true or false", o.Key)
			}
		case KindChoice:
			if len(o.Choices) < 2 {
				bad("option %q: a choice needs at least two choices", o.Key)
			}
			if !slices.Contains(o.Choices, o.Default) {
				bad("option %q: default %q is not one of %v", o.Key, o.Default, o.Choices)
			}
		case KindString:
		default:
			bad("option %q: kind %q is not string, bool or choice", o.Key, o.Kind)
		}
		if o.Validate != "" {
			if _, ok := names.Lookup(o.Validate); !ok {
				bad("option %q: unknown validator %q", o.Key, o.Validate)
			}
		}
		for _, expr := range []string{o.When, o.Default} {
			if err := checkTemplateSyntax(o.Key, expr, o.When == expr); err != nil {
				bad("option %q: %v", o.Key, err)
			}
		}
	}
	for _, r := range m.Requires {
		if err := r.Validate(); err != nil {
			bad("%v", err)
		}
	}
	for _, s := range m.Secrets {
		if !identRe.MatchString(s.Key) {
			bad("secret %q: keys are lower-case identifiers", s.Key)
		}
		if s.Length < 1 || s.Length > 4096 {
			bad("secret %q: length must be 1..4096", s.Key)
		}
		if _, ok := secretEncodings[s.Encoding]; !ok {
			bad("secret %q: unknown encoding %q", s.Key, s.Encoding)
		}
	}
	for _, v := range m.Vars {
		if !identRe.MatchString(v.Key) {
			bad("var %q: keys are lower-case identifiers", v.Key)
		}
		if err := checkTemplateSyntax(v.Key, v.Template, false); err != nil {
			bad("var %q: %v", v.Key, err)
		}
	}
	for i, r := range m.Files {
		if r.Match == "" {
			bad("files[%d]: match is required", i)
		} else if _, err := path.Match(strings.ReplaceAll(r.Match, "**", "*"), ""); err != nil {
			bad("files[%d]: bad pattern %q: %v", i, r.Match, err)
		}
		if r.Mode != "" {
			if mode, err := strconv.ParseUint(r.Mode, 8, 32); err != nil || mode&^0o777 != 0 {
				bad("files[%d]: mode %q is not an octal permission like 0755", i, r.Mode)
			}
		}
		if err := checkTemplateSyntax(r.Match, r.When, true); err != nil {
			bad("files[%d]: %v", i, err)
		}
	}
	if len(m.Golden) == 0 {
		bad("golden: at least one case (the defaults) is required")
	}
	cases := map[string]bool{}
	for _, g := range m.Golden {
		if !frameworkNameRe.MatchString(g.Name) || cases[g.Name] {
			bad("golden case %q: names are unique, lower-case, digits and '-'", g.Name)
		}
		cases[g.Name] = true
		for k := range g.Options {
			if !seen[k] {
				bad("golden case %q: unknown option %q", g.Name, k)
			}
		}
	}
	for _, e := range []*E2E{m.E2E, m.E2EFull} {
		if e == nil {
			continue
		}
		if e.Timeout != "" {
			if _, err := time.ParseDuration(e.Timeout); err != nil {
				bad("e2e timeout: %v", err)
			}
		}
		if e.Serve != nil && e.Serve.ReadyTimeout != "" {
			if _, err := time.ParseDuration(e.Serve.ReadyTimeout); err != nil {
				bad("e2e serve ready_timeout: %v", err)
			}
		}
		for _, s := range []*Serve{e.Serve, chrootServe(e.Chroot)} {
			if s == nil {
				continue
			}
			for _, c := range slices.Concat(s.Checks, s.ChecksAfterServicesStop) {
				if err := c.validate(); err != nil {
					bad("e2e serve check %s: %v", c.Path, err)
				}
			}
		}
		for _, s := range e.Services {
			if s.Name != "postgres" {
				bad("e2e service %q: only postgres is provided", s.Name)
			}
		}
		if r := e.Runtime; r != nil {
			switch {
			case r.NPM != "" && r.GoToolchain != "":
				bad("e2e runtime: npm and go_toolchain are two ways to install it; give one")
			case r.GoToolchain != "":
				if r.Name == "" || len(r.Versions) == 0 {
					bad("e2e runtime: name and versions are required")
				}
				if r.Bin != "" {
					bad("e2e runtime bin: not with go_toolchain (its programs are in the toolchain's GOROOT/bin)")
				}
				if err := checkTemplateSyntax("e2e runtime go_toolchain", r.GoToolchain, false); err != nil {
					bad("%v", err)
				}
			default:
				if r.Name == "" || r.NPM == "" || r.Bin == "" || len(r.Versions) == 0 {
					bad("e2e runtime: name, npm, bin and versions are required")
				}
				if err := checkTemplateSyntax("e2e runtime npm", r.NPM, false); err != nil {
					bad("%v", err)
				}
				if path.IsAbs(r.Bin) || strings.HasPrefix(path.Clean(r.Bin), "..") {
					bad("e2e runtime bin %q: must be relative to the install prefix", r.Bin)
				}
			}
			for i, v := range r.Versions {
				if v == "" || (v == RuntimeHost && i > 0) {
					bad("e2e runtime versions: %q at %d (a version may not be empty, and %q, the machine's own, can only be the floor, first)", v, i, RuntimeHost)
				}
			}
			for _, c := range r.EveryVersion {
				if !cases[c] {
					bad("e2e runtime every_version: %q is not a golden case", c)
				}
			}
		}
		if c := e.Chroot; c != nil {
			if err := c.Spec.Validate(); err != nil {
				bad("e2e %v", err)
			}
			if c.Serve != nil && c.Serve.ReadyTimeout != "" {
				if _, err := time.ParseDuration(c.Serve.ReadyTimeout); err != nil {
					bad("e2e chroot serve ready_timeout: %v", err)
				}
			}
		}
	}
	return errors.Join(errs...)
}

// checkTemplateSyntax parses a template (or a condition) so that syntax errors
// surface when the manifest loads.
func checkTemplateSyntax(name, text string, condition bool) error {
	if text == "" {
		return nil
	}
	if condition {
		text = "{{" + text + "}}"
	}
	return render.CheckSyntax(name, text)
}

// Option returns the option with key, if the framework has it.
func (m *Manifest) Option(key string) (Option, bool) {
	for _, o := range m.Options {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// OptionKeys lists the framework's option keys in manifest order.
func (m *Manifest) OptionKeys() []string {
	keys := make([]string, len(m.Options))
	for i, o := range m.Options {
		keys[i] = o.Key
	}
	return keys
}

// Files is the framework's project tree (rooted at files/).
func (m *Manifest) FilesFS() fs.FS { return m.files }

// Catalog is every framework found in a templates tree, by name.
type Catalog struct {
	manifests map[string]*Manifest
	// lazy, with the Lazy option, loads each manifest on first use.
	lazy *lazyCatalog
	// local holds the user's own templates, by name (see AddLocal); each
	// loads on first use.
	local map[string]*localTemplate
}

// LoadCatalog loads every directory of fsys that holds a manifest.
func LoadCatalog(fsys fs.FS, opts ...LoadOption) (*Catalog, error) {
	names, err := source.Frameworks(fsys)
	if err != nil {
		return nil, err
	}
	if loadConfigOf(opts).lazy {
		return loadLazyCatalog(fsys, names, opts)
	}
	c := &Catalog{manifests: map[string]*Manifest{}}
	var errs []error
	for _, name := range names {
		m, err := LoadManifest(fsys, name, opts...)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.manifests[m.Name] = m
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}

// Add merges other's frameworks into c. A name both define is an error: a
// framework from disk never silently replaces a built-in one.
func (c *Catalog) Add(other *Catalog) error {
	for _, n := range other.Names() {
		if l, ok := c.local[n]; ok {
			return fmt.Errorf("framework %q is already defined (the local template %s); give yours another name", n, l.dir)
		}
		if slices.Contains(c.Names(), n) {
			return fmt.Errorf("framework %q is already defined (built in); give yours another name", n)
		}
	}
	for _, m := range other.Manifests() {
		c.manifests[m.Name] = m
	}
	return nil
}

// Names lists the frameworks, sorted.
func (c *Catalog) Names() []string {
	all := make([]string, 0, len(c.manifests))
	for n := range c.manifests {
		all = append(all, n)
	}
	if c.lazy != nil {
		all = append(all, c.lazy.names...)
	}
	all = append(all, c.localNames()...)
	sort.Strings(all)
	return slices.Compact(all)
}

// Manifests lists the manifests sorted by framework name.
// With Lazy, a manifest that does not load whole is left out (Lookup says
// why), as is a local template that does not load.
func (c *Catalog) Manifests() []*Manifest {
	out := make([]*Manifest, 0, len(c.manifests))
	for _, n := range c.Names() {
		if m, ok := c.manifests[n]; ok {
			out = append(out, m)
		} else if l, ok := c.local[n]; ok {
			if m, err := l.load(); err == nil {
				out = append(out, m)
			}
		} else if c.lazy != nil {
			if m, err := c.lazy.load(n); err == nil {
				out = append(out, m)
			}
		}
	}
	return out
}

// Lookup finds a framework by name, or explains how to find the right one.
func (c *Catalog) Lookup(name string) (*Manifest, error) {
	if m, ok := c.manifests[name]; ok {
		return m, nil
	}
	if c.lazy != nil && slices.Contains(c.lazy.names, name) {
		return c.lazy.load(name)
	}
	if l, ok := c.local[name]; ok {
		return l.load()
	}
	if name == "" {
		return nil, input.Errorf("no framework given; use --framework with one of: %s", strings.Join(c.Names(), ", "))
	}
	if s := input.Closest(name, c.Names()); s != "" {
		return nil, input.Errorf("unknown framework %q (did you mean %q?); run \"scaffold list\"", name, s)
	}
	return nil, input.Errorf("unknown framework %q; run \"scaffold list\" to see the %d frameworks (%s)", name, len(c.Names()), strings.Join(c.Names(), ", "))
}

// templateSet is the manifest's shared template set; a Manifest made
// without ParseManifest (a literal in a test) gives a new one each time.
func (m *Manifest) templateSet() *render.Set {
	if m.templates != nil {
		return m.templates
	}
	return &render.Set{}
}
