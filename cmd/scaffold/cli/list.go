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
		Short: "List the frameworks with their pinned versions and options",
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
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.Name, m.Version, m.Language, strings.Join(m.OptionKeys(), ", "), m.Description)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintln(w, "\nRun \"scaffold describe FRAMEWORK\" for its options.")
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
