package names

import (
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/input"
)

func TestDeriveNpmNames(t *testing.T) {
	long := "a" + strings.Repeat("b", maxProjectNameLen-1)
	tests := []struct {
		name    string
		want    string // npm_package; "" when refused
		errHas  []string
		suggest string // the suggestion the error must carry, if any
	}{
		{name: "demo", want: "demo"},
		{name: "my-app", want: "my-app"},
		{name: "my_app", want: "my_app"},
		{name: "my.app", want: "my.app"},
		{name: "MyApp", want: "myapp"}, // npm refuses capitals; express-generator lower-cases too
		{name: "API2", want: "api2"},
		{name: long, want: long},
		{name: "http", errHas: []string{"Node.js core module"}, suggest: "http-app"},
		{name: "Crypto", errHas: []string{`"crypto"`, "Node.js core module"}, suggest: "crypto-app"},
		{name: "worker_threads", errHas: []string{"core module"}, suggest: "worker_threads-app"},
		{name: "node_modules", errHas: []string{"npm reserves"}, suggest: "node_modules-app"},
		{name: "favicon.ico", errHas: []string{"npm reserves"}, suggest: "favicon-ico-app"},
		{name: "1app", errHas: []string{"start with a letter"}},             // every project name's rule
		{name: "my app", errHas: []string{"not usable"}, suggest: "my-app"}, // ditto
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names, err := Derive(tt.name, []string{"npm-package"})
			if tt.want != "" {
				if err != nil {
					t.Fatalf("Derive(%q): %v", tt.name, err)
				}
				if got := names["npm_package"]; got != tt.want {
					t.Fatalf("npm_package = %q, want %q", got, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Derive(%q) = %v, want an error", tt.name, names)
			}
			if !input.Is(err) {
				t.Errorf("error %v is not an InputError", err)
			}
			for _, s := range tt.errHas {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not mention %q", err, s)
				}
			}
			if tt.suggest != "" {
				if !strings.Contains(err.Error(), `(try "`+tt.suggest+`")`) {
					t.Errorf("error %q does not suggest %q", err, tt.suggest)
				}
				if err := CheckNpmName(tt.suggest); err != nil {
					t.Errorf("the suggestion %q is itself invalid: %v", tt.suggest, err)
				}
			}
		})
	}
}

func TestCheckNpmName(t *testing.T) {
	tests := []struct {
		name   string
		errHas string // "" when valid
	}{
		{"demo", ""},
		{"my-app.v2_x", ""},
		{"@acme/api", ""},
		{"@acme/api.v2", ""},
		{strings.Repeat("a", maxNpmNameLen), ""},
		{"", "empty"},
		{strings.Repeat("a", maxNpmNameLen+1), "215 characters"},
		{".app", `start with "."`},
		{"_app", `start with "_"`},
		{"-app", `start with "-"`},
		{" app", "spaces"},
		{"app ", "spaces"},
		{"MyApp", "lower-case"},
		{"my~app", "~'!()*"},
		{"my(app)", "~'!()*"},
		{"my*app", "~'!()*"},
		{"my app", "URL-safe"},
		{"my:app", "URL-safe"},
		{"my@app", "URL-safe"},
		{"my/app", "URL-safe"},
		{"café", "URL-safe"},
		{"@Acme/api", "lower-case"},
		{"@acme/", "name part is empty"},
		{"@/api", "scope part is empty"},
		{"@acme/.api", `start with "."`},
		{"@acme/a/b", "URL-safe"},
		{"node_modules", "reserves"},
		{"favicon.ico", "reserves"},
		{"fs", "core module"},
		{"zlib", "core module"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckNpmName(tt.name)
			if tt.errHas == "" {
				if err != nil {
					t.Fatalf("CheckNpmName(%q): %v", tt.name, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckNpmName(%q) = nil, want an error mentioning %q", tt.name, tt.errHas)
			}
			if !strings.Contains(err.Error(), tt.errHas) {
				t.Errorf("error %q does not mention %q", err, tt.errHas)
			}
		})
	}
}

func TestSuggestNpmNameIsValid(t *testing.T) {
	for _, in := range []string{"My App", "__init__", "-x-", "Ünïcode name", "http", "a.(b)", "@Acme/API"} {
		s := suggestNpmName(in)
		if s == "" {
			continue
		}
		if err := CheckNpmName(s); err != nil {
			t.Errorf("suggestNpmName(%q) = %q, which is invalid: %v", in, s, err)
		}
	}
}
