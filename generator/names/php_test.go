package names

import (
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/input"
)

func TestLaravelNames(t *testing.T) {
	for _, tc := range []struct{ name, pkg, db string }{
		{"demo", "demo", "demo"},
		{"my-app", "my-app", "my_app"},
		{"My_App", "my_app", "my_app"},
		{"shop.api", "shop.api", "shop.api"},
		{"a--b", "a--b", "a__b"},
		{"App2", "app2", "app2"},
	} {
		got, err := deriveLaravelNames(tc.name)
		if err != nil {
			t.Errorf("%q: unexpected error: %v", tc.name, err)
			continue
		}
		if got["composer_package"] != tc.pkg || got["laravel_database"] != tc.db {
			t.Errorf("%q: got %v, want package %q database %q", tc.name, got, tc.pkg, tc.db)
		}
	}
}

func TestLaravelNamesRefused(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"my app", "only letters, digits"},
		{"my/app", "only letters, digits"},
		{"café!", "only letters, digits"},
		{"..", "only letters, digits"},
		{"my__app", `(try "my-app")`},
		{"my_-app", `(try "my-app")`},
		{"a---b", `(try "a-b")`},
		{"café", "Composer package name"},
	} {
		_, err := deriveLaravelNames(tc.name)
		if err == nil || !input.Is(err) {
			t.Errorf("%q: want an input error, got %v", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %q should contain %q", tc.name, err, tc.want)
		}
	}
}

func TestCheckComposerName(t *testing.T) {
	for _, ok := range []string{"app/demo", "acme/my-app", "acme/my--app", "acme.io/shop_api", "a1/b2"} {
		if err := CheckComposerName(ok); err != nil {
			t.Errorf("%q: unexpected error %v", ok, err)
		}
	}
	for _, tc := range []struct{ name, want string }{
		{"demo", "vendor/package"},
		{"Acme/Demo", `(try "acme/demo")`},
		{"acme/my_-app", "vendor/package"},
		{"acme/", "vendor/package"},
		{"acme/demo/x", "vendor/package"},
		{"con/demo", "reserved"},
		{"acme/lpt1", "reserved"},
	} {
		err := CheckComposerName(tc.name)
		if err == nil || !input.Is(err) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: want an input error containing %q, got %v", tc.name, tc.want, err)
		}
	}
}
