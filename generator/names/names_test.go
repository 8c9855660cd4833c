package names

import (
	"testing"

	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// The rules' expressions compile on first use; a typo in one must fail here,
// not in front of the user who first needs that rule.
func TestExpressionsCompile(t *testing.T) {
	if err := lazyre.CompileAll(); err != nil {
		t.Fatal(err)
	}
}

func TestLookupAndFuncs(t *testing.T) {
	for _, name := range RuleNames() {
		r, ok := Lookup(name)
		if !ok || r.Name != name || r.Derive == nil {
			t.Errorf("Lookup(%q) = %+v, %v; want the registered rule", name, r, ok)
		}
	}
	if _, ok := Lookup("no-such-rule"); ok {
		t.Error(`Lookup("no-such-rule") found a rule`)
	}
	f := Funcs()
	delete(f, "rubyConstant")
	if _, ok := Funcs()["rubyConstant"]; !ok {
		t.Error("Funcs returned the registry itself: deleting from the copy removed rubyConstant")
	}
}
