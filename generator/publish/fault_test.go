package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
)

// The child process of TestKillAtEachStep: it publishes "two" over the
// site at $PUBLISH_DEST and kills itself at step $PUBLISH_DIE_AT.
func TestPublishChild(t *testing.T) {
	dest, dieAt := os.Getenv("PUBLISH_DEST"), os.Getenv("PUBLISH_DIE_AT")
	if dest == "" {
		t.Skip("run by TestKillAtEachStep")
	}
	if os.Getenv("PUBLISH_NO_EXCHANGE") != "" {
		exchange = func(a, b string) error { return errUnsupported }
	}
	step = func(name string) {
		if name == dieAt {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
	}
	Dir(context.Background(), Options{Destination: dest}, siteFiles("two"))
	t.Fatalf("step %q was never reached", dieAt)
}

// siteFiles is a site of a few folders whose every file says which
// build wrote it.
func siteFiles(build string) []site.File {
	var out []site.File
	for i := range 20 {
		out = append(out, site.File{Path: fmt.Sprintf("p%d/index.html", i), Data: []byte(build)})
	}
	return append(out, site.File{Path: "index.html", Data: []byte(build)})
}

// complete checks that dest holds the whole of one build, and returns
// which.
func complete(t *testing.T, dest string) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dest, Marker)); err != nil {
		t.Fatalf("no complete site at the destination: %v", err)
	}
	build := read(t, filepath.Join(dest, "index.html"))
	for i := range 20 {
		if got := read(t, filepath.Join(dest, fmt.Sprintf("p%d/index.html", i))); got != build {
			t.Fatalf("p%d/index.html is from build %q, index.html from %q", i, got, build)
		}
	}
	return build
}

func TestKillAtEachStep(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the child kills itself with SIGKILL")
	}
	for _, tt := range []struct {
		step       string
		noExchange bool
		want       string // the build in place after the kill; "" for none
	}{
		{"locked", false, "one"},
		{"written", false, "one"},
		{"marked", false, "one"},
		{"exchanged", false, "two"},
		{"locked", true, "one"},
		{"marked", true, "one"},
		{"moved aside", true, ""},
		{"moved in", true, "two"},
	} {
		name := tt.step
		if tt.noExchange {
			name += " without exchange"
		}
		t.Run(name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if err := Dir(context.Background(), Options{Destination: dest}, siteFiles("one")); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestPublishChild$")
			cmd.Env = append(os.Environ(), "PUBLISH_DEST="+dest, "PUBLISH_DIE_AT="+tt.step)
			if tt.noExchange {
				cmd.Env = append(cmd.Env, "PUBLISH_NO_EXCHANGE=1")
			}
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("the child was not killed at %q: %v\n%s", tt.step, err, out)
			}
			if tt.want == "" {
				if _, err := os.Stat(dest); !errors.Is(err, os.ErrNotExist) {
					t.Fatalf("the destination is there after a kill between the two moves: %v", err)
				}
			} else if got := complete(t, dest); got != tt.want {
				t.Fatalf("after a kill at %q the destination holds build %q, want %q", tt.step, got, tt.want)
			}

			// A failing build puts back what the killed one moved
			// aside, and removes no backup.
			failed := errors.New("a mistake in the content")
			err = Stream(context.Background(), Options{Destination: dest}, func(*Writer) error { return failed })
			if !errors.Is(err, failed) {
				t.Fatalf("err = %v, want the fill's error", err)
			}
			want := cmp(tt.want, "one")
			if got := complete(t, dest); got != want {
				t.Fatalf("after a failed build the destination holds %q, want %q", got, want)
			}
			if err := Dir(context.Background(), Options{Destination: dest}, siteFiles("three")); err != nil {
				t.Fatal(err)
			}
			if got := complete(t, dest); got != "three" {
				t.Fatalf("the next build left %q", got)
			}
			noLeftovers(t, dest)
		})
	}
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func TestConcurrentBuildsTakeTurns(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	started := make(chan struct{})
	var waited atomic.Bool
	var wg sync.WaitGroup
	errs := make([]error, 2)
	wg.Go(func() {
		errs[0] = Stream(context.Background(), Options{Destination: dest}, func(w *Writer) error {
			close(started)
			for _, f := range siteFiles("slow") {
				time.Sleep(5 * time.Millisecond)
				if err := w.Write(f); err != nil {
					return err
				}
			}
			return nil
		})
	})
	<-started
	wg.Go(func() {
		opt := Options{Destination: dest, Waiting: func(string) { waited.Store(true) }}
		errs[1] = Dir(context.Background(), opt, siteFiles("fast"))
	})
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if !waited.Load() {
		t.Error("the second build did not wait for the first")
	}
	if got := complete(t, dest); got != "fast" {
		t.Errorf("the destination holds build %q, want the later one", got)
	}
	noLeftovers(t, dest)
}

