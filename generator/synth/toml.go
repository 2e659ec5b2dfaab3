package synth

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// doc writes one TOML file (or a page's TOML front matter) into a buffer,
// in the layout of the example site: keys in a fixed order, tables and
// arrays of tables after a blank line, long lists one item a line.
type doc struct{ *bytes.Buffer }

// schema writes the "#:schema" header of the file at rel, a path from the
// site root, for a record of type kind: a path up to the site's schemas/
// folder, which editors follow (the loader checks it only in a site that
// has that folder).
func (d doc) schema(rel, kind string) {
	d.WriteString("#:schema ")
	d.WriteString(strings.Repeat("../", strings.Count(rel, "/")))
	d.WriteString("schemas/")
	d.WriteString(kind)
	d.WriteString(".schema.json\n")
}

func (d doc) comment(lines ...string) {
	for _, l := range lines {
		d.WriteString("# ")
		d.WriteString(l)
		d.WriteByte('\n')
	}
}

func (d doc) key(k string) {
	d.WriteString(k)
	d.WriteString(" = ")
}

func (d doc) str(k, v string) {
	d.key(k)
	quote(d.Buffer, v)
	d.WriteByte('\n')
}

// opt writes k only when v is not empty.
func (d doc) opt(k, v string) {
	if v != "" {
		d.str(k, v)
	}
}

func (d doc) num(k string, v int) {
	d.key(k)
	d.WriteString(strconv.Itoa(v))
	d.WriteByte('\n')
}

func (d doc) boolean(k string, v bool) {
	d.key(k)
	d.WriteString(strconv.FormatBool(v))
	d.WriteByte('\n')
}

// date writes a TOML local date; the zero time writes nothing.
func (d doc) date(k string, t time.Time) {
	if t.IsZero() {
		return
	}
	d.key(k)
	d.Write(t.AppendFormat(d.AvailableBuffer(), time.DateOnly))
	d.WriteByte('\n')
}

// list writes an array of strings: on one line when it is short, else one
// item a line. An empty list writes nothing.
func (d doc) list(k string, vs []string) {
	if len(vs) == 0 {
		return
	}
	width := len(k) + 5
	for _, v := range vs {
		width += len(v) + 4
	}
	d.key(k)
	if width <= 100 {
		d.WriteByte('[')
		for i, v := range vs {
			if i > 0 {
				d.WriteString(", ")
			}
			quote(d.Buffer, v)
		}
		d.WriteString("]\n")
		return
	}
	d.WriteString("[\n")
	for _, v := range vs {
		d.WriteString("  ")
		quote(d.Buffer, v)
		d.WriteString(",\n")
	}
	d.WriteString("]\n")
}

// table starts [name]; array starts [[name]].
func (d doc) table(name string) { fmt.Fprintf(d, "\n[%s]\n", name) }
func (d doc) array(name string) { fmt.Fprintf(d, "\n[[%s]]\n", name) }

// quote writes s as a TOML basic string.
func quote(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(b, `\u%04X`, c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
}
