package render

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/hex"
	"fmt"
)

// Generic crypto helpers for templates that must write files the way a framework's
// own tooling encrypts them (e.g. an encrypted credentials file beside its key).
// They are deterministic: the key and nonce come from manifest secrets, which are
// random for users and seeded in tests. Byte strings travel as Go strings; sprig's
// b64enc turns them into text.
func init() {
	extraFuncs["aesGCMEncrypt"] = aesGCMEncrypt
	extraFuncs["hexDecode"] = hexDecode
}

// aesGCMEncrypt seals plaintext with AES-GCM under a hex key (16, 24 or 32 bytes:
// AES-128/192/256) and a hex nonce (usually 12 bytes), with no additional data.
// It returns a map with "ciphertext", "nonce" and a 16-byte "tag".
func aesGCMEncrypt(keyHex, nonceHex, plaintext string) (map[string]string, error) {
	key, err := hex.DecodeString(keyHex)
	if err != nil {
		return nil, fmt.Errorf("aesGCMEncrypt: key: %w", err)
	}
	nonce, err := hex.DecodeString(nonceHex)
	if err != nil {
		return nil, fmt.Errorf("aesGCMEncrypt: nonce: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("aesGCMEncrypt: %w", err)
	}
	if len(nonce) == 0 {
		return nil, fmt.Errorf("aesGCMEncrypt: empty nonce")
	}
	gcm, err := cipher.NewGCMWithNonceSize(block, len(nonce))
	if err != nil {
		return nil, fmt.Errorf("aesGCMEncrypt: %w", err)
	}
	sealed := gcm.Seal(nil, nonce, []byte(plaintext), nil)
	n := len(sealed) - gcm.Overhead()
	return map[string]string{
		"ciphertext": string(sealed[:n]),
		"nonce":      string(nonce),
		"tag":        string(sealed[n:]),
	}, nil
}

// hexDecode turns hex text into the bytes it spells, for building binary framing
// (a length prefix, a magic number) around text in a template.
func hexDecode(s string) (string, error) {
	b, err := hex.DecodeString(s)
	if err != nil {
		return "", fmt.Errorf("hexDecode: %w", err)
	}
	return string(b), nil
}
