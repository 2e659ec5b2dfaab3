// Command handbook builds a GP practice's digital governance handbook from
// TOML records. Run "handbook help" for its commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/handbook-nhs/handbook/generator/cli"
)

func main() {
	if !cli.Watched() {
		// This process only waits for a child that does the work, so
		// that a crash exits with a code of its own (cli.Watch).
		os.Exit(cli.Watch(os.Stderr))
	}
	if os.Getenv("GOGC") == "" {
		// A build makes many times the memory it keeps: collecting once
		// the heap is five times the live heap, not twice, takes a
		// seventh off a build of 250 practices.
		debug.SetGCPercent(400)
		if os.Getenv("GOMEMLIMIT") == "" {
			// But five times a large live heap is a lot: a soft limit
			// collects sooner past 1 GiB, which keeps a build of 6,300
			// practices at 1.06 GB rather than 1.95 GB.
			debug.SetMemoryLimit(1 << 30)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Terminal: cli.Terminal(os.Stderr)}
	code := cli.Main(ctx, os.Args[1:], env)
	stop()
	os.Exit(code)
}
