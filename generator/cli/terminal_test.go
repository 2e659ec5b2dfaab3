package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTerminal checks that a file is not a terminal, however TERM is set.
func TestTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	t.Setenv("TERM", "xterm-256color")
	if Terminal(f) {
		t.Error("a file is taken for a terminal")
	}
}
