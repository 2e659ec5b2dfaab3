package load

import (
	"bytes"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/validate"
)

// readExample reads the repository's own example site, practice by
// practice, as the builder does.
func readExample(t *testing.T) (*site.Handbook, []*site.Practice, fs.FS) {
	t.Helper()
	fsys := os.DirFS("../..")
	r := testReader(fsys)
	h, ids, err := r.Shared()
	if err != nil {
		t.Fatalf("example content:\n%v", err)
	}
	var practices []*site.Practice
	for _, id := range ids {
		pr, err := r.Practice(id)
		if err != nil {
			t.Fatalf("example content:\n%v", err)
		}
		practices = append(practices, pr)
	}
	return h, practices, fsys
}

// testReader reads fsys as a build does, checking records against the
// schemas of the schemas/ folder.
func testReader(fsys fs.FS) *Reader { return New(fsys, validate.Default()) }

// TestExampleLoads reads the example site. It is the quickest check that
// the example content is well formed.
func TestExampleLoads(t *testing.T) {
	_, practices, _ := readExample(t)
	if len(practices) == 0 {
		t.Fatal("example site has no practices")
	}
}

// TestQuotedDateAndLargeFile checks that a date in quotes is read as the date, as
// editors read it, and that a file over MaxFileSize is refused unread.
func TestQuotedDateAndLargeFile(t *testing.T) {
	const file = "content/p/people/x.toml"
	l := testReader(fstest.MapFS{file: {Data: []byte(`name = "X"
job_title = "Receptionist"
staff_group = "care-navigator"
status = "active"
started = "2024-03-31"
`)}}).loader()
	pe := &site.Person{}
	l.record(file, "person", pe, &pe.Source)
	if len(l.errs) > 0 || pe.Started != site.NewDate(2024, 3, 31) {
		t.Errorf("quoted date: started %v, errors %v", pe.Started, l.errs)
	}

	big := bytes.Repeat([]byte("# filler\n"), MaxFileSize/9+1)
	l = testReader(fstest.MapFS{file: {Data: big}}).loader()
	l.record(file, "person", &site.Person{}, &site.Source{})
	if len(l.errs) != 1 || !strings.Contains(l.errs[0].Msg, "bytes, more than the 1,048,576 bytes (1 MB) handbook reads") {
		t.Errorf("large file: %v", l.errs)
	}
}

// TestPlaceholders checks that the values marked TO DO are noted by key
// path in the order of the file, in lists and tables too, and only those
// that begin so.
func TestPlaceholders(t *testing.T) {
	const file = "content/p/people/x.toml"
	l := testReader(fstest.MapFS{file: {Data: []byte(`status = "active"
extension = "TO DO"
staff_group = "other"
job_title = "TO DO: job title"
name = "Jo, who has nothing TO DO"

[[moves]]
date = 2025-01-01
from = "Receptionist"
to = "TO DO: the new job"
`)}}).loader()
	pe := &site.Person{}
	l.record(file, "person", pe, &pe.Source)
	if len(l.errs) > 0 {
		t.Fatal(l.errs)
	}
	if want := []string{"extension", "job_title", "moves.0.to"}; !slices.Equal(pe.Placeholders, want) {
		t.Errorf("placeholders %q, want %q", pe.Placeholders, want)
	}
	if got := pe.At(pe.Placeholders[0]); got.Line != 2 || got.Col != 13 {
		t.Errorf("first placeholder at %s, want line 2 col 13", got)
	}
}

// TestPlaceholderComments checks that a value a "# TO DO" comment marks,
// on its line or above it, is a placeholder too: the guesses handbook new
// and handbook import make, such as today's date for a review.
func TestPlaceholderComments(t *testing.T) {
	const file = "content/p/people/x.toml"
	l := testReader(fstest.MapFS{file: {Data: []byte(`#:schema ../../../schemas/person.schema.json
# Who they are.
name = "Jo Example"
job_title = "Receptionist" # TO DO: check
# TO DO: their staff group, such as "care-navigator".
# Training requirements go by it.
staff_group = "other"
status = "active" # checked with HR, TO DO nothing
extension = "TO DO" # TO DO: check

# TO DO: the moves, if any.
[[moves]]
date = 2025-01-01
from = "Receptionist"
to = "Care navigator"
`)}}).loader()
	pe := &site.Person{}
	l.record(file, "person", pe, &pe.Source)
	if len(l.errs) > 0 {
		t.Fatal(l.errs)
	}
	if want := []string{"job_title", "staff_group", "extension", "moves"}; !slices.Equal(pe.Placeholders, want) {
		t.Errorf("placeholders %q, want %q", pe.Placeholders, want)
	}
}

// TestFilesRead checks that the files each practice was read from are
// those of its own folder, that the shared files are the others, and that
// together they are every content file of the site.
func TestFilesRead(t *testing.T) {
	h, practices, fsys := readExample(t)
	read := map[string]int{}
	for _, f := range h.Files {
		read[f.Path]++
		if f.Path != ConfigFile && !strings.HasPrefix(f.Path, "content/organisations/") && !strings.HasPrefix(f.Path, "content/courses/") {
			t.Errorf("the shared files list %s", f.Path)
		}
	}
	for _, pr := range practices {
		if !slices.IsSortedFunc(pr.Files, func(a, b site.FileSum) int { return strings.Compare(a.Path, b.Path) }) {
			t.Errorf("%s's files are not sorted", pr.ID)
		}
		for _, f := range pr.Files {
			read[f.Path]++
			if !strings.HasPrefix(f.Path, "content/"+pr.ID+"/") {
				t.Errorf("%s lists %s among its files", pr.ID, f.Path)
			}
		}
	}
	want := []string{ConfigFile}
	fs.WalkDir(fsys, ContentDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !Ignored(d.Name()) {
			want = append(want, p)
		}
		return err
	})
	for _, p := range want {
		if read[p] != 1 {
			t.Errorf("%s is listed %d times among the files read", p, read[p])
		}
	}
	if len(read) != len(want) {
		t.Errorf("%d files read, %d in the site", len(read), len(want))
	}
	if _, err := testReader(fsys).Practice("no-such-practice"); err == nil {
		t.Error("reading a practice folder that does not exist: no error")
	}
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"docman.toml": false, "docman.md": false, "4914": false, "notes#": false,
		".gitkeep": true, ".docman.toml.swp": true, "docman.toml~": true, "#docman.toml#": true,
		".#docman.toml": true, "~$policy.docx": true, "docman.toml___jb_tmp___": true, "4913": true, "docman.swx": true,
	} {
		if Ignored(name) != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, !want, want)
		}
	}
}
