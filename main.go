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
	code := cli.Main(ctx, os.Args[1:], cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Terminal: cli.Terminal(os.Stderr)})
	stop()
	os.Exit(code)
}
