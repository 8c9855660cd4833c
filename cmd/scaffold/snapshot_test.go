//go:build snapshot

// TestSnapshotArchive checks a release as a user gets it: it needs the
// archives of `make snapshot` in dist/ (`make snapshot-test` runs both), so it
// is behind the "snapshot" build tag and not part of `make test`.
package main

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestSnapshotArchive(t *testing.T) {
	dist := os.Getenv("SCAFFOLD_DIST")
	if dist == "" {
		dist = filepath.Join("..", "..", "dist")
	}
	var meta struct {
		Version string `json:"version"`
	}
	readJSON(t, filepath.Join(dist, "metadata.json"), &meta)
	if meta.Version == "" {
		t.Fatalf("%s/metadata.json names no version: run make snapshot", dist)
	}
	name := "scaffold_" + meta.Version + "_" + runtime.GOOS + "_" + runtime.GOARCH + ".tar.gz"
	archive := filepath.Join(dist, name)
	checkSum(t, filepath.Join(dist, "checksums.txt"), archive)

	// Every platform's archive is there and in the checksums.
	sums, err := os.ReadFile(filepath.Join(dist, "checksums.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"linux_amd64.tar.gz", "linux_arm64.tar.gz", "darwin_amd64.tar.gz", "darwin_arm64.tar.gz", "windows_amd64.zip", "windows_arm64.zip"} {
		if !strings.Contains(string(sums), "scaffold_"+meta.Version+"_"+p) {
			t.Errorf("checksums.txt lacks the %s archive", p)
		}
	}

	// Install: unpack into a temp dir, as the README says.
	prefix := t.TempDir()
	files := untar(t, archive, prefix)
	for _, want := range []string{"scaffold", "README.md", "LICENSE", "CHANGELOG.md",
		"completions/scaffold.bash", "completions/_scaffold", "completions/scaffold.fish", "completions/scaffold.ps1",
		"man/man1/scaffold.1", "man/man1/scaffold-new.1", "man/man1/scaffold-version.1", "man/man1/scaffold-doctor.1"} {
		if _, ok := files[want]; !ok {
			t.Errorf("the archive lacks %s (it has %v)", want, keys(files))
		}
	}
	// Reproducible: every entry has the same (the commit's) time.
	var first time.Time
	for n, mt := range files {
		if first.IsZero() {
			first = mt
		} else if !mt.Equal(first) {
			t.Errorf("%s has time %v, another entry %v: the archive is not reproducible", n, mt, first)
		}
	}

	bin := filepath.Join(prefix, "scaffold")
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "scaffold "+meta.Version+"\n") || !strings.Contains(string(out), "\ncommit    ") {
		t.Fatalf("scaffold version: %v\n%s", err, out)
	}
	work := t.TempDir()
	cmd := exec.Command(bin, "new", "demo", "--framework=gin")
	cmd.Dir = work
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("scaffold new: %v\n%s", err, out)
	}
	rec, err := os.ReadFile(filepath.Join(work, "demo", ".scaffold.yaml"))
	if err != nil || !strings.Contains(string(rec), "scaffold_version: "+meta.Version+"\n") {
		t.Errorf(".scaffold.yaml does not record %s: %v\n%s", meta.Version, err, rec)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run make snapshot first", err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func checkSum(t *testing.T, sumsFile, archive string) {
	t.Helper()
	data, err := os.ReadFile(sumsFile)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(f)
	line := hex.EncodeToString(sum[:]) + "  " + filepath.Base(archive)
	if !strings.Contains(string(data), line+"\n") {
		t.Fatalf("checksums.txt has no line %q", line)
	}
}

// untar unpacks a .tar.gz into dir and returns each file's modification time.
func untar(t *testing.T, archive, dir string) map[string]time.Time {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	files := map[string]time.Time{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		if !filepath.IsLocal(h.Name) {
			t.Fatalf("archive entry %q is not a local path", h.Name)
		}
		dst := filepath.Join(dir, h.Name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, os.FileMode(h.Mode)&0o777)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, tr); err != nil {
			t.Fatal(err)
		}
		out.Close()
		files[h.Name] = h.ModTime
	}
	return files
}

func keys(m map[string]time.Time) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
