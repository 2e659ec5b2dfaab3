// Package load reads a handbook site from a file system into the domain
// types of package site. It is the only stage that reads content: it takes
// an fs.FS rooted at the site folder and returns every record with the
// position of each of its values, or the complete list of what could not be
// read, each error at file:line:col. Each record is checked against the
// JSON Schema of its kind (Schemas, which the validate stage provides) on
// the way, so that a problem is reported in the words of the schema,
// where the practice manager's editor shows it too.
//
// Layout of a site:
//
//	handbook.toml                     site configuration
//	content/organisations/<id>.toml   shared organisations
//	content/courses/<id>.toml         shared training courses
//	content/<practice>/practice.toml  one folder per practice, with
//	  roles.toml training.toml people/ services/ runbooks/ exercises/
//	  incidents/ changes/ assets/ reviews/ pages/ (Markdown with TOML front matter)
//
// Record ids are file names without their extension. Files or folders that
// fit nowhere in this layout are errors, so that nothing a practice manager
// writes is silently ignored.
package load

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/site"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// ConfigFile is the site configuration file at the site root.
const ConfigFile = "handbook.toml"

// ContentDir holds the records.
const ContentDir = "content"

// Schemas check a record, as BurntSushi/toml decodes it, against the JSON
// Schema of its kind (the validate stage).
type Schemas interface {
	// Check returns the ways doc, a record of type kind, breaks its
	// schema; none when it is valid.
	Check(kind string, doc map[string]any) []site.Problem
	// Required lists the keys a record of type kind must have.
	Required(kind string) []string
}

// A Reader reads the site in a file system, checking every record against
// its schema. It is safe for concurrent use.
type Reader struct {
	fsys    fs.FS
	schemas Schemas
	// ownSchemas is set when the site has its own schemas/ folder, which
	// #:schema headers can be checked against.
	ownSchemas bool
}

// New returns a reader of the site in fsys, rooted at the site folder,
// that checks the records with schemas.
func New(fsys fs.FS, schemas Schemas) *Reader {
	_, err := fs.Stat(fsys, path.Dir(site.SchemaFile("site")))
	return &Reader{fsys: fsys, schemas: schemas, ownSchemas: err == nil}
}

// Shared reads what every practice shares: handbook.toml, the
// organisations and the courses. It returns them in a handbook with no
// practices yet, and the ids of the practice folders in content/, for
// Practice to read. The returned error, when not nil, is a site.ErrorList.
// The handbook is returned with it when every file could at least be
// parsed (the errors are then about values: a wrong type, an unknown key),
// so that later stages can report their errors too; it is nil when a file
// or folder could not be read at all, since its records are missing.
func (r *Reader) Shared() (*site.Handbook, []string, error) {
	l := r.loader()
	h := &site.Handbook{}
	if l.exists(ConfigFile) {
		l.record(ConfigFile, "handbook", &h.Config, &h.Config.Source)
	} else {
		l.errs.Add(site.Pos{File: ConfigFile}, "run handbook in the site folder, or point --source at it",
			"no %s here: this does not look like a handbook site", ConfigFile)
		return nil, nil, l.errs.Err()
	}
	entries, ok := l.readDir(ContentDir)
	if !ok {
		return nil, nil, l.errs.Err()
	}
	var ids []string
	for _, e := range entries {
		p := path.Join(ContentDir, e.Name())
		switch {
		case Ignored(e.Name()):
		case !e.IsDir():
			l.unexpected(p, "records belong in content/<practice>/, content/organisations/ or content/courses/")
		case e.Name() == "organisations":
			h.Organisations = records(l, p, "organisation", func(o *site.Organisation, id string) *site.Source { o.ID = id; return &o.Source })
		case e.Name() == "courses":
			h.Courses = records(l, p, "course", func(c *site.Course, id string) *site.Source { c.ID = id; return &c.Source })
		case l.id(p, "practice", e.Name()):
			ids = append(ids, e.Name())
		}
	}
	if l.incomplete {
		return nil, nil, l.errs.Err()
	}
	h.Files = l.sortedFiles()
	return h, ids, l.errs.Err()
}

