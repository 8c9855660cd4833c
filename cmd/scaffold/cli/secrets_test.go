package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/scaffold-cli/scaffold/generator/source"
)

const vaultManifest = `name: vault
title: Vault
description: a framework whose files hold a secret, for update and add tests
language: Text
version: "1"
template_version: %d
options:
  - key: cache
    kind: bool
    default: false
    prompt: Cache
    help: a cache that shares the token
secrets:
  - key: token
    length: 24
    encoding: alnum
files:
  - match: cache.conf
    when: .Options.cache
golden: [{name: default}]
`

// vaultVersions builds a templates tree whose framework "vault" is at
// version 2, with version 1 frozen. Its token sits in config.env; version 2
// writes a line right under it, and the cache option a line under it and a
// file of its own that hold the token too: each is where a wrong token, or
// a conflict, would show.
func vaultVersions(t *testing.T) (v1, v2 fstest.MapFS) {
	t.Helper()
	const cache = "{{- if .Options.cache}}\nCACHE_TOKEN={{.Secrets.token}}\n{{- end}}\n"
	v1 = fstest.MapFS{
		"vault/manifest.yaml":         {Data: []byte(fmt.Sprintf(vaultManifest, 1))},
		"vault/files/config.env.tmpl": {Data: []byte("NAME={{.Name}}\nTOKEN={{.Secrets.token}}\n" + cache + "PORT=8080\n")},
		"vault/files/cache.conf.tmpl": {Data: []byte("token = {{.Secrets.token}}\n")},
	}
	archive, err := source.Freeze(v1, "vault", nil)
	if err != nil {
		t.Fatal(err)
	}
	v2 = fstest.MapFS{
		"vault/manifest.yaml":         {Data: []byte(fmt.Sprintf(vaultManifest, 2))},
		"vault/history/1.zip":         {Data: archive},
		"vault/files/config.env.tmpl": {Data: []byte("NAME={{.Name}}\nTOKEN={{.Secrets.token}}\n" + cache + "TOKEN_TTL=3600\nPORT=8080\n")},
		"vault/files/cache.conf.tmpl": {Data: []byte("token = {{.Secrets.token}}\n")},
	}
	return v1, v2
}

// update and add render with another seed than the project was made with,
// as they do for real: an unedited project then becomes byte for byte what
// new makes with the project's own secrets, with no conflict, and the token
// is never printed.
func TestUpdateAndAddKeepTheProjectsSecrets(t *testing.T) {
	v1, v2 := vaultVersions(t)
	cases := []struct {
		name string
		made fstest.MapFS // the templates the project is made with
		args []string     // after the command's own, the project's directory
		set  string       // what new sets for the comparison
	}{
		{"update", v1, []string{"update", "--no-input"}, ""},
		{"add", v2, []string{"add", "cache=true", "-C"}, "cache=true"},
		{"update and add", v1, []string{"update", "--no-input", "--set", "cache=true"}, "cache=true"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			project, fresh := filepath.Join(t.TempDir(), "demo"), filepath.Join(t.TempDir(), "demo")
			if code, _, errOut := runWith(t, c.made, "new", "demo", "--framework=vault", "--yes", "--no-input", "--seed=project", "--dir", project); code != 0 {
				t.Fatalf("new: exit %d: %s", code, errOut)
			}
			token := strings.TrimPrefix(strings.Split(readFile(t, filepath.Join(project, "config.env")), "\n")[1], "TOKEN=")
			args := append(append([]string{}, c.args...), project, "--seed=another", "--allow-dirty")
			code, out, errOut := runWith(t, v2, args...)
			if code != 0 {
				t.Fatalf("%s: exit %d\n%s%s", c.name, code, out, errOut)
			}
			if strings.Contains(out+errOut, token) {
				t.Errorf("%s printed the project's token:\n%s%s", c.name, out, errOut)
			}
			newArgs := []string{"new", "demo", "--framework=vault", "--yes", "--no-input", "--seed=project", "--dir", fresh}
			if c.set != "" {
				newArgs = append(newArgs, "--set", c.set)
			}
			if code, _, errOut := runWith(t, v2, newArgs...); code != 0 {
				t.Fatalf("new: exit %d: %s", code, errOut)
			}
			got, want := readTree(t, project), readTree(t, fresh)
			for p, w := range want {
				if g, ok := got[p]; !ok {
					t.Errorf("%s: missing after %s", p, c.name)
				} else if g != w {
					t.Errorf("%s differs from new's with the project's secrets:\n%s", p, firstDifference(g, w))
				}
			}
			for p := range got {
				if _, ok := want[p]; !ok {
					t.Errorf("%s: left by %s, not made by new", p, c.name)
				}
			}
			if c.set != "" && !strings.Contains(got["cache.conf"], "token = "+token+"\n") {
				t.Errorf("cache.conf does not hold the project's token:\n%s", got["cache.conf"])
			}
		})
	}
}
