package serve

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
)

// plainZip is the archive as zip.Writer writes it with CreateHeader, file
// by file: what writeZip gave before it reused finished entries.
func plainZip(root string, files []generator.File) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, pooledFlate)
	for _, d := range dirsOf(root, files) {
		h := &zip.FileHeader{Name: d, Method: zip.Store, Modified: archiveTime}
		h.SetMode(0o755 | 1<<31)
		if _, err := zw.CreateHeader(h); err != nil {
			panic(err)
		}
	}
	for _, f := range files {
		method := zip.Deflate
		if len(f.Data) < minDeflate {
			method = zip.Store
		}
		h := &zip.FileHeader{Name: root + "/" + f.Path, Method: method, Modified: archiveTime}
		h.SetMode(f.Mode.Perm())
		fw, err := zw.CreateHeader(h)
		if err != nil {
			panic(err)
		}
		fw.Write(f.Data)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func projectFiles(t *testing.T, framework, name string, seed string) (*generator.Project, []generator.File) {
	t.Helper()
	m, err := testCatalog(t).Lookup(framework)
	if err != nil {
		t.Fatal(err)
	}
	p, err := generator.Resolve(m, generator.Request{Name: name}, generator.SeededRandom(seed))
	if err != nil {
		t.Fatal(err)
	}
	files, err := generator.Generate(p)
	if err != nil {
		t.Fatal(err)
	}
	return p, files
}

// Entries written again with CreateRaw give the bytes CreateHeader gives,
// for every framework (one of them with a non-ASCII name).
func TestRawEntriesMatchPlainZip(t *testing.T) {
	for _, fw := range testCatalog(t).Names() {
		_, files := projectFiles(t, fw, "demo", testSeed)
		var b bytes.Buffer
		if err := writeZip(&b, "démo", files); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), plainZip("démo", files)) {
			t.Errorf("%s: the zip from finished entries differs from zip.Writer's own", fw)
		}
	}
}

// seedPerRequest gives every request a seed of its own, the same sequence
// for every handler made with it.
func seedPerRequest() func() io.Reader {
	var n atomic.Int64
	return func() io.Reader { return generator.SeededRandom(fmt.Sprint("request ", n.Add(1))) }
}

// With the cache, every answer is byte for byte the answer without it,
// first request (a miss) and later ones (hits) alike, each with the
// secrets of its own seed.
func TestCacheGivesTheSameBytes(t *testing.T) {
	cachedH := newTestHandler(t, Config{NewRandom: seedPerRequest()})
	plainH := newTestHandler(t, Config{NewRandom: seedPerRequest(), CacheBytes: -1})
	for _, fw := range testCatalog(t).Names() {
		for _, kind := range []string{"zip", "tgz"} {
			for _, name := range []string{"demo", "demo", "other", "demo"} {
				q := "/starter." + kind + "?framework=" + fw + "&name=" + name
				got, want := get(t, cachedH, q), get(t, plainH, q)
				if got.Code != 200 || want.Code != 200 {
					t.Fatalf("%s: %d, %d", q, got.Code, want.Code)
				}
				if !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
					t.Errorf("%s: the cached answer differs from the uncached one", q)
				}
				for _, hdr := range []string{"ETag", "Cache-Control", "Content-Length"} {
					if got.Header().Get(hdr) != want.Header().Get(hdr) {
						t.Errorf("%s: %s %q, uncached %q", q, hdr, got.Header().Get(hdr), want.Header().Get(hdr))
					}
				}
			}
		}
	}
	entries, _, hits, misses := cachedH.cache.stats()
	if wantEntries := int64(len(testCatalog(t).Names()) * 2 * 2); int64(entries) != wantEntries || misses != wantEntries || hits != wantEntries {
		t.Errorf("cache: %d entries, %d hits, %d misses; want %d of each", entries, hits, misses, wantEntries)
	}
}

// A cached entry holds no secret: after downloads of every framework that
// draws some, no secret value of any of them is anywhere in the cache.
func TestCacheHoldsNoSecret(t *testing.T) {
	var seeds []string
	n := 0
	h := newTestHandler(t, Config{NewRandom: func() io.Reader {
		n++
		seed := fmt.Sprint("secret ", n)
		seeds = append(seeds, seed)
		return generator.SeededRandom(seed)
	}})
	var frameworks []string
	for _, fw := range []string{"django", "laravel", "rails"} {
		for _, kind := range []string{"zip", "tgz"} {
			for range 2 {
				if w := get(t, h, "/starter."+kind+"?framework="+fw+"&name=demo"); w.Code != 200 {
					t.Fatalf("%d %s", w.Code, w.Body)
				}
				frameworks = append(frameworks, fw)
			}
		}
	}
	var kept bytes.Buffer
	for e := h.cache.order.Front(); e != nil; e = e.Next() {
		c := e.Value.(*lruItem).val
		if c.whole != nil {
			t.Errorf("%s: a whole archive of a secret-drawing framework is cached", e.Value.(*lruItem).key.manifest.Name)
		}
		for _, f := range c.files {
			kept.Write(f.Data)
		}
		for _, z := range c.zip {
			if len(z.local) == 0 {
				continue
			}
			// The entry's data, inflated: deflated bytes would hide a secret.
			method := binary.LittleEndian.Uint16(z.local[8:])
			start := 30 + int(binary.LittleEndian.Uint16(z.local[26:])) + int(binary.LittleEndian.Uint16(z.local[28:]))
			data := z.local[start : start+int(binary.LittleEndian.Uint32(z.central[20:]))]
			kept.Write(z.central)
			if method == zip.Deflate {
				if _, err := io.Copy(&kept, flate.NewReader(bytes.NewReader(data))); err != nil {
					t.Fatal(err)
				}
				continue
			}
			kept.Write(data)
		}
		if len(c.secret) == 0 {
			t.Errorf("%s: an entry of a secret-drawing framework has no per-request file", e.Value.(*lruItem).key.manifest.Name)
		}
	}
	if kept.Len() == 0 {
		t.Fatal("nothing was cached: the test proves nothing")
	}
	for i, seed := range seeds {
		m, _ := testCatalog(t).Lookup(frameworks[i])
		p, err := generator.Resolve(m, generator.Request{Name: "demo"}, generator.SeededRandom(seed))
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range p.Secrets {
			if bytes.Contains(kept.Bytes(), []byte(v)) {
				t.Errorf("%s: secret %s of request %d is in the cache", frameworks[i], k, i+1)
			}
		}
	}
}

