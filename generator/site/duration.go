package site

import (
	"fmt"
	"strconv"
	"strings"
)

// Duration is a length of time written the way a continuity plan states it:
// a whole number and a unit, "30m", "4h", "2d" or "1w". It is kept in
// minutes.
type Duration struct{ Minutes int }

var durationUnits = []struct {
	suffix  string
	minutes int
	word    string
}{
	{"w", 7 * 24 * 60, "week"},
	{"d", 24 * 60, "day"},
	{"h", 60, "hour"},
	{"m", 1, "minute"},
}

// MaxDurationCount is the largest number a duration may count of its
// unit: "9999w" is already longer than anything a plan measures.
const MaxDurationCount = 9999

// UnmarshalText reads "30m", "4h", "2d" or "1w".
func (d *Duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	for _, u := range durationUnits {
		num, ok := strings.CutSuffix(s, u.suffix)
		if !ok {
			continue
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || n > MaxDurationCount {
			break
		}
		d.Minutes = n * u.minutes
		return nil
	}
	return fmt.Errorf("%q is not a duration", s)
}

// String writes d in the largest whole unit, in words: "4 hours",
// "1 day", "0 minutes".
func (d Duration) String() string {
	for _, u := range durationUnits {
		if d.Minutes >= u.minutes && d.Minutes%u.minutes == 0 {
			n := d.Minutes / u.minutes
			if n == 1 {
				return "1 " + u.word
			}
			return strconv.Itoa(n) + " " + u.word + "s"
		}
	}
	return "0 minutes"
}

func (d Duration) IsZero() bool { return d.Minutes == 0 }

// MarshalText writes d as it is written in TOML, in the largest whole
// unit: "4h", "2d", "30m".
func (d Duration) MarshalText() ([]byte, error) {
	for _, u := range durationUnits {
		if d.Minutes >= u.minutes && d.Minutes%u.minutes == 0 {
			return []byte(strconv.Itoa(d.Minutes/u.minutes) + u.suffix), nil
		}
	}
	return []byte("0m"), nil
}
