package serve

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/write"
	"github.com/scaffold-cli/scaffold/templates"
)

var (
	catalogOnce sync.Once
	catalog     *generator.Catalog
	catalogErr  error
)

func testCatalog(t testing.TB) *generator.Catalog {
	t.Helper()
	catalogOnce.Do(func() {
		catalog, catalogErr = generator.LoadCatalog(templates.FS, generator.WithoutE2E(), generator.Lazy())
	})
	if catalogErr != nil {
		t.Fatal(catalogErr)
	}
	return catalog
}

const testSeed = "serve-test"

// newTestHandler serves the built-in catalog with seeded secrets, so its
// archives can be compared with a seeded `scaffold new`.
func newTestHandler(t testing.TB, cfg Config) *Handler {
	t.Helper()
	cfg.Catalog = testCatalog(t)
	if cfg.NewRandom == nil {
		cfg.NewRandom = func() io.Reader { return generator.SeededRandom(testSeed) }
	}
	h, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func get(t testing.TB, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			r.Host = header[i+1]
			continue
		}
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// written is the files `scaffold new` writes for the request: resolved,
// generated and written to a temporary directory as the CLI does, then
// read back with their modes.
func written(t *testing.T, framework, name string, options map[string]string) map[string]fileEntry {
	t.Helper()
	m, err := testCatalog(t).Lookup(framework)
	if err != nil {
		t.Fatal(err)
	}
	p, err := generator.Resolve(m, generator.Request{Name: name, Options: options}, generator.SeededRandom(testSeed))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), name)
	if err := write.Files(context.Background(), dir, files, write.Options{}); err != nil {
		t.Fatal(err)
	}
	out := map[string]fileEntry{}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(filepath.Dir(dir), path)
		out[filepath.ToSlash(rel)] = fileEntry{mode: info.Mode().Perm(), data: string(data)}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type fileEntry struct {
	mode fs.FileMode
	data string
}

func unzipAll(t *testing.T, data []byte) map[string]fileEntry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]fileEntry{}
	for _, f := range zr.File {
		if !f.Modified.Equal(archiveTime) {
			t.Errorf("%s: modified %v, want the fixed %v", f.Name, f.Modified, archiveTime)
		}
		if f.FileInfo().IsDir() {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = fileEntry{mode: f.Mode().Perm(), data: string(b)}
	}
	return out
}

func untgzAll(t *testing.T, data []byte) map[string]fileEntry {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	out := map[string]fileEntry{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !h.ModTime.Equal(archiveTime) {
			t.Errorf("%s: modified %v, want the fixed %v", h.Name, h.ModTime, archiveTime)
		}
		if h.Typeflag == tar.TypeDir {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out[h.Name] = fileEntry{mode: fs.FileMode(h.Mode).Perm(), data: string(b)}
	}
	return out
}

func compareTrees(t *testing.T, what string, got, want map[string]fileEntry) {
	t.Helper()
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s lacks %s", what, p)
		case g.mode != w.mode:
			t.Errorf("%s: %s has mode %04o, scaffold new writes %04o", what, p, g.mode, w.mode)
		case g.data != w.data:
			t.Errorf("%s: %s differs from what scaffold new writes", what, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s has %s, which scaffold new does not write", what, p)
		}
	}
}

