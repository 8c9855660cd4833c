// Package serve is `scaffold serve`: the engine as an HTTP service in the
// manner of Spring Initializr. It owns the JSON API under /api/v1/ (the
// catalog and a preview of a project), the starter archives (/starter.zip,
// /starter.tgz) built in memory, the plain-text help for curl, the embedded
// configurator page, and the server's limits, logging and headers. It is
// stateless: every response is a function of its request (and, for
// frameworks that draw secrets, of fresh randomness). Nothing is written to
// disk.
package serve

import (
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scaffold-cli/scaffold/generator"
)

//go:embed page
var pageFS embed.FS

// Config is how a Handler behaves. The zero value of every field but
// Catalog has a sensible default.
type Config struct {
	Catalog *generator.Catalog
	// Logger gets one line per request; nil logs nothing.
	Logger *slog.Logger
	// MaxGenerations bounds the generations (preview, archives) running at
	// once; default 4 × GOMAXPROCS.
	MaxGenerations int
	// QueueWait is how long a request waits for a free generation slot
	// before it is answered 503 with Retry-After; default 2s.
	QueueWait time.Duration
	// CORSOrigin, when set, is allowed to call the API from a browser; "*"
	// allows any. Empty: no CORS headers at all.
	CORSOrigin string
	// NewRandom gives the secret stream of one request; default
	// crypto/rand. Tests pass a seeded stream to compare with `scaffold new
	// --seed`.
	NewRandom func() io.Reader
	// CacheBytes bounds the archive parts kept between requests (the
	// files no secret reaches, compressed); default DefaultCacheBytes,
	// negative keeps nothing.
	CacheBytes int64
}

// Handler serves the API, the archives and the page.
type Handler struct {
	cfg   Config
	slots chan struct{}
	mux   *http.ServeMux
	cache *lru
	// catalogJSON is the catalog, encoded once: it never changes.
	catalogJSON []byte
}

// New builds the handler. The catalog is described once, here.
func New(cfg Config) (*Handler, error) {
	if cfg.Catalog == nil {
		return nil, fmt.Errorf("serve: no catalog")
	}
	if cfg.MaxGenerations <= 0 {
		cfg.MaxGenerations = 4 * runtime.GOMAXPROCS(0)
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = 2 * time.Second
	}
	if cfg.NewRandom == nil {
		cfg.NewRandom = func() io.Reader { return rand.Reader }
	}
	if cfg.CacheBytes == 0 {
		cfg.CacheBytes = DefaultCacheBytes
	}
	h := &Handler{cfg: cfg, slots: make(chan struct{}, cfg.MaxGenerations), mux: http.NewServeMux(), cache: newLRU(cfg.CacheBytes)}
	catalog := catalogResponse{APIVersion: "v1", Scaffold: generator.Version, Frameworks: []generator.Description{}}
	for _, n := range cfg.Catalog.Names() {
		m, err := cfg.Catalog.Lookup(n)
		if err != nil {
			return nil, fmt.Errorf("serve: framework %s: %w", n, err)
		}
		catalog.Frameworks = append(catalog.Frameworks, generator.Describe(m))
	}
	var err error
	if h.catalogJSON, err = json.MarshalIndent(catalog, "", "  "); err != nil {
		return nil, err
	}
	static, err := fs.Sub(pageFS, "page")
	if err != nil {
		return nil, err
	}
	h.mux.HandleFunc("GET /{$}", h.root)
	h.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	h.mux.HandleFunc("GET /api/v1/frameworks", h.frameworks)
	h.mux.HandleFunc("GET /api/v1/preview", h.preview)
	h.mux.HandleFunc("GET /starter.zip", func(w http.ResponseWriter, r *http.Request) { h.starter(w, r, "zip") })
	h.mux.HandleFunc("GET /starter.tgz", func(w http.ResponseWriter, r *http.Request) { h.starter(w, r, "tgz") })
	h.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	return h, nil
}

