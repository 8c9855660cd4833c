package generator

import (
	"bytes"
	"regexp"

	"github.com/scaffold-cli/scaffold/generator/internal/lazyre"
)

// LoadOption changes how LoadCatalog and LoadManifest read manifests.
type LoadOption func(*loadConfig)

type loadConfig struct {
	withoutE2E bool
	lazy       bool
}

func loadConfigOf(opts []LoadOption) loadConfig {
	var c loadConfig
	for _, o := range opts {
		o(&c)
	}
	return c
}

// WithoutE2E loads manifests without their e2e and e2e_full sections (E2E
// and E2EFull stay nil, and those sections are not validated). Only the e2e
// harness reads them, and they are most of a manifest's text: the CLI, which
// loads every manifest on every run, parses a third of the YAML with it.
// The test suite loads every manifest whole, so a broken e2e section still
// fails there.
func WithoutE2E() LoadOption {
	return func(c *loadConfig) { c.withoutE2E = true }
}

// Lazy makes LoadCatalog read only each framework's summary (its name,
// title, description, language, version and options: what listing the
// frameworks and making a flag of every option need) and load a whole
// manifest when Lookup or Manifests first asks for it. A run of the CLI
// generates one framework, so it decodes and validates one manifest, not
// every one. Summaries are not validated: the test suite loads every
// manifest whole.
func Lazy() LoadOption {
	return func(c *loadConfig) { c.lazy = true }
}

func parseManifestWith(data []byte, c loadConfig) (*Manifest, error) {
	if c.withoutE2E {
		if m := fromIndex(data); m != nil {
			return m, nil
		}
	}
	return parseManifestYAML(data, c)
}

func parseManifestYAML(data []byte, c loadConfig) (*Manifest, error) {
	if c.withoutE2E {
		// Cutting sections out by their lines is exact for every ordinary
		// layout; should a document be unusual enough for the cut to break
		// it (an anchor defined in e2e and used elsewhere, a flow mapping
		// whose lines start in column 0), the whole document is parsed, so
		// what loads, and every error, is what ParseManifest gives.
		if m, err := ParseManifest(withoutTopLevelKeys(data, e2eKeyRe.Regexp())); err == nil {
			return m, nil
		}
	}
	return ParseManifest(data)
}

// e2eKeyRe matches the first line of a top-level e2e or e2e_full key.
var e2eKeyRe = lazyre.New(`^(e2e|e2e_full)[ \t]*:([ \t]|$)`)

// withoutTopLevelKeys drops the top-level keys whose first line matches key,
// with everything under them: the lines up to the next line that starts in
// column 0 with neither a space, a tab nor a comment. A block mapping's
// nested lines, block scalars included, are indented, so they go with their
// key; comments in column 0 inside a dropped key go too.
func withoutTopLevelKeys(data []byte, key *regexp.Regexp) []byte {
	return filterTopLevelKeys(data, key, false)
}

// filterTopLevelKeys keeps (keep) or drops (!keep) the top-level keys whose
// first line matches key. Lines before the first key count as kept when
// dropping and as dropped when keeping.
func filterTopLevelKeys(data []byte, key *regexp.Regexp, keep bool) []byte {
	var out bytes.Buffer
	out.Grow(len(data))
	dropping := keep
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		text := bytes.TrimRight(line, "\r\n")
		startsKeyOrEnd := len(text) > 0 && text[0] != ' ' && text[0] != '\t' && text[0] != '#'
		if startsKeyOrEnd {
			dropping = key.Match(text) != keep
		}
		if !dropping {
			out.Write(line)
		}
	}
	return out.Bytes()
}
