package generator_test

import (
	"regexp"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

func TestMajorMinor(t *testing.T) {
	for in, want := range map[string]string{
		"5.3.0": "5.3", "5.2": "5.2", "13": "13.0", "1.12.0": "1.12", "8.1.3": "8.1",
		"4.0.7.1": "4.0", "v1.2": "v1.2", "": "", "5.x": "5.x", "1..2": "1..2",
	} {
		if got := generator.MajorMinor(in); got != want {
			t.Errorf("MajorMinor(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every framework's version comes out in the one form `scaffold list` shows.
func TestMajorMinorOfEveryFramework(t *testing.T) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	form := regexp.MustCompile(`^[0-9]+\.[0-9]+$`)
	for _, m := range catalog.Manifests() {
		if got := generator.MajorMinor(m.Version); !form.MatchString(got) {
			t.Errorf("%s: version %q shows as %q, not MAJOR.MINOR", m.Name, m.Version, got)
		}
	}
}
