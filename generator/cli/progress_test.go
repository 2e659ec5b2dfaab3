package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/sitetest"
)

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{
		0: "0", 7: "7", 999: "999", 1000: "1,000", 12345: "12,345", 999999: "999,999",
		1234567: "1,234,567", -1234: "-1,234", -999: "-999",
	} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestProgressLine(t *testing.T) {
	for _, tc := range []struct {
		s       pipeline.Progress
		elapsed time.Duration
		want    string
	}{
		{pipeline.Progress{Practices: 1234, Total: 6300, Pages: 90412}, 17658 * time.Millisecond,
			"Building: 1,234 of 6,300 practices · 90,412 pages · 5,120 pages/s"},
		{pipeline.Progress{Practices: 0, Total: 1, Pages: 1}, 2 * time.Second,
			"Building: 0 of 1 practice · 1 page · 1 pages/s"},
		{pipeline.Progress{Practices: 6300, Total: 6300, Pages: 420000}, time.Minute,
			"Building: 6,300 of 6,300 practices · 420,000 pages · 7,000 pages/s"},
		// Too wide for a terminal of 80 columns: the rate goes first.
		{pipeline.Progress{Practices: 123456789, Total: 123456789, Pages: 1234567890}, time.Second,
			"Building: 123,456,789 of 123,456,789 practices · 1,234,567,890 pages"},
		// Then the pages.
		{pipeline.Progress{Practices: 1 << 60, Total: 1 << 60, Pages: 1 << 61}, time.Second,
			"Building: 1,152,921,504,606,846,976 of 1,152,921,504,606,846,976 practices"},
	} {
		got := progressLine(tc.s, tc.elapsed)
		if got != tc.want {
			t.Errorf("progressLine(%+v, %v)\n got %q\nwant %q", tc.s, tc.elapsed, got, tc.want)
		}
		if n := utf8.RuneCountInString(got); n > progressWidth {
			t.Errorf("progressLine(%+v) is %d columns wide, more than %d", tc.s, n, progressWidth)
		}
	}
}

// clock is a fake time, moved on by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func (c *clock) at(ms int) {
	c.t = time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC).Add(time.Duration(ms) * time.Millisecond)
}

// drawn is what the display writes to show the line.
func drawn(line string) string { return "\r" + line + "\x1b[K" }

// TestProgressDisplay follows a build of three practices through the
// display: nothing for half a second, then at most a drawing every tenth
// of a second, but always the last practice, and a clean line at the end.
func TestProgressDisplay(t *testing.T) {
	var c clock
	c.at(0)
	var term bytes.Buffer
	p := newProgress(&term, c.now)
	steps := []struct {
		ms   int
		s    pipeline.Progress
		want string // what is written to the terminal
	}{
		{100, pipeline.Progress{Practices: 0, Total: 3, Pages: 12}, ""},
		{499, pipeline.Progress{Practices: 1, Total: 3, Pages: 500}, ""},
		{500, pipeline.Progress{Practices: 1, Total: 3, Pages: 1000},
			drawn("Building: 1 of 3 practices · 1,000 pages · 2,000 pages/s")},
		{599, pipeline.Progress{Practices: 2, Total: 3, Pages: 1100}, ""},
		{600, pipeline.Progress{Practices: 2, Total: 3, Pages: 1200},
			drawn("Building: 2 of 3 practices · 1,200 pages · 2,000 pages/s")},
		// The last practice is drawn however soon it comes.
		{601, pipeline.Progress{Practices: 3, Total: 3, Pages: 1803},
			drawn("Building: 3 of 3 practices · 1,803 pages · 3,000 pages/s")},
	}
	for _, step := range steps {
		c.at(step.ms)
		term.Reset()
		p.update(step.s)
		if got := term.String(); got != step.want {
			t.Errorf("at %d ms, %+v: wrote %q, want %q", step.ms, step.s, got, step.want)
		}
	}
	term.Reset()
	p.clear()
	if got, want := term.String(), "\r\x1b[K"; got != want {
		t.Errorf("clear wrote %q, want %q", got, want)
	}
	// Once cleared, the line stays away: what follows is the summary.
	c.at(5000)
	term.Reset()
	p.update(pipeline.Progress{Practices: 3, Total: 3, Pages: 1803})
	p.clear()
	if term.Len() > 0 {
		t.Errorf("after clear, wrote %q", term.String())
	}
}

