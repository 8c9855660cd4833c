package names

import (
	"fmt"
	"strings"
	"sync"

	"github.com/scaffold-cli/scaffold/generator/input"
)

// Ruby's rules, as `rails new` applies them (railties Rails::Generators::AppName):
//
//	app_name  = name.parameterize(preserve_case: true).underscore   # "My-App" -> "my_app"
//	app_const = app_name.gsub(/\W/, "_").squeeze("_").camelize      # "my_app" -> "MyApp"
//
// and the generator refuses a constant that starts with a digit, a name among
// RESERVED_NAMES, and a constant that is already defined while it runs
// (`rails new string` -> String, `rails new rails` -> Rails).

// railsReservedNames is Rails::Generators::AppName::RESERVED_NAMES. Rails compares
// them case-sensitively; scaffold refuses every spelling, since "Test" would make
// the same confusing constant.
var railsReservedNames = []string{"application", "destroy", "plugin", "runner", "test"}

// rubyDefinedConstants are top-level constants defined when `rails new` checks the
// name, or once the application boots: Ruby 3.x core (Object.constants), the
// standard library Rails and its generator load, and the gems a new Rails
// application depends on. A project constant equal to one of them would reopen
// that class or module instead of defining the application's own.
var rubyDefinedConstants = sync.OnceValue(func() map[string]bool {
	return rubyNameSet(strings.Fields(`
	ARGF ARGV ArgumentError Array BasicObject Bignum Binding Class ClosedQueueError Comparable
	Complex ConditionVariable Data DidYouMean Dir ENV EOFError Encoding EncodingError Enumerable
	Enumerator Errno ErrorHighlight Exception FalseClass Fiber FiberError File FileTest Fixnum
	Float FloatDomainError FrozenError GC Gem Hash IO IOError IndexError Integer Interrupt
	Kernel KeyError LoadError LocalJumpError Marshal MatchData Math Method Module Monitor
	MonitorMixin Mutex NameError NilClass NoMatchingPatternError NoMatchingPatternKeyError
	NoMemoryError NoMethodError NotImplementedError Numeric Object ObjectSpace Proc Process
	Queue Ractor Random Range RangeError Rational RbConfig Refinement Regexp RegexpError Ruby
	RubyVM RuntimeError STDERR STDIN STDOUT ScriptError SecurityError Set Signal
	SignalException SizedQueue StandardError StopIteration String Struct Symbol SyntaxError
	SystemCallError SystemExit SystemStackError Thread ThreadError ThreadGroup Time TracePoint
	TrueClass TypeError UnboundMethod UncaughtThrowError UnicodeNormalize Warning
	ZeroDivisionError

	Addrinfo BasicSocket Benchmark BigDecimal BigMath Bundler CGI CSV Coverage DRb Date
	DateTime Delegator Digest ERB Etc FileUtils Forwardable IPAddr IPSocket IRB JSON Logger
	Net Open3 OpenSSL OpenStruct PP Pathname PrettyPrint Prism Psych RDoc Racc Reline Resolv
	Ripper SecureRandom Shellwords SimpleDelegator SingleForwardable Singleton Socket
	SocketError StringIO StringScanner TCPServer TCPSocket Tempfile Timeout Tsort TSort
	UDPSocket UNIXServer UNIXSocket URI WeakRef YAML Zlib

	AbstractController ActionCable ActionController ActionDispatch ActionMailbox ActionMailer
	ActionPack ActionText ActionView ActiveJob ActiveModel ActiveRecord ActiveStorage
	ActiveSupport Arel Bootsnap Brakeman Capybara Concurrent Erubi GlobalID I18n Importmap
	Jbuilder Mail Marcel Mime Minitest Nokogiri Propshaft Puma Rack Rails Railties Rake
	RuboCop SQLite3 Stimulus TZInfo Thor Turbo Zeitwerk PG
`))
})

