package export

import (
	"unicode/utf8"

	"github.com/handbook-nhs/handbook/generator/site"
)

// icalWriter writes iCalendar content lines (RFC 5545 §3.1): each ended by
// CRLF and folded so that no line is longer than 75 octets.
type icalWriter struct {
	b []byte
	// line is the content line being written, before folding.
	line []byte
}

// prop writes the content line name:value, value as given (already
// escaped where it is text).
func (w *icalWriter) prop(name, value string) {
	w.line = append(append(append(w.line[:0], name...), ':'), value...)
	w.fold()
}

// text writes a property whose value is TEXT, escaped (RFC 5545 §3.3.11).
func (w *icalWriter) text(name, value string) {
	w.line = appendText(append(append(w.line[:0], name...), ':'), value)
	w.fold()
}

// textBytes writes a property whose value is TEXT, as text does.
func (w *icalWriter) textBytes(name string, value []byte) {
	w.line = appendText(append(append(w.line[:0], name...), ':'), value)
	w.fold()
}

// date writes a property whose value is a DATE (RFC 5545 §3.3.4):
// 20260331.
func (w *icalWriter) date(name string, d site.Date) {
	w.line = d.AppendFormat(append(append(w.line[:0], name...), ':'), "20060102")
	w.fold()
}

// fold writes the content line, folded after at most 75 octets, and each
// continuation line after a space and at most 74 more, never inside a
// UTF-8 sequence.
func (w *icalWriter) fold() {
	const max = 75
	l := w.line
	room := max
	for len(l) > room {
		cut := room
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		w.b = append(append(w.b, l[:cut]...), '\r', '\n', ' ')
		l = l[cut:]
		room = max - 1
	}
	w.b = append(append(w.b, l...), '\r', '\n')
}

// appendText appends s escaped as a TEXT value: backslash, semicolon and
// comma with a backslash, and a line break as \n. A carriage return
// before a line feed goes with it, other control characters, which TEXT
// does not allow, are left out, and so is invalid UTF-8 (as U+FFFD); tabs
// stay.
func appendText[S string | []byte](b []byte, s S) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := decodeRune(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		switch {
		case c == '\\' || c == ';' || c == ',':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			if i+1 == len(s) || s[i+1] != '\n' {
				b = append(b, '\\', 'n')
			}
		case c == '\t' || c >= 0x20 && c != 0x7f:
			b = append(b, c)
		}
		i++
	}
	return b
}

// decodeRune is utf8.DecodeRuneInString or utf8.DecodeRune, as s is.
func decodeRune[S string | []byte](s S) (rune, int) {
	switch s := any(s).(type) {
	case string:
		return utf8.DecodeRuneInString(s)
	case []byte:
		return utf8.DecodeRune(s)
	}
	panic("unreachable")
}
