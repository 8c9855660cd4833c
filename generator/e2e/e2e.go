// Package e2e owns running a generated project for real with its own
// toolchain, as its manifest's e2e section says: install, lint, its own
// tests, start the server on a free 127.0.0.1 port, check its HTTP answers,
// stop it by PID. The project's e2e tests call it; so can a command that
// tests a custom template. It never decides what a project contains.
package e2e

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/generator/write"
)

// T is what a run needs of its caller; *testing.T has it. Fatalf and Skipf
// must not return (testing.T ends the goroutine).
type T interface {
	Helper()
	Logf(format string, args ...any)
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Skipf(format string, args ...any)
	Cleanup(func())
	TempDir() string
}

// Options say how strict a run is.
type Options struct {
	// CI turns a missing toolchain or service into a failure, not a skip.
	CI bool
	// Full marks the e2e_full sections, whose missing tools always skip.
	Full bool
	// Seed seeds the project's secrets ("e2e" when empty).
	Seed string
}

func (o *Options) defaults() {
	if o.Seed == "" {
		o.Seed = "e2e"
	}
}

// databaseName names a case's database after its framework and directory.
func databaseName(framework, dir string) string {
	return framework + "_" + strings.NewReplacer("-", "_", ".", "_").Replace(filepath.Base(dir))
}

// RunCase generates golden case gc of framework m into a temporary
// directory and runs it as e says.
func RunCase(t T, m *generator.Manifest, gc generator.GoldenCase, e *generator.E2E, opts Options) {
	opts.defaults()
	checkTools(t, e, opts)
	for _, v := range caseVersions(e.Runtime, gc.Name) {
		func() {
			ctx, cancel := context.WithTimeout(context.Background(), caseTimeout(e))
			defer cancel()
			p, dir := generateCase(t, ctx, m, gc, opts)
			runIn(t, ctx, p, dir, e, opts, v)
		}()
	}
}

// GenerateCase generates golden case gc of framework m into a temporary
// directory, as "scaffold new" would (its .scaffold.yaml too), with the
// secrets seeded by opts.Seed, and returns the project and its directory.
func GenerateCase(t T, m *generator.Manifest, gc generator.GoldenCase, opts Options) (*generator.Project, string) {
	opts.defaults()
	return generateCase(t, context.Background(), m, gc, opts)
}

func generateCase(t T, ctx context.Context, m *generator.Manifest, gc generator.GoldenCase, opts Options) (*generator.Project, string) {
	values := map[string]string{}
	for k, v := range gc.Options {
		values[k] = generator.FormatOptionValue(v)
	}
	p, err := generator.Resolve(m, generator.Request{Name: gc.ProjectName(), Options: values}, generator.SeededRandom(opts.Seed))
	if err != nil {
		t.Fatalf("%v", err)
	}
	files, err := generator.Generate(p)
	if err != nil {
		t.Fatalf("%v", err)
	}
	dir := filepath.Join(t.TempDir(), gc.ProjectName())
	if err := write.Files(ctx, dir, files, write.Options{}); err != nil {
		t.Fatalf("%v", err)
	}
	return p, dir
}

// Run runs project p, already on disk in dir (generated, or generated and
// then edited and updated), as e says; with a runtime key, on its floor.
func Run(t T, p *generator.Project, dir string, e *generator.E2E, opts Options) {
	opts.defaults()
	checkTools(t, e, opts)
	ctx, cancel := context.WithTimeout(context.Background(), caseTimeout(e))
	defer cancel()
	runIn(t, ctx, p, dir, e, opts, caseVersions(e.Runtime, "")[0])
}

// checkTools skips (or, in CI, fails) a run whose toolchain is missing.
func checkTools(t T, e *generator.E2E, opts Options) {
	t.Helper()
	for _, tool := range e.Tools {
		if _, err := exec.LookPath(tool); err != nil {
			if opts.CI && !opts.Full {
				t.Fatalf("%s is not installed: .ci/run must install it (CI=true, so this is a failure)", tool)
			}
			t.Skipf("SKIPPED: %s is not installed (in CI this fails)", tool)
		}
	}
}

