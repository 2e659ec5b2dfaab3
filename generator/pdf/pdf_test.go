package pdf_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/pdf"
	"github.com/handbook-nhs/handbook/generator/pdf/pdftest"
	"github.com/handbook-nhs/handbook/generator/site"
)

// packPage is a three-page pack. Its stylesheet and logo are separate files,
// referenced relatively, and its script refuses to print (with
// data-print-error) unless both arrived, so a pass proves the server serves
// the files.
const packPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Riverside continuity pack</title>
<link rel="stylesheet" href="../assets/print.css">
<style>
@page {
	size: A4;
	margin: 20mm;
	@bottom-right { content: "Page " counter(page) " of " counter(pages) }
}
</style>
</head>
<body>
<section>
<h1>Contacts</h1>
<img src="img/logo.png" alt="Riverside Surgery logo">
<p>Call the practice manager first.</p>
<h2>Out of hours</h2>
<p>Call 111.</p>
</section>
<section>
<h1>Systems</h1>
<p>The clinical system is hosted.</p>
</section>
<section>
<h1>Runbooks – Café</h1>
<p>Restore from the nightly copy.</p>
</section>
<script>
addEventListener("load", () => {
	const logo = document.querySelector("img");
	const styled = getComputedStyle(document.querySelector("section + section")).breakBefore === "page";
	if (!styled) {
		document.documentElement.setAttribute("data-print-error", "print.css did not load");
	} else if (logo.naturalWidth !== 4) {
		document.documentElement.setAttribute("data-print-error", "the logo did not load");
	}
});
</script>
</body>
</html>
`

const printCSS = `section + section { break-before: page }
p:first-of-type::after { content: " [styled]" }
`

// cardPage sets no @page size, so it prints on the fallback paper.
const cardPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Card</title></head>
<body><h1>Emergency card</h1></body></html>
`

