package load

import (
	"bytes"
	"path"
	"strings"

	"github.com/gohugoio/hugo/parser/pageparser"
	"github.com/handbook-nhs/handbook/generator/site"
)

// pages reads every <id>.md in dir: TOML front matter between +++ lines,
// then a Markdown body.
func (l *loader) pages(dir string) []*site.Page {
	entries, ok := l.readDir(dir)
	if !ok {
		return nil
	}
	var out []*site.Page
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		stem, isMD := strings.CutSuffix(e.Name(), ".md")
		switch {
		case Ignored(e.Name()):
		case e.IsDir() || !isMD:
			l.unexpected(p, "this folder holds one Markdown (.md) file per page")
		case l.id(p, "page", stem):
			var pg *site.Page
			if data, ok := l.readFile(p); ok {
				pg = l.page(p, data)
			}
			if pg == nil {
				// Kept, empty, so that links to it add no errors.
				pg = &site.Page{Source: site.Source{File: p}}
			}
			pg.ID = stem
			out = append(out, pg)
		}
	}
	return out
}

// page splits a Markdown file with pageparser and decodes its front matter.
func (l *loader) page(p string, data []byte) *site.Page {
	const hint = "start the file with a line +++, the TOML fields, then another +++ line"
	items, err := pageparser.ParseBytes(data, pageparser.Config{})
	if err != nil {
		l.errs.Add(site.Pos{File: p, Line: 1, Col: 1}, hint, "cannot read front matter: %v", err)
		return nil
	}
	it := pageparser.NewIterator(items)
	for {
		item := it.Next()
		switch {
		case item.IsError():
			if item.Err != nil && strings.Contains(item.Err.Error(), "EOF looking for end") {
				l.errs.Add(site.Pos{File: p, Line: 1, Col: 1}, "add a line +++ after the last field of the front matter",
					"the front matter opened here is never closed")
				return nil
			}
			line, col := site.LineCol(data, item.Pos())
			msg := "front matter cannot be read"
			if item.Err != nil {
				msg += ": " + item.Err.Error()
			}
			l.errs.Add(site.Pos{File: p, Line: line, Col: col}, hint, "%s", msg)
			return nil
		case item.Type == pageparser.TypeIgnore:
			continue
		case item.Type == pageparser.TypeFrontMatterTOML:
			pg := &site.Page{}
			fm := item.Val(data)
			start, _ := site.LineCol(data, item.Pos())
			if !l.decode(p, "page", fm, start-1, pg, &pg.Source) {
				return nil
			}
			bodyAt := item.Pos() + len(fm)
			// Step past the closing +++ line.
			if i := bytes.IndexByte(data[bodyAt:], '\n'); i >= 0 {
				bodyAt += i + 1
			} else {
				bodyAt = len(data)
			}
			pg.Body = data[bodyAt:]
			pg.BodyLine, _ = site.LineCol(data, bodyAt)
			if i, msg, hint := tooComplex(pg.Body); i >= 0 {
				line, col := site.LineCol(pg.Body, i)
				l.errs.Add(site.Pos{File: p, Line: pg.BodyLine + line - 1, Col: col}, hint, "%s", msg)
				return nil
			}
			return pg
		case item.IsFrontMatter():
			l.errs.Add(site.Pos{File: p, Line: 1, Col: 1}, hint, "front matter must be TOML between +++ lines, not %s",
				strings.TrimPrefix(item.Type.String(), "TypeFrontMatter"))
			return nil
		default:
			l.errs.Add(site.Pos{File: p, Line: 1, Col: 1}, hint, "page has no front matter")
			return nil
		}
	}
}