// TestProgressQuickBuild checks that a build done within half a second
// writes nothing at all, on the terminal or at its end.
func TestProgressQuickBuild(t *testing.T) {
	var c clock
	c.at(0)
	var term bytes.Buffer
	p := newProgress(&term, c.now)
	for i := range 4 {
		c.at(100 * i)
		p.update(pipeline.Progress{Practices: i, Total: 3, Pages: 10 * i})
	}
	p.clear()
	if term.Len() > 0 {
		t.Errorf("a build of 300 ms wrote %q", term.String())
	}
	var none *progress
	none.clear() // no display: nothing to clear, and no panic
}

// ticking returns a clock that moves on a second each time it is read, so
// that every report of a build's progress is drawn.
func ticking() func() time.Time {
	t := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// progressDrawn matches the progress lines a build drew on the terminal
// and the clearing that ends them, when it drew any.
var progressDrawn = regexp.MustCompile("^(?:\r[^\r\n\x1b]*\x1b\\[K)*\r\x1b\\[K")

// TestBuildOnTerminal builds on a terminal and off one: on a terminal,
// stderr holds at most progress lines, cleared before anything else is
// printed, and otherwise what it holds off one; stdout is the same.
// --quiet prints nothing on either, but errors.
func TestBuildOnTerminal(t *testing.T) {
	dir := copyFixture(t)
	runOn := func(terminal bool, args ...string) (code int, stdout, stderr string) {
		var out, errOut bytes.Buffer
		args = append([]string{"build", "--source", dir, "--destination", filepath.Join(t.TempDir(), "public"), "--today", "2026-11-21"}, args...)
		code = Main(context.Background(), args, Env{Stdout: &out, Stderr: &errOut, Terminal: terminal, Now: ticking()})
		return code, out.String(), errOut.String()
	}
	// The summary says how long the build took, which differs run to run.
	took := regexp.MustCompile(` in [0-9.]+[µm]?s into .*`)
	same := func(name string, want int, args ...string) {
		t.Helper()
		code, stdout, stderr := runOn(false, args...)
		tcode, tstdout, tstderr := runOn(true, args...)
		if code != want || tcode != want {
			t.Fatalf("%s: exit code %d off a terminal, %d on one; want %d (stderr %q)", name, code, tcode, want, tstderr)
		}
		if took.ReplaceAllString(tstdout, "") != took.ReplaceAllString(stdout, "") {
			t.Errorf("%s: stdout on a terminal\n%s\ndiffers from off one\n%s", name, tstdout, stdout)
		}
		if rest := progressDrawn.ReplaceAllString(tstderr, ""); rest != stderr {
			t.Errorf("%s: stderr on a terminal, but for its progress,\n%q\ndiffers from off one\n%q", name, rest, stderr)
		}
		if strings.Contains(progressDrawn.ReplaceAllString(tstderr, ""), "Building:") {
			t.Errorf("%s: progress line left behind: %q", name, tstderr)
		}
	}

	same("build", ExitOK)
	if code, stdout, stderr := runOn(true, "--quiet"); code != ExitOK || stdout != "" || stderr != "" {
		t.Errorf("build --quiet on a terminal: exit code %d, stdout %q, stderr %q; want 0 and nothing", code, stdout, stderr)
	}

	sitetest.Replace(t, dir, "content/alpha/services/clinical.toml", `owner = "gp"`, `owner = "gpp"`)
	same("broken build", ExitError)
	code, stdout, stderr := runOn(true, "--quiet")
	if code != ExitError || stdout != "" {
		t.Errorf("broken build --quiet: exit code %d, stdout %q; want 1 and nothing", code, stdout)
	}
	for _, want := range []string{
		`content/alpha/services/clinical.toml:10:9: owner "gpp" is not a person of Alpha Surgery`,
		"handbook: error: 1 problem in the content: nothing was published",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("broken build --quiet: stderr lacks %q:\n%s", want, stderr)
		}
	}
}
