package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
)

// fixture returns the input files of the minimal golden case.
func fixture(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/golden/minimal.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return siteFS(ar, "site/")
}

// edit replaces old with new in one file of fsys; old must occur.
func edit(t *testing.T, fsys fstest.MapFS, file, old, new string) {
	t.Helper()
	f, ok := fsys[file]
	if !ok {
		t.Fatalf("fixture has no %s", file)
	}
	s := string(f.Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

// TestContentErrors feeds broken content to the whole pipeline and checks
// each error's text and position.
func TestContentErrors(t *testing.T) {
	const (
		svc  = "content/alpha/services/clinical.toml"
		rb   = "content/alpha/runbooks/clinical-down.toml"
		prac = "content/alpha/practice.toml"
	)
	tests := []struct {
		name           string
		file, old, new string
		want           string
	}{
		{"unknown owner with a near miss", svc, `owner = "gp"`, `owner = "pmm"`,
			svc + `:10:9: owner "pmm" is not a person of Alpha Surgery (did you mean "pm"?)`},
		{"unknown admin in a list", svc, `admins = ["pm", "leaver"]`, `admins = ["pm", "nobody"]`,
			svc + `:12:17: admins "nobody" is not a person of Alpha Surgery (check the spelling, or add content/alpha/people/nobody.toml)`},
		{"unknown depends-on", svc, `depends_on = ["network"]`, `depends_on = ["netwrk"]`,
			svc + `:13:15: depends_on "netwrk" is not a service of Alpha Surgery (did you mean "network"?)`},
		{"unknown support desk", svc, `desk = "acme-desk"`, `desk = "acme-dsk"`,
			svc + `:15:8: desk "acme-dsk" is not an organisation (did you mean "acme-desk"?)`},
		{"unknown access reviewer", svc, `by = "pm"
outcome`, `by = "ghost"
outcome`,
			svc + `:30:6: by "ghost" is not a person of Alpha Surgery (check the spelling, or add content/alpha/people/ghost.toml)`},
		{"unknown runbook service", rb, `services = ["clinical"]`, `services = ["clinicl"]`,
			rb + `:3:13: services "clinicl" is not a service of Alpha Surgery (did you mean "clinical"?)`},
		{"unknown escalation contact", rb, `contact = "acme-desk"`, `contact = "nhs-111"`,
			rb + `:32:11: contact "nhs-111" is not an organisation (check the spelling, or add content/organisations/nhs-111.toml)`},
		{"unknown step lead", rb, `lead = "gp"`, `lead = "dr-who"`,
			rb + `:19:8: lead "dr-who" is not a person of Alpha Surgery (check the spelling, or add content/alpha/people/dr-who.toml)`},
		{"unknown exercised runbook", "content/alpha/exercises/tabletop-2026.toml", `runbooks = ["clinical-down"]`, `runbooks = ["clinical-dwn"]`,
			`content/alpha/exercises/tabletop-2026.toml:4:13: runbooks "clinical-dwn" is not a runbook of Alpha Surgery (did you mean "clinical-down"?)`},
		{"unknown course", "content/alpha/people/gp.toml", `course = "dsa"`, `course = "dsaa"`,
			`content/alpha/people/gp.toml:7:10: course "dsaa" is not a course (did you mean "dsa"?)`},
		{"unknown role holder", "content/alpha/roles.toml", `holder = "pm"`, `holder = "p-m"`,
			`content/alpha/roles.toml:12:10: holder "p-m" is not a person of Alpha Surgery (did you mean "pm"?)`},
		{"unknown cascade callee", prac, `calls = ["gp", "leaver"]`, `calls = ["gp", "leavr"]`,
			prac + `:29:16: calls "leavr" is not a person of Alpha Surgery (did you mean "leaver"?)`},
		{"unknown ICB", prac, `icb = "test-icb"`, `icb = "icb"`,
			prac + `:3:7: icb "icb" is not an organisation (check the spelling, or add content/organisations/icb.toml)`},
		{"unknown page owner", "content/alpha/pages/ig-policy.md", `owner = "pm"`, `owner = "pn"`,
			`content/alpha/pages/ig-policy.md:4:9: owner "pn" is not a person of Alpha Surgery (did you mean "pm"?)`},
		{"unknown key", svc, `purpose =`, `purpse =`,
			svc + `:3:10: unknown key purpse (did you mean "purpose"?)`},
		{"wrong type", svc, `review_months = 6`, `review_months = "6"`,
			svc + `:27:17: access.review_months must be a whole number, not text (write the number without quotes)`},
		{"quoted date", svc, `last = 2026-02-01`, `last = "2026-02-01"`,
			svc + `:35:8: review.last must be a date, not text (remove the quotes around the date)`},
		{"bad choice", svc, `provision = "icb-provided"`, `provision = "icb"`,
			svc + `:5:13: provision: "icb" is not one of the allowed values (choose one of icb-provided, nationally-provided, practice-owned, supplier-managed)`},
		{"near-miss choice", svc, `lifecycle = "live"`, `lifecycle = "liv"`,
			svc + `:6:13: lifecycle: "liv" is not one of the allowed values (did you mean "live"?)`},
		{"missing required key", svc, "plain_name = \"Patient records\"\n", "",
			svc + `:1:1: this file is missing key plain_name, which is required`},
		{"bad duration", svc, `max_tolerable_downtime = "4h"`, `max_tolerable_downtime = "4 hours"`,
			svc + `:8:26: max_tolerable_downtime: "4 hours" is not a duration (write a whole number and a unit: "30m", "4h", "2d" or "1w")`},
		{"TOML syntax", svc, `name = "Clinical <System>"`, `name = "Clinical <System>`,
			svc + `:1:26: TOML syntax: strings cannot contain newlines (close the quotes on the same line, or use triple quotes """ for text over several lines)`},
		{"image from another host", "content/alpha/pages/ig-policy.md", "This policy *sets out*", "![Logo](https://cdn.example.com/logo.png) This policy *sets out*",
			`content/alpha/pages/ig-policy.md:11:3: image "https://cdn.example.com/logo.png" comes from outside the handbook, which must work offline (put the image in the site and refer to it by a relative path, or link to it instead)`},
		{"leaver without a date", "content/alpha/people/leaver.toml", "left = 2026-06-30\n", "",
			`content/alpha/people/leaver.toml:4:10: Lee Leaver is a leaver but has no left date (add left = 2026-03-31 with the date they left)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t)
			edit(t, fsys, tt.file, tt.old, tt.new)
			_, _, err := Render(fsys, Options{Today: goldenToday})
			if err == nil {
				t.Fatalf("no error; want %s", tt.want)
			}
			if got := err.Error(); !strings.Contains(got+"\n", tt.want+"\n") {
				t.Errorf("errors:\n%s\nwant the line:\n%s", got, tt.want)
			}
		})
	}
}
