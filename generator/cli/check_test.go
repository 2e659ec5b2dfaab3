package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/sitetest"
	"github.com/rogpeppe/go-internal/txtar"
)

// copyExample copies the repository's example site into a new folder.
func copyExample(t *testing.T) string { return sitetest.CopyExample(t, "../..") }

// copyFixture writes the minimal site of the golden tests, a practice of
// one of each record, into a new temporary folder and returns it.
func copyFixture(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("../pipeline/testdata/golden/minimal.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "site/"); ok {
			sitetest.Write(t, dir, name, string(f.Data))
		}
	}
	return dir
}

func run(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Main(context.Background(), args, Env{Stdout: &out, Stderr: &errOut,
		Now: func() time.Time { return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) }})
	return code, out.String(), errOut.String()
}

// TestCheckEditedExample breaks a copy of the example content the way a
// practice manager might, one mistake of each kind, and checks that check
// and build report each at its file:line:col, refuse it with exit 1, and
// leave the previous output alone.
func TestCheckEditedExample(t *testing.T) {
	dir := copyExample(t)
	public := filepath.Join(dir, "public")
	if code, _, stderr := run("build", "--source", dir); code != ExitOK {
		t.Fatalf("example does not build: %s", stderr)
	}
	before := sitetest.Snapshot(t, public)

	const (
		practice = "content/riverside/practice.toml"
		docman   = "content/riverside/services/docman.toml"
	)
	sitetest.Replace(t, dir, practice, "list_size = 11240", `list_size = "11,240"`)
	sitetest.Replace(t, dir, docman, `owner = "pnaylor"`, `owner = "pnaylr"`)
	sitetest.Replace(t, dir, docman, "[review]\nlast = 2026-05-14", "[review]\nlast = 2026-05-14\nlast_by = \"pnaylor\"")
	sitetest.Replace(t, dir, "content/riverside/services/accurx.toml", "[review]\nlast = ", "[review]\nlast = 2026-13-01\n# was ")

	want := []string{
		"content/riverside/practice.toml:8:13: list_size must be a whole number, not text",
		"\thint: write the number without quotes",
		"content/riverside/services/accurx.toml:56:8: last: there is no date 2026-13-01",
		"\thint: check the month (01 to 12) and the day of the month",
		"content/riverside/services/docman.toml:11:9: owner \"pnaylr\" is not a person of Riverside Medical Centre",
		"\thint: did you mean \"pnaylor\"?",
		"content/riverside/services/docman.toml:53:1: unknown key review.last_by",
	}
	code, stdout, stderr := run("check", "--source", dir)
	if code != ExitError {
		t.Errorf("check exit code %d, want %d", code, ExitError)
	}
	out := strings.ReplaceAll(stdout, filepath.ToSlash(dir)+"/", "")
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("check output lacks %q\n%s", w, out)
		}
	}
	if !strings.Contains(stderr, "handbook: error: 4 problems in the content") {
		t.Errorf("check summary: %s", stderr)
	}

	code, _, stderr = run("build", "--source", dir)
	if code != ExitError {
		t.Errorf("build exit code %d, want %d", code, ExitError)
	}
	if !strings.Contains(stderr, "nothing was published") {
		t.Errorf("build stderr: %s", stderr)
	}
	if after := sitetest.Snapshot(t, public); !maps.Equal(before, after) {
		t.Error("a failed build changed public/")
	}
}

// TestCheckFormats runs check on the example content in each format.
func TestCheckFormats(t *testing.T) {
	example := filepath.Join("..", "..")

	code, stdout, stderr := run("check", "--source", example)
	if code != ExitOK {
		t.Fatalf("check exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "content is valid; governance findings:") {
		t.Errorf("text summary missing: %s", stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if strings.HasPrefix(line, "\t") {
			continue
		}
		if !strings.HasPrefix(line, filepath.ToSlash(filepath.Join(example, "content"))+"/") &&
			!strings.HasPrefix(line, filepath.ToSlash(filepath.Join(example, "handbook.toml"))) {
			t.Errorf("finding does not start with a file name: %q", line)
		}
	}

	code, stdout, _ = run("check", "--source", example, "--format", "json")
	if code != ExitOK {
		t.Fatalf("json: exit %d", code)
	}
	var report jsonReport
	if err := json.Unmarshal([]byte(stdout), &report); err != nil {
		t.Fatalf("json output does not parse: %v", err)
	}
	if !report.Valid || len(report.Findings) == 0 {
		t.Fatalf("json: valid %v with %d findings", report.Valid, len(report.Findings))
	}
	for _, f := range report.Findings {
		if f.ID == "" || f.File == "" || f.Line < 1 || f.Col < 1 || f.Message == "" ||
			(f.Severity != "error" && f.Severity != "warning" && f.Severity != "info") {
			t.Errorf("incomplete finding: %+v", f)
		}
	}
	if n := report.Counts["error"] + report.Counts["warning"] + report.Counts["info"]; n != len(report.Findings) {
		t.Errorf("counts add up to %d, findings %d", n, len(report.Findings))
	}

	_, stdout, _ = run("check", "--source", example, "--format", "github")
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if !strings.HasPrefix(line, "::error file=") && !strings.HasPrefix(line, "::warning file=") &&
			!strings.HasPrefix(line, "::notice file=") {
			t.Errorf("not a workflow command: %q", line)
		}
	}

	if code, _, _ := run("check", "--source", example, "--fail-on", "error"); code != ExitError {
		t.Errorf("--fail-on error with error findings: exit %d, want 1", code)
	}
	if code, _, stderr := run("check", "--source", example, "--fail-on", "fatal"); code != ExitUsage {
		t.Errorf("--fail-on fatal: exit %d, want 2: %s", code, stderr)
	}
	if code, _, _ := run("check", "--source", example, "--format", "xml"); code != ExitUsage {
		t.Errorf("--format xml: exit %d, want 2", code)
	}
}

func TestAnnotationEscaping(t *testing.T) {
	var b bytes.Buffer
	annotate(&b, "warning", "content/a,b:c.toml", site.Pos{Line: 3, Col: 5}, "handbook: rule", "50% done\nnext line")
	want := "::warning file=content/a%2Cb%3Ac.toml,line=3,col=5,title=handbook%3A rule::50%25 done%0Anext line\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// TestReportIsOneLinePerProblem checks that a file name or message holding
// a line break or a terminal control prints as escapes, never as a line
// of its own or a command to the terminal.
func TestReportIsOneLinePerProblem(t *testing.T) {
	r := &report{errors: site.ErrorList{{
		Pos:  site.Pos{File: "content/alpha/services/a\n::error::b.toml"},
		Msg:  "name \x1b[31mred\x1b[0m and \u202eright to left",
		Hint: "a\rb",
	}}}
	var out strings.Builder
	r.text(&out)
	got := out.String()
	if n := strings.Count(got, "\n"); n != 2 {
		t.Errorf("%d lines for one problem and its hint:\n%s", n, got)
	}
	if strings.ContainsAny(got, "\x1b\r\u202e") {
		t.Errorf("a control character is printed as it is: %q", got)
	}
	if !strings.Contains(got, `a\n::error::b.toml`) {
		t.Errorf("the line break is not shown as an escape: %q", got)
	}
}
