// Command scaffold-docs writes scaffold's man pages and shell completion
// scripts, for the release archives (`make man`, `make completions`,
// .goreleaser.yaml). It is not installed with scaffold. The pages' date is
// SOURCE_DATE_EPOCH when set (the Makefile sets it to the commit's time).
package main

import (
	"flag"
	"fmt"
	"os"

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
		if err := cli.WriteManPages(manDir); err != nil {
			return err
		}
	}
	if completionsDir != "" {
		return cli.WriteCompletions(completionsDir)
	}
	return nil
}