func caseTimeout(e *generator.E2E) time.Duration {
	if e.Timeout != "" {
		if d, err := time.ParseDuration(e.Timeout); err == nil { // validated when loaded
			return d
		}
	}
	return 15 * time.Minute
}

// runIn runs the case in dir; on version v of the manifest's runtime when
// v is not empty.
func runIn(t T, ctx context.Context, p *generator.Project, dir string, e *generator.E2E, opts Options, v string) {
	m := p.Manifest
	hostEnv := os.Environ()
	if !onHost(v) {
		start := time.Now()
		bin, err := runtimeBin(ctx, e.Runtime, v)
		if err != nil {
			t.Fatalf("e2e runtime: %v", err)
		}
		hostEnv = runtimeEnv(e.Runtime, hostEnv, bin)
		t.Logf("on %s %s (%s, from %s; ready in %.1fs)", e.Runtime.Name, v, runtimeVersion(ctx, e.Runtime, hostEnv, bin), bin, time.Since(start).Seconds())
	} else if v == generator.RuntimeHost {
		if prog, err := exec.LookPath(e.Runtime.Name); err == nil {
			t.Logf("on the machine's %s (%s, %s)", e.Runtime.Name, runtimeVersion(ctx, e.Runtime, hostEnv, filepath.Dir(prog)), prog)
		}
	}
	env := append(hostEnv, "HOST=127.0.0.1", "PORT="+strconv.Itoa(freePort(t)))
	for _, k := range sortedMapKeys(e.Env) {
		v, err := p.Render("e2e env "+k, e.Env[k])
		if err != nil {
			t.Fatalf("%v", err)
		}
		env = append(env, k+"="+v)
	}

	var services []*runningService
	for _, s := range e.Services {
		ok, err := p.Condition(s.When)
		if err != nil {
			t.Fatalf("%v", err)
		}
		if !ok {
			continue
		}
		svc := startService(t, s.Name, databaseName(m.Name, dir), opts)
		services = append(services, svc)
		env = append(env, svc.env...)
	}

	if e.Preflight != "" {
		if out, err := runShell(ctx, dir, env, e.Preflight); err != nil {
			t.Skipf("SKIPPED: cannot run here: %s", strings.TrimSpace(lastLines(out, 5)))
		}
	}

	for _, step := range e.Steps {
		cmd, err := p.Render("e2e step", step)
		if err != nil {
			t.Fatalf("%v", err)
		}
		start := time.Now()
		out, err := runShell(ctx, dir, env, cmd)
		if err != nil {
			t.Fatalf("step failed: %s\n%v\n%s", cmd, err, lastLines(out, 60))
		}
		t.Logf("ok   %5.1fs  %s", time.Since(start).Seconds(), cmd)
	}

	if e.Chroot != nil {
		runChroot(t, ctx, p, dir, env, env[len(hostEnv):], e.Chroot, services, opts)
	}

	if e.Serve != nil {
		serveAndCheck(t, ctx, p, dir, env, e.Serve, services, nil)
	}
}

// runShell runs a command with bash in dir and returns its combined output.
func runShell(ctx context.Context, dir string, env []string, command string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "bash", "-euo", "pipefail", "-c", command)
	cmd.Dir = dir
	cmd.Env = env
	return runCmd(cmd)
}

// runCmd runs cmd in a process group of its own and returns its combined output.
func runCmd(cmd *exec.Cmd) ([]byte, error) {
	ownProcessGroup(cmd)
	// Kill the whole group on timeout: npm, mvn and pip spawn children.
	cmd.Cancel = func() error { return killGroup(cmd, true) }
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	return out.Bytes(), err
}

