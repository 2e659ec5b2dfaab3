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
	"write the screenshots of a practice's home page at 1280 and 360 px into themes/default/images/, for the README")

// ArtefactsEnv names the folder the tests keep their artefacts in, such
// as screenshots. When it is not set they go to a new temporary folder,
// whose path the test logs.
const ArtefactsEnv = "HANDBOOK_ARTEFACTS"

// imagesDir holds the README's pictures of the theme.
const imagesDir = root + "/themes/default/images"

// artefacts returns the folder for this package's artefacts, made if need
// be.
func artefacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv(ArtefactsEnv)
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "handbook-artefacts-"); err != nil {
			t.Fatal(err)
		}
	}
	dir = filepath.Join(dir, "webtest")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestScreenshots takes full-page screenshots of the top page and of a
// practice's home page at desktop and phone widths, to look at: they are
// written to $HANDBOOK_ARTEFACTS/webtest (CI keeps them) or to a temporary
// folder the test logs. With -update-screenshots, the practice home page's
// are also written to themes/default/images/ for the README.
func TestScreenshots(t *testing.T) {
	s, tab := open(t)
	dir := artefacts(t)
	for _, page := range []struct{ name, path string }{
		{"top", "index.html"},
		{"practice-home", "riverside/index.html"},
	} {
		for _, width := range []int{desktop, phone} {
			tab.Resize(t, width, 800)
			tab.Open(t, s.HTTP(page.path))
			shot := tab.Screenshot(t)
			cfg, err := png.DecodeConfig(bytes.NewReader(shot))
			if err != nil {
				t.Fatalf("screenshot of %s: %v", page.path, err)
			}
			if cfg.Width != width || cfg.Height < 800 {
				t.Errorf("screenshot of %s at %d px is %d×%d px", page.path, width, cfg.Width, cfg.Height)
			}
			name := fmt.Sprintf("%s-%d.png", page.name, width)
			if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
				t.Fatal(err)
			}
			if *updateScreenshots && page.name == "practice-home" {
				if err := os.WriteFile(filepath.Join(imagesDir, name), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			checkRequests(t, s, tab, page.path)
		}
	}
	t.Logf("screenshots in %s", dir)
}
