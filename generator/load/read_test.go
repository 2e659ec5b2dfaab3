package load

import (
	"bytes"
	"io/fs"
	"testing"
	"testing/fstest"
)

// TestReadLimited checks that files of every length around the buffer's
// first size and the limit are read whole, or refused with their size,
// whether or not their size is known when they are opened.
func TestReadLimited(t *testing.T) {
	const limit = 4096
	for _, n := range []int{0, 1, 510, 511, 512, 513, 1023, 1024, 1025, limit - 1, limit, limit + 1, 3 * limit} {
		data := bytes.Repeat([]byte("x"), n)
		for _, fsys := range []fs.FS{
			fstest.MapFS{"f": {Data: data}},
			unsized{fstest.MapFS{"f": {Data: data}}},
		} {
			got, size, err := readLimited(fsys, "f", limit)
			if err != nil {
				t.Fatalf("%d bytes (%T): %v", n, fsys, err)
			}
			switch {
			case n > limit:
				if got != nil || size <= limit {
					t.Errorf("%d bytes (%T): read %d bytes, size %d; want none read, a size over %d", n, fsys, len(got), size, limit)
				}
			case !bytes.Equal(got, data) || size != int64(n):
				t.Errorf("%d bytes (%T): read %d bytes, size %d", n, fsys, len(got), size)
			}
		}
	}
	if _, _, err := readLimited(fstest.MapFS{}, "missing", limit); err == nil {
		t.Error("a missing file reads without an error")
	}
}

// unsized is a file system whose files say they are empty when opened, as
// some special files do.
type unsized struct{ fs.FS }

func (u unsized) Open(name string) (fs.File, error) {
	f, err := u.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return unsizedFile{f}, nil
}

type unsizedFile struct{ fs.File }

func (f unsizedFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	if err != nil {
		return nil, err
	}
	return zeroSize{info}, nil
}

type zeroSize struct{ fs.FileInfo }

func (zeroSize) Size() int64 { return 0 }
