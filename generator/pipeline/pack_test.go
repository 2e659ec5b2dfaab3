package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/pdf"
	"github.com/handbook-nhs/handbook/generator/pdf/pdftest"
	"github.com/handbook-nhs/handbook/generator/site"
)

// A4 in PostScript points, and the pack's side margins (14 mm).
const (
	a4Width, a4Height = 595.28, 841.89
	sideMargin        = 14 / 25.4 * 72
)

// TestPrintedDocuments prints the example's continuity packs and three
// of its review checklists in Chromium, from a build with PDFs, and reads
// the PDFs back page by page, as the paper will be read.
//
// The packs: A4 pages; each action card starting at the top of its own
// page; the page numbers on the cover and the contents right; "Page X of
// Y", the practice name and the version stamp on every page; every step of
// every card on paper; and no word outside the printable area. The
// checklists: A4 pages, each with the practice name and Page X of Y, and
// no navigation.
func TestPrintedDocuments(t *testing.T) {
	browser := pdftest.Browser(t)
	pdftest.Tools(t)
	b := mustBuild(t, os.DirFS(exampleSite), Options{Today: goldenToday, PDF: true, Packs: true}) // the private copy

	practices := b.practices(t)
	pr := practices[0]
	checklists := []string{pr.ICBReviewURL(), pr.RegisterReviewURL(), pr.PlanReviewURL(), pr.Services[0].AccessReviewURL()}
	var jobs []pdf.Job
	for _, part := range b.parts {
		for _, j := range part.Print {
			if strings.HasSuffix(j.Page, "/continuity-pack.html") || slices.Contains(checklists, j.Page) {
				jobs = append(jobs, pdf.Job{Page: j.Page, Out: j.PDF})
			}
		}
	}
	if len(jobs) != len(practices)+len(checklists) {
		t.Fatalf("the parts list %d of the %d packs and checklists to print", len(jobs), len(practices)+len(checklists))
	}
	pdfs, err := pdf.Print(context.Background(), b.files, jobs, pdf.Options{Browser: browser})
	if err != nil {
		t.Fatal(err)
	}
	printed := map[string][]byte{}
	for i, f := range pdfs {
		printed[jobs[i].Page] = f.Data
	}
	for _, pr := range practices {
		html, _ := b.file(pr.ContinuityPackURL())
		t.Run(pr.ID, func(t *testing.T) { checkPack(t, pr, html, printed[pr.ContinuityPackURL()]) })
	}
	for _, page := range checklists {
		t.Run(page, func(t *testing.T) { checkChecklist(t, pr, printed[page]) })
	}
	// The checklists filled in from the changes and incidents.
	for page, want := range map[string][]string{
		pr.ICBReviewURL():      {"Incidents in the period:", "Changes planned:", "Changes that went live in the period:", "Assets due for replacement"},
		pr.RegisterReviewURL(): {"Changes to come:", "where the workload went"},
		pr.PlanReviewURL():     {"Essential functions", "Vulnerable patients", "Never exercised", "Changes that went live"},
	} {
		text := strings.Join(strings.Fields(strings.Join(pdftest.Pages(t, printed[page]), " ")), " ")
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the printed checklist does not say %q", page, w)
			}
		}
	}
}

var (
	pageOf   = regexp.MustCompile(`Page (\d+) of (\d+)`)
	stampRe  = regexp.MustCompile(`Plan version (\S+) · content ([0-9a-f]{10}) · built (.+?)\s*$`)
	coverRow = regexp.MustCompile(`^(.+?)\s+Card (\d+), page (\d+)$`)
	tocRow   = regexp.MustCompile(`^(?:Card \d+: )?(.+?)\s+page (\d+)$`)
)

