package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// DocsCommand is scaffold's command tree as a user sees it, with the
// built-in frameworks and no output, for cmd/scaffold-docs to write man
// pages and completion scripts from. Running it is not supported. The
// renderers stay in cmd/scaffold-docs: a package linked into scaffold runs
// its init on every start (the man page renderer's markdown parser alone
// took 0.4 ms).
func DocsCommand() (*cobra.Command, error) {
	catalog, err := generator.LoadCatalog(templates.FS, generator.WithoutE2E(), generator.Lazy())
	if err != nil {
		return nil, fmt.Errorf("broken built-in templates: %w", err)
	}
	root := newRootCmd(&IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, catalog)
	root.DisableAutoGenTag = true // no "Auto generated ... on DATE" footer
	return root, nil
}

// Version is this binary's version, as `scaffold version` prints it.
func Version() string { return readBuildInfo().Version }
