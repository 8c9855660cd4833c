package generator

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"math/rand/v2"
)

// secretEncodings maps an encoding name to how a secret of Length is drawn.
// "Length" counts bytes for hex/base64 and characters for alphabets.
var secretEncodings = map[string]func(r io.Reader, length int) (string, error){
	"hex": func(r io.Reader, n int) (string, error) {
		b, err := readBytes(r, n)
		return hex.EncodeToString(b), err
	},
	"base64": func(r io.Reader, n int) (string, error) {
		b, err := readBytes(r, n)
		return base64.StdEncoding.EncodeToString(b), err
	},
	"alnum": alphabet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
	// Django's startproject draws SECRET_KEY from this alphabet.
	"django": alphabet("abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"),
}

func drawSecret(r io.Reader, s Secret) (string, error) {
	return secretEncodings[s.Encoding](r, s.Length)
}

func readBytes(r io.Reader, n int) ([]byte, error) {
	b := make([]byte, n)
	_, err := io.ReadFull(r, b)
	return b, err
}

// alphabet draws characters uniformly: bytes that would bias the choice are
// rejected rather than folded with a modulo.
func alphabet(chars string) func(io.Reader, int) (string, error) {
	limit := 256 - 256%len(chars)
	return func(r io.Reader, n int) (string, error) {
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
}

// SeededRandom is a deterministic stream for tests and golden files: the same
// seed always gives the same secrets. Never use it for a user's project.
func SeededRandom(seed string) io.Reader {
	return rand.NewChaCha8(sha256.Sum256([]byte("scaffold seed: " + seed)))
}
