package cli

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/register"
	"github.com/handbook-nhs/handbook/generator/sitetest"
	"github.com/rogpeppe/go-internal/txtar"
)

// minimalSite writes the fixture site the scripts start from (one
// practice, alpha) into a new folder, and returns it.
func minimalSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("../pipeline/testdata/golden/minimal.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "site/"); ok {
			sitetest.Write(t, dir, name, string(f.Data))
		}
	}
	return dir
}

func runMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	code = Main(context.Background(), args, Env{Stdout: &out, Stderr: &errs,
		Now: func() time.Time { return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) }})
	return code, out.String(), errs.String()
}

// tree reads every file under dir, by its path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestImportTwice imports the sample register into a new practice, then
// again: the second writes nothing, byte for byte, and says so.
func TestImportTwice(t *testing.T) {
	dir := minimalSite(t)
	if code, _, errs := runMain(t, "new", "practice", "Y90007", "Millbrook Surgery", "--manager", "Karen Davies", "--source", dir); code != ExitOK {
		t.Fatalf("new practice: exit %d\n%s", code, errs)
	}
	xlsx := "../register/testdata/register.xlsx"
	code, out, errs := runMain(t, "import", "--source", dir, "--practice", "millbrook-surgery", xlsx)
	if code != ExitOK || errs != "" || !strings.Contains(out, "\nImported 8 services from "+xlsx) {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := runMain(t, "check", "--source", dir, "--format", "json"); code != ExitOK || !strings.Contains(out, `"valid": true`) {
		t.Fatalf("check after the import: exit %d", code)
	}
	before := tree(t, dir)
	code, out, errs = runMain(t, "import", "--source", dir, "--practice", "millbrook-surgery", xlsx, "--today", "2027-01-05")
	if code != ExitOK || errs != "" || !strings.Contains(out, "\nNothing written: the 9 services of "+xlsx+" are in ") {
		t.Fatalf("a second import: exit %d\n%s%s", code, out, errs)
	}
	after := tree(t, dir)
	if len(after) != len(before) {
		t.Errorf("a second import leaves %d files, not %d", len(after), len(before))
	}
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("a second import changed %s", p)
		}
	}
}

func TestImportExitCodes(t *testing.T) {
	dir := minimalSite(t)
	if code, _, errs := runMain(t, "new", "practice", "Y90007", "Millbrook Surgery", "--source", dir); code != ExitOK {
		t.Fatalf("new practice: exit %d\n%s", code, errs)
	}
	notes := filepath.Join(dir, "notes.csv")
	sitetest.Write(t, dir, "notes.csv", "Shopping list\nMilk,2\n")
	xlsx := "../register/testdata/register.xlsx"
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import", "--source", dir, "--practice", "alpha"}, ExitUsage, "say which spreadsheet to import"},
		{[]string{"import", "--source", dir, xlsx}, ExitUsage, "add --practice, one of alpha, millbrook-surgery"},
		{[]string{"import", "--source", dir, "--practice", "alpha", "--map", "x", xlsx}, ExitUsage, `"x" says no field`},
		{[]string{"import", "--source", dir, "--practice", "alpha", "--bogus", xlsx}, ExitUsage, "flag provided but not defined: -bogus"},
		{[]string{"import", "--source", dir, "--practice", "alpha", xlsx, "--map", "Renewals=contract_end"}, ExitError, "no column of the register is headed"},
		{[]string{"import", "--source", dir, "--practice", "alpah", xlsx}, ExitError, `did you mean "alpha"?`},
		{[]string{"import", "--source", filepath.Join(dir, "content"), "--practice", "alpha", xlsx}, ExitError, "is not a handbook site"},
		{[]string{"import", "--source", dir, "--practice", "alpha", notes}, ExitError, "no header row found"},
		{[]string{"import", "--source", dir, "--practice", "alpha", filepath.Join(dir, "none.xlsx")}, ExitError, "no such file or directory"},
	} {
		before := tree(t, dir)
		code, out, errs := runMain(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, want %d, with %q in:\n%s", strings.Join(tt.args[3:], " "), code, tt.code, tt.want, errs)
		}
		if out != "" {
			t.Errorf("%s: printed %q", strings.Join(tt.args[3:], " "), out)
		}
		if after := tree(t, dir); len(after) != len(before) {
			t.Errorf("%s: wrote %d files", strings.Join(tt.args[3:], " "), len(after)-len(before))
		}
	}
	// The practice has a service the register names, EMIS Web, written by
	// handbook new practice: it is left as it is.
	code, out, _ := runMain(t, "import", "--source", dir, "--practice", "millbrook-surgery", xlsx)
	if code != ExitOK || !strings.Contains(out, "content/millbrook-surgery/services/emis-web.toml exists: left as it is") {
		t.Errorf("import: exit %d\n%s", code, out)
	}
}

// TestWriteImportedAllOrNothing checks that when a file cannot be written,
// those written before it are taken away again.
func TestWriteImportedAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, "content/organisations", "a file where a folder should be")
	var errs bytes.Buffer
	code := writeImported(Env{Stdout: &errs, Stderr: &errs}, dir, []register.File{
		{Path: "content/alpha/services/a.toml", Data: []byte("name = \"A\"\n")},
		{Path: "content/organisations/b.toml", Data: []byte("name = \"B\"\n")},
	})
	if code != ExitError || !strings.Contains(errs.String(), "nothing was written") {
		t.Errorf("exit %d\n%s", code, errs.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "content/alpha/services/a.toml")); err == nil {
		t.Error("the first file was left behind")
	}
}