// serveAndCheck starts the server with bash on the host, or with
// starter when it is not nil.
func serveAndCheck(t T, ctx context.Context, p *generator.Project, dir string, env []string, s *generator.Serve, services []*runningService, starter func(command string) *exec.Cmd) {
	command, err := p.Render("e2e serve", s.Command)
	if err != nil {
		t.Fatalf("%v", err)
	}
	port := envValue(env, "PORT")
	base := "http://127.0.0.1:" + port
	cmd := exec.Command("bash", "-c", command)
	cmd.Dir = dir
	cmd.Env = env
	if starter != nil {
		cmd = starter(command)
	}
	ownProcessGroup(cmd)
	var out syncBuffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("%v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// No keep-alive: each check has its own connection, so none is left open
	// when the server is stopped. A server draining persistent connections on
	// SIGTERM (Puma waits up to its persistent_timeout, 20 s) was seen to outlast
	// the stop limit below on a loaded machine, after CloseIdleConnections too.
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		// Close the client's idle keep-alive connections first: a server
		// that drains open connections on SIGTERM (Puma waits up to its
		// persistent_timeout, 20 s) would otherwise wait for them.
		client.CloseIdleConnections()
		// Stop by PID: SIGTERM to the server's process group, as a process
		// manager would; it must shut down gracefully.
		_ = killGroup(cmd, false)
		select {
		case <-exited:
			t.Logf("ok          server stopped on SIGTERM")
		case <-time.After(20 * time.Second):
			_ = killGroup(cmd, true)
			<-exited
			t.Errorf("server did not stop within 20s of SIGTERM\n%s", lastLines(out.Bytes(), 30))
		}
	}
	defer stop()

	readyTimeout := 60 * time.Second
	if s.ReadyTimeout != "" {
		readyTimeout, _ = time.ParseDuration(s.ReadyTimeout)
	}
	start := time.Now()
	for {
		resp, err := client.Get(base + firstPath(s))
		if err == nil {
			resp.Body.Close()
			break
		}
		select {
		case err := <-exited:
			stopped = true
			t.Fatalf("server exited before answering (%v):\n%s", err, lastLines(out.Bytes(), 60))
		case <-ctx.Done():
			t.Fatalf("case timed out waiting for the server:\n%s", lastLines(out.Bytes(), 60))
		case <-time.After(250 * time.Millisecond):
		}
		if time.Since(start) > readyTimeout {
			t.Fatalf("server did not answer on %s within %s:\n%s", base, readyTimeout, lastLines(out.Bytes(), 60))
		}
	}
	t.Logf("ok   %5.1fs  server answering on %s: %s", time.Since(start).Seconds(), base, command)

	for _, c := range s.Checks {
		checkHTTP(t, p, client, base, c, &out)
	}
	if len(s.ChecksAfterServicesStop) > 0 {
		if len(services) == 0 {
			return // this case has no service to stop
		}
		for _, svc := range services {
			svc.stop()
		}
		t.Logf("ok          services stopped: %s", serviceNames(services))
		for _, c := range s.ChecksAfterServicesStop {
			checkHTTP(t, p, client, base, c, &out)
		}
	}
}

func firstPath(s *generator.Serve) string {
	if len(s.Checks) > 0 {
		return s.Checks[0].Path
	}
	return "/"
}

