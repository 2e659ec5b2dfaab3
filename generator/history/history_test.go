package history_test

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/history"
	"github.com/handbook-nhs/handbook/generator/history/historytest"
)

// Dates in three zones: the date shown is the author's own, so the first
// is 3 March although it was 2 March in London.
var (
	march3  = time.Date(2026, 3, 3, 0, 30, 0, 0, time.FixedZone("CET", 3600))
	april10 = time.Date(2026, 4, 10, 16, 5, 0, 0, time.UTC)
	may20   = time.Date(2026, 5, 20, 23, 45, 0, 0, time.FixedZone("", -5*3600))
	june1   = time.Date(2026, 6, 1, 9, 0, 0, 0, time.FixedZone("BST", 3600))
)

// write writes each file (slash-separated path, content) under dir.
func write(t *testing.T, dir string, files ...string) {
	t.Helper()
	for i := 0; i < len(files); i += 2 {
		p := filepath.Join(dir, filepath.FromSlash(files[i]))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func read(t *testing.T, dir string) history.Log {
	t.Helper()
	log, err := history.Read(context.Background(), dir)
	if err != nil {
		t.Fatalf("Read(%s): %v", dir, err)
	}
	return log
}

// check compares the dates found with want, to the second and in the
// author's zone.
func check(t *testing.T, got map[string]time.Time, want map[string]time.Time) {
	t.Helper()
	for _, p := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%q: no date, want %v", p, want[p])
		case !g.Equal(want[p]) || g.Format(time.RFC3339) != want[p].Format(time.RFC3339):
			t.Errorf("%q: %v, want %v", p, g.Format(time.RFC3339), want[p].Format(time.RFC3339))
		}
	}
	for _, p := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[p]; !ok {
			t.Errorf("%q: dated %v, want no date", p, got[p].Format(time.RFC3339))
		}
	}
}

// TestDates follows files across several commits, with the committer
// date later than the author date, as after a rebase.
func TestDates(t *testing.T) {
	historytest.Git(t)
	dir := t.TempDir()
	historytest.Init(t, dir)
	write(t, dir,
		"handbook.toml", "title = \"Handbook\"\n",
		"content/riverside/services/emis-web.toml", "name = \"EMIS Web\"\n",
		"content/riverside/services/docman.toml", "name = \"Docman\"\n")
	historytest.CommitAs(t, dir, march3, june1, "First records")
	write(t, dir, "content/riverside/services/docman.toml", "name = \"Docman 10\"\n")
	historytest.Commit(t, dir, april10, "Docman 10")
	write(t, dir, "content/riverside/people/kdavies.toml", "name = \"Karen Davies\"\n")
	historytest.Commit(t, dir, may20, "Karen Davies")
	historytest.Commit(t, dir, june1, "An empty commit touches nothing")

	log := read(t, dir)
	if log.Shallow {
		t.Error("a full repository reported as shallow")
	}
	check(t, log.Dates, map[string]time.Time{
		"handbook.toml": march3,
		"content/riverside/services/emis-web.toml": march3,
		"content/riverside/services/docman.toml":   april10,
		"content/riverside/people/kdavies.toml":    may20,
	})
}

// TestUncommitted checks that files that differ from the last commit, in
// the index or the work tree, or that git does not track, have no date.
func TestUncommitted(t *testing.T) {
	historytest.Git(t)
	dir := t.TempDir()
	historytest.Init(t, dir)
	write(t, dir,
		"a.toml", "a = 1\n",
		"edited.toml", "b = 1\n",
		"staged.toml", "c = 1\n",
		"deleted.toml", "d = 1\n",
		"dropped/old.toml", "e = 1\n",
		".gitignore", "/public/\n")
	historytest.Commit(t, dir, march3, "Records")
	// A folder git no longer tracks, whose files it has history of: its
	// last commit deleted them.
	historytest.Run(t, dir, april10, "rm", "-r", "-q", "--cached", "dropped")
	historytest.Run(t, dir, april10, "commit", "-q", "-m", "Stop tracking dropped/")

	write(t, dir,
		"edited.toml", "b = 2\n",
		"staged.toml", "c = 2\n",
		"untracked.toml", "f = 1\n",
		"new/folder/g.toml", "g = 1\n",
		"public/index.html", "<p>built</p>\n")
	historytest.Run(t, dir, time.Time{}, "add", "staged.toml")
	// A file to be deleted by the next commit, still in the work tree.
	historytest.Run(t, dir, time.Time{}, "rm", "-q", "--cached", "a.toml")
	if err := os.Remove(filepath.Join(dir, "deleted.toml")); err != nil {
		t.Fatal(err)
	}

	check(t, read(t, dir).Dates, map[string]time.Time{".gitignore": march3})
}