func TestWaitingBuildCanBeCancelled(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithCancel(context.Background())
	locked, hold := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- Stream(context.Background(), Options{Destination: dest}, func(*Writer) error {
			close(locked)
			<-hold
			return nil
		})
	}()
	<-locked // the first build holds the destination
	var second error
	waiting := make(chan struct{})
	go func() {
		second = Dir(ctx, Options{Destination: dest, Waiting: func(string) { close(waiting) }}, siteFiles("x"))
		close(hold)
	}()
	<-waiting
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !errors.Is(second, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", second)
	}
}

func TestReaderNeverMissesTheSite(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux exchanges two folders in one step")
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := Dir(context.Background(), Options{Destination: dest}, siteFiles("0")); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var reads, misses atomic.Int64
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			reads.Add(1)
			if _, err := os.ReadFile(filepath.Join(dest, "index.html")); err != nil {
				misses.Add(1)
			}
		}
	})
	for i := range 30 {
		if err := Dir(context.Background(), Options{Destination: dest}, siteFiles(fmt.Sprint(i+1))); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	if misses.Load() != 0 {
		t.Errorf("a reader found no index.html %d times in %d reads during 30 builds", misses.Load(), reads.Load())
	}
	complete(t, dest)
}

func TestSymlinkedDestination(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "www", "handbook")
	os.MkdirAll(filepath.Dir(target), 0o755)
	if err := Dir(context.Background(), Options{Destination: target}, siteFiles("one")); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(root, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Dir(context.Background(), Options{Destination: link}, siteFiles("two")); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v", err)
	}
	if got := complete(t, target); got != "two" {
		t.Errorf("the link's target holds %q, want the new build", got)
	}
	noLeftovers(t, target)

	dangling := filepath.Join(root, "dangling")
	os.Symlink(filepath.Join(root, "gone"), dangling)
	var unsafe *UnsafeError
	if err := Dir(context.Background(), Options{Destination: dangling}, siteFiles("x")); !errors.As(err, &unsafe) {
		t.Errorf("a link to nothing: err = %v, want an UnsafeError", err)
	}
}

func TestRefusesDestinationInsideInput(t *testing.T) {
	src := t.TempDir()
	os.MkdirAll(filepath.Join(src, "content", "riverside"), 0o755)
	input := func(rel string) bool { return rel == "content" || len(rel) > 8 && rel[:8] == "content/" }
	var unsafe *UnsafeError
	opt := Options{Destination: filepath.Join(src, "content", "riverside", "out"), Source: src, Input: input}
	if err := Dir(context.Background(), opt, siteFiles("x")); !errors.As(err, &unsafe) {
		t.Fatalf("err = %v, want an UnsafeError", err)
	}
	opt.Destination = filepath.Join(src, "public")
	if err := Dir(context.Background(), opt, siteFiles("x")); err != nil {
		t.Errorf("public/ in the site folder: %v", err)
	}
}
