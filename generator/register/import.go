package register

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/scaffold"
	"github.com/handbook-nhs/handbook/generator/site"
)

// Options say how to import a register.
type Options struct {
	// Practice is the id of the practice the services are for: its
	// folder under content/.
	Practice string
	// Today is the date of the import: the last review of a service the
	// register gives no review date for, and the date in each new file.
	Today site.Date
	// Sheet, when set, is the only sheet read.
	Sheet string
	// Map names the field of columns whose headings are not among those
	// matched (--map).
	Map []Mapping
	// Folder is the site folder as the person importing named it, put
	// before the paths the notes name ("" for the current folder).
	Folder string
}

// File is a record to write, its path under the site folder.
type File struct {
	Path string // content/millbrook-surgery/services/emis-web.toml
	Data []byte
	// Replaces is true when the file exists as handbook new wrote it,
	// unedited (Record.Unedited): the import writes over it. Every other
	// file must not exist.
	Replaces bool
}

// Note is one line of the import's report: how a column or a value was
// read, a value that could not be, a record made or left alone.
type Note struct {
	// Ref is where in the spreadsheet the note is about.
	Ref Ref
	Msg string
	// Problem is set for a value that could not be read: the record has
	// a placeholder instead, which the note says how to fill in.
	Problem bool
	// Also are further cells the note is about: the same name on other
	// rows.
	Also []Ref
}

// String formats the note as a line of the report: register.xlsx!Services!D6,
// D11: owner "Karen Davis" is ...
func (n Note) String() string {
	if n.Ref.File == "" {
		return n.Msg
	}
	var b strings.Builder
	b.WriteString(n.Ref.String())
	for _, a := range n.Also {
		if a.File == n.Ref.File && a.Sheet == n.Ref.Sheet && a.Col > 0 {
			b.WriteString(", " + cellName(a.Row, a.Col))
		} else {
			b.WriteString(", " + a.String())
		}
	}
	return b.String() + ": " + n.Msg
}

// Result is what an import makes of a register.
type Result struct {
	// Files are the records to write: the services in the order of the
	// rows, then new people, then new organisations. None exists but
	// those that replace a record as handbook new wrote it.
	Files []File
	// Kept are the services of the register whose files exist and have
	// been written to since handbook new, left as they are: their paths
	// under the site folder.
	Kept []string
	// Notes report the import in the order of the sheets, rows and
	// columns.
	Notes []Note
	// Services, People and Organisations count the records in Files.
	Services, People, Organisations int
	// Placeholders counts the values of Files marked TO DO.
	Placeholders int
	// Problems counts the notes that are problems.
	Problems int
}

// placeholder ids: the owner and helpdesk of services the register names
// none for.
const (
	placeholderOwner = "to-do-owner"
	placeholderDesk  = "to-do-support-desk"
)

// Import turns the sheets of book into records of the practice: one
// service per row, with the people and organisations the rows name that
// s does not have yet. It writes nothing: the result holds the files to
// write and the report. Every record passes handbook check as written:
// what the register does not say is a placeholder, marked TO DO. A
// record whose file exists (in s) is left alone, so importing the same
// register twice writes nothing the second time. The error, when not
// nil, is an *Error: the workbook holds no register that can be read.
func Import(book *Workbook, s Site, opt Options) (*Result, error) {
	im := &importer{
		opt: opt, book: book, res: &Result{},
		personIDs: ids{}, orgIDs: ids{}, serviceIDs: ids{},
		serviceNames: map[string]string{}, seen: map[string]int{}, unedited: map[string]bool{},
		resolved:  map[string]*resolution{},
		newPeople: map[string]*newPerson{}, newOrgs: map[string]*newOrg{},
		mapped: map[int]bool{},
	}
	for _, r := range s.People {
		im.people = append(im.people, &r)
		im.personIDs[r.ID] = true
	}
	for _, r := range s.Organisations {
		im.orgs = append(im.orgs, &r)
		im.orgIDs[r.ID] = true
	}
	// A placeholder written by an earlier import is used again, not
	// written again (the helpdesk's is shared by every practice).
	im.hasOwner, im.hasDesk = im.personIDs[placeholderOwner], im.orgIDs[placeholderDesk]
	im.personIDs[placeholderOwner], im.orgIDs[placeholderDesk] = true, true
	for _, r := range s.Services {
		im.serviceIDs[r.ID] = true
		if n := normal(r.Name); n != "" {
			im.serviceNames[n] = r.ID
		}
		if r.Unedited {
			im.unedited[r.ID] = true
		}
	}
	if err := im.run(); err != nil {
		return nil, err
	}
	im.finish()
	return im.res, nil
}

