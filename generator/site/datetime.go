package site

import (
	"fmt"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Europe/London wherever handbook runs, Windows included
)

// Time is a local date and time of day, to the minute, as written in TOML
// (2026-01-09T10:14:00, or in quotes "2026-01-09 10:14"): when something
// happened at the practice, in the practice's own time. The zero Time
// means "not recorded".
type Time struct{ t time.Time }

// timeLayouts are the ways a Time may be written, seconds optional.
var timeLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04"}

// ParseTime reads a time written 2006-01-02T15:04 or 2006-01-02 15:04,
// with or without seconds (which are dropped).
func ParseTime(s string) (Time, error) {
	norm := strings.Replace(s, " ", "T", 1)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, norm); err == nil {
			return TimeOf(t), nil
		}
	}
	return Time{}, fmt.Errorf("%q is not a date and time written YYYY-MM-DD HH:MM", s)
}

// TimeOf returns the date and time of day of t, to the minute, as its
// clock reads in t's own location.
func TimeOf(t time.Time) Time {
	y, m, d := t.Date()
	return Time{time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, time.UTC)}
}

func (t Time) IsZero() bool { return t.t.IsZero() }

// String formats t as 2006-01-02 15:04, or "" for the zero Time.
func (t Time) String() string {
	if t.IsZero() {
		return ""
	}
	return t.t.Format("2006-01-02 15:04")
}

// MarshalText writes t as String does.
func (t Time) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Human formats t for people: "9 January 2026, 10:14".
func (t Time) Human() string {
	if t.IsZero() {
		return ""
	}
	return t.t.Format("2 January 2006, 15:04")
}

// Date is the calendar day of t.
func (t Time) Date() Date {
	if t.IsZero() {
		return Date{}
	}
	return DateOf(t.t)
}

// london is the practices' time zone: deadlines in hours are counted in
// real hours, so 72 hours across the change to or from summer time end an
// hour earlier or later on the clock.
var london = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("site: no time zone Europe/London: " + err.Error()) // embedded by time/tzdata
	}
	return loc
})

// inLondon is t as an instant, read as a clock in London.
func (t Time) inLondon() time.Time {
	y, m, d := t.t.Date()
	return time.Date(y, m, d, t.t.Hour(), t.t.Minute(), 0, 0, london())
}

// AddHours returns t moved by n real hours, as a clock in London reads
// then.
func (t Time) AddHours(n int) Time {
	return TimeOf(t.inLondon().Add(time.Duration(n) * time.Hour).In(london()))
}

func (t Time) Before(o Time) bool { return t.t.Before(o.t) }
func (t Time) After(o Time) bool  { return t.t.After(o.t) }

// HoursUntil returns the whole real hours from t to o, as London clocks
// read them, negative when o is earlier.
func (t Time) HoursUntil(o Time) int { return int(o.inLondon().Sub(t.inLondon()) / time.Hour) }