// The cache stays within its bound however many configurations pass, and
// answers stay right after their entries are dropped.
func TestCacheIsBounded(t *testing.T) {
	plain := newTestHandler(t, Config{CacheBytes: -1})
	one := newTestHandler(t, Config{})
	get(t, one, "/starter.zip?framework=gin&name=app0")
	_, size, _, _ := one.cache.stats()
	bound := 10 * size // room for about ten
	h := newTestHandler(t, Config{CacheBytes: bound})
	for i := range 60 {
		q := fmt.Sprintf("/starter.zip?framework=gin&name=app%d", i%30)
		got, want := get(t, h, q), get(t, plain, q)
		if !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
			t.Fatalf("%s: differs from the uncached answer", q)
		}
		if entries, size, _, _ := h.cache.stats(); size > bound || entries == 0 {
			t.Fatalf("after %d requests: %d entries, %d bytes; bound %d", i+1, entries, size, bound)
		}
	}
	entries, _, hits, _ := h.cache.stats()
	if entries >= 30 || hits != 0 {
		t.Errorf("%d entries and %d hits: with 30 configurations cycling through a cache that holds fewer, every request should miss", entries, hits)
	}
}

// A zip cut into its entries and joined again is the same zip, and one
// whose entries come from two zips is the zip of those entries.
func TestSplitAndJoinZip(t *testing.T) {
	for _, fw := range testCatalog(t).Names() {
		_, files := projectFiles(t, fw, "demo", testSeed)
		var whole bytes.Buffer
		if err := writeZip(&whole, "demo", files); err != nil {
			t.Fatal(err)
		}
		pieces, err := splitZip(whole.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		// The last two files come from a zip of their own.
		var tail bytes.Buffer
		entries, err := zipEntries("demo", files[len(files)-2:], false)
		if err != nil {
			t.Fatal(err)
		}
		if err := writeEntries(&tail, len(entries), func(i int) *zipEntry { return &entries[i] }); err != nil {
			t.Fatal(err)
		}
		tailPieces, err := splitZip(tail.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		all := make([]*zipPiece, len(pieces))
		for i := range pieces {
			all[i] = &pieces[i]
		}
		same := slices.Clone(all)
		all[len(all)-2], all[len(all)-1] = &tailPieces[0], &tailPieces[1]
		for what, list := range map[string][]*zipPiece{"joined again": same, "with entries from another zip": all} {
			var joined bytes.Buffer
			if err := joinZip(&joined, list); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(joined.Bytes(), whole.Bytes()) {
				t.Errorf("%s: the zip %s differs from zip.Writer's", fw, what)
			}
		}
	}
	if _, err := splitZip([]byte("not a zip at all, but long enough")); err == nil {
		t.Error("splitZip of something else: want an error")
	}
}

// An entry too large for the bound is not kept; a negative bound keeps nothing.
func TestCacheRefusesWhatDoesNotFit(t *testing.T) {
	c := newLRU(800)
	c.add(cacheKey{query: "a"}, &cached{size: 101})
	c.add(cacheKey{query: "b"}, &cached{size: 100})
	if c.get(cacheKey{query: "a"}) != nil || c.get(cacheKey{query: "b"}) == nil {
		t.Error("an entry over an eighth of the bound was kept, or one within it was not")
	}
	if newLRU(-1) != nil {
		t.Error("a negative bound should make no cache")
	}
	var off *lru
	off.add(cacheKey{}, &cached{})
	if off.get(cacheKey{}) != nil || !strings.Contains(fmt.Sprint(off.stats()), "0") {
		t.Error("a nil cache holds nothing")
	}
}

// Requests at once share entries and pooled buffers: each still gets a
// whole archive of its own, with secrets of its own (go test -race).
func TestCacheConcurrent(t *testing.T) {
	h, err := New(Config{Catalog: testCatalog(t)})
	if err != nil {
		t.Fatal(err)
	}
	const workers, each = 6, 10
	keys := make(chan string, workers*each)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				w := get(t, h, "/starter.zip?framework=rails&name=demo")
				if w.Code != 200 {
					t.Errorf("%d %s", w.Code, w.Body)
					return
				}
				files := unzipAll(t, w.Body.Bytes())
				keys <- files["demo/config/master.key"].data
			}
		}()
	}
	wg.Wait()
	close(keys)
	seen := map[string]bool{}
	for k := range keys {
		if k == "" || seen[k] {
			t.Fatalf("master key %q is empty or came twice", k)
		}
		seen[k] = true
	}
}
