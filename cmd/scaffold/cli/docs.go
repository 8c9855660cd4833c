package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
)

// docsCommand is scaffold's command tree as a user sees it, with the
// built-in frameworks and no output, to write man pages and completion
// scripts from. Running it is not supported.
func docsCommand() (*cobra.Command, error) {
	catalog, err := generator.LoadCatalog(templates.FS, generator.WithoutE2E(), generator.Lazy())
	if err != nil {
		return nil, fmt.Errorf("broken built-in templates: %w", err)
	}
	root := newRootCmd(&IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard}, catalog)
	root.DisableAutoGenTag = true // no "Auto generated ... on DATE" footer
	return root, nil
}

// WriteManPages writes a section-1 man page per command into dir, for the
// release archives (cmd/scaffold-docs). The pages' date is
// SOURCE_DATE_EPOCH when it is set, so that archives are reproducible.
// scaffold itself never calls it, so its binary does not link the renderer.
func WriteManPages(dir string) error {
	root, err := docsCommand()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	header := &doc.GenManHeader{Title: "SCAFFOLD", Section: "1", Source: "scaffold " + Version(), Manual: "scaffold manual"}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("man pages: %w", err)
	}
	return nil
}

// completionScripts are the shell completion files, by the name the release
// archives ship them under.
var completionScripts = []struct {
	file string
	gen  func(*cobra.Command, io.Writer) error
}{
	{"scaffold.bash", func(c *cobra.Command, w io.Writer) error { return c.GenBashCompletionV2(w, true) }},
	{"_scaffold", func(c *cobra.Command, w io.Writer) error { return c.GenZshCompletion(w) }},
	{"scaffold.fish", func(c *cobra.Command, w io.Writer) error { return c.GenFishCompletion(w, true) }},
	{"scaffold.ps1", func(c *cobra.Command, w io.Writer) error { return c.GenPowerShellCompletionWithDesc(w) }},
}

// WriteCompletions writes the completion scripts for bash, zsh, fish and
// PowerShell into dir, for the release archives.
func WriteCompletions(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, c := range completionScripts {
		root, err := docsCommand()
		if err != nil {
			return err
		}
		f, err := os.Create(filepath.Join(dir, c.file))
		if err != nil {
			return err
		}
		err = c.gen(root, f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", c.file, err)
		}
	}
	return nil
}

// Version is this binary's version, as `scaffold version` prints it.
func Version() string { return readBuildInfo().Version }
