package site

import (
	"crypto/sha256"
	"testing"
)

// TestContentDigests checks that a practice's digest follows its own files
// and the shared ones, and ignores the other practices' files.
func TestContentDigests(t *testing.T) {
	a := &Practice{Source: Source{File: "content/alpha/practice.toml"}}
	b := &Practice{Source: Source{File: "content/beta/practice.toml"}}
	digests := func(h *Handbook) map[*Practice]string {
		return map[*Practice]string{a: h.Digest(a), b: h.Digest(b)}
	}
	files := func(edit string) *Handbook {
		sums := func(paths ...string) []FileSum {
			var out []FileSum
			for _, p := range paths {
				data := p
				if p == edit {
					data += " edited"
				}
				out = append(out, FileSum{Path: p, Sum: sha256.Sum256([]byte(data))})
			}
			return out
		}
		a.Files = sums("content/alpha/practice.toml", "content/alpha/services/x.toml")
		b.Files = sums("content/beta/practice.toml")
		return &Handbook{Files: sums("content/courses/dsa.toml", "content/organisations/icb.toml", "handbook.toml")}
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
