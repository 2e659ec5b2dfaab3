package pipeline

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestPlannedExerciseIsNotDone checks that an exercise dated after the
// build's date shows as planned, and that its runbook still shows as never
// exercised (the incident that used it is taken out of the picture).
func TestPlannedExerciseIsNotDone(t *testing.T) {
	fsys := fixture(t)
	edit(t, fsys, "content/alpha/exercises/tabletop-2026.toml", "date = 2026-05-20", "date = 2027-01-20")
	edit(t, fsys, "content/alpha/incidents/letter-2026.toml", `runbooks = ["clinical-down"]`, "")
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

// TestPagePicture checks that a picture in a practice's images/ folder is
// published beside its pages and shown where a page asks for it.
func TestPagePicture(t *testing.T) {
	fsys := fixture(t)
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	fsys["content/alpha/images/network-diagram.gif"] = &fstest.MapFile{Data: gif}
	edit(t, fsys, "content/alpha/pages/ig-policy.md", "# Purpose", "# Purpose\n\n![How the practice joins HSCN](../images/network-diagram.gif)")
	b := mustBuild(t, fsys, Options{Today: goldenToday, NoMinify: true})
	if got, ok := b.file("alpha/images/network-diagram.gif"); !ok || !bytes.Equal(got, gif) {
		t.Errorf("the picture is not published as it is: %q", got)
	}
	page, _ := b.file("alpha/pages/ig-policy.html")
	if want := `<img src="../images/network-diagram.gif" alt="How the practice joins HSCN"`; !strings.Contains(string(page), want) {
		t.Errorf("the page does not show the picture with %s", want)
	}
}

// TestIncidentCountsAsExercise checks that an incident that used a runbook,
// with its lessons and actions recorded, counts as exercising it, and one
// with neither does not.
func TestIncidentCountsAsExercise(t *testing.T) {
	fsys := fixture(t)
	edit(t, fsys, "content/alpha/exercises/tabletop-2026.toml", `runbooks = ["clinical-down"]`, "")
	b := mustBuild(t, fsys, Options{Today: goldenToday, NoMinify: true})
	page, _ := b.file("alpha/runbooks/clinical-down.html")
	if strings.Contains(string(page), "Never exercised") || !strings.Contains(string(page), "Letter sent to an old address") {
		t.Errorf("the runbook used in an incident with lessons and actions does not show it as its exercise")
	}
	edit(t, fsys, "content/alpha/incidents/letter-2026.toml", `lessons = ["The address had not been updated after the patient moved."]`, "")
	b = mustBuild(t, fsys, Options{Today: goldenToday, NoMinify: true})
	if !slices.ContainsFunc(b.findings, func(f *site.Finding) bool { return f.Rule == "runbook-never-exercised" }) {
		t.Errorf("an incident with no lessons counted as an exercise: no runbook-never-exercised finding")
	}
}
