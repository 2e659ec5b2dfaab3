package site

import "testing"

func TestDuration(t *testing.T) {
	for _, tt := range []struct {
		in, out string
		ok      bool
	}{
		{"30m", "30 minutes", true}, {"4h", "4 hours", true}, {"1h", "1 hour", true},
		{"2d", "2 days", true}, {"1w", "1 week", true}, {"90m", "90 minutes", true},
		{"48h", "2 days", true}, {"0m", "0 minutes", true},
		{"4 hours", "", false}, {"h", "", false}, {"-1h", "", false}, {"", "", false}, {"4x", "", false},
	} {
		var d Duration
		err := d.UnmarshalText([]byte(tt.in))
		if (err == nil) != tt.ok {
			t.Errorf("%q: err = %v, want ok = %v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && d.String() != tt.out {
			t.Errorf("%q reads as %q, want %q", tt.in, d.String(), tt.out)
		}
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"kdavies", "jwalker", "drpatel", "owner", "deputy"}
	for _, tt := range []struct{ word, want string }{
		{"kdavis", `did you mean "kdavies"?`},
		{"ownr", `did you mean "owner"?`},
		{"jwalkr", `did you mean "jwalker"?`},
		{"zzzzzz", ""},
		{"kdavies", ""},
	} {
		if got := Suggest(tt.word, cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	d, err := ParseDate("2026-01-31")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Human(); got != "31 January 2026" {
		t.Errorf("Human = %q", got)
	}
	if got := d.AddMonths(12).String(); got != "2027-01-31" {
		t.Errorf("AddMonths(12) = %s", got)
	}
	if n := d.DaysUntil(NewDate(2026, 3, 1)); n != 29 {
		t.Errorf("DaysUntil = %d, want 29", n)
	}
	if _, err := ParseDate("31/01/2026"); err == nil {
		t.Error("31/01/2026 parsed as a date")
	}
}

func TestSourceAtFallsBack(t *testing.T) {
	s := Source{File: "f.toml", Keys: map[string]Pos{
		"steps":   {File: "f.toml", Line: 5, Col: 3},
		"steps.1": {File: "f.toml", Line: 9, Col: 3},
	}}
	for path, want := range map[string]string{
		"steps.1.lead": "f.toml:9:3",
		"steps.4":      "f.toml:5:3",
		"owner":        "f.toml:1:1",
	} {
		if got := s.At(path).String(); got != want {
			t.Errorf("At(%q) = %s, want %s", path, got, want)
		}
	}
}
