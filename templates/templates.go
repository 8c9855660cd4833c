// Package templates embeds every framework directory: a directory with a
// manifest.yaml is a framework, so adding one needs no Go change here.
package templates

import "embed"

// FS holds templates/<framework>/{manifest.yaml,files/...}. The all: prefix
// keeps dot-files (.gitignore, .github/) and _-prefixed files.
//
//go:embed all:*
var FS embed.FS