func checkPack(t *testing.T, pr *site.Practice, html, doc []byte) {
	for i, size := range pdftest.PageSizes(t, doc) {
		if math.Abs(size[0]-a4Width) > 1 || math.Abs(size[1]-a4Height) > 1 {
			t.Errorf("page %d is %.1f × %.1f pt, not A4", i+1, size[0], size[1])
		}
	}
	pages := pdftest.Pages(t, doc)
	n := len(pages)
	lines := make([][]string, n)
	for i, p := range pages {
		for l := range strings.SplitSeq(p, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines[i] = append(lines[i], l)
			}
		}
		if len(lines[i]) < 3 {
			t.Fatalf("page %d is nearly empty:\n%s", i+1, p)
		}
	}

	// The running head and foot of every page.
	wantStamp := fmt.Sprintf("Plan version %s · content ", pr.Continuity.Version)
	var digest string
	for i, ls := range lines {
		head, foot := ls[0], ls[len(ls)-1]
		if !strings.HasPrefix(head, pr.Name) {
			t.Errorf("page %d: the first line %q does not name the practice", i+1, head)
		}
		m := pageOf.FindStringSubmatch(foot)
		if m == nil || m[1] != strconv.Itoa(i+1) || m[2] != strconv.Itoa(n) {
			t.Errorf("page %d: the last line %q does not say Page %d of %d", i+1, foot, i+1, n)
		}
		s := stampRe.FindStringSubmatch(strings.TrimSpace(pageOf.ReplaceAllString(foot, "")))
		switch {
		case s == nil || !strings.HasPrefix(s[0], wantStamp) || s[3] != goldenToday.Human():
			t.Errorf("page %d: no version stamp (%s…, built %s) in the foot %q", i+1, wantStamp, goldenToday.Human(), foot)
		case digest == "":
			digest = s[2]
		case s[2] != digest:
			t.Errorf("page %d: content digest %s, page 1 has %s", i+1, s[2], digest)
		}
	}

	// Each card starts a page with its title, straight under the head.
	startsWith := func(page int, title string) bool {
		return page >= 1 && page <= n && len(lines[page-1]) > 1 && lines[page-1][1] == title
	}
	titles := map[string]bool{}
	for _, rb := range pr.Runbooks {
		titles[rb.Title] = true
	}

	// The cover: every runbook once, each on the page it says.
	var cover []string
	cardPages := map[string]int{}
	for _, l := range lines[0] {
		if m := coverRow.FindStringSubmatch(l); m != nil {
			cover = append(cover, m[1])
			page, _ := strconv.Atoi(m[3])
			cardPages[m[1]] = page
			if !startsWith(page, m[1]) {
				t.Errorf("the cover sends %q to page %d, which starts with %q", m[1], page, second(lines, page))
			}
		}
	}
	if len(cover) != len(pr.Runbooks) {
		t.Errorf("the cover lists %d runbooks, want %d: %q", len(cover), len(pr.Runbooks), cover)
	}
	for _, title := range cover {
		if !titles[title] {
			t.Errorf("the cover lists %q, which is no runbook of %s", title, pr.Name)
		}
	}

	// The contents: every part, on the page it says, in page order.
	var last int
	var toc int
	var partStarts []int
	for _, l := range lines[1] {
		m := tocRow.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		toc++
		title := m[1]
		page, _ := strconv.Atoi(m[2])
		if !startsWith(page, title) {
			t.Errorf("the contents put %q on page %d, which starts with %q", m[1], page, second(lines, page))
		}
		if page <= last {
			t.Errorf("the contents put %q on page %d, not after page %d", m[1], page, last)
		}
		last = page
		partStarts = append(partStarts, page)
	}
	checkCards(t, pr, lines, cardPages, partStarts)
	// Every part but the cover and the contents themselves.
	if want := bytes.Count(html, []byte(`<section class="part`)) - 2; toc != want {
		t.Errorf("the contents list %d parts, want %d", toc, want)
	}

	// Every step of every card is on paper, whole.
	// A line may break after a word's own hyphen (on-|the-day): joined
	// again, the word reads as written.
	text := normalize(hyphenBreak.ReplaceAllString(strings.Join(pages, " "), "$1"))
	for _, rb := range pr.Runbooks {
		var steps []string
		for _, ra := range append(slices.Clone(rb.First15), rb.Steps...) {
			steps = append(steps, ra.Actions...)
		}
		steps = append(steps, rb.Recovery.BackEntry...)
		steps = append(steps, rb.StandDown...)
		for _, s := range steps {
			if !strings.Contains(text, normalize(s)) {
				t.Errorf("card %q: step not found in the PDF text: %q", rb.Title, s)
			}
		}
	}
	for _, step := range pr.Continuity.Cascade {
		for _, pe := range step.CallRefs {
			if pe.PersonalMobile != "" && !pe.IsLeaver() && !strings.Contains(text, pe.PersonalMobile) {
				t.Errorf("the cascade does not print %s's mobile %s", pe.Name, pe.PersonalMobile)
			}
		}
	}

	// No word outside the printable area: nothing cut off at an edge.
	for _, w := range pdftest.Words(t, doc) {
		if w.XMin < sideMargin-1 || w.XMax > w.PageWidth-sideMargin+1 || w.YMin < 5 || w.YMax > w.PageHeight-5 {
			t.Errorf("page %d: %q at x %.1f–%.1f, y %.1f–%.1f is outside the printable area of %.1f × %.1f",
				w.Page, w.Text, w.XMin, w.XMax, w.YMin, w.YMax, w.PageWidth, w.PageHeight)
		}
	}

	// The bookmarks lead to every card.
	outline := strings.Join(pdftest.Outline(t, doc), "\n")
	for title := range titles {
		if !strings.Contains(outline, title) {
			t.Errorf("the PDF outline has no bookmark for %q", title)
		}
	}

	// The plan's own sections: the essential functions, vulnerable
	// patients and the risk assessment, each starting a page, with what
	// the records hold.
	vulnerable := []string{"Who they are", "How to reach them"}
	if pr.Continuity.Vulnerable == nil {
		vulnerable = []string{"The plan does not say how vulnerable patients are identified and contacted."}
	}
	for title, want := range map[string][]string{
		"Essential functions": namesOf(pr.Continuity.Functions, func(f *site.Function) string { return firstWords(f.Name) }),
		"Vulnerable patients": vulnerable,
		"Risk assessment":     namesOf(pr.Continuity.Risks, func(r *site.Risk) string { return firstWords(r.Risk) }),
	} {
		start := slices.IndexFunc(lines, func(ls []string) bool { return len(ls) > 1 && ls[1] == title })
		if start < 0 {
			t.Errorf("no page starts with %q", title)
			continue
		}
		section := normalize(hyphenBreak.ReplaceAllString(strings.Join(pages[start:min(start+3, n)], " "), "$1"))
		for _, w := range want {
			if !strings.Contains(section, normalize(w)) {
				t.Errorf("%s: %q is not printed", title, w)
			}
		}
	}

	// The paper reporting sheet: a page that starts with it and lists
	// every route, with the 72-hour deadlines counted from awareness.
	sheet := -1
	for i := range lines {
		if startsWith(i+1, "Reporting the incident") {
			sheet = i
		}
	}
	if sheet < 0 {
		t.Fatalf("no page starts with the reporting sheet")
	}
	sheetText := strings.Join(pages[sheet:min(sheet+2, n)], "\n")
	for _, r := range site.ReportRouteList {
		if first := strings.Fields(strings.TrimPrefix(r.Label, "The "))[0]; !strings.Contains(sheetText, first) {
			t.Errorf("the reporting sheet does not list %s", r.Label)
		}
	}
	if got := strings.Count(sheetText, "72 hours from"); got != 3 {
		t.Errorf("the reporting sheet gives %d routes a 72-hour deadline, want 3 (ICO, DSPT, NIS):\n%s", got, sheetText)
	}
}

