// Command scaffold-docs writes scaffold's man pages and shell completion
// scripts from its cobra commands, for the release archives (`make man`,
// `make completions`, .goreleaser.yaml). It is not installed with scaffold,
// so scaffold itself does not link the man page renderer.
//
// The pages' date is SOURCE_DATE_EPOCH when set (the Makefile sets it to
// the commit's time), so that the archives are reproducible.
package main

import (
	"flag"
	"fmt"
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
		root, err := cli.DocsCommand()
		if err != nil {
			return err
		}
		if err := os.MkdirAll(manDir, 0o755); err != nil {
			return err
		}
		header := &doc.GenManHeader{Title: "SCAFFOLD", Section: "1", Source: "scaffold " + cli.Version(), Manual: "scaffold manual"}
		if err := doc.GenManTree(root, header, manDir); err != nil {
			return fmt.Errorf("man pages: %w", err)
		}
	}
	if completionsDir != "" {
		if err := writeCompletions(completionsDir); err != nil {
			return err
		}
	}
	return nil
}

// Completion scripts, per file name, as the release archives ship them.
var completions = []struct {
	file string
	gen  func(*cobra.Command, *os.File) error
}{
	{"scaffold.bash", func(c *cobra.Command, f *os.File) error { return c.GenBashCompletionV2(f, true) }},
	{"_scaffold", func(c *cobra.Command, f *os.File) error { return c.GenZshCompletion(f) }},
	{"scaffold.fish", func(c *cobra.Command, f *os.File) error { return c.GenFishCompletion(f, true) }},
	{"scaffold.ps1", func(c *cobra.Command, f *os.File) error { return c.GenPowerShellCompletionWithDesc(f) }},
}

func writeCompletions(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, c := range completions {
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
