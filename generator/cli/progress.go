package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/handbook-nhs/handbook/generator/pipeline"
)

const (
	// progressDelay is how long a build runs before its progress shows,
	// so that a build of a few practices does not flash a line.
	progressDelay = 500 * time.Millisecond
	// progressEvery is the least time between two drawings of the line.
	progressEvery = 100 * time.Millisecond
	// progressWidth is the most columns the line takes: one fewer than
	// a terminal of 80, so that the cursor stays on the line.
	progressWidth = 79
)

const (
	carriageReturn = "\r"
	eraseLine      = "\x1b[K" // erase from the cursor to the end of the line
)

// progress shows how a build is going on one line of a terminal, drawn
// again in place as the build reports (pipeline.Options.Progress): how many
// practices are written of how many, the pages, and the pages per second
// since the build began. It draws nothing before progressDelay, at most
// once in progressEvery, and always the last practice; clear leaves the
// terminal as it was, for what is printed next.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time

	// mu guards the rest: the build's calls come one at a time, but not
	// necessarily from the goroutine that calls clear.
	mu    sync.Mutex
	drawn time.Time // when the line was last drawn
	shown bool      // whether a line is on the terminal
	done  bool      // whether clear was called
}

// newProgress returns a progress display writing to the terminal w, whose
// build begins now.
func newProgress(w io.Writer, now func() time.Time) *progress {
	return &progress{w: w, now: now, start: now()}
}

// update is the build's Options.Progress.
func (p *progress) update(s pipeline.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	t := p.now()
	elapsed := t.Sub(p.start)
	if elapsed < progressDelay {
		return
	}
	if p.shown && t.Sub(p.drawn) < progressEvery && s.Practices < s.Total {
		return
	}
	fmt.Fprint(p.w, carriageReturn+progressLine(s, elapsed)+eraseLine)
	p.drawn, p.shown = t, true
}

// clear erases the line, if one is shown, and stops drawing it: the build
// is over. A nil *progress has nothing to clear.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, carriageReturn+eraseLine)
	}
	p.shown, p.done = false, true
}

// progressLine says how far a build has got, elapsed after it began, in
// at most progressWidth columns:
//
//	Building: 1,234 of 6,300 practices · 90,412 pages · 5,120 pages/s
//
// Where the numbers are too big, the rate goes first, then the pages.
func progressLine(s pipeline.Progress, elapsed time.Duration) string {
	if s.ToPrint > 0 {
		return "Printing: " + thousands(s.Printed) + " of " + count(s.ToPrint, "PDF", "PDFs")
	}
	parts := []string{
		"Building: " + thousands(s.Practices) + " of " + count(s.Total, "practice", "practices"),
		count(s.Pages, "page", "pages"),
	}
	if elapsed > 0 {
		rate := float64(s.Pages) / elapsed.Seconds()
		parts = append(parts, thousands(int(rate+0.5))+" pages/s")
	}
	line := strings.Join(parts, " · ")
	for len(parts) > 1 && utf8.RuneCountInString(line) > progressWidth {
		parts = parts[:len(parts)-1]
		line = strings.Join(parts, " · ")
	}
	if utf8.RuneCountInString(line) > progressWidth {
		line = string([]rune(line)[:progressWidth])
	}
	return line
}

// count is n things, with n written with thousands separators.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
}

// thousands writes n with a comma between each three digits: 1,234,567.
func thousands(n int) string { return british.Sprint(n) }

// british formats numbers as written in the UK.
var british = message.NewPrinter(language.BritishEnglish)
