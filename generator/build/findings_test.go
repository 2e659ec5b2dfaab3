package build

import (
	"bytes"
	"context"
	"html"
	"os"
	"path/filepath"
	"testing"

	"github.com/handbook-nhs/handbook/generator/govern"
	"github.com/handbook-nhs/handbook/generator/site"
)

// TestExampleFindings builds the example handbook and checks its
// governance findings: every rule fires at least once, so the example
// shows each; no finding asks a leaver to act; every finding points at a
// line of a content file; Run counts the findings Render finds; and each
// practice's findings page lists every finding of that practice with its
// position.
func TestExampleFindings(t *testing.T) {
	h, files, err := Render(os.DirFS(exampleSite), Options{Today: goldenToday})
	if err != nil {
		t.Fatal(err)
	}
	fired := map[string]int{}
	for _, f := range h.Findings {
		fired[f.Rule]++
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

	dest := filepath.Join(t.TempDir(), "public")
	res, err := Run(context.Background(), Options{Source: exampleSite, Destination: dest, Today: goldenToday})
	if err != nil {
		t.Fatalf("build example:\n%v", err)
	}
	if want := site.TallyOf(h.Findings); res.Findings != want {
		t.Errorf("Run counted %v findings by severity, Render found %v", res.Findings, want)
	}
	pages := map[string][]byte{}
	for _, f := range files {
		pages[f.Path] = f.Data
	}
	for _, p := range h.Practices {
		page := pages[p.FindingsURL()]
		if page == nil {
			t.Fatalf("no %s", p.FindingsURL())
		}
		own := 0
		for _, f := range p.Findings {
			if f.Practice == p {
				own++
			}
			if !bytes.Contains(page, []byte(html.EscapeString(f.Pos.String()))) {
				t.Errorf("%s does not list %s at %s", p.FindingsURL(), f.Rule, f.Pos)
			}
		}
		for _, f := range h.Findings {
			if f.Practice == p {
				own--
			}
		}
		if own != 0 {
			t.Errorf("%s lists %d findings of the practice it should not, or misses some", p.ID, own)
		}
		if !bytes.Contains(pages[p.URL()], []byte(`href="findings.html"`)) {
			t.Errorf("%s does not link to the findings page", p.URL())
		}
	}
}
