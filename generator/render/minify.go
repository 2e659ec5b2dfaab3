package render

import (
	"bytes"
	"io"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// htmlMinifier is how HTML is minified: conservatively, keeping the
// document tags, end tags and quotes.
func htmlMinifier() *html.Minifier {
	return &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true}
}

// minifier minifies pages (when the templates cannot be) and stylesheets.
func minifier() *minify.M {
	m := minify.New()
	m.Add("text/html", htmlMinifier())
	m.AddFunc("text/css", css.Minify)
	return m
}

// templateMinifier minifies template text: HTML as minifier does, with
// the {{ }} actions kept as they are.
func templateMinifier() *minify.M {
	m := minifier()
	hm := htmlMinifier()
	hm.TemplateDelims = html.GoTemplateDelims
	m.Add("text/html", hm)
	return m
}

// minifyTemplates returns the text of each template file minified: the
// pages rendered from it, minified again, are byte for byte the pages
// rendered from files, minified. It exists for speed: minifying each
// page as it is rendered, instead of the templates once, costs about a
// quarter more of a build's CPU. What actions print (records' fields,
// Markdown bodies) is not minified. It returns nil when some file calls a
// template (template, block, cached) where that template's text would
// not be HTML text (see callsInText): minified as HTML, its meaning could
// change there.
//
// A template file is a fragment: what comes before and after it is only
// known when a page is rendered. The minifier trims white space at the
// start and end of what it is given, which between two inline fragments
// ("Every {{plural ...}}") is a space a reader sees; it also writes
// "&amp;" as "&" when no letter follows, which an action may then print.
// So each file is minified between two empty actions, which keep the
// space at its edges as they keep it around every action, and a file
// whose minified text puts a bare & before an action keeps its text as
// written, as does one with an action in an HTML comment (the minifier
// drops comments, and the action could fail), or one the minifier fails
// on.
func minifyTemplates(files map[string][]byte) map[string][]byte {
	// The lexer reads quotes in actions as strings, so an apostrophe in a
	// template comment ({{/* the page's */}}) would run to the end of the
	// file: the comments are emptied first. They render as nothing, and
	// an emptied comment trims white space as the comment did.
	bare := make(map[string][]byte, len(files))
	for name, data := range files {
		bare[name] = templateComment.ReplaceAll(data, []byte("${1}/**/${2}"))
		if !callsInText(bare[name]) {
			return nil
		}
	}
	m := templateMinifier()
	small := make(map[string][]byte, len(files))
	for name, original := range files {
		small[name] = original
		data := bare[name]
		if actionInComment(data) {
			continue
		}
		out, err := m.Bytes("text/html", bytes.Join([][]byte{edge, data, edge}, nil))
		if err != nil {
			continue
		}
		out, ok1 := bytes.CutPrefix(out, edge)
		out, ok2 := bytes.CutSuffix(out, edge)
		if !ok1 || !ok2 || len(ampBeforeAction.FindAll(out, -1)) > len(ampBeforeAction.FindAll(data, -1)) {
			continue
		}
		small[name] = out
	}
	return small
}

// templateComment is a template comment, {{/* ... */}}, with the trim
// markers and spaces around it.
var templateComment = regexp.MustCompile(`(\{\{-?\s*)/\*(?s:.*?)\*/(\s*-?\}\})`)

// edge is an empty action, put at both ends of a template file while it
// is minified.
var edge = []byte("{{/**/}}")

// ampBeforeAction is a bare & followed by an action, which may print the
// rest of an entity.
var ampBeforeAction = regexp.MustCompile(`&\s*\{\{`)

// calls is an action that puts a template's text where it stands.
var calls = regexp.MustCompile(`\{\{-?\s*(template|block)\b|\{\{[^}]*\bcached\b`)

// callsInText reports whether the template file data calls templates
// only in HTML text: not inside a tag, an attribute, <pre>, or an element
// whose content is not HTML (<script>, <style>, <textarea>, <title>,
// <svg>, ...), where white space and entities mean other things.
func callsInText(data []byte) bool {
	l := htmllex.NewTemplateLexer(parse.NewInputBytes(data), html.GoTemplateDelims)
	pre := 0
	for {
		tt, tok := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return l.Err() == io.EOF
		case htmllex.CommentToken:
			// What a template prints in a comment is dropped.
		case htmllex.StartTagToken, htmllex.EndTagToken:
			if bytes.EqualFold(l.Text(), []byte("pre")) {
				if tt == htmllex.StartTagToken {
					pre++
				} else {
					pre = max(pre-1, 0)
				}
			}
		case htmllex.TemplateToken:
			if pre > 0 && calls.Match(tok) {
				return false
			}
		default:
			// Outside tags, the lexer gives actions tokens of their own;
			// an action in another token is in a tag or in content that
			// is not HTML.
			if calls.Match(tok) {
				return false
			}
		}
	}
}

// actionInComment reports whether the template file data has an action
// inside an HTML comment.
func actionInComment(data []byte) bool {
	l := htmllex.NewTemplateLexer(parse.NewInputBytes(data), html.GoTemplateDelims)
	for {
		tt, tok := l.Next()
		switch tt {
		case htmllex.ErrorToken:
			return l.Err() != io.EOF
		case htmllex.CommentToken:
			if bytes.Contains(tok, []byte("{{")) {
				return true
			}
		}
	}
}
