package serve

import "testing"

// BenchmarkStarter is one starter.zip request in process: parse, resolve,
// generate, zip (make bench-go; the loopback load is cmd/serve-bench).
func BenchmarkStarter(b *testing.B) {
	h := newTestHandler(b, Config{})
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
