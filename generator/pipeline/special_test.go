package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestSiteFolderReadsOnlyItsOwnFiles builds the minimal site from disk
// with something in it that is not one of its own ordinary files: each
// build fails at once, naming the file and saying what it is, reads
// nothing through it and publishes nothing.
func TestSiteFolderReadsOnlyItsOwnFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("named pipes and symbolic links are Unix files here")
	}
	outside := filepath.Join(t.TempDir(), "secret.toml")
	os.WriteFile(outside, []byte("name = \"outside-the-site\"\n"), 0o644)
	for _, tt := range []struct {
		name, file string
		make       func(p string) error
		want, hint string
	}{
		{"named pipe in content", "content/alpha/services/pipe.toml",
			func(p string) error { return syscall.Mkfifo(p, 0o644) },
			"cannot read file: it is a named pipe (FIFO), not an ordinary file", "handbook reads only ordinary text files"},
		{"named pipe in templates", "templates/partials/pipe.html",
			func(p string) error { return syscall.Mkfifo(p, 0o644) },
			"a named pipe (FIFO), not an ordinary file", "handbook reads only ordinary text files"},
		{"named pipe for handbook.toml", "handbook.toml",
			func(p string) error { os.Remove(p); return syscall.Mkfifo(p, 0o644) },
			"a named pipe (FIFO), not an ordinary file", "handbook reads only ordinary text files"},
		{"link outside the site", "content/alpha/services/secret.toml",
			func(p string) error { return os.Symlink(outside, p) },
			"cannot read file: it is a link to " + outside + ", outside the site folder", "copy the file into the site folder"},
		{"relative link outside the site", "content/alpha/people/secret.toml",
			func(p string) error {
				return os.Symlink("../../../../"+filepath.Base(filepath.Dir(outside))+"/secret.toml", p)
			},
			"outside the site folder", "copy the file into the site folder"},
		{"link to nothing", "content/alpha/services/gone.toml",
			func(p string) error { return os.Symlink("gone-for-good.toml", p) },
			"cannot read file: it is a link to gone-for-good.toml, which does not exist", "remove the link"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, fixture(t)); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, filepath.FromSlash(tt.file))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := tt.make(p); err != nil {
				t.Fatal(err)
			}
			dest := filepath.Join(t.TempDir(), "public")
			// A build that waited on the pipe would never return: the
			// deadline turns that into a failure, not a hung test.
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			_, err := Build(ctx, Options{Source: dir, Destination: dest, Today: goldenToday})
			if ctx.Err() != nil {
				t.Fatal("the build waited on the file until the deadline")
			}
			var list site.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want a list of mistakes", err)
			}
			found := false
			for _, e := range list {
				if strings.Contains(e.Msg, "outside-the-site") || strings.Contains(e.Hint, "outside-the-site") {
					t.Errorf("an error shows what the file outside holds: %v", e)
				}
				if e.Pos.File == tt.file && strings.Contains(e.Msg, tt.want) && strings.Contains(e.Hint, tt.hint) {
					found = true
				}
			}
			if !found {
				t.Errorf("no error at %s saying %q with a hint %q:\n%s", tt.file, tt.want, tt.hint, formatErrors(list))
			}
			if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a failed build published: %v", err)
			}
		})
	}
}