// Every framework's archives hold exactly the files `scaffold new` writes,
// modes included, under a directory named after the project.
func TestStarterMatchesNew(t *testing.T) {
	h := newTestHandler(t, Config{})
	cases := []struct {
		framework string
		query     string
		options   map[string]string
	}{
		{"django", "", nil},
		{"express", "&language=ts&docker", map[string]string{"language": "ts", "docker": "true"}},
		{"flask", "&database=postgres", map[string]string{"database": "postgres"}},
		{"gin", "&docker=true&ci=true", map[string]string{"docker": "true", "ci": "true"}},
		{"koa", "", nil},
		{"laravel", "", nil},
		{"rails", "", nil},
		{"spring-boot", "&java=21", map[string]string{"java": "21"}},
	}
	for _, c := range cases {
		t.Run(c.framework, func(t *testing.T) {
			want := written(t, c.framework, "demo", c.options)
			hasExecutable := false
			for _, f := range want {
				hasExecutable = hasExecutable || f.mode&0o111 != 0
			}
			for _, kind := range []string{"zip", "tgz"} {
				w := get(t, h, "/starter."+kind+"?framework="+c.framework+"&name=demo"+c.query)
				if w.Code != 200 {
					t.Fatalf("%s: %d %s", kind, w.Code, w.Body)
				}
				if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename="demo.`+kind+`"` {
					t.Errorf("%s: Content-Disposition %q", kind, cd)
				}
				var got map[string]fileEntry
				if kind == "zip" {
					got = unzipAll(t, w.Body.Bytes())
				} else {
					got = untgzAll(t, w.Body.Bytes())
				}
				compareTrees(t, "starter."+kind, got, want)
			}
			if c.framework == "rails" && !hasExecutable {
				t.Error("rails writes no executable file; the mode check proves nothing")
			}
		})
	}
}

func TestStarterDeterministicAndETag(t *testing.T) {
	h := newTestHandler(t, Config{NewRandom: func() io.Reader { return rand0{} }})
	const q = "/starter.zip?framework=gin&name=api&docker"
	a, b := get(t, h, q), get(t, h, q)
	if !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
		t.Fatal("the same request gave different bytes")
	}
	etag := a.Header().Get("ETag")
	if etag == "" || strings.HasPrefix(etag, "W/") || etag != b.Header().Get("ETag") {
		t.Fatalf("ETag %q then %q: want one strong ETag", etag, b.Header().Get("ETag"))
	}
	if nm := get(t, h, q, "If-None-Match", etag); nm.Code != http.StatusNotModified || nm.Body.Len() != 0 {
		t.Errorf("If-None-Match: %d with %d bytes, want 304 and no body", nm.Code, nm.Body.Len())
	}
	if other := get(t, h, "/starter.zip?framework=gin&name=api"); other.Header().Get("ETag") == etag {
		t.Error("a different request has the same ETag")
	}
}

// rand0 is a secret stream of zeros: it shows that the server, not the
// stream, decides whether the bytes repeat.
type rand0 struct{}

func (rand0) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// A framework that draws secrets gets fresh ones per request (crypto/rand),
// and such an archive is neither cached nor given an ETag.
func TestStarterSecretsPerRequest(t *testing.T) {
	h, err := New(Config{Catalog: testCatalog(t)})
	if err != nil {
		t.Fatal(err)
	}
	const q = "/starter.zip?framework=django&name=blog"
	a, b := get(t, h, q), get(t, h, q)
	if a.Code != 200 || b.Code != 200 {
		t.Fatalf("%d, %d", a.Code, b.Code)
	}
	if bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
		t.Error("two django archives are equal: the secrets were not drawn per request")
	}
	if a.Header().Get("ETag") != "" || a.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("ETag %q, Cache-Control %q: an archive with secrets must be no-store without ETag", a.Header().Get("ETag"), a.Header().Get("Cache-Control"))
	}
}

func decodeError(t *testing.T, w *httptest.ResponseRecorder) apiError {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("error Content-Type %q, want JSON; body %s", ct, w.Body)
	}
	var e apiError
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("error body %q: %v", w.Body, err)
	}
	if e.Status != w.Code {
		t.Errorf("status %d in the body, %d on the wire", e.Status, w.Code)
	}
	return e
}

func TestBadRequests(t *testing.T) {
	h := newTestHandler(t, Config{})
	cases := []struct {
		target string
		status int
		param  string
		msg    string // a part of the message
	}{
		{"/starter.zip?name=api", 400, "framework", "no framework given; add framework=NAME, one of: django, express"},
		{"/starter.zip?framework=gni&name=api", 400, "framework", `unknown framework "gni" (did you mean "gin"?)`},
		{"/starter.zip?framework=nope&name=api", 400, "framework", `run "scaffold list" to see the 8 frameworks`},
		{"/starter.zip?framework=gin", 400, "name", "no project name given; add name=NAME"},
		{"/starter.zip?framework=gin&name=", 400, "name", "no project name given"},
		{"/starter.tgz?framework=gin&name=9lives", 400, "name", `project name "9lives"`},
		{"/api/v1/preview?framework=rails&name=application", 400, "name", "application"},
		{"/starter.zip?framework=gin&name=api&dokcer=true", 400, "dokcer", `unknown option "dokcer" for gin (did you mean "docker"?)`},
		{"/starter.zip?framework=gin&name=api&docker=maybe", 400, "docker", `option "docker" is true or false, not "maybe"`},
		{"/starter.zip?framework=flask&name=api&database=postgre", 400, "database", `(did you mean "postgres"?)`},
		{"/starter.zip?framework=gin&name=api&module=Not%20A%20Module", 400, "module", `option "module"`},
		{"/starter.zip?framework=gin&name=api&name=web", 400, "name", `parameter "name" is given 2 times (api, web); give it once`},
		{"/starter.zip?framework=gin&name=api&x=" + strings.Repeat("a", MaxQueryBytes), 400, "", "more than the 4096 allowed"},
		{"/starter.zip?framework=gin&name=%zz", 400, "", "not valid URL encoding"},
		{"/nope", 404, "", "no endpoint /nope; try GET / for help"},
	}
	for _, c := range cases {
		t.Run(c.target[:min(len(c.target), 60)], func(t *testing.T) {
			w := get(t, h, c.target)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body)
			}
			e := decodeError(t, w)
			if e.Param != c.param {
				t.Errorf("param %q, want %q (%s)", e.Param, c.param, e.Message)
			}
			if !strings.Contains(e.Message, c.msg) {
				t.Errorf("message %q lacks %q", e.Message, c.msg)
			}
		})
	}
}

// The message for a bad option value is the engine's, word for word.
func TestBadValueMessageIsTheEngines(t *testing.T) {
	h := newTestHandler(t, Config{})
	m, _ := testCatalog(t).Lookup("flask")
	_, want := generator.Resolve(m, generator.Request{Name: "api", Options: map[string]string{"database": "postgre"}}, rand0{})
	e := decodeError(t, get(t, h, "/starter.zip?framework=flask&name=api&database=postgre"))
	if want == nil || e.Message != want.Error() {
		t.Errorf("message %q, the engine says %v", e.Message, want)
	}
}

const conditionalManifest = `
name: demo
title: Demo
description: a framework for tests
language: Go
version: "1.0.0"
template_version: 1
names: [go-package]
options:
  - key: database
    kind: choice
    choices: [none, postgres]
    default: none
    prompt: Database
    help: which database
  - key: migrations
    kind: bool
    default: "true"
    prompt: Migrations?
    help: add migrations
    when: ne .Options.database "none"
golden:
  - name: default
`

// An option whose condition is false is refused, named, with the engine's
// words; the preview says which options apply.
func TestOptionThatDoesNotApply(t *testing.T) {
	c, err := generator.LoadCatalog(fstest.MapFS{
		"demo/manifest.yaml":   {Data: []byte(conditionalManifest)},
		"demo/files/README.md": {Data: []byte("demo\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Config{Catalog: c})
	if err != nil {
		t.Fatal(err)
	}
	e := decodeError(t, get(t, h, "/api/v1/preview?framework=demo&name=api&migrations=false"))
	if e.Param != "migrations" || !strings.Contains(e.Message, `option "migrations" does not apply here`) {
		t.Errorf("error %+v", e)
	}
	for _, c := range []struct {
		query   string
		applies bool
	}{{"", false}, {"&database=postgres", true}} {
		w := get(t, h, "/api/v1/preview?framework=demo&name=api"+c.query)
		var p previewResponse
		if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil || w.Code != 200 {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
		if len(p.Options) != 2 || p.Options[1].Applies != c.applies {
			t.Errorf("%q: options %+v, want migrations applying = %v", c.query, p.Options, c.applies)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h := newTestHandler(t, Config{})
	r := httptest.NewRequest(http.MethodPost, "/starter.zip?framework=gin&name=api", strings.NewReader("x"))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 405 || w.Header().Get("Allow") != "GET, HEAD" {
		t.Fatalf("POST: %d, Allow %q", w.Code, w.Header().Get("Allow"))
	}
	if e := decodeError(t, w); !strings.Contains(e.Message, "every endpoint answers GET") {
		t.Errorf("message %q", e.Message)
	}
}

func TestFrameworks(t *testing.T) {
	h := newTestHandler(t, Config{})
	w := get(t, h, "/api/v1/frameworks")
	if w.Code != 200 {
		t.Fatal(w.Code)
	}
	var got catalogResponse
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	names := testCatalog(t).Names()
	if len(got.Frameworks) != len(names) || len(names) != 8 {
		t.Fatalf("%d frameworks, want the catalog's %d (8)", len(got.Frameworks), len(names))
	}
	for i, f := range got.Frameworks {
		m, _ := testCatalog(t).Lookup(names[i])
		want := generator.Describe(m)
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(f)
		if !bytes.Equal(wb, gb) {
			t.Errorf("%s: served %s, describe gives %s", names[i], gb, wb)
		}
	}
	var sawValidate bool
	for _, f := range got.Frameworks {
		for _, o := range f.Options {
			sawValidate = sawValidate || o.Validate != ""
			if o.Help == "" || o.Kind == "" {
				t.Errorf("%s.%s lacks help or kind", f.Name, o.Key)
			}
		}
	}
	if !sawValidate {
		t.Error("no option shows its validation rule")
	}
	if etag := w.Header().Get("ETag"); etag == "" {
		t.Error("no ETag on the catalog")
	} else if nm := get(t, h, "/api/v1/frameworks", "If-None-Match", etag); nm.Code != 304 {
		t.Errorf("If-None-Match: %d", nm.Code)
	}
}

func TestPreview(t *testing.T) {
	h := newTestHandler(t, Config{})
	w := get(t, h, "/api/v1/preview?framework=gin&name=api&docker&database=postgres", "Host", "scaffold.example:8080")
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	var p previewResponse
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	want := written(t, "gin", "api", map[string]string{"docker": "true", "database": "postgres"})
	if len(p.Files) != len(want) {
		t.Errorf("%d files, scaffold new writes %d", len(p.Files), len(want))
	}
	for _, f := range p.Files {
		w, ok := want["api/"+f.Path]
		switch {
		case !ok:
			t.Errorf("preview has %s, scaffold new does not write it", f.Path)
		case f.Size != len(w.data) || f.Mode != fmt.Sprintf("%04o", w.mode):
			t.Errorf("%s: size %d mode %s, want %d %04o", f.Path, f.Size, f.Mode, len(w.data), w.mode)
		case f.Content == nil || *f.Content != w.data:
			t.Errorf("%s: content missing or different", f.Path)
		}
	}
	if p.Command != "scaffold new api --framework=gin --yes --docker --database=postgres" {
		t.Errorf("command %q", p.Command)
	}
	if p.Curl != "curl -fsS 'http://scaffold.example:8080/starter.tgz?framework=gin&name=api&docker=true&database=postgres' | tar xz" {
		t.Errorf("curl %q", p.Curl)
	}
	if p.Query != "framework=gin&name=api&docker=true&database=postgres" {
		t.Errorf("query %q", p.Query)
	}
	if len(p.Options) != 4 {
		t.Errorf("%d options, gin has 4", len(p.Options))
	}
	for _, o := range p.Options {
		if o.Key == "module" && (o.Value != o.Default || !o.Applies || o.Given) {
			t.Errorf("module: %+v, want its derived default, applying, not given", o)
		}
	}
}

func TestRoot(t *testing.T) {
	h := newTestHandler(t, Config{})
	page := get(t, h, "/", "Accept", "text/html,application/xhtml+xml")
	if page.Code != 200 || !strings.HasPrefix(page.Header().Get("Content-Type"), "text/html") || !strings.Contains(page.Body.String(), `<script src="/static/app.js"`) {
		t.Fatalf("browser: %d %q", page.Code, page.Header().Get("Content-Type"))
	}
	for _, forbidden := range []string{"http://", "https://", "<style", " style=", "onclick", "<script>"} {
		if strings.Contains(page.Body.String(), forbidden) {
			t.Errorf("the page holds %q: it must load nothing external and run nothing inline", forbidden)
		}
	}
	help := get(t, h, "/", "Accept", "*/*", "Host", "localhost:8080")
	if help.Code != 200 || !strings.HasPrefix(help.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("curl: %d %q", help.Code, help.Header().Get("Content-Type"))
	}
	if !strings.Contains(help.Body.String(), "curl -fsS 'http://localhost:8080/starter.tgz?framework=gin&name=api' | tar xz") {
		t.Errorf("help lacks the example:\n%s", help.Body)
	}
	for _, n := range testCatalog(t).Names() {
		if !strings.Contains(help.Body.String(), n) {
			t.Errorf("help does not list %s", n)
		}
	}
	for _, asset := range []struct{ path, ctype string }{{"/static/app.js", "javascript"}, {"/static/style.css", "text/css"}} {
		w := get(t, h, asset.path)
		if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Type"), asset.ctype) {
			t.Errorf("%s: %d %q", asset.path, w.Code, w.Header().Get("Content-Type"))
		}
		if strings.Contains(w.Body.String(), "http://") || strings.Contains(w.Body.String(), "https://") {
			t.Errorf("%s refers to another site", asset.path)
		}
	}
}

func TestHealthzAndHeaders(t *testing.T) {
	h := newTestHandler(t, Config{})
	for _, target := range []string{"/healthz", "/", "/api/v1/frameworks", "/starter.zip?framework=gin", "/nope"} {
		w := get(t, h, target)
		if target == "/healthz" && (w.Code != 200 || w.Body.String() != "ok\n") {
			t.Errorf("healthz: %d %q", w.Code, w.Body)
		}
		for k, v := range map[string]string{"Content-Security-Policy": contentSecurityPolicy, "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", target, k, got, v)
			}
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("%s: CORS is on (%q) without --cors", target, got)
		}
	}
	if !strings.Contains(contentSecurityPolicy, "default-src 'none'") || strings.Contains(contentSecurityPolicy, "unsafe") {
		t.Errorf("the CSP is not strict: %s", contentSecurityPolicy)
	}
}

func TestCORS(t *testing.T) {
	h := newTestHandler(t, Config{CORSOrigin: "https://ide.example"})
	if got := get(t, h, "/api/v1/frameworks").Header().Get("Access-Control-Allow-Origin"); got != "https://ide.example" {
		t.Errorf("Allow-Origin %q", got)
	}
	r := httptest.NewRequest(http.MethodOptions, "/api/v1/preview", nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 204 || w.Header().Get("Access-Control-Allow-Methods") != "GET, HEAD" {
		t.Errorf("preflight: %d %v", w.Code, w.Header())
	}
}

// With every slot taken, a request waits QueueWait, then gets 503 with
// Retry-After; the catalog needs no slot.
func TestBusy(t *testing.T) {
	h := newTestHandler(t, Config{MaxGenerations: 1, QueueWait: 50 * time.Millisecond})
	h.slots <- struct{}{}
	start := time.Now()
	w := get(t, h, "/starter.zip?framework=gin&name=api")
	if w.Code != 503 || w.Header().Get("Retry-After") == "" {
		t.Fatalf("busy: %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
	if waited := time.Since(start); waited < 50*time.Millisecond {
		t.Errorf("answered 503 after %v, before QueueWait", waited)
	}
	if e := decodeError(t, w); !strings.Contains(e.Message, "retry") {
		t.Errorf("message %q", e.Message)
	}
	if get(t, h, "/api/v1/frameworks").Code != 200 {
		t.Error("the catalog waited for a generation slot")
	}
	go func() { time.Sleep(20 * time.Millisecond); <-h.slots }()
	h.cfg.QueueWait = 2 * time.Second
	if w := get(t, h, "/starter.zip?framework=gin&name=api"); w.Code != 200 {
		t.Errorf("after a slot freed: %d", w.Code)
	}
}

// One log line per request, and never a secret.
func TestAccessLog(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	logger := slog.New(slog.NewJSONHandler(&lockedWriter{w: &buf, mu: &mu}, nil))
	h, err := New(Config{Catalog: testCatalog(t), Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	w := get(t, h, "/api/v1/preview?framework=django&name=blog")
	get(t, h, "/starter.zip?framework=gin")
	var p previewResponse
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines for 2 requests:\n%s", len(lines), buf.String())
	}
	var entry map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &entry); err != nil {
		t.Fatal(err)
	}
	if entry["status"] != float64(400) || entry["path"] != "/starter.zip" || entry["method"] != "GET" {
		t.Errorf("log entry %v", entry)
	}
	// Django's settings hold the secret key; no 16-character piece of any
	// file's secret-bearing line may reach the log.
	for _, f := range p.Files {
		if f.Content == nil {
			continue
		}
		for _, line := range strings.Split(*f.Content, "\n") {
			if strings.Contains(strings.ToUpper(line), "SECRET") && len(line) > 30 {
				tail := line[len(line)-20:]
				if strings.Contains(buf.String(), tail) {
					t.Errorf("the log holds %q from %s", tail, f.Path)
				}
			}
		}
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// A shutdown lets a request in flight finish.
func TestRunGracefulShutdown(t *testing.T) {
	started := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		close(started)
		time.Sleep(300 * time.Millisecond)
		io.WriteString(w, "finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Run(ctx, ln, slow, nil) }()
	type result struct {
		body string
		err  error
	}
	res := make(chan result, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			res <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		res <- result{string(b), err}
	}()
	<-started
	cancel()
	r := <-res
	if r.err != nil || r.body != "finished" {
		t.Errorf("the request in flight got %q, %v", r.body, r.err)
	}
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Error("still listening after shutdown")
	}
}
