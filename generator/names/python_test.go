package names

import (
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator/input"
)

func TestPythonNameRules(t *testing.T) {
	tests := []struct {
		rule, name    string
		pkg, dist     string // want, when the name is accepted
		err, suggests string // substrings of the refusal, when it is not
	}{
		{rule: "python-package", name: "demo", pkg: "demo", dist: "demo"},
		{rule: "python-package", name: "my-app", pkg: "my_app", dist: "my-app"},
		{rule: "python-package", name: "My.Cool__App", pkg: "my_cool_app", dist: "my-cool-app"},
		{rule: "python-package", name: "app2", pkg: "app2", dist: "app2"},
		{rule: "python-package", name: "email", pkg: "email", dist: "email"}, // plain rule: no shadowing check
		{rule: "python-package", name: "class", err: "is a Python keyword", suggests: `"class-app"`},
		{rule: "python-package", name: "Import", err: "is a Python keyword", suggests: `"Import-app"`},
		{rule: "python-package", name: "demo_", err: "PEP 508", suggests: `"demo"`},
		{rule: "python-package", name: "my-app", pkg: "my_app"},
		{rule: "python-package", name: "match", pkg: "match", dist: "match"}, // soft keyword: fine

		{rule: "flask-package", name: "blog", pkg: "blog", dist: "blog"},
		{rule: "flask-package", name: "flask", err: `conflicts with the installed module "flask" in a Flask project`, suggests: `"flask-app"`},
		{rule: "flask-package", name: "tests", err: "the tests/ directory", suggests: `"tests-app"`},
		{rule: "flask-package", name: "json", err: "standard-library module \"json\"", suggests: `"json-app"`},
		{rule: "flask-package", name: "SQLAlchemy", err: `the installed module "sqlalchemy"`, suggests: `"SQLAlchemy-app"`},

		{rule: "django-project", name: "mysite", pkg: "mysite", dist: "mysite"},
		{rule: "django-project", name: "my-site", pkg: "my_site", dist: "my-site"},
		{rule: "django-project", name: "django", err: `the installed module "django" in a Django project`, suggests: `"django-app"`},
		{rule: "django-project", name: "test", err: "standard-library module \"test\"", suggests: `"test-app"`},
		{rule: "django-project", name: "site", err: "standard-library", suggests: `"site-app"`},
		{rule: "django-project", name: "email", err: "standard-library", suggests: `"email-app"`},
		{rule: "django-project", name: "code", err: "standard-library"},
		{rule: "django-project", name: "distutils", err: "standard-library"},     // gone in 3.12, still in 3.11
		{rule: "django-project", name: "annotationlib", err: "standard-library"}, // new in 3.14
		{rule: "django-project", name: "core", err: "the core app", suggests: `"core-app"`},
		{rule: "django-project", name: "accounts", err: "the accounts app", suggests: `"accounts-app"`},
		{rule: "django-project", name: "whitenoise", err: `the installed module "whitenoise"`},
		{rule: "django-project", name: "manage", err: "manage.py"},
		{rule: "django-project", name: "dj-database-url", err: `the installed module "dj_database_url"`},
		{rule: "django-project", name: "def", err: "keyword", suggests: `"def-app"`},
		{rule: "django-project", name: "CProfile", pkg: "cprofile", dist: "cprofile"}, // imports are case-sensitive
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.name, func(t *testing.T) {
			got, err := Derive(tt.name, []string{tt.rule})
			if tt.err != "" {
				if err == nil {
					t.Fatalf("accepted, want an error containing %q (derived %v)", tt.err, got)
				}
				if !input.Is(err) {
					t.Errorf("error %v is not an input error", err)
				}
				if !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %q does not contain %q", err, tt.err)
				}
				if tt.suggests != "" && !strings.Contains(err.Error(), "try "+tt.suggests) {
					t.Errorf("error %q does not suggest %s", err, tt.suggests)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got["python_package"] != tt.pkg {
				t.Errorf("python_package = %q, want %q", got["python_package"], tt.pkg)
			}
			if tt.dist != "" && got["python_dist"] != tt.dist {
				t.Errorf("python_dist = %q, want %q", got["python_dist"], tt.dist)
			}
		})
	}
}

// Every suggestion must itself pass the rule that made it.
func TestPythonSuggestionsAreValid(t *testing.T) {
	for _, rule := range []string{"python-package", "flask-package", "django-project"} {
		for _, name := range []string{"class", "demo_", "flask", "django", "test", "json", "core", "tests", "site"} {
			_, err := Derive(name, []string{rule})
			if err == nil {
				continue
			}
			msg := err.Error()
			i := strings.LastIndex(msg, `(try "`)
			if i < 0 {
				continue
			}
			s := strings.TrimSuffix(msg[i+len(`(try "`):], `")`)
			if _, err := Derive(s, []string{rule}); err != nil {
				t.Errorf("%s: %q suggests %q, which is refused: %v", rule, name, s, err)
			}
		}
	}
}

func TestPythonStdlibListIsSane(t *testing.T) {
	for _, m := range []string{"os", "sys", "json", "asyncio", "tomllib", "zoneinfo", "email", "site"} {
		if !pythonStdlib()[m] {
			t.Errorf("%q missing from pythonStdlib()", m)
		}
	}
	for m := range pythonStdlib() {
		if strings.HasPrefix(m, "_") {
			t.Errorf("%q: private modules are left out (a package never starts with '_')", m)
		}
	}
}
