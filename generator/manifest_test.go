package generator

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/input"
)

const minimalManifest = `
name: toy
title: Toy
description: a framework for tests
language: Text
version: "1.0"
template_version: 1
golden:
  - name: default
`

func TestParseManifestAcceptsMinimal(t *testing.T) {
	m, err := ParseManifest([]byte(minimalManifest))
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "toy" || len(m.Golden) != 1 || m.Golden[0].ProjectName() != "demo" {
		t.Errorf("parsed %+v", m)
	}
}

func TestParseManifestRejects(t *testing.T) {
	tests := []struct {
		name, yaml, wantErr string
	}{
		{"unknown field", "colour: blue\n", "field colour not found"},
		{"unknown name rule", "names: [klingon]\n", `unknown name rule "klingon"`},
		{"reserved option key", "options:\n  - {key: dir, kind: bool, default: 'false', prompt: p, help: h}\n", "taken by a flag"},
		{"duplicate option", "options:\n  - {key: a, kind: bool, default: 'false', prompt: p, help: h}\n  - {key: a, kind: bool, default: 'false', prompt: p, help: h}\n", "declared twice"},
		{"bad kind", "options:\n  - {key: a, kind: number, prompt: p, help: h}\n", `kind "number"`},
		{"choice default not a choice", "options:\n  - {key: a, kind: choice, choices: [x, y], default: z, prompt: p, help: h}\n", `default "z" is not one of`},
		{"bool default", "options:\n  - {key: a, kind: bool, default: maybe, prompt: p, help: h}\n", "bool default"},
		{"missing help", "options:\n  - {key: a, kind: bool, default: 'false', prompt: p}\n", "prompt and help are required"},
		{"unknown validator", "options:\n  - {key: a, kind: string, default: x, prompt: p, help: h, validate: nope}\n", `unknown validator "nope"`},
		{"broken condition", "options:\n  - {key: a, kind: bool, default: 'false', prompt: p, help: h, when: 'eq .Options.x'}\n  - {key: b, kind: bool, default: 'false', prompt: p, help: h, when: '{{'}\n", "option \"b\""},
		{"bad mode", "files:\n  - {match: x, mode: '999'}\n", "not an octal permission"},
		{"secret encoding", "secrets:\n  - {key: k, length: 8, encoding: rot13}\n", `unknown encoding "rot13"`},
		{"golden unknown option", "golden:\n  - {name: other, options: {nope: true}}\n", `unknown option "nope"`},
		{"e2e timeout", "e2e:\n  timeout: soon\n", "e2e timeout"},
		{"e2e service", "e2e:\n  services: [{name: mysql}]\n", `service "mysql"`},
		{"e2e chroot package", "e2e:\n  chroot: {suite: sid, packages: [php-cli, '-y']}\n", `chroot package "-y"`},
		{"e2e runtime incomplete", "e2e:\n  runtime: {name: node, versions: ['24']}\n", "name, npm, bin and versions are required"},
		{"e2e runtime bin outside", "e2e:\n  runtime: {name: node, npm: 'n@{{.Version}}', bin: ../bin, versions: ['24']}\n", "relative to the install prefix"},
		{"e2e runtime broken spec", "e2e:\n  runtime: {name: node, npm: 'n@{{.Version', bin: bin, versions: ['24']}\n", "e2e runtime npm"},
		{"e2e runtime unknown case", "e2e:\n  runtime: {name: node, npm: n, bin: bin, versions: ['24'], every_version: [nope]}\n", `"nope" is not a golden case`},
		{"e2e runtime npm and go", "e2e:\n  runtime: {name: go, npm: n, bin: bin, go_toolchain: 'go{{.Version}}', versions: ['1.27.3']}\n", "give one"},
		{"e2e runtime go with bin", "e2e:\n  runtime: {name: go, go_toolchain: 'go{{.Version}}', bin: bin, versions: ['1.27.3']}\n", "not with go_toolchain"},
		{"e2e runtime go incomplete", "e2e:\n  runtime: {go_toolchain: 'go{{.Version}}'}\n", "name and versions are required"},
		{"e2e runtime go broken spec", "e2e:\n  runtime: {name: go, go_toolchain: 'go{{.Version', versions: ['1.27.3']}\n", "e2e runtime go_toolchain"},
		{"e2e runtime host not first", "e2e:\n  runtime: {name: go, go_toolchain: 'go{{.Version}}', versions: ['1.27.3', host]}\n", "can only be the floor"},
		{"e2e runtime empty version", "e2e:\n  runtime: {name: node, npm: n, bin: bin, versions: ['']}\n", "may not be empty"},
		{"e2e chroot suite", "e2e:\n  chroot: {packages: [php-cli]}\n", "chroot suite"},
		{"e2e chroot unknown key", "e2e:\n  chroot: {suite: sid, packages: [php-cli], pakages: [x]}\n", "field pakages not found"},
		{"e2e check method", "e2e:\n  serve: {command: x, checks: [{path: /health, method: POST}]}\n", `method "POST" is not GET or HEAD`},
		{"e2e HEAD check with a body", "e2e:\n  serve: {command: x, checks: [{path: /health, method: HEAD, json: {status: ok}}]}\n", "a HEAD answer has no body"},
		{"e2e check path", "e2e:\n  serve: {command: x, checks: [{path: health}]}\n", "path must start with /"},
		{"e2e check condition", "e2e:\n  serve: {command: x, checks: [{path: /a, when: '{{'}]}\n", "e2e serve check /a"},
		{"e2e chroot check", "e2e:\n  chroot: {suite: sid, packages: [php-cli], serve: {command: x, checks: [{path: /up, method: PUT}]}}\n", `method "PUT"`},
		{"e2e chroot ready_timeout", "e2e:\n  chroot: {suite: sid, packages: [php-cli], serve: {command: x, ready_timeout: soon}}\n", "chroot serve ready_timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseManifest([]byte(withExtra(tt.yaml)))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// withExtra appends top-level keys to a manifest without golden cases, then
// the default golden case unless extra brings its own.
func withExtra(extra string) string {
	head := strings.Replace(minimalManifest, "golden:\n  - name: default\n", "", 1)
	if !strings.Contains(extra, "golden:") {
		extra += "golden:\n  - name: default\n"
	}
	return head + extra
}

func TestParseManifestChroot(t *testing.T) {
	m, err := ParseManifest([]byte(withExtra(`e2e:
  chroot:
    suite: sid
    packages: [ruby, ruby-rack]
    binds: [{source: $SCAFFOLD_VENDOR, target: /opt/vendor}]
    setup: [gem list]
    env: {BUNDLE_GEMFILE: Gemfile.e2e}
    steps: [bin/rails test]
    serve:
      command: exec bin/rails server
      checks:
        - {path: /up, status: 200}
        - {path: /up, method: HEAD, headers: {Host: 10.0.0.7}, when: .Options.docker, status: 200}
`)))
	if err != nil {
		t.Fatal(err)
	}
	c := m.E2E.Chroot
	if c == nil || c.Suite != "sid" || len(c.Packages) != 2 || c.Binds[0].Target != "/opt/vendor" ||
		c.Setup[0] != "gem list" || c.Env["BUNDLE_GEMFILE"] != "Gemfile.e2e" || c.Steps[0] != "bin/rails test" ||
		c.Serve.Checks[0].Path != "/up" || c.Serve.Checks[1].Method != "HEAD" ||
		c.Serve.Checks[1].Headers["Host"] != "10.0.0.7" || c.Serve.Checks[1].When != ".Options.docker" {
		t.Fatalf("chroot section parsed as %+v", c)
	}
}

func TestParseManifestRejectsBadName(t *testing.T) {
	_, err := ParseManifest([]byte(strings.Replace(minimalManifest, "name: toy", "name: Toy!", 1)))
	if err == nil || !strings.Contains(err.Error(), `name "Toy!"`) {
		t.Errorf("error = %v", err)
	}
}

func TestLoadManifestNameMustMatchDirectory(t *testing.T) {
	fsys := fstest.MapFS{
		"other/manifest.yaml": {Data: []byte(minimalManifest)},
		"other/files/a.txt":   {Data: []byte("a")},
	}
	_, err := LoadCatalog(fsys)
	if err == nil || !strings.Contains(err.Error(), `must equal the directory name "other"`) {
		t.Errorf("error = %v", err)
	}
}

func TestCatalogLookupSuggests(t *testing.T) {
	fsys := fstest.MapFS{
		"toy/manifest.yaml": {Data: []byte(minimalManifest)},
		"toy/files/a.txt":   {Data: []byte("a")},
		"README.md":         {Data: []byte("not a framework")},
	}
	c, err := LoadCatalog(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Names(); len(got) != 1 || got[0] != "toy" {
		t.Fatalf("Names() = %v", got)
	}
	tests := map[string]string{
		"tyo":  `unknown framework "tyo" (did you mean "toy"?); run "scaffold list"`,
		"rust": `unknown framework "rust"; run "scaffold list" to see the 1 frameworks (toy)`,
		"":     "no framework given; use --framework with one of: toy",
	}
	for in, want := range tests {
		_, err := c.Lookup(in)
		if err == nil || err.Error() != want || !input.Is(err) {
			t.Errorf("Lookup(%q) = %v, want input error %q", in, err, want)
		}
	}
}
