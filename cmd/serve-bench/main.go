// Command serve-bench measures `scaffold serve` over loopback: for each
// framework, starter.zip throughput and p50/p99 latency at several client
// counts, then the server's RSS before and after a long run. Every level is
// bounded by a request count and a time. It writes its section into the
// benchmarks document (between markers), leaving the rest as it is.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	beginMarker = "<!-- serve-bench: begin -->"
	endMarker   = "<!-- serve-bench: end -->"
)

func main() {
	bin := flag.String("scaffold", "bin/scaffold", "the scaffold binary to serve with")
	frameworks := flag.String("frameworks", "django,express,flask,gin,koa,laravel,rails,spring-boot", "frameworks to measure, comma-separated")
	levels := flag.String("clients", "1,8,32", "concurrent clients per level, comma-separated")
	requests := flag.Int("requests", 3000, "requests per framework and level, at most")
	maxTime := flag.Duration("time", 5*time.Second, "time per framework and level, at most")
	rssRequests := flag.Int("rss-requests", 50000, "requests of the RSS run, at most")
	rssTime := flag.Duration("rss-time", 90*time.Second, "time of the RSS run, at most")
	out := flag.String("out", "docs/benchmarks.md", "document to write the section into (\"-\" for stdout)")
	flag.Parse()
	if err := run(*bin, strings.Split(*frameworks, ","), parseInts(*levels), *requests, *maxTime, *rssRequests, *rssTime, *out); err != nil {
		fmt.Fprintln(os.Stderr, "serve-bench:", err)
		os.Exit(1)
	}
}

func parseInts(s string) []int {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "serve-bench: -clients %q: give positive numbers, comma-separated\n", s)
			os.Exit(2)
		}
		out = append(out, n)
	}
	return out
}

type result struct {
	framework string
	clients   int
	count     int
	errors    int
	elapsed   time.Duration
	p50, p99  time.Duration
	// cpu is the server's CPU time (user and system) over the level, or
	// -1 when it could not be read.
	cpu time.Duration
}

func (r result) rate() float64 { return float64(r.count) / r.elapsed.Seconds() }

// cpuPerZip is the server's CPU time per answered request, in µs: what a
// zip costs whatever else the machine runs ("?" when unknown).
func (r result) cpuPerZip() string {
	if r.cpu < 0 || r.count == 0 {
		return "?"
	}
	return fmt.Sprintf("%.0f", float64(r.cpu.Microseconds())/float64(r.count))
}

// measure runs a load and records the server's CPU time over it.
func measure(pid int, run func() (result, error)) (result, error) {
	before, errBefore := cpuTime(pid)
	r, err := run()
	after, errAfter := cpuTime(pid)
	r.cpu = after - before
	if errBefore != nil || errAfter != nil {
		r.cpu = -1
	}
	return r, err
}

