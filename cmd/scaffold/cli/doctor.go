package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/doctor"
)

type doctorJSON struct {
	Framework string          `json:"framework"`
	Title     string          `json:"title"`
	CanRun    bool            `json:"can_run"`
	Checks    []doctor.Result `json:"checks"`
}

func newDoctorCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "doctor [FRAMEWORK]",
		Short: "Check that this machine has the toolchains the generated projects need",
		Long: `doctor looks for the toolchains each framework's generated project needs (or one
framework's), runs each to read its version and says what is missing or too old,
and how to get it. With a framework, it exits 1 when that framework's project
cannot run here; optional tools (for an option such as --docker) never fail it.`,
		Example: "  scaffold doctor\n  scaffold doctor rails",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usagef("doctor takes at most one framework, one of: %s", strings.Join(catalog.Names(), ", "))
			}
			return nil
		},
		ValidArgsFunction: frameworkArgCompletion(catalog),
		RunE: func(cmd *cobra.Command, args []string) error {
			var manifests []*generator.Manifest
			if len(args) == 1 {
				m, err := catalog.Lookup(args[0])
				if err != nil {
					return err
				}
				manifests = []*generator.Manifest{m}
			} else {
				manifests = catalog.Manifests()
			}
			sys := io.system()
			report := make([]doctorJSON, 0, len(manifests))
			for _, m := range manifests {
				d := doctorJSON{Framework: m.Name, Title: m.Title + " " + m.Version, CanRun: true, Checks: sys.Check(cmd.Context(), m.Requires)}
				for _, r := range d.Checks {
					if r.Blocking() {
						d.CanRun = false
					}
				}
				report = append(report, d)
			}
			var err error
			if asJSON {
				err = writeJSON(io, report)
			} else {
				err = printDoctor(io, report)
			}
			if err != nil {
				return err
			}
			if len(args) == 1 && !report[0].CanRun {
				return fmt.Errorf("%s: %w; install what is marked above, then run \"scaffold doctor %s\" again", args[0], doctor.ErrCannotRun, args[0])
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func printDoctor(io *IO, report []doctorJSON) error {
	w := &errWriter{w: io.Out}
	for i, d := range report {
		if i > 0 {
			fmt.Fprintln(w)
		}
		verdict := "can run here"
		if !d.CanRun {
			verdict = "cannot run here"
		}
		fmt.Fprintf(w, "%s (%s): %s\n", d.Framework, d.Title, verdict)
		if len(d.Checks) == 0 {
			fmt.Fprintln(w, "  (its manifest declares no toolchain)")
		}
		for _, r := range d.Checks {
			need := ""
			if r.Min != "" {
				need = " (needs " + r.Min + " or later)"
			}
			for_ := ""
			if r.For != "" {
				for_ = " — only for " + r.For
			}
			switch r.Status {
			case doctor.OK:
				fmt.Fprintf(w, "  ok        %s %s%s%s  %s\n", r.Tool, r.Version, need, for_, r.Path)
			case doctor.Missing:
				fmt.Fprintf(w, "  missing   %s%s%s: %s not found on PATH\n            get it: %s\n", r.Tool, need, for_, r.Command, r.Install)
			case doctor.TooOld:
				fmt.Fprintf(w, "  too old   %s %s%s%s  %s\n            get a newer one: %s\n", r.Tool, r.Version, need, for_, r.Path, r.Install)
			default:
				fmt.Fprintf(w, "  unknown   %s%s%s  %s: %s\n", r.Tool, need, for_, r.Path, r.Detail)
			}
		}
	}
	return w.err
}

// missingToolchainNote is the one line `scaffold new` prints when a command
// the framework's project needs is not on PATH (it never fails for that).
func missingToolchainNote(io *IO, m *generator.Manifest) string {
	missing := io.system().Missing(m.Requires)
	if len(missing) == 0 {
		return ""
	}
	var names []string
	for _, r := range missing {
		names = append(names, r.Tool+" ("+r.Command+")")
	}
	return fmt.Sprintf("note: %s not found on PATH; the project needs it to run: see \"scaffold doctor %s\"", strings.Join(names, ", "), m.Name)
}
