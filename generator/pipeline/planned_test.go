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

// TestIncidentCountsAsExercise checks that an incident that used a runbook
// counts as exercising it only when its lessons and its actions are
// recorded and it happened by the build's date, and that the governance
// rule and the pages agree: the runbook's page, the runbooks list and the
// page of the service it is for list the incident as an exercise exactly
// when no runbook-never-exercised finding is raised, and say "Never
// exercised" otherwise.
func TestIncidentCountsAsExercise(t *testing.T) {
	const (
		incident = "content/alpha/incidents/letter-2026.toml"
		title    = "Letter sent to an old address, May 2026"
		lessons  = `lessons = ["The address had not been updated after the patient moved."]`
		actions  = `[[actions]]
action = "Check the address with every patient at check-in."
owner = "pm"
due = 2026-06-30
status = "done"`
	)
	// Where each page says how the runbook was exercised.
	places := []struct{ page, start string }{
		{"alpha/runbooks/clinical-down.html", "<dt>Exercised</dt><dd>"},
		{"alpha/runbooks/index.html", `<td><a href="../services/clinical.html">Clinical &lt;System&gt;</a></td>` + "\n<td>"},
		{"alpha/services/clinical.html", "<dt>Exercises and incidents</dt><dd>"},
	}
	for _, tc := range []struct {
		name   string
		remove []string
		today  site.Date
		counts bool
	}{
		{name: "lessons and actions", today: goldenToday, counts: true},
		{name: "on the day it counts", today: site.NewDate(2026, 5, 12), counts: true},
		{name: "no lessons", remove: []string{lessons}, today: goldenToday},
		{name: "no actions", remove: []string{actions}, today: goldenToday},
		{name: "no lessons nor actions", remove: []string{lessons, actions}, today: goldenToday},
		{name: "after the build's date", today: site.NewDate(2026, 5, 11)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fixture(t)
			// The tabletop exercise of the runbook would count for it too.
			edit(t, fsys, "content/alpha/exercises/tabletop-2026.toml", `runbooks = ["clinical-down"]`, "")
			for _, r := range tc.remove {
				edit(t, fsys, incident, r, "")
			}
			b := mustBuild(t, fsys, Options{Today: tc.today, NoMinify: true})
			never := slices.ContainsFunc(b.findings, func(f *site.Finding) bool {
				return f.Rule == "runbook-never-exercised" && f.Subject.(*site.Runbook).ID == "clinical-down"
			})
			if never == tc.counts {
				t.Errorf("runbook-never-exercised raised: %v, want %v", never, !tc.counts)
			}
			for _, pl := range places {
				data, ok := b.file(pl.page)
				if !ok {
					t.Fatalf("no %s", pl.page)
				}
				_, after, ok := strings.Cut(string(data), pl.start)
				if !ok {
					t.Fatalf("%s has no %q", pl.page, pl.start)
				}
				said, _, _ := strings.Cut(after, "</dd>")
				said, _, _ = strings.Cut(said, "</td>")
				if got := strings.Contains(said, title); got != tc.counts {
					t.Errorf("%s lists the incident as an exercise: %v, want %v: %s", pl.page, got, tc.counts, said)
				}
				if got := strings.Contains(said, "Never exercised"); got == tc.counts {
					t.Errorf("%s says Never exercised: %v, want %v: %s", pl.page, got, !tc.counts, said)
				}
			}
		})
	}
}
