package render

import (
	"fmt"
	"testing"
)

// TestCacheKey checks that cached keeps what it renders apart for keys
// that differ, however their strings are cut, and together for keys that
// are the same.
func TestCacheKey(t *testing.T) {
	lists := [][]any{
		nil,
		{""},
		{"", ""},
		{"a"},
		{"a", ""},
		{"", "a"},
		{"ab"},
		{"as"},
		{"a", "b"},
		{1},
		{"1"},
		{12},
		{1, 2},
		{-1},
		{[]Crumb{}},
		{[]Crumb{{}}},
		{[]Crumb{{}, {}}},
		{[]Crumb{{Name: "a b", URL: "c"}}},
		{[]Crumb{{Name: "a", URL: "b c"}}},
		{[]Crumb{{Name: "a\x00", URL: "b"}}},
		{[]Crumb{{Name: "a", URL: "\x00b"}}},
		{[]Crumb{{Name: "a", URL: "b"}}, "c"},
		{[]Crumb{{Name: "a", URL: "b"}, {Name: "c"}}},
		{true},
		{"true"},
		{2.5},
	}
	seen := map[string]string{}
	for _, keys := range lists {
		k := string(cacheKey(nil, "partials/nav.html", keys))
		if again := string(cacheKey(make([]byte, 0, 8), "partials/nav.html", keys)); again != k {
			t.Errorf("%#v: two keys, %q and %q", keys, k, again)
		}
		if other, ok := seen[k]; ok {
			t.Errorf("%#v and %s make the same key %q", keys, other, k)
		}
		seen[k] = fmt.Sprintf("%#v", keys)
		if other := string(cacheKey(nil, "partials/head.html", keys)); other == k {
			t.Errorf("%#v: the same key for two templates", keys)
		}
	}
}
