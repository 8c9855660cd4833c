package generator

import (
	"strconv"
	"testing"
)

// Every value an encoding draws fits it, and values of another length or
// with a character the encoding never writes do not: update recovers a
// project's secrets by this test.
func TestDrawnSecretsFit(t *testing.T) {
	random := SeededRandom("fits")
	for name := range secretEncodings {
		for _, length := range []int{1, 16, 32, 50} {
			s := Secret{Key: "k", Length: length, Encoding: name}
			t.Run(name+"/"+strconv.Itoa(length), func(t *testing.T) {
				for range 50 {
					v, err := drawSecret(random, s)
					if err != nil {
						t.Fatal(err)
					}
					if !s.fits(v) {
						t.Fatalf("%q was drawn but does not fit", v)
					}
					for _, bad := range []string{v + v[:1], v[1:], "\"" + v[1:], v[:len(v)-1] + " "} {
						if s.fits(bad) {
							t.Fatalf("%q fits, but %s never draws it", bad, name)
						}
					}
				}
			})
		}
	}
	if (Secret{Length: 2, Encoding: "hex"}).fits("ABCD") {
		t.Error("upper-case hex fits, but hex draws lower case")
	}
}
