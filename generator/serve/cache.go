package serve

import (
	"bytes"
	"container/list"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/scaffold-cli/scaffold/generator"
)

// DefaultCacheBytes bounds the archive parts a Handler keeps: over a
// thousand configurations of Gin (an entry is about 12 KB), about 300 of
// Rails (57 KB).
const DefaultCacheBytes = 16 << 20

// cacheKey names what a cached project is a function of: the manifest
// (framework and template version), the archive kind, and the
// configuration (the name and every option's resolved value). The
// scaffold version is the process's own.
type cacheKey struct {
	manifest *generator.Manifest
	kind     string
	query    string
}

// configuration is the project's name and its options' resolved values,
// in manifest order, each prefixed with its length: everything but the
// secrets that a project's files are made from. (The canonical query says
// the same, but finding each option's default resolves the project again
// per option.)
func configuration(p *generator.Project) string {
	var b strings.Builder
	add := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	add(p.Name)
	for _, o := range p.Manifest.Options {
		add(generator.FormatOptionValue(p.Options[o.Key]))
	}
	return b.String()
}

// cached is the part of one configuration's archive that no secret
// reaches, kept between requests. It never holds a secret-bearing file's
// content: those are rendered per request, from fresh randomness.
type cached struct {
	// whole is the finished archive when no file reads the secrets, and
	// etag its strong validator.
	whole []byte
	etag  string
	// files is every file in Generate's order; a secret-bearing one keeps
	// its path, mode and source and no content.
	files []generator.File
	// secret lists the indexes in files rendered per request.
	secret []int
	// zip holds, for a zip, the finished entries as bytes: the
	// directories, then one per file (empty for the secret-bearing ones).
	zip []zipPiece
	// size is what the entry costs the cache, roughly, in bytes.
	size int64
}

// lru is a size-bounded cache of archive parts, least recently used out
// first. A nil *lru caches nothing.
type lru struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // of *lruItem, most recent first
	items map[cacheKey]*list.Element
	// hits and misses count lookups, for tests and the benchmark notes.
	hits, misses int64
}

type lruItem struct {
	key cacheKey
	val *cached
}

func newLRU(maxBytes int64) *lru {
	if maxBytes <= 0 {
		return nil
	}
	return &lru{max: maxBytes, order: list.New(), items: map[cacheKey]*list.Element{}}
}

func (c *lru) get(k cacheKey) *cached {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[k]
	if !ok {
		c.misses++
		return nil
	}
	c.hits++
	c.order.MoveToFront(e)
	return e.Value.(*lruItem).val
}

// add keeps v under k, dropping the least recently used entries to stay
// within the bound. An entry larger than an eighth of the bound is not
// kept: it would push out many others.
func (c *lru) add(k cacheKey, v *cached) {
	if c == nil || v.size > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok { // another request built it meanwhile
		c.order.MoveToFront(e)
		return
	}
	c.items[k] = c.order.PushFront(&lruItem{key: k, val: v})
	c.size += v.size
	for c.size > c.max {
		last := c.order.Back()
		it := last.Value.(*lruItem)
		c.order.Remove(last)
		delete(c.items, it.key)
		c.size -= it.val.size
	}
}

