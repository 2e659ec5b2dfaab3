package markdown

import (
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

func TestHeadingsAndTables(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string // in this order in the output
		not        []string
	}{
		{
			name: "headings from ## start at h2",
			body: "## Why\n\ntext\n\n### How\n\n#### Detail\n",
			want: []string{`<h2 id="why">Why</h2>`, `<h3 id="how">How</h3>`, `<h4 id="detail">Detail</h4>`},
		},
		{
			name: "headings from # start at h2",
			body: "# Why\n\n## How\n",
			want: []string{`<h2 id="why">Why</h2>`, `<h3 id="how">How</h3>`},
		},
		{
			name: "a table under a heading is named by it",
			body: "## Who does *what*\n\n| Who | What |\n|---|---|\n| All | Training |\n",
			want: []string{
				`<div class="table-scroll" role="region" aria-labelledby="table-caption-1" tabindex="0">`,
				`<caption id="table-caption-1" class="visually-hidden">Who does what</caption>`,
				`<th>Who</th>`, "</table>\n</div>",
			},
		},
		{
			name: "a Table: paragraph is the caption",
			body: "## Checks\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: Checks after & before\n\n| C | D |\n|---|---|\n| 3 | 4 |\n",
			want: []string{
				`<caption id="table-caption-1" class="visually-hidden">Checks</caption>`,
				`<caption id="table-caption-2">Checks after &amp; before</caption>`,
			},
			not: []string{"<p>Table:"},
		},
		{
			name: "a table before any heading is named by the page",
			body: "| A | B |\n|---|---|\n| 1 | 2 |\n",
			want: []string{`<caption id="table-caption-1" class="visually-hidden">Reconciliation</caption>`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pg := &site.Page{Title: "Reconciliation", Body: []byte(tc.body), BodyLine: 1}
			pg.File = "content/p/pages/x.md"
			var errs site.ErrorList
			got := string(Convert(pg, func(dest string, _ site.Pos) string { return dest }, func(dest string, _ site.Pos) string { return dest }, &errs))
			if err := errs.Err(); err != nil {
				t.Fatal(err)
			}
			rest := got
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("want %q (in this order) in:\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("do not want %q in:\n%s", n, got)
				}
			}
		})
	}
}