type importer struct {
	opt  Options
	book *Workbook
	res  *Result

	people, orgs                  []*Record
	personIDs, orgIDs, serviceIDs ids
	serviceNames                  map[string]string // a service's name, normalised, to its id
	unedited                      map[string]bool   // services as handbook new wrote them, by id
	seen                          map[string]int    // a service of this import to its row
	resolved                      map[string]*resolution
	newPeople                     map[string]*newPerson
	newOrgs                       map[string]*newOrg
	needOwner, needDesk           bool
	hasOwner, hasDesk             bool         // the placeholders exist already
	mapped                        map[int]bool // the --map values used
	servicesFound                 int
	names                         []string // the names of people in the register
}

// newPerson and newOrg are records to write, filled in as rows name them.
type newPerson struct {
	rec *Record
	why string
}

type newOrg struct {
	rec      *Record
	kind     string
	why      string
	contacts []orgContact
}

// resolution is what a name in the register was taken to be, kept so
// that a name on many rows is reported once.
type resolution struct {
	id string
	// comment, when set, is written above the key in each service that
	// uses the resolution.
	comment string
	note    int // index in Result.Notes, or -1
}

func (im *importer) note(ref Ref, problem bool, format string, args ...any) int {
	im.res.Notes = append(im.res.Notes, Note{Ref: ref, Msg: fmt.Sprintf(format, args...), Problem: problem})
	if problem {
		im.res.Problems++
	}
	return len(im.res.Notes) - 1
}

func (im *importer) run() error {
	sheets := im.book.Sheets
	file := Ref{File: im.book.File}
	if im.opt.Sheet != "" {
		var names []string
		var found *Sheet
		for _, sh := range sheets {
			names = append(names, sh.Name)
			if sh.Name == im.opt.Sheet || found == nil && strings.EqualFold(sh.Name, im.opt.Sheet) {
				found = sh
			}
		}
		if found == nil {
			hint := site.Suggest(im.opt.Sheet, names)
			if hint == "" {
				hint = "its sheets are " + quoteAll(names)
			}
			return errorAt(file, hint, "the workbook has no sheet %q", im.opt.Sheet)
		}
		sheets = []*Sheet{found}
	}
	// The header rows first: the names of people in every sheet are
	// known before any is written (see fullest).
	read, empty := 0, 0
	var noHeader []*Sheet
	var hidden []string
	headers := make([]*header, len(sheets))
	for i, sh := range sheets {
		switch {
		case blankSheet(sh):
			empty++
		case sh.Hidden && im.opt.Sheet == "":
			hidden = append(hidden, sh.Name)
		default:
			if headers[i] = im.header(sh); headers[i] == nil {
				noHeader = append(noHeader, sh)
			} else {
				read++
				im.collectNames(sh, headers[i])
			}
		}
	}
	for i, sh := range sheets {
		ref := Ref{File: im.book.File, Sheet: sh.Name}
		switch {
		case headers[i] != nil:
			im.sheet(sh, headers[i])
		case len(sheets) == 1:
		case blankSheet(sh):
			im.note(ref, false, "the sheet is empty: nothing to read")
		case sh.Hidden && im.opt.Sheet == "":
			im.note(ref, false, "the sheet is hidden: not read (name it with --sheet to read it)")
		default:
			im.note(ref, false, "no row of the first %d names the columns of a register: not read", headerRows)
		}
	}
	hint := `put the column headings in one row, one of them naming the service ("System", "Service", "Application", "Software" or "Name"), or name your headings with --map "Heading=name"`
	switch {
	case read == 0 && empty == len(sheets):
		if im.opt.Sheet != "" || len(im.book.Sheets) == 1 && im.book.Sheets[0].Name != "" {
			return errorAt(Ref{File: im.book.File, Sheet: sheets[0].Name}, "check that this is the right file, and the right sheet", "the sheet is empty")
		}
		return errorAt(file, "check that this is the right file", "the spreadsheet is empty")
	case read == 0 && len(noHeader) == 0 && len(hidden) > 0:
		return errorAt(file, fmt.Sprintf("to read a hidden sheet, name it: --sheet %q", hidden[0]),
			"no visible sheet holds a register; hidden sheets are not read (%s)", quoteAll(hidden))
	case read == 0 && len(noHeader) == 1:
		return errorAt(Ref{File: im.book.File, Sheet: noHeader[0].Name}, hint,
			"no header row found: none of the first %d rows names the columns of a register (a service's name and at least one more, such as Owner or Supplier)", headerRows)
	case read == 0:
		return errorAt(file, hint,
			"no header row found in any sheet: none of their first %d rows names the columns of a register (a service's name and at least one more, such as Owner or Supplier)", headerRows)
	}
	for i, m := range im.opt.Map {
		if !im.mapped[i] {
			return errorAt(file, "write the heading as the spreadsheet does (its case and punctuation do not matter), or leave out the --map",
				"--map %q: no column of the register is headed %q", m.Heading+"="+m.Field, m.Heading)
		}
	}
	if im.servicesFound == 0 {
		return errorAt(file, "check that this is the right file: the rows below the headings are empty, or have no service's name",
			"the register has headings but no services")
	}
	return nil
}