// Practice reads the folder content/<id> of one practice. Errors are as
// for Shared: the practice is nil when a file or folder could not be read
// at all. A practice's records depend only on the files of its folder
// (and the schemas), so a practice can be read again on its own after a
// change to its folder.
func (r *Reader) Practice(id string) (*site.Practice, error) {
	l := r.loader()
	dir := path.Join(ContentDir, id)
	pr := l.header(dir, id)
	if pr != nil {
		l.rest(dir, pr)
	}
	if l.incomplete || pr == nil {
		return nil, l.errs.Err()
	}
	pr.Files = l.sortedFiles()
	return pr, l.errs.Err()
}

// Header reads what a practice's pages show of another practice, and
// what links practices with each other: its practice.toml. It also checks
// that the folder holds what a practice folder must. Errors are as for
// Practice.
func (r *Reader) Header(id string) (*site.Practice, error) {
	l := r.loader()
	pr := l.header(path.Join(ContentDir, id), id)
	if l.incomplete || pr == nil {
		return nil, l.errs.Err()
	}
	pr.Files = l.sortedFiles()
	return pr, l.errs.Err()
}

// Rest reads the files of practice pr's folder but its practice.toml into
// pr, a practice as Header returned it: Header then Rest read what
// Practice reads, each file once, and report the same errors. Errors are
// as for Practice: when some file or folder could not be read at all, pr
// is incomplete and the error says so.
func (r *Reader) Rest(pr *site.Practice) error {
	l := r.loader()
	l.rest(path.Join(ContentDir, pr.ID), pr)
	l.files = append(l.files, pr.Files...)
	pr.Files = l.sortedFiles()
	if l.incomplete {
		return errors.Join(l.errs.Err(), ErrIncomplete)
	}
	return l.errs.Err()
}

// ErrIncomplete is in the error of Rest when a file or folder could not
// be read: the records are not the whole practice, so references to the
// missing ones are no mistakes of their own.
var ErrIncomplete = errors.New("the practice could not be read in full")

// loader reads some files of the site, and keeps what went wrong.
type loader struct {
	*Reader
	errs site.ErrorList
	// incomplete is set when some file or folder could not be read, so
	// the records loaded are not the whole site.
	incomplete bool
	// files are the files read so far, with their sums.
	files []site.FileSum
}

func (r *Reader) loader() *loader { return &loader{Reader: r} }

func (l *loader) sortedFiles() []site.FileSum {
	slices.SortFunc(l.files, func(a, b site.FileSum) int { return strings.Compare(a.Path, b.Path) })
	return l.files
}

// Ignored reports whether a file or folder name is not content, and is
// neither read nor reported: hidden files such as .gitkeep, and the files
// editors keep beside the one being edited (backups, swap, lock and
// autosave files). The serve command ignores changes to them too.
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), // .gitkeep, .DS_Store, vim's .x.swp, emacs' .#x
		strings.HasSuffix(name, "~"),                                 // backups
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"), // emacs autosave
		strings.HasPrefix(name, "~$"),                                // Microsoft Office lock files
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"), // JetBrains
		name == "4913": // vim's check that it can write in the folder
		return true
	}
	return false
}

// exists reports whether there is something at name: a file or folder,
// or something the reading of which will say why it cannot be read.
func (l *loader) exists(name string) bool {
	_, err := fs.Stat(l.fsys, name)
	return !errors.Is(err, fs.ErrNotExist)
}

func (l *loader) readDir(dir string) ([]fs.DirEntry, bool) {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		hint := site.ReadHint(err)
		if hint == "" && errors.Is(err, fs.ErrNotExist) {
			hint = "create it, or check --source"
		}
		if site.ReadHint(err) != "" {
			l.errs.Add(site.Pos{File: dir}, hint, "cannot read folder: it is %v", site.PathCause(err))
		} else {
			l.errs.Add(site.Pos{File: dir}, hint, "cannot read folder: %v", site.PathCause(err))
		}
		l.incomplete = true
		return nil, false
	}
	return entries, true
}

func (l *loader) unexpected(p, hint string) {
	l.errs.Add(site.Pos{File: p}, hint, "unexpected file or folder: handbook would ignore it")
}

