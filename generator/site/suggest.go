package site

import (
	"fmt"
	"regexp"
	"strings"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether s can be a record id: lower-case letters, digits
// and single hyphens, as in the file name emis-web.toml.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Suggest returns a hint naming the candidate closest to word, such as
// `did you mean "kdavies"?`, or "" when none is close enough to be a likely
// typo.
func Suggest(word string, candidates []string) string {
	if best := Closest(word, candidates); best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return ""
}

// Closest returns the candidate closest to word when it is close enough to
// be a likely typo, or "".
func Closest(word string, candidates []string) string {
	best, bestDist := "", len(word)/3+2
	lower := strings.ToLower(word)
	for _, c := range candidates {
		// Case is a typo like any other: "SIRO" for "siro" is one step.
		d := Distance(lower, strings.ToLower(c))
		if c != word && d == 0 {
			d = 1
		}
		if d < bestDist || d == bestDist && best != "" && c < best {
			best, bestDist = c, d
		}
	}
	if best == word {
		return ""
	}
	return best
}

// Distance is the Levenshtein edit distance between a and b, counted in
// bytes: ids and keys are ASCII.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
