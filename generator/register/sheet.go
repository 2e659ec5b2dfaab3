package register

import (
	"fmt"
	"strings"
)

// A Workbook is a spreadsheet as read: its sheets, in order.
type Workbook struct {
	// File is the file's name as the person importing gave it, for
	// references: "register.xlsx".
	File   string
	Sheets []*Sheet
}

// A Sheet is one sheet's cells, row by row, as the spreadsheet shows them.
// A CSV file is one sheet with no name.
type Sheet struct {
	Name string
	// Hidden is set for a sheet hidden in Excel: often a list of the
	// choices of a drop-down, which is no register.
	Hidden bool
	// Rows[i][j] is the cell of row i+1, column j+1; rows may be short.
	Rows [][]Cell
	// Merged are the sheet's merged cells; the value of each is in its
	// top left cell.
	Merged []Range
	// Date1904 is set when the workbook counts dates from 1904 (as Excel
	// for the Mac once did), not from 1900.
	Date1904 bool
}

// A Cell is one cell's value.
type Cell struct {
	// Text is the value as the spreadsheet shows it, a date as
	// 2025-03-31 when the cell has Excel's short date format.
	Text string
	// Raw is the value as stored: for a date, Excel's serial number of
	// the day. For a CSV file it is the text.
	Raw string
}

// Range is a block of cells, from row Top, column Left to row Bottom,
// column Right, counted from 1 and inclusive.
type Range struct{ Top, Left, Bottom, Right int }

func (r Range) String() string {
	return cellName(r.Top, r.Left) + ":" + cellName(r.Bottom, r.Right)
}

// cell returns the cell of row r, column c, both counted from 1; the
// empty cell outside the rows.
func (s *Sheet) cell(r, c int) Cell {
	if r < 1 || r > len(s.Rows) || c < 1 || c > len(s.Rows[r-1]) {
		return Cell{}
	}
	return s.Rows[r-1][c-1]
}

// value is the cell of row r, column c as a reader of the sheet sees it:
// a cell merged downwards from the rows above shows their value in each
// row it spans (an owner written once beside three services owns all
// three). A cell merged across columns belongs to its first column only.
func (s *Sheet) value(r, c int) Cell {
	for _, m := range s.Merged {
		if m.Left == c && m.Top < r && r <= m.Bottom {
			return s.cell(m.Top, m.Left)
		}
	}
	return s.cell(r, c)
}

// mergedAt returns the merged range whose top left cell is at row r,
// column c.
func (s *Sheet) mergedAt(r, c int) (Range, bool) {
	for _, m := range s.Merged {
		if m.Top == r && m.Left == c {
			return m, true
		}
	}
	return Range{}, false
}

// width is the number of columns of the widest row.
func (s *Sheet) width() int {
	w := 0
	for _, row := range s.Rows {
		w = max(w, len(row))
	}
	return w
}

// Ref names a place in the spreadsheet as Excel shows it: the file, the
// sheet and the cell. A zero Row names the sheet; a zero Col, the row.
type Ref struct {
	File, Sheet string
	Row, Col    int
}

// String formats r as register.xlsx!Services!D7, register.csv!D7 for a
// CSV file, register.xlsx!Services for a whole sheet or, for a whole row,
// register.xlsx!Services!7:7 as Excel writes it.
func (r Ref) String() string {
	var b strings.Builder
	b.WriteString(r.File)
	if r.Sheet != "" {
		b.WriteString("!" + r.Sheet)
	}
	switch {
	case r.Row == 0:
	case r.Col == 0:
		fmt.Fprintf(&b, "!%d:%d", r.Row, r.Row)
	default:
		b.WriteString("!" + cellName(r.Row, r.Col))
	}
	return b.String()
}

// cellName is the name of the cell of row r, column c: D7.
func cellName(r, c int) string { return columnName(c) + fmt.Sprint(r) }

// columnName is the letters of column c, counted from 1: A, Z, AA.
func columnName(c int) string {
	var s []byte
	for ; c > 0; c = (c - 1) / 26 {
		s = append([]byte{byte('A' + (c-1)%26)}, s...)
	}
	return string(s)
}

// Error is input that cannot be imported at all, at the place that shows
// it; nothing is written.
type Error struct {
	Ref  Ref
	Msg  string
	Hint string
}

func (e *Error) Error() string { return e.Ref.String() + ": " + e.Msg }

func errorAt(ref Ref, hint, format string, args ...any) *Error {
	return &Error{Ref: ref, Msg: fmt.Sprintf(format, args...), Hint: hint}
}