// id checks that a file or folder name makes a usable id.
// id checks that a file or folder name makes a usable id for a record of
// type kind: well formed, and not the name of a page the handbook writes
// itself in the same folder.
func (l *loader) id(p, kind, stem string) bool {
	if !site.ValidID(stem) {
		l.errs.Add(site.Pos{File: p}, "use lower-case letters, digits and single hyphens, such as emis-web",
			"%q cannot be an id", stem)
		return false
	}
	if page := site.ReservedID(kind, stem); page != "" {
		l.errs.Add(site.Pos{File: p}, "rename the file: any other id will do",
			"%q cannot be the id of %s: its page would replace %s", stem, site.WithArticle(kind), page)
		return false
	}
	return true
}

// records reads every <id>.toml in dir into a new T, a record of type kind,
// sorted by id. fill sets the id and returns the record's Source.
func records[T any](l *loader, dir, kind string, fill func(*T, string) *site.Source) []*T {
	entries, ok := l.readDir(dir)
	if !ok {
		return nil
	}
	var out []*T
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		stem, isTOML := strings.CutSuffix(e.Name(), ".toml")
		switch {
		case Ignored(e.Name()):
		case e.IsDir() && isTOML && site.ValidID(stem):
			// Kept, empty, as below: the folder is the one mistake.
			l.errs.Add(site.Pos{File: p}, "a record is one file: move what is in this folder out of it, remove the folder and write the record as "+e.Name(),
				"this is a folder, where a record's file belongs")
			rec := new(T)
			fill(rec, stem).File = p
			out = append(out, rec)
		case e.IsDir() || !isTOML:
			l.unexpected(p, "this folder holds one .toml file per record")
		case l.id(p, kind, stem):
			// A record that cannot be read is kept, empty, so that
			// references to it do not add errors of their own.
			rec := new(T)
			l.record(p, kind, rec, fill(rec, stem))
			out = append(out, rec)
		}
	}
	return out
}

// record reads one TOML file into v, a pointer to a record struct of type
// kind (the name of its schema), and fills src. A file that cannot be read
// or parsed leaves v empty, with its error in the list.
func (l *loader) record(p, kind string, v any, src *site.Source) {
	src.File = p
	if data, ok := l.readFile(p); ok {
		l.decode(p, kind, data, 0, v, src)
	}
}

// errFolder is readLimited's answer for a folder.
var errFolder = errors.New("a folder, not a file")

// MaxFileSize is the largest content file handbook reads. The longest
// runbook is a few kilobytes: a file a thousand times that size is a
// mistake, such as a scan or an export saved into the wrong folder.
const MaxFileSize = 1 << 20

// bytesCount writes a number of bytes with thousands separators, so that
// a file a byte too long reads as one.
var bytesCount = message.NewPrinter(language.BritishEnglish)

// readFile reads content file p, which must be UTF-8 text of at most
// MaxFileSize bytes.
func (l *loader) readFile(p string) ([]byte, bool) {
	fail := func(pos site.Pos, hint, format string, args ...any) ([]byte, bool) {
		l.errs.Add(pos, hint, format, args...)
		return nil, false
	}
	data, size, err := readLimited(l.fsys, p, MaxFileSize)
	if errors.Is(err, errFolder) {
		return fail(site.Pos{File: p}, "move what is in this folder out of it, remove the folder and write "+path.Base(p)+" as a file",
			"this is a folder, where a file belongs")
	}
	if err != nil {
		if hint := site.ReadHint(err); hint != "" {
			return fail(site.Pos{File: p}, hint, "cannot read file: it is %v", site.PathCause(err))
		}
		return fail(site.Pos{File: p}, "", "cannot read file: %v", site.PathCause(err))
	}
	if size > MaxFileSize {
		return fail(site.Pos{File: p}, "records are short text files: check this is the right file",
			"the file is %s bytes, more than the %s bytes (1 MB) handbook reads", bytesCount.Sprint(size), bytesCount.Sprint(MaxFileSize))
	}
	// Notepad's "UTF-8 with BOM" starts the file with a byte order mark,
	// which editors do not show: without it, lines and columns are the
	// editor's.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := site.LineCol(data, i)
		return fail(site.Pos{File: p, Line: line, Col: col}, "check this is the right file, or remove it",
			"this is not a text file: it holds binary data")
	}
	if i := site.InvalidUTF8(data); i >= 0 {
		line, col := site.LineCol(data, i)
		return fail(site.Pos{File: p, Line: line, Col: col}, "save the file with the UTF-8 encoding (in Notepad: File, Save as, Encoding: UTF-8)",
			"the file is not UTF-8 text")
	}
	l.files = append(l.files, site.FileSum{Path: p, Sum: sha256.Sum256(data)})
	return data, true
}

