package names

import (
	"slices"
	"strings"
	"testing"
)

func TestJavaPackage(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"com.example.demo", "com.example.demo"},
		{"com.example.my-app", "com.example.my_app"},
		{"com.example.my_app", "com.example.my_app"},
		{"com.example.MyApp", "com.example.MyApp"}, // Initializr keeps the case
		{"  org.acme.shop  ", "org.acme.shop"},
		{"com.example.my app", "com.example.my.app"}, // other non-word runs split segments
		{"com.example.my..app", "com.example.my.app"},
		{"com.example.2fa", "com.example._fa"},         // a segment's leading digits become '_'
		{"com.example.app2", "com.example.app2"},       // digits elsewhere stay
		{"com.example.1st-2nd", "com.example._st_2nd"}, // '-' joins, then the leading digits go
		{"io.github.my-org.tool", "io.github.my_org.tool"},
		// no usable package: Initializr's default
		{"com.example.class", DefaultJavaPackage},
		{"com.example.new", DefaultJavaPackage},
		{"com.example.true", DefaultJavaPackage},
		{"com.example.123", DefaultJavaPackage}, // "123" -> "_", a keyword since Java 9
		{"org.springframework", DefaultJavaPackage},
		{"java.demo", DefaultJavaPackage},
		{"", DefaultJavaPackage},
		{"...", DefaultJavaPackage},
		// contextual keywords are fine as package names
		{"com.example.record", "com.example.record"},
		{"com.example.var", "com.example.var"},
		{"org.springframework.demo", "org.springframework.demo"},
		{"javax.demo", "javax.demo"},
	}
	for _, tt := range tests {
		if got := JavaPackage(tt.in); got != tt.want {
			t.Errorf("JavaPackage(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestJavaApplicationClass(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"demo", "DemoApplication"},
		{"my-app", "MyAppApplication"},
		{"my_app", "MyAppApplication"},
		{"my app", "MyAppApplication"},
		{"my:app", "MyAppApplication"},
		{"my--app", "MyAppApplication"},
		{"myApp", "MyAppApplication"},
		{"MyApp", "MyAppApplication"},
		{"myHTTPServer", "MyHttpServerApplication"},
		{"HTTPServer", "HttpServerApplication"},
		{"DEMO", "DemoApplication"},
		{"app2", "App2Application"},
		{"demo-application", "DemoApplication"}, // "Application" is not doubled
		{"Application", "Application"},
		{"  spaced  ", "SpacedApplication"},
		// not a Java identifier, or Spring's own names: Initializr's fallback
		{"2fa", DefaultJavaApplicationClass},
		{"my.app", DefaultJavaApplicationClass},
		{"spring", DefaultJavaApplicationClass}, // SpringApplication
		{"spring-boot", DefaultJavaApplicationClass},
		{"", DefaultJavaApplicationClass},
	}
	for _, tt := range tests {
		if got := JavaApplicationClass(tt.in); got != tt.want {
			t.Errorf("JavaApplicationClass(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckJavaPackage(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string // "" = valid
	}{
		{"com.example.demo", ""},
		{"com.example.my_app", ""},
		{"org.acme.shop.api", ""},
		{"com.example.record", ""},
		{"com.example.$dollar", ""},
		{"com.example.my-app", `"my-app" is not a Java identifier`},
		{"com.example.2fa", `"2fa" is not a Java identifier`},
		{"com.example.class", `"class" is a Java keyword`},
		{"com.example._", `"_" is a Java keyword`},
		{"com..example", "empty segment"},
		{".com.example", "empty segment"},
		{"com.example.", "empty segment"},
		{"java.util.demo", "java.*"},
		{"org.springframework", "Spring's own package"},
	}
	for _, tt := range tests {
		err := CheckJavaPackage(tt.in)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("CheckJavaPackage(%q) = %v, want nil", tt.in, err)
		case tt.wantErr != "" && err == nil:
			t.Errorf("CheckJavaPackage(%q) = nil, want an error about %s", tt.in, tt.wantErr)
		case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
			t.Errorf("CheckJavaPackage(%q) = %v, want it to mention %s", tt.in, err, tt.wantErr)
		}
	}
	// A cleanable package comes with the cleaned one as a suggestion.
	if err := CheckJavaPackage("com.example.my-app"); err == nil || !strings.Contains(err.Error(), `try "com.example.my_app"`) {
		t.Errorf("CheckJavaPackage(com.example.my-app) = %v, want a suggestion of com.example.my_app", err)
	}
}

func TestJavaNameRules(t *testing.T) {
	names, err := Derive("my-app", []string{"java"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"maven_artifact":         "my-app",
		"java_package":           "com.example.my_app",
		"java_application_class": "MyAppApplication",
	}
	for k, v := range want {
		if names[k] != v {
			t.Errorf("Names.%s = %q, want %q", k, names[k], v)
		}
	}

	ids := []struct {
		rule, value string
		ok          bool
	}{
		{"maven-group-id", "com.example", true},
		{"maven-group-id", "io.github.my-org", true},
		{"maven-group-id", "Com_Example", true},
		{"maven-group-id", "com example", false},
		{"maven-group-id", "com/example", false},
		{"maven-group-id", "com.example:demo", false},
		{"maven-artifact-id", "demo", true},
		{"maven-artifact-id", "my-app.core", true},
		{"maven-artifact-id", "my app", false},
		{"maven-artifact-id", "démo", false},
		{"java-package", "com.example.demo", true},
		{"java-package", "com.example.int", false},
	}
	for _, tt := range ids {
		_, err := registry[tt.rule].Derive(tt.value)
		if (err == nil) != tt.ok {
			t.Errorf("%s(%q): err = %v, want ok = %v", tt.rule, tt.value, err, tt.ok)
		}
	}
}

func TestJavaNameFuncs(t *testing.T) {
	javaPackage := Funcs()["javaPackage"].(func(...string) string)
	appClass := Funcs()["javaApplicationClass"].(func(string) string)
	got := []string{javaPackage("com.acme", "my-app"), javaPackage("com.acme", ""), appClass("my-app")}
	want := []string{"com.acme.my_app", "com.acme", "MyAppApplication"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