// stats is the number of entries, their size, and the hits and misses so far.
func (c *lru) stats() (entries int, size, hits, misses int64) {
	if c == nil {
		return 0, 0, 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.size, c.hits, c.misses
}

// archive is kind's archive of p and, when the same request always gives
// the same bytes, its ETag. The parts no secret reaches come from the
// cache when they are there, and go in when they are not; the files that
// read the secrets are rendered for p every time.
func (h *Handler) archive(kind string, p *generator.Project) (data []byte, etag string, release func(), err error) {
	release = func() {}
	key := cacheKey{manifest: p.Manifest, kind: kind, query: configuration(p)}
	if c := h.cache.get(key); c != nil {
		if c.whole != nil {
			return c.whole, c.etag, release, nil
		}
		fresh := make([]generator.File, len(c.secret))
		for j, i := range c.secret {
			f := c.files[i]
			fresh[j] = generator.File{Path: f.Path, Mode: f.Mode, Source: f.Source}
		}
		if err := generator.RenderFiles(p, fresh); err != nil {
			return nil, "", release, err
		}
		data, release, err := c.assemble(kind, p.Name, fresh)
		return data, "", release, err
	}
	parts, err := generator.GenerateParts(p)
	if err != nil {
		return nil, "", release, err
	}
	if parts.PlanSecret || h.cache == nil { // nothing can be reused, or kept
		data, err := buildArchive(kind, p.Name, parts.Files)
		if err != nil || parts.PlanSecret || slices.Contains(parts.Secret, true) {
			return data, "", release, err
		}
		return data, `"` + hashOf(data) + `"`, release, nil
	}
	c, data, release, err := newCached(kind, p.Name, parts)
	if err != nil {
		return nil, "", release, err
	}
	h.cache.add(key, c)
	return data, c.etag, release, nil
}

// newCached splits a project's archive into what can be kept and builds
// the archive itself from it.
func newCached(kind, root string, parts generator.Parts) (c *cached, data []byte, release func(), err error) {
	release = func() {}
	c = &cached{}
	for i, secret := range parts.Secret {
		if secret {
			c.secret = append(c.secret, i)
		}
	}
	if len(c.secret) == 0 {
		if data, err = buildArchive(kind, root, parts.Files); err != nil {
			return nil, nil, release, err
		}
		// A copy of its own size: the buffer's spare capacity would be
		// kept too, uncounted.
		c.whole, c.etag, c.size = bytes.Clone(data), `"`+hashOf(data)+`"`, int64(len(data))+256
		return c, data, release, nil
	}
	c.files = make([]generator.File, len(parts.Files))
	for i, f := range parts.Files {
		c.files[i] = generator.File{Path: f.Path, Mode: f.Mode, Source: f.Source}
		c.size += int64(len(f.Path)+len(f.Source)) + 64
	}
	fresh := make([]generator.File, len(c.secret))
	for j, i := range c.secret {
		fresh[j] = parts.Files[i]
	}
	if kind == "zip" {
		// The archive of this request, cut into its entries: the ones no
		// secret reaches are kept, copied out of the pooled buffer.
		b := buffers.Get().(*bytes.Buffer)
		b.Reset()
		release = func() { buffers.Put(b) }
		if err := writeZip(b, root, parts.Files); err != nil {
			return nil, nil, release, err
		}
		pieces, err := splitZip(b.Bytes())
		if err != nil {
			return nil, nil, release, err
		}
		dirs := len(pieces) - len(parts.Files)
		for _, i := range c.secret {
			pieces[dirs+i] = zipPiece{}
		}
		pack(2*len(pieces), func(k int) *[]byte {
			if k%2 == 0 {
				return &pieces[k/2].local
			}
			return &pieces[k/2].central
		})
		c.zip = pieces
		for _, p := range pieces {
			c.size += int64(len(p.local)+len(p.central)) + 48
		}
		return c, b.Bytes(), release, nil
	}
	for i, f := range parts.Files {
		if !parts.Secret[i] {
			c.files[i].Data = f.Data
			c.size += int64(len(f.Data))
		}
	}
	pack(len(c.files), func(i int) *[]byte { return &c.files[i].Data })
	data, release, err = c.assemble(kind, root, fresh)
	return c, data, release, err
}

// pack moves n byte slices into one array of exactly their total size:
// what the cache counts is then what it holds, without the spare
// capacity of the buffers they were built in.
func pack(n int, slice func(i int) *[]byte) {
	total := 0
	for i := range n {
		total += len(*slice(i))
	}
	arena := make([]byte, 0, total)
	for i := range n {
		b := slice(i)
		if len(*b) == 0 {
			continue
		}
		start := len(arena)
		arena = append(arena, *b...)
		*b = arena[start:len(arena):len(arena)]
	}
}

// assemble is the archive with fresh, the secret-bearing files rendered
// for this request (in the order of c.secret), in their places. Its bytes
// are in a pooled buffer: release hands it back once they are sent.
func (c *cached) assemble(kind, root string, fresh []generator.File) (data []byte, release func(), err error) {
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	release = func() { buffers.Put(b) }
	if kind != "zip" {
		all := slices.Clone(c.files)
		for j, i := range c.secret {
			all[i] = fresh[j]
		}
		err = writeTgz(b, root, all)
		return b.Bytes(), release, err
	}
	// This request's entries, written alone and cut out, then joined
	// with the kept ones.
	scratch := buffers.Get().(*bytes.Buffer)
	scratch.Reset()
	defer buffers.Put(scratch)
	entries, err := zipEntries(root, fresh, false)
	if err != nil {
		return nil, release, err
	}
	if err := writeEntries(scratch, len(entries), func(i int) *zipEntry { return &entries[i] }); err != nil {
		return nil, release, err
	}
	own, err := splitZip(scratch.Bytes())
	if err != nil {
		return nil, release, err
	}
	all := make([]*zipPiece, len(c.zip))
	for i := range c.zip {
		all[i] = &c.zip[i]
	}
	dirs := len(c.zip) - len(c.files)
	for j, i := range c.secret {
		all[dirs+i] = &own[j]
	}
	err = joinZip(b, all)
	return b.Bytes(), release, err
}
