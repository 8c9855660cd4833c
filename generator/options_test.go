package generator_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/input"
	"github.com/scaffold-cli/scaffold/templates"
)

const optionsManifest = `
name: demo
title: Demo
description: a framework for tests
language: Go
version: "1.0.0"
template_version: 1
names: [go-package]
options:
  - key: module
    kind: string
    default: "{{.Names.go_module}}"
    prompt: Module
    help: the module path
    validate: go-module
  - key: database
    kind: choice
    choices: [none, postgres, sqlite]
    default: none
    prompt: Database
    help: which database
  - key: migrations
    kind: bool
    default: "true"
    prompt: Migrations?
    help: add migrations
    when: ne .Options.database "none"
  - key: dsn
    kind: string
    default: "{{.Options.database}}://{{.Name}}"
    prompt: DSN
    help: connection string
    when: .Options.migrations
golden:
  - name: default
`

func TestOptionDefault(t *testing.T) {
	m, err := generator.ParseManifest([]byte(optionsManifest))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		earlier     map[string]string
		key         string
		wantApplies bool
		wantDef     string
		wantErr     string
	}{
		{name: "default from the derived names", key: "module", wantApplies: true, wantDef: "example.com/shop"},
		{name: "plain default", key: "database", wantApplies: true, wantDef: "none"},
		{name: "condition false on earlier defaults", key: "migrations", wantApplies: false},
		{name: "condition true on an earlier answer", earlier: map[string]string{"database": "postgres"}, key: "migrations", wantApplies: true, wantDef: "true"},
		{name: "default from earlier answers", earlier: map[string]string{"database": "sqlite"}, key: "dsn", wantApplies: true, wantDef: "sqlite://shop"},
		{name: "condition false on an earlier answer", earlier: map[string]string{"database": "sqlite", "migrations": "no"}, key: "dsn", wantApplies: false},
		{name: "the key's own value and later ones are ignored", earlier: map[string]string{"database": "bogus", "dsn": "x"}, key: "database", wantApplies: true, wantDef: "none"},
		{name: "bad earlier value", earlier: map[string]string{"module": "fmt/x"}, key: "database", wantErr: "shadows the standard library"},
		{name: "earlier value that does not apply", earlier: map[string]string{"migrations": "true"}, key: "dsn", wantErr: `option "migrations" does not apply here`},
		{name: "unknown key", key: "databse", wantErr: `did you mean "database"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			applies, def, err := generator.OptionDefault(m, "shop", tt.earlier, tt.key)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				if !input.Is(err) {
					t.Errorf("err = %v is not an InputError", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if applies != tt.wantApplies || def != tt.wantDef {
				t.Errorf("OptionDefault(%q) = %v, %q; want %v, %q", tt.key, applies, def, tt.wantApplies, tt.wantDef)
			}
		})
	}
}

// TestOptionDefaultAgreesWithResolve checks the helper against Resolve: asking
// one option at a time and taking every default gives what Resolve gives.
func TestOptionDefaultAgreesWithResolve(t *testing.T) {
	m, err := generator.ParseManifest([]byte(optionsManifest))
	if err != nil {
		t.Fatal(err)
	}
	for _, given := range []map[string]string{{}, {"database": "postgres"}, {"database": "sqlite", "migrations": "false"}} {
		p, err := generator.Resolve(m, generator.Request{Name: "shop", Options: given}, strings.NewReader(""))
		if err != nil {
			t.Fatal(err)
		}
		answers := map[string]string{}
		for k, v := range given {
			answers[k] = v
		}
		for _, o := range m.Options {
			applies, def, err := generator.OptionDefault(m, "shop", answers, o.Key)
			if err != nil {
				t.Fatal(err)
			}
			if v, ok := given[o.Key]; ok {
				def = v
			}
			if !applies {
				continue
			}
			answers[o.Key] = def
			if got := generator.FormatOptionValue(p.Options[o.Key]); got != def {
				t.Errorf("given %v: option %q: OptionDefault walk gives %q, Resolve %q", given, o.Key, def, got)
			}
		}
	}
}

// WalkOptions meets each option as OptionDefault does, one question at a
// time, for every built-in framework and the test manifest: the same
// options asked, with the same defaults, and an answer given during the
// walk feeds the defaults after it (spring-boot's package comes from the
// group and artifact).
func TestWalkOptionsAgreesWithOptionDefault(t *testing.T) {
	catalog, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	test, err := generator.ParseManifest([]byte(optionsManifest))
	if err != nil {
		t.Fatal(err)
	}
	manifests := append(catalog.Manifests(), test)
	for _, m := range manifests {
		for _, answerAll := range []bool{false, true} {
			raw := map[string]string{}
			type asked struct{ key, def string }
			var walk []asked
			err := generator.WalkOptions(m, "shop", raw, func(o generator.Option, def string) (string, bool, error) {
				walk = append(walk, asked{o.Key, def})
				if answerAll && o.Kind == generator.KindString {
					raw[o.Key] = def + "x"
					return def + "x", true, nil
				}
				return "", false, nil
			})
			if err != nil {
				t.Fatalf("%s: %v", m.Name, err)
			}
			// The same walk, one OptionDefault call per option.
			earlier := map[string]string{}
			var want []asked
			for _, o := range m.Options {
				applies, def, err := generator.OptionDefault(m, "shop", earlier, o.Key)
				if err != nil {
					t.Fatalf("%s: %s: %v", m.Name, o.Key, err)
				}
				if !applies {
					continue
				}
				want = append(want, asked{o.Key, def})
				if v, ok := raw[o.Key]; ok {
					earlier[o.Key] = v
				}
			}
			if !reflect.DeepEqual(walk, want) {
				t.Errorf("%s (answering strings: %v):\n walk %v\n want %v", m.Name, answerAll, walk, want)
			}
		}
	}
}

// A bad given value stops the walk with Resolve's error before anything
// after it is asked.
func TestWalkOptionsBadValue(t *testing.T) {
	m, err := generator.ParseManifest([]byte(optionsManifest))
	if err != nil {
		t.Fatal(err)
	}
	given := map[string]string{m.Options[0].Key: "not-a-valid-value-\x00"}
	_, resolveErr := generator.Resolve(m, generator.Request{Name: "shop", Options: given}, strings.NewReader(""))
	asked := 0
	err = generator.WalkOptions(m, "shop", given, func(generator.Option, string) (string, bool, error) {
		asked++
		return "", false, nil
	})
	if err == nil || resolveErr == nil || err.Error() != resolveErr.Error() {
		t.Fatalf("walk error %v, Resolve error %v: want the same error", err, resolveErr)
	}
	if asked != 0 {
		t.Errorf("%d options asked after a bad first value", asked)
	}
}
