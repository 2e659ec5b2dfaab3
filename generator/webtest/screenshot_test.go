package webtest

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var updateScreenshots = flag.Bool("update-screenshots", false,
	"write the first screen of a practice's home page, a runbook and the register at 1280 and 360 px into themes/default/images/, for the README")

// ArtefactsEnv names the folder the tests keep their artefacts in, such
// as screenshots. When it is not set they go to handbook-artefacts in the
// system's temporary folder, replaced at each run, whose path the test
// logs.
const ArtefactsEnv = "HANDBOOK_ARTEFACTS"

// imagesDir holds the README's pictures of the theme.
const imagesDir = root + "/themes/default/images"

// artefacts returns the folder for this package's artefacts, made if need
// be.
func artefacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(ArtefactsEnv)
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "handbook-artefacts")
	}
	dir = filepath.Join(dir, "webtest")
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestScreenshots takes screenshots of the top page, and of a practice's
// home page, a runbook, the register, the incident log, a change, the
// asset register and the plan's essential functions, at desktop and phone
// widths, to
// look at: the whole page and its first screen are written to
// $HANDBOOK_ARTEFACTS/webtest (CI keeps them) or to a temporary folder the
// test logs. With -update-screenshots, the first screens of the practice's
// pages also go to themes/default/images/ for the README.
func TestScreenshots(t *testing.T) {
	s, tab := open(t)
	dir := artefacts(t)
	for _, page := range []struct {
		name, path string
		readme     bool
	}{
		{"top", "index.html", true},
		{"practice-home", "riverside/index.html", true},
		{"runbook", "riverside/runbooks/phones-down.html", true},
		{"register", "riverside/register.html", true},
		{"outage", "organisations/down/redcentric.html", true},
		{"incidents", "riverside/incidents/index.html", true},
		{"change", "riverside/changes/2025-10-patient-triage-all-day.html", true},
		{"assets", "riverside/assets/index.html", true},
		{"functions", "riverside/continuity.html#functions", true},
	} {
		for _, screen := range []struct{ width, height int }{{desktop, 800}, {phone, 740}} {
			tab.Resize(t, screen.width, screen.height)
			tab.Open(t, s.HTTP(page.path))
			for _, shot := range []struct {
				name string
				png  []byte
				full bool
			}{
				{fmt.Sprintf("%s-%d-full.png", page.name, screen.width), tab.Screenshot(t), true},
				{fmt.Sprintf("%s-%d.png", page.name, screen.width), tab.ScreenshotView(t), false},
			} {
				cfg, err := png.DecodeConfig(bytes.NewReader(shot.png))
				if err != nil {
					t.Fatalf("screenshot of %s: %v", page.path, err)
				}
				if cfg.Width != screen.width || cfg.Height < screen.height || !shot.full && cfg.Height != screen.height {
					t.Errorf("screenshot %s of %s is %d×%d px", shot.name, page.path, cfg.Width, cfg.Height)
				}
				if err := os.WriteFile(filepath.Join(dir, shot.name), shot.png, 0o644); err != nil {
					t.Fatal(err)
				}
				if *updateScreenshots && page.readme && !shot.full {
					if err := os.WriteFile(filepath.Join(imagesDir, shot.name), shot.png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			checkRequests(t, s, tab, page.path)
		}
	}
	t.Logf("screenshots in %s", dir)
}
