package render

import "testing"

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
