package names

import (
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/input"
)

// The expected app names and constants were produced by ActiveSupport itself
// (name.parameterize(preserve_case: true).underscore, then
// .gsub(/\W/, "_").squeeze("_").camelize); the inflector has not changed since.
func TestRailsNames(t *testing.T) {
	for _, tc := range []struct{ name, app, constant string }{
		{"demo", "demo", "Demo"},
		{"my-app", "my_app", "MyApp"},
		{"MyApp", "my_app", "MyApp"},
		{"My_App", "my_app", "MyApp"},
		{"HTTPServer", "http_server", "HttpServer"},
		{"my.app", "my_app", "MyApp"},
		{"my__app", "my__app", "MyApp"},
		{"a--b", "a_b", "AB"},
		{"app_", "app_", "App"},
		{"app2", "app2", "App2"},
		{"x.y.z", "x_y_z", "XYZ"},
		{"FooBAR", "foo_bar", "FooBar"},
		{"fooBar", "foo_bar", "FooBar"},
		{"abc-Def-GHI", "abc_def_ghi", "AbcDefGhi"},
		{"ab9Cd", "ab9_cd", "Ab9Cd"},
	} {
		got, err := deriveRailsNames(tc.name)
		if err != nil {
			t.Errorf("%q: unexpected error: %v", tc.name, err)
			continue
		}
		if got["rails_app"] != tc.app || got["rails_constant"] != tc.constant {
			t.Errorf("%q: got app %q constant %q, want %q %q", tc.name, got["rails_app"], got["rails_constant"], tc.app, tc.constant)
		}
	}
}

func TestRailsNamesRefused(t *testing.T) {
	for _, tc := range []struct{ name, why, suggestion string }{
		{"test", "reserves", `"test_app"`},
		{"application", "reserves", `"application_app"`},
		{"Runner", "reserves", `"runner_app"`},
		{"destroy", "reserves", ""},
		{"plugin", "reserves", ""},
		{"string", `"String"`, `"string_app"`},
		{"rails", `"Rails"`, `"rails_app"`},
		{"object", `"Object"`, ""},
		{"kernel", `"Kernel"`, ""},
		{"active-record", `"ActiveRecord"`, `"active_record_app"`},
		{"ActiveSupport", `"ActiveSupport"`, ""},
		{"json", `"Json"`, ""}, // not JSON: camelize makes "Json", which Ruby does not define
		{"---", "no letters", ""},
	} {
		_, err := deriveRailsNames(tc.name)
		if tc.name == "json" {
			if err != nil {
				t.Errorf("json makes the constant Json, which is free: %v", err)
			}
			continue
		}
		if err == nil || !input.Is(err) {
			t.Errorf("%q: want an input error, got %v", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.why) || !strings.Contains(err.Error(), tc.suggestion) {
			t.Errorf("%q: error %q should mention %q and suggest %q", tc.name, err, tc.why, tc.suggestion)
		}
	}
}

func TestRubyConstantFunc(t *testing.T) {
	f := funcs["rubyConstant"].(func(string) string)
	if got := f("my-app"); got != "MyApp" {
		t.Errorf("rubyConstant my-app = %q, want MyApp", got)
	}
	g := funcs["railsAppName"].(func(string) string)
	if got := g("My.App"); got != "my_app" {
		t.Errorf("railsAppName My.App = %q, want my_app", got)
	}
}
