package render

import (
	"crypto/sha256"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestContentDigests checks that a practice's digest follows its own files
// and the shared ones, and ignores the other practices' files.
func TestContentDigests(t *testing.T) {
	a := &site.Practice{Source: site.Source{File: "content/alpha/practice.toml"}}
	b := &site.Practice{Source: site.Source{File: "content/beta/practice.toml"}}
	digests := func(h *site.Handbook) map[*site.Practice]string {
		return map[*site.Practice]string{a: digest(h, a), b: digest(h, b)}
	}
	files := func(edit string) *site.Handbook {
		sums := func(paths ...string) []site.FileSum {
			var out []site.FileSum
			for _, p := range paths {
				data := p
				if p == edit {
					data += " edited"
				}
				out = append(out, site.FileSum{Path: p, Sum: sha256.Sum256([]byte(data))})
			}
			return out
		}
		a.Files = sums("content/alpha/practice.toml", "content/alpha/services/x.toml")
		b.Files = sums("content/beta/practice.toml")
		return &site.Handbook{Files: sums("content/courses/dsa.toml", "content/organisations/icb.toml", "handbook.toml")}
	}
	base := digests(files(""))
	if base[a] == base[b] || len(base[a]) != 10 {
		t.Fatalf("digests %q and %q: want two different 10-digit digests", base[a], base[b])
	}
	for _, tc := range []struct {
		edit        string
		alpha, beta bool // whose digest changes
	}{
		{"content/alpha/services/x.toml", true, false},
		{"content/beta/practice.toml", false, true},
		{"content/organisations/icb.toml", true, true},
		{"content/courses/dsa.toml", true, true},
		{"handbook.toml", true, true},
	} {
		got := digests(files(tc.edit))
		if (got[a] != base[a]) != tc.alpha || (got[b] != base[b]) != tc.beta {
			t.Errorf("editing %s: alpha changed %v, beta changed %v; want %v, %v",
				tc.edit, got[a] != base[a], got[b] != base[b], tc.alpha, tc.beta)
		}
	}
}