type catalogResponse struct {
	APIVersion string                  `json:"api_version"`
	Scaffold   string                  `json:"scaffold_version"`
	Frameworks []generator.Description `json:"frameworks"`
}

// contentSecurityPolicy allows the page's own files and nothing else.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// ServeHTTP adds the security headers, CORS, the method and size checks and
// the access log around the routes.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	hdr := w.Header()
	hdr.Set("Content-Security-Policy", contentSecurityPolicy)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("Referrer-Policy", "no-referrer")
	if h.cfg.CORSOrigin != "" {
		hdr.Set("Access-Control-Allow-Origin", h.cfg.CORSOrigin)
		hdr.Add("Vary", "Origin")
	}
	r.Body = http.MaxBytesReader(rec, r.Body, 1024) // GET only: no body is read
	switch {
	case r.Method == http.MethodOptions && h.cfg.CORSOrigin != "":
		hdr.Set("Access-Control-Allow-Methods", "GET, HEAD")
		hdr.Set("Access-Control-Max-Age", "600")
		rec.WriteHeader(http.StatusNoContent)
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		hdr.Set("Allow", "GET, HEAD")
		writeError(rec, &apiError{Status: http.StatusMethodNotAllowed, Message: fmt.Sprintf("method %s is not served; every endpoint answers GET (and HEAD)", r.Method)})
	default:
		_, pattern := h.mux.Handler(r)
		if pattern == "" {
			writeError(rec, &apiError{Status: http.StatusNotFound, Message: fmt.Sprintf("no endpoint %s; try GET / for help, /api/v1/frameworks, /api/v1/preview, /starter.zip or /starter.tgz", r.URL.Path)})
			break
		}
		h.mux.ServeHTTP(rec, r)
	}
	if h.cfg.Logger != nil {
		h.cfg.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.String("query", truncate(r.URL.RawQuery, 256)), slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes), slog.Duration("duration", time.Since(start)),
			slog.String("remote", r.RemoteAddr))
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

type recorder struct {
	http.ResponseWriter
	status      int
	bytes       int64
	wroteHeader bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wroteHeader {
		r.status, r.wroteHeader = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)+1))
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, e *apiError) {
	if e.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, e.Status, e)
}

// acquire takes a generation slot, waiting at most QueueWait.
func (h *Handler) acquire(r *http.Request) (release func(), e *apiError) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	default:
	}
	t := time.NewTimer(h.cfg.QueueWait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-t.C:
		return nil, &apiError{Status: http.StatusServiceUnavailable, Message: fmt.Sprintf("all %d generation slots are busy; retry in a second", cap(h.slots))}
	case <-r.Context().Done():
		return nil, &apiError{Status: http.StatusServiceUnavailable, Message: "the request was cancelled while waiting"}
	}
}

// generate parses, resolves and renders the request's project.
func (h *Handler) generate(r *http.Request) (*parsed, *generator.Project, []generator.File, *apiError) {
	q, e := parseQuery(h.cfg.Catalog, r.URL.RawQuery)
	if e != nil {
		return nil, nil, nil, e
	}
	release, e := h.acquire(r)
	if e != nil {
		return nil, nil, nil, e
	}
	defer release()
	p, e := q.resolve(h.cfg.NewRandom())
	if e != nil {
		return nil, nil, nil, e
	}
	files, err := generator.Generate(p)
	if err != nil {
		return nil, nil, nil, resolveError("", err)
	}
	return q, p, files, nil
}

func (h *Handler) frameworks(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	etag := `"` + hashOf(h.catalogJSON) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(h.catalogJSON)))
	w.Write(h.catalogJSON)
}

// maxPreviewContent bounds the content shown of one file in a preview.
const maxPreviewContent = 256 << 10

type previewFile struct {
	Path    string  `json:"path"`
	Mode    string  `json:"mode"`
	Size    int     `json:"size"`
	Content *string `json:"content,omitempty"`
}

