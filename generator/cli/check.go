package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/site"
)

// choice is a flag whose value is one of a fixed list.
type choice struct {
	value   *string
	choices []string
}

func (c choice) String() string {
	if c.value == nil {
		return ""
	}
	return *c.value
}

func (c choice) Set(s string) error {
	if !slices.Contains(c.choices, s) {
		return fmt.Errorf("must be one of %s", strings.Join(c.choices, ", "))
	}
	*c.value = s
	return nil
}

func checkFlags(fs *flag.FlagSet) func(context.Context, Env) int {
	var opt pipeline.Options
	format, level := "text", "none"
	fs.StringVar(&opt.Source, "source", ".", "the site `folder`, holding handbook.toml and content/")
	fs.Var(dateFlag{&opt.Today}, "today", "check as of this `date`, written YYYY-MM-DD")
	fs.Var(choice{&format, formats}, "format", "output `format`: text, json, or github (annotations on a pull request)")
	fs.Var(choice{&level, []string{"none", "info", "warning", "error"}}, "fail-on", "exit 1 when there is a governance finding of this `severity` or worse: error, warning, info or none")
	var quiet bool
	fs.BoolVar(&quiet, "quiet", false, "leave out the closing summary line; the report and errors are printed still")
	var practices string
	fs.StringVar(&practices, "practice", "", "report the governance findings of these practices only, with those on the organisations and courses they use: their `ids` (folder names), comma-separated; mistakes in the content are reported wherever they are")
	return func(ctx context.Context, env Env) int {
		if opt.Today.IsZero() {
			opt.Today = site.DateOf(env.Now())
		}
		var only []string
		if practices != "" {
			s, code := openSite(env, opt.Source)
			if code != ExitOK {
				return code
			}
			for _, id := range strings.Split(practices, ",") {
				if id == "" {
					continue
				}
				if _, code := s.choosePractice(env, id, ""); code != ExitOK {
					return code
				}
				only = append(only, id)
			}
		}
		return runCheck(ctx, env, opt, format, level, quiet, only)
	}
}

// concerns reports whether f is about one of the practices ids: a finding
// of the practice, or one on an organisation or course it uses, as the
// practice's own findings page lists them.
func concerns(f *site.Finding, ids []string) bool {
	if f.Practice != nil {
		return slices.Contains(ids, f.Practice.ID)
	}
	var users []*site.Summary
	switch s := f.Subject.(type) {
	case *site.Organisation:
		users = s.Practices
	case *site.Course:
		users = s.Practices
	}
	return slices.ContainsFunc(users, func(u *site.Summary) bool { return slices.Contains(ids, u.ID) })
}

// runCheck prints the report of the site at opt.Source in format, and
// returns ExitError when the content is invalid or a finding reaches
// level. Quiet leaves out the summary line, which is no part of the
// report. When only names practices, the report and level count only
// their findings. The text report lists the most serious findings first.
func runCheck(ctx context.Context, env Env, opt pipeline.Options, format, level string, quiet bool, only []string) int {
	if _, err := os.Stat(opt.Source); err != nil {
		errorf(env, "%v", err)
		hintf(env, "point --source at the site folder")
		return ExitError
	}
	fsys, err := pipeline.Dir(opt.Source)
	if err != nil {
		errorf(env, "%v", err)
		return ExitError
	}
	findings, err := pipeline.Check(ctx, fsys, opt)
	r := &report{source: opt.Source, findings: findings}
	if err != nil && !errors.As(err, &r.errors) {
		errorf(env, "%v", err)
		return ExitError
	}
	elsewhere := 0
	if only != nil {
		r.findings = slices.DeleteFunc(r.findings, func(f *site.Finding) bool { return !concerns(f, only) })
		elsewhere = len(findings) - len(r.findings)
	}
	if format == "text" {
		slices.SortStableFunc(r.findings, func(a, b *site.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
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
	if format == "text" && !quiet {
		of := ""
		if only != nil {
			of = " of " + strings.Join(only, ", ")
		}
		fmt.Fprintf(env.Stderr, "handbook: content is valid; governance findings%s: %s\n", of, summary(site.TallyOf(r.findings)))
		if elsewhere > 0 {
			fmt.Fprintf(env.Stderr, "handbook: %s on other practices, and on organisations and courses they alone use, not shown\n", plural(elsewhere, "finding", "findings"))
		}
	}
	if failing > 0 {
		if format == "text" {
			errorf(env, "%s at or above --fail-on %s", plural(failing, "finding", "findings"), level)
		}
		return ExitError
	}
	return ExitOK
}
