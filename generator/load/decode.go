package load

import (
	"encoding"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unique"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/validate"
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
}

var (
	dateType    = reflect.TypeFor[site.Date]()
	textUnmarsh = reflect.TypeFor[encoding.TextUnmarshaler]()
)

func (d *decoder) mismatch(path string, v any, t reflect.Type) {
	d.mismatches = append(d.mismatches, fmt.Sprintf("%s: %T into %s", site.KeyName(path), v, t))
}

// table fills the struct rv from m.
func (d *decoder) table(path string, m map[string]any, rv reflect.Value) {
	t := rv.Type()
	known := 0
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if key == "" || key == "-" {
			continue
		}
		if v, ok := m[key]; ok {
			known++
			d.value(join(path, key), v, rv.Field(i))
		}
	}
	if known != len(m) {
		d.mismatch(path, m, t)
	}
}

// value fills rv from v.
func (d *decoder) value(path string, v any, rv reflect.Value) {
	t := rv.Type()
	switch {
	case t == dateType:
		d.date(path, v, rv)
		return
	case reflect.PointerTo(t).Implements(textUnmarsh):
		s, ok := v.(string)
		if !ok {
			d.mismatch(path, v, t)
			return
		}
		// The schema checks the form; this catches what a pattern cannot,
		// such as a number too large to hold.
		err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s))
		if err != nil && !d.reported[path] {
			d.errs.Add(d.src.At(path), `write a whole number and a unit: "30m", "4h", "2d" or "1w"`,
				"%s: %v", site.KeyName(path), err)
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		// The schema sees a TOML date or time, or nan, as its text (as
		// editors do), so text it is.
		if s, ok := validate.Normalize(v).(string); ok {
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
			d.table(path, m, rv)
			return
		}
	case reflect.Slice:
		d.list(path, v, rv)
		return
	case reflect.Pointer: // an optional value, nil when left out
		p := reflect.New(t.Elem())
		d.value(path, v, p.Elem())
		rv.Set(p)
		return
	default:
		panic(fmt.Sprintf("load: no decoding for %s at %s", t, path))
	}
	d.mismatch(path, v, t)
}

// keep returns a copy of s to keep in a record. The decoded strings share
// the memory of the whole file's text, which a record would otherwise keep
// alive, comments and keys included. Short values (choices, names of
// suppliers, phone numbers) repeat across a site's records and are
// interned: held once however many records use them.
func keep(s string) string {
	if len(s) <= 64 {
		return unique.Make(s).Value()
	}
	return strings.Clone(s)
}

func (d *decoder) list(path string, v any, rv reflect.Value) {
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
		d.mismatch(path, v, rv.Type())
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
		d.value(join(path, strconv.Itoa(i)), item, ev)
	}
	rv.Set(out)
}

// date accepts a TOML local date, 2026-03-31, or the same date in quotes:
// editors treat the two alike, so the build does too.
func (d *decoder) date(path string, v any, rv reflect.Value) {
	switch v := v.(type) {
	case time.Time:
		rv.Set(reflect.ValueOf(site.DateOf(v)))
		return
	case string:
		if day, err := site.ParseDate(v); err == nil {
			rv.Set(reflect.ValueOf(day))
			return
		}
	}
	d.mismatch(path, v, dateType)
}
