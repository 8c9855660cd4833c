package render

import "testing"

func TestBannedFuncsAreGone(t *testing.T) {
	funcs := funcMap()
	for _, name := range BannedFuncs() {
		if _, ok := funcs[name]; ok {
			t.Errorf("%s is still available to templates", name)
		}
	}
	for _, name := range []string{"upper", "replace", "toJson", "snakecase"} {
		if _, ok := funcs[name]; !ok {
			t.Errorf("%s should be available", name)
		}
	}
}

// The name library's derivations reach templates under their own names, and
// their errors stop the template.
func TestNpmNameFunc(t *testing.T) {
	out, err := String("t", `{{ npmName "My.App" }}`, nil)
	if err != nil || out != "my.app" {
		t.Fatalf(`npmName "My.App" = %q, %v; want "my.app"`, out, err)
	}
	if _, err := String("t", `{{ npmName "http" }}`, nil); err == nil {
		t.Fatal(`npmName "http": want an error`)
	}
}

func TestJavaNameFuncs(t *testing.T) {
	out, err := String("t", `{{ javaPackage "com.acme" "my-app" }} {{ javaPackage "com.acme" "" }} {{ javaApplicationClass "my-app" }}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "com.acme.my_app com.acme MyAppApplication"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// Funcs is a copy: a caller that changes it changes nothing here.
func TestFuncsIsACopy(t *testing.T) {
	f := Funcs()
	delete(f, "upper")
	if _, err := String("t", `{{ upper "x" }}`, nil); err != nil {
		t.Errorf("upper gone after deleting it from a copy: %v", err)
	}
}
