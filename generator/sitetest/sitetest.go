// Package sitetest helps tests that change a site on disk: it copies the
// repository's example site to a temporary folder and edits its files.
// Every such helper fails the test on any error. It also reads what a
// build writes, for tests in more than one package (UnescapeICSText).
package sitetest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
