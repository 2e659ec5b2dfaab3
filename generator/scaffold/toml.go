package scaffold

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/handbook-nhs/handbook/generator/site"
)

// A Doc is a TOML record being written, top to bottom: keys and tables,
// each under the comments that say what to write in it. Record writes one
// from a schema; handbook import writes one from a row of a register.
type Doc struct {
	buf bytes.Buffer
	// Todos counts the comments that start "TO DO:", the placeholders
	// left to fill in.
	Todos int
}

// Comment writes text as comment lines of at most 96 characters.
func (d *Doc) Comment(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	line := "#"
	for _, word := range strings.Fields(text) {
		if utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > 96 && line != "#" {
			d.buf.WriteString(line + "\n")
			line = "#"
		}
		line += " " + word
	}
	d.buf.WriteString(line + "\n")
}

// Todo writes a comment starting "TO DO:": what to write, or to check.
func (d *Doc) Todo(text string) {
	d.Todos++
	d.Comment("TO DO: " + text)
}

// Set writes key = value: a string, a list of strings, a whole number, a
// boolean or a date.
func (d *Doc) Set(key string, value any) { fmt.Fprintf(&d.buf, "%s = %s\n", key, Literal(value)) }

// Table starts the table name, after a blank line.
func (d *Doc) Table(name string) { fmt.Fprintf(&d.buf, "\n[%s]\n", name) }

// TableList starts an item of the list of tables name, after a blank line.
func (d *Doc) TableList(name string) { fmt.Fprintf(&d.buf, "\n[[%s]]\n", name) }

// Line writes one line as it is, such as the #:schema line.
func (d *Doc) Line(text string) { d.buf.WriteString(text + "\n") }

// Bytes is the record written so far.
func (d *Doc) Bytes() []byte { return d.buf.Bytes() }

// Literal is v as a TOML value. A string is a basic string, as it reads:
// only the quote, the backslash and control characters are escaped.
func Literal(v any) string {
	switch v := v.(type) {
	case string:
		return quote(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case site.Date:
		return v.String()
	case []string:
		parts := make([]string, len(v))
		for i, s := range v {
			parts[i] = quote(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	panic(fmt.Sprintf("scaffold: no TOML for %T", v))
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
