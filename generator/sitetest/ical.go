package sitetest

import (
	"fmt"
	"strings"
)

// UnescapeICSText undoes the TEXT escaping of iCalendar (RFC 5545
// §3.3.11), strictly: a comma, semicolon or backslash must be escaped, a
// backslash may only escape one of them or n, and no control character
// but a tab may appear. Tests of reviews.ics read its values with it.
func UnescapeICSText(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			if i+1 == len(s) {
				return "", fmt.Errorf("a lone backslash at the end of %q", s)
			}
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			case '\\', ';', ',':
				b.WriteByte(s[i])
			default:
				return "", fmt.Errorf("%q escapes %q", s, s[i])
			}
		case c == ';' || c == ',':
			return "", fmt.Errorf("an unescaped %q in %q", c, s)
		case c < 0x20 && c != '\t' || c == 0x7f:
			return "", fmt.Errorf("a control character %#x in %q", c, s)
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}
