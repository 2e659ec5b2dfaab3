package site

import "testing"

func TestParseTime(t *testing.T) {
	for _, s := range []string{"2026-01-09T10:14", "2026-01-09 10:14", "2026-01-09T10:14:59", "2026-01-09 10:14:00"} {
		got, err := ParseTime(s)
		if err != nil || got.String() != "2026-01-09 10:14" {
			t.Errorf("ParseTime(%q) = %v, %v; want 2026-01-09 10:14", s, got, err)
		}
	}
	for _, s := range []string{"2026-01-09", "10:14", "2026-01-09T25:00", "9 January 2026 10:14", ""} {
		if _, err := ParseTime(s); err == nil {
			t.Errorf("ParseTime(%q) succeeded", s)
		}
	}
}

// TestDeadlineAcrossClockChange checks that 72 hours are real hours: summer
// time ends at 02:00 on 25 October 2026, so 72 hours after 10:00 on the
// 24th end at 09:00 on the clock on the 27th.
func TestDeadlineAcrossClockChange(t *testing.T) {
	aware, _ := ParseTime("2026-10-24 10:00")
	if got := aware.AddHours(72).String(); got != "2026-10-27 09:00" {
		t.Errorf("72 hours after %s: %s, want 2026-10-27 09:00", aware, got)
	}
	spring, _ := ParseTime("2026-03-28 10:00") // summer time starts on the 29th
	if got := spring.AddHours(72).String(); got != "2026-03-31 11:00" {
		t.Errorf("72 hours after %s: %s, want 2026-03-31 11:00", spring, got)
	}
	end := aware.AddHours(72)
	if h := aware.HoursUntil(end); h != 72 {
		t.Errorf("HoursUntil = %d, want 72", h)
	}
	if plain, _ := ParseTime("2026-06-01 10:00"); plain.AddHours(72).String() != "2026-06-04 10:00" {
		t.Errorf("72 hours in June moved the clock")
	}
}
