package webtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
	"testing"
)

// axeFile is axe-core's browser build, installed by npm from this
// folder's package-lock.json (the version is pinned there).
const axeFile = "node_modules/axe-core/axe.min.js"

// axeInstall is the command that installs it, from the repository root.
const axeInstall = "npm ci --prefix generator/webtest"

// axeTags are the rules axe runs: WCAG 2.0, 2.1 and 2.2 at levels A and AA,
// and axe's best practices.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

var axeSource = sync.OnceValues(func() (string, error) {
	data, err := os.ReadFile(axeFile)
	return string(data), err
})

// axe returns the source of axe-core. When it is not installed, it skips
// the test with the command that installs it, or fails it when $CI is set.
func axe(t *testing.T) string {
	t.Helper()
	src, err := axeSource()
	switch {
	case err == nil:
		return src
	case !errors.Is(err, fs.ErrNotExist):
		t.Fatal(err)
	case os.Getenv("CI") == "":
		t.Skipf("skipping: axe-core is not installed (%s); install it with: %s", axeFile, axeInstall)
	}
	t.Fatalf("axe-core is not installed (%s), and $CI is set\nhint: %s", axeFile, axeInstall)
	return ""
}

// violation is one axe rule that a page breaks, with every element that
// breaks it.
type violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	URL    string `json:"helpUrl"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

func (v violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n  %s\n", v.ID, v.Impact, v.Help, v.URL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "  - %s\n    %s\n", n.Target, n.HTML)
		for line := range strings.Lines(n.Summary) {
			fmt.Fprintf(&b, "      %s", line)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// runAxe injects axe-core into the tab's page, unless it is there already,
// and returns every violation of the rules tagged axeTags. Injecting by
// Runtime.evaluate works whatever the page's Content-Security-Policy says.
func runAxe(t *testing.T, tab *Tab, src string) []violation {
	t.Helper()
	if !Eval[bool](t, tab, `typeof window.axe === "object"`) {
		Eval[bool](t, tab, src+"\n;true")
	}
	tags, _ := json.Marshal(axeTags)
	return Eval[[]violation](t, tab, `axe.run(document, {
		runOnly: {type: "tag", values: `+string(tags)+`},
		resultTypes: ["violations"],
	}).then((r) => r.violations.map((v) => ({
		id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
		nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
	})))`)
}

// checkAxe fails the test with every violation axe finds on the tab's
// page, described as seen at the width of the viewport.
func checkAxe(t *testing.T, tab *Tab, src, where string) {
	t.Helper()
	for _, v := range runAxe(t, tab, src) {
		t.Errorf("%s: axe: %s", where, v)
	}
}
