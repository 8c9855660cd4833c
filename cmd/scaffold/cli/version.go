package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scaffold-cli/scaffold/generator"
)

// Set by a release build (see .goreleaser.yaml):
//
//	-X github.com/scaffold-cli/scaffold/cmd/scaffold/cli.version=1.2.3
//	-X github.com/scaffold-cli/scaffold/cmd/scaffold/cli.commit=<sha>
//	-X github.com/scaffold-cli/scaffold/cmd/scaffold/cli.date=<RFC 3339>
//
// Left empty, they are read from the binary's build information instead.
var (
	version string
	commit  string
	date    string
)

// buildInfo is what this binary knows of its own build.
type buildInfo struct {
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"`
	Date    string `json:"date,omitempty"`
	Go      string `json:"go"`
	// Source says where Version came from: "release" (ldflags), "module"
	// (go install …@vX, or go build in a git checkout), or "default".
	Source string `json:"source"`
}

// readBuildInfo prefers the release's ldflags, then the Go build
// information, then generator.DefaultVersion. Versions carry no leading "v",
// as in .scaffold.yaml.
func readBuildInfo() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date, Go: runtime.Version(), Source: "release"}
	bi, ok := debug.ReadBuildInfo()
	if ok && b.Commit == "" {
		var modified bool
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Commit = s.Value
			case "vcs.time":
				if b.Date == "" {
					b.Date = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if modified && b.Commit != "" {
			b.Commit += "-dirty"
		}
	}
	if b.Version == "" {
		b.Source = "module"
		if ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		} else {
			b.Version, b.Source = generator.DefaultVersion, "default"
		}
	}
	b.Version = strings.TrimPrefix(b.Version, "v")
	return b
}

type templateVersionJSON struct {
	Framework       string `json:"framework"`
	Version         string `json:"version"`
	TemplateVersion int    `json:"template_version"`
}

type versionJSON struct {
	buildInfo
	Templates []templateVersionJSON `json:"templates"`
}

func newVersionCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print scaffold's version, its build and each framework's template version",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			b := readBuildInfo()
			out := versionJSON{buildInfo: b, Templates: []templateVersionJSON{}}
			for _, m := range catalog.Manifests() {
				out.Templates = append(out.Templates, templateVersionJSON{Framework: m.Name, Version: m.Version, TemplateVersion: m.TemplateVersion})
			}
			if asJSON {
				return writeJSON(io, out)
			}
			w := &errWriter{w: io.Out}
			fmt.Fprintf(w, "scaffold %s\n", b.Version)
			if b.Commit != "" {
				fmt.Fprintf(w, "commit    %s\n", b.Commit)
			}
			if b.Date != "" {
				fmt.Fprintf(w, "built     %s\n", b.Date)
			}
			fmt.Fprintf(w, "go        %s\n", b.Go)
			fmt.Fprintln(w, "templates:")
			for _, t := range out.Templates {
				fmt.Fprintf(w, "  %-12s %-8s template_version %d\n", t.Framework, t.Version, t.TemplateVersion)
			}
			return w.err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
