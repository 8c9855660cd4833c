package serve

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzParseQuery: any query string is either refused with a 400 that says
// what is wrong, or resolves to a project whose canonical query parses
// back to the same project.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"framework=gin&name=api",
		"framework=gin&name=api&docker&database=postgres",
		"framework=django&name=blog&database=postgres&ci=true",
		"framework=spring-boot&name=demo&java=21&group=com.acme",
		"framework=gni&name=api",
		"framework=gin&name=api&name=web",
		"framework=gin&name=%zz",
		"framework=express&name=a&language=ts&dokcer=1",
		"framework=gin&name=" + strings.Repeat("x", 300),
		"name=api",
		"",
		";&=&&==",
	} {
		f.Add(s)
	}
	c := testCatalog(f)
	f.Fuzz(func(t *testing.T, raw string) {
		q, e := parseQuery(c, raw)
		if e == nil {
			p, re := q.resolve(rand0{})
			e = re
			if e == nil {
				canon := canonicalQuery(p)
				q2, e2 := parseQuery(c, canon)
				if e2 != nil {
					t.Fatalf("canonical query %q of %q is refused: %v", canon, raw, e2)
				}
				p2, e2 := q2.resolve(rand0{})
				if e2 != nil {
					t.Fatalf("canonical query %q of %q does not resolve: %v", canon, raw, e2)
				}
				if p2.Name != p.Name || len(p2.Options) != len(p.Options) {
					t.Fatalf("%q and its canonical %q differ", raw, canon)
				}
				for k, v := range p.Options {
					if p2.Options[k] != v {
						t.Fatalf("%q: option %s is %v, its canonical query %q gives %v", raw, k, v, canon, p2.Options[k])
					}
				}
				return
			}
		}
		if e.Status != 400 {
			t.Fatalf("%q: status %d (%s): bad input must be a 400", raw, e.Status, e.Message)
		}
		if e.Message == "" {
			t.Fatalf("%q: a 400 without a message", raw)
		}
		if e.Param != "" {
			if _, err := url.ParseQuery(raw); err != nil {
				t.Fatalf("%q: names parameter %q in a query that does not parse", raw, e.Param)
			}
		}
	})
}