func logoPNG(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	for x := range 4 {
		img.Set(x, 0, color.NRGBA{0, 0x5e, 0xb8, 0xff})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPrint(t *testing.T) {
	pdftest.Tools(t)
	browser := pdftest.Browser(t)
	tmp := useTempDir(t)

	files := []site.File{
		{Path: "riverside/continuity-pack.html", Data: []byte(packPage)},
		{Path: "riverside/img/logo.png", Data: logoPNG(t)},
		{Path: "riverside/card.html", Data: []byte(cardPage)},
		{Path: "assets/print.css", Data: []byte(printCSS)},
	}
	jobs := []pdf.Job{
		{Page: "riverside/continuity-pack.html", Out: "riverside/continuity-pack.pdf"},
		{Page: "riverside/card.html", Out: "riverside/card.pdf"},
	}
	out, err := pdf.Print(t.Context(), files, jobs, pdf.Options{Browser: browser})
	if err != nil {
		t.Fatal(err)
	}
	checkNoBrowserLeft(t, tmp)

	var paths []string
	for _, f := range out {
		paths = append(paths, f.Path)
	}
	if want := []string{"riverside/continuity-pack.pdf", "riverside/card.pdf"}; !slices.Equal(paths, want) {
		t.Fatalf("Print made %q, want %q", paths, want)
	}

	pack := out[0].Data
	pages := pdftest.Pages(t, pack)
	if len(pages) != 3 {
		t.Fatalf("the pack has %d pages, want 3:\n%s", len(pages), strings.Join(pages, "\n----\n"))
	}
	for i, heading := range []string{"Contacts", "Systems", "Runbooks – Café"} {
		for _, want := range []string{heading, fmt.Sprintf("Page %d of 3", i+1), "[styled]"} {
			if !strings.Contains(pages[i], want) {
				t.Errorf("page %d does not contain %q:\n%s", i+1, want, pages[i])
			}
		}
	}
	checkA4(t, "the pack", pdftest.PageSizes(t, pack))
	checkA4(t, "the card", pdftest.PageSizes(t, out[1].Data))

	want := []string{"Contacts", "  Out of hours", "Systems", "Runbooks – Café"}
	if got := pdftest.Outline(t, pack); !slices.Equal(got, want) {
		t.Errorf("the pack's outline is %q, want %q", got, want)
	}
}

// checkA4 checks that every page is A4 portrait, within a point: Chromium
// 156 makes A4 594.96 × 841.92 pt, not exactly 595.28 × 841.89.
func checkA4(t *testing.T, what string, sizes [][2]float64) {
	t.Helper()
	for i, s := range sizes {
		if math.Abs(s[0]-595.3) > 1 || math.Abs(s[1]-841.9) > 1 {
			t.Errorf("%s: page %d is %.2f × %.2f pt, want A4 (595.3 × 841.9)", what, i+1, s[0], s[1])
		}
	}
}

func TestPrintReportedErrors(t *testing.T) {
	pdftest.Tools(t)
	browser := pdftest.Browser(t)

	reporting := func(msg string) []byte {
		return []byte(`<!doctype html><html lang="en"><head><title>Bad</title></head><body>
<table><tr><td>wide</td></tr></table>
<script>document.fonts.ready.then(() =>
	document.documentElement.setAttribute("data-print-error", ` + strconv.Quote(msg) + `))</script>
</body></html>`)
	}
	files := []site.File{
		{Path: "a/register.html", Data: reporting("table 2 is wider than the page")},
		{Path: "a/card.html", Data: []byte(cardPage)},
		{Path: "b/register.html", Data: reporting(`row "Docman" is cut`)},
	}
	jobs := []pdf.Job{
		{Page: "a/register.html", Out: "a/register.pdf"},
		{Page: "a/card.html", Out: "a/card.pdf"},
		{Page: "b/register.html", Out: "b/register.pdf"},
	}
	out, err := pdf.Print(t.Context(), files, jobs, pdf.Options{Browser: browser})
	if err == nil {
		t.Fatalf("Print succeeded with %d files, want an error", len(out))
	}
	want := `printing a/register.html: the page reports a print error: "table 2 is wider than the page"
printing b/register.html: the page reports a print error: "row \"Docman\" is cut"`
	if err.Error() != want {
		t.Errorf("Print error:\n%s\nwant:\n%s", err, want)
	}
	if out != nil {
		t.Errorf("Print returned %d files with its error", len(out))
	}
}

func TestPrintBadJobs(t *testing.T) {
	// The browser does not exist: the jobs must be refused before it is
	// needed.
	opt := pdf.Options{Browser: "/nonexistent/chromium"}
	files := []site.File{{Path: "riverside/index.html", Data: []byte(cardPage)}}
	jobs := []pdf.Job{
		{Page: "riverside/index.html", Out: "riverside/index.pdf"},
		{Page: "riverside/continuity-pack.html", Out: "riverside/continuity-pack.pdf"},
		{Page: "", Out: "x.pdf"},
		{Page: "riverside/index.html", Out: ""},
	}
	_, err := pdf.Print(t.Context(), files, jobs, opt)
	want := `printing riverside/continuity-pack.html: no such page in the site
printing job 3: no page given
printing riverside/index.html: no output path given`
	if err == nil || err.Error() != want {
		t.Errorf("Print error:\n%v\nwant:\n%s", err, want)
	}

	out, err := pdf.Print(t.Context(), files, nil, opt)
	if out != nil || err != nil {
		t.Errorf("Print with no jobs = %v, %v; want nothing", out, err)
	}
}

func TestPrintBrowserFails(t *testing.T) {
	files := []site.File{{Path: "index.html", Data: []byte(cardPage)}}
	jobs := []pdf.Job{{Page: "index.html", Out: "index.pdf"}}
	for _, browser := range []string{"/nonexistent/chromium", "/bin/false"} {
		_, err := pdf.Print(t.Context(), files, jobs, pdf.Options{Browser: browser})
		if want := "starting the browser " + browser + ": "; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Print with %s: error %v, want one starting %q", browser, err, want)
		}
	}
}

func TestStartBrowserNoAnswer(t *testing.T) {
	// The browser is a shell that waits to read a pipe that nothing ever
	// opens: it starts, and never answers. It keeps the browser's command
	// line, so checkNoBrowserLeft would see it if it were left running.
	dir := t.TempDir()
	never := filepath.Join(dir, "never")
	if err := syscall.Mkfifo(never, 0o600); err != nil {
		t.Fatal(err)
	}
	browser := program(t, dir, "mute", "read line <"+shellQuote(never))
	tmp := useTempDir(t)

	err := pdf.StartBrowser(t.Context(), browser, 100*time.Millisecond)
	if want := "starting the browser " + browser + ": no answer after 100ms"; err == nil || err.Error() != want {
		t.Errorf("StartBrowser error %v, want %q", err, want)
	}
	checkNoBrowserLeft(t, tmp)
}

// hangingPage never finishes loading.
const hangingPage = `<!doctype html><html lang="en"><head><title>Hang</title></head>
<body><script>for (;;) {}</script></body></html>`

func TestPrintCancelled(t *testing.T) {
	pdftest.Tools(t)
	browser := pdftest.Browser(t)
	jobs := []pdf.Job{{Page: "hang.html", Out: "hang.pdf"}}

	t.Run("before", func(t *testing.T) {
		tmp := useTempDir(t)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		files := []site.File{{Path: "hang.html", Data: []byte(hangingPage)}}
		_, err := pdf.Print(ctx, files, jobs, pdf.Options{Browser: browser})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Print error %v, want context.Canceled", err)
		}
		checkNoBrowserLeft(t, tmp)
	})

	t.Run("while printing", func(t *testing.T) {
		tmp := useTempDir(t)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		// The server cancels the print when the browser asks for the
		// page, and never answers. The page may take an hour: a Print
		// that waited for that instead of returning on ctx would fail
		// by the test binary's own timeout, not by a clock of ours.
		server := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/hang.html" {
				cancel()
			}
			<-r.Context().Done()
		})
		_, err := pdf.PrintFrom(ctx, server, jobs, pdf.Options{Browser: browser, Timeout: time.Hour})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("PrintFrom error %v, want context.Canceled", err)
		}
		checkNoBrowserLeft(t, tmp)
	})
}

