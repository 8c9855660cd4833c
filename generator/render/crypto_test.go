package render

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/hex"
	"testing"
)

func TestAESGCMEncrypt(t *testing.T) {
	// NIST SP 800-38D / McGrew & Viega GCM test case 3 (AES-128, 96-bit IV, no AAD).
	key := "feffe9928665731c6d6a8f9467308308"
	iv := "cafebabefacedbaddecaf888"
	plain, _ := hex.DecodeString("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255")
	wantCT := "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
	wantTag := "4d5c2af327cd64a62cf35abd2ba6fab4"

	got, err := aesGCMEncrypt(key, iv, string(plain))
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString([]byte(got["ciphertext"])) != wantCT {
		t.Errorf("ciphertext = %x", got["ciphertext"])
	}
	if hex.EncodeToString([]byte(got["tag"])) != wantTag {
		t.Errorf("tag = %x", got["tag"])
	}
	if hex.EncodeToString([]byte(got["nonce"])) != iv {
		t.Errorf("nonce = %x", got["nonce"])
	}

	// And it opens again with the standard library.
	k, _ := hex.DecodeString(key)
	n, _ := hex.DecodeString(iv)
	block, _ := aes.NewCipher(k)
	gcm, _ := cipher.NewGCM(block)
	opened, err := gcm.Open(nil, n, []byte(got["ciphertext"]+got["tag"]), nil)
	if err != nil || !bytes.Equal(opened, plain) {
		t.Errorf("round trip failed: %v", err)
	}
}

func TestAESGCMEncryptErrors(t *testing.T) {
	for _, tc := range [][2]string{
		{"zz", "cafebabefacedbaddecaf888"},        // key not hex
		{"feffe9928665731c", "cafebabefacedbad"},  // 8-byte key: not an AES size
		{"feffe9928665731c6d6a8f9467308308", "x"}, // nonce not hex
		{"feffe9928665731c6d6a8f9467308308", ""},  // no nonce
	} {
		if _, err := aesGCMEncrypt(tc[0], tc[1], "x"); err == nil {
			t.Errorf("aesGCMEncrypt(%q, %q): want an error", tc[0], tc[1])
		}
	}
}

func TestHexDecode(t *testing.T) {
	got, err := hexDecode("0408")
	if err != nil || got != "\x04\x08" {
		t.Errorf("hexDecode = %q, %v", got, err)
	}
	if _, err := hexDecode("0g"); err == nil {
		t.Error("hexDecode(0g): want an error")
	}
}
