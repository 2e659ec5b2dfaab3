package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/handbook-nhs/handbook/generator/history"
	"github.com/rogpeppe/go-internal/txtar"
)

// siteFS returns the files of a txtar archive under prefix as a file
// system rooted there.
func siteFS(ar *txtar.Archive, prefix string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, prefix); ok {
			fsys[name] = &fstest.MapFile{Data: f.Data}
		}
	}
	return fsys
}

// goldenHistory reads the dates of last change of a golden case from its
// file "history", if it has one: a line "<RFC 3339 time> <path>" for
// each file with a date, as git would give them.
func goldenHistory(ar *txtar.Archive) (func() (history.Log, error), error) {
	for _, f := range ar.Files {
		if f.Name != "history" {
			continue
		}
		log := history.Log{Dates: map[string]time.Time{}}
		for line := range strings.Lines(string(f.Data)) {
			when, p, ok := strings.Cut(strings.TrimSpace(line), " ")
			t, err := time.Parse(time.RFC3339, when)
			if !ok || err != nil {
				return nil, fmt.Errorf("history: %q is not \"<RFC 3339 time> <path>\"", line)
			}
			log.Dates[p] = t
		}
		return func() (history.Log, error) { return log, nil }, nil
	}
	return nil, nil
}

// TestGolden renders each case in testdata/golden: the files under site/
// are the input and the files under public/ the expected output,
// unminified so that a change reads as a diff. A case's file "history"
// gives the dates of last change its pages show.
func TestGolden(t *testing.T) {
	cases, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dates, err := goldenHistory(ar)
			if err != nil {
				t.Fatal(err)
			}
			b, err := buildFS(siteFS(ar, "site/"), Options{Today: goldenToday, NoMinify: true, History: dates})
			if err != nil {
				t.Fatalf("build:\n%v", err)
			}
			files := b.files
			if *update {
				var kept []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "public/") {
						kept = append(kept, f)
					}
				}
				for _, f := range files {
					kept = append(kept, txtar.File{Name: "public/" + f.Path, Data: f.Data})
				}
				ar.Files = kept
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := siteFS(ar, "public/")
			got := map[string]bool{}
			for _, f := range files {
				got[f.Path] = true
				w, ok := want[f.Path]
				switch {
				case !ok:
					t.Errorf("unexpected output file %s (run with -update to accept it)", f.Path)
				case !bytes.Equal(w.Data, f.Data):
					t.Errorf("%s differs from the golden file (run with -update and review the diff):\n%s",
						f.Path, firstDiff(string(w.Data), string(f.Data)))
				}
			}
			for name := range want {
				if !got[name] {
					t.Errorf("expected output file %s was not written", name)
				}
			}
		})
	}
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(only trailing differences)"
}