func TestPrintTimeout(t *testing.T) {
	pdftest.Tools(t)
	browser := pdftest.Browser(t)
	// The browser takes longer to start than the page is allowed, as it
	// may on a busy machine: only the page's time counts against the
	// Timeout, and the page never finishes.
	const timeout = 100 * time.Millisecond
	slow := program(t, t.TempDir(), "slow-chromium",
		fmt.Sprintf("sleep %g\nexec %s \"$@\"", (2*timeout).Seconds(), shellQuote(browser)))
	tmp := useTempDir(t)

	files := []site.File{{Path: "hang.html", Data: []byte(hangingPage)}}
	jobs := []pdf.Job{{Page: "hang.html", Out: "hang.pdf"}}
	_, err := pdf.Print(t.Context(), files, jobs, pdf.Options{Browser: slow, Timeout: timeout})
	if want := "printing hang.html: not done after 100ms"; err == nil || err.Error() != want {
		t.Errorf("Print error %v, want %q", err, want)
	}
	checkNoBrowserLeft(t, tmp)
}

// program writes a shell script of the given body to an executable file
// name in dir, and returns its path. Make dir before useTempDir, which
// must stay empty of anything but the browser's own files.
func program(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// shellQuote quotes s as one word of a shell command.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// useTempDir points TMPDIR, where the browser's temporary profile is made,
// to a new empty folder, and returns it. The folder's path is short, unlike
// t.TempDir's: Chromium fails when the path of the socket it makes in
// TMPDIR is longer than a Unix socket allows.
func useTempDir(t *testing.T) string {
	tmp, err := os.MkdirTemp("", "pdf")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(tmp) })
	t.Setenv("TMPDIR", tmp)
	return tmp
}

