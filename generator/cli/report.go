package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// report prints the outcome of a check: the validation errors, or the
// governance findings, in one of the output formats.
type report struct {
	// source is the site folder as given on the command line; file names
	// are printed joined to it, so they open from where handbook was run.
	source   string
	errors   site.ErrorList
	findings []*site.Finding
}

// formats are the values of check --format.
var formats = []string{"text", "json", "github"}

func (r *report) file(p site.Pos) string {
	if p.File == "" {
		return ""
	}
	return filepath.ToSlash(filepath.Join(r.source, p.File))
}

// summary says how many findings there are of each severity.
func summary(n site.Tally) string {
	return fmt.Sprintf("%s, %s, %d info",
		plural(n[site.Critical], "error", "errors"), plural(n[site.Warning], "warning", "warnings"), n[site.Info])
}

// text prints one finding per line, file:line:col first as compilers do,
// so editors and terminals can jump to it.
func (r *report) text(w io.Writer) {
	for _, e := range r.errors {
		fmt.Fprintf(w, "%s: %s\n", site.OneLine(at(r.file(e.Pos), e.Pos)), site.OneLine(e.Msg))
		if e.Hint != "" {
			fmt.Fprintf(w, "\thint: %s\n", site.OneLine(e.Hint))
		}
	}
	for _, f := range r.findings {
		fmt.Fprintf(w, "%s: %s: %s: %s\n", site.OneLine(at(r.file(f.Pos), f.Pos)), f.Severity, f.Rule, site.OneLine(f.Message))
		if f.Fix != "" {
			fmt.Fprintf(w, "\tfix: %s\n", site.OneLine(f.Fix))
		}
	}
}

func at(file string, p site.Pos) string {
	p.File = file
	return p.String()
}

type jsonError struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

type jsonFinding struct {
	ID       string `json:"id"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Message  string `json:"message"`
	Fix      string `json:"fix,omitempty"`
	Practice string `json:"practice,omitempty"`
	Owner    string `json:"owner,omitempty"`
}

type jsonReport struct {
	Valid            bool           `json:"valid"`
	ValidationErrors []jsonError    `json:"validation_errors"`
	Findings         []jsonFinding  `json:"findings"`
	Counts           map[string]int `json:"counts"`
}

// json prints the whole report as one JSON document.
func (r *report) json(w io.Writer) error {
	out := jsonReport{
		Valid:            len(r.errors) == 0,
		ValidationErrors: []jsonError{},
		Findings:         []jsonFinding{},
		Counts:           map[string]int{},
	}
	for _, e := range r.errors {
		out.ValidationErrors = append(out.ValidationErrors, jsonError{
			File: r.file(e.Pos), Line: e.Pos.Line, Col: e.Pos.Col, Message: e.Msg, Hint: e.Hint})
	}
	for _, s := range []site.Severity{site.Critical, site.Warning, site.Info} {
		out.Counts[s.String()] = 0
	}
	for _, f := range r.findings {
		jf := jsonFinding{ID: f.Rule, Severity: f.Severity.String(), File: r.file(f.Pos),
			Line: f.Pos.Line, Col: f.Pos.Col, Message: f.Message, Fix: f.Fix}
		if f.Practice != nil {
			jf.Practice = f.Practice.ID
		}
		if f.Owner != nil {
			jf.Owner = f.Owner.ID
		}
		out.Findings = append(out.Findings, jf)
		out.Counts[f.Severity.String()]++
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// github prints GitHub Actions workflow commands, so that each problem
// shows against its line in a pull request.
func (r *report) github(w io.Writer) {
	for _, e := range r.errors {
		msg := e.Msg
		if e.Hint != "" {
			msg += " (" + e.Hint + ")"
		}
		annotate(w, "error", r.file(e.Pos), e.Pos, "handbook: invalid content", msg)
	}
	for _, f := range r.findings {
		level := map[site.Severity]string{site.Critical: "error", site.Warning: "warning", site.Info: "notice"}[f.Severity]
		msg := f.Message
		if f.Fix != "" {
			msg += "\nFix: " + f.Fix
		}
		annotate(w, level, r.file(f.Pos), f.Pos, "handbook: "+f.Rule, msg)
	}
}

func annotate(w io.Writer, level, file string, p site.Pos, title, msg string) {
	props := []string{}
	if file != "" {
		props = append(props, "file="+escapeProperty(file))
		if p.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", p.Line))
		}
		if p.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", p.Col))
		}
	}
	props = append(props, "title="+escapeProperty(title))
	fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(msg))
}

// escapeData and escapeProperty follow the workflow command syntax, so a
// newline or colon in a message cannot end the command early.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