// cpuTime is a process's user and system CPU time so far (Linux:
// /proc/PID/stat, in clock ticks of 1/100 s).
func cpuTime(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces.
	i := strings.LastIndexByte(string(data), ')')
	if i < 0 {
		return 0, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func run(bin string, frameworks []string, levels []int, requests int, maxTime time.Duration, rssRequests int, rssTime time.Duration, out string) error {
	addr, err := freePort()
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, "serve", "--addr", addr, "--log-format", "json")
	cmd.Stderr = io.Discard // the access log: written, as in production, not kept
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s: %w; build it first (make build)", bin, err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	base := "http://" + addr
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128, MaxConnsPerHost: 0}, Timeout: 30 * time.Second}
	if err := waitHealthy(client, base); err != nil {
		return err
	}
	var results []result
	for _, fw := range frameworks {
		url := same(base + "/starter.zip?framework=" + fw + "&name=demo")
		if _, err := load(client, url, 4, 100, 10*time.Second); err != nil { // warm: loads the manifest
			return fmt.Errorf("%s: %w", fw, err)
		}
		for _, c := range levels {
			r, err := measure(cmd.Process.Pid, func() (result, error) { return load(client, url, c, requests, maxTime) })
			if err != nil {
				return fmt.Errorf("%s at %d clients: %w", fw, c, err)
			}
			r.framework, r.clients = fw, c
			fmt.Fprintf(os.Stderr, "%-12s %2d clients: %6.0f zips/s  p50 %6.2f ms  p99 %6.2f ms  server %s µs/zip  (%d requests, %d errors)\n",
				fw, c, r.rate(), ms(r.p50), ms(r.p99), r.cpuPerZip(), r.count, r.errors)
			results = append(results, r)
		}
	}
	// Cold: every request a configuration of its own (its own name), so
	// the server's cache never has it.
	var cold []result
	for _, fw := range coldFrameworks {
		if !slices.Contains(frameworks, fw) {
			continue
		}
		top := slices.Max(levels)
		url := func(n int64) string { return fmt.Sprintf("%s/starter.zip?framework=%s&name=cold%d", base, fw, n) }
		r, err := measure(cmd.Process.Pid, func() (result, error) { return load(client, url, top, requests, maxTime) })
		if err != nil {
			return fmt.Errorf("%s cold: %w", fw, err)
		}
		r.framework, r.clients = fw, top
		fmt.Fprintf(os.Stderr, "%-12s %2d clients, cold: %6.0f zips/s  p50 %6.2f ms  p99 %6.2f ms  server %s µs/zip  (%d requests, %d errors)\n",
			fw, top, r.rate(), ms(r.p50), ms(r.p99), r.cpuPerZip(), r.count, r.errors)
		cold = append(cold, r)
	}
	// RSS: a fresh run of gin at the highest client count, after 1,000
	// requests and after rssRequests, every one a new configuration.
	pid := cmd.Process.Pid
	rssStart, err := rss(pid)
	if err != nil {
		return err
	}
	// Each request a name of its own: the cache fills to its bound and
	// then drops entries, which is what must keep the RSS flat.
	url := func(n int64) string { return fmt.Sprintf("%s/starter.zip?framework=gin&name=rss%d", base, n) }
	top := slices.Max(levels)
	if _, err := load(client, url, top, 1000, time.Minute); err != nil {
		return err
	}
	rss1k, _ := rss(pid)
	long, err := load(client, url, top, rssRequests, rssTime)
	if err != nil {
		return err
	}
	rssEnd, _ := rss(pid)
	fmt.Fprintf(os.Stderr, "RSS: %d KiB at start of the RSS run, %d KiB after 1,000 requests, %d KiB after %d more\n", rssStart, rss1k, rssEnd, long.count)
	section := report(results, cold, levels, rssStart, rss1k, rssEnd, 1000+long.count, long)
	return writeSection(out, section)
}

// coldFrameworks are measured with a new configuration per request too:
// the quickest and the slowest to generate.
var coldFrameworks = []string{"gin", "rails"}

// same is a url function that always gives url.
func same(url string) func(int64) string { return func(int64) string { return url } }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func waitHealthy(client *http.Client, base string) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("the server did not answer /healthz within 10s")
}

