package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// md converts Markdown bodies. Raw HTML stays disabled (goldmark drops it
// unless told otherwise), and bare URLs are not turned into links.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	// Before the table extension's own renderer (500), so that this one
	// draws the <table> element.
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(tableRenderer{}, 100))),
)

// PageView is a Markdown page with its body rendered.
type PageView struct {
	Page *site.Page
	Body template.HTML
}

// pageView renders pg's body.
//
// Links between records are written as relative paths to their files, as
// the practice manager sees them in the editor (and as git hosts render
// them): [Docman](../services/docman.toml), [IT](it-support.md). Each
// becomes a link to the record's page; one that names no record is an
// error at its line, so a handbook never ships a broken link. An image
// from another host would make the page fetch from outside the handbook,
// which must work offline: also an error.
func pageView(pg *site.Page, bl *bodyLinks, errs *site.ErrorList) PageView {
	doc := md.Parser().Parse(text.NewReader(pg.Body))
	at := func(n ast.Node) site.Pos {
		line, col := site.LineCol(pg.Body, offset(n))
		return site.Pos{File: pg.File, Line: pg.BodyLine + line - 1, Col: col}
	}
	// The page title is the page's only h1, so the body's top headings
	// become h2, whether the author started at # or at ##, and the levels
	// below follow without a gap.
	top := 6
	var headings []*ast.Heading // their levels are set once top is known
	var heading string          // the text of the last heading, for the next table
	var captions []ast.Node
	tables := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			top = min(top, n.Level)
			headings = append(headings, n)
			heading = plainText(n, pg.Body)
		case *extast.Table:
			tables++
			n.SetAttributeString(captionID, fmt.Sprintf("table-caption-%d", tables))
			// A paragraph "Table: ..." just before the table is its
			// caption; otherwise the heading it is under names it, for
			// screen readers only.
			if p, ok := n.PreviousSibling().(*ast.Paragraph); ok {
				if c, ok := strings.CutPrefix(plainText(p, pg.Body), "Table:"); ok && strings.TrimSpace(c) != "" {
					n.SetAttributeString(captionText, strings.TrimSpace(c))
					captions = append(captions, p)
					break
				}
			}
			c := heading
			if c == "" {
				c = pg.Title
			}
			n.SetAttributeString(captionText, c)
			n.SetAttributeString(captionHidden, true)
		case *ast.Image:
			if dest := string(n.Destination); isExternal(dest) {
				errs.Add(at(n), "put the image in the site and refer to it by a relative path, or link to it instead",
					"image %q comes from outside the handbook, which must work offline", dest)
			}
		case *ast.Link:
			n.Destination = []byte(bl.target(pg, string(n.Destination), at(n), errs))
		case *ast.AutoLink:
			// <https://...> is external by construction.
		}
		return ast.WalkContinue, nil
	})
	for _, h := range headings {
		h.Level = min(max(h.Level-top+2, 2), 6)
	}
	for _, p := range captions {
		p.Parent().RemoveChild(p.Parent(), p)
	}
	var out htmlWriter
	// Prose comes out about an eighth longer as HTML.
	out.Grow(len(pg.Body) + len(pg.Body)/4 + 256)
	if err := md.Renderer().Render(&out, pg.Body, doc); err != nil {
		errs.Add(site.Pos{File: pg.File, Line: pg.BodyLine}, "", "cannot render Markdown: %v", err)
	}
	return PageView{Page: pg, Body: template.HTML(out.String())}
}

// htmlWriter is what goldmark renders a body into: a strings.Builder,
// whose string is the body without a copy, that goldmark takes as its own
// buffered writer (util.BufWriter) instead of wrapping it in a bufio
// buffer of its own for every page. Nothing is buffered, so there is
// never anything to flush.
type htmlWriter struct{ strings.Builder }

func (w *htmlWriter) Available() int { return w.Cap() - w.Len() }
func (w *htmlWriter) Buffered() int  { return 0 }
func (w *htmlWriter) Flush() error   { return nil }

var _ util.BufWriter = (*htmlWriter)(nil)

