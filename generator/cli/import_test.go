package cli

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/register"
	"github.com/handbook-nhs/handbook/generator/scaffold"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// TestImportTwice imports the sample register into a new practice, then
// again: the second writes nothing, byte for byte, and says so.
func TestImportTwice(t *testing.T) {
	dir := copyFixture(t)
	if code, _, errs := run("new", "practice", "Y90007", "Millbrook Surgery", "--manager", "Karen Davies", "--source", dir); code != ExitOK {
		t.Fatalf("new practice: exit %d\n%s", code, errs)
	}
	xlsx := "../register/testdata/register.xlsx"
	code, out, errs := run("import", "--source", dir, "--practice", "millbrook-surgery", xlsx)
	if code != ExitOK || errs != "" || !strings.Contains(out, "\nImported 9 services from "+xlsx) {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := run("check", "--source", dir, "--format", "json"); code != ExitOK || !strings.Contains(out, `"valid": true`) {
		t.Fatalf("check after the import: exit %d", code)
	}
	before := sitetest.Snapshot(t, dir)
	code, out, errs = run("import", "--source", dir, "--practice", "millbrook-surgery", xlsx, "--today", "2027-01-05")
	if code != ExitOK || errs != "" || !strings.Contains(out, "\nNothing written: the 9 services of "+xlsx+" are in ") {
		t.Fatalf("a second import: exit %d\n%s%s", code, out, errs)
	}
	after := sitetest.Snapshot(t, dir)
	if !maps.Equal(before, after) {
		t.Errorf("a second import changed the site")
	}
}

func TestImportExitCodes(t *testing.T) {
	dir := copyFixture(t)
	if code, _, errs := run("new", "practice", "Y90007", "Millbrook Surgery", "--source", dir); code != ExitOK {
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
		before := sitetest.Snapshot(t, dir)
		code, out, errs := run(tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, want %d, with %q in:\n%s", strings.Join(tt.args[3:], " "), code, tt.code, tt.want, errs)
		}
		if out != "" {
			t.Errorf("%s: printed %q", strings.Join(tt.args[3:], " "), out)
		}
		if after := sitetest.Snapshot(t, dir); !maps.Equal(before, after) {
			t.Errorf("%s: changed the site", strings.Join(tt.args[3:], " "))
		}
	}
	// The practice has a service the register names, EMIS Web, as handbook
	// new practice wrote it: the register's row replaces it.
	code, out, _ := run("import", "--source", dir, "--practice", "millbrook-surgery", xlsx)
	if code != ExitOK || !strings.Contains(out, "content/millbrook-surgery/services/emis-web.toml is as handbook new wrote it: replaced by this row") {
		t.Errorf("import: exit %d\n%s", code, out)
	}
}

// TestWriteFilesAllOrNothing checks that when a file cannot be written,
// those written before it are taken away again.
func TestWriteFilesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, "content/organisations", "a file where a folder should be")
	var errs bytes.Buffer
	code := writeFiles(Env{Stdout: &errs, Stderr: &errs}, dir, "import", "run it again", []register.File{
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

// TestWriteFilesReplaces checks that a record as handbook new wrote it
// is replaced, put back when a later file cannot be written, and left
// alone once edited.
func TestWriteFilesReplaces(t *testing.T) {
	dir := t.TempDir()
	scaffolded, err := scaffold.Record("service", scaffold.Options{Today: site.NewDate(2026, 12, 6)})
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Write(t, dir, "content/alpha/services/emis-web.toml", string(scaffolded))
	emis := filepath.Join(dir, "content/alpha/services/emis-web.toml")
	imported := register.File{Path: "content/alpha/services/emis-web.toml", Data: []byte("name = \"EMIS Web\"\n"), Replaces: true}
	var out bytes.Buffer
	env := Env{Stdout: &out, Stderr: &out}

	// A later file cannot be written: the scaffold is put back.
	sitetest.Write(t, dir, "content/organisations", "a file where a folder should be")
	if code := writeFiles(env, dir, "import", "run it again", []register.File{imported, {Path: "content/organisations/b.toml", Data: []byte("x")}}); code != ExitError {
		t.Errorf("exit %d\n%s", code, out.String())
	}
	if data, _ := os.ReadFile(emis); !bytes.Equal(data, scaffolded) {
		t.Errorf("the replaced file was not put back:\n%s", data)
	}

	if code := writeFiles(env, dir, "import", "run it again", []register.File{imported}); code != ExitOK {
		t.Fatalf("exit %d\n%s", code, out.String())
	}
	if data, _ := os.ReadFile(emis); !bytes.Equal(data, imported.Data) {
		t.Errorf("not replaced:\n%s", data)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "content/alpha/services/.*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}

	// Edited since the import read it: nothing is written.
	edited := append(bytes.Clone(scaffolded), "# Checked with the ICB.\n"...)
	sitetest.Write(t, dir, "content/alpha/services/emis-web.toml", string(edited))
	out.Reset()
	if code := writeFiles(env, dir, "import", "run it again", []register.File{imported}); code != ExitError || !strings.Contains(out.String(), "changed while handbook import ran") {
		t.Errorf("exit %d\n%s", code, out.String())
	}
	if data, _ := os.ReadFile(emis); !bytes.Equal(data, edited) {
		t.Errorf("an edited file was overwritten:\n%s", data)
	}
}
