package load

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/site"
)

var (
	// dayFirst is a date written the British way: 31/03/2026.
	dayFirst = regexp.MustCompile(`^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b`)
	isoDay   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
)

// syntaxError explains a TOML syntax error in the words of someone who
// has never read the TOML specification. The parser's message names the
// token it expected; looking at the line itself says what was meant, such
// as a date written 31/03/2026 or a colon where = belongs. The position's
// File is left for the caller.
func syntaxError(data []byte, pe toml.ParseError) (site.Pos, string, string) {
	// The byte offset, unlike the parser's own line and column, always
	// lands inside the file, even for an error at its very end.
	line, col := site.LineCol(data, pe.Position.Start)
	lines := bytes.Split(data, []byte("\n"))
	text := strings.TrimRight(string(lines[line-1]), "\r")
	pos := site.Pos{Line: line, Col: col}
	msg := "TOML syntax: " + strings.TrimSuffix(site.LowerFirst(pe.Message), ".")
	key, value, hasValue := strings.Cut(text, "=")
	key = strings.TrimSpace(key)
	valueCol := len(text) - len(strings.TrimLeft(value, " \t")) + 1
	value = strings.TrimSpace(value)
	m := pe.Message
	switch {
	case hasValue && dayFirst.MatchString(value):
		pos.Col = valueCol
		return pos, fmt.Sprintf("%s: %s is not a date TOML can read", key, dayFirst.FindString(value)),
			"dates are written year first, 2026-03-31, without quotes"
	case strings.Contains(m, "datetime") && hasValue && isoDay.MatchString(value):
		pos.Col = valueCol
		return pos, fmt.Sprintf("%s: there is no date %s", key, isoDay.FindString(value)),
			"check the month (01 to 12) and the day of the month"
	case strings.Contains(m, "datetime"):
		return pos, msg, "dates are written 2026-03-31"
	case strings.Contains(m, "expected value") && hasValue && value == "":
		return pos, fmt.Sprintf("%s has no value", key), `write the value after the =, such as name = "Docman"`
	case strings.Contains(m, "expected value") || strings.Contains(m, "bare keys"):
		return pos, msg, `text values go in double quotes: name = "Docman"`
	case strings.Contains(m, "newlines"):
		return pos, msg, `close the quotes on the same line, or use triple quotes """ for text over several lines`
	case strings.Contains(m, "cannot be used as an array"):
		name := strings.Trim(strings.TrimSpace(text), "[]")
		return pos, fmt.Sprintf("TOML syntax: %s is given twice, as a value or [%s] table above and as [[%s]] blocks here", name, name, name),
			fmt.Sprintf("keep the [[%s]] blocks and remove the other", name)
	case strings.Contains(m, "was already created as a hash"):
		return pos, "TOML syntax: this header goes inside a key that is already a value, not a table",
			"give the key once: as a value, or as a [table] with its settings below"
	case strings.Contains(m, "already been defined"):
		return pos, msg,
			"each key and each [table] may appear only once: remove or rename one"
	case strings.Contains(m, "to end table name"):
		return pos, "TOML syntax: the table header is not closed with ]", "write the header on a line of its own: [support]"
	case strings.Contains(m, "but got ':'"):
		return pos, "TOML syntax: a key and its value are joined with =, not :", `write owner = "kdavies"`
	case strings.Contains(m, "expected '.' or '='"):
		return pos, msg, `write one key, an = and its value on each line: owner = "kdavies"; a key with spaces goes in quotes`
	case strings.Contains(m, "escape") || strings.Contains(m, `'\U'`) || strings.Contains(m, `'\u'`):
		if i := strings.IndexByte(text[min(col-1, len(text)):], '\\'); i >= 0 {
			pos.Col = col + i
		}
		return pos, msg, `in double quotes a backslash starts an escape: write \\ for a backslash, or use single quotes: 'C:\Users'`
	case strings.Contains(m, "array terminator"):
		return pos, msg, `a list is written ["a", "b"]: commas between the items and ] at the end`
	case strings.Contains(m, "inline table terminator"):
		return pos, msg, `an inline table is written on one line and closed with }: desk = { name = "x" }; or use a [table]`
	case strings.Contains(m, "top-level item to end"):
		return pos, msg, `one key = value per line; put text in double quotes`
	case strings.Contains(m, "control character") || strings.Contains(m, "control char"):
		return pos, msg, "remove the invisible character, or retype the line"
	}
	return pos, msg, ""
}
