package pipeline

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestNumbersRingAndHeadingsSayItOnce checks the example handbook: every
// telephone number on a runbook or contacts page is a tel: link, and no
// page title is read out twice ("Phones down Phones down").
func TestNumbersRingAndHeadingsSayItOnce(t *testing.T) {
	b := example(t)
	plainNumber := regexp.MustCompile(`<span class="phone">[^<]*[0-9]{3}`)
	doubled := regexp.MustCompile(`<h1><span class="caption">([^<]+)</span> ([^<]+)</h1>`)
	tel := 0
	for _, f := range b.files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		page := string(f.Data)
		if m := plainNumber.FindString(page); m != "" {
			t.Errorf("%s shows a number that does not ring: %s", f.Path, m)
		}
		if m := doubled.FindStringSubmatch(page); m != nil && strings.EqualFold(m[1], m[2]) {
			t.Errorf("%s says its title twice: %s", f.Path, m[0])
		}
		tel += strings.Count(page, `href="tel:`)
	}
	if tel < 100 {
		t.Errorf("%d tel: links in the example; its runbooks alone have more numbers", tel)
	}
}

// TestHomePutsOwnRunbooksFirst checks that under each service on a
// practice's home page, its first runbook is one for that service
// failing, when it has one, never one for the whole building or a cyber
// incident ahead of it.
func TestHomePutsOwnRunbooksFirst(t *testing.T) {
	b := example(t)
	item := regexp.MustCompile(`(?s)<h2 class="problem">(.*?)</h2>\s*<ul class="runbook-links"><li><a href="[^"]*">([^<]*)</a>`)
	for _, pr := range b.practices(t) {
		home, _ := b.file(pr.URL())
		titles := map[string]string{} // runbook title: its scenario
		for _, rb := range pr.Runbooks {
			titles[rb.Title] = rb.Scenario
		}
		n := 0
		for _, m := range item.FindAllStringSubmatch(string(home), -1) {
			n++
			first := m[2]
			for _, s := range pr.Services {
				if !strings.HasPrefix(m[1], s.PlainName+" ") {
					continue
				}
				for _, rb := range s.Runbooks {
					own := rb.ServiceRefs[0] == s && rb.Scenario == "system-down"
					if own && titles[first] != "system-down" {
						t.Errorf("%s: %s lists %q first, not its own runbook %q", pr.ID, s.Name, first, rb.Title)
					}
				}
			}
		}
		if n < 5 {
			t.Errorf("%s: %d services on the home page", pr.ID, n)
		}
	}
}

// TestPackServicesByPriority checks the pack's "Services by priority":
// most critical first, then the shortest tolerable downtime, and each
// service's cards in card order.
func TestPackServicesByPriority(t *testing.T) {
	b := example(t)
	row := regexp.MustCompile(`(?s)<tr><td><strong>([^<]*)</strong><br>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td><td>[^<]*</td><td>.*?</td><td>([^<]*)</td></tr>`)
	rank := map[string]int{"Critical": 0, "High": 1, "Medium": 2, "Low": 3}
	for _, pr := range b.practices(t) {
		pack, _ := b.file(pr.ContinuityPackURL())
		start := strings.Index(string(pack), "Services by priority</h2>")
		end := strings.Index(string(pack)[start:], "</table>")
		rows := row.FindAllStringSubmatch(string(pack)[start:start+end], -1)
		if len(rows) < 10 {
			t.Fatalf("%s: %d services by priority", pr.ID, len(rows))
		}
		for i, r := range rows {
			var cards []int
			for _, c := range regexp.MustCompile(`Card (\d+)`).FindAllStringSubmatch(r[4], -1) {
				n := 0
				fmt.Sscan(c[1], &n)
				cards = append(cards, n)
			}
			if !slices.IsSorted(cards) {
				t.Errorf("%s: %s lists cards %v, not in order", pr.ID, r[1], cards)
			}
			if i > 0 && rank[r[2]] < rank[rows[i-1][2]] {
				t.Errorf("%s: %s (%s) after %s (%s)", pr.ID, r[1], r[2], rows[i-1][1], rows[i-1][2])
			}
		}
	}
}

