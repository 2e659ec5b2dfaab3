package generator_test

import (
	"go/build"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/handbook-nhs/handbook"

// policy names, for every package of the module, the packages of the
// module it may import: no other import is allowed, and every package
// must be named here. The stages import only site, and libraries of their
// own; only the pipeline wires them together (see doc.go).
var policy = map[string][]string{
	// The domain, and what is embedded in the binary.
	"generator/site": {},
	"schemas":        {},
	"themes":         {},

	// The stages.
	"generator/load":                {"generator/site"},
	"generator/validate":            {"generator/site", "schemas"},
	"generator/link":                {"generator/site"},
	"generator/govern":              {"generator/site"},
	"generator/render":              {"generator/site", "generator/render/markdown"},
	"generator/render/markdown":     {"generator/site"},
	"generator/export":              {"generator/site"},
	"generator/pdf":                 {"generator/site"},
	"generator/publish":             {"generator/site"},
	"generator/history":             {},
	"generator/par":                 {},
	"generator/pdf/pdftest":         {"generator/pdf"},
	"generator/history/historytest": {},

	// The wiring, and what runs it.
	"generator/pipeline": {"generator/site", "generator/load", "generator/validate", "generator/link",
		"generator/govern", "generator/render", "generator/export", "generator/pdf", "generator/publish",
		"generator/history", "generator/par", "themes"},
	"generator/serve":    {"generator/site", "generator/pipeline"},
	"generator/scaffold": {"generator/site", "schemas"},
	"generator/register": {"generator/site", "generator/scaffold"},
	"generator/cli": {"generator/site", "generator/pipeline", "generator/publish", "generator/pdf",
		"generator/serve", "generator/history", "generator/scaffold", "generator/register", "schemas"},
	"":          {"generator/cli"}, // the handbook command
	"generator": {},                // this test and the package documentation

	// Tools for tests and measurement, which know nothing of the
	// pipeline: synth writes sites, bench times whole runs of the
	// command against the minimal pipeline, webtest drives a browser over
	// built files, sitetest copies and edits sites.
	"generator/synth":           {},
	"generator/synth/cmd/synth": {"generator/synth"},
	"generator/bench":           {"generator/synth"},
	"generator/bench/minimal":   {},
	"generator/webtest":         {"generator/pdf"},
	"generator/sitetest":        {},
}

// TestImportGraph walks every package of the module, as go/build's own
// dependency test walks the standard library, and fails any import of a
// package of the module that the policy does not name, and any package it
// does not know.
func TestImportGraph(t *testing.T) {
	root := ".."
	seen := map[string]bool{}
	err := filepath.WalkDir(root, func(dir string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if name := d.Name(); dir != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
			return filepath.SkipDir
		}
		p, err := build.ImportDir(dir, 0)
		if _, none := err.(*build.NoGoError); none {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, dir)
		name := filepath.ToSlash(rel)
		if name == "." {
			name = ""
		}
		seen[name] = true
		allowed, known := policy[name]
		if !known {
			t.Errorf("package %q is not in the import policy: add it, with what it may import", module+"/"+name)
			return nil
		}
		for _, imp := range p.Imports {
			own, isOwn := strings.CutPrefix(imp, module+"/")
			if imp == module {
				own, isOwn = "", true
			}
			if isOwn && !slices.Contains(allowed, own) {
				t.Errorf("%s imports %s, which the import policy does not allow", module+"/"+name, imp)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name := range policy {
		if !seen[name] {
			t.Errorf("the import policy names %q, which is no package of the module", name)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module root is not at %s: %v", root, err)
	}
}