type previewResponse struct {
	Framework string          `json:"framework"`
	Version   string          `json:"version"`
	Name      string          `json:"name"`
	Files     []previewFile   `json:"files"`
	Command   string          `json:"command"`
	Curl      string          `json:"curl"`
	Query     string          `json:"query"`
	Options   []previewOption `json:"options"`
}

// previewOption is an option as this project resolved it: whether it
// applies, its value and the default it would have had.
type previewOption struct {
	Key     string `json:"key"`
	Kind    string `json:"kind"`
	Value   string `json:"value"`
	Default string `json:"default"`
	Applies bool   `json:"applies"`
	Given   bool   `json:"given"`
}

func optionsOf(p *generator.Project) []previewOption {
	m := p.Manifest
	out := []previewOption{}
	earlier := map[string]string{}
	for _, o := range m.Options {
		applies, def, err := generator.OptionDefault(m, p.Name, earlier, o.Key)
		if err != nil {
			applies = false
		}
		v := generator.FormatOptionValue(p.Options[o.Key])
		if applies {
			earlier[o.Key] = v
		}
		out = append(out, previewOption{Key: o.Key, Kind: o.Kind, Value: v, Default: def, Applies: applies, Given: p.Given[o.Key]})
	}
	return out
}

func (h *Handler) preview(w http.ResponseWriter, r *http.Request) {
	q, p, files, e := h.generate(r)
	if e != nil {
		writeError(w, e)
		return
	}
	out := previewResponse{
		Framework: q.manifest.Name, Version: q.manifest.Version, Name: p.Name,
		Files: make([]previewFile, len(files)), Command: newCommand(p),
		Curl: curlCommand(baseURL(r), p), Query: canonicalQuery(p), Options: optionsOf(p),
	}
	for i, f := range files {
		out.Files[i] = previewFile{Path: f.Path, Mode: fmt.Sprintf("%04o", f.Mode.Perm()), Size: len(f.Data)}
		if len(f.Data) <= maxPreviewContent && utf8.Valid(f.Data) && !strings.ContainsRune(string(f.Data), 0) {
			s := string(f.Data)
			out.Files[i].Content = &s
		}
	}
	w.Header().Set("Cache-Control", "no-store") // secrets may be in it
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) starter(w http.ResponseWriter, r *http.Request, kind string) {
	q, e := parseQuery(h.cfg.Catalog, r.URL.RawQuery)
	if e != nil {
		writeError(w, e)
		return
	}
	release, e := h.acquire(r)
	if e != nil {
		writeError(w, e)
		return
	}
	defer release()
	p, e := q.resolve(h.cfg.NewRandom())
	if e != nil {
		writeError(w, e)
		return
	}
	root := p.Name
	data, etag, done, err := h.archive(kind, p)
	defer done()
	if err != nil {
		writeError(w, resolveError("", fmt.Errorf("building the archive: %w", err)))
		return
	}
	hdr := w.Header()
	if kind == "zip" {
		hdr.Set("Content-Type", "application/zip")
	} else {
		hdr.Set("Content-Type", "application/gzip")
	}
	hdr.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, root, kind))
	hdr.Set("Content-Length", strconv.Itoa(len(data)))
	if etag != "" {
		// The same request gives the same bytes: a strong validator.
		hdr.Set("ETag", etag)
		hdr.Set("Cache-Control", "public, max-age=3600")
		if r.Header.Get("If-None-Match") == etag {
			hdr.Del("Content-Length")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else {
		// Fresh secrets every time: never cache, never revalidate.
		hdr.Set("Cache-Control", "no-store")
	}
	w.Write(data)
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func (h *Handler) root(w http.ResponseWriter, r *http.Request) {
	if strings.Contains(r.Header.Get("Accept"), "text/html") {
		data, err := pageFS.ReadFile("page/index.html")
		if err != nil {
			writeError(w, &apiError{Status: 500, Message: err.Error()})
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(data)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Add("Vary", "Accept")
	io.WriteString(w, helpText(baseURL(r), h.cfg.Catalog))
}
