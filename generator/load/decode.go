package load

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
)

// decoder fills a record struct from the map BurntSushi/toml decoded,
// following the toml struct tags described in package site.
//
// The record has already been checked against its schema, which reports
// every wrong type, unknown key, bad choice and missing field in the
// practice manager's words. So the decoder skips a value it cannot use
// rather than report it again, and fills what it can, so that later stages
// still see the record. What it skips is kept in mismatches: on a record
// the schema passed, a mismatch means the schema and the Go model disagree.
type decoder struct {
	src  *site.Source
	errs *site.ErrorList
	// reported holds the key paths the schema found a problem with.
	reported   map[string]bool
	mismatches []string
	// at is the key path of the value being decoded, a step for each
	// table and list entered. It is written out as text ("steps.1.actions")
	// only for a problem to report, which few values have.
	at []step
}

// step is a key, or the number of a list's element when key is "".
type step struct {
	key   string
	index int
}

// path writes out the key path of the value being decoded.
func (d *decoder) path() string {
	var b strings.Builder
	for i, s := range d.at {
		if i > 0 {
			b.WriteByte('.')
		}
		if s.key != "" {
			b.WriteString(s.key)
		} else {
			b.WriteString(strconv.Itoa(s.index))
		}
	}
	return b.String()
}

var (
	dateType    = reflect.TypeFor[site.Date]()
	timeType    = reflect.TypeFor[site.Time]()
	textUnmarsh = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// textHints say how to write the values a type reads with UnmarshalText.
var textHints = map[reflect.Type]string{
	reflect.TypeFor[site.Duration](): `write a whole number and a unit: "30m", "4h", "2d" or "1w"`,
	reflect.TypeFor[site.Hours]():    `write the start and the end on the 24-hour clock, such as "08:00-18:30", or "24h" when it never closes`,
}

func (d *decoder) mismatch(v any, t reflect.Type) {
	d.mismatches = append(d.mismatches, fmt.Sprintf("%s: %T into %s", site.KeyName(d.path()), v, t))
}

// table fills the struct rv from m, the table at path ("" for the whole
// file).
func (d *decoder) table(path string, m map[string]any, rv reflect.Value) {
	d.at = d.at[:0]
	if path != "" {
		d.at = append(d.at, step{key: path})
	}
	d.fields(m, rv)
}

// fields fills the struct rv from m.
func (d *decoder) fields(m map[string]any, rv reflect.Value) {
	known := 0
	for _, f := range site.Fields(rv.Type()) {
		if v, ok := m[f.Key]; ok {
			known++
			d.at = append(d.at, step{key: f.Key})
			d.value(v, rv.Field(f.Index))
			d.at = d.at[:len(d.at)-1]
		}
	}
	if known != len(m) {
		d.mismatch(m, rv.Type())
	}
}

// value fills rv from v.
func (d *decoder) value(v any, rv reflect.Value) {
	t := rv.Type()
	switch {
	case t == dateType:
		d.date(v, rv)
		return
	case t == timeType:
		d.time(v, rv)
		return
	case reflect.PointerTo(t).Implements(textUnmarsh):
		s, ok := v.(string)
		if !ok {
			d.mismatch(v, t)
			return
		}
		// The schema checks the form; this catches what a pattern cannot,
		// such as a number too large to hold.
		err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s))
		if err == nil {
			return
		}
		if path := d.path(); !d.reported[path] {
			d.errs.Add(d.src.At(path), textHints[t], "%s: %v", site.KeyName(path), err)
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		// The schema sees a TOML date or time, or nan, as its text (as
		// editors do), so text it is.
		if s, ok := site.Normalize(v).(string); ok {
			if site.IsPlaceholder(s) {
				d.src.Placeholders = append(d.src.Placeholders, d.path())
			}
			rv.SetString(keep(s))
			return
		}
	case reflect.Int:
		switch n := v.(type) {
		case int64:
			rv.SetInt(n)
			return
		case float64: // JSON Schema counts 3.0 as an integer
			if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
				rv.SetInt(int64(n))
				return
			}
		}
	case reflect.Bool:
		if b, ok := v.(bool); ok {
			rv.SetBool(b)
			return
		}
	case reflect.Struct:
		if m, ok := v.(map[string]any); ok {
			d.fields(m, rv)
			return
		}
	case reflect.Slice:
		d.list(v, rv)
		return
	case reflect.Pointer: // an optional value, nil when left out
		p := reflect.New(t.Elem())
		d.value(v, p.Elem())
		rv.Set(p)
		return
	default:
		panic(fmt.Sprintf("load: no decoding for %s at %s", t, d.path()))
	}
	d.mismatch(v, t)
}

