package serve

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/scaffold-cli/scaffold/generator"
)

// archiveTime is the modification time of every archive entry: fixed, so
// the same files always give the same bytes.
var archiveTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// dirsOf lists the directories the files need, parents first, sorted, each
// with a trailing slash.
func dirsOf(root string, files []generator.File) []string {
	seen := map[string]bool{}
	var out []string
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d+"/")
		}
	}
	add(root)
	for _, f := range files {
		dir := path.Dir(f.Path)
		if dir == "." {
			continue
		}
		parts := strings.Split(dir, "/")
		for i := range parts {
			add(root + "/" + strings.Join(parts[:i+1], "/"))
		}
	}
	return out
}

// zipEntry is one finished zip entry: its header as zip.Writer completed
// it (flags, versions, times, CRC, sizes) and its compressed bytes, so it
// can be written again with CreateRaw, byte for byte as it was.
type zipEntry struct {
	header zip.FileHeader
	data   []byte
}

// zipEntries compresses files under root/ into finished entries, as
// zip.Writer writes them: a file shorter than minDeflate stored, the rest
// deflated, modes in the external attributes, fixed times. With dirs, the
// directories the files need come first.
func zipEntries(root string, files []generator.File, dirs bool) ([]zipEntry, error) {
	var names []string
	if dirs {
		names = dirsOf(root, files)
	}
	out := make([]zipEntry, len(names)+len(files))
	headers := make([]*zip.FileHeader, len(out))
	var current *bytes.Buffer // the compressed bytes of the entry being written
	zw := zip.NewWriter(io.Discard)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return pooledFlate(io.MultiWriter(w, current))
	})
	zw.RegisterCompressor(zip.Store, func(w io.Writer) (io.WriteCloser, error) {
		return nopCloser{io.MultiWriter(w, current)}, nil
	})
	bufs := make([]bytes.Buffer, len(out))
	for i, d := range names {
		h := &zip.FileHeader{Name: d, Method: zip.Store, Modified: archiveTime}
		h.SetMode(0o755 | 1<<31) // fs.ModeDir
		headers[i] = h
		if _, err := zw.CreateHeader(h); err != nil {
			return nil, err
		}
	}
	for j, f := range files {
		i := len(names) + j
		method := zip.Deflate
		if len(f.Data) < minDeflate {
			method = zip.Store
		}
		h := &zip.FileHeader{Name: root + "/" + f.Path, Method: method, Modified: archiveTime}
		h.SetMode(f.Mode.Perm())
		headers[i], current = h, &bufs[i]
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil { // completes the last header
		return nil, err
	}
	for i, h := range headers {
		if h != nil {
			out[i] = zipEntry{header: *h, data: bufs[i].Bytes()}
		}
	}
	return out, nil
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// writeEntries writes n finished entries as a zip, entry(i) the i-th:
// each with CreateRaw, so nothing is compressed again.
func writeEntries(w io.Writer, n int, entry func(i int) *zipEntry) error {
	zw := zip.NewWriter(w)
	for i := range n {
		e := entry(i)
		h := e.header // a copy: the writer keeps and changes it
		fw, err := zw.CreateRaw(&h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// writeZip writes files under root/ as a zip: directories first, then files
// in the order given (Generate sorts them), modes kept in the external
// attributes, fixed times.
func writeZip(w io.Writer, root string, files []generator.File) error {
	entries, err := zipEntries(root, files, true)
	if err != nil {
		return err
	}
	return writeEntries(w, len(entries), func(i int) *zipEntry { return &entries[i] })
}

// Compression is flate's BestSpeed: starter files are small text, where
// the best level saves a few percent and costs several times the CPU (the
// profile of a Rails zip was two-thirds compression at level 5). Files
// shorter than minDeflate are stored: deflating them saves nothing.
const (
	compressLevel = flate.BestSpeed
	minDeflate    = 64
)

// flateWriters are reused: a new flate.Writer allocates about a megabyte.
var flateWriters sync.Pool

type pooledFlateWriter struct{ fw *flate.Writer }

func (p *pooledFlateWriter) Write(b []byte) (int, error) { return p.fw.Write(b) }

func (p *pooledFlateWriter) Close() error {
	err := p.fw.Close()
	flateWriters.Put(p.fw)
	return err
}

func pooledFlate(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := flateWriters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return &pooledFlateWriter{fw}, nil
	}
	fw, err := flate.NewWriter(w, compressLevel)
	return &pooledFlateWriter{fw}, err
}

// gzipWriters are reused: a gzip.Writer holds about a megabyte of state.
var gzipWriters = sync.Pool{New: func() any { gz, _ := gzip.NewWriterLevel(nil, compressLevel); return gz }}

// writeTgz writes files under root/ as a gzipped tar, like writeZip.
func writeTgz(w io.Writer, root string, files []generator.File) error {
	gz := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(gz)
	gz.Reset(w)
	tw := tar.NewWriter(gz)
	for _, d := range dirsOf(root, files) {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d, Mode: 0o755, ModTime: archiveTime, Format: tar.FormatPAX}); err != nil {
			return err
		}
	}
	for _, f := range files {
		h := &tar.Header{
			Typeflag: tar.TypeReg, Name: root + "/" + f.Path, Mode: int64(f.Mode.Perm()),
			Size: int64(len(f.Data)), ModTime: archiveTime, Format: tar.FormatPAX,
		}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(f.Data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// buffers hold archives being built: one is about the size of a
// project's archive, and a server builds one per request.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// buildArchive renders the archive in memory: its size and hash are known
// before the first byte is sent, so a failure is a clean 500 and the
// response has a Content-Length and an ETag.
func buildArchive(kind, root string, files []generator.File) ([]byte, error) {
	var b bytes.Buffer
	var err error
	if kind == "zip" {
		err = writeZip(&b, root, files)
	} else {
		err = writeTgz(&b, root, files)
	}
	return b.Bytes(), err
}

// zipPiece is one entry of a finished zip as bytes: its local part
// (header, data, data descriptor) and its central directory record.
type zipPiece struct{ local, central []byte }

// The zip records splitZip and joinZip read and write (APPNOTE 4.3).
const (
	zipLocalSig   = 0x04034b50
	zipCentralSig = 0x02014b50
	zipEndSig     = 0x06054b50
	zipEndLen     = 22 // the end of central directory record, without a comment
	zipCentralLen = 46 // a central directory record, without its name, extra and comment
)

// splitZip cuts a zip that zip.Writer wrote (entries in order, no comment,
// no zip64) into its entries' pieces, which alias data.
func splitZip(data []byte) ([]zipPiece, error) {
	bad := func(what string) ([]zipPiece, error) { return nil, fmt.Errorf("splitting a zip: %s", what) }
	if len(data) < zipEndLen || binary.LittleEndian.Uint32(data[len(data)-zipEndLen:]) != zipEndSig {
		return bad("no end record where zip.Writer puts it")
	}
	end := data[len(data)-zipEndLen:]
	count := int(binary.LittleEndian.Uint16(end[10:]))
	cdSize := int(binary.LittleEndian.Uint32(end[12:]))
	cdStart := int(binary.LittleEndian.Uint32(end[16:]))
	if cdStart+cdSize != len(data)-zipEndLen {
		return bad("the central directory is not just before the end record")
	}
	pieces := make([]zipPiece, count)
	offsets := make([]int, count+1)
	at := cdStart
	for i := range pieces {
		r := data[at:]
		if len(r) < zipCentralLen || binary.LittleEndian.Uint32(r) != zipCentralSig {
			return bad("a central directory record is missing")
		}
		n := zipCentralLen + int(binary.LittleEndian.Uint16(r[28:])) + int(binary.LittleEndian.Uint16(r[30:])) + int(binary.LittleEndian.Uint16(r[32:]))
		pieces[i].central = r[:n:n]
		offsets[i] = int(binary.LittleEndian.Uint32(r[42:]))
		at += n
	}
	if at != cdStart+cdSize {
		return bad("the central directory's size does not add up")
	}
	offsets[count] = cdStart
	for i := range pieces {
		if offsets[i] >= offsets[i+1] || binary.LittleEndian.Uint32(data[offsets[i]:]) != zipLocalSig {
			return bad("the entries are not in order")
		}
		pieces[i].local = data[offsets[i]:offsets[i+1]:offsets[i+1]]
	}
	return pieces, nil
}

// joinZip writes pieces as zip.Writer writes those entries: the local
// parts in order, the central directory with each record's offset set to
// where its entry now is, and the end record.
func joinZip(b *bytes.Buffer, pieces []*zipPiece) error {
	size := zipEndLen
	for _, p := range pieces {
		size += len(p.local) + len(p.central)
	}
	if len(pieces) >= 0xffff || size >= 0xffffffff {
		return fmt.Errorf("joining a zip: %d entries, %d bytes: too large for a zip without zip64", len(pieces), size)
	}
	b.Grow(size)
	start := b.Len()
	offsets := make([]uint32, len(pieces))
	for i, p := range pieces {
		offsets[i] = uint32(b.Len() - start)
		b.Write(p.local)
	}
	cdStart := b.Len() - start
	var off [4]byte
	for i, p := range pieces {
		b.Write(p.central[:42])
		binary.LittleEndian.PutUint32(off[:], offsets[i])
		b.Write(off[:])
		b.Write(p.central[46:])
	}
	var end [zipEndLen]byte
	binary.LittleEndian.PutUint32(end[0:], zipEndSig)
	binary.LittleEndian.PutUint16(end[8:], uint16(len(pieces)))
	binary.LittleEndian.PutUint16(end[10:], uint16(len(pieces)))
	binary.LittleEndian.PutUint32(end[12:], uint32(b.Len()-start-cdStart))
	binary.LittleEndian.PutUint32(end[16:], uint32(cdStart))
	b.Write(end[:])
	return nil
}