// readLimited reads file p of fsys, unless it is longer than limit: then
// it reads no more than limit+1 bytes. It returns what it read and the
// file's size (its size when opened, or the bytes read, whichever is
// more). The size when opened sets how much to read, from the open file,
// without a look-up of p of its own.
func readLimited(fsys fs.FS, p string, limit int64) ([]byte, int64, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	var size int64
	if info, err := f.Stat(); err == nil {
		if info.IsDir() {
			return nil, 0, errFolder
		}
		size = info.Size()
	}
	if size > limit {
		return nil, size, nil
	}
	// A byte more than the size, to meet the end of the file without
	// growing the buffer.
	data := make([]byte, 0, max(size, 511)+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if int64(len(data)) > limit {
			return nil, int64(len(data)), nil
		}
		if err == io.EOF {
			return data, max(size, int64(len(data))), nil
		}
		if err != nil {
			return nil, 0, err
		}
		if len(data) == cap(data) {
			data = slices.Grow(data, len(data))
		}
	}
}

// decode parses data, the TOML of file p starting at line lineOffset+1,
// checks it against the schema of record type kind and fills v.
func (l *loader) decode(p, kind string, data []byte, lineOffset int, v any, src *site.Source) bool {
	src.File = p
	defer l.hideSensitive(p, data, lineOffset, len(l.errs))
	if i := tooDeep(data); i >= 0 {
		line, col := site.LineCol(data, i)
		l.errs.Add(site.Pos{File: p, Line: line + lineOffset, Col: col},
			"records are a few levels deep: check that every [ and { here is closed",
			"TOML syntax: the values are nested more than %d deep", MaxNesting)
		return false
	}
	// The decoder copies what it reads twice, into a buffer and then a
	// string: a reader over data saves the third copy that
	// toml.Decode(string(data)) would make. Decoded into an interface, the
	// document comes as the parser made it, a map[string]any; decoded
	// into a map, it would be copied into it value by value.
	var doc any
	_, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
	m, _ := doc.(map[string]any)
	if err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			l.errs.Add(site.Pos{File: p, Line: 1 + lineOffset, Col: 1}, "", "cannot read TOML: %v", err)
			return false
		}
		pos, msg, hint := syntaxError(data, pe)
		pos.File, pos.Line = p, pos.Line+lineOffset
		l.errs.Add(pos, hint, "%s", msg)
		return false
	}
	*src = site.NewSource(p, indexKeys(data, lineOffset))
	l.schemaHeader(p, kind, data, lineOffset)
	if len(m) == 0 {
		// One error, not one per missing key.
		l.errs.Add(site.Pos{File: p, Line: 1 + lineOffset, Col: 1}, "copy a "+kind+" from the example site or the README and edit it",
			"the file has no settings: a %s needs %s", kind, strings.Join(l.schemas.Required(kind), ", "))
		return true
	}
	problems := l.schemas.Check(kind, m)
	reported := map[string]bool{}
	for _, pr := range problems {
		reported[pr.Path] = true
		at := src.At(pr.Path)
		if pr.AtKey {
			at = src.KeyAt(pr.Path)
		}
		l.errs.Add(at, pr.Hint, "%s", pr.Msg)
	}
	l.controls("", m, src, reported)
	d := decoder{src: src, errs: &l.errs, reported: reported}
	d.table("", m, reflect.ValueOf(v).Elem())
	src.Placeholders = append(src.Placeholders, markedTODO(data, lineOffset, src)...)
	// The decoder follows the model's order of keys; a reader goes by
	// the file's.
	if len(src.Placeholders) > 1 {
		slices.SortStableFunc(src.Placeholders, func(a, b string) int {
			pa, pb := src.At(a), src.At(b)
			return cmp.Or(cmp.Compare(pa.Line, pb.Line), cmp.Compare(pa.Col, pb.Col), strings.Compare(a, b))
		})
		src.Placeholders = slices.Compact(src.Placeholders)
	}
	if len(problems) == 0 && len(d.mismatches) > 0 {
		l.errs.Add(site.Pos{File: p, Line: 1 + lineOffset, Col: 1}, "this is a fault in handbook, not in the file: please report it",
			"%s passes its schema but handbook cannot read it: %s", p, strings.Join(d.mismatches, "; "))
	}
	return true
}

