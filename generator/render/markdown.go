package render

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// md converts Markdown bodies. Raw HTML stays disabled (goldmark drops it
// unless told otherwise), and bare URLs are not turned into links.
var md = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// PageView is a Markdown page with its body rendered.
type PageView struct {
	Page *site.Page
	Body template.HTML
}

// pageView renders pg's body. An image from another host would make the
// page fetch from outside the handbook, which must work offline: it is an
// error at its line.
func pageView(pg *site.Page, errs *site.ErrorList) PageView {
	doc := md.Parser().Parse(text.NewReader(pg.Body))
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		// The page title is the page's only h1: body headings start at h2.
		if h, ok := n.(*ast.Heading); ok {
			h.Level = min(h.Level+1, 6)
		}
		img, ok := n.(*ast.Image)
		if !ok {
			return ast.WalkContinue, nil
		}
		if dest := string(img.Destination); isExternal(dest) {
			line, col := site.LineCol(pg.Body, offset(img))
			errs.Add(site.Pos{File: pg.File, Line: pg.BodyLine + line - 1, Col: col},
				"put the image in the site and refer to it by a relative path, or link to it instead",
				"image %q comes from outside the handbook, which must work offline", dest)
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, pg.Body, doc); err != nil {
		errs.Add(site.Pos{File: pg.File, Line: pg.BodyLine}, "", "cannot render Markdown: %v", err)
	}
	return PageView{Page: pg, Body: template.HTML(buf.String())}
}

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