// TestLeaverPageSaysWhatToHandOver checks that a leaver's own page lists
// every finding about what they still hold, each with who is to act.
func TestLeaverPageSaysWhatToHandOver(t *testing.T) {
	b := example(t)
	leavers := map[string]int{} // page: findings about the leaver
	for _, part := range b.parts {
		for _, f := range part.Findings {
			if f.Leaver != nil {
				leavers[f.Leaver.URL()]++
			}
		}
	}
	if len(leavers) == 0 {
		t.Fatal("no finding in the example is about a leaver")
	}
	for page, want := range leavers {
		data, _ := b.file(page)
		i := strings.Index(string(data), "What still needs handing over")
		if i < 0 {
			t.Errorf("%s: no handover section", page)
			continue
		}
		section := string(data)[i:]
		section = section[:strings.Index(section, "</section>")]
		if got := strings.Count(section, `<li class="finding`); got != want {
			t.Errorf("%s lists %d findings to hand over, want the %d about them", page, got, want)
		}
		if !strings.Contains(section, "For <a") {
			t.Errorf("%s does not say who is to act", page)
		}
	}
}

// TestEmptyListsSayWhatToAdd checks that a practice with no runbooks or
// pages yet gets a sentence saying what to add and where, not an empty
// table.
func TestEmptyListsSayWhatToAdd(t *testing.T) {
	fsys := fixture(t)
	for _, p := range []string{"content/alpha/runbooks/clinical-down.toml", "content/alpha/exercises/tabletop-2026.toml",
		"content/alpha/pages/ig-policy.md"} {
		delete(fsys, p)
	}
	b := mustBuild(t, fsys, Options{Today: goldenToday, NoMinify: true})
	for page, want := range map[string]string{
		"alpha/runbooks/index.html": "content/alpha/runbooks/&lt;id&gt;.toml",
		"alpha/pages/index.html":    "content/alpha/pages/&lt;id&gt;.md",
	} {
		data, _ := b.file(page)
		if !strings.Contains(string(data), want) || strings.Contains(string(data), "<table") {
			t.Errorf("%s: no sentence naming %s, or an empty table", page, want)
		}
	}
}

// TestAZHasEverydayWords checks that a practice's A to Z, where the
// search box leads without JavaScript, lists the runbooks under the words
// people use for what has failed.
func TestAZHasEverydayWords(t *testing.T) {
	b := example(t)
	az, _ := b.file("riverside/a-z.html")
	for word, runbook := range map[string]string{"Internet": "hscn-down", "Email": "nhsmail-down",
		"Computers": "emis-web-down", "Clinical system": "emis-web-down", "Texts": "patient-messaging-failed", "Ransomware": "cyber-incident"} {
		re := regexp.MustCompile(`<a href="runbooks/` + runbook + `\.html">` + word + `: see `)
		if !re.Match(az) {
			t.Errorf("the A to Z has no %q leading to %s", word, runbook)
		}
	}
}

// TestEverydayNames checks that the words a practice gives a runbook or a
// service (everyday_names) find it in the search index and the A to Z.
func TestEverydayNames(t *testing.T) {
	fsys := fixture(t)
	edit(t, fsys, "content/alpha/runbooks/clinical-down.toml", `title = "Patient records are down"`,
		"title = \"Patient records are down\"\neveryday_names = [\"the big blue screen\"]")
	edit(t, fsys, "content/alpha/services/network.toml", `name = "Network"`, "name = \"Network\"\neveryday_names = [\"the pipes\"]")
	b := mustBuild(t, fsys, Options{Today: goldenToday, NoMinify: true})
	index, _ := b.file("alpha/search-index.js")
	for _, w := range []string{"the big blue screen", "the pipes"} {
		if !strings.Contains(string(index), w) {
			t.Errorf("the search index does not know %q", w)
		}
	}
	az, _ := b.file("alpha/a-z.html")
	if !strings.Contains(string(az), `<a href="runbooks/clinical-down.html">The big blue screen: see Patient records are down</a>`) {
		t.Error("the A to Z does not list the runbook under its everyday name")
	}
}
