package export

import (
	"strings"
	"unicode/utf8"
)

// icalWriter writes iCalendar content lines (RFC 5545 §3.1): each ended by
// CRLF and folded so that no line is longer than 75 octets.
type icalWriter struct {
	b strings.Builder
}

// line writes the content line name:value, value as given (already
// escaped where it is text).
func (w *icalWriter) line(name, value string) {
	w.fold(name + ":" + value)
}

// text writes a property whose value is TEXT, escaped (RFC 5545 §3.3.11).
func (w *icalWriter) text(name, value string) {
	w.line(name, escapeText(value))
}

// fold writes one content line, folded after at most 75 octets, and each
// continuation line after a space and at most 74 more, never inside a
// UTF-8 sequence.
func (w *icalWriter) fold(l string) {
	const max = 75
	room := max
	for len(l) > room {
		cut := room
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		w.b.WriteString(l[:cut])
		w.b.WriteString("\r\n ")
		l = l[cut:]
		room = max - 1
	}
	w.b.WriteString(l)
	w.b.WriteString("\r\n")
}

// escapeText escapes a TEXT value: backslash, semicolon and comma with a
// backslash, and a line break as \n. A carriage return before a line
// feed goes with it, and other control characters, which TEXT does not
// allow, are left out; tabs stay.
func escapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == ';' || c == ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				continue
			}
			b.WriteString(`\n`)
		case c == '\t' || c >= 0x20 && c != 0x7f:
			b.WriteByte(c)
		}
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}
