package load

import (
	"bytes"
	"os"
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