// markedTODO are the key paths of the values a "# TO DO" comment is
// about: the value on the comment's line, or the first key below a
// comment on a line of its own. handbook new and handbook import mark
// each guess they make so ("# TO DO: check"), and what only the practice
// can say. A "#" inside a string is taken for a comment too: a value
// that says "# TO DO" is one to look at anyway.
func markedTODO(data []byte, lineOffset int, src *site.Source) []string {
	if !bytes.Contains(data, todoComment) {
		return nil
	}
	var paths []string
	for i, line := range bytes.Split(data, []byte("\n")) {
		if !bytes.Contains(line, todoComment) {
			continue
		}
		if p, ok := src.KeyFrom(i + 1 + lineOffset); ok {
			paths = append(paths, p)
		}
	}
	return paths
}

// todoComment begins a comment that marks a value to fill in or check.
var todoComment = []byte("# " + site.Placeholder)

var practiceFiles = []string{"practice.toml", "roles.toml", "training.toml"}
var practiceDirs = []string{"people", "services", "runbooks", "exercises", "incidents", "changes", "assets", "reviews", "pages", "images"}

// header checks the layout of the folder of a practice and reads its
// practice.toml.
func (l *loader) header(dir, id string) *site.Practice {
	if !l.id(dir, "practice", id) {
		return nil
	}
	entries, ok := l.readDir(dir)
	if !ok {
		return nil
	}
	for _, e := range entries {
		switch n := e.Name(); {
		case Ignored(n):
		// A folder where a file belongs, or the other way round, is
		// reported where it is read, once.
		case slices.Contains(practiceFiles, n), slices.Contains(practiceDirs, n):
		default:
			l.unexpected(path.Join(dir, n), "a practice folder holds "+
				strings.Join(practiceFiles, ", ")+" and the folders "+strings.Join(practiceDirs, "/, ")+"/")
		}
	}
	pr := &site.Practice{ID: id}
	missing := false
	for _, f := range practiceFiles {
		if !l.exists(path.Join(dir, f)) {
			l.errs.Add(site.Pos{File: path.Join(dir, f)}, "copy it from an example practice and edit it",
				"practice %q has no %s", id, f)
			missing = true
		}
	}
	if missing {
		l.incomplete = true
		return nil
	}
	l.record(path.Join(dir, "practice.toml"), "practice", pr, &pr.Source)
	return pr
}

