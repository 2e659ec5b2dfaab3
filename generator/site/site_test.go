package site

import (
	"path"
	"testing"
)

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

func TestInvalidUTF8(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"", -1}, {"plain", -1}, {"£5 \ufffd", -1}, // U+FFFD written out is valid
		{"\xa35", 0},        // a £ sign in Windows-1252
		{"caf\xe9\n", 3},    // é in Latin-1
		{"£\xa3", 2},        // after a valid two-byte character
		{"ok\n\xe2\x82", 3}, // cut short at the end
	} {
		if got := InvalidUTF8([]byte(tt.in)); got != tt.want {
			t.Errorf("InvalidUTF8(%q) = %d, want %d", tt.in, got, tt.want)
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

// TestRunbookTests checks which exercises and incidents count as tests of
// a runbook, the latest of them, and a service's tests: those of its
// runbooks, each once, in the practice's order.
func TestRunbookTests(t *testing.T) {
	today := NewDate(2026, 11, 21)
	aware := func(d Date) Time {
		at, err := ParseTime(d.String() + "T10:30")
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	drill := &Exercise{Title: "Drill", Type: "drill", Date: NewDate(2026, 3, 1)}
	tabletop := &Exercise{Title: "Tabletop", Type: "tabletop", Date: today}
	planned := &Exercise{Title: "Planned", Type: "drill", Date: today.AddDays(1)}
	bare := &Exercise{Title: "Incident exercise", Type: "incident", Date: NewDate(2026, 10, 1)}
	outage := &Incident{Title: "Outage", Aware: aware(NewDate(2026, 6, 1)),
		Lessons: []string{"l"}, Actions: []Action{{Action: "a"}}}
	noLessons := &Incident{Title: "No lessons", Aware: aware(NewDate(2026, 10, 2)), Actions: []Action{{Action: "a"}}}
	noActions := &Incident{Title: "No actions", Aware: aware(NewDate(2026, 10, 3)), Lessons: []string{"l"}}
	later := &Incident{Title: "Later", Aware: aware(today.AddDays(1)),
		Lessons: []string{"l"}, Actions: []Action{{Action: "a"}}}

	a := &Runbook{Exercises: []*Exercise{tabletop, drill, planned, bare}, Incidents: []*Incident{outage, noLessons, noActions, later}}
	b := &Runbook{Exercises: []*Exercise{drill}, Incidents: []*Incident{outage}}
	titles := func(tests []Test) string {
		var s string
		for _, t := range tests {
			s += t.Title + ";"
		}
		return s
	}
	if got, want := titles(a.Tests(today)), "Tabletop;Drill;Outage;"; got != want {
		t.Errorf("Tests = %s, want %s", got, want)
	}
	if last, ok := a.LastTest(today); !ok || last.Exercise != tabletop {
		t.Errorf("LastTest = %+v, %v, want the tabletop held today", last, ok)
	}
	if last, ok := a.LastTest(today.AddDays(-1)); !ok || last.Incident != outage {
		t.Errorf("LastTest the day before = %+v, %v, want the outage", last, ok)
	}
	if _, ok := (&Runbook{Exercises: []*Exercise{planned, bare}, Incidents: []*Incident{noLessons, later}}).LastTest(today); ok {
		t.Errorf("a runbook with no test that counts has a LastTest")
	}
	p := &Practice{Exercises: []*Exercise{tabletop, drill, planned, bare}, Incidents: []*Incident{noLessons, outage, noActions, later}}
	s := &Service{Practice: p, Runbooks: []*Runbook{b, a}}
	if got, want := titles(s.Tests(today)), "Tabletop;Drill;Outage;"; got != want {
		t.Errorf("service Tests = %s, want %s", got, want)
	}
	if got := (&Service{}).Tests(today); len(got) != 0 {
		t.Errorf("a service without runbooks has tests %v", got)
	}
}

func TestEnumIndex(t *testing.T) {
	for _, tt := range []struct {
		v    string
		want int
	}{{"critical", 0}, {"low", 3}, {"Critical", -1}, {"", -1}} {
		if got := Criticalities.Index(tt.v); got != tt.want {
			t.Errorf("Criticalities.Index(%q) = %d, want %d", tt.v, got, tt.want)
		}
		if got := Criticalities.Has(tt.v); got != (tt.want >= 0) {
			t.Errorf("Criticalities.Has(%q) = %v", tt.v, got)
		}
	}
}

func TestSchemaHeader(t *testing.T) {
	for file, want := range map[string]string{
		"handbook.toml":                         "schemas/handbook.schema.json",
		"content/organisations/emis.toml":       "../../schemas/organisation.schema.json",
		"content/oakfield/practice.toml":        "../../schemas/practice.schema.json",
		"content/oakfield/services/docman.toml": "../../../schemas/service.schema.json",
	} {
		kind := map[string]string{"handbook.toml": "handbook", "emis.toml": "organisation", "practice.toml": "practice", "docman.toml": "service"}[path.Base(file)]
		if got := SchemaHeader(file, kind); got != want {
			t.Errorf("SchemaHeader(%q, %q) = %q, want %q", file, kind, got, want)
		}
	}
}
