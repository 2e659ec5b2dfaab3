package register

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

// texts is the text of a sheet's rows, for comparing.
func texts(sh *Sheet) [][]string {
	out := make([][]string, len(sh.Rows))
	for i, row := range sh.Rows {
		for _, c := range row {
			out[i] = append(out[i], c.Text)
		}
	}
	return out
}

func TestReadCSV(t *testing.T) {
	for _, tt := range []struct {
		name, data string
		want       [][]string
	}{
		{"comma", "System,Owner\nEMIS Web,Karen Davies\n", [][]string{{"System", "Owner"}, {"EMIS Web", "Karen Davies"}}},
		{"semicolon and BOM", "\ufeffSystem;Owner;Notes\r\nEMIS Web;Karen Davies;\"a; b, c\"\r\n",
			[][]string{{"System", "Owner", "Notes"}, {"EMIS Web", "Karen Davies", "a; b, c"}}},
		{"tab", "System\tOwner\nEMIS Web\tKaren Davies\n", [][]string{{"System", "Owner"}, {"EMIS Web", "Karen Davies"}}},
		// A title row with one comma does not outvote the semicolons.
		{"title with a comma", "Register, 2025\nSystem;Owner;Supplier\nEMIS Web;Karen;EMIS\nDocman;Phil;Docman\n",
			[][]string{{"Register, 2025"}, {"System", "Owner", "Supplier"}, {"EMIS Web", "Karen", "EMIS"}, {"Docman", "Phil", "Docman"}}},
		// Rows are numbered as Excel shows them: a blank line is a row,
		// and a value over two lines is in one.
		{"blank lines and a value over two lines", "Title\n\nSystem,Notes\nEMIS Web,\"two\nlines\"\nDocman,x\n",
			[][]string{{"Title"}, nil, {"System", "Notes"}, {"EMIS Web", "two\nlines"}, {"Docman", "x"}}},
	} {
		book, err := Read("register.csv", []byte(tt.data))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(book.Sheets) != 1 || book.Sheets[0].Name != "" {
			t.Errorf("%s: %d sheets", tt.name, len(book.Sheets))
			continue
		}
		if got := texts(book.Sheets[0]); !equalRows(got, tt.want) {
			t.Errorf("%s: rows %q, want %q", tt.name, got, tt.want)
		}
	}
}

func equalRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") {
			return false
		}
	}
	return true
}

func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for name, data := range files {
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(data))
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadBad checks that what is no register Read can take gets an error
// naming the file, saying what it is, and what to do.
func TestReadBad(t *testing.T) {
	xlsx, err := os.ReadFile("testdata/register.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "register.x: the file is empty"},
		{"a byte order mark and spaces", []byte("\ufeff  \r\n"), "register.x: the file is empty"},
		{"too large", bytes.Repeat([]byte("a,b\n"), MaxSize/4+1), "register.x: the file is too large to be a register (16.0 MB"},
		{"an old Excel workbook", append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 512)...),
			"the file is an Excel 97-2003 workbook (.xls) or a workbook locked with a password"},
		{"UTF-16", []byte("\xff\xfeS\x00y\x00s\x00"), `the file is saved as "Unicode Text" (UTF-16)`},
		{"a picture", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "the file is not a spreadsheet: it holds binary data"},
		{"Windows' encoding", []byte("System,Cost\nEMIS,\xa3100\n"), "register.x: line 2 is not UTF-8 text (byte 0xA3)"},
		{"a zip of something else", zipOf(t, map[string]string{"notes.txt": "hello"}), "a zip archive, but not an Excel workbook"},
		{"OpenDocument", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}),
			"an OpenDocument spreadsheet (.ods)"},
		{"a workbook cut short", xlsx[:len(xlsx)/2], "register.x: the file is not an Excel workbook: it looks like a zip archive, but cannot be read"},
		// A quote never closed would take the rest of the file into one
		// cell: refused, with where it starts.
		{"a quote never closed", []byte("System,Notes\nEMIS,\"open\nDocman,x\n"), "register.x: line 2 cannot be read as CSV"},
		{"a stray quote", []byte("System,Notes\nEMIS,a 5\" screen\n"), "register.x: line 2 cannot be read as CSV: bare \" in non-quoted-field"},
		{"too many columns", []byte(strings.Repeat("a,", maxColumns+1) + "\n"), "register.x!1:1: the row has 502 columns"},
	} {
		_, err := Read("register.x", tt.data)
		var re *Error
		switch {
		case err == nil:
			t.Errorf("%s: read, want an error", tt.name)
		case !errors.As(err, &re):
			t.Errorf("%s: %T %v, want an *Error", tt.name, err, err)
		case !strings.Contains(err.Error(), tt.want):
			t.Errorf("%s: %q, want %q", tt.name, err, tt.want)
		case re.Hint == "":
			t.Errorf("%s: %q has no hint", tt.name, err)
		}
	}
}

func TestReadXLSX(t *testing.T) {
	data, err := os.ReadFile("testdata/register.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	book, err := Read("register.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, sh := range book.Sheets {
		names = append(names, sh.Name)
	}
	if strings.Join(names, ",") != "Services,Read me,Lists" || !book.Sheets[2].Hidden || book.Sheets[0].Hidden {
		t.Fatalf("sheets %q, hidden %v", names, []bool{book.Sheets[0].Hidden, book.Sheets[2].Hidden})
	}
	sh := book.Sheets[0]
	// A date cell shows as a date, and keeps its serial number.
	if c := sh.cell(6, 13); c.Text != "2025-04-01" || c.Raw != "45748" {
		t.Errorf("M6 = %+v, want a date", c)
	}
	if c := sh.cell(7, 14); c.Text != "sometime next year" {
		t.Errorf("N7 = %+v", c)
	}
	merged := map[string]bool{}
	for _, m := range sh.Merged {
		merged[m.String()] = true
	}
	for _, want := range []string{"A1:R1", "G5:H5", "A12:R12"} {
		if !merged[want] {
			t.Errorf("no merged %s among %v", want, sh.Merged)
		}
	}
}

func TestRef(t *testing.T) {
	for ref, want := range map[Ref]string{
		{File: "register.xlsx", Sheet: "Services", Row: 7, Col: 4}:  "register.xlsx!Services!D7",
		{File: "register.csv", Row: 7, Col: 28}:                     "register.csv!AB7",
		{File: "register.xlsx", Sheet: "Services"}:                  "register.xlsx!Services",
		{File: "register.xlsx", Sheet: "Services", Row: 5}:          "register.xlsx!Services!5:5",
		{File: "r.xlsx", Sheet: "S", Row: 1, Col: 26*26 + 26}:       "r.xlsx!S!ZZ1",
		{File: "r.xlsx", Sheet: "S", Row: 1048576, Col: 16384}:      "r.xlsx!S!XFD1048576",
		{File: "registers/old.csv"}:                                 "registers/old.csv",
		{File: "a.xlsx", Sheet: "Digital services", Row: 2, Col: 1}: "a.xlsx!Digital services!A2",
	} {
		if got := ref.String(); got != want {
			t.Errorf("%+v = %q, want %q", ref, got, want)
		}
	}
}
