package cli

import (
	"context"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/sitetest"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
)

func TestMain(m *testing.M) {
	sitetest.MemoryDisk()
	testscript.Main(m, map[string]func(){
		"handbook": func() {
			// As main does: Ctrl+C cancels the context.
			ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			os.Exit(Main(ctx, os.Args[1:], Env{
				Stdout: os.Stdout, Stderr: os.Stderr,
				Now: func() time.Time { return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) },
			}))
		},
	})
}

// TestScripts runs the end-to-end scenarios in testdata/script. Each starts
// with the minimal fixture site in $WORK/site and the repository's example
// site at $EXAMPLE.
func TestScripts(t *testing.T) {
	example, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile("../pipeline/testdata/golden/minimal.txtar")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLE", example)
			// BINDIR holds the handbook command alone, for a PATH on
			// which no browser can be found.
			for _, dir := range filepath.SplitList(env.Getenv("PATH")) {
				if _, err := os.Stat(filepath.Join(dir, "handbook")); err == nil {
					env.Setenv("BINDIR", dir)
					break
				}
			}
			for _, f := range ar.Files {
				name, ok := strings.CutPrefix(f.Name, "site/")
				if !ok {
					continue
				}
				p := filepath.Join(env.WorkDir, "site", filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					return err
				}
			}
			return nil
		},
	})
}
