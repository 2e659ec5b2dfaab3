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
		if text, _ := d.MarshalText(); tt.ok {
			var back Duration
			if err := back.UnmarshalText(text); err != nil || back != d {
				t.Errorf("%q writes as %q, which reads back as %v (%v)", tt.in, text, back, err)
			}
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
	s := NewSource("f.toml", []KeyPos{
		{Path: "steps.1", Value: Spot{9, 3}},
		{Path: "steps", Value: Spot{5, 3}, Key: Spot{5, 1}},
	})
	for path, want := range map[string]string{
		"steps.1.lead": "f.toml:9:3",
		"steps.4":      "f.toml:5:3",
		"owner":        "f.toml:1:1",
	} {
		if got := s.At(path).String(); got != want {
			t.Errorf("At(%q) = %s, want %s", path, got, want)
		}
	}
	if got := s.KeyAt("steps").String(); got != "f.toml:5:1" {
		t.Errorf("KeyAt(steps) = %s, want the key's own position f.toml:5:1", got)
	}
	if got := s.KeyAt("steps.1").String(); got != "f.toml:9:3" {
		t.Errorf("KeyAt(steps.1) = %s, want its value's position f.toml:9:3", got)
	}
}

func TestDueOn(t *testing.T) {
	today := NewDate(2026, 11, 21)
	for _, tt := range []struct {
		due  Date
		want DueState
		text string
	}{
		{Date{}, NoDate, "No date set"},
		{today.AddDays(-1), Overdue, "Overdue"},
		{today, DueSoon, "Due soon"},
		{today.AddDays(60), DueSoon, "Due soon"},
		{today.AddDays(61), InDate, "In date"},
	} {
		got := DueOn(tt.due, today, 60)
		if got != tt.want || got.String() != tt.text {
			t.Errorf("DueOn(%s) = %v %q, want %v %q", tt.due, got, got, tt.want, tt.text)
		}
	}
}

func TestPlanReviewDue(t *testing.T) {
	reviewed := NewDate(2026, 4, 14)
	for _, tt := range []struct {
		next, want Date
	}{
		{Date{}, NewDate(2027, 4, 14)},
		{NewDate(2027, 1, 1), NewDate(2027, 1, 1)},
		{NewDate(2027, 9, 1), NewDate(2027, 4, 14)},
	} {
		cp := ContinuityPlan{Reviewed: reviewed, NextReview: tt.next}
		if got := cp.ReviewDue(12); !got.Equal(tt.want) {
			t.Errorf("next_review %s: ReviewDue = %s, want %s", tt.next, got, tt.want)
		}
	}
}

func TestHours(t *testing.T) {
	for _, tt := range []struct {
		in, out string
		ordered bool
		core    bool // covers CoreHours
	}{
		{"08:00-18:30", "08:00 to 18:30 on weekdays", true, true},
		{"07:00-20:00", "07:00 to 20:00 on weekdays", true, true},
		{"24h", "24 hours a day", true, true},
		{"00:00-23:59", "00:00 to 23:59 on weekdays", true, true},
		{"08:00-16:00", "08:00 to 16:00 on weekdays", true, false},
		{"08:01-18:30", "08:01 to 18:30 on weekdays", true, false},
		{"09:00-09:00", "09:00 to 09:00 on weekdays", false, false},
		{"18:30-08:00", "18:30 to 08:00 on weekdays", false, false},
	} {
		h, err := ParseHours(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if h.String() != tt.out || h.Ordered() != tt.ordered || h.Covers(CoreHours) != tt.core || h.IsZero() {
			t.Errorf("%q reads as %q, ordered %v, covers core hours %v, zero %v; want %q, %v, %v, false",
				tt.in, h, h.Ordered(), h.Covers(CoreHours), h.IsZero(), tt.out, tt.ordered, tt.core)
		}
		if text, _ := h.MarshalText(); string(text) != tt.in {
			t.Errorf("%q writes as %q", tt.in, text)
		}
	}
	for _, bad := range []string{"", "8:00-18:30", "08:00-24:00", "24:00-08:00", "08:00 to 18:30", "+8:00-18:30", "08:00-18:3x", "24 hours"} {
		var h Hours
		if err := h.UnmarshalText([]byte(bad)); err == nil || !h.IsZero() {
			t.Errorf("%q reads as %v (err %v), want an error and no hours", bad, h, err)
		}
	}
	var none Hours
	if !none.IsZero() || none.String() != "" {
		t.Errorf("the zero Hours is %q, zero %v", none, none.IsZero())
	}
}