// checkNoBrowserLeft checks that no process has a profile in tmp, and that
// tmp is empty again.
func checkNoBrowserLeft(t *testing.T, tmp string) {
	t.Helper()
	procs, err := os.ReadDir("/proc")
	if err != nil {
		t.Logf("cannot list processes: %v", err)
		return
	}
	for _, p := range procs {
		if _, err := strconv.Atoi(p.Name()); err != nil {
			continue
		}
		cmdline, err := os.ReadFile("/proc/" + p.Name() + "/cmdline")
		if err == nil && bytes.Contains(cmdline, []byte("--user-data-dir="+tmp)) {
			t.Errorf("process %s still runs: %s", p.Name(), bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '}))
		}
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("%s is left in the temporary folder", e.Name())
	}
}

// TestPrintIsDeterministic prints the same pages twice, seconds apart and
// in the other order, in a browser that numbers what it has seen: with a
// Date each PDF is the same bytes both times, says it was made on that
// date, and holds no address of the server it was read from.
func TestPrintIsDeterministic(t *testing.T) {
	browser := pdftest.Browser(t)
	linked := `<!DOCTYPE html><html lang="en"><head><title>Linked</title></head><body><h1>Linked</h1>
<table><thead><tr><th>Step</th></tr></thead><tbody><tr><td><a href="card.html">the card</a></td></tr></tbody></table></body></html>`
	files := []site.File{{Path: "card.html", Data: []byte(cardPage)}, {Path: "linked.html", Data: []byte(linked)},
		{Path: "assets/print.css", Data: []byte(printCSS)}}
	jobs := []pdf.Job{{Page: "card.html", Out: "card.pdf"}, {Page: "linked.html", Out: "linked.pdf"}}
	opt := pdf.Options{Browser: browser, Date: site.NewDate(2026, 11, 21)}
	var prints []map[string][]byte
	for i := range 2 {
		if i > 0 {
			time.Sleep(1100 * time.Millisecond) // the browser's clock counts seconds
			slices.Reverse(jobs)
		}
		out, err := pdf.Print(t.Context(), files, jobs, opt)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]byte{}
		for _, f := range out {
			got[f.Path] = f.Data
		}
		prints = append(prints, got)
	}
	for name, data := range prints[0] {
		if !bytes.Equal(data, prints[1][name]) {
			t.Errorf("two prints of %s differ", name)
		}
		if bytes.Contains(data, []byte("127.0.0.1")) {
			t.Errorf("%s holds the address of the server it was printed from", name)
		}
	}
	for _, key := range []string{"/CreationDate (D:20261121000000", "/ModDate (D:20261121000000"} {
		if !bytes.Contains(prints[0]["card.pdf"], []byte(key)) {
			t.Errorf("the PDF has no %s", key)
		}
	}
}

// TestSweepsFoldersOfKilledRuns checks that the browser folder of a run
// killed before it could remove it is removed by the next run, and that
// the folder of a run still going is kept.
func TestSweepsFoldersOfKilledRuns(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("process ids are looked up with signal 0")
	}
	tmp := useTempDir(t)
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	stale := filepath.Join(tmp, fmt.Sprintf("%s%d-123", pdf.HomePrefix, gone.Process.Pid))
	live := filepath.Join(tmp, fmt.Sprintf("%s%d-456", pdf.HomePrefix, os.Getppid()))
	other := filepath.Join(tmp, "handbook-notes")
	for _, d := range []string{stale, live, other} {
		if err := os.MkdirAll(filepath.Join(d, "profile"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	pdf.SweepHomes()
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder of a killed run is still there: %v", err)
	}
	for _, d := range []string{live, other} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", d, err)
		}
	}
}