// offset is the byte offset in the body where n's text starts: its own
// first text segment, or the first line of the block holding it.
func offset(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func isExternal(dest string) bool {
	return strings.HasPrefix(dest, "//") || strings.Contains(dest, ":")
}

// bodyLinks resolves the links in Markdown bodies to records' pages, and
// remembers those naming a section (#fragment) of a page, to check once
// every page is rendered.
type bodyLinks struct {
	// own and shared map the file of every record with a page to that
	// page: the records of the practice whose pages these are, and the
	// shared records.
	own, shared map[string]string
	anchors     []anchor
}

// anchor is a link, at pos, to the element with id on page, or to page
// itself when id is empty. file is set on a link to the record in file, a
// record of another practice, whose page is only known to be there once
// every page is rendered.
type anchor struct {
	page, id, dest string
	file           string
	pos            site.Pos
}

// target checks the destination of a link in page pg, at pos, and returns
// what the rendered page links to.
func (bl *bodyLinks) target(pg *site.Page, dest string, pos site.Pos, errs *site.ErrorList) string {
	const hint = linkHint
	if dest == "" {
		errs.Add(pos, hint, "link has no destination")
		return dest
	}
	if scheme, _, ok := strings.Cut(dest, ":"); ok && !strings.ContainsAny(scheme, "/?#") {
		switch strings.ToLower(scheme) {
		case "http", "https", "mailto", "tel":
			return dest
		}
		errs.Add(pos, "use an https:, mailto: or tel: link", "link %q uses %s:, which handbook does not allow", dest, scheme)
		return ""
	}
	if strings.HasPrefix(dest, "//") {
		return dest
	}
	file, frag, _ := strings.Cut(dest, "#")
	file, _, _ = strings.Cut(file, "?")
	if file == "" { // a section of this page
		bl.anchors = append(bl.anchors, anchor{page: pg.URL(), id: frag, dest: dest, pos: pos})
		return dest
	}
	target := path.Join(path.Dir(pg.File), file)
	url, ok := bl.own[target]
	if !ok {
		url, ok = bl.shared[target]
	}
	other := false
	if !ok && pg.Practice != nil && !strings.HasPrefix(target, pg.Practice.Folder()) {
		url, ok = site.PageOfFile(target)
		other = ok
	}
	if ok {
		switch {
		case other:
			// A record of another practice: its page must be there once
			// every page is rendered.
			bl.anchors = append(bl.anchors, anchor{page: url, id: frag, dest: dest, file: target, pos: pos})
		case frag != "":
			bl.anchors = append(bl.anchors, anchor{page: url, id: frag, dest: dest, pos: pos})
		}
		rel := relPath(pg.URL(), url)
		if frag != "" {
			rel += "#" + frag
		}
		return rel
	}
	if strings.HasPrefix(target, "../") || target == ".." {
		errs.Add(pos, hint, "link %q leads outside the site", dest)
		return dest
	}
	errs.Add(pos, hint, "link %q leads to %s, which is not a record of this handbook", dest, target)
	return dest
}

// linkHint says how to link to a record from a Markdown page.
const linkHint = "link to a record by the path of its file from this page, such as ../services/docman.toml or other-page.md"

// check reports every link to a section that its page does not have,
// among links to the pages in files (sorted by path). It returns the
// links to other pages, to check once those are rendered.
func (bl *bodyLinks) check(files []site.File, errs *site.ErrorList) (elsewhere []anchor) {
	for _, a := range bl.anchors {
		i, found := slices.BinarySearchFunc(files, a.page, byPath)
		if !found {
			elsewhere = append(elsewhere, a)
			continue
		}
		a.check(files[i].Data, true, errs)
	}
	return elsewhere
}

// check reports the link if page, as rendered, has no element with its
// id, or if found is false: there is no such page.
func (a anchor) check(page []byte, found bool, errs *site.ErrorList) {
	if !found && a.file != "" {
		errs.Add(a.pos, linkHint, "link %q leads to %s, which is not a record of this handbook", a.dest, a.file)
		return
	}
	if a.id == "" || bytes.Contains(page, []byte(` id="`+a.id+`"`)) {
		return
	}
	errs.Add(a.pos, "the part after # must be the id of a section of that page (a heading \"Who does what\" has the id who-does-what), or leave it out",
		"link %q names a section #%s that its page does not have", a.dest, a.id)
}

// sharedRecords maps the file of every shared record with a page to that
// page: handbook.toml, the organisations and the courses.
func sharedRecords(h *site.Handbook) map[string]string {
	m := map[string]string{h.Config.File: site.IndexURL}
	for _, o := range h.Organisations {
		m[o.File] = o.URL()
	}
	for _, c := range h.Courses {
		m[c.File] = c.URL()
	}
	return m
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
	for _, r := range pr.Pages {
		m[r.File] = r.URL()
	}
	return m
}

// plainText is the text of n and its descendants, without markup.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// Attributes pageView sets on a table node for tableRenderer. They are
// never written out as attributes.
const (
	captionID     = "handbook-caption-id"
	captionText   = "handbook-caption"
	captionHidden = "handbook-caption-hidden"
)

// tableRenderer writes a Markdown table with its caption, inside a region
// that scrolls sideways when the table is wider than the window (as the
// theme's own tables do), named by the caption and reachable by keyboard.
type tableRenderer struct{}

func (tableRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindTable, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			w.WriteString("</table>\n</div>\n")
			return ast.WalkContinue, nil
		}
		id, _ := n.AttributeString(captionID)
		text, _ := n.AttributeString(captionText)
		hidden, _ := n.AttributeString(captionHidden)
		fmt.Fprintf(w, `<div class="table-scroll" role="region" aria-labelledby="%s" tabindex="0">`+"\n<table>\n", id)
		fmt.Fprintf(w, `<caption id="%s"`, id)
		if hidden == true {
			w.WriteString(` class="visually-hidden"`)
		}
		fmt.Fprintf(w, ">%s</caption>\n", template.HTMLEscapeString(fmt.Sprint(text)))
		return ast.WalkContinue, nil
	})
}
