package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/build"
	"github.com/handbook-nhs/handbook/generator/site"
)

// failOn is a --fail-on value: the least severity of finding that makes
// check exit 1.
type failOn struct{ level *string }

var failLevels = []string{"none", "info", "warning", "error"}

func (f failOn) String() string {
	if f.level == nil || *f.level == "" {
		return "none"
	}
	return *f.level
}

func (f failOn) Set(s string) error {
	if !slices.Contains(failLevels, s) {
		return fmt.Errorf("--fail-on must be one of %s", strings.Join(failLevels, ", "))
	}
	*f.level = s
	return nil
}

type formatFlag struct{ format *string }

func (f formatFlag) String() string {
	if f.format == nil {
		return "text"
	}
	return *f.format
}

func (f formatFlag) Set(s string) error {
	if !slices.Contains(formats, s) {
		return fmt.Errorf("--format must be one of %s", strings.Join(formats, ", "))
	}
	*f.format = s
	return nil
}

func checkFlags(fs *flag.FlagSet) func(context.Context, Env) int {
	var opt build.Options
	format, level := "text", "none"
	fs.StringVar(&opt.Source, "source", ".", "the site `folder`, holding handbook.toml and content/")
	fs.Var(dateFlag{&opt.Today}, "today", "check as of this `date`, written YYYY-MM-DD")
	fs.Var(formatFlag{&format}, "format", "output `format`: text, json, or github (annotations on a pull request)")
	fs.Var(failOn{&level}, "fail-on", "exit 1 when there is a governance finding of this `severity` or worse: error, warning, info or none")
	return func(ctx context.Context, env Env) int {
		if opt.Today.IsZero() {
			opt.Today = site.DateOf(env.Now())
		}
		return runCheck(env, opt, format, level)
	}
}

func runCheck(env Env, opt build.Options, format, level string) int {
	if _, err := os.Stat(opt.Source); err != nil {
		errorf(env, "%v", err)
		hintf(env, "point --source at the site folder")
		return ExitError
	}
	findings, err := build.Check(os.DirFS(opt.Source), opt)
	r := &report{source: opt.Source, findings: findings}
	if err != nil && !errors.As(err, &r.errors) {
		errorf(env, "%v", err)
		return ExitError
	}
	switch format {
	case "json":
		if err := r.json(env.Stdout); err != nil {
			errorf(env, "%v", err)
			return ExitError
		}
	case "github":
		r.github(env.Stdout)
	default:
		r.text(env.Stdout)
	}
	if len(r.errors) > 0 {
		if format == "text" {
			errorf(env, "%s in the content", plural(len(r.errors), "problem", "problems"))
			hintf(env, "fix the files named above; build will not publish until they are fixed")
		}
		return ExitError
	}
	failing := 0
	if least, ok := map[string]site.Severity{"info": site.Info, "warning": site.Warning, "error": site.Critical}[level]; ok {
		for _, f := range r.findings {
			if f.Severity >= least {
				failing++
			}
		}
	}
	if format == "text" {
		fmt.Fprintf(env.Stderr, "handbook: content is valid; governance findings: %s\n", r.summary())
	}
	if failing > 0 {
		if format == "text" {
			errorf(env, "%s at or above --fail-on %s", plural(failing, "finding", "findings"), level)
		}
		return ExitError
	}
	return ExitOK
}
