package generator_test

import (
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
)

// manifestKeys lists every yaml key a manifest may hold, at any depth,
// from the Manifest struct's tags (inline structs are followed).
func manifestKeys(t reflect.Type, seen map[reflect.Type]bool, keys map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case name == "-":
			continue
		case strings.Contains(opts, "inline"):
		case name != "":
			keys[name] = true
		case !f.IsExported():
			continue
		}
		manifestKeys(f.Type, seen, keys)
	}
}

// The author's guide names every key a manifest may hold, at any depth:
// a key added to the Manifest struct must be documented with it.
func TestTemplateFormatDocumentsEveryKey(t *testing.T) {
	doc, err := os.ReadFile("../docs/template-format.md")
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	manifestKeys(reflect.TypeOf(generator.Manifest{}), map[reflect.Type]bool{}, keys)
	var missing []string
	for k := range keys {
		// As YAML shows it (key: value), in the example or the reference.
		if !strings.Contains(string(doc), k+":") {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("docs/template-format.md does not document these manifest keys (as \"key:\"): %s", strings.Join(missing, ", "))
	}
	if len(keys) < 40 {
		t.Errorf("found only %d keys in the Manifest struct; is the walk broken?", len(keys))
	}
}
