package load

import (
	"encoding"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/pelletier/go-toml/v2/unstable"
)

// decoder fills a record struct from the map BurntSushi/toml decoded,
// following the struct tags described in package site. Unlike decoding
// straight into the struct, it carries on past a mistake, so every wrong
// type, unknown key, bad choice and missing field is reported at once, each
// at the position of its value.
type decoder struct {
	src  *site.Source
	keys map[string]keyInfo
	errs *site.ErrorList
}

var (
	dateType     = reflect.TypeFor[site.Date]()
	textUnmarsh  = reflect.TypeFor[encoding.TextUnmarshaler]()
	looksLikeDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

func (d *decoder) errorf(path, hint, format string, args ...any) {
	d.errs.Add(d.src.At(path), hint, format, args...)
}

// name is how a key path is shown to the reader: the TOML key, with array
// elements counted from 1 as people count them.
func name(path string) string {
	parts := strings.Split(path, ".")
	var b strings.Builder
	for _, p := range parts {
		if n, err := strconv.Atoi(p); err == nil {
			fmt.Fprintf(&b, "[%d]", n+1)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// table fills the struct rv from m.
func (d *decoder) table(path string, m map[string]any, rv reflect.Value) {
	t := rv.Type()
	known := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		key, opts, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if key == "" || key == "-" {
			continue
		}
		known = append(known, key)
		fp := join(path, key)
		v, present := m[key]
		if !present {
			if opts == "required" {
				d.missing(path, key, f.Type)
			}
			continue
		}
		d.value(fp, v, rv.Field(i), f.Tag.Get("enum"))
		if opts == "required" && isEmpty(v) {
			d.errorf(fp, "", "%s must not be empty", name(fp))
		}
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		hint := site.Suggest(k, known)
		if hint == "" {
			hint = "the keys allowed here are " + strings.Join(known, ", ")
		}
		d.errorf(join(path, k), hint, "unknown key %s", name(join(path, k)))
	}
}

func (d *decoder) missing(path, key string, t reflect.Type) {
	what := "key " + name(join(path, key))
	if t.Kind() == reflect.Struct && t != dateType {
		what = "table [" + name(join(path, key)) + "]"
	} else if t.Kind() == reflect.Slice && elem(t).Kind() == reflect.Struct {
		what = "table [[" + name(join(path, key)) + "]]"
	}
	where := "this file"
	if path != "" {
		where = name(path)
	}
	d.errorf(path, "", "%s is missing %s, which is required", where, what)
}

func elem(t reflect.Type) reflect.Type {
	t = t.Elem()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case []map[string]any:
		return len(v) == 0
	}
	return false
}

// typeName is how a TOML value's type is described to a practice manager.
func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return "text"
	case int64:
		return "a whole number"
	case float64:
		return "a decimal number"
	case bool:
		return "true or false"
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func (d *decoder) wrongType(path, want string, v any, hint string) {
	d.errorf(path, hint, "%s must be %s, not %s", name(path), want, typeName(v))
}

// value fills rv from v.
func (d *decoder) value(path string, v any, rv reflect.Value, enum string) {
	t := rv.Type()
	switch {
	case t == dateType:
		d.date(path, v, rv)
		return
	case reflect.PointerTo(t).Implements(textUnmarsh):
		s, ok := v.(string)
		if !ok {
			d.wrongType(path, "text", v, `write it in quotes, such as "4h"`)
			return
		}
		if err := rv.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			d.errorf(path, `write a whole number and a unit: "30m", "4h", "2d" or "1w"`, "%s: %v", name(path), err)
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			hint := ""
			if _, isTable := v.(map[string]any); !isTable {
				hint = "put the value in double quotes"
			}
			d.wrongType(path, "text", v, hint)
			return
		}
		if enum != "" {
			d.choice(path, s, enum)
		}
		rv.SetString(s)
	case reflect.Int:
		n, ok := v.(int64)
		if !ok {
			hint := ""
			if _, isText := v.(string); isText {
				hint = "write the number without quotes"
			}
			d.wrongType(path, "a whole number", v, hint)
			return
		}
		if n < 0 {
			d.errorf(path, "", "%s must not be negative", name(path))
			return
		}
		rv.SetInt(n)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			d.wrongType(path, "true or false", v, "write true or false without quotes")
			return
		}
		rv.SetBool(b)
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			d.wrongType(path, "a table", v, "")
			return
		}
		d.table(path, m, rv)
	case reflect.Slice:
		d.list(path, v, rv, enum)
	default:
		panic(fmt.Sprintf("load: no decoding for %s at %s", t, path))
	}
}

func (d *decoder) list(path string, v any, rv reflect.Value, enum string) {
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
		hint := ""
		if _, ok := v.(string); ok && elem(rv.Type()).Kind() == reflect.String {
			hint = fmt.Sprintf("write a list in square brackets: %s = [%q]", path[strings.LastIndexByte(path, '.')+1:], v)
		}
		d.wrongType(path, "a list", v, hint)
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
		d.value(join(path, strconv.Itoa(i)), item, ev, enum)
	}
	rv.Set(out)
}

func (d *decoder) date(path string, v any, rv reflect.Value) {
	const hint = "dates are written 2026-03-31, without quotes"
	switch v := v.(type) {
	case time.Time:
		if k := d.keys[path].kind; k != unstable.LocalDate && k != unstable.Invalid {
			d.errorf(path, hint, "%s must be a date without a time of day", name(path))
			return
		}
		rv.Set(reflect.ValueOf(site.DateOf(v)))
	case string:
		if looksLikeDay.MatchString(v) {
			if _, err := site.ParseDate(v); err == nil {
				d.errorf(path, "remove the quotes around the date", "%s must be a date, not text", name(path))
				return
			}
		}
		d.wrongType(path, "a date", v, hint)
	default:
		d.wrongType(path, "a date", v, hint)
	}
}

func (d *decoder) choice(path, s, enum string) {
	e := site.Enums[enum]
	if e == nil {
		panic("load: unknown enum " + enum)
	}
	if e.Has(s) {
		return
	}
	hint := site.Suggest(s, e.Values())
	if hint == "" {
		hint = "choose one of " + strings.Join(e.Values(), ", ")
	}
	d.errorf(path, hint, "%s: %q is not one of the allowed values", name(path), s)
}
