package pipeline

import (
	"strings"
	"testing"
)

// TestPlannedExerciseIsNotDone checks that an exercise dated after the
// build's date shows as planned, and that its runbook still shows as never
// exercised.
func TestPlannedExerciseIsNotDone(t *testing.T) {
	fsys := fixture(t)
	edit(t, fsys, "content/alpha/exercises/tabletop-2026.toml", "date = 2026-05-20", "date = 2027-01-20")
	b := mustBuild(t, fsys, Options{Today: goldenToday, NoMinify: true})
	for page, want := range map[string][]string{
		"alpha/runbooks/clinical-down.html": {"Never exercised", "planned: "},
		"alpha/runbooks/index.html":         {"Never exercised", "planned: "},
		"alpha/continuity.html":             {"(planned)", "The plan has not been exercised yet."},
	} {
		data, ok := b.file(page)
		if !ok {
			t.Fatalf("no %s", page)
		}
		for _, w := range want {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s does not say %q", page, w)
			}
		}
	}
}
