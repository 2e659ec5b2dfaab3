package pipeline

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/handbook-nhs/handbook/generator/govern"
	"github.com/handbook-nhs/handbook/generator/render"
	"github.com/handbook-nhs/handbook/generator/site"
)

// TestExampleFindings builds the example handbook and checks its
// governance findings: every rule fires at least once, so the example
// shows each; no finding asks a leaver to act; every finding points at a
// line of a content file; the run counts the findings it puts; and each
// practice's findings page lists every finding of that practice with its
// position.
func TestExampleFindings(t *testing.T) {
	b := example(t)
	fired := map[string]int{}
	for _, f := range b.findings {
		fired[f.Rule]++
		if _, ok := f.Subject.(*site.Service); ok && f.Heading == "" {
			t.Errorf("%s: %s is about a service but falls under none of the register's headings: give the rule its Heading", f.Pos, f.Rule)
		}
		if f.Owner != nil && f.Owner.IsLeaver() {
			t.Errorf("%s: %s asks %s to act, who has left", f.Pos, f.Rule, f.Owner.Name)
		}
		data, err := os.ReadFile(filepath.Join(exampleSite, filepath.FromSlash(f.Pos.File)))
		if err != nil {
			t.Errorf("%s: %s: %v", f.Pos, f.Rule, err)
			continue
		}
		if lines := bytes.Count(data, []byte("\n")) + 1; f.Pos.Line < 1 || f.Pos.Line > lines || f.Pos.Col < 1 {
			t.Errorf("%s: %s: position outside the file (%d lines)", f.Pos, f.Rule, lines)
		}
	}
	for _, r := range govern.Rules {
		if fired[r.ID] == 0 {
			t.Errorf("rule %s never fires on the example: plant a plausible case in content/", r.ID)
		}
	}
	if want := site.TallyOf(b.findings); b.Result.Findings != want {
		t.Errorf("the run counted %v findings by severity, and put %v", b.Result.Findings, want)
	}
	for _, p := range b.practices(t) {
		page, ok := b.file(p.FindingsURL())
		if !ok {
			t.Fatalf("no %s", p.FindingsURL())
		}
		own := 0
		for _, f := range p.Findings {
			if f.Practice != nil {
				own++
			}
			if !bytes.Contains(page, []byte(html.EscapeString(f.Pos.String()))) {
				t.Errorf("%s does not list %s at %s", p.FindingsURL(), f.Rule, f.Pos)
			}
		}
		for _, f := range b.findings {
			if f.Practice != nil && f.Practice.ID == p.ID {
				own--
			}
		}
		if own != 0 {
			t.Errorf("%s lists %d findings of the practice it should not, or misses some", p.ID, own)
		}
		home, _ := b.file(p.URL())
		if !bytes.Contains(home, []byte(`href="findings.html"`)) {
			t.Errorf("%s does not link to the findings page", p.URL())
		}
	}
}

// TestDSPTRules checks that every governance rule the DSPT evidence page
// counts gaps by is a rule of govern.Rules, so that a rule renamed in
// govern does not leave an item of the page quietly without its gaps.
func TestDSPTRules(t *testing.T) {
	ids := render.DSPTRules()
	if len(ids) == 0 {
		t.Fatal("the DSPT evidence page counts gaps by no rule")
	}
	for _, id := range ids {
		if !slices.ContainsFunc(govern.Rules, func(r govern.Rule) bool { return r.ID == id }) {
			t.Errorf("the DSPT evidence page counts gaps by %q, which is not a rule of govern.Rules", id)
		}
	}
}