// load sends GETs (the n-th to url(n)) from clients goroutines until count
// requests are done or maxTime has passed, and reports the latencies.
func load(client *http.Client, url func(n int64) string, clients, count int, maxTime time.Duration) (result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), maxTime)
	defer cancel()
	var issued, failed atomic.Int64
	lat := make([][]time.Duration, clients)
	var firstErr error
	var errOnce sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				n := issued.Add(1)
				if n > int64(count) {
					break
				}
				t0 := time.Now()
				resp, err := client.Get(url(n))
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				if err != nil {
					failed.Add(1)
					errOnce.Do(func() { firstErr = err })
					continue
				}
				lat[i] = append(lat[i], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if len(all) == 0 {
		return result{}, fmt.Errorf("no request succeeded: %v", firstErr)
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	return result{count: len(all), errors: int(failed.Load()), elapsed: elapsed, p50: pct(0.50), p99: pct(0.99)}, nil
}

// rss is the resident set of a process, in KiB (Linux).
func rss(pid int) (int, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the server's RSS: %w (Linux only)", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}

func report(results, cold []result, levels []int, rssStart, rss1k, rssEnd, total int, long result) string {
	var b strings.Builder
	top := slices.Max(levels)
	fmt.Fprintf(&b, "## scaffold serve: starter.zip over loopback\n\n")
	load := "unknown"
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(data))[:3], " ")
	}
	fmt.Fprintf(&b, "`go run ./cmd/serve-bench` (part of `make bench`) on %d CPUs, %s (load average at the end %s: numbers on a busy machine are low): the real `scaffold serve` binary, its JSON access log on, ", runtime.NumCPU(), time.Now().UTC().Format("2006-01-02 15:04 UTC"), load)
	fmt.Fprintf(&b, "clients in the same process as each other, one keep-alive connection each; each level is at most the request count or the time given to it, after a warm-up. Goals (2-core machine, %d clients): Gin ≥ 1,000 zips/s, every framework ≥ 300 zips/s, p99 ≤ 50 ms.\n\n", top)
	fmt.Fprintf(&b, "The server's CPU per zip (user and system time of its process over the level, divided by the requests) depends little on what else the machine runs; throughput and latency depend on it a lot: the clients share the 2 CPUs with the server, and so does every other process.\n\n")
	fmt.Fprintf(&b, "| framework | clients | requests | zips/s | p50 ms | p99 ms | server CPU µs/zip | errors |\n|---|--:|--:|--:|--:|--:|--:|--:|\n")
	for _, r := range results {
		mark := ""
		if r.clients == top {
			goal := 300.0
			if r.framework == "gin" {
				goal = 1000
			}
			if r.rate() < goal || r.p99 > 50*time.Millisecond {
				mark = " (below goal)"
			}
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %.0f%s | %.2f | %.2f | %s | %d |\n", r.framework, r.clients, r.count, r.rate(), mark, ms(r.p50), ms(r.p99), r.cpuPerZip(), r.errors)
	}
	if len(cold) > 0 {
		fmt.Fprintf(&b, "\nThe rows above repeat one configuration, as a team's users mostly do: after its first request the server keeps the files no secret reaches, compressed, and renders only the secret-bearing ones (docs/serve.md). Cold, every request a new configuration (its own name), so nothing is reused:\n\n")
		fmt.Fprintf(&b, "| framework | clients | requests | zips/s | p50 ms | p99 ms | server CPU µs/zip | errors |\n|---|--:|--:|--:|--:|--:|--:|--:|\n")
		for _, r := range cold {
			fmt.Fprintf(&b, "| %s (cold) | %d | %d | %.0f | %.2f | %.2f | %s | %d |\n", r.framework, r.clients, r.count, r.rate(), ms(r.p50), ms(r.p99), r.cpuPerZip(), r.errors)
		}
	}
	ratio := float64(rssEnd) / float64(max(rss1k, 1))
	verdict := "flat"
	if ratio > 1.5 {
		verdict = "NOT flat (goal: ≤ 1.5×)"
	}
	fmt.Fprintf(&b, "\nServer RSS (Gin, %d clients, every request a new name, so the cache fills to its bound and drops the oldest): %d KiB before, %d KiB after 1,000 requests, %d KiB after %d requests (%.2f× the 1,000-request value: %s). The long run took %s at %.0f zips/s.\n",
		top, rssStart, rss1k, rssEnd, total, ratio, verdict, long.elapsed.Round(time.Second), long.rate())
	return b.String()
}

// writeSection puts section between the markers in the document, replacing
// an older one, or appends it.
func writeSection(path, section string) error {
	block := beginMarker + "\n" + section + endMarker + "\n"
	if path == "-" {
		_, err := io.WriteString(os.Stdout, block)
		return err
	}
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	doc := string(old)
	if i, j := strings.Index(doc, beginMarker), strings.Index(doc, endMarker); i >= 0 && j > i {
		doc = doc[:i] + block + doc[j+len(endMarker)+1:]
	} else {
		if doc != "" && !strings.HasSuffix(doc, "\n\n") {
			doc = strings.TrimRight(doc, "\n") + "\n\n"
		}
		doc += block
	}
	return os.WriteFile(path, []byte(doc), 0o644)
}
