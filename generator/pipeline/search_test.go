package pipeline

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// indexEntry is one row of a search index: [title, url, kind, desc, words,
// text, boost].
type indexEntry struct {
	Title, URL, Kind, Desc, Words, Text string
	Boost                               float64
}

func readIndex(t *testing.T, name string, data []byte) []indexEntry {
	t.Helper()
	body, ok := bytes.CutPrefix(data, []byte("window.handbookSearchIndex="))
	body, ok2 := bytes.CutSuffix(body, []byte(";\n"))
	if !ok || !ok2 {
		t.Fatalf("%s is not the assignment of an index: %.80s", name, data)
	}
	var rows [][]any
	if err := json.Unmarshal(body, &rows); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	es := make([]indexEntry, len(rows))
	for i, r := range rows {
		if len(r) != 7 {
			t.Fatalf("%s: row %d has %d fields", name, i, len(r))
		}
		str := func(j int) string { s, _ := r[j].(string); return s }
		boost, _ := r[6].(float64)
		es[i] = indexEntry{str(0), str(1), str(2), str(3), str(4), str(5), boost}
	}
	return es
}

var emailLike = regexp.MustCompile(`[^\s@]+@[^\s@]+\.[a-z]`)

// TestSearchIndexes checks the search index of every page: it lists each
// record of the practice at its page, which exists; it holds no email
// address and no person's contact details (personal mobiles are checked
// in every file by TestPersonalMobiles); and the A to Z page lists the
// same entries, for readers without JavaScript.
func TestSearchIndexes(t *testing.T) {
	b := example(t)
	h, practices, files := b.handbook(), b.practices(t), b.tree()
	var contacts []string
	for _, pr := range practices {
		for _, pe := range pr.People {
			contacts = append(contacts, pe.Email, pe.PersonalMobile, strings.ReplaceAll(pe.PersonalMobile, " ", ""))
		}
	}
	check := func(dir string, want map[string]string) {
		name := dir + "search-index.js"
		es := readIndex(t, name, files[name])
		got := map[string]string{}
		for _, e := range es {
			if files[e.URL] == nil {
				t.Errorf("%s: %q links to %s, which was not built", name, e.Title, e.URL)
			}
			got[e.URL] = e.Title
			all := strings.Join([]string{e.Title, e.Desc, e.Words, e.Text}, " ")
			if m := emailLike.FindString(all); m != "" {
				t.Errorf("%s: %q holds the address %q", name, e.Title, m)
			}
			for _, c := range contacts {
				if c != "" && strings.Contains(all, c) {
					t.Errorf("%s: %q holds %q", name, e.Title, c)
				}
			}
		}
		for url, title := range want {
			if got[url] != title {
				t.Errorf("%s: %s is %q, want %q", name, url, got[url], title)
			}
		}
		az := dir + "a-z.html"
		doc, err := html.Parse(bytes.NewReader(files[az]))
		if err != nil {
			t.Fatal(err)
		}
		var listed []string
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.Data == "ul" && hasClass(n, "az-list") {
				for li := range n.ChildNodes() {
					// The lines under everyday words ("Internet: see ...")
					// lead to runbooks the index has already.
					if li.Type == html.ElementNode && li.FirstChild != nil && li.FirstChild.FirstChild != nil &&
						!strings.Contains(li.FirstChild.FirstChild.Data, ": see ") {
						listed = append(listed, li.FirstChild.FirstChild.Data)
					}
				}
			}
		}
		titles := make([]string, len(es))
		for i, e := range es {
			titles[i] = e.Title
		}
		slices.Sort(titles)
		slices.Sort(listed)
		if !slices.Equal(titles, listed) {
			t.Errorf("%s lists %d entries, the search index %d:\n%q\n%q", az, len(listed), len(titles), listed, titles)
		}
	}
	for _, pr := range practices {
		want := map[string]string{}
		for _, s := range pr.Services {
			want[s.URL()] = s.Name
		}
		for _, rb := range pr.Runbooks {
			want[rb.URL()] = rb.Title
		}
		for _, pe := range pr.People {
			if !pe.IsLeaver() {
				want[pe.URL()] = pe.Name
			}
		}
		for _, pg := range pr.Pages {
			want[pg.URL()] = pg.Title
		}
		for _, o := range pr.Suppliers {
			want[o.URL()] = o.Name
		}
		if len(want) < 30 {
			t.Fatalf("%s: only %d records to look for", pr.ID, len(want))
		}
		check(pr.Dir(), want)
	}
	want := map[string]string{}
	for _, pr := range h.Practices {
		want[pr.URL()] = pr.Name
	}
	for _, o := range h.Organisations {
		want[o.URL()] = o.Name
	}
	for _, c := range h.Courses {
		want[c.URL()] = c.Title
	}
	check("", want)
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" && slices.Contains(strings.Fields(a.Val), class) {
			return true
		}
	}
	return false
}
