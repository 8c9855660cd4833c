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
			entries := catalog.Entries()
			// A local template that does not load is listed with its error,
			// and the others as usual: one broken directory hides nothing.
			for _, e := range entries {
				if e.Err != nil {
					fmt.Fprintf(io.Err, "scaffold: warning: %s is listed but cannot be used: %s\n", e.Name, oneLine(e.Err.Error()))
				}
			}
			if asJSON {
				out := []listedFramework{}
				for _, e := range entries {
					if e.Err != nil {
						out = append(out, listedFramework{Description: generator.Description{Name: e.Name, Source: e.Source}, Error: e.Err.Error()})
						continue
					}
					out = append(out, listedFramework{Description: describeFramework(e.Manifest)})
				}
				return writeJSON(io, out)
			}
			w := &errWriter{w: io.Out}
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "FRAMEWORK\tVERSION\tLANGUAGE\tOPTIONS\tDESCRIPTION")
			var local []generator.Entry
			for _, e := range entries {
				if e.Source != "" {
					local = append(local, e)
				}
				if e.Err != nil {
					fmt.Fprintf(tw, "%s\t-\t-\t-\t(broken: see below)\n", e.Name)
					continue
				}
				m := e.Manifest
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.Name, generator.MajorMinor(m.Version), m.Language, strings.Join(m.OptionKeys(), ", "), m.Description)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if len(local) > 0 {
				fmt.Fprintln(w, "\nNot built in:")
				for _, e := range local {
					if e.Err != nil {
						fmt.Fprintf(w, "  %s  %s\n    broken: %s\n", e.Name, e.Source, oneLine(e.Err.Error()))
					} else {
						fmt.Fprintf(w, "  %s  %s\n", e.Name, e.Source)
					}
				}
			}
			fmt.Fprintln(w, "\nVERSION is the framework's MAJOR.MINOR, the lowest release a new project accepts.")
			fmt.Fprintln(w, "Run \"scaffold describe FRAMEWORK\" for its options and every pinned version.")
			return w.err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

// listedFramework is one framework of `scaffold list --json`: its
// description, or for a local template that does not load, its name,
// source and error.
type listedFramework struct {
	generator.Description
	Error string `json:"error,omitempty"`
}

func writeJSON(io *IO, v any) error {
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	// "Node >= 20" reads as it is written, not as "\u003e=".
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
