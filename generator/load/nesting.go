package load

import "bytes"

// MaxNesting is how deep the tables, arrays and dotted keys of a record
// may nest. Records are a few levels deep; the decoder's time and memory
// grow fast with depth, so a file nested far deeper, which is a mistake or
// an attack, is refused before it is decoded.
const MaxNesting = 32

// tooDeep returns the offset in data, TOML, where its nesting passes
// MaxNesting, or -1. It reads the file once, knowing only enough TOML to
// skip strings and comments: each [ or { opens a level and each ] or }
// closes one, and each dot in a key adds a level (a dot in a number
// counts too, which costs at most one level).
func tooDeep(data []byte) int {
	depth, dots := 0, 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '#':
			i = lineEnd(data, i)
			dots = 0
		case '"', '\'':
			i = stringEnd(data, i)
		case '[', '{':
			depth++
			dots = 0
		case ']', '}':
			depth = max(depth-1, 0)
			dots = 0
		case '.':
			dots++
		case '=', ',', '\n':
			dots = 0
		}
		if depth+dots > MaxNesting {
			return i
		}
	}
	return -1
}

// lineEnd returns the offset of the newline ending the line at i, or the
// last offset of data.
func lineEnd(data []byte, i int) int {
	if n := bytes.IndexByte(data[i:], '\n'); n >= 0 {
		return i + n - 1 // the newline itself is read next
	}
	return len(data) - 1
}

// stringEnd returns the offset of the quote closing the string that
// opens at i, or where an unclosed one gives up (the decoder reports it).
func stringEnd(data []byte, i int) int {
	q := data[i]
	if bytes.HasPrefix(data[i:], []byte{q, q, q}) {
		end := bytes.Index(data[i+3:], []byte{q, q, q})
		if end < 0 {
			return len(data) - 1
		}
		return i + 3 + end + 2
	}
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			if q == '"' {
				j++
			}
		case q:
			return j
		case '\n':
			return j - 1
		}
	}
	return len(data) - 1
}
