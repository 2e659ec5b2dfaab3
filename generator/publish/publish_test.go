package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/handbook-nhs/handbook/generator/site"
)

func files(pairs ...string) []site.File {
	var out []site.File
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, site.File{Path: pairs[i], Data: []byte(pairs[i+1])})
	}
	return out
}

// noLeftovers checks that no temporary folder is left beside dest.
func noLeftovers(t *testing.T, dest string) {
	t.Helper()
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.handbook*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReplacesPreviousOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	ctx := context.Background()
	if err := Dir(ctx, Options{Destination: dest}, files("index.html", "one", "a/old.html", "old")); err != nil {
		t.Fatal(err)
	}
	if err := Dir(ctx, Options{Destination: dest}, files("index.html", "two")); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "two" {
		t.Errorf("index.html = %q, want the new build", got)
	}
	if _, err := os.Stat(filepath.Join(dest, "a", "old.html")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of the previous build survived: %v", err)
	}
	noLeftovers(t, dest)
}

func TestCancelledBuildLeavesPreviousOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Dir(context.Background(), Options{Destination: dest}, files("index.html", "one")); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Dir(ctx, Options{Destination: dest}, files("index.html", "two"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "one" {
		t.Errorf("index.html = %q after a cancelled build, want the previous build", got)
	}
	noLeftovers(t, dest)
}

func TestRefusesForeignFolders(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home")
	os.MkdirAll(home, 0o755)
	os.WriteFile(filepath.Join(home, "notes.txt"), []byte("keep"), 0o644)
	src := filepath.Join(root, "site")
	os.MkdirAll(src, 0o755)

	for _, tt := range []struct{ name, dest, src string }{
		{"non-empty folder without marker", home, ""},
		{"the source itself", src, src},
		{"a folder containing the source", root, src},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var unsafe *UnsafeError
			if err := Dir(context.Background(), Options{Destination: tt.dest, Source: tt.src}, files("index.html", "x")); !errors.As(err, &unsafe) {
				t.Fatalf("err = %v, want an UnsafeError", err)
			}
		})
	}
	if got := read(t, filepath.Join(home, "notes.txt")); got != "keep" {
		t.Errorf("notes.txt = %q", got)
	}
}

func TestRefusesPathsOutsideTheOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Dir(context.Background(), Options{Destination: dest}, files("../escape.html", "x")); err == nil {
		t.Fatal("wrote a file outside the output folder")
	}
	if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed publish created the destination: %v", err)
	}
}

func TestStreamWritesFromManyGoroutines(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	err := Stream(context.Background(), Options{Destination: dest}, func(w *Writer) error {
		errs := make(chan error, 8)
		for g := range 8 {
			go func() {
				var err error
				for i := range 50 {
					if err == nil {
						err = w.Write(site.File{Path: fmt.Sprintf("p%d/sub/%d.html", g, i), Data: []byte("x")})
					}
				}
				errs <- err
			}()
		}
		for range 8 {
			if err := <-errs; err != nil {
				return err
			}
		}
		if data, ok := w.Read("p3/sub/7.html"); !ok || string(data) != "x" {
			t.Errorf("Read of a written file = %q, %v", data, ok)
		}
		if _, ok := w.Read("../outside"); ok {
			t.Error("Read reached outside the new site")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dest, "p*", "sub", "*.html"))
	if len(files) != 400 {
		t.Errorf("%d files written, want 400", len(files))
	}
}

func TestStreamFailureLeavesPreviousOutput(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Dir(context.Background(), Options{Destination: dest}, files("index.html", "one")); err != nil {
		t.Fatal(err)
	}
	broken := errors.New("a template failed")
	err := Stream(context.Background(), Options{Destination: dest}, func(w *Writer) error {
		if err := w.Write(site.File{Path: "index.html", Data: []byte("two")}); err != nil {
			return err
		}
		return broken
	})
	if !errors.Is(err, broken) {
		t.Fatalf("err = %v, want the fill's error", err)
	}
	if got := read(t, filepath.Join(dest, "index.html")); got != "one" {
		t.Errorf("index.html = %q after a failed build, want the previous build", got)
	}
	noLeftovers(t, dest)
}
