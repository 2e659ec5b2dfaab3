package export

import (
	"encoding"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/handbook-nhs/handbook/generator/site"
)

// jsonWriter writes indented JSON with the keys in the order written:
// the order of the model's fields, which reads better than the sorted keys
// of a map and is just as deterministic.
type jsonWriter struct {
	b     []byte
	depth int
	// changed dates each record's file by its last change in git
	// (site.Handbook.LastChanged); nil when not known.
	changed map[string]site.Date
	// empty is set while the object or array just opened has no member.
	empty bool
}

func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.b = append(w.b, c)
	w.empty = false
}

func (w *jsonWriter) newline() {
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, '\t')
	}
}

// elem starts the next element of an array.
func (w *jsonWriter) elem() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.newline()
	w.empty = false
}

// key starts the member k of an object.
func (w *jsonWriter) key(k string) {
	w.elem()
	w.str(k)
	w.b = append(w.b, ':', ' ')
}

func (w *jsonWriter) null()             { w.b = append(w.b, "null"...) }
func (w *jsonWriter) int(n int64)       { w.b = strconv.AppendInt(w.b, n, 10) }
func (w *jsonWriter) bool(v bool)       { w.b = strconv.AppendBool(w.b, v) }
func (w *jsonWriter) field(k, v string) { w.key(k); w.str(v) }

// strs writes a list of strings.
func (w *jsonWriter) strs(list []string) {
	w.open('[')
	for _, s := range list {
		w.elem()
		w.str(s)
	}
	w.close(']')
}

// str writes s as a JSON string (see appendJSON).
func (w *jsonWriter) str(s string) { w.b = appendJSON(w.b, s) }

// appendJSON appends s as a JSON string (RFC 8259): quotes, backslashes
// and control characters escaped, and invalid UTF-8 replaced by U+FFFD.
// U+2028 and U+2029 are escaped too, for readers that take JSON for
// JavaScript. It takes bytes as well as a string, so that a page's body
// is written without a copy of it made first.
func appendJSON[S string | []byte](b []byte, s S) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	// plain is where the run of characters written as they are began:
	// they are copied at once, when a character to escape or the end is
	// met.
	plain := 0
	for i := 0; i < len(s); {
		if plainJSON[s[i]] {
			i++
			continue
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, s[plain:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			plain = i
			continue
		}
		r, size := decodeRune(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[plain:i]...)
			b = append(b, `\ufffd`...)
			plain = i + size
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[plain:i]...)
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
			plain = i + size
		}
		i += size
	}
	b = append(b, s[plain:]...)
	return append(b, '"')
}

// plainJSON holds the bytes str writes as they are: printable ASCII but
// quotes and backslashes. Bytes of other characters are looked at as
// runes.
var plainJSON = func() (t [256]bool) {
	for c := 0x20; c < 0x7f; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// Records are written from their toml struct tags, so that the JSON has
// the keys practice managers write and cannot drift from the model.

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()

// value writes v: a record's field, or an element of a list.
//
//   - a type with IsZero and MarshalText (site.Date, site.Duration):
//     null when zero, else its TOML text ("2026-03-31", "4h");
//   - strings, whole numbers and booleans as themselves; a nil pointer as
//     null;
//   - lists as arrays;
//   - structs as objects of their toml-tagged fields (see members).
func (w *jsonWriter) value(v reflect.Value) {
	if v.Type().Implements(textMarshaler) {
		if z, ok := v.Interface().(interface{ IsZero() bool }); ok && z.IsZero() {
			w.null()
			return
		}
		text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			panic(fmt.Sprintf("export: %s: %v", v.Type(), err))
		}
		w.b = appendJSON(w.b, text)
		return
	}
	switch v.Kind() {
	case reflect.String:
		w.str(v.String())
	case reflect.Int, reflect.Int64, reflect.Int32:
		w.int(v.Int())
	case reflect.Bool:
		w.bool(v.Bool())
	case reflect.Pointer:
		if v.IsNil() {
			w.null()
			return
		}
		w.value(v.Elem())
	case reflect.Slice:
		w.open('[')
		for i := range v.Len() {
			w.elem()
			w.value(v.Index(i))
		}
		w.close(']')
	case reflect.Struct:
		w.open('{')
		w.members(v)
		w.close('}')
	default:
		panic(fmt.Sprintf("export: no JSON for a %s", v.Type()))
	}
}

// members writes the toml-tagged fields of the struct v as members of the
// object being written, in the order of the struct.
func (w *jsonWriter) members(v reflect.Value) {
	for _, f := range fieldsOf(v.Type()) {
		w.key(f.Key)
		w.value(v.Field(f.Index))
	}
}

// recordKeys are the members export adds to a record besides its TOML
// keys. No record may have a TOML key of the same name.
var recordKeys = []string{"id", "page", "source", "last_changed", "body", "practices"}

var exported sync.Map // reflect.Type -> []site.Field

// fieldsOf returns the fields of struct type t that hold TOML keys,
// leaving out those tagged sensitive.
func fieldsOf(t reflect.Type) []site.Field {
	if fs, ok := exported.Load(t); ok {
		return fs.([]site.Field)
	}
	var fs []site.Field
	for _, f := range site.Fields(t) {
		if f.Sensitive {
			continue
		}
		if slices.Contains(recordKeys, f.Key) {
			panic(fmt.Sprintf("export: %s.%s has the TOML key %q, which export adds to every record", t, f.Name, f.Key))
		}
		fs = append(fs, f)
	}
	exported.Store(t, fs)
	return fs
}
