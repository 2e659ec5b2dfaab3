package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

func TestSortKey(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë's rota":              "zoe's rota",
		"Élodie Dubois":           "elodie dubois",
		"The Phoenix Partnership": "phoenix partnership",
		"The":                     "the",
		"  Siân Bell ":            "sian bell",
		"Ørsted":                  "ørsted",
	} {
		if got := sortKey(in); got != want {
			t.Errorf("sortKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestAZ checks the A to Z's letters: titles under the letter they start
// with once folded, the rest under Other ("#"), which sorts first.
func TestAZ(t *testing.T) {
	v := azView([]Entry{{Title: "Élodie"}, {Title: "emis"}, {Title: "The Zebra"}, {Title: "111 online"}, {Title: "Accurx"}})
	var got []string
	for _, l := range v.Letters {
		for _, e := range l.Entries {
			got = append(got, l.Letter+":"+e.Title)
		}
	}
	want := []string{"#:111 online", "A:Accurx", "E:Élodie", "E:emis", "Z:The Zebra"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %q, want %q", got, want)
			break
		}
	}
}

// TestSharedEntriesRunbooks checks that the top page's search finds each
// practice's runbooks, saying which practice, on a site of up to
// searchAcrossPractices practices, and only the practices beyond that.
func TestSharedEntriesRunbooks(t *testing.T) {
	for _, n := range []int{1, searchAcrossPractices, searchAcrossPractices + 1} {
		h := &site.Handbook{}
		for i := range n {
			h.Practices = append(h.Practices, &site.Summary{ID: fmt.Sprint("p", i), Name: fmt.Sprint("Practice ", i),
				RunbookWords: []site.RunbookWords{{Title: "Phones down", Path: fmt.Sprintf("p%d/runbooks/phones-down.html", i), Scenario: "telephony-down"}}})
		}
		runbooks := 0
		for _, e := range sharedEntries(h) {
			if e.Kind != kindRunbook {
				continue
			}
			runbooks++
			if !strings.HasPrefix(e.Label(), "Runbook, Practice ") {
				t.Errorf("%d practices: %s is labelled %q", n, e.URL, e.Label())
			}
		}
		want := n
		if n > searchAcrossPractices {
			want = 0
		}
		if runbooks != want {
			t.Errorf("%d practices: the top page's search finds %d runbooks, want %d", n, runbooks, want)
		}
	}
}
