// Package site holds the handbook's domain types (practices, people, services,
// runbooks and the rest), the positions they were read from and the error
// list every stage reports into. It does no I/O.
package site

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a content file. Line and Col count from 1; a zero
// Line means the position is the file as a whole.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, dropping what is unknown.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem with the content, at a position, in words a practice
// manager can act on. Hint, when set, says what to do about it.
type Error struct {
	Pos  Pos
	Msg  string
	Hint string
	// Private is set when the line at Pos holds a sensitive value (see
	// SensitiveKeys): the message leaves the value out, and the line is
	// never to be shown.
	Private bool
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Pos.String() + ": " + e.Msg
	}
	return e.Pos.String() + ": " + e.Msg + " (" + e.Hint + ")"
}

// ErrorList collects errors so that every mistake is reported in one go.
// The zero value is an empty list ready to use; it is not safe for
// concurrent use.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, hint string, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Append adds every error of other.
func (l *ErrorList) Append(other ErrorList) { *l = append(*l, other...) }

// Sort orders the list by file, line and column, then message.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
}

// Err returns the list as an error, sorted, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Error prints one error per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// LineCol turns a byte offset in data into a 1-based line and column
// (counted in bytes). Offsets outside data are clamped to it.
func LineCol(data []byte, off int) (line, col int) {
	off = min(max(off, 0), len(data))
	return 1 + bytes.Count(data[:off], []byte{'\n'}), off - bytes.LastIndexByte(data[:off], '\n')
}

// InvalidUTF8 is the offset of the first byte of data that is not part of
// a valid UTF-8 character, or -1 when data is valid UTF-8 text.
func InvalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// KeyName is how a key path ("steps.1.actions") is shown to a reader: the
// TOML keys, with array elements counted from 1 as people count them
// ("steps[2].actions").
func KeyName(path string) string {
	var b strings.Builder
	for p := range strings.SplitSeq(path, ".") {
		if n, err := strconv.Atoi(p); err == nil {
			fmt.Fprintf(&b, "[%d]", n+1)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// LowerFirst lowers the first letter of a sentence to run it on from
// another ("Key 'owner' has..." after "TOML syntax: "), unless it starts an
// acronym such as DPIA or ICB.
func LowerFirst(s string) string {
	if s == "" || len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
