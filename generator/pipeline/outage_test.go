package pipeline

import (
	"bytes"
	"html"
	"os"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/synth"
)

// TestOutagePages checks the pages for when an organisation is down, in
// the example and in a synthetic site of five practices: the national
// service desk's lists every practice; a network supplier's lists, for
// each practice it connects, its network service and every service that
// depends on it at any depth, and the runbooks for the network.
func TestOutagePages(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 5, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		b       *built
		network string
	}{
		{"example", example(t), "redcentric"},
		{"synthetic", mustBuild(t, os.DirFS(dir), Options{Today: goldenToday}), "redcentric"},
	} {
		t.Run(c.name, func(t *testing.T) {
			practices := c.b.practices(t)
			page := func(id string) []byte {
				t.Helper()
				o := &site.Organisation{ID: id}
				data, ok := c.b.file(o.OutageURL())
				if !ok {
					t.Fatalf("no %s", o.OutageURL())
				}
				return data
			}
			national := page("nhse-national-service-desk")
			for _, pr := range practices {
				if !bytes.Contains(national, []byte(`href="../../`+pr.URL()+`"`)) {
					t.Errorf("the national service desk's outage page does not list %s", pr.Name)
				}
			}
			network := page(c.network)
			connected := 0
			for _, pr := range practices {
				down := map[string]bool{}
				for _, s := range pr.Services {
					if s.Lifecycle != "retired" && (s.Support.Supplier == c.network || s.Support.Desk == c.network) {
						down[s.ID] = true
					}
				}
				if len(down) == 0 {
					continue
				}
				connected++
				for more := true; more; {
					more = false
					for _, s := range pr.Services {
						for _, d := range s.Depends {
							if down[d.ID] && !down[s.ID] && s.Lifecycle != "retired" {
								down[s.ID], more = true, true
							}
						}
					}
				}
				for _, s := range pr.Services {
					if down[s.ID] && !bytes.Contains(network, []byte(html.EscapeString(s.Name))) {
						t.Errorf("%s's outage page does not list %s of %s, which stops with it", c.network, s.Name, pr.Name)
					}
					if !down[s.ID] {
						continue
					}
					for _, rb := range s.Runbooks {
						if (s.Support.Supplier == c.network || s.Support.Desk == c.network) && !bytes.Contains(network, []byte(`href="../../`+rb.URL()+`"`)) {
							t.Errorf("%s's outage page does not lead to %s's runbook %s", c.network, pr.Name, rb.Title)
						}
					}
				}
			}
			if connected == 0 {
				t.Fatalf("no practice of the %s site uses %s: the test proves nothing", c.name, c.network)
			}
		})
	}
}
