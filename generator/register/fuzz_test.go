package register

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/site"
)

// FuzzImport reads arbitrary bytes as a register and imports it. It must
// never panic; every error and every note must name the file; and every
// record it would write must be TOML.
func FuzzImport(f *testing.F) {
	for _, name := range []string{"testdata/register.csv", "testdata/register.xlsx"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("System;Owner;Last reviewed\nEMIS Web;K. Davies;31/02/2026\n"))
	f.Add([]byte("Application,DPIA,Review date\n\"Docman \"\"10\"\"\",Yes,45000\n,,\n"))
	f.Add([]byte("\xef\xbb\xbfName\tSupplier\nX\t\x00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "register.csv"
		book, err := Read(file, data)
		if err != nil {
			checkError(t, err, file)
			return
		}
		res, err := Import(book, staff, Options{Practice: "alpha", Today: site.NewDate(2026, 11, 21)})
		if err != nil {
			checkError(t, err, file)
			return
		}
		for _, n := range res.Notes {
			if n.Ref.File != file || n.Msg == "" {
				t.Fatalf("note without its file or a message: %+v", n)
			}
		}
		for _, out := range res.Files {
			var v map[string]any
			if _, err := toml.Decode(string(out.Data), &v); err != nil {
				t.Fatalf("%s is not TOML: %v\n%s", out.Path, err, out.Data)
			}
			if !strings.HasPrefix(out.Path, "content/") {
				t.Fatalf("%s is outside content/", out.Path)
			}
		}
	})
}

func checkError(t *testing.T, err error, file string) {
	t.Helper()
	var re *Error
	if !errors.As(err, &re) || re.Ref.File != file || re.Msg == "" {
		t.Fatalf("error that is no *Error naming %s: %v", file, err)
	}
}
