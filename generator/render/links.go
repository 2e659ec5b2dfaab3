package render

import (
	"bytes"
	"hash/maphash"
	"path"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Links between records are written in Markdown pages as relative paths
// to their files, as the practice manager sees them in the editor (and as
// git hosts render them): [Docman](../services/docman.toml), [IT
// guide](it-support.md). Each becomes a link to the record's page; one
// that names no record is an error at its line, so a handbook never ships
// a broken link.

// linker resolves the links in the Markdown pages of one practice.
type linker struct {
	practice *site.Practice
	h        *site.Handbook
	// own maps the file of every record of the practice with a page to
	// that page.
	own map[string]string
	// anchors are the links to sections of pages, and to the records of
	// other practices, to check once the pages are rendered.
	anchors []Link
}

func newLinker(h *site.Handbook, pr *site.Practice) *linker {
	return &linker{practice: pr, h: h, own: practiceRecords(pr)}
}

// linkHint says how to link to a record from a Markdown page.
const linkHint = "link to a record by the path of its file from this page, such as ../services/docman.toml or other-page.md"

// target checks the destination of a link in page pg, at pos, and returns
// what the rendered page links to.
func (l *linker) target(pg *site.Page, dest string, pos site.Pos, errs *site.ErrorList) string {
	if dest == "" {
		errs.Add(pos, linkHint, "link has no destination")
		return dest
	}
	if scheme, _, ok := strings.Cut(dest, ":"); ok && !strings.ContainsAny(scheme, "/?#") {
		switch strings.ToLower(scheme) {
		case "http", "https", "mailto", "tel":
			return dest
		}
		errs.Add(pos, "use an https:, http:, mailto: or tel: link", "link %q uses %s:, which handbook does not allow", dest, scheme)
		return ""
	}
	if strings.HasPrefix(dest, "//") || strings.HasPrefix(dest, `\\`) {
		// From a copy on a shared drive, //host/x is file://host/x.
		errs.Add(pos, "write the whole address, starting https://", "link %q has no scheme, so where it leads depends on where the handbook is opened", dest)
		return ""
	}
	file, frag, _ := strings.Cut(dest, "#")
	file, _, _ = strings.Cut(file, "?")
	if file == "" { // a section of this page
		l.anchors = append(l.anchors, Link{page: pg.URL(), id: frag, dest: dest, pos: pos})
		return dest
	}
	target := path.Join(path.Dir(pg.File), file)
	url, ok := l.own[target]
	if !ok {
		url, ok = l.h.RecordPage(target)
	}
	other := false
	if !ok && !strings.HasPrefix(target, l.practice.Folder()) {
		url, ok = site.PageOfFile(target)
		other = ok
	}
	if ok {
		switch {
		case other:
			// A record of another practice: its page must be there once
			// every page is rendered.
			l.anchors = append(l.anchors, Link{page: url, id: frag, dest: dest, file: target, pos: pos})
		case frag != "":
			l.anchors = append(l.anchors, Link{page: url, id: frag, dest: dest, pos: pos})
		}
		rel := relPath(pg.URL(), url)
		if frag != "" {
			rel += "#" + frag
		}
		return rel
	}
	if strings.HasPrefix(target, "../") || target == ".." {
		errs.Add(pos, linkHint, "link %q leads outside the site", dest)
		return dest
	}
	errs.Add(pos, linkHint, "link %q leads to %s, which is not a record of this handbook", dest, target)
	return dest
}

// imageHint says where a page's pictures go.
const imageHint = "put the picture in the practice's images/ folder and show it with ![what it shows](../images/name.png)"

// image checks the source of a picture in page pg, at pos, and returns
// what the rendered page shows: one of the practice's images.
func (l *linker) image(pg *site.Page, src string, pos site.Pos, errs *site.ErrorList) string {
	file, _, _ := strings.Cut(src, "#")
	file, _, _ = strings.Cut(file, "?")
	target := path.Join(path.Dir(pg.File), file)
	for _, im := range l.practice.Images {
		if im.File == target {
			return relPath(pg.URL(), im.URL())
		}
	}
	switch {
	case file == "":
		errs.Add(pos, imageHint, "picture has no source")
	case strings.HasPrefix(target, "../") || target == "..":
		errs.Add(pos, imageHint, "picture %q leads outside the site", src)
	default:
		errs.Add(pos, imageHint, "picture %q leads to %s, which is not a picture in %simages/", src, target, l.practice.Folder())
	}
	return ""
}

// check reports every link to a section that its page does not have,
// among the links to the pages in files (sorted by path), and returns the
// links to the pages of other parts of the site.
func (l *linker) check(files []site.File, errs *site.ErrorList) (elsewhere []Link) {
	for _, a := range l.anchors {
		i, found := slices.BinarySearchFunc(files, a.page, byPath)
		if !found {
			elsewhere = append(elsewhere, a)
			continue
		}
		if a.id != "" && !bytes.Contains(files[i].Data, []byte(` id="`+a.id+`"`)) {
			a.noSection(errs)
		}
	}
	return elsewhere
}

func byPath(f site.File, p string) int { return strings.Compare(f.Path, p) }

// Link is a link from a Markdown page to a page in another part of the
// site (a shared record's page, or a record of another practice), or to a
// section of one: whether it leads anywhere is known only once that page
// is rendered. Check it with the Targets of the part that page is in.
type Link struct {
	page, id, dest string
	// file is set on a link to the record in file, a record of another
	// practice, whose page is only known to be there once it is rendered.
	file string
	pos  site.Pos
}

// Page is the page the link leads to, relative to the site root.
func (l Link) Page() string { return l.page }

// Check reports l in errs if its page, as t records the pages of the part
// it is in, is not there or has no element with its id.
func (l Link) Check(t Targets, errs *site.ErrorList) {
	switch {
	case !t.has(l.page, ""):
		if l.file != "" {
			errs.Add(l.pos, linkHint, "link %q leads to %s, which is not a record of this handbook", l.dest, l.file)
		}
	case l.id != "" && !t.has(l.page, l.id):
		l.noSection(errs)
	}
}

func (l Link) noSection(errs *site.ErrorList) {
	errs.Add(l.pos, "the part after # must be the id of a section of that page (a heading \"Who does what\" has the id who-does-what), or leave it out",
		"link %q names a section #%s that its page does not have", l.dest, l.id)
}

// Targets records the pages of a part of the site and the ids of their
// elements, so that links to them from other parts can be checked after
// the pages themselves are let go: each page, and each id on it, as a
// 32-bit hash. A part has a few thousand at most, so a link to an id that
// is not there matches another's hash about once in a million parts.
type Targets struct{ sums []uint32 }

var targetSeed = maphash.MakeSeed()

func targetSum(page string, id []byte) uint32 {
	var h maphash.Hash
	h.SetSeed(targetSeed)
	h.WriteString(page)
	h.WriteByte('#')
	h.Write(id)
	return uint32(h.Sum64())
}

// TargetsOf records the HTML pages among files, and their ids.
func TargetsOf(files []site.File) Targets {
	var t Targets
	attr := []byte(` id="`)
	for _, f := range files {
		if path.Ext(f.Path) != ".html" {
			continue
		}
		t.sums = append(t.sums, targetSum(f.Path, nil))
		for rest := f.Data; ; {
			i := bytes.Index(rest, attr)
			if i < 0 {
				break
			}
			rest = rest[i+len(attr):]
			end := bytes.IndexByte(rest, '"')
			if end < 0 {
				break
			}
			t.sums = append(t.sums, targetSum(f.Path, rest[:end]))
			rest = rest[end:]
		}
	}
	slices.Sort(t.sums)
	return t
}

func (t Targets) has(page, id string) bool {
	_, ok := slices.BinarySearch(t.sums, targetSum(page, []byte(id)))
	return ok
}

// practiceRecords maps the file of every record of pr with a page to that
// page.
func practiceRecords(pr *site.Practice) map[string]string {
	m := map[string]string{pr.File: pr.URL()}
	if pr.Roles != nil {
		m[pr.Roles.File] = pr.RolesURL()
	}
	if pr.Training != nil {
		m[pr.Training.File] = pr.TrainingURL()
	}
	for _, r := range pr.People {
		m[r.File] = r.URL()
	}
	for _, r := range pr.Services {
		m[r.File] = r.URL()
	}
	for _, r := range pr.Runbooks {
		m[r.File] = r.URL()
	}
	for _, r := range pr.Exercises {
		m[r.File] = r.URL()
	}
	for _, r := range pr.Reviews {
		m[r.File] = r.URL()
	}
	for _, r := range pr.Incidents {
		m[r.File] = r.URL()
	}
	for _, r := range pr.Changes {
		m[r.File] = r.URL()
	}
	for _, r := range pr.Assets {
		m[r.File] = r.URL()
	}
	for _, r := range pr.Pages {
		m[r.File] = r.URL()
	}
	return m
}