// TestNames checks names that need care: spaces, quotes, non-ASCII
// letters and, where the system allows them, a newline.
func TestNames(t *testing.T) {
	historytest.Git(t)
	dir := t.TempDir()
	historytest.Init(t, dir)
	names := []string{
		"content/riverside/pages/out of hours.md",
		"content/riverside/pages/café menu – été.md",
		`content/riverside/pages/it's "quoted".md`,
		"content/riverside/pages/ünïcødé/日本語.md",
		`content/riverside/pages/back\slash.md`,
	}
	if runtime.GOOS != "windows" {
		// Git sorts it first among the commit's files, just after the
		// newline that follows the commit line.
		names = append(names, "\nnewline first.md", "tab\there.md")
	}
	want := map[string]time.Time{}
	for _, n := range names {
		write(t, dir, n, "x\n")
		want[n] = may20
	}
	historytest.Commit(t, dir, may20, "Awkward names")
	check(t, read(t, dir).Dates, want)
}

// TestSubfolder reads a site kept in a folder of a larger repository:
// paths are relative to the site, and files outside it are left out.
func TestSubfolder(t *testing.T) {
	historytest.Git(t)
	repo := t.TempDir()
	historytest.Init(t, repo)
	write(t, repo,
		"README.md", "# Practices\n",
		"sites/north vale/handbook.toml", "title = \"North Vale\"\n",
		"sites/north vale/content/riverside/practice.toml", "name = \"Riverside\"\n",
		"sites/north vale-old/handbook.toml", "title = \"Old\"\n",
		"sites/other/handbook.toml", "title = \"Other\"\n")
	historytest.Commit(t, repo, march3, "Sites")
	write(t, repo,
		"sites/north vale/content/riverside/practice.toml", "name = \"Riverside Medical Centre\"\n",
		"README.md", "# The practices\n")
	historytest.Commit(t, repo, april10, "Riverside's full name")
	write(t, repo, "sites/other/handbook.toml", "title = \"Other 2\"\n")

	site := filepath.Join(repo, "sites", "north vale")
	check(t, read(t, site).Dates, map[string]time.Time{
		"handbook.toml":                   march3,
		"content/riverside/practice.toml": april10,
	})
	// From a folder inside the site, too.
	check(t, read(t, filepath.Join(site, "content")).Dates, map[string]time.Time{
		"riverside/practice.toml": april10,
	})
}

// TestRename checks that a renamed file is dated by the commit that
// renamed it, not by the commits of its old name.
func TestRename(t *testing.T) {
	historytest.Git(t)
	dir := t.TempDir()
	historytest.Init(t, dir)
	write(t, dir, "services/docman.toml", "name = \"Docman\"\nplain = \"Letters\"\n", "services/emis.toml", "name = \"EMIS\"\n")
	historytest.Commit(t, dir, march3, "Docman")
	historytest.Run(t, dir, time.Time{}, "mv", "services/docman.toml", "services/docman-10.toml")
	historytest.Commit(t, dir, april10, "Rename Docman")
	// Git would see this as a rename with edits.
	historytest.Run(t, dir, time.Time{}, "mv", "services/emis.toml", "services/emis-web.toml")
	write(t, dir, "services/emis-web.toml", "name = \"EMIS Web\"\n")
	historytest.Commit(t, dir, may20, "EMIS Web")

	check(t, read(t, dir).Dates, map[string]time.Time{
		"services/docman-10.toml": april10,
		"services/emis-web.toml":  may20,
	})
}

