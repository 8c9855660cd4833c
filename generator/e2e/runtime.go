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

// onHost reports whether version v of a case's runtime is the machine's
// own toolchain: no runtime key, or the runtime's "host" floor.
func onHost(v string) bool {
	return v == "" || v == generator.RuntimeHost
}

// runtimeBin installs version v of runtime r (with npm, or as a Go
// toolchain), once per process, and returns the directory to put first on
// PATH.
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

// runtimeSpec is what installs version v: an npm package spec, or a
// GOTOOLCHAIN value.
func runtimeSpec(r *generator.Runtime, v string) (string, error) {
	what, text := "npm", r.NPM
	if r.GoToolchain != "" {
		what, text = "go_toolchain", r.GoToolchain
	}
	tmpl, err := template.New("e2e runtime " + what).Option("missingkey=error").Parse(text)
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
	if r.GoToolchain != "" {
		return installGoToolchain(ctx, spec)
	}
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

// installGoToolchain has the host's go command fetch toolchain spec (a
// GOTOOLCHAIN value: go1.27.3) as any go command told GOTOOLCHAIN=spec
// does: the golang.org/toolchain module from the module proxy, checked
// against the checksum database, into the module cache (GOMODCACHE), where
// a later process finds it without downloading. It returns that
// toolchain's bin directory, after checking that its go is spec.
func installGoToolchain(ctx context.Context, spec string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "env", "GOROOT")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+spec)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("fetching Go toolchain %s (GOTOOLCHAIN=%s go env GOROOT): %v\n%s", spec, spec, err, lastLines([]byte(stderr.String()), 20))
	}
	bin := filepath.Join(strings.TrimSpace(stdout.String()), "bin")
	check := exec.CommandContext(ctx, filepath.Join(bin, "go"), "env", "GOVERSION")
	check.Env = goToolchainEnv(os.Environ(), bin)
	got, err := check.Output()
	if err != nil {
		return "", fmt.Errorf("toolchain %s: %s does not run: %v", spec, filepath.Join(bin, "go"), err)
	}
	if v := strings.TrimSpace(string(got)); v != spec {
		return "", fmt.Errorf("toolchain %s: the go command gave %s instead (is the host's go older than 1.21, which knows no GOTOOLCHAIN?)", spec, v)
	}
	return bin, nil
}

// runtimeEnv returns env for running on the runtime installed in bin:
// bin first on PATH and, for a Go toolchain, GOROOT set to it and
// GOTOOLCHAIN=local, so that exactly that go runs and switches to no other.
func runtimeEnv(r *generator.Runtime, env []string, bin string) []string {
	if r.GoToolchain != "" {
		return goToolchainEnv(env, bin)
	}
	return withPath(env, bin)
}

func goToolchainEnv(env []string, bin string) []string {
	out := withPath(env, bin)
	out = slices.DeleteFunc(out, func(kv string) bool {
		return strings.HasPrefix(kv, "GOROOT=") || strings.HasPrefix(kv, "GOTOOLCHAIN=")
	})
	return append(out, "GOROOT="+filepath.Dir(bin), "GOTOOLCHAIN=local")
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
func runtimeVersion(ctx context.Context, r *generator.Runtime, env []string, bin string) string {
	args := []string{"--version"}
	if r.GoToolchain != "" {
		args = []string{"version"}
	}
	cmd := exec.CommandContext(ctx, filepath.Join(bin, r.Name), args...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return "version unknown: " + err.Error()
	}
	return strings.TrimSpace(string(out))
}
