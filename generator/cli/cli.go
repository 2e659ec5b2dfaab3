// Package cli is the handbook command: subcommands, flags, messages and
// exit codes. Main never calls os.Exit; it returns the code for main to
// exit with.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Version is the release of handbook.
const Version = "0.1.0"

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1 // the content could not be built
	ExitUsage = 2 // the command line was wrong
	ExitFault = 3 // handbook itself failed (see Watch)
	ExitOOM   = 4 // handbook ran out of memory, or the system stopped it (see Watch)
	// ExitBrokenPipe is what a shell reports for a program ended by
	// SIGPIPE (128 + 13): what it printed went to a pipe closed early.
	ExitBrokenPipe = 141
)

// Env is what a run of the command may touch besides its arguments.
type Env struct {
	Stdout, Stderr io.Writer
	// Terminal says that Stderr is a terminal on which a long build may
	// show how far it has got, on a line it redraws and then clears (see
	// the function Terminal, which main uses to set it).
	Terminal bool
	// Now returns the current time; "today" defaults to its date, and the
	// progress line of a build is timed with it.
	Now func() time.Time
}

// progressHelp tells of the progress line and --quiet, for the commands
// that build.
const progressHelp = "On a terminal, a build that takes more than half a second shows how far it has\n" +
	"got on one line of the standard error, cleared when it ends. --quiet shows no\n" +
	"progress and prints no summary: only errors, on the standard error."

type command struct {
	name, args, short string
	long              string
	flags             func(*flag.FlagSet) func(ctx context.Context, env Env) int
	// positional says the command takes arguments besides its flags,
	// which it reads itself (flags may come before, between or after).
	positional bool
}

func commands() []command {
	return []command{
		{"build", "[flags]", "Build the handbook into the output folder (the default command)",
			"Build reads the site folder (handbook.toml, content/, templates/), checks every record\n" +
				"and reference, and writes the handbook to the output folder. The output is replaced\n" +
				"only when the whole build succeeds: on any error the previous output stays as it was.\n\n" +
				progressHelp,
			buildFlags, false},
		{"check", "[flags]", "Check the content and report governance findings, without building",
			"Check reads and validates the site like build, then reports the governance findings:\n" +
				"where the practice carries a risk (a leaver still owning a service, a runbook never\n" +
				"exercised, a plan the ICB has not approved). Nothing is written.\n\n" +
				"The report goes to the standard output, problems in the content first. In the text\n" +
				"format a summary line follows on the standard error; --quiet leaves it out.\n\n" +
				"Exit status: 1 when the content is invalid, or when a finding is at or above\n" +
				"--fail-on; 0 otherwise; 2 for a wrong command line.",
			checkFlags, false},
		{"pdf", "[flags]", "Build the handbook, with PDFs of the continuity packs and checklists",
			"Pdf builds the handbook like build, then prints each practice's continuity pack and\n" +
				"its review checklists to PDF with headless Chromium (or Google Chrome), beside\n" +
				"their pages: <practice>/continuity-pack.pdf, <practice>/reviews/*.pdf. The PDFs\n" +
				"have A4 pages and bookmarks. Nothing is published unless every PDF is made.\n\n" +
				"A PDF is printed again only when its page, or a file the page loads, has changed\n" +
				"since the last handbook pdf into the same folder: the others are kept as they\n" +
				"were. --practice and --icb print the documents of some practices only; the\n" +
				"others' PDFs are kept while still current, and left out when not.\n\n" +
				"Without Chromium it says so and changes nothing: the HTML packs print from any\n" +
				"browser.\n\n" +
				progressHelp,
			pdfFlags, false},
		{"serve", "[flags]", "Preview the handbook in a browser, rebuilding on every save",
			"Serve builds the handbook into memory and serves it on this machine, at the address it\n" +
				"prints first. It watches handbook.toml, content/, templates/, schemas/ and themes/default/,\n" +
				"and after every save builds again, reading and rendering only what changed, then\n" +
				"refreshes the open pages. When a file is broken, every open page shows each error\n" +
				"with its file:line:col and the line itself, over the last version that built;\n" +
				"fixing the file clears it. Nothing is written to disk.\n\n" +
				"On shared and network drives, where changes are not reported, use --poll 1s.",
			serveFlags, false},
		{"new", "KIND ID [flags], new practice ODS-CODE \"Name\", or new site FOLDER \"Title\"", "Write a new record with every required key, ready to fill in",
			"New writes a record of the kind given with every key its schema requires, each\n" +
				"under a comment saying what to write, and TO DO where only you can say. The kinds:\n" +
				strings.Join(newKinds()[:len(newKinds())-2], ", ") + ".\n" +
				"References name records of the practice (its practice manager, its\n" +
				"clinical system, its ICB), so the new record passes handbook check at once, and\n" +
				"its findings say what to fill in first. New never overwrites a file you have written.\n\n" +
				"new practice writes content/<id>/ with practice.toml, roles.toml, training.toml,\n" +
				"the practice manager and the clinical system, for a practice that builds at once.\n\n" +
				"new site writes a site of your own into FOLDER: handbook.toml, the schemas and the\n" +
				"editor's settings, the ICB and PCN named by --icb and --pcn, and the data security\n" +
				"course; add the practice with new practice in it. new schemas writes this handbook's\n" +
				"schemas and editor settings into the site again, after an upgrade.",
			newFlags, true},
		{"import", "--practice ID [flags] FILE", "Turn a register kept in Excel or CSV into service records",
			importLong, importFlags, true},
		{"version", "", "Print the version of handbook", "", func(*flag.FlagSet) func(context.Context, Env) int {
			return runVersion
		}, false},
		{"help", "[command]", "Show help for handbook or one of its commands", "", nil, false},
	}
}

