// Command handbook builds a GP practice's digital governance handbook from
// TOML records. Run "handbook help" for its commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/handbook-nhs/handbook/generator/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Terminal: cli.Terminal(os.Stderr)}
	if os.Getenv("GOGC") == "" {
		// Let the heap grow 256 MiB past the records between collections.
		env.GCHeadroom = 256 << 20
	}
	code := cli.Main(ctx, os.Args[1:], env)
	stop()
	os.Exit(code)
}
