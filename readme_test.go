package main

import (
	"os"
	"regexp"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestReadmeTOML checks that every TOML example in the README is valid
// TOML, so the guide a practice manager copies from cannot rot.
func TestReadmeTOML(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```toml\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) < 9 {
		t.Fatalf("found %d TOML examples in the README, expected one per record type", len(blocks))
	}
	for i, b := range blocks {
		var v map[string]any
		if _, err := toml.Decode(string(b[1]), &v); err != nil {
			t.Errorf("README TOML example %d: %v", i+1, err)
		}
	}
}
