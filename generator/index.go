package generator

//go:generate go run ./internal/indexgen -out index_gen.go

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/scaffold-cli/scaffold/generator/render"
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

// fromIndex is the manifest data decodes to without its e2e sections, from
// the index, or nil when data is not in it.
func fromIndex(data []byte) *Manifest {
	m := indexedManifest(manifestSum(data))
	if m != nil {
		// What ParseManifest sets beside the decoded values.
		m.templates = &render.Set{}
		m.secrets = &secretAnalysis{}
	}
	return m
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
