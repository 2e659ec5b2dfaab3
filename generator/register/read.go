package register

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/xuri/excelize/v2"
)

// Limits on what Read takes. A register of a practice's services is a few
// hundred rows: anything far larger is the wrong file, and reading it
// whole would take the memory of a small machine.
const (
	// MaxSize is the largest file Read takes, in bytes.
	MaxSize = 16 << 20
	// maxUnzipped bounds what the parts of a workbook may unpack to.
	maxUnzipped = 128 << 20
	// maxRows and maxColumns bound a sheet.
	maxRows    = 20000
	maxColumns = 500
)

var (
	zipMagic   = []byte("PK\x03\x04")
	oleMagic   = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}
	utf8BOM    = []byte{0xef, 0xbb, 0xbf}
	utf16LEBOM = []byte{0xff, 0xfe}
	utf16BEBOM = []byte{0xfe, 0xff}
)

// saveHint says how to save a spreadsheet Read can take.
const saveHint = `in Excel, use File, Save As, and choose "Excel Workbook (*.xlsx)" or "CSV UTF-8 (Comma delimited) (*.csv)", then import that file`

// Read reads data, the contents of the file named file, as an Excel
// workbook (.xlsx, told by its contents whatever its name) or else as a
// CSV file: UTF-8, with or without a byte order mark, its values separated
// by commas, semicolons or tabs, whichever the file uses. The error, when
// not nil, is an *Error saying why the file is no spreadsheet Read can
// take, and what to do.
func Read(file string, data []byte) (*Workbook, error) {
	ref := Ref{File: file}
	switch {
	case len(data) > MaxSize:
		return nil, errorAt(ref, "a register of services is far smaller: check that this is the right file",
			"the file is too large to be a register (%s; the most handbook import reads is %s)", size(int64(len(data))), size(MaxSize))
	case len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0:
		return nil, errorAt(ref, "export the register from Excel again, and check the file it wrote", "the file is empty")
	case bytes.HasPrefix(data, zipMagic):
		return readXLSX(file, data)
	case bytes.HasPrefix(data, oleMagic):
		return nil, errorAt(ref, saveHint,
			"the file is an Excel 97-2003 workbook (.xls) or a workbook locked with a password, which handbook import cannot read")
	case bytes.HasPrefix(data, utf16LEBOM), bytes.HasPrefix(data, utf16BEBOM):
		return nil, errorAt(ref, saveHint, `the file is saved as "Unicode Text" (UTF-16), not as UTF-8`)
	case bytes.IndexByte(data[:min(len(data), 8192)], 0) >= 0:
		return nil, errorAt(ref, saveHint, "the file is not a spreadsheet: it holds binary data, not an Excel workbook or CSV text")
	}
	return readCSV(file, data)
}

// readXLSX reads an Excel workbook with excelize, once its parts are known
// to unpack to a sane size.
func readXLSX(file string, data []byte) (*Workbook, error) {
	ref := Ref{File: file}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errorAt(ref, saveHint, "the file is not an Excel workbook: it looks like a zip archive, but cannot be read as one (%v)", err)
	}
	var unzipped uint64
	workbook := false
	for _, f := range zr.File {
		unzipped += f.UncompressedSize64
		switch f.Name {
		case "xl/workbook.xml":
			workbook = true
		case "mimetype", "content.xml":
			return nil, errorAt(ref, saveHint, "the file is an OpenDocument spreadsheet (.ods), not an Excel workbook")
		}
	}
	if !workbook {
		return nil, errorAt(ref, saveHint, "the file is a zip archive, but not an Excel workbook (it has no xl/workbook.xml)")
	}
	if unzipped > maxUnzipped {
		return nil, errorAt(ref, "a register of services is far smaller: check that this is the right file",
			"the workbook is too large to be a register: it unpacks to %s (the most handbook import reads is %s)", size(int64(unzipped)), size(maxUnzipped))
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		// Every part fits in memory: excelize writes no temporary files.
		UnzipSizeLimit: maxUnzipped + 1, UnzipXMLSizeLimit: maxUnzipped + 1,
		// Excel's built-in short date shows as the US m-d-yy otherwise.
		ShortDatePattern: "yyyy-mm-dd",
	})
	if err != nil {
		return nil, errorAt(ref, saveHint, "the workbook cannot be read: %v", err)
	}
	defer f.Close()
	book := &Workbook{File: file}
	props, _ := f.GetWorkbookProps()
	for _, name := range f.GetSheetList() {
		sh := &Sheet{Name: name, Date1904: props.Date1904 != nil && *props.Date1904}
		if visible, err := f.GetSheetVisible(name); err == nil {
			sh.Hidden = !visible
		}
		shown, err := f.GetRows(name)
		if err != nil {
			return nil, errorAt(Ref{File: file, Sheet: name}, saveHint, "the sheet cannot be read: %v", err)
		}
		raw, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, errorAt(Ref{File: file, Sheet: name}, saveHint, "the sheet cannot be read: %v", err)
		}
		if len(shown) > maxRows {
			return nil, tooLarge(Ref{File: file, Sheet: name}, "the sheet has %d rows: too many for a register (the most handbook import reads is %d)", len(shown), maxRows)
		}
		sh.Rows = make([][]Cell, len(shown))
		for i, row := range shown {
			if len(row) > maxColumns {
				return nil, tooLarge(Ref{File: file, Sheet: name, Row: i + 1}, "the row has %d columns: too many for a register (the most handbook import reads is %d)", len(row), maxColumns)
			}
			sh.Rows[i] = make([]Cell, len(row))
			for j, text := range row {
				sh.Rows[i][j] = Cell{Text: text, Raw: text}
				if i < len(raw) && j < len(raw[i]) {
					sh.Rows[i][j].Raw = raw[i][j]
				}
			}
		}
		merged, err := f.GetMergeCells(name, true)
		if err != nil {
			return nil, errorAt(Ref{File: file, Sheet: name}, saveHint, "the sheet's merged cells cannot be read: %v", err)
		}
		for _, m := range merged {
			r, ok := parseRange(m.GetStartAxis(), m.GetEndAxis())
			if ok {
				sh.Merged = append(sh.Merged, r)
			}
		}
		book.Sheets = append(book.Sheets, sh)
	}
	return book, nil
}

