// Command bench times whole builds. It builds the handbook command and
// the minimal pipeline (generator/bench/minimal) once, writes synthetic
// sites with synth (practices, and sites of Markdown pages), runs
// `handbook build` on each several times as a child process, and prints
// Markdown tables ready for the README: the median wall time, pages per
// second and the peak memory of the build (its maximum resident set, from
// the operating system).
//
//	go run ./generator/bench                       # 1, 250 and 6,300 practices; 1,000 and 10,000 Markdown pages
//	go run ./generator/bench -practices 250 -markdown ''
//
// The machine's speed drifts from hour to hour, so the targets are ratios
// of commands run in turn on the same site, each going first in turn, never
// seconds. On a Markdown site the minimal pipeline runs in turn with
// handbook, and Hugo when there is one (-hugo). On a practices site the
// minimal pipeline runs in turn with handbook on a twin: a Markdown site
// of as many pages as handbook's first build of the practices site
// wrote. Sites, twins included, are cached in the work folder between
// runs, keyed by size and seed. Progress goes to stderr; the tables go to
// stdout.
//
// To show a change against its parent commit, give another handbook
// binary with -baseline: it builds every site as well, with handbook's
// arguments and into an output folder of its own, in turn with the other
// commands, and the tables gain its median time and peak memory and the
// ratios of handbook's to them, paired run against run like the others.
// The targets are still read against this module's handbook only.
//
//	git worktree add /tmp/parent HEAD~1 && go -C /tmp/parent build -o /tmp/handbook-parent .
//	go run ./generator/bench -practices 1,250 -markdown 1000 -baseline /tmp/handbook-parent
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/handbook-nhs/handbook/generator/synth"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // a site, a binary or a build failed, or a size was not run
	exitUsage = 2
)

// config is what to measure, from the command line.
type config struct {
	practices sizes // practices per site
	markdown  sizes // Markdown pages per site
	runs      int
	slow      time.Duration
	work      string
	out       string
	seed      int64
	keep      bool
	// hugo is the Hugo binary to run on the Markdown sites: a path, or a
	// name looked up on the PATH, which must be found; "none" for none;
	// "" for hugo on the PATH if there is one.
	hugo string
	// baseline is another handbook binary to build every site with too,
	// in turn with this module's: a path, or a name looked up on the
	// PATH; "" for none.
	baseline string
	args     []string // as given, to print the command again
}

// defaultWork is the work folder: on memory-backed disk when there is one,
// so that writing the output does not wait on a disk.
func defaultWork() string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		return "/dev/shm/handbook-bench"
	}
	return filepath.Join(os.TempDir(), "handbook-bench")
}

// errHelp is returned by parseFlags for -h, after printing the usage.
var errHelp = errors.New("help")

