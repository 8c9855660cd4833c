package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/scaffold-cli/scaffold/generator"
)

func newListCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the frameworks with their versions (MAJOR.MINOR) and options",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			if asJSON {
				var out []generator.Description
				for _, m := range catalog.Manifests() {
					out = append(out, describeFramework(m))
				}
				return writeJSON(io, out)
			}
			w := &errWriter{w: io.Out}
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "FRAMEWORK\tVERSION\tLANGUAGE\tOPTIONS\tDESCRIPTION")
			for _, m := range catalog.Manifests() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.Name, generator.MajorMinor(m.Version), m.Language, strings.Join(m.OptionKeys(), ", "), m.Description)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(w, "\nVERSION is the framework's MAJOR.MINOR, the lowest release a new project accepts.")
			fmt.Fprintln(w, "Run \"scaffold describe FRAMEWORK\" for its options and every pinned version.")
			return w.err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func writeJSON(io *IO, v any) error {
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	// "Node >= 20" reads as it is written, not as "\u003e=".
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
