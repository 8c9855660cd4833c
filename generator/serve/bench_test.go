package serve

import "testing"

// BenchmarkStarter is one starter.zip request in process: parse, resolve,
// then the archive (make bench-go; the loopback load is cmd/serve-bench).
// The same configuration repeats, so after the first request the server
// reuses what no secret reaches; BenchmarkStarterUncached keeps nothing,
// as for a configuration seen for the first time.
func BenchmarkStarter(b *testing.B) {
	benchmarkStarter(b, Config{})
}

func BenchmarkStarterUncached(b *testing.B) {
	benchmarkStarter(b, Config{CacheBytes: -1})
}

func benchmarkStarter(b *testing.B, cfg Config) {
	h := newTestHandler(b, cfg)
	for _, fw := range testCatalog(b).Names() {
		b.Run(fw, func(b *testing.B) {
			for b.Loop() {
				if w := get(b, h, "/starter.zip?framework="+fw+"&name=demo"); w.Code != 200 {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
		})
	}
}