func init() {
	register(Rule{
		Name:        "rails-app",
		Description: "Rails: the app name (my_app) and its module constant (MyApp), refusing Rails' reserved names and existing Ruby constants",
		Derive:      deriveRailsNames,
	})
	registerFuncs(map[string]any{
		"railsAppName": RailsAppName,
		"rubyConstant": func(name string) string { return RubyConstant(RailsAppName(name)) },
	})
}

func deriveRailsNames(name string) (map[string]string, error) {
	app := RailsAppName(name)
	if app == "" {
		return nil, input.Errorf("%q has no letters or digits for a Rails application name", name)
	}
	constant := RubyConstant(app)
	suggestion := app + "_app"
	switch {
	case constant == "" || rbDigit(constant[0]):
		return nil, input.Errorf("%q is not a valid Rails application name: its constant %q must start with a letter", name, constant)
	case rubyContainsFold(railsReservedNames, name):
		return nil, refusal(offerExample, suggestion, fmt.Sprintf("%q is a word Rails reserves (%s); choose another",
			name, strings.Join(railsReservedNames, ", ")))
	case rubyDefinedConstants()[constant]:
		return nil, refusal(offerExample, suggestion, fmt.Sprintf("%q would make the Rails application constant %q, which Ruby or Rails already defines; choose another",
			name, constant))
	}
	return map[string]string{"rails_app": app, "rails_constant": constant}, nil
}

// RailsAppName is Rails' `name.parameterize(preserve_case: true).underscore` for an
// ASCII name: runs of characters other than letters, digits, '-' and '_' become
// '-', repeated '-' collapse, leading and trailing '-' go; then CamelCase is split
// with '_', '-' becomes '_' and everything is lower-cased.
func RailsAppName(name string) string {
	var b strings.Builder
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if rbAlnum(c) || c == '_' {
			b.WriteByte(c)
			sep = false
			continue
		}
		// '-' itself and any other character: one '-' per run.
		if !sep {
			b.WriteByte('-')
			sep = true
		}
	}
	return rubyUnderscore(strings.Trim(b.String(), "-"))
}

// rubyUnderscore is ActiveSupport's String#underscore without acronyms (a new
// application defines none): "MyApp" -> "my_app", "HTTPServer" -> "http_server".
func rubyUnderscore(word string) string {
	if !strings.ContainsAny(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZ-") {
		return word
	}
	var b strings.Builder
	for i := 0; i < len(word); i++ {
		c := word[i]
		if i > 0 && rbUpper(c) {
			prev := word[i-1]
			nextLower := i+1 < len(word) && rbLower(word[i+1])
			if (rbUpper(prev) && nextLower) || rbLower(prev) || rbDigit(prev) {
				b.WriteByte('_')
			}
		}
		if c == '-' {
			c = '_'
		}
		b.WriteByte(c)
	}
	return strings.ToLower(b.String())
}

// RubyConstant is Rails' `app_name.gsub(/\W/, "_").squeeze("_").camelize`:
// "my_app" -> "MyApp", "my__app2" -> "MyApp2".
func RubyConstant(app string) string {
	var squeezed strings.Builder
	for i := 0; i < len(app); i++ {
		c := app[i]
		if !rbAlnum(c) {
			c = '_'
		}
		if c == '_' && squeezed.Len() > 0 && strings.HasSuffix(squeezed.String(), "_") {
			continue
		}
		squeezed.WriteByte(c)
	}
	// camelize: the leading run of [a-z\d] and every run after '_' is capitalized
	// (first letter up, the rest down); the '_' go.
	var b strings.Builder
	for i, part := range strings.Split(squeezed.String(), "_") {
		if i == 0 && part != "" && !rbLower(part[0]) && !rbDigit(part[0]) {
			b.WriteString(part) // camelize leaves a word that starts upper-case alone
			continue
		}
		b.WriteString(rubyCapitalize(part))
	}
	return b.String()
}

func rubyCapitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}

func rubyContainsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

func rubyNameSet(items []string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}

func rbUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func rbLower(c byte) bool { return c >= 'a' && c <= 'z' }
func rbDigit(c byte) bool { return c >= '0' && c <= '9' }
func rbAlnum(c byte) bool { return rbUpper(c) || rbLower(c) || rbDigit(c) }
