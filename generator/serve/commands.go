package serve

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
)

// canonicalQuery is the shortest query that gives the project p: framework,
// name, then the options that differ from their defaults, in manifest order.
func canonicalQuery(p *generator.Project) string {
	var b strings.Builder
	b.WriteString("framework=" + url.QueryEscape(p.Manifest.Name))
	b.WriteString("&name=" + url.QueryEscape(p.Name))
	for _, o := range generator.ChangedOptions(p) {
		b.WriteString("&" + url.QueryEscape(o.Key) + "=" + url.QueryEscape(o.Value))
	}
	return b.String()
}

// newCommand is the `scaffold new` command that writes the same files.
func newCommand(p *generator.Project) string {
	args := []string{"scaffold", "new", shellQuote(p.Name), "--framework=" + p.Manifest.Name, "--yes"}
	for _, o := range generator.ChangedOptions(p) {
		if opt, _ := p.Manifest.Option(o.Key); opt.Kind == generator.KindBool && o.Value == "true" {
			args = append(args, "--"+o.Key)
			continue
		}
		args = append(args, "--"+o.Key+"="+shellQuote(o.Value))
	}
	return strings.Join(args, " ")
}

// curlCommand downloads and unpacks the same project from this server.
func curlCommand(base string, p *generator.Project) string {
	return "curl -fsS " + shellQuote(base+"/starter.tgz?"+canonicalQuery(p)) + " | tar xz"
}

// baseURL is the server as the client reached it.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	host := r.Host
	if host == "" || strings.ContainsAny(host, " /\\'\"") {
		host = "localhost"
	}
	return scheme + "://" + host
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@=+,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// helpText is GET / for clients that do not ask for HTML (curl).
func helpText(base string, catalog *generator.Catalog) string {
	var b strings.Builder
	fmt.Fprintf(&b, "scaffold %s — starter projects over HTTP\n\n", generator.Version)
	fmt.Fprintf(&b, "Download a project (the archive holds one directory, named after the project):\n\n")
	fmt.Fprintf(&b, "  curl -fsS '%s/starter.tgz?framework=gin&name=api' | tar xz\n", base)
	fmt.Fprintf(&b, "  curl -fsSo api.zip '%s/starter.zip?framework=django&name=api&database=postgres'\n\n", base)
	fmt.Fprintf(&b, "Every option of a framework is a query parameter (a bool given bare, &docker, is true).\n")
	fmt.Fprintf(&b, "Mistakes answer 400 with a JSON error naming the parameter.\n\n")
	fmt.Fprintf(&b, "Frameworks and their options:\n")
	for _, s := range catalog.Summaries() {
		keys := make([]string, len(s.Options))
		for i, o := range s.Options {
			keys[i] = o.Key
		}
		fmt.Fprintf(&b, "  %-12s %-8s %s\n", s.Name, s.Version, strings.Join(keys, ", "))
	}
	fmt.Fprintf(&b, "\nEndpoints:\n")
	fmt.Fprintf(&b, "  GET /api/v1/frameworks          the catalog: options with kind, default, choices, help (JSON)\n")
	fmt.Fprintf(&b, "  GET /api/v1/preview?QUERY       the files a query gives, and the equivalent commands (JSON)\n")
	fmt.Fprintf(&b, "  GET /starter.zip?QUERY          the project as a zip\n")
	fmt.Fprintf(&b, "  GET /starter.tgz?QUERY          the project as a gzipped tar\n")
	fmt.Fprintf(&b, "  GET /healthz                    200 when the server is up\n")
	fmt.Fprintf(&b, "\nIn a browser, %s/ is a configurator page.\n", base)
	return b.String()
}