var numberedStep = regexp.MustCompile(`^\d+\.\s+(.*)`)

// checkCards checks the action cards on paper (lines, page by page, each
// card starting on the page cardPages gives, each part of the pack on one
// of partStarts, in order): each card's first page holds
// its first 15 minutes, and each page a card runs on to starts with a line
// naming the card ("Card 3, Phones down, continued") and, when the page
// starts among a role's steps, the role; so no page starts with a
// numbered step that does not say whose it is. It logs how many pages
// each card takes.
func checkCards(t *testing.T, pr *site.Practice, lines [][]string, cardPages map[string]int, partStarts []int) {
	t.Helper()
	var sizes []string
	for _, rb := range pr.Runbooks {
		first := cardPages[rb.Title]
		next, found := slices.BinarySearch(partStarts, first)
		if first == 0 || !found || next+1 >= len(partStarts) {
			continue // the tests of the cover and the contents report it
		}
		// The card runs to the page before the next part.
		last := partStarts[next+1] - 1
		sizes = append(sizes, fmt.Sprintf("%s %d", rb.Title, last-first+1))
		page := normalize(strings.Join(lines[first-1], " "))
		if !strings.Contains(page, "First 15 minutes") {
			t.Errorf("card %q: its first page (%d) has no First 15 minutes", rb.Title, first)
		}
		for _, ra := range rb.First15 {
			if len(ra.Actions) > 0 && !strings.Contains(page, normalize(ra.Actions[0])) {
				t.Errorf("card %q: its first page (%d) does not have the first action of %s: %q", rb.Title, first, ra.Role, ra.Actions[0])
			}
		}
		for p := first + 1; p <= last; p++ {
			head := lines[p-1][1]
			if !strings.HasSuffix(head, ", continued") {
				t.Errorf("card %q: page %d starts %q, not with the card's name and continued", rb.Title, p, head)
			}
			m := numberedStep.FindStringSubmatch(lines[p-1][2])
			if m == nil {
				continue
			}
			for _, ra := range append(slices.Clone(rb.First15), rb.Steps...) {
				for _, a := range ra.Actions {
					if strings.HasPrefix(normalize(a), normalize(m[1])) && !strings.Contains(head, " · "+ra.Role+", continued") {
						t.Errorf("card %q: page %d starts with a step of %s under %q, which does not name the role", rb.Title, p, ra.Role, head)
					}
				}
			}
		}
	}
	// No page of the pack starts with a numbered step.
	for i, ls := range lines {
		if len(ls) > 1 && numberedStep.MatchString(ls[1]) {
			t.Errorf("page %d starts with a numbered step, not saying whose it is: %q", i+1, ls[1])
		}
	}
	t.Logf("pages per card: %s", strings.Join(sizes, ", "))
}

