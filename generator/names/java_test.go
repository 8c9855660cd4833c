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
		{"com.example.MyApp", "com.example.myapp"}, // lower-cased (Initializr keeps the case)
		{"com.example.String", "com.example.string"},
		{"Org.Acme.Shop", "org.acme.shop"},
		{"  org.acme.shop  ", "org.acme.shop"},
		{"com.example.my app", "com.example.my.app"}, // other non-word runs split segments
		{"com.example.my..app", "com.example.my.app"},
		{"com.example.2fa", "com.example.fa"},         // a segment's leading digits go, as in Initializr
		{"com.example.1abc", "com.example.abc"},       // --artifact=1abc
		{"com.example.app2", "com.example.app2"},      // digits elsewhere stay
		{"com.example.1st-2nd", "com.example.st_2nd"}, // '-' joins, then the leading digits go
		{"com.example.123", "com.example"},            // digits only: the segment goes (Initializr: com.example3)
		{"com.example.1_2", "com.example._2"},
		{"io.github.my-org.tool", "io.github.my_org.tool"},
		// no usable package: Initializr's default
		{"com.example.class", DefaultJavaPackage},
		{"com.example.new", DefaultJavaPackage},
		{"com.example.true", DefaultJavaPackage},
		{"com.example._", DefaultJavaPackage}, // "_" is a keyword since Java 9
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
		// the group starts the Java package
		{"maven-group-id", "org.acme", true},
		{"maven-group-id", "org.springframework", true}, // the package is org.springframework.ARTIFACT
		{"maven-group-id", "com.my_org.x2", true},
		{"maven-group-id", "javax.demo", true},
		{"maven-group-id", "class.if", false},
		{"maven-group-id", "com.example.new", false},
		{"maven-group-id", "com.true", false},
		{"maven-group-id", "1com.example", false},
		{"maven-group-id", "com.2example", false},
		{"maven-group-id", "com..example", false},
		{"maven-group-id", ".com", false},
		{"maven-group-id", "java.demo", false},
		{"maven-group-id", "_", false},
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

// A group that cannot start the Java package is refused with what is valid,
// and a cleanable one comes with the cleaned group.
func TestCheckJavaGroup(t *testing.T) {
	tests := []struct {
		group, want, offer string
	}{
		{"class.if", `"class" is a Java keyword`, ""},
		{"com.if", `"if" is a Java keyword`, ""},
		{"1com.example", `"1com" is not a Java identifier`, "com.example"},
		{"com.2example.x", `"2example" is not a Java identifier`, "com.example.x"},
		{"com.example.123", `"123" is not a Java identifier`, "com.example"},
		{"java.util", "java.*", ""},
		{"com..example", "empty segment", "com.example"},
	}
	for _, tt := range tests {
		err := CheckJavaGroup(tt.group)
		if err == nil {
			t.Errorf("CheckJavaGroup(%q) = nil, want an error", tt.group)
			continue
		}
		msg := err.Error()
		for _, want := range []string{tt.want, "cannot start the Java package", "each starting with a letter", `such as "com.example"`} {
			if !strings.Contains(msg, want) {
				t.Errorf("CheckJavaGroup(%q) = %v, want it to mention %s", tt.group, err, want)
			}
		}
		offer, _ := suggestedName(msg)
		if offer != tt.offer {
			t.Errorf("CheckJavaGroup(%q) offers %q, want %q", tt.group, offer, tt.offer)
		}
		if offer != "" && CheckJavaGroup(offer) != nil {
			t.Errorf("CheckJavaGroup(%q) offers %q, which it refuses: %v", tt.group, offer, CheckJavaGroup(offer))
		}
	}
}
