package pipeline

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestBadInput runs every case in testdata/bad. A case is a txtar archive
// applied to the minimal golden site:
//
//	the comment        says what the mistake is
//	-- <path> --       a file that replaces or joins the site's files
//	-- edit <path> --  a change to one of the site's files: its lines
//	                   starting "-" are replaced by its lines starting "+"
//	-- delete --       paths to remove, one per line
//	-- want --         the errors, exactly as handbook prints them
//
// The build must fail with exactly the wanted errors, each at its
// file:line:col; it minifies, as handbook build does, and errors in
// templates name the lines of the templates as written. Run with -update
// to rewrite the want sections, and review the diff.
func TestBadInput(t *testing.T) {
	cases, err := filepath.Glob("testdata/bad/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 60 {
		t.Errorf("testdata/bad holds %d cases; the corpus must keep at least 60", len(cases))
	}
	base := fixture(t)
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if len(bytes.TrimSpace(ar.Comment)) == 0 {
				t.Error("the case has no comment saying what the mistake is")
			}
			fsys, want := applyCase(t, base, ar)
			_, err = buildFS(fsys, Options{Today: goldenToday})
			var list site.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("want errors, got %v", err)
			}
			for _, e := range list {
				if e.Pos.File == "" {
					t.Errorf("error names no file: %v", e)
				}
			}
			got := formatErrors(list)
			if *update {
				setSection(ar, "want", got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want == nil {
				t.Fatalf("the case has no want section; run with -update")
			}
			if got != string(want) {
				t.Errorf("errors differ\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

// applyCase returns a copy of base with the case's files, edits and
// deletions applied, and the case's want section (nil when absent).
func applyCase(t *testing.T, base fstest.MapFS, ar *txtar.Archive) (fstest.MapFS, []byte) {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range base {
		fsys[k] = v
	}
	var want []byte
	for _, f := range ar.Files {
		switch name, isEdit := strings.CutPrefix(f.Name, "edit "); {
		case f.Name == "want":
			want = f.Data
		case f.Name == "delete":
			for _, p := range strings.Fields(string(f.Data)) {
				if _, ok := fsys[p]; !ok {
					t.Fatalf("delete: the site has no %s", p)
				}
				delete(fsys, p)
			}
		case isEdit:
			var old, new []string
			for _, line := range strings.SplitAfter(string(f.Data), "\n") {
				switch {
				case strings.HasPrefix(line, "-"):
					old = append(old, line[1:])
				case strings.HasPrefix(line, "+"):
					new = append(new, line[1:])
				case strings.TrimSpace(line) != "":
					t.Fatalf("edit %s: line %q starts with neither - nor +", name, line)
				}
			}
			edit(t, fsys, name, strings.Join(old, ""), strings.Join(new, ""))
		default:
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys, want
}

func formatErrors(list site.ErrorList) string {
	var b strings.Builder
	for _, e := range list {
		b.WriteString(e.Pos.String() + ": " + e.Msg + "\n")
		if e.Hint != "" {
			b.WriteString("\thint: " + e.Hint + "\n")
		}
	}
	return b.String()
}

// setSection sets the data of the archive's file name, adding it last.
func setSection(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}

// fixture returns the input files of the minimal golden case.
func fixture(t *testing.T) fstest.MapFS {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/golden/minimal.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return siteFS(ar, "site/")
}

// edit replaces old with new in one file of fsys; old must occur.
func edit(t *testing.T, fsys fstest.MapFS, file, old, new string) {
	t.Helper()
	f, ok := fsys[file]
	if !ok {
		t.Fatalf("fixture has no %s", file)
	}
	s := string(f.Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}