// fileData is the content of the file at path among files, or nil.
func fileData(files []site.File, path string) []byte {
	for _, f := range files {
		if f.Path == path {
			return f.Data
		}
	}
	return nil
}

// second is the line under the running head of page (from 1), for
// messages.
func second(lines [][]string, page int) string {
	if page < 1 || page > len(lines) || len(lines[page-1]) < 2 {
		return fmt.Sprintf("(no page %d)", page)
	}
	return lines[page-1][1]
}

// normalize joins the words of s with single spaces, so that text wrapped
// over lines and columns by the layout compares with the content.
var hyphenBreak = regexp.MustCompile(`(\pL-)\n\s*`)

func normalize(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// checkChecklist checks the PDF of a checklist of practice pr.
func checkChecklist(t *testing.T, pr *site.Practice, doc []byte) {
	for p, size := range pdftest.PageSizes(t, doc) {
		if math.Abs(size[0]-a4Width) > 1 || math.Abs(size[1]-a4Height) > 1 {
			t.Errorf("page %d is %.1f × %.1f pt, not A4", p+1, size[0], size[1])
		}
	}
	pages := pdftest.Pages(t, doc)
	for p, text := range pages {
		if !strings.Contains(text, pr.Name) || !strings.Contains(text, fmt.Sprintf("Page %d of %d", p+1, len(pages))) {
			t.Errorf("page %d lacks the practice name or Page %d of %d:\n%s", p+1, p+1, len(pages), text)
		}
		if strings.Contains(text, "Skip to main content") || strings.Contains(text, "Something not working?") {
			t.Errorf("page %d prints the navigation", p+1)
		}
	}
}

// firstWords are the first two words of s: text that wraps in a column,
// whose lines pdftotext lays out beside the other columns', is whole only
// on its first line.
func firstWords(s string) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(2, len(w))], " ")
}

// namesOf lists what name says of each of list.
func namesOf[T any](list []T, name func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = name(x)
	}
	return out
}
