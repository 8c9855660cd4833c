package lint

import (
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
)

// The lint's list of top-level keys is the Manifest struct's: a key added
// to one and not the other would be refused, or let through, wrongly.
func TestManifestKeysMatchTheManifest(t *testing.T) {
	var fromStruct []string
	mt := reflect.TypeOf(generator.Manifest{})
	for i := 0; i < mt.NumField(); i++ {
		name, _, _ := strings.Cut(mt.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			fromStruct = append(fromStruct, name)
		}
	}
	sort.Strings(fromStruct)
	known := slices.Clone(manifestKeys)
	sort.Strings(known)
	if !slices.Equal(fromStruct, known) {
		t.Errorf("lint's manifestKeys %v differ from the Manifest struct's yaml keys %v", known, fromStruct)
	}
}
