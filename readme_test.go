package main

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/govern"
	"github.com/handbook-nhs/handbook/generator/site"
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

// TestReadmeGovernance checks that the README's table lists every
// governance rule with its severity, and that its [governance] example
// gives every threshold with its default.
func TestReadmeGovernance(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range govern.Rules {
		row := fmt.Sprintf("| `%s` | %s |", r.ID, r.Severity)
		if !strings.Contains(string(readme), row) {
			t.Errorf("README has no row starting %s", row)
		}
		if r.Threshold != "" && !regexp.MustCompile(regexp.QuoteMeta(row)+".*`"+r.Threshold+"`").Match(readme) {
			t.Errorf("README row of %s does not name its threshold %s", r.ID, r.Threshold)
		}
	}
	block := regexp.MustCompile("(?s)```toml\n(\\[governance\\]\n.*?)```").FindSubmatch(readme)
	if block == nil {
		t.Fatal("README has no [governance] example")
	}
	var cfg site.Config
	md, err := toml.Decode(string(block[1]), &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Governance != site.DefaultThresholds {
		t.Errorf("README [governance] example\n%+v\ndiffers from the defaults\n%+v", cfg.Governance, site.DefaultThresholds)
	}
	if keys := reflect.TypeFor[site.Thresholds]().NumField(); len(md.Keys()) != keys+1 {
		t.Errorf("README [governance] example has %d keys, want all %d", len(md.Keys())-1, keys)
	}
}
