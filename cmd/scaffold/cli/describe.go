package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scaffold-cli/scaffold/generator"
)

// exampleName is the project name describe uses to show derived defaults.
const exampleName = generator.DescribeExampleName

func describeFramework(m *generator.Manifest) generator.Description { return generator.Describe(m) }

func newDescribeCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "describe FRAMEWORK",
		Short: "Show a framework's options: kind, default, allowed values, effect",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("describe takes one framework, one of: %s", strings.Join(catalog.Names(), ", "))
			}
			return nil
		},
		ValidArgsFunction: frameworkArgCompletion(catalog),
		RunE: func(_ *cobra.Command, args []string) error {
			m, err := catalog.Lookup(args[0])
			if err != nil {
				return err
			}
			d := describeFramework(m)
			if asJSON {
				return writeJSON(io, d)
			}
			w := &errWriter{w: io.Out}
			fmt.Fprintf(w, "%s — %s %s (%s)\n%s\n", d.Name, d.Title, d.Version, d.Language, d.Description)
			if d.Source != generator.BuiltIn {
				fmt.Fprintf(w, "Template: %s\n", d.Source)
			}
			if len(d.Versions) > 0 {
				fmt.Fprintf(w, "\nPinned versions:\n")
				for _, k := range sortedKeys(toSet(d.Versions)) {
					fmt.Fprintf(w, "  %-14s %s\n", k, d.Versions[k])
				}
			}
			fmt.Fprintf(w, "\nOptions (each is a flag, or --set key=value):\n")
			for _, o := range d.Options {
				values := o.Kind
				if len(o.Choices) > 0 {
					values = strings.Join(o.Choices, " | ")
				}
				fmt.Fprintf(w, "  --%s  (%s; default: %s)\n      %s\n", o.Key, values, quoteEmpty(o.Default), o.Help)
				if o.When != "" {
					fmt.Fprintf(w, "      only when: %s\n", o.When)
				}
			}
			fmt.Fprintf(w, "\nDefaults derived from the name are shown for a project named %q.\n", exampleName)
			return w.err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

// frameworkArgCompletion completes a command's one FRAMEWORK argument.
func frameworkArgCompletion(catalog *generator.Catalog) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []cobra.Completion
		for _, s := range catalog.Summaries() {
			out = append(out, cobra.CompletionWithDesc(s.Name, s.Title+" "+s.Version))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func toSet(m map[string]string) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

func quoteEmpty(s string) string {
	if s == "" {
		return `""`
	}
	return s
}
