// Package historytest helps tests that need git repositories: it checks
// that git is installed, or skips the test (but fails it when the CI
// environment variable is set, so that these tests never silently skip in
// CI), and makes repositories with commits of fixed dates and a fixed
// identity, untouched by the configuration of the machine they run on.
package historytest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Git checks that git is installed. When it is not, it skips the test, or
// fails it when $CI is set. It then sets the environment for the rest of
// the test so that every git run by the test or the code under test reads
// no configuration of the user's or the system's, and works in the folder
// it is run in even when the test runs inside a git hook.
func Git(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("skipping: %v (apt-get install -y git)", err)
		}
		t.Fatalf("%v, and $CI is set\nhint: apt-get install -y git", err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	// A git hook running the tests sets these for its own repository.
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
		"GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_PREFIX", "GIT_CEILING_DIRECTORIES"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
	// The test's folders are never inside a repository of the machine's.
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(t.TempDir()))
}

// Init makes dir, which must exist, a new git repository.
func Init(t testing.TB, dir string) {
	t.Helper()
	Run(t, dir, time.Time{}, "init", "-q")
}

// Commit commits every change in dir (git add -A) with when as both the
// author and the committer date, and returns the commit's hash.
func Commit(t testing.TB, dir string, when time.Time, msg string) string {
	t.Helper()
	return CommitAs(t, dir, when, when, msg)
}

// CommitAs is Commit with different author and committer dates.
func CommitAs(t testing.TB, dir string, author, committer time.Time, msg string) string {
	t.Helper()
	Run(t, dir, author, "add", "-A")
	cmd := command(dir, author, "commit", "-q", "--allow-empty", "-m", msg)
	cmd.Env = append(cmd.Env, "GIT_COMMITTER_DATE="+committer.Format(time.RFC3339))
	run(t, cmd)
	return strings.TrimSpace(Run(t, dir, author, "rev-parse", "HEAD"))
}

// Run runs git with args in dir, with a fixed identity and when as the
// author and committer date (the zero time for the current time), and
// returns its standard output. It fails the test if git fails.
func Run(t testing.TB, dir string, when time.Time, args ...string) string {
	t.Helper()
	return run(t, command(dir, when, args...))
}

func command(dir string, when time.Time, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=Karen Davies", "GIT_AUTHOR_EMAIL=k.davies@riverside.example.nhs.uk",
		"GIT_COMMITTER_NAME=Karen Davies", "GIT_COMMITTER_EMAIL=k.davies@riverside.example.nhs.uk")
	if !when.IsZero() {
		d := when.Format(time.RFC3339)
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+d, "GIT_COMMITTER_DATE="+d)
	}
	return cmd
}

func run(t testing.TB, cmd *exec.Cmd) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(cmd.Args[1:], " "), err, stderr.Bytes())
	}
	return stdout.String()
}