// rest reads the files of a practice's folder but practice.toml into pr.
func (l *loader) rest(dir string, pr *site.Practice) {
	pr.Roles = &site.RoleList{}
	l.record(path.Join(dir, "roles.toml"), "roles", pr.Roles, &pr.Roles.Source)
	pr.Training = &site.Training{}
	l.record(path.Join(dir, "training.toml"), "training", pr.Training, &pr.Training.Source)
	sub := func(name string) string { return path.Join(dir, name) }
	optional := func(name string) bool {
		info, err := fs.Stat(l.fsys, sub(name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return false
		case err == nil && !info.IsDir():
			l.errs.Add(site.Pos{File: sub(name)}, "make it a folder holding one .toml file per record, or remove it",
				"this is a file, where the folder %s/ belongs", name)
			l.incomplete = true
			return false
		}
		return true // a folder, or something whose reading says what is wrong
	}
	if optional("people") {
		pr.People = records(l, sub("people"), "person", func(r *site.Person, id string) *site.Source { r.ID = id; return &r.Source })
	}
	if optional("services") {
		pr.Services = records(l, sub("services"), "service", func(r *site.Service, id string) *site.Source { r.ID = id; return &r.Source })
	}
	if optional("runbooks") {
		pr.Runbooks = records(l, sub("runbooks"), "runbook", func(r *site.Runbook, id string) *site.Source { r.ID = id; return &r.Source })
	}
	if optional("exercises") {
		pr.Exercises = records(l, sub("exercises"), "exercise", func(r *site.Exercise, id string) *site.Source { r.ID = id; return &r.Source })
	}
	if optional("incidents") {
		pr.Incidents = records(l, sub("incidents"), "incident", func(r *site.Incident, id string) *site.Source { r.ID = id; return &r.Source })
	}
	if optional("changes") {
		pr.Changes = records(l, sub("changes"), "change", func(r *site.Change, id string) *site.Source { r.ID = id; return &r.Source })
	}
	if optional("assets") {
		pr.Assets = records(l, sub("assets"), "asset", func(r *site.Asset, id string) *site.Source { r.ID = id; return &r.Source })
	}
	if optional("reviews") {
		pr.Reviews = records(l, sub("reviews"), "review", func(r *site.ReviewRecord, id string) *site.Source { r.ID = id; return &r.Source })
	}
	if optional("pages") {
		pr.Pages = l.pages(sub("pages"))
	}
	if optional("images") {
		pr.Images = l.images(sub("images"), pr)
	}
}

// hideSensitive marks the errors from index from on about a line of file
// p (data, from line lineOffset+1) that sets a sensitive key, such as
// personal_mobile, so that the line is never shown; a message or hint
// that quotes any part of the value, which is personal, is replaced by
// one that names the key only.
func (l *loader) hideSensitive(p string, data []byte, lineOffset, from int) {
	for _, e := range l.errs[from:] {
		line := e.Pos.Line - lineOffset
		if e.Pos.File != p || line < 1 {
			continue
		}
		key, value := lineKey(data, line)
		if key == "" || !site.SensitiveKey(key) {
			continue
		}
		e.Private = true
		if quotes(e.Msg+" "+e.Hint, value) {
			e.Msg = key + ": the value on this line is not one handbook can read (it is not shown here, as it is personal)"
			e.Hint = "look at the line in your editor: text such as a phone number goes in double quotes"
		}
	}
}

// quotes reports whether text holds any run of three or more letters or
// digits of value.
func quotes(text, value string) bool {
	for _, part := range strings.FieldsFunc(value, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(part) >= 3 && strings.Contains(text, part) {
			return true
		}
	}
	return false
}

// lineKey is the last part of the key set on line n (from 1) of data, and
// the text after its =, or "" when the line sets none.
func lineKey(data []byte, n int) (key, value string) {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return "", ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	k, v, ok := bytes.Cut(data, []byte("="))
	if !ok {
		return "", ""
	}
	k = bytes.TrimSpace(k)
	if i := bytes.LastIndexByte(k, '.'); i >= 0 {
		k = k[i+1:]
	}
	return strings.Trim(string(k), `"' \t`), string(v)
}

// controls reports each text value under v, at path, that holds a control
// character: one that moves the cursor, changes colours or reverses the
// direction of text on a terminal, or is no character at all. Tabs and
// line breaks are characters of text (the schemas say where one line is
// wanted).
func (l *loader) controls(path string, v any, src *site.Source, reported map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			l.controls(joinPath(path, k), x, src, reported)
		}
	case []map[string]any:
		for i, x := range v {
			l.controls(joinPath(path, strconv.Itoa(i)), x, src, reported)
		}
	case []any:
		for i, x := range v {
			l.controls(joinPath(path, strconv.Itoa(i)), x, src, reported)
		}
	case string:
		i := strings.IndexFunc(v, isControl)
		if i < 0 || reported[path] {
			return
		}
		reported[path] = true
		r, _ := utf8.DecodeRuneInString(v[i:])
		l.errs.Add(src.At(path), "retype the text, or paste it as plain text (Ctrl+Shift+V)",
			"%s holds the control character U+%04X, which is not text", path, r)
	}
}

func joinPath(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// isControl reports whether r is a control character that is not text:
// any (site.IsControl) but a tab or a line break, which the schemas allow
// or refuse field by field.
func isControl(r rune) bool {
	return r != '\t' && r != '\n' && r != '\r' && site.IsControl(r)
}
