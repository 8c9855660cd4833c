package generator

//go:generate go run ./internal/indexgen -out index_gen.go

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"path"
	"sync"

	"github.com/scaffold-cli/scaffold/generator/render"
	"github.com/scaffold-cli/scaffold/generator/source"
)

// The built-in manifests are decoded at build time: `go generate` writes
// index_gen.go, which holds each one as a Go value, keyed by the SHA-256 of
// the manifest's bytes. Decoding YAML was most of the fixed cost of a run
// (every framework's summary for the flags, then the chosen manifest
// whole). A manifest whose bytes are not in the index (one of a
// --templates directory, or a built-in one edited since the last go
// generate) is decoded from YAML as before: a stale index costs time,
// never a wrong manifest. TestIndexIsCurrent fails when it is stale.

// indexedManifest returns a fresh copy of the manifest whose bytes hash to
// sum, decoded as ParseManifestForCLI decodes it, or nil. index_gen.go sets
// it; without that file every manifest is decoded from YAML.
var indexedManifest = func(sum string) *Manifest { return nil }

// indexedSummary returns the summary of the manifest whose bytes hash to
// sum, or nil. It is shared: callers must not change it.
var indexedSummary = func(sum string) *Summary { return nil }

// manifestSum is the index key of a manifest's bytes.
func manifestSum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// storedManifestSum is the index key of framework name's manifest in fsys,
// hashed as it is read through one small buffer. Copying every manifest
// whole to the heap only to hash it cost a run more page faults than the
// hashing: the index needs the bytes' identity, and their copy only when
// they are not in it. ok is false when the file cannot be read; the caller's
// source.Manifest then says why.
func storedManifestSum(fsys fs.FS, name string) (sum string, ok bool) {
	f, err := fsys.Open(path.Join(name, source.ManifestFile))
	if err != nil {
		return "", false
	}
	defer f.Close()
	buf := sumBuffers.Get().(*[]byte)
	defer sumBuffers.Put(buf)
	h := sha256.New()
	if _, err := io.CopyBuffer(h, onlyReader{f}, *buf); err != nil {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// sumBuffers hands one read buffer to every manifest a run hashes.
var sumBuffers = sync.Pool{New: func() any {
	b := make([]byte, 8<<10)
	return &b
}}

// onlyReader hides every method but Read, so io.CopyBuffer uses the buffer
// it is given rather than a WriterTo or ReaderFrom of its own.
type onlyReader struct{ io.Reader }

// indexedManifestIn is framework name's manifest in fsys from the index, or
// nil when its bytes are not there (or cannot be read).
func indexedManifestIn(fsys fs.FS, name string) *Manifest {
	sum, ok := storedManifestSum(fsys, name)
	if !ok {
		return nil
	}
	return withLoadState(indexedManifest(sum))
}

// indexedSummaryIn is framework name's summary in fsys from the index.
func indexedSummaryIn(fsys fs.FS, name string) (Summary, bool) {
	if sum, ok := storedManifestSum(fsys, name); ok {
		if s := indexedSummary(sum); s != nil {
			return *s, true
		}
	}
	return Summary{}, false
}

// withLoadState sets on an indexed manifest what ParseManifest sets beside
// the decoded values.
func withLoadState(m *Manifest) *Manifest {
	if m != nil {
		m.templates = &render.Set{}
		m.secrets = &secretAnalysis{}
	}
	return m
}

// fromIndex is the manifest data decodes to without its e2e sections, from
// the index, or nil when data is not in it.
func fromIndex(data []byte) *Manifest {
	return withLoadState(indexedManifest(manifestSum(data)))
}

// summaryFromIndex is the summary of data from the index, if it is there.
func summaryFromIndex(data []byte) (Summary, bool) {
	if s := indexedSummary(manifestSum(data)); s != nil {
		return *s, true
	}
	return Summary{}, false
}

// SummaryOf is a manifest's summary (for the index generator).
func SummaryOf(m *Manifest) Summary { return summaryOf(m) }

// ParseManifestForCLI decodes a manifest from YAML as the CLI loads it
// (WithoutE2E), never from the index: go generate builds the index with it.
func ParseManifestForCLI(data []byte) (*Manifest, error) {
	return parseManifestYAML(data, loadConfig{withoutE2E: true})
}
