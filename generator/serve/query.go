package serve

import (
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/input"
)

// MaxQueryBytes bounds a request's query string: the longest real
// configuration is a few hundred bytes.
const MaxQueryBytes = 4096

// apiError is a refused request: the status, the query parameter at fault
// ("" when none is) and the message the CLI would give.
type apiError struct {
	Status  int    `json:"status"`
	Param   string `json:"param,omitempty"`
	Message string `json:"error"`
}

func (e *apiError) Error() string { return e.Message }

func badRequest(param, format string, args ...any) *apiError {
	return &apiError{Status: 400, Param: param, Message: fmt.Sprintf(format, args...)}
}

// parsed is a request's query, checked against the catalog and resolved.
type parsed struct {
	manifest *generator.Manifest
	request  generator.Request
	// optionKeys are the option parameters given, sorted.
	optionKeys []string
}

// resolve resolves the request, drawing secrets from random. On failure it
// finds the parameter at fault: the name alone first, then each given
// option in manifest order with the ones before it.
func (q *parsed) resolve(random io.Reader) (*generator.Project, *apiError) {
	p, err := generator.Resolve(q.manifest, q.request, random)
	if err == nil {
		return p, nil
	}
	if !input.Is(err) {
		return nil, resolveError("", err)
	}
	m, req, optionKeys := q.manifest, q.request, q.optionKeys
	if _, err := generator.Resolve(m, generator.Request{Name: req.Name}, zeros{}); err != nil {
		return nil, resolveError("name", err)
	}
	for _, k := range optionKeys {
		if _, ok := m.Option(k); !ok {
			_, err := generator.Resolve(m, generator.Request{Name: req.Name, Options: map[string]string{k: req.Options[k]}}, zeros{})
			return nil, resolveError(k, err)
		}
	}
	upTo := map[string]string{}
	for _, o := range m.Options {
		v, given := req.Options[o.Key]
		if !given {
			continue
		}
		upTo[o.Key] = v
		if _, err := generator.Resolve(m, generator.Request{Name: req.Name, Options: upTo}, zeros{}); err != nil {
			return nil, resolveError(o.Key, err)
		}
	}
	return nil, resolveError("", err)
}

// parseQuery reads framework, name and the framework's options from a raw
// query string. Every parameter may be given once. A bool option given
// without a value (…&docker) is true, as --docker is on the command line.
// Errors name the parameter at fault and carry the engine's own message.
func parseQuery(catalog *generator.Catalog, rawQuery string) (*parsed, *apiError) {
	if len(rawQuery) > MaxQueryBytes {
		return nil, badRequest("", "the query is %d bytes, more than the %d allowed; no configuration needs that many: send only framework, name and the options you change", len(rawQuery), MaxQueryBytes)
	}
	values, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, badRequest("", "the query is not valid URL encoding (%v); encode values with encodeURIComponent or curl --data-urlencode -G", err)
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if len(values[k]) > 1 {
			return nil, badRequest(k, "parameter %q is given %d times (%s); give it once", k, len(values[k]), strings.Join(values[k], ", "))
		}
	}
	m, err := catalog.Lookup(values.Get("framework"))
	if err != nil {
		msg := err.Error()
		if values.Get("framework") == "" {
			msg = fmt.Sprintf("no framework given; add framework=NAME, one of: %s", strings.Join(catalog.Names(), ", "))
		}
		return nil, &apiError{Status: 400, Param: "framework", Message: msg}
	}
	name, hasName := values["name"]
	if !hasName || name[0] == "" {
		return nil, badRequest("name", "no project name given; add name=NAME (for example name=api): the project's directory and the archive are named after it")
	}
	req := generator.Request{Name: name[0], Options: map[string]string{}}
	var optionKeys []string
	for _, k := range keys {
		if k == "framework" || k == "name" {
			continue
		}
		v := values.Get(k)
		if o, ok := m.Option(k); ok && o.Kind == generator.KindBool && v == "" {
			v = "true"
		}
		req.Options[k] = v
		optionKeys = append(optionKeys, k)
	}
	q := &parsed{manifest: m, request: req}
	q.optionKeys = optionKeys
	return q, nil
}

// resolveError turns an engine error into a 400 when it is the user's
// mistake, and a 500 otherwise (a broken template).
func resolveError(param string, err error) *apiError {
	if err == nil {
		return &apiError{Status: 500, Message: "internal error: the request was refused without a reason"}
	}
	if input.Is(err) {
		return &apiError{Status: 400, Param: param, Message: err.Error()}
	}
	return &apiError{Status: 500, Message: err.Error()}
}

// zeros is a random stream of zero bytes, for resolving only to check input.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
