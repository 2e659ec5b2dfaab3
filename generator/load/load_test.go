package load

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestExampleLoads reads the repository's own example site. It is the
// quickest check that the example content is well formed.
func TestExampleLoads(t *testing.T) {
	h, err := Site(os.DirFS("../.."))
	if err != nil {
		t.Fatalf("example content:\n%v", err)
	}
	if len(h.Practices) == 0 {
		t.Fatal("example site has no practices")
	}
}

// TestQuotedDateAndLargeFile checks that a date in quotes is read as the date, as
// editors read it, and that a file over MaxFileSize is refused unread.
func TestQuotedDateAndLargeFile(t *testing.T) {
	const file = "content/p/people/x.toml"
	l := &loader{fsys: fstest.MapFS{file: {Data: []byte(`name = "X"
job_title = "Receptionist"
staff_group = "care-navigator"
status = "active"
started = "2024-03-31"
`)}}}
	pe := &site.Person{}
	l.record(file, "person", pe, &pe.Source)
	if len(l.errs) > 0 || pe.Started != site.NewDate(2024, 3, 31) {
		t.Errorf("quoted date: started %v, errors %v", pe.Started, l.errs)
	}

	big := bytes.Repeat([]byte("# filler\n"), MaxFileSize/9+1)
	l = &loader{fsys: fstest.MapFS{file: {Data: big}}}
	l.record(file, "person", &site.Person{}, &site.Source{})
	if len(l.errs) != 1 || !strings.Contains(l.errs[0].Msg, "larger than the 1024 kB handbook reads") {
		t.Errorf("large file: %v", l.errs)
	}
}

// TestPracticeAlone checks that reading one practice folder on its own
// gives the records and files Site reads for it, and that the shared
// files are not among them.
func TestPracticeAlone(t *testing.T) {
	fsys := os.DirFS("../..")
	h, err := Site(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range h.Practices {
		got, err := Practice(fsys, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != want.Name || len(got.Services) != len(want.Services) || len(got.People) != len(want.People) {
			t.Errorf("%s read alone: %s with %d services and %d people; Site read %s with %d and %d",
				want.ID, got.Name, len(got.Services), len(got.People), want.Name, len(want.Services), len(want.People))
		}
		if !slices.Equal(got.Files, want.Files) {
			t.Errorf("%s read alone: files differ from those Site read", want.ID)
		}
		for _, f := range got.Files {
			if !strings.HasPrefix(f.Path, "content/"+want.ID+"/") {
				t.Errorf("%s lists %s among its files", want.ID, f.Path)
			}
		}
	}
	for _, f := range h.Files {
		if strings.Count(f.Path, "/") > 2 || f.Path != ConfigFile && !strings.HasPrefix(f.Path, "content/organisations/") && !strings.HasPrefix(f.Path, "content/courses/") {
			t.Errorf("the shared files list %s", f.Path)
		}
	}
	if _, err := Practice(fsys, "no-such-practice"); err == nil {
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