// personKeys are the fields that name people.
var personKeys = []string{"owner", "deputy", "admins", "review.by"}

// collectNames keeps the names of people in the rows of sh, below its
// header h.
func (im *importer) collectNames(sh *Sheet, h *header) {
	for _, c := range h.cols {
		if c.field == nil || !slices.Contains(personKeys, c.field.key) {
			continue
		}
		for r := h.row + 1; r <= len(sh.Rows); r++ {
			for _, n := range splitNames(clean(sh.value(r, c.col).Text)) {
				if !slices.Contains(im.names, n) {
					im.names = append(im.names, n)
				}
			}
		}
	}
}

// fullest is the fullest form of the person's name that the register
// uses: "Dr Sam Okafor" for "Dr S Okafor" or "Okafor" when it names him
// so elsewhere, and no one else it fits. The name itself when there is
// none, or more than one.
func (im *importer) fullest(name string) string {
	n := parseName(name)
	var fuller []string
	for _, other := range im.names {
		o := parseName(other)
		if o.full() != n.full() && initialsFit(n, o) && len(o.full()) > len(n.full()) && !slices.ContainsFunc(fuller, func(f string) bool {
			return parseName(f).full() == o.full()
		}) {
			fuller = append(fuller, other)
		}
	}
	if len(fuller) == 1 {
		return fuller[0]
	}
	return name
}

// show is a path under the site folder as the notes name it.
func (im *importer) show(p string) string { return path.Join(im.opt.Folder, p) }

// headerRows is how far down a sheet the header row is looked for.
const headerRows = 30

