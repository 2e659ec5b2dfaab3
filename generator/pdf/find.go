package pdf

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// ErrNoBrowser is returned (wrapped) by Find, and so by Print,
// when no Chromium or Chrome can be found.
var ErrNoBrowser = errors.New("no Chromium or Chrome browser found")

// BrowserEnv names the environment variable that gives the path of the
// browser, in place of a search of PATH.
const BrowserEnv = "HANDBOOK_CHROMIUM"

// browserNames are the names Find looks for on PATH, in order.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome"}

// Find returns the path of the browser to print with. When $HANDBOOK_CHROMIUM
// is set, it is that path, and an error if the file does not exist or is not
// executable. Otherwise it is the first of chromium, chromium-browser,
// google-chrome-stable, google-chrome and chrome found on PATH. When there is
// none, the error wraps ErrNoBrowser and says how to install one.
func Find() (string, error) {
	if p := os.Getenv(BrowserEnv); p != "" {
		if err := checkExecutable(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", BrowserEnv, p, err)
		}
		return p, nil
	}
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w: looked on PATH for %s; install Chromium (apt-get install -y chromium) or set %s to the browser's path",
		ErrNoBrowser, strings.Join(browserNames, ", "), BrowserEnv)
}

// checkExecutable reports why the file at p cannot be run as a program.
func checkExecutable(p string) error {
	fi, err := os.Stat(p)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("no such file")
	case err != nil:
		return err
	case fi.IsDir():
		return errors.New("is a folder, not a program")
	case fi.Mode().Perm()&0o111 == 0:
		return errors.New("is not executable")
	}
	return nil
}
