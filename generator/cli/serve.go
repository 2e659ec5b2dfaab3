package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"time"

	"github.com/handbook-nhs/handbook/generator/serve"
)

func serveFlags(flags *flag.FlagSet) func(context.Context, Env) int {
	var opt serve.Options
	flags.StringVar(&opt.Build.Source, "source", ".", "the site `folder`, holding handbook.toml and content/")
	flags.Var(dateFlag{&opt.Build.Today}, "today", "build as of this `date`, written YYYY-MM-DD (default: the date of each build)")
	flags.IntVar(&opt.Port, "port", serve.DefaultPort, "the `port` to serve on; 0 picks a free one")
	flags.StringVar(&opt.Bind, "bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 lets every machine that can reach this one read the handbook")
	flags.DurationVar(&opt.Poll, "poll", 0, "look at the files this often (such as 1s) instead of waiting to be told of changes: for shared and network drives")
	flags.BoolVar(&opt.Build.NoMinify, "no-minify", false, "serve HTML and CSS unminified, for reading or debugging templates")
	return func(ctx context.Context, env Env) int {
		if opt.Port < 0 || opt.Port > 65535 {
			errorf(env, "--port %d is not a port", opt.Port)
			hintf(env, "use a number from 1 to 65535, or 0 for any free port")
			return ExitUsage
		}
		if opt.Poll != 0 && opt.Poll < 100*time.Millisecond {
			errorf(env, "--poll %v is too often", opt.Poll)
			hintf(env, "look every second or so, such as --poll 1s: every look reads the whole site folder")
			return ExitUsage
		}
		if net.ParseIP(opt.Bind) == nil && opt.Bind != "localhost" {
			errorf(env, "--bind %q is not an IP address", opt.Bind)
			hintf(env, "use 127.0.0.1 (this machine only, the default), or 0.0.0.0 for every network")
			return ExitUsage
		}
		opt.Log = env.Stdout
		s, err := serve.Listen(opt)
		var inUse *serve.PortInUseError
		switch {
		case errors.As(err, &inUse):
			errorf(env, "%v", err)
			hintf(env, "stop the other program (perhaps another handbook serve), or choose another port: --port %d, or --port 0 for any free one", opt.Port+1)
			return ExitError
		case errors.Is(err, fs.ErrNotExist):
			errorf(env, "%v", err)
			hintf(env, "point --source at the site folder")
			return ExitError
		case err != nil:
			errorf(env, "%v", err)
			return ExitError
		}
		// The address first, alone on its line, for scripts and editors.
		fmt.Fprintln(env.Stdout, s.URL())
		if ip := net.ParseIP(opt.Bind); ip != nil && !ip.IsLoopback() {
			fmt.Fprintf(env.Stdout, "Listening on %s: anyone who can reach this machine on port %d can read the handbook.\n", opt.Bind, opt.Port)
		}
		fmt.Fprintln(env.Stdout, "Rebuilding on every save. Press Ctrl+C to stop.")
		if err := s.Run(ctx); err != nil {
			errorf(env, "%v", err)
			return ExitError
		}
		fmt.Fprintln(env.Stdout, "Stopped.")
		return ExitOK
	}
}
