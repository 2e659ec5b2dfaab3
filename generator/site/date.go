package site

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time of day or zone, as written in TOML
// (2026-03-31). The zero Date means "not recorded".
type Date struct{ t time.Time }

// MinYear and MaxYear bound the years of the dates a record may hold.
const (
	MinYear = 1900
	MaxYear = 2199
)

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// ParseDate reads a date written 2006-01-02.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date written YYYY-MM-DD", s)
	}
	return Date{t}, nil
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Date()) }

func (d Date) IsZero() bool { return d.t.IsZero() }

// MarshalText writes d as it is written in TOML, 2006-01-02 (empty for the
// zero Date).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// String formats d as 2006-01-02, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(time.DateOnly)
}

// AppendFormat appends d to b in the layout of time.Time.Format, as
// written for d's day.
func (d Date) AppendFormat(b []byte, layout string) []byte { return d.t.AppendFormat(b, layout) }

// Human formats d for people: "3 March 2026".
func (d Date) Human() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2 January 2006")
}

func (d Date) Before(o Date) bool { return d.t.Before(o.t) }
func (d Date) After(o Date) bool  { return d.t.After(o.t) }
func (d Date) Equal(o Date) bool  { return d.t.Equal(o.t) }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int { return d.t.Compare(o.t) }

// AddMonths returns d moved by n calendar months (31 January + 1 month is
// 3 March, as in time.AddDate).
func (d Date) AddMonths(n int) Date { return Date{d.t.AddDate(0, n, 0)} }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// DaysUntil returns the number of days from d to o, negative when o is
// earlier.
func (d Date) DaysUntil(o Date) int { return int(o.t.Sub(d.t).Hours() / 24) }

// Year returns the year of d.
func (d Date) Year() int { return d.t.Year() }

// Month returns the month of d, 1 to 12.
func (d Date) Month() int { return int(d.t.Month()) }