// checkHTTP sends one check's request, when its condition holds for the
// case, and reports what in the answer differs from what the check wants.
func checkHTTP(t T, p *generator.Project, client *http.Client, base string, c generator.HTTPCheck, serverOut *syncBuffer) {
	t.Helper()
	if ok, err := p.Condition(c.When); err != nil {
		t.Fatalf("check %s: %v", c.Path, err)
	} else if !ok {
		return
	}
	method := cmp.Or(c.Method, http.MethodGet)
	what := method + " " + c.Path
	req, err := http.NewRequest(method, base+c.Path, nil)
	if err != nil {
		t.Fatalf("check %s: %v", what, err)
	}
	for _, k := range sortedMapKeys(c.Headers) {
		if strings.EqualFold(k, "Host") {
			req.Host = c.Headers[k]
			continue
		}
		req.Header.Set(k, c.Headers[k])
	}
	if len(c.Headers) > 0 {
		what += fmt.Sprintf(" %v", c.Headers)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Errorf("%s: %v\n%s", what, err, lastLines(serverOut.Bytes(), 30))
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var problems []string
	if c.Status != 0 && resp.StatusCode != c.Status {
		problems = append(problems, fmt.Sprintf("status %d, want %d", resp.StatusCode, c.Status))
	}
	if c.Contains != "" && !bytes.Contains(body, []byte(c.Contains)) {
		problems = append(problems, fmt.Sprintf("body does not contain %q", c.Contains))
	}
	if len(c.JSON) > 0 {
		var got map[string]any
		if err := json.Unmarshal(body, &got); err != nil {
			problems = append(problems, fmt.Sprintf("body is not a JSON object: %v", err))
		}
		for _, k := range sortedMapKeys(c.JSON) {
			if g, ok := got[k]; !ok || fmt.Sprint(g) != fmt.Sprint(c.JSON[k]) {
				problems = append(problems, fmt.Sprintf("JSON %q = %v, want %v", k, g, c.JSON[k]))
			}
		}
	}
	if len(problems) > 0 {
		t.Errorf("%s: %s\nbody: %s\nserver output:\n%s", what, strings.Join(problems, "; "), truncate(body, 2000), lastLines(serverOut.Bytes(), 30))
		return
	}
	t.Logf("ok          %s -> %d %s", what, resp.StatusCode, truncate(bytes.TrimSpace(body), 200))
}

// runningService is a real server started for one case.
type runningService struct {
	name string
	env  []string
	stop func()
}

func serviceNames(svcs []*runningService) string {
	var names []string
	for _, s := range svcs {
		names = append(names, s.name)
	}
	return strings.Join(names, ", ")
}

func startService(t T, name, dbName string, opts Options) *runningService {
	switch name {
	case "postgres":
		return startPostgres(t, dbName, opts)
	}
	t.Fatalf("unknown e2e service %q", name)
	return nil
}

var (
	pgTemplateOnce sync.Once
	pgTemplateDir  string
	pgTemplateErr  error
	pgBin          string
)

// startPostgres starts a private PostgreSQL cluster for one case, on a free
// 127.0.0.1 port, with a database named after the case. The cluster is made
// once per run by initdb and copied per case (initdb is the slow part).
func startPostgres(t T, dbName string, opts Options) *runningService {
	pgTemplateOnce.Do(func() { pgTemplateDir, pgTemplateErr = initPostgresTemplate() })
	if pgTemplateErr != nil {
		if opts.CI {
			t.Fatalf("PostgreSQL: %v (CI=true: .ci/run must install it)", pgTemplateErr)
		}
		t.Skipf("SKIPPED: PostgreSQL: %v", pgTemplateErr)
	}
	work, err := os.MkdirTemp("", "scaffold-pg-")
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Cleanup(func() { os.RemoveAll(work) })
	data := filepath.Join(work, "data")
	if out, err := exec.Command("cp", "-a", pgTemplateDir, data).CombinedOutput(); err != nil {
		t.Fatalf("copy cluster: %v\n%s", err, out)
	}
	if err := chownToPostgres(work); err != nil {
		t.Fatalf("%v", err)
	}
	port := strconv.Itoa(freePort(t))
	logFile := filepath.Join(work, "postgres.log")
	start := exec.Command(filepath.Join(pgBin, "pg_ctl"), "-D", data, "-l", logFile, "-w", "-t", "60",
		"-o", fmt.Sprintf("-p %s -k %s -c listen_addresses=127.0.0.1 -c fsync=off", port, work), "start")
	if out, err := runAsPostgres(start); err != nil {
		log, _ := os.ReadFile(logFile)
		t.Fatalf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	running := true
	stop := func() {
		if !running {
			return
		}
		running = false
		cmd := exec.Command(filepath.Join(pgBin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
		if out, err := runAsPostgres(cmd); err != nil {
			t.Errorf("pg_ctl stop: %v\n%s", err, out)
		}
	}
	t.Cleanup(stop)
	create := exec.Command(filepath.Join(pgBin, "createdb"), "-h", "127.0.0.1", "-p", port, "-U", "scaffold", dbName)
	if out, err := runAsPostgres(create); err != nil {
		t.Fatalf("createdb: %v\n%s", err, out)
	}
	// A second, empty database for the project's tests, so that a project
	// whose tests read TEST_DATABASE_URL proves they leave DATABASE_URL's alone.
	testDB := dbName + "_test"
	createTest := exec.Command(filepath.Join(pgBin, "createdb"), "-h", "127.0.0.1", "-p", port, "-U", "scaffold", testDB)
	if out, err := runAsPostgres(createTest); err != nil {
		t.Fatalf("createdb %s: %v\n%s", testDB, err, out)
	}
	url := fmt.Sprintf("postgres://scaffold:scaffold@127.0.0.1:%s/%s", port, dbName)
	t.Logf("ok          postgres on 127.0.0.1:%s, databases %s and %s", port, dbName, testDB)
	return &runningService{
		name: "postgres",
		env: []string{
			"DATABASE_URL=" + url,
			"TEST_DATABASE_URL=" + fmt.Sprintf("postgres://scaffold:scaffold@127.0.0.1:%s/%s", port, testDB),
			"PGHOST=127.0.0.1", "PGPORT=" + port, "PGUSER=scaffold", "PGPASSWORD=scaffold", "PGDATABASE=" + dbName,
		},
		stop: stop,
	}
}

func initPostgresTemplate() (string, error) {
	candidates, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Strings(candidates)
	if len(candidates) > 0 {
		pgBin = filepath.Dir(candidates[len(candidates)-1])
	} else if p, err := exec.LookPath("initdb"); err == nil {
		pgBin = filepath.Dir(p)
	} else {
		return "", errors.New("initdb not found (Debian: apt-get install postgresql)")
	}
	work, err := os.MkdirTemp("", "scaffold-pg-template-")
	if err != nil {
		return "", err
	}
	if err := chownToPostgres(work); err != nil {
		return "", err
	}
	pwfile := filepath.Join(work, "pw")
	if err := os.WriteFile(pwfile, []byte("scaffold\n"), 0o644); err != nil {
		return "", err
	}
	data := filepath.Join(work, "data")
	cmd := exec.Command(filepath.Join(pgBin, "initdb"), "-D", data, "-U", "scaffold", "--pwfile", pwfile,
		"--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync")
	if out, err := runAsPostgres(cmd); err != nil {
		return "", fmt.Errorf("initdb: %v\n%s", err, out)
	}
	return data, nil
}

// PostgreSQL refuses to run as root: run its tools as the postgres user then.
func runAsPostgres(cmd *exec.Cmd) ([]byte, error) {
	if os.Geteuid() == 0 {
		uid, gid, err := postgresIDs()
		if err != nil {
			return nil, err
		}
		runAs(cmd, uid, gid)
	}
	cmd.Env = append(os.Environ(), "PGPASSWORD=scaffold")
	return cmd.CombinedOutput()
}

func chownToPostgres(dir string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	uid, gid, err := postgresIDs()
	if err != nil {
		return err
	}
	return filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(uid), int(gid))
	})
}

func postgresIDs() (uint32, uint32, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return 0, 0, fmt.Errorf("running as root needs a postgres user (Debian's postgresql package makes one): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return uint32(uid), uint32(gid), nil
}

func freePort(t T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("%v", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func envValue(env []string, key string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(env[i], key+"="); ok {
			return v
		}
	}
	return ""
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("... (%d lines before)", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

// syncBuffer collects a server's output while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]byte(nil), b.buf.Bytes()...)
}