func parseRange(from, to string) (Range, bool) {
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil {
		return Range{}, false
	}
	return Range{Top: min(r1, r2), Left: min(c1, c2), Bottom: max(r1, r2), Right: max(c1, c2)}, true
}

// tooLarge refuses a sheet too large to be a register.
func tooLarge(ref Ref, format string, args ...any) error {
	return errorAt(ref, "a register of services is far smaller: check that this is the right file, or name the sheet that holds the register with --sheet",
		format, args...)
}

// readCSV reads a CSV file: UTF-8 text, with the separator it uses.
func readCSV(file string, data []byte) (*Workbook, error) {
	ref := Ref{File: file}
	data = bytes.TrimPrefix(data, utf8BOM)
	if off := site.InvalidUTF8(data); off >= 0 {
		line, _ := site.LineCol(data, off)
		return nil, errorAt(ref,
			`in Excel, save it with File, Save As, "CSV UTF-8 (Comma delimited) (*.csv)", or as an Excel Workbook (*.xlsx), and import that`,
			"line %d is not UTF-8 text (byte 0x%02X): the file was saved in an older encoding, such as Windows' for a £ sign or an accent", line, data[off])
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	sh := &Sheet{}
	// Excel numbers the rows as it shows them: a blank line is a row, and
	// a value running over several lines is one. csv.Reader skips blank
	// lines, so a record's row is its first line less the extra lines of
	// the values before it.
	extra := 0
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, errorAt(ref, saveHint, "line %d cannot be read as CSV: %v", pe.StartLine, pe.Err)
		}
		if err != nil {
			return nil, errorAt(ref, saveHint, "the file cannot be read as CSV: %v", err)
		}
		line, _ := r.FieldPos(0)
		row := line - extra
		for len(sh.Rows) < row-1 {
			sh.Rows = append(sh.Rows, nil)
		}
		cells := make([]Cell, len(rec))
		for i, v := range rec {
			cells[i] = Cell{Text: v, Raw: v}
			extra += strings.Count(v, "\n")
		}
		sh.Rows = append(sh.Rows, cells)
		if len(rec) > maxColumns {
			return nil, tooLarge(Ref{File: file, Row: len(sh.Rows)}, "the row has %d columns: too many for a register (the most handbook import reads is %d)", len(rec), maxColumns)
		}
		if len(sh.Rows) > maxRows {
			return nil, tooLarge(ref, "the file has more than %d rows: too many for a register", maxRows)
		}
	}
	return &Workbook{File: file, Sheets: []*Sheet{sh}}, nil
}

// separator is the character that separates the values of the CSV text
// data: a comma, or the semicolon of Excel set to a language that writes
// decimals with a comma, or a tab; whichever the first lines use most,
// outside quotes.
func separator(data []byte) rune {
	counts := map[rune]int{}
	quoted, lines := false, 0
	for _, c := range string(data) {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			lines++
		case c == ',' || c == ';' || c == '\t':
			counts[c]++
		}
		if lines == 50 {
			break
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
