// Command scaffold-docs writes scaffold's man pages and shell completion
// scripts, for the release archives (`make man`, `make completions`,
// .goreleaser.yaml). It is not installed with scaffold, so scaffold does not
// link the man page renderer (whose init ran on every start). The pages'
// date is SOURCE_DATE_EPOCH when set (the Makefile sets it to the commit's
// time), so that the archives are reproducible.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/scaffold-cli/scaffold/cmd/scaffold/cli"
)

func main() {
	man := flag.String("man", "", "write the man pages (section 1) into this directory")
	completions := flag.String("completions", "", "write the completion scripts for bash, zsh, fish and PowerShell into this directory")
	flag.Parse()
	if flag.NArg() > 0 || (*man == "" && *completions == "") {
		fmt.Fprintln(os.Stderr, "usage: scaffold-docs [-man DIR] [-completions DIR]")
		os.Exit(2)
	}
	if err := run(*man, *completions); err != nil {
		fmt.Fprintf(os.Stderr, "scaffold-docs: %v\n", err)
		os.Exit(1)
	}
}

func run(manDir, completionsDir string) error {
	if manDir != "" {
		if err := writeManPages(manDir); err != nil {
			return err
		}
	}
	if completionsDir != "" {
		return writeCompletions(completionsDir)
	}
	return nil
}

func writeManPages(dir string) error {
	root, err := cli.DocsCommand()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	header := &doc.GenManHeader{Title: "SCAFFOLD", Section: "1", Source: "scaffold " + cli.Version(), Manual: "scaffold manual"}
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

func writeCompletions(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, c := range completionScripts {
		root, err := cli.DocsCommand()
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
