package register_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/register"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/sitetest"
	"github.com/rogpeppe/go-internal/txtar"
)

func TestMain(m *testing.M) { sitetest.Main(m) }

var today = site.NewDate(2026, 11, 21)

// newSite writes testdata/site.txtar into a new folder, with a practice
// id from testdata/practice.txtar and its practice manager, Karen Davies
// (kdavies); with the people of the example's riverside too when
// withRiverside is set. It returns the folder.
func newSite(t *testing.T, id, name, ods, clinical string, withRiverside bool) string {
	t.Helper()
	dir := t.TempDir()
	r := strings.NewReplacer("NAME", name, "ODS", ods, "CLINICAL", clinical)
	for _, file := range []string{"testdata/site.txtar", "testdata/practice.txtar"} {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			switch {
			case file == "testdata/practice.txtar":
				sitetest.Write(t, dir, path.Join("content", id, f.Name), r.Replace(string(f.Data)))
			case strings.HasPrefix(f.Name, "people/"):
				if withRiverside {
					sitetest.Write(t, dir, path.Join("content", id, f.Name), string(f.Data))
				}
			default:
				sitetest.Write(t, dir, f.Name, string(f.Data))
			}
		}
	}
	return dir
}

// importInto imports the sample file into the practice id of the site at
// dir, as handbook import does, and writes the files it makes.
func importInto(t *testing.T, dir, id, sample string, opt register.Options) *register.Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", sample))
	if err != nil {
		t.Fatal(err)
	}
	book, err := register.Read(sample, data)
	if err != nil {
		t.Fatal(err)
	}
	opt.Practice, opt.Today = id, today
	res, err := register.Import(book, register.ReadSite(os.DirFS(dir), id), opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if _, err := os.Stat(p); err == nil {
			t.Fatalf("the import would write over %s", f.Path)
		}
		sitetest.Write(t, dir, f.Path, string(f.Data))
	}
	return res
}

// check runs handbook check on the site at dir, and fails on any error in
// the content: every record imported must be valid as written.
func check(t *testing.T, dir string) []*site.Finding {
	t.Helper()
	fsys, err := pipeline.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	findings, err := pipeline.Check(context.Background(), fsys, pipeline.Options{Source: dir, Today: today})
	var list site.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			t.Errorf("%v", e)
		}
		t.FailNow()
	}
	if err != nil {
		t.Fatal(err)
	}
	return findings
}

// report is the text of a result, for the golden files.
func report(res *register.Result) string {
	var b strings.Builder
	for _, n := range res.Notes {
		fmt.Fprintln(&b, n)
	}
	fmt.Fprintf(&b, "services %d, people %d, organisations %d, kept %d, placeholders %d, problems %d\n",
		res.Services, res.People, res.Organisations, len(res.Kept), res.Placeholders, res.Problems)
	return b.String()
}

// golden compares the report and files of res with testdata/golden/name,
// or with -update writes them there.
func golden(t *testing.T, name string, res *register.Result) {
	t.Helper()
	ar := &txtar.Archive{Comment: []byte("The report and the files of an import, as register_test.go makes them.\n" +
		"Regenerate with: go test ./generator/register -run Golden -update\n")}
	ar.Files = append(ar.Files, txtar.File{Name: "report", Data: []byte(report(res))})
	for _, f := range res.Files {
		ar.Files = append(ar.Files, txtar.File{Name: f.Path, Data: f.Data})
	}
	got := txtar.Format(ar)
	file := filepath.Join("testdata", "golden", name+".txtar")
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		wantAr, gotAr := txtar.Parse(want), txtar.Parse(got)
		for i, f := range gotAr.Files {
			if i >= len(wantAr.Files) || wantAr.Files[i].Name != f.Name || !bytes.Equal(wantAr.Files[i].Data, f.Data) {
				t.Errorf("%s: %s differs from %s; first difference in:\n%s", file, f.Name, name, f.Data)
				break
			}
		}
		t.Errorf("%s: the import differs from the golden file (run with -update, and read the diff)", file)
	}
}

// TestGoldenXLSX imports the sample workbook into a new practice,
// Millbrook Surgery, whose practice manager is Karen Davies: every record
// passes check, the report and files are as in testdata/golden/xlsx.txtar,
// and a second import writes nothing.
func TestGoldenXLSX(t *testing.T) {
	dir := newSite(t, "millbrook", "Millbrook Surgery", "Y90007", "emis-web", false)
	res := importInto(t, dir, "millbrook", "register.xlsx", register.Options{})
	golden(t, "xlsx", res)
	check(t, dir)
	again(t, dir, "millbrook", "register.xlsx", res)
}

// TestGoldenCSV imports the sample CSV file into a new practice,
// Eastfield, whose people are the example's riverside's, as
// TestGoldenXLSX does the workbook.
func TestGoldenCSV(t *testing.T) {
	dir := newSite(t, "eastfield", "Eastfield Medical Practice", "Y90008", "systmone", true)
	res := importInto(t, dir, "eastfield", "register.csv", register.Options{})
	golden(t, "csv", res)
	check(t, dir)
	again(t, dir, "eastfield", "register.csv", res)
}

// again imports the same file a second time: nothing is written, every
// service is reported as kept, and no file of the site changes.
func again(t *testing.T, dir, id, sample string, first *register.Result) {
	t.Helper()
	before := sitetest.Snapshot(t, dir)
	res := importInto(t, dir, id, sample, register.Options{})
	if len(res.Files) != 0 {
		var paths []string
		for _, f := range res.Files {
			paths = append(paths, f.Path)
		}
		t.Errorf("a second import writes %s", strings.Join(paths, ", "))
	}
	if want := first.Services + len(first.Kept); len(res.Kept) != want {
		t.Errorf("a second import keeps %d services, want %d", len(res.Kept), want)
	}
	exists := 0
	for _, n := range res.Notes {
		if strings.Contains(n.Msg, " exists: left as it is") {
			exists++
		}
	}
	if exists != len(res.Kept) {
		t.Errorf("a second import says %d services exist, want %d:\n%s", exists, len(res.Kept), report(res))
	}
	after := sitetest.Snapshot(t, dir)
	if !maps.Equal(before, after) {
		t.Error("a second import changed the site")
	}
}