// TestShallow checks that in a shallow clone the files of its oldest
// commit have no date, since their history is missing, and the others do.
func TestShallow(t *testing.T) {
	historytest.Git(t)
	origin := t.TempDir()
	historytest.Init(t, origin)
	write(t, origin, "a.toml", "a = 1\n", "b.toml", "b = 1\n")
	historytest.Commit(t, origin, march3, "a and b")
	write(t, origin, "a.toml", "a = 2\n")
	historytest.Commit(t, origin, april10, "a again")
	write(t, origin, "c.toml", "c = 1\n")
	historytest.Commit(t, origin, may20, "c")

	url := "file://" + filepath.ToSlash(origin)
	if !strings.HasPrefix(url, "file:///") {
		url = "file:///" + strings.TrimPrefix(url, "file://") // a Windows drive
	}
	for _, tc := range []struct {
		depth   string
		shallow bool
		want    map[string]time.Time
	}{
		{"1", true, map[string]time.Time{}},
		// The clone holds "a again" and "c"; a and b were in "a again",
		// its boundary, which may or may not have changed them.
		{"2", true, map[string]time.Time{"c.toml": may20}},
		// The whole history: git still calls it shallow, with the first
		// commit as its boundary, but nothing is missing.
		{"3", false, map[string]time.Time{"a.toml": april10, "b.toml": march3, "c.toml": may20}},
	} {
		t.Run("depth "+tc.depth, func(t *testing.T) {
			clone := filepath.Join(t.TempDir(), "clone")
			historytest.Run(t, filepath.Dir(clone), time.Time{}, "clone", "-q", "--depth", tc.depth, url, clone)
			log := read(t, clone)
			if log.Shallow != tc.shallow {
				t.Errorf("Shallow = %v, want %v", log.Shallow, tc.shallow)
			}
			check(t, log.Dates, tc.want)
		})
	}
	// A clone made whole again is no longer shallow.
	clone := filepath.Join(t.TempDir(), "clone")
	historytest.Run(t, filepath.Dir(clone), time.Time{}, "clone", "-q", "--depth", "1", url, clone)
	historytest.Run(t, clone, time.Time{}, "fetch", "-q", "--unshallow")
	log := read(t, clone)
	if log.Shallow {
		t.Error("after fetch --unshallow: still shallow")
	}
	check(t, log.Dates, map[string]time.Time{"a.toml": april10, "b.toml": march3, "c.toml": may20})
}

// TestNotRepository checks that a folder outside git has no dates, and
// says so with ErrNotRepository.
func TestNotRepository(t *testing.T) {
	historytest.Git(t)
	dir := t.TempDir()
	write(t, dir, "handbook.toml", "title = \"Handbook\"\n")
	log, err := history.Read(context.Background(), dir)
	if !errors.Is(err, history.ErrNotRepository) || len(log.Dates) != 0 {
		t.Errorf("Read = %v, %v; want no dates and ErrNotRepository", log.Dates, err)
	}
}

// TestNoGit checks that without git a repository has no dates and says
// why (ErrNoGit), while a folder outside git is ErrNotRepository.
func TestNoGit(t *testing.T) {
	historytest.Git(t)
	repo := t.TempDir()
	historytest.Init(t, repo)
	write(t, repo, "handbook.toml", "title = \"Handbook\"\n")
	historytest.Commit(t, repo, march3, "Handbook")
	plain := t.TempDir()

	t.Setenv("PATH", "")
	log, err := history.Read(context.Background(), repo)
	if !errors.Is(err, history.ErrNoGit) || len(log.Dates) != 0 {
		t.Errorf("Read(repository) = %v, %v; want no dates and ErrNoGit", log.Dates, err)
	}
	log, err = history.Read(context.Background(), plain)
	if !errors.Is(err, history.ErrNotRepository) || len(log.Dates) != 0 {
		t.Errorf("Read(not a repository) = %v, %v; want no dates and ErrNotRepository", log.Dates, err)
	}
}

// TestGitFails checks that a failure of git is reported, not taken for
// a folder outside git.
func TestGitFails(t *testing.T) {
	historytest.Git(t)
	dir := t.TempDir()
	historytest.Init(t, dir)
	write(t, dir, "a.toml", "a = 1\n")
	historytest.Commit(t, dir, march3, "a")
	// A repository missing the tree of its last commit.
	tree := strings.TrimSpace(historytest.Run(t, dir, time.Time{}, "rev-parse", "HEAD^{tree}"))
	if err := os.Remove(filepath.Join(dir, ".git", "objects", tree[:2], tree[2:])); err != nil {
		t.Fatal(err)
	}
	_, err := history.Read(context.Background(), dir)
	if err == nil || errors.Is(err, history.ErrNotRepository) {
		t.Errorf("Read of a broken repository: %v; want git's error", err)
	}
}
