// Package pdftest helps tests that print with package pdf: it finds the
// browser and poppler-utils, or skips the test when they are not installed
// (but fails it when the CI environment variable is set, so browser tests
// never silently skip in CI), and reads a PDF back page by page.
package pdftest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/pdf"
)

// Browser returns the path of the browser that pdf.Find chooses. When there
// is none, it skips the test, or fails it when $CI is set. A
// $HANDBOOK_CHROMIUM that names no program always fails the test: it is a
// mistake, not a missing install.
func Browser(t testing.TB) string {
	t.Helper()
	p, err := pdf.Find()
	if err == nil {
		return p
	}
	switch {
	case !errors.Is(err, pdf.ErrNoBrowser):
		t.Fatalf("%v\nhint: fix or unset %s", err, pdf.BrowserEnv)
	case os.Getenv("CI") == "":
		t.Skipf("skipping: %v", err)
	}
	t.Fatalf("%v, and $CI is set\nhint: apt-get install -y chromium", err)
	return ""
}

// tools are the programs of poppler-utils that the functions below run.
var tools = []string{"pdfinfo", "pdftotext", "pdftohtml"}

// Tools checks that poppler-utils is installed. When it is not, it skips the
// test, or fails it when $CI is set.
func Tools(t testing.TB) {
	t.Helper()
	for _, name := range tools {
		if _, err := exec.LookPath(name); err != nil {
			if os.Getenv("CI") == "" {
				t.Skipf("skipping: %s not found on PATH (apt-get install -y poppler-utils)", name)
			}
			t.Fatalf("%s not found on PATH, and $CI is set\nhint: apt-get install -y poppler-utils", name)
		}
	}
}

// Pages returns the text of each page of the PDF, in order, as
// `pdftotext -layout` lays it out.
func Pages(t testing.TB, doc []byte) []string {
	t.Helper()
	file := write(t, doc)
	n := pageCount(t, file)
	// pdftotext ends every page with a form feed.
	pages := strings.Split(string(run(t, "pdftotext", "-layout", "-enc", "UTF-8", file, "-")), "\f")
	if len(pages) != n+1 || pages[n] != "" {
		t.Fatalf("pdftotext gave %d form feeds for %d pages", len(pages)-1, n)
	}
	return pages[:n]
}

var sizeLine = regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([0-9.]+) x ([0-9.]+) pts`)

// PageSizes returns the width and height of each page of the PDF, in
// order, in PostScript points (1/72 inch): A4 is about 595.3 × 841.9.
func PageSizes(t testing.TB, doc []byte) [][2]float64 {
	t.Helper()
	file := write(t, doc)
	n := pageCount(t, file)
	out := run(t, "pdfinfo", "-f", "1", "-l", strconv.Itoa(n), file)
	var sizes [][2]float64
	for _, m := range sizeLine.FindAllSubmatch(out, -1) {
		w, err1 := strconv.ParseFloat(string(m[2]), 64)
		h, err2 := strconv.ParseFloat(string(m[3]), 64)
		if err := errors.Join(err1, err2); err != nil {
			t.Fatalf("pdfinfo: %q: %v", m[0], err)
		}
		sizes = append(sizes, [2]float64{w, h})
	}
	if len(sizes) != n {
		t.Fatalf("pdfinfo gave %d page sizes for %d pages:\n%s", len(sizes), n, out)
	}
	return sizes
}

// Outline returns the titles of the PDF's bookmark outline in document
// order, each indented by two spaces per level below the top, such as
// {"Plan", "  Contacts", "Runbooks"}. A PDF without an outline gives none.
func Outline(t testing.TB, doc []byte) []string {
	t.Helper()
	file := write(t, doc)
	// pdftohtml -xml ends its output with the outline, nested as the
	// bookmarks are: <outline><item>Title</item><outline>...</outline>.
	// It writes nothing beside the file with -stdout and -i (no images).
	out := run(t, "pdftohtml", "-xml", "-stdout", "-i", "-q", file)
	titles, err := outline(out)
	if err != nil {
		t.Fatalf("reading the outline from pdftohtml -xml: %v", err)
	}
	return titles
}

// outline reads the outline items from the XML of pdftohtml.
func outline(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	// The page text is not ours to validate: read leniently.
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var titles []string
	depth := 0 // of <outline> elements
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return titles, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch {
			case tok.Name.Local == "outline":
				depth++
			case tok.Name.Local == "item" && depth > 0:
				var title string
				if err := d.DecodeElement(&title, &tok); err != nil {
					return nil, err
				}
				titles = append(titles, strings.Repeat("  ", depth-1)+strings.TrimSpace(title))
			}
		case xml.EndElement:
			if tok.Name.Local == "outline" {
				depth--
			}
		}
	}
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// pageCount returns the number of pages of the PDF file.
func pageCount(t testing.TB, file string) int {
	t.Helper()
	out := run(t, "pdfinfo", file)
	m := pagesLine.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", out)
	}
	n, err := strconv.Atoi(string(m[1]))
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	return n
}

// write writes the PDF to a new file in the test's temporary folder and
// returns its path.
func write(t testing.TB, doc []byte) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Write(doc)
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// run runs a poppler tool and returns its standard
// output, failing the test with its standard error if it fails.
func run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

// Word is a word of a PDF page and its box, in points from the page's
// top left corner.
type Word struct {
	Page                   int // from 1
	Text                   string
	XMin, YMin, XMax, YMax float64
	// PageWidth and PageHeight are the size of its page.
	PageWidth, PageHeight float64
}

// Words returns every word of the PDF with its position, as
// `pdftotext -bbox` finds them.
func Words(t testing.TB, doc []byte) []Word {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", "-enc", "UTF-8", write(t, doc), "-")
	d := xml.NewDecoder(bytes.NewReader(out))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var words []Word
	var page int
	var w, h float64
	attr := func(e xml.StartElement, name string) float64 {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				v, err := strconv.ParseFloat(a.Value, 64)
				if err != nil {
					t.Fatalf("pdftotext -bbox: %s=%q: %v", name, a.Value, err)
				}
				return v
			}
		}
		t.Fatalf("pdftotext -bbox: <%s> has no %s", e.Name.Local, name)
		return 0
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading pdftotext -bbox: %v", err)
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "page":
			page++
			w, h = attr(e, "width"), attr(e, "height")
		case "word":
			var text string
			if err := d.DecodeElement(&text, &e); err != nil {
				t.Fatalf("reading pdftotext -bbox: %v", err)
			}
			words = append(words, Word{Page: page, Text: text, XMin: attr(e, "xMin"), YMin: attr(e, "yMin"),
				XMax: attr(e, "xMax"), YMax: attr(e, "yMax"), PageWidth: w, PageHeight: h})
		}
	}
	return words
}
