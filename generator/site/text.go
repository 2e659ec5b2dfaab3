package site

import (
	"strconv"
	"strings"
	"unicode"
)

// IsControl reports whether r is a control character (line breaks and
// tabs among them), or one of the Unicode controls that change the
// direction of a line on screen, which can make it read differently from
// what it holds.
func IsControl(r rune) bool {
	return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// OneLine writes the control characters of s, line breaks among them, as
// Go escapes: each problem is one line, whatever a file name or a value
// holds, so that a terminal is not told to do anything and a CI system
// reading the output line by line sees nothing but problems.
func OneLine(s string) string {
	if !strings.ContainsFunc(s, IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
