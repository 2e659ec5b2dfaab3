package site

import (
	"fmt"
	"strings"
)

// Hours are the hours of a weekday when patients can use a service, as
// open_to_patients writes them: "08:00-18:30", from the start to the end
// on the 24-hour clock, or "24h" for a service that never closes. The
// zero Hours means "not recorded".
//
// Hours read as written: an end not after its start ("18:30-08:00") is
// bad input, which link reports, not a reason to refuse the value.
type Hours struct {
	// Start and End count minutes from midnight: "24h" is 0 to 1440.
	Start, End int
	recorded   bool
}

// dayMinutes is the length of a day in minutes: the End of "24h".
const dayMinutes = 24 * 60

// NewHours returns the hours from start to end, in minutes from
// midnight.
func NewHours(start, end int) Hours { return Hours{Start: start, End: end, recorded: true} }

// CoreHours are the GP contract's core hours on a weekday, 08:00 to
// 18:30, which online consultation must cover since 1 October 2025.
var CoreHours = NewHours(8*60, 18*60+30)

// ParseHours reads "08:00-18:30" or "24h".
func ParseHours(s string) (Hours, error) {
	if s == "24h" {
		return NewHours(0, dayMinutes), nil
	}
	from, to, ok := strings.Cut(s, "-")
	start, ok1 := clockMinutes(from)
	end, ok2 := clockMinutes(to)
	if !ok || !ok1 || !ok2 {
		return Hours{}, fmt.Errorf("%q is not hours written 08:00-18:30, or 24h", s)
	}
	return NewHours(start, end), nil
}

// clockMinutes reads a time of day written HH:MM on the 24-hour clock,
// 00:00 to 23:59, as minutes from midnight.
func clockMinutes(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	if h > 23 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// UnmarshalText reads "08:00-18:30" or "24h", as ParseHours does.
func (h *Hours) UnmarshalText(b []byte) error {
	v, err := ParseHours(string(b))
	if err != nil {
		return err
	}
	*h = v
	return nil
}

// IsZero reports whether no hours are recorded.
func (h Hours) IsZero() bool { return !h.recorded }

// AllDay reports whether h never closes: "24h".
func (h Hours) AllDay() bool { return h.Start == 0 && h.End == dayMinutes }

// Ordered reports whether h ends after it starts, as hours must.
func (h Hours) Ordered() bool { return h.End > h.Start }

// Covers reports whether h is open for the whole of span.
func (h Hours) Covers(span Hours) bool { return h.Start <= span.Start && span.End <= h.End }

// clock writes minutes from midnight as HH:MM.
func clock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// MarshalText writes h as it is written in TOML: "08:00-18:30" or "24h",
// or "" for the zero Hours.
func (h Hours) MarshalText() ([]byte, error) {
	switch {
	case h.IsZero():
		return nil, nil
	case h.AllDay():
		return []byte("24h"), nil
	}
	return []byte(clock(h.Start) + "-" + clock(h.End)), nil
}

// String writes h for people: "08:00 to 18:30 on weekdays", or "24 hours
// a day", or "" for the zero Hours.
func (h Hours) String() string {
	switch {
	case h.IsZero():
		return ""
	case h.AllDay():
		return "24 hours a day"
	}
	return clock(h.Start) + " to " + clock(h.End) + " on weekdays"
}
