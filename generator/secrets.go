package generator

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"math/rand/v2"
	"strings"
)

// secretEncoding is how a secret of some length is drawn, and how a value
// found in a project is known to be one of its kind.
type secretEncoding struct {
	draw func(r io.Reader, length int) (string, error)
	// fits reports whether v could have been drawn: the alphabet, and the
	// length that draw always gives.
	fits func(v string, length int) bool
}

// secretEncodings maps an encoding name to its secretEncoding. "Length"
// counts bytes for hex/base64 and characters for alphabets.
var secretEncodings = map[string]secretEncoding{
	"hex": {
		draw: func(r io.Reader, n int) (string, error) {
			b, err := readBytes(r, n)
			return hex.EncodeToString(b), err
		},
		fits: func(v string, n int) bool {
			b, err := hex.DecodeString(v)
			return err == nil && len(b) == n && hex.EncodeToString(b) == v
		},
	},
	"base64": {
		draw: func(r io.Reader, n int) (string, error) {
			b, err := readBytes(r, n)
			return base64.StdEncoding.EncodeToString(b), err
		},
		fits: func(v string, n int) bool {
			b, err := base64.StdEncoding.DecodeString(v)
			return err == nil && len(b) == n && base64.StdEncoding.EncodeToString(b) == v
		},
	},
	"alnum": alphabet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
	// Django's startproject draws SECRET_KEY from this alphabet.
	"django": alphabet("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"),
}

func drawSecret(r io.Reader, s Secret) (string, error) {
	return secretEncodings[s.Encoding].draw(r, s.Length)
}

// fits reports whether v could be a value of s.
func (s Secret) fits(v string) bool {
	return secretEncodings[s.Encoding].fits(v, s.Length)
}

func readBytes(r io.Reader, n int) ([]byte, error) {
	b := make([]byte, n)
	_, err := io.ReadFull(r, b)
	return b, err
}

// alphabet draws characters uniformly: bytes that would bias the choice are
// rejected rather than folded with a modulo.
func alphabet(chars string) secretEncoding {
	limit := 256 - 256%len(chars)
	draw := func(r io.Reader, n int) (string, error) {
		out := make([]byte, 0, n)
		buf := make([]byte, 1)
		for len(out) < n {
			if _, err := io.ReadFull(r, buf); err != nil {
				return "", err
			}
			if int(buf[0]) < limit {
				out = append(out, chars[int(buf[0])%len(chars)])
			}
		}
		return string(out), nil
	}
	fits := func(v string, n int) bool {
		if len(v) != n {
			return false
		}
		for i := 0; i < len(v); i++ {
			if strings.IndexByte(chars, v[i]) < 0 {
				return false
			}
		}
		return true
	}
	return secretEncoding{draw: draw, fits: fits}
}

// SeededRandom is a deterministic stream for tests and golden files: the same
// seed always gives the same secrets. Never use it for a user's project.
func SeededRandom(seed string) io.Reader {
	return rand.NewChaCha8(sha256.Sum256([]byte("scaffold seed: " + seed)))
}