func blankSheet(sh *Sheet) bool {
	for _, row := range sh.Rows {
		for _, c := range row {
			if strings.TrimSpace(c.Text) != "" {
				return false
			}
		}
	}
	return true
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// header is the row of a sheet that names its columns, and what each
// column holds.
type header struct {
	row  int
	cols []column
}

type column struct {
	col     int // counted from 1
	heading string
	field   *field // nil when the heading names no field
}

// fieldFor is the field of a column headed heading: the --map that names
// the heading (with its index), else the headings practices use.
func (im *importer) fieldFor(heading string) (*field, int) {
	n := normal(heading)
	for i, m := range im.opt.Map {
		if normal(m.Heading) == n {
			return fieldByKey(m.Field), i
		}
	}
	return fieldOf(heading), -1
}

// header finds the header row of sh: the first of its first rows with a
// column naming the service and at least one naming another field.
// Title rows, notes and blank rows above it are passed over.
func (im *importer) header(sh *Sheet) *header {
	for r := 1; r <= min(headerRows, len(sh.Rows)); r++ {
		found := map[string]bool{}
		for c := 1; c <= len(sh.Rows[r-1]); c++ {
			if f, _ := im.fieldFor(clean(sh.cell(r, c).Text)); f != nil && f.key != ignoreKey {
				found[f.key] = true
			}
		}
		if !found["name"] || len(found) < 2 {
			continue
		}
		h := &header{row: r}
		for c := 1; c <= sh.width(); c++ {
			heading := clean(sh.cell(r, c).Text)
			f, m := im.fieldFor(heading)
			if m >= 0 {
				im.mapped[m] = true
			}
			h.cols = append(h.cols, column{col: c, heading: heading, field: f})
		}
		return h
	}
	return nil
}

// sheet reads the services of sh below its header row h.
func (im *importer) sheet(sh *Sheet, h *header) {
	ref := func(r, c int) Ref { return Ref{File: im.book.File, Sheet: sh.Name, Row: r, Col: c} }
	// The header: how each column was read, and what was left out.
	headingsNote := im.note(Ref{File: im.book.File, Sheet: sh.Name}, false, "")
	var read []string
	used := map[string]column{}
	byKey := map[string][]column{}
	for _, c := range h.cols {
		hasData := false
		for r := h.row + 1; r <= len(sh.Rows); r++ {
			if strings.TrimSpace(sh.cell(r, c.col).Text) != "" {
				hasData = true
				break
			}
		}
		at := ref(h.row, c.col)
		switch {
		case c.heading == "" && !hasData:
		case c.heading == "":
			if m, ok := mergedOver(sh, h.row, c.col); ok {
				im.note(at, true, "column %s has values but no heading of its own: the merged heading %q over %s belongs to column %s, so column %s is left out; give it a heading of its own to import it",
					columnName(c.col), clean(sh.cell(m.Top, m.Left).Text), m, columnName(m.Left), columnName(c.col))
			} else {
				im.note(at, true, "column %s has values but no heading: left out; give it a heading to import it", columnName(c.col))
			}
		case c.field == nil && !hasData:
			im.note(at, false, "column %q matches no field of a service, and is empty: left out", c.heading)
		case c.field == nil:
			im.note(at, true, "column %q matches no field of a service: left out; to import it, add --map %q (FIELD as handbook help import lists them), or --map %q to keep it as a note in each service",
				c.heading, c.heading+"=FIELD", c.heading+"=notes")
		case c.field.key == ignoreKey:
		case c.field.key != notesKey && used[c.field.key].col != 0:
			first := used[c.field.key]
			im.note(at, true, "column %q is the %s too, like column %s %q before it: left out, as the first is used; --map %q imports it as something else",
				c.heading, c.field.what, columnName(first.col), first.heading, c.heading+"=FIELD")
		default:
			used[c.field.key] = c
			byKey[c.field.key] = append(byKey[c.field.key], c)
			read = append(read, fmt.Sprintf("%s %q as %s", columnName(c.col), c.heading, c.field.key))
		}
	}
	im.res.Notes[headingsNote].Msg = fmt.Sprintf("the headings are in row %d: %s", h.row, strings.Join(read, ", "))

	nameCol := byKey["name"][0]
	for r := h.row + 1; r <= len(sh.Rows); r++ {
		var filled []int
		for c := 1; c <= len(sh.Rows[r-1]); c++ {
			if strings.TrimSpace(sh.cell(r, c).Text) != "" {
				filled = append(filled, c)
			}
		}
		if len(filled) == 0 {
			continue
		}
		name := clean(sh.value(r, nameCol.col).Text)
		switch {
		case normal(name) == normal(nameCol.heading):
			im.note(ref(r, 0), false, "the row repeats the headings: passed over")
			continue
		case len(filled) == 1:
			if m, ok := sh.mergedAt(r, filled[0]); ok && m.Right > m.Left {
				im.note(ref(r, filled[0]), false, "%q, merged across %s, is a heading within the sheet, not a service: passed over", clean(sh.cell(r, filled[0]).Text), m)
				continue
			}
		}
		if name == "" {
			im.note(ref(r, nameCol.col), true, "the row has values but no name (column %s is empty): left out; give it a name in column %s to import it",
				columnName(nameCol.col), columnName(nameCol.col))
			continue
		}
		im.servicesFound++
		im.service(&row{sh: sh, r: r, cols: byKey, file: im.book.File}, name)
	}
}

// mergedOver finds the merged cell of row r that spans column c from a
// column to its left.
func mergedOver(sh *Sheet, r, c int) (Range, bool) {
	for _, m := range sh.Merged {
		if m.Top <= r && r <= m.Bottom && m.Left < c && c <= m.Right {
			return m, true
		}
	}
	return Range{}, false
}

// row is one row of services: its cells by field.
type row struct {
	sh   *Sheet
	r    int
	cols map[string][]column
	file string
}

// cell is the row's first non-empty cell for the field key, with where it
// is and the heading it is under; ok is false when there is none.
func (rw *row) cell(key string) (c Cell, at Ref, heading string, ok bool) {
	for _, col := range rw.cols[key] {
		v := rw.sh.value(rw.r, col.col)
		if clean(v.Text) != "" || clean(v.Raw) != "" {
			return v, rw.ref(col.col), col.heading, true
		}
	}
	return Cell{}, Ref{}, "", false
}

// text is the row's value of the field key, cleaned; "" when none.
func (rw *row) text(key string) (string, Ref, string) {
	c, at, heading, _ := rw.cell(key)
	return clean(c.Text), at, heading
}

func (rw *row) ref(c int) Ref { return Ref{File: rw.file, Sheet: rw.sh.Name, Row: rw.r, Col: c} }

// servicePath is the path of the service id's file under the site folder.
func (im *importer) servicePath(id string) string {
	return path.Join("content", im.opt.Practice, "services", id+".toml")
}

// service writes the service of row rw, named name, unless it is there
// already.
func (im *importer) service(rw *row, name string) {
	nameRef := rw.ref(rw.cols["name"][0].col)
	if len([]rune(name)) > 120 {
		im.note(nameRef, true, "the name is %d characters long: cut to 120; a longer text belongs under purpose", len([]rune(name)))
		name = truncate(name, 120)
	}
	id := IDOf(name)
	if id == "" {
		id = fmt.Sprintf("service-row-%d", rw.r)
		im.note(nameRef, true, "the name %q has no letters or digits to make a file name of: the file is services/%s.toml; rename it to suit", name, id)
	}
	if site.ReservedID("service", id) != "" {
		id += "-service"
	}
	if first, dup := im.seen[id]; dup {
		im.note(nameRef, true, "%q is on row %d already (as services/%s.toml): this row is left out", name, first, id)
		return
	}
	existing := ""
	switch {
	case im.serviceIDs[id]:
		existing = id
	case im.serviceNames[normal(name)] != "":
		existing = im.serviceNames[normal(name)]
	}
	replaces := false
	if existing != "" {
		p := im.servicePath(existing)
		im.seen[id] = rw.r
		if !im.unedited[existing] {
			im.res.Kept = append(im.res.Kept, p)
			im.note(nameRef, false, "%s exists: left as it is", im.show(p))
			return
		}
		// Written by handbook new and untouched since, such as the
		// clinical system of a new practice: the row says more. Its id
		// stays, as other records may name it.
		delete(im.unedited, existing)
		im.note(nameRef, false, "%s is as handbook new wrote it: replaced by this row", im.show(p))
		id, replaces = existing, true
	}
	im.seen[id] = rw.r
	im.serviceIDs[id] = true

	b := &serviceBuilder{im: im, rw: rw, d: &scaffold.Doc{}, name: name}
	b.build()
	im.res.Files = append(im.res.Files, File{Path: im.servicePath(id), Data: b.d.Bytes(), Replaces: replaces})
	im.res.Services++
	im.res.Placeholders += b.d.Todos
}

// finish writes the new people and organisations.
func (im *importer) finish() {
	var people []*newPerson
	for _, p := range im.newPeople {
		people = append(people, p)
	}
	slices.SortFunc(people, func(a, b *newPerson) int { return strings.Compare(a.rec.ID, b.rec.ID) })
	for _, p := range people {
		data, todos := personRecord(p.rec.Name, p.why, im.opt.Today)
		im.add(path.Join("content", im.opt.Practice, "people", p.rec.ID+".toml"), data, todos)
		im.res.People++
	}
	if im.needOwner && !im.hasOwner {
		data, todos := placeholderPerson(im.opt.Today)
		im.add(path.Join("content", im.opt.Practice, "people", placeholderOwner+".toml"), data, todos)
		im.res.People++
	}
	var orgs []*newOrg
	for _, o := range im.newOrgs {
		orgs = append(orgs, o)
	}
	slices.SortFunc(orgs, func(a, b *newOrg) int { return strings.Compare(a.rec.ID, b.rec.ID) })
	for _, o := range orgs {
		data, todos := orgRecord(o.rec.Name, o.kind, o.why, o.contacts, im.opt.Today)
		im.add(path.Join("content", "organisations", o.rec.ID+".toml"), data, todos)
		im.res.Organisations++
	}
	if im.needDesk && !im.hasDesk {
		data, todos := placeholderOrg(im.opt.Today)
		im.add(path.Join("content", "organisations", placeholderDesk+".toml"), data, todos)
		im.res.Organisations++
	}
}

func (im *importer) add(p string, data []byte, todos int) {
	im.res.Files = append(im.res.Files, File{Path: p, Data: data})
	im.res.Placeholders += todos
}

// resolve is the resolution of key, a name as the register writes it, met
// at ref. Seen is true when the name was resolved before: its note then
// names ref too. Otherwise res is new and empty, for the caller to fill
// in, and kept for the next time.
func (im *importer) resolve(key string, ref Ref) (res *resolution, seen bool) {
	if res, ok := im.resolved[key]; ok {
		if res.note >= 0 {
			n := &im.res.Notes[res.note]
			if n.Ref != ref && !slices.Contains(n.Also, ref) {
				n.Also = append(n.Also, ref)
			}
		}
		return res, true
	}
	res = &resolution{note: -1}
	im.resolved[key] = res
	return res, false
}

// person is the id of the person named as what ("owner", "deputy") of the
// service on the row, at ref; a new person is written when the practice
// has nobody of that name. The id is "" when the name is no person's and
// none is made (a role, such as "Practice manager"). Comment, when set,
// goes above the key in the service.
func (im *importer) person(name, what string, ref Ref, service string) (id, comment string) {
	res, seen := im.resolve("person|"+normal(stripBrackets(name)), ref)
	if seen {
		return res.id, res.comment
	}
	m := matchPerson(name, im.people)
	left := ""
	if m.rec != nil && m.rec.Leaver && m.how != nearMiss {
		left = "; they have left the practice, as handbook check will report"
	}
	switch m.how {
	case exact:
		res.id = m.rec.ID
		if left != "" {
			res.note = im.note(ref, false, "%s %q is %s (%s)%s", what, name, m.rec.Name, m.rec.ID, left)
		}
	case sameName:
		res.id = m.rec.ID
		res.note = im.note(ref, false, "%s %q is %s (%s), the same name written another way: used %s%s", what, name, m.rec.Name, m.rec.ID, m.rec.ID, left)
	case partName:
		res.id = m.rec.ID
		res.note = im.note(ref, false, "%s %q is taken to be %s (%s), the only person of the practice it fits: used %s%s", what, name, m.rec.Name, m.rec.ID, m.rec.ID, left)
		res.comment = fmt.Sprintf("check: the register says %q, taken to be %s (%s).", name, m.rec.Name, m.rec.ID)
	case jobTitle:
		res.id = m.rec.ID
		res.note = im.note(ref, false, "%s %q is taken to be %s (%s), the practice's only %s: used %s%s", what, name, m.rec.Name, m.rec.ID, m.rec.JobTitle, m.rec.ID, left)
		res.comment = fmt.Sprintf("check: the register says %q, taken to be %s (%s), whose job title it is.", name, m.rec.Name, m.rec.ID)
	case notAName:
		if what == "owner" {
			im.needOwner = true
			res.id = placeholderOwner
			res.note = im.note(ref, true, "%s %q names a role, not a person, and no one person of the practice has it as job title: the owner is %s, a placeholder, until you name the person",
				what, name, placeholderOwner)
			res.comment = fmt.Sprintf("the register says %q, a role: write the id of the person who holds it, from the people/ folder.", name)
		} else {
			res.note = im.note(ref, true, "%s %q names a role, not a person, and no one person of the practice has it as job title: left out; name the person by hand", what, name)
		}
	default:
		im.newPersonFor(res, m, name, what, ref, service)
	}
	return res.id, res.comment
}

// newPersonFor fills in res for name, which is no person of the practice
// (m is notFound or a near miss): it adds a new person to write and notes
// it; for a near miss, the note and res.comment say how to use the person
// it is close to instead.
func (im *importer) newPersonFor(res *resolution, m match, name, what string, ref Ref, service string) {
	full := im.fullest(name)
	if full != name && m.how == notFound {
		// "K. Davies", written in full elsewhere as Karen Davies, may be
		// a typo of someone the cell alone is too short to be near.
		m = matchPerson(full, im.people)
	}
	pn := parseName(full)
	written := strings.TrimSpace(stripBrackets(full))
	if before, after, ok := strings.Cut(written, ","); ok && len(pn.given) > 0 && len(strings.Fields(before)) == 1 {
		written = strings.TrimSpace(after) + " " + strings.TrimSpace(before)
	}
	if title := strings.Fields(name)[0]; full != name && parseName(name).title != "" && pn.title == "" {
		written = title + " " + written // "Dr R Patel", in full "Patel, Ravi": Dr Ravi Patel
	}
	id := im.personIDs.take("person", IDOf(pn.full()))
	p := &Record{ID: id, Name: written}
	im.people = append(im.people, p)
	im.newPeople[id] = &newPerson{rec: p, why: fmt.Sprintf("named as %s of %s in %s", what, service, ref)}
	file := im.show(path.Join("content", im.opt.Practice, "people", id+".toml"))
	res.id = id
	as := ""
	if full != name {
		as = fmt.Sprintf(" for %s, as the register names them elsewhere", written)
	}
	switch {
	case m.how == nearMiss && len(m.others) > 0:
		res.note = im.note(ref, true, "%s %q fits %s: none is used, as it cannot say which; wrote %s for %s. If it is one of them, write their id for %s in the services that name %s, and delete %s",
			what, name, recordList(append([]*Record{m.rec}, m.others...)), file, written, id, id, file)
		res.comment = fmt.Sprintf("the register says %q, which fits %s: if it is one of them, write their id here and delete %s.", name, recordList(append([]*Record{m.rec}, m.others...)), file)
	case m.how == nearMiss && im.newPeople[m.rec.ID] != nil:
		// Both are new: which is the right spelling, only the practice
		// knows.
		other := im.show(path.Join("content", im.opt.Practice, "people", m.rec.ID+".toml"))
		res.note = im.note(ref, true, "%s %q is close to %s (%s), also new from this register: wrote %s for %s as well, as they may be two people. If they are one, keep the file with the right name, write its id for the other's in the services that name it, and delete the other's file (%s or %s)",
			what, name, m.rec.Name, m.rec.ID, file, written, other, file)
		res.comment = fmt.Sprintf("the register says %q, close to %s (%s): if they are one person, keep one id here and in the services that name the other.", name, m.rec.Name, m.rec.ID)
	case m.how == nearMiss:
		res.note = im.note(ref, true, "%s %q is close to %s (%s), but not the same: not used, as it may be someone else; wrote %s for %s. If it is %s, write %q for %q in the services that name %s, and delete %s",
			what, name, m.rec.Name, m.rec.ID, file, written, m.rec.Name, m.rec.ID, id, id, file)
		res.comment = fmt.Sprintf("the register says %q, close to %s (%s): if %s is meant, write %q here and delete %s.", name, m.rec.Name, m.rec.ID, m.rec.Name, m.rec.ID, file)
	default:
		res.note = im.note(ref, false, "%s %q is no person of the practice yet: wrote %s%s (job title and staff group TO DO)", what, name, file, as)
	}
}

func recordList(recs []*Record) string {
	var parts []string
	for _, r := range recs {
		parts = append(parts, fmt.Sprintf("%s (%s)", r.Name, r.ID))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// org is the id of the organisation named as what ("supplier",
// "helpdesk") of the service on the row, at ref; a new organisation is
// written when the site has none of that name.
func (im *importer) org(name, what string, ref Ref, service string) (id, comment string) {
	res, seen := im.resolve("org|"+strings.Join(orgTokens(name), " "), ref)
	if seen {
		return res.id, res.comment
	}
	m := matchOrg(name, im.orgs)
	switch m.how {
	case exact:
		res.id = m.rec.ID
	case partName:
		res.id = m.rec.ID
		res.note = im.note(ref, false, "%s %q is taken to be %s (%s), the only organisation whose name it fits: used %s", what, name, m.rec.Name, m.rec.ID, m.rec.ID)
		res.comment = fmt.Sprintf("check: the register says %q, taken to be %s (%s).", name, m.rec.Name, m.rec.ID)
	default:
		id, file := im.newOrg(name, fmt.Sprintf("named as %s of %s in %s", what, service, ref))
		res.id = id
		switch {
		case m.how == nearMiss && len(m.others) > 0:
			res.note = im.note(ref, true, "%s %q fits %s: none is used, as it cannot say which; wrote %s. If it is one of them, write its id for %s in the services that name %s, and delete %s",
				what, name, recordList(append([]*Record{m.rec}, m.others...)), file, id, id, file)
			res.comment = fmt.Sprintf("the register says %q, which fits %s: if it is one of them, write its id here and delete %s.", name, recordList(append([]*Record{m.rec}, m.others...)), file)
		case m.how == nearMiss:
			res.note = im.note(ref, true, "%s %q is close to %s (%s), but not the same: not used; wrote %s. If it is %s, write %q for %q in the services that name %s, and delete %s",
				what, name, m.rec.Name, m.rec.ID, file, m.rec.Name, m.rec.ID, id, id, file)
			res.comment = fmt.Sprintf("the register says %q, close to %s (%s): if %s is meant, write %q here and delete %s.", name, m.rec.Name, m.rec.ID, m.rec.Name, m.rec.ID, file)
		default:
			res.note = im.note(ref, false, "%s %q is no organisation of the site yet: wrote %s (its contact details TO DO)", what, name, file)
		}
	}
	return res.id, res.comment
}

// newOrg adds an organisation to write, named name, and returns its id
// and file.
func (im *importer) newOrg(name, why string) (id, file string) {
	id = im.orgIDs.take("organisation", cmp.Or(IDOf(name), "organisation"))
	o := &Record{ID: id, Name: name}
	im.orgs = append(im.orgs, o)
	im.newOrgs[id] = &newOrg{rec: o, kind: orgKind(name), why: why}
	return id, im.show(path.Join("content", "organisations", id+".toml"))
}

// orgKind is the kind of a new organisation, by its name.
func orgKind(name string) string {
	n := " " + strings.ToLower(clean(name)) + " "
	switch {
	case strings.Contains(n, " icb") || strings.Contains(n, " ccg") || strings.Contains(n, " csu") || strings.Contains(n, "gpit") || strings.Contains(n, "commissioning support"):
		return "icb-service"
	case strings.Contains(n, "nhs england") || strings.Contains(n, "nhs digital") || strings.Contains(n, " nhse ") || strings.Contains(n, "national"):
		return "national"
	}
	return "supplier"
}

// contact adds a contact detail from the register to a new organisation.
func (im *importer) contact(id string, c orgContact) bool {
	o := im.newOrgs[id]
	if o == nil {
		return false
	}
	if !slices.Contains(o.contacts, c) {
		o.contacts = append(o.contacts, c)
	}
	return true
}