// Main runs the handbook command with args (without the program name) and
// returns the exit code.
func Main(ctx context.Context, args []string, env Env) int {
	if env.Now == nil {
		env.Now = time.Now
	}
	name := "build"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		return help(env, args)
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		fs := flag.NewFlagSet("handbook "+c.name, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		run := c.flags(fs)
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				usage(env.Stdout, c, fs)
				return ExitOK
			}
			errorf(env, "%v", err)
			hintf(env, "run 'handbook help %s' for its flags", c.name)
			return ExitUsage
		}
		if fs.NArg() > 0 && !c.positional {
			errorf(env, "unexpected argument %q", fs.Arg(0))
			hintf(env, "run 'handbook help %s' for its flags", c.name)
			return ExitUsage
		}
		return run(ctx, env)
	}
	errorf(env, "unknown command %q", name)
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if h := site.Suggest(name, names); h != "" {
		hintf(env, "%s", h)
	} else {
		hintf(env, "run 'handbook help' for the list of commands")
	}
	return ExitUsage
}

// positional reads the arguments of a command that takes some, with its
// flags before, between or after them (Go's flag package stops at the
// first argument); false when a flag is wrong, which it reports.
func positional(env Env, fs *flag.FlagSet, name string) ([]string, bool) {
	var args []string
	for rest := fs.Args(); len(rest) > 0; rest = fs.Args() {
		args = append(args, rest[0])
		if err := fs.Parse(rest[1:]); err != nil {
			errorf(env, "%v", err)
			hintf(env, "run 'handbook help %s' for its flags", name)
			return nil, false
		}
	}
	return args, true
}

func errorf(env Env, format string, args ...any) {
	fmt.Fprintf(env.Stderr, "handbook: error: "+format+"\n", args...)
}

func hintf(env Env, format string, args ...any) {
	fmt.Fprintf(env.Stderr, "handbook: hint: "+format+"\n", args...)
}

func help(env Env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(env.Stdout, "handbook builds a GP practice's digital governance handbook from TOML records.\n\n"+
			"Usage:\n  handbook [command] [flags]\n\nCommands:\n")
		for _, c := range commands() {
			fmt.Fprintf(env.Stdout, "  %-9s %s\n", c.name, c.short)
		}
		fmt.Fprint(env.Stdout, "\nRun 'handbook help <command>' for more about a command.\n")
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			fs := flag.NewFlagSet("handbook "+c.name, flag.ContinueOnError)
			if c.flags != nil {
				c.flags(fs)
			}
			usage(env.Stdout, c, fs)
			return ExitOK
		}
	}
	errorf(env, "unknown command %q", args[0])
	hintf(env, "run 'handbook help' for the list of commands")
	return ExitUsage
}

func usage(w io.Writer, c command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n\nUsage:\n  handbook %s %s\n", c.short, c.name, c.args)
	if c.long != "" {
		fmt.Fprintf(w, "\n%s\n", c.long)
	}
	hasFlags := false
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprint(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

func runVersion(_ context.Context, env Env) int {
	v := "v" + Version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(env.Stdout, "handbook %s %s/%s %s\n", v, runtime.GOOS, runtime.GOARCH, runtime.Version())
	return ExitOK
}