// parseFlags reads the command line. Usage errors are returned to be
// reported in bench's words.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	c := config{
		practices: sizes{1, 250, 6300},
		markdown:  sizes{1000, 10000},
		args:      args,
	}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.Var(&c.practices, "practices", "the `sizes` of the practices sites, comma-separated; '' for none")
	fs.Var(&c.markdown, "markdown", "the `sizes` of the Markdown sites in pages, comma-separated; '' for none")
	fs.IntVar(&c.runs, "runs", 3, "how many times to build each site (the median time is reported)")
	fs.DurationVar(&c.slow, "slow", time.Minute, "a site whose first build takes longer than this is built only once; 0 for no limit")
	fs.StringVar(&c.work, "work", defaultWork(), "the `folder` for sites (kept between runs), binaries and output")
	fs.StringVar(&c.out, "out", "", "the `folder` builds write into (default: out/ in the work folder)")
	fs.Int64Var(&c.seed, "seed", 1, "the seed of the synthetic sites")
	fs.BoolVar(&c.keep, "keep", false, "keep the built handbooks and the binaries in the work folder")
	fs.StringVar(&c.hugo, "hugo", "", "the Hugo `binary` to build the Markdown sites with too, in turn with handbook (default: hugo on the PATH, if any); 'none' for none (the Hugo target is then not measured)")
	fs.StringVar(&c.baseline, "baseline", "", "another handbook `binary`, such as one built from the parent commit, to build every site with too, in turn with this one; the tables then compare the two")
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "usage: go run ./generator/bench [flags]\n\n")
			fmt.Fprintf(stderr, "Builds synthetic sites with handbook build and prints the median time, pages per\n")
			fmt.Fprintf(stderr, "second and peak memory of each as Markdown tables. Each build runs in turn with\n")
			fmt.Fprintf(stderr, "the minimal pipeline on as many Markdown pages, and on Markdown sites with Hugo\n")
			fmt.Fprintf(stderr, "too when there is one; the targets are read against the ratios of those runs.\n")
			fmt.Fprintf(stderr, "With -baseline, another handbook builds every site as well, in turn with the\n")
			fmt.Fprintf(stderr, "others, and the tables compare this handbook with it.\n\n")
			fs.SetOutput(stderr)
			fs.PrintDefaults()
			return c, errHelp
		}
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case c.runs < 1:
		return c, fmt.Errorf("-runs must be at least 1")
	case c.slow < 0:
		return c, fmt.Errorf("-slow must not be negative")
	case len(c.practices) == 0 && len(c.markdown) == 0:
		return c, fmt.Errorf("nothing to measure: -practices and -markdown are both empty")
	case c.work == "":
		return c, fmt.Errorf("-work must name a folder")
	}
	if c.practices.max() > synth.MaxPractices {
		return c, fmt.Errorf("-practices: at most %d", synth.MaxPractices)
	}
	if c.markdown.max() > synth.MaxMarkdownPages {
		return c, fmt.Errorf("-markdown: at most %d pages", synth.MaxMarkdownPages)
	}
	if c.out == "" {
		c.out = filepath.Join(c.work, "out")
	}
	return c, nil
}

// sizes is a flag of comma-separated positive numbers, kept sorted and
// without repeats, so that each site is measured after the smaller ones.
type sizes []int

func (s *sizes) String() string {
	var parts []string
	for _, n := range *s {
		parts = append(parts, strconv.Itoa(n))
	}
	return strings.Join(parts, ",")
}

func (s *sizes) Set(v string) error {
	*s = nil
	if strings.TrimSpace(v) == "" {
		return nil
	}
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("%q is not a size: give positive whole numbers separated by commas, such as 1,250,6300", f)
		}
		*s = append(*s, n)
	}
	slices.Sort(*s)
	*s = slices.Compact(*s)
	return nil
}

func (s sizes) max() int {
	if len(s) == 0 {
		return 0
	}
	return s[len(s)-1]
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if errors.Is(err, errHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "bench: error: %v\n", err)
		fmt.Fprintf(stderr, "bench: hint: run 'go run ./generator/bench -h' for its flags\n")
		return exitUsage
	}
	b := &bench{config: c, log: stderr}
	if c.baseline != "" {
		// Before any site is written: a wrong path is a mistake in the
		// command, best told at once.
		if b.baselineBin, b.baselineVersion, err = findBaseline(ctx, c.baseline); err != nil {
			fmt.Fprintf(stderr, "bench: error: %v\n", err)
			fmt.Fprintf(stderr, "bench: hint: %s\n", hintBaseline)
			return exitUsage
		}
	}
	rep, err := b.measure(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "bench: error: %v\n", err)
		var h hinted
		if errors.As(err, &h) {
			fmt.Fprintf(stderr, "bench: hint: %s\n", h.hint)
		}
		return exitError
	}
	rep.write(stdout)
	code := exitOK
	for _, r := range rep.results {
		if r.skipped != "" {
			fmt.Fprintf(stderr, "bench: error: %s: not built: %s\n", r.name(), r.skipped)
			fmt.Fprintf(stderr, "bench: hint: %s\n", r.hint)
			code = exitError
		}
	}
	return code
}

// hinted is an error with a hint for what to do.
type hinted struct {
	err  error
	hint string
}

func (h hinted) Error() string { return h.err.Error() }
func (h hinted) Unwrap() error { return h.err }