// keep returns a copy of s to keep in a record. The decoded strings share
// the memory of the whole file's text, which a record, or a summary made
// from it, would otherwise keep alive, comments and keys included.
func keep(s string) string { return strings.Clone(s) }

func (d *decoder) list(v any, rv reflect.Value) {
	var items []any
	switch v := v.(type) {
	case []any:
		items = v
	case []map[string]any:
		items = make([]any, len(v))
		for i, m := range v {
			items[i] = m
		}
	default:
		d.mismatch(v, rv.Type())
		return
	}
	t := rv.Type()
	out := reflect.MakeSlice(t, len(items), len(items))
	for i, item := range items {
		ev := out.Index(i)
		if t.Elem().Kind() == reflect.Pointer {
			ev.Set(reflect.New(t.Elem().Elem()))
			ev = ev.Elem()
		}
		d.at = append(d.at, step{index: i})
		d.value(item, ev)
		d.at = d.at[:len(d.at)-1]
	}
	rv.Set(out)
}

// time accepts a TOML local date-time, 2026-01-09T10:14:00, or the same
// in quotes with or without seconds, "2026-01-09 10:14".
func (d *decoder) time(v any, rv reflect.Value) {
	var at site.Time
	var written string
	switch v := v.(type) {
	case time.Time:
		if v.Location().String() == "date-local" {
			return // a date with no time of day, which the schema reports
		}
		at, written = site.TimeOf(v), v.Format("2006-01-02T15:04:05")
	case string:
		var err error
		if at, err = site.ParseTime(v); err != nil {
			d.mismatch(v, timeType)
			return
		}
		written = v
	default:
		d.mismatch(v, timeType)
		return
	}
	// Written as it was: the zero Time, 0001-01-01T00:00, prints as "".
	if !d.inYears(at.Date().Year(), written, "time", "date and time") {
		return
	}
	rv.Set(reflect.ValueOf(at))
}

// date accepts a TOML local date, 2026-03-31, or the same date in quotes:
// editors treat the two alike, so the build does too.
func (d *decoder) date(v any, rv reflect.Value) {
	var day site.Date
	var written string
	switch v := v.(type) {
	case time.Time:
		day, written = site.DateOf(v), v.Format(time.DateOnly)
	case string:
		var err error
		if day, err = site.ParseDate(v); err != nil {
			d.mismatch(v, dateType)
			return
		}
		written = v
	default:
		d.mismatch(v, dateType)
		return
	}
	if !d.inYears(day.Year(), written, "date", "date") {
		return
	}
	rv.Set(reflect.ValueOf(day))
}

// inYears reports whether year, of the date or time (kind) written at the
// key being decoded, is one a record can hold, site.MinYear to
// site.MaxYear; when it is not, it reports that at the key, once, asking
// for the real one (ask: "date", or "date and time"). A year far from now
// is a placeholder, such as 0001-01-01 or 9999-12-31, which would read as
// no date or as never due.
func (d *decoder) inYears(year int, written, kind, ask string) bool {
	if year >= site.MinYear && year <= site.MaxYear {
		return true
	}
	if path := d.path(); !d.reported[path] {
		d.errs.Add(d.src.At(path), "write the real "+ask+", or leave the key out if there is none",
			"%s: %s is not a %s a record can hold (years %d to %d)", site.KeyName(path), written, kind, site.MinYear, site.MaxYear)
	}
	return false
}
