// Package sitetest helps tests that change a site on disk: it copies the
// repository's example site to a temporary folder and edits its files.
// Every such helper fails the test on any error. It also reads what a
// build writes, for tests in more than one package (UnescapeICSText), and
// puts the tests' temporary folders in memory (Main).
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Main runs the tests of a package, as TestMain does, with their
// temporary folders on memory-backed disk (/dev/shm) when the machine has
// one: the tests write and read thousands of small files, and each costs
// about a millisecond on a virtual machine's disk, a few microseconds in
// memory. A TMPDIR set already is kept.
func Main(m *testing.M) {
	MemoryDisk()
	os.Exit(m.Run())
}

// MemoryDisk points TMPDIR at /dev/shm, as Main does, for a TestMain that
// runs its tests some other way.
func MemoryDisk() {
	if os.Getenv("TMPDIR") != "" {
		return
	}
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() && info.Mode().Perm()&0o002 != 0 {
		os.Setenv("TMPDIR", "/dev/shm")
	}
}

// CopyExample copies the example site of the repository at root
// (handbook.toml, content/, templates/ and schemas/) into a new temporary
// folder and returns it.
func CopyExample(t testing.TB, root string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"content", "templates", "schemas"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(root, name))); err != nil {
			t.Fatal(err)
		}
	}
	Write(t, dir, "handbook.toml", Read(t, root, "handbook.toml"))
	return dir
}

// Read returns the file name (slash-separated, in dir).
func Read(t testing.TB, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Write writes data to the file name in dir, making its folder if need be.
func Write(t testing.TB, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Replace replaces the first old with new in the file name in dir; old
// must be there.
func Replace(t testing.TB, dir, name, old, new string) {
	t.Helper()
	data := Read(t, dir, name)
	if !strings.Contains(data, old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	Write(t, dir, name, strings.Replace(data, old, new, 1))
}

// Snapshot reads every file under dir, by its path, for a test to check
// that something left the folder as it was (compare two with maps.Equal).
func Snapshot(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
