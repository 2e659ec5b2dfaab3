package generator_test

import (
	"go/build"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/handbook-nhs/handbook/"

// allowed lists, for each package of the pipeline, the project packages it
// may import. The stages (load, link, govern, render, publish) never import
// each other: only build wires them, so each stays a function from data to
// data.
var allowed = map[string][]string{
	"generator/site":     {},
	"generator/load":     {"generator/site", "generator/validate"},
	"generator/validate": {"generator/site", "schemas"},
	"generator/link":     {"generator/site"},
	"generator/govern":   {"generator/site"},
	"generator/render":   {"generator/site", "generator/export", "generator/par"},
	"generator/export":   {"generator/site"},
	"generator/publish":  {"generator/site", "generator/par"},
	"generator/par":      {},
	"generator/pdf":      {"generator/site"},
	"generator/history":  {},
	"generator/build":    {"generator/site", "generator/load", "generator/link", "generator/govern", "generator/render", "generator/publish", "generator/pdf", "generator/history", "generator/par", "themes"},
	"generator/serve":    {"generator/site", "generator/build"},
	"generator/synth":    {},
	"generator/sitetest": {},
	"generator/cli":      {"generator/site", "generator/build", "generator/publish", "generator/pdf", "generator/serve", "generator/history"},
	// webtest drives a browser over built files; it knows nothing of the
	// pipeline (its tests build the example with build).
	"generator/webtest": {"generator/pdf"},
	// bench runs the handbook command as a child process, to time whole
	// builds; it writes its sites with synth. minimal is the reference it
	// compares with, and knows nothing of handbook.
	"generator/bench":         {"generator/synth"},
	"generator/bench/minimal": {},
}

func TestImportGraph(t *testing.T) {
	for pkg, ok := range allowed {
		p, err := build.Import(module+pkg, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range p.Imports {
			own, isOwn := strings.CutPrefix(imp, module)
			if isOwn && !slices.Contains(ok, own) {
				t.Errorf("%s imports %s, which the pipeline does not allow", pkg, own)
			}
		}
	}
}
