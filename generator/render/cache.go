package render

import (
	"encoding/binary"
	"fmt"
	"html/template"
	"strings"
)

// cached is the template function cached: {{cached "partials/nav.html" .
// .Nav}} renders the named template for page p the first time it is asked
// for with those keys among the pages of p's folder in p's part (one
// practice's pages, or the pages outside every practice's folder), and the
// same HTML again after that. The template must show nothing of the page
// but what is the same across the folder's pages of the part and what the
// keys say: the practice, the handbook, the date and the way from the page
// to any other (.Rel, .Root) are the same; the page's title, record and
// navigation item (.Nav) are not.
//
// It exists for speed: the head, header, navigation and footer that every
// page repeats take a sixth of a build's CPU when each page renders them
// afresh.
func (s *templateSet) cached(name string, p *Page, keys []any) (template.HTML, error) {
	t, ok := s.pages[p.Template]
	if !ok {
		return "", fmt.Errorf("no template %s", p.Template)
	}
	key := string(cacheKey(nil, name, append([]any{p.Dir()}, keys...)))
	if h, ok := p.cached[key]; ok {
		return h, nil
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, p); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	if p.cached != nil {
		p.cached[key] = h
	}
	return h, nil
}

// fragments is what cached rendered for the pages of a part, by key. A
// nil fragments keeps nothing.
type fragments map[string]template.HTML

// cacheKey appends to b the key of what cached renders: the template's
// name and each key, after a letter for its type. Strings, whole numbers
// and breadcrumb trails, the keys the theme gives, are appended directly,
// each string after its length, so that no two lists of keys make the
// same key; other keys as fmt.Print prints them.
func cacheKey(b []byte, name string, keys []any) []byte {
	str := func(b []byte, s string) []byte {
		return append(binary.AppendUvarint(b, uint64(len(s))), s...)
	}
	b = str(b, name)
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			b = str(append(b, 's'), k)
		case int:
			b = binary.AppendVarint(append(b, 'i'), int64(k))
		case []Crumb:
			b = binary.AppendUvarint(append(b, 'c'), uint64(len(k)))
			for _, c := range k {
				b = str(str(b, c.Name), c.URL)
			}
		default:
			b = str(append(b, 'v'), fmt.Sprint(k))
		}
	}
	return b
}
