// Package markdown converts the Markdown body of a page of policy or
// guidance to the HTML its page shows: tables, strikethrough and task
// lists; raw HTML dropped; the body's top headings made h2, as the page's
// title is its only h1; every table captioned, inside a region that
// scrolls sideways. Each link's destination is the caller's to resolve,
// and an image from another host is an error, as the handbook must work
// offline. It does no I/O.
package markdown

import (
	"bytes"
	"fmt"
	"html/template"
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

// Convert renders the body of page pg. The destination of each link is
// passed to link, with the link's position in the page's file, and
// replaced by what link returns; the source of each picture of the site
// likewise to image. Mistakes are added to errs.
func Convert(pg *site.Page, link, image func(dest string, pos site.Pos) string, errs *site.ErrorList) template.HTML {
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
			} else {
				n.Destination = []byte(image(dest, at(n)))
			}
		case *ast.Link:
			n.Destination = []byte(link(string(n.Destination), at(n)))
		case *ast.AutoLink:
			// <https://...> and <someone@example.nhs.uk>: the same rule
			// as any link decides whether the address may be a link.
			if n.AutoLinkType == ast.AutoLinkURL {
				link(string(n.URL(pg.Body)), at(n))
			}
		}
		return ast.WalkContinue, nil
	})
	for _, h := range headings {
		h.Level = min(max(h.Level-top+2, 2), 6)
	}
	for _, p := range captions {
		p.Parent().RemoveChild(p.Parent(), p)
	}
	var out bytes.Buffer
	out.Grow(len(pg.Body) + len(pg.Body)/4) // prose comes out about an eighth longer as HTML
	if err := md.Renderer().Render(&out, pg.Body, doc); err != nil {
		errs.Add(site.Pos{File: pg.File, Line: pg.BodyLine}, "", "cannot render Markdown: %v", err)
	}
	return template.HTML(out.String())
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

// Attributes Convert sets on a table node for tableRenderer. They are
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
