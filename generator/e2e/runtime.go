package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/template"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
)

// RuntimeCacheEnv names the directory that keeps the runtimes an e2e
// section's runtime key installs; without it, scaffold/e2e-runtimes under
// the user's cache directory (os.UserCacheDir).
const RuntimeCacheEnv = "SCAFFOLD_RUNTIME_CACHE"

// caseVersions lists the runtime versions golden case name runs on: the
// floor for every case, and every version for the cases the manifest names.
// Without a runtime key it is one empty version: the host's toolchain.
func caseVersions(r *generator.Runtime, name string) []string {
	if r == nil {
		return []string{""}
	}
	if slices.Contains(r.EveryVersion, name) {
		return r.Versions
	}
	return r.Versions[:1]
}

// installed remembers, for this process, the bin directory of each runtime
// version already installed (or the error that stopped it), so that a test
// run installs each version once however many cases use it.
var installed struct {
	sync.Mutex
	bins map[string]string
	errs map[string]error
}

// runtimeBin installs version v of runtime r with npm, once per process,
// and returns the directory to put first on PATH.
func runtimeBin(ctx context.Context, r *generator.Runtime, v string) (string, error) {
	spec, err := runtimeSpec(r, v)
	if err != nil {
		return "", err
	}
	installed.Lock()
	defer installed.Unlock()
	if bin, ok := installed.bins[spec]; ok {
		return bin, nil
	}
	if err, ok := installed.errs[spec]; ok {
		return "", err
	}
	bin, err := installRuntime(ctx, r, v, spec)
	if installed.bins == nil {
		installed.bins, installed.errs = map[string]string{}, map[string]error{}
	}
	if err != nil {
		installed.errs[spec] = err
		return "", err
	}
	installed.bins[spec] = bin
	return bin, nil
}

func runtimeSpec(r *generator.Runtime, v string) (string, error) {
	tmpl, err := template.New("e2e runtime npm").Option("missingkey=error").Parse(r.NPM)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, struct{ Version string }{v}); err != nil {
		return "", err
	}
	return b.String(), nil
}

func runtimeCacheDir() (string, error) {
	if dir := os.Getenv(RuntimeCacheEnv); dir != "" {
		return dir, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory for e2e runtimes (set %s): %w", RuntimeCacheEnv, err)
	}
	return filepath.Join(dir, "scaffold", "e2e-runtimes"), nil
}

// installRuntime runs `npm install` of spec into the cache: the first run
// downloads it, a later process finds it there and npm only checks that it
// is still the newest release that matches. It then checks that the
// program runs.
func installRuntime(ctx context.Context, r *generator.Runtime, v, spec string) (string, error) {
	cache, err := runtimeCacheDir()
	if err != nil {
		return "", err
	}
	prefix := filepath.Join(cache, r.Name+"-"+v)
	if err := os.MkdirAll(prefix, 0o755); err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "npm", "install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", spec)
	if out, err := runCmd(cmd); err != nil {
		return "", fmt.Errorf("installing %s %s (npm install %s into %s): %v\n%s", r.Name, v, spec, prefix, err, lastLines(out, 20))
	}
	bin := filepath.Join(prefix, filepath.FromSlash(r.Bin))
	if _, err := os.Stat(filepath.Join(bin, r.Name)); err != nil {
		return "", fmt.Errorf("%s %s: npm installed %s, but %s is not in %s (check the runtime's bin in the manifest)", r.Name, v, spec, r.Name, bin)
	}
	return bin, nil
}

// withPath returns env with dir first on its PATH.
func withPath(env []string, dir string) []string {
	out := make([]string, 0, len(env)+1)
	path := dir
	for _, kv := range env {
		if rest, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = dir + string(os.PathListSeparator) + rest
			continue
		}
		out = append(out, kv)
	}
	return append(out, "PATH="+path)
}

// runtimeVersion is what the runtime says its version is, for the log.
func runtimeVersion(ctx context.Context, bin, name string) string {
	out, err := exec.CommandContext(ctx, filepath.Join(bin, name), "--version").Output()
	if err != nil {
		return "version unknown: " + err.Error()
	}
	return strings.TrimSpace(string(out))
}
