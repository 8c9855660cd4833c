package cli

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/serve"
)

// DefaultServeAddr is where `scaffold serve` listens unless told: loopback
// only; a container or a team server passes --addr :8080.
const DefaultServeAddr = "127.0.0.1:8080"

func newServeCmd(io *IO, catalog *generator.Catalog) *cobra.Command {
	var (
		addr, logFormat, cors string
		maxGen, cacheMiB      int
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the frameworks over HTTP: a configurator page, a JSON API and starter archives",
		Long: `Serve an Initializr-style service: GET / in a browser is a configurator page,
GET / with curl prints how to use the API. Stateless; nothing is written to disk.
Stops gracefully on SIGINT or SIGTERM (in-flight downloads finish).`,
		Example: `  scaffold serve
  scaffold serve --addr :8080 --log-format json
  curl -fsS 'localhost:8080/starter.tgz?framework=gin&name=api' | tar xz`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var logger *slog.Logger
			switch logFormat {
			case "text":
				logger = slog.New(slog.NewTextHandler(io.Err, nil))
			case "json":
				logger = slog.New(slog.NewJSONHandler(io.Err, nil))
			default:
				return usagef("--log-format %q: use text or json", logFormat)
			}
			if maxGen < 0 {
				return usagef("--max-generations %d: give a positive number (0 means 4 per CPU)", maxGen)
			}
			if cacheMiB < 0 {
				return usagef("--cache-mib %d: give a size in MiB, or 0 to keep nothing between requests", cacheMiB)
			}
			cacheBytes := int64(cacheMiB) << 20
			if cacheMiB == 0 {
				cacheBytes = -1 // Config's "keep nothing"
			}
			h, err := serve.New(serve.Config{Catalog: catalog.WithoutLocal(), Logger: logger, CORSOrigin: cors, MaxGenerations: maxGen, CacheBytes: cacheBytes})
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("cannot listen on %s: %w; pick another --addr (host:port)", addr, err)
			}
			logger.Info("listening", slog.String("url", "http://"+ln.Addr().String()+"/"))
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serve.Run(ctx, ln, h, logger)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", DefaultServeAddr, "address to listen on (host:port; :8080 for every interface)")
	f.StringVar(&logFormat, "log-format", "text", "access log format on stderr: text or json")
	f.StringVar(&cors, "cors", "", "allow this origin (or *) to call the API from a browser; off by default")
	f.IntVar(&maxGen, "max-generations", 0, "projects generated at once; more wait briefly, then get 503 (default 4 per CPU)")
	f.IntVar(&cacheMiB, "cache-mib", serve.DefaultCacheBytes>>20, "MiB of archive parts no secret reaches kept between requests, least recently used out first; 0 keeps none")
	return cmd
}
