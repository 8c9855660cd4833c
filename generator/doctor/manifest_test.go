package doctor_test

import (
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
)

const manifest = `
name: toy
title: Toy
description: a framework for tests
language: Text
version: "1.0"
template_version: 1
golden:
  - name: default
`

func TestManifestRequires(t *testing.T) {
	m, err := generator.ParseManifest([]byte(manifest + "requires:\n  - {tool: Go, command: go, version_args: [version], min: '1.25', install: https://go.dev/dl/}\n  - {tool: Docker, command: docker, for: --docker, install: x}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Requires) != 2 || m.Requires[0].Min != "1.25" || m.Requires[0].VersionArgs[0] != "version" || m.Requires[1].For != "--docker" {
		t.Errorf("requires = %+v", m.Requires)
	}
	_, err = generator.ParseManifest([]byte(manifest + "requires:\n  - {tool: Go, command: /usr/bin/go, install: x}\n"))
	if err == nil || !strings.Contains(err.Error(), "plain executable name") {
		t.Errorf("a path as command: %v", err)
	}
	_, err = generator.ParseManifest([]byte(manifest + "requires:\n  - {tool: Go, command: go, install: x, minimum: '1'}\n"))
	if err == nil || !strings.Contains(err.Error(), "minimum") {
		t.Errorf("a misspelt key: %v", err)
	}
}
