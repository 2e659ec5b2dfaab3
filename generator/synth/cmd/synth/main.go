// Command synth writes a synthetic handbook site: made-up practices, with
// their staff, services, runbooks and governance records, for benchmarks
// and demonstrations; or, with -markdown, a site of N Markdown pages over
// minimal practices, for measuring the Markdown path of a build.
//
//	go run ./generator/synth/cmd/synth -practices 250 -out /tmp/synth250 [-seed 7]
//	go run ./generator/synth/cmd/synth -markdown 10000 -out /tmp/md10000
//
// The same flags always write the same files. synth refuses to write into
// a folder that is not empty, unless synth wrote it before: then it
// replaces the site there.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/handbook-nhs/handbook/generator/synth"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	var opt synth.Options
	var out string
	var markdown int
	fs.IntVar(&opt.Practices, "practices", 0, "how many practices to write (1 to "+fmt.Sprint(synth.MaxPractices)+")")
	fs.IntVar(&markdown, "markdown", 0, "instead of -practices, write this many Markdown pages (1 to "+fmt.Sprint(synth.MaxMarkdownPages)+
		"), "+fmt.Sprint(synth.PagesPerPractice)+" to a practice")
	fs.StringVar(&out, "out", "", "the `folder` to write the site into: new, empty, or written by synth before")
	fs.Int64Var(&opt.Seed, "seed", 0, "the random seed: the same seed writes the same files")
	usage := func() {
		fmt.Fprintf(stderr, "usage: synth -practices N -out DIR [-seed S]\n")
		fmt.Fprintf(stderr, "       synth -markdown N -out DIR [-seed S]\n\n")
		fmt.Fprintf(stderr, "Writes a synthetic handbook site of N practices, or of N Markdown pages,\n")
		fmt.Fprintf(stderr, "into DIR. Build it with handbook build --source DIR --today %s\n", synth.AsOf)
		fmt.Fprintf(stderr, "to see the findings it was made for.\n\n")
		fs.SetOutput(stderr)
		fs.PrintDefaults()
	}
	bad := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "synth: error: "+format+"\n", a...)
		usage()
		return exitUsage
	}
	// Parse quietly: the errors are reported below, in synth's words.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return exitOK
		}
		return bad("%v", err)
	}
	switch {
	case fs.NArg() > 0:
		return bad("unexpected argument %q", fs.Arg(0))
	case out == "":
		return bad("-out is required")
	case markdown != 0 && opt.Practices != 0:
		return bad("give -practices or -markdown, not both")
	case markdown != 0 && (markdown < 1 || markdown > synth.MaxMarkdownPages):
		return bad("-markdown must be 1 to %d", synth.MaxMarkdownPages)
	case markdown == 0 && (opt.Practices < 1 || opt.Practices > synth.MaxPractices):
		return bad("-practices must be 1 to %d", synth.MaxPractices)
	}
	start := time.Now()
	var st synth.Stats
	var err error
	what := ""
	if markdown != 0 {
		st, err = synth.WriteMarkdownStats(out, synth.MarkdownOptions{Pages: markdown, Seed: opt.Seed})
		what = fmt.Sprintf("%d Markdown pages in ", markdown)
	} else {
		st, err = synth.WriteStats(out, opt)
	}
	if err != nil {
		fmt.Fprintf(stderr, "synth: error: %v\n", err)
		return exitError
	}
	fmt.Fprintf(stdout, "synth: wrote %s%d practices to %s: %d files, %.1f MB in %.2fs\n",
		what, st.Practices, out, st.Files, float64(st.Bytes)/1e6, time.Since(start).Seconds())
	return exitOK
}
