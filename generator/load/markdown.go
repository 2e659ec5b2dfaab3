package load

import (
	"bytes"
	"fmt"
)

// The bounds of a Markdown page. The Markdown converter takes time that
// grows with the square of the links left open on a page, and faster
// still with how deep lists nest: a page past these bounds, which no
// policy or guide comes near, is refused rather than converted for
// seconds or minutes.
const (
	// MaxLinks is how many links and images a page may have ("](").
	MaxLinks = 2000
	// MaxListIndent is how far, in columns, a list item may be indented:
	// lists 32 levels deep.
	MaxListIndent = 64
)

// tooComplex returns the offset in body, Markdown, where it passes a
// bound, what is wrong and what to do; the offset is -1 when it passes
// none.
func tooComplex(body []byte) (int, string, string) {
	links := 0
	fenced := false
	for at := 0; at < len(body); {
		end := bytes.IndexByte(body[at:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += at
		}
		line := body[at:end]
		indent, rest := indentOf(line)
		if bytes.HasPrefix(rest, []byte("```")) || bytes.HasPrefix(rest, []byte("~~~")) {
			fenced = !fenced
		}
		if !fenced && indent > MaxListIndent && listItem(rest) {
			return at, fmt.Sprintf("this list is nested more than %d levels deep", MaxListIndent/2),
				"a page's lists are a few levels deep: check the indentation of the lines above"
		}
		for i := 0; ; {
			j := bytes.Index(line[i:], []byte("]("))
			if j < 0 {
				break
			}
			if links++; links > MaxLinks {
				return at + i + j, fmt.Sprintf("the page has more than %d links and images", MaxLinks),
					"split it into several pages, or check for a link left open: [text](address) ends with )"
			}
			i += j + 2
		}
		at = end + 1
	}
	return -1, "", ""
}

// indentOf returns how far line is indented, in columns (a tab to the
// next multiple of 4), and the rest of it.
func indentOf(line []byte) (int, []byte) {
	col := 0
	for i, c := range line {
		switch c {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col, line[i:]
		}
	}
	return col, nil
}

// listItem reports whether text starts with a list marker: -, * or +,
// or a number followed by . or ), then a space.
func listItem(text []byte) bool {
	if len(text) >= 2 && (text[0] == '-' || text[0] == '*' || text[0] == '+') && (text[1] == ' ' || text[1] == '\t') {
		return true
	}
	i := 0
	for i < len(text) && i < 9 && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(text) && (text[i] == '.' || text[i] == ')') && (text[i+1] == ' ' || text[i+1] == '\t')
}
