package cli

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/history/historytest"
	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// TestHistoryNote checks the line build prints when pages lack dates of
// last change for a reason the person building can act on, and that it
// says nothing of a site not kept in git.
func TestHistoryNote(t *testing.T) {
	historytest.Git(t)
	repo := copyExample(t)
	historytest.Init(t, repo)
	historytest.Commit(t, repo, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), "The example")
	sitetest.Replace(t, repo, "content/riverside/services/docman.toml", `name = "Docman 10"`, `name = "Docman Ten"`)
	historytest.Commit(t, repo, time.Date(2026, 4, 10, 10, 0, 0, 0, time.UTC), "Docman Ten")
	// As CI checks out by default: the last commit only.
	shallow := filepath.Join(t.TempDir(), "clone")
	historytest.Run(t, filepath.Dir(shallow), time.Time{}, "clone", "-q", "--depth", "1", "file://"+filepath.ToSlash(repo), shallow)
	plain := copyExample(t)

	const note = "Dates of last change:"
	for _, tc := range []struct {
		name, dir, path string
		// want is in the note; "" for no note.
		want string
		// date is on the Docman page; "" for none.
		date string
	}{
		{"repository", repo, "", "", "10 April 2026"},
		{"shallow clone", shallow, "", "some pages show none, as the site is in a shallow clone of its repository (fetch the whole history: in GitHub Actions, actions/checkout with fetch-depth: 0).", ""},
		{"not a repository", plain, "", "", ""},
		{"no git", repo, "/nonexistent", "none shown, as git is not installed.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.path != "" {
				t.Setenv("PATH", tc.path)
			}
			dest := filepath.Join(t.TempDir(), "public")
			code, stdout, stderr := run("build", "--source", tc.dir, "--destination", dest)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			switch {
			case tc.want == "" && strings.Contains(stdout, note):
				t.Errorf("a note where none is due:\n%s", stdout)
			case tc.want != "" && !strings.Contains(stdout, note+" "+tc.want):
				t.Errorf("no note %q in:\n%s", tc.want, stdout)
			}
			page := sitetest.Read(t, dest, "riverside/services/docman.html")
			if !strings.Contains(page, "Source: <code>content/riverside/services/docman.toml</code>") {
				t.Error("the Docman page does not name its source file")
			}
			if got := strings.Contains(page, "Last changed"); got != (tc.date != "") || tc.date != "" && !strings.Contains(page, tc.date) {
				t.Errorf("the Docman page says last changed: %v; want %q", got, tc.date)
			}
		})
	}
}
