package cli

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/register"
	"github.com/handbook-nhs/handbook/generator/site"
)

// importLong is the help of handbook import.
var importLong = func() string {
	var b strings.Builder
	b.WriteString("Import reads a digital services register kept in Excel (.xlsx) or as a CSV file and\n" +
		"writes one service record per row into content/<practice>/services/, with a record\n" +
		"for each person and organisation it names that the site does not have yet. Each\n" +
		"record passes handbook check as written: what the register does not say is a\n" +
		"placeholder under a comment starting TO DO. It finds the row of headings itself,\n" +
		"below any title rows, and reads every sheet (or --sheet). Dates are read day first,\n" +
		"as the UK writes them. A file that exists is never overwritten, so importing the\n" +
		"same register again writes nothing, but for a service just as handbook new wrote it\n" +
		"(such as a new practice's clinical system), which the row of the same service\n" +
		"replaces. Every value it cannot read, and every column it leaves out, is reported\n" +
		"at its cell.\n\n" +
		"The columns it recognises, by their headings (case and punctuation do not matter):\n")
	for _, f := range register.Fields() {
		// The headings, wrapped to a line of 88 characters.
		line := fmt.Sprintf("  %-24s", f[0])
		if len(f[0]) > 24 {
			line += "\n" + strings.Repeat(" ", 26)
		}
		start := true
		for _, h := range strings.SplitAfter(f[1], ", ") {
			if !start && len(line)+len(h) > 88 {
				b.WriteString(strings.TrimRight(line, " ") + "\n")
				line = strings.Repeat(" ", 26)
			}
			line += h
			start = false
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\nAny other column: --map \"Its heading=FIELD\", FIELD one of the above, notes to keep it\n" +
		"as a comment in each record, or ignore.")
	return b.String()
}()

type importOptions struct {
	source, practice, sheet string
	maps                    []register.Mapping
	today                   site.Date
	dryRun                  bool
}

func importFlags(fs *flag.FlagSet) func(context.Context, Env) int {
	var o importOptions
	fs.StringVar(&o.source, "source", ".", "the site `folder`, holding handbook.toml and content/")
	fs.StringVar(&o.practice, "practice", "", "the practice `id` (its folder under content/) the services are for: required")
	fs.StringVar(&o.sheet, "sheet", "", "read only this `sheet` of the workbook (default: every sheet that holds a register)")
	fs.Func("map", "`Heading=field`: the column headed Heading holds field (repeat for more columns)", func(s string) error {
		m, err := register.ParseMapping(s)
		if err == nil {
			o.maps = append(o.maps, m)
		}
		return err
	})
	fs.Var(dateFlag{&o.today}, "today", "import as of this `date`, written YYYY-MM-DD: the date of a review the register does not date")
	fs.BoolVar(&o.dryRun, "dry-run", false, "report what would be written, and write nothing")
	return func(ctx context.Context, env Env) int {
		args, ok := positional(env, fs, "import")
		if !ok {
			return ExitUsage
		}
		if o.today.IsZero() {
			o.today = site.DateOf(env.Now())
		}
		return runImport(ctx, env, o, args)
	}
}

func runImport(ctx context.Context, env Env, o importOptions, args []string) int {
	switch {
	case len(args) == 0:
		errorf(env, "say which spreadsheet to import")
		hintf(env, "write handbook import --practice ID FILE, such as handbook import --practice oakfield-surgery register.xlsx")
		return ExitUsage
	case len(args) > 1:
		errorf(env, "handbook import takes one file, not %d", len(args))
		hintf(env, "import each file on its own; put a name with spaces in quotes")
		return ExitUsage
	}
	st, code := openSite(env, o.source)
	if code != ExitOK {
		return code
	}
	if o.practice, code = st.choosePractice(env, o.practice, "the services are for"); code != ExitOK {
		return code
	}

	file := filepath.ToSlash(args[0])
	data, err := readSpreadsheet(args[0])
	if err != nil {
		errorf(env, "%s: %v", file, err)
		hintf(env, "%s", cmp.Or(site.ReadHint(err), "check the file's name and that it can be opened"))
		errorf(env, "nothing was written")
		return ExitError
	}
	book, err := register.Read(file, data)
	if err != nil {
		return importError(env, err)
	}
	known := register.ReadSite(st.fsys, o.practice)
	folder := ""
	if o.source != "." {
		folder = filepath.ToSlash(o.source)
	}
	res, err := register.Import(book, known, register.Options{Practice: o.practice, Today: o.today, Sheet: o.sheet, Map: o.maps, Folder: folder})
	if err != nil {
		return importError(env, err)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(env.Stdout, site.OneLine(n.String()))
	}
	var found []string
	if !o.dryRun && len(res.Files) > 0 {
		if code := writeFiles(env, o.source, "import", "it appeared while handbook import ran: run it again", res.Files); code != ExitOK {
			return code
		}
		found = importedFindings(ctx, st.fsys, o, res)
	}
	importSummary(env, o, folder, file, res, found)
	return ExitOK
}

// importedFindings are the governance findings handbook check makes on the
// services res wrote, by rule, the most frequent first: "rule (n)". None
// when the site does not check, which handbook check will then say.
func importedFindings(ctx context.Context, fsys fs.FS, o importOptions, res *register.Result) []string {
	findings, err := pipeline.Check(ctx, fsys, pipeline.Options{Source: o.source, Today: o.today})
	if err != nil {
		return nil
	}
	written := map[string]bool{}
	for _, f := range res.Files {
		written[f.Path] = true
	}
	count := map[string]int{}
	for _, f := range findings {
		if written[f.Pos.File] && strings.Contains(f.Pos.File, "/services/") {
			count[f.Rule]++
		}
	}
	rules := slices.Collect(maps.Keys(count))
	slices.SortFunc(rules, func(a, b string) int { return cmp.Or(count[b]-count[a], strings.Compare(a, b)) })
	out := make([]string, len(rules))
	for i, r := range rules {
		out[i] = fmt.Sprintf("%s (%d)", r, count[r])
	}
	return out
}

// importError reports a register that cannot be imported.
func importError(env Env, err error) int {
	var re *register.Error
	if errors.As(err, &re) {
		errorf(env, "%s", site.OneLine(re.Error()))
		if re.Hint != "" {
			hintf(env, "%s", site.OneLine(re.Hint))
		}
	} else {
		errorf(env, "%v", err)
	}
	errorf(env, "nothing was written")
	return ExitError
}

// readSpreadsheet reads the file at p, refusing what is no ordinary file
// (a folder, a named pipe, a device) before anything waits on it, and a
// file too large to be a register before reading it.
func readSpreadsheet(p string) ([]byte, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, site.PathCause(err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	switch {
	case info.IsDir():
		return nil, errors.New("a folder, not a spreadsheet")
	case !info.Mode().IsRegular():
		return nil, &site.SpecialError{Mode: info.Mode()}
	case info.Size() > register.MaxSize:
		return nil, fmt.Errorf("too large to be a register (%s; the most handbook import reads is %s)", size(info.Size()), size(register.MaxSize))
	}
	// A file that grows while it is read is cut at one byte more than
	// Read takes, which Read refuses.
	return io.ReadAll(io.LimitReader(f, register.MaxSize+1))
}

// importSummary says what an import wrote and what to do next. Paths are
// shown under folder, the site folder as given.
func importSummary(env Env, o importOptions, folder, file string, res *register.Result, found []string) {
	w := env.Stdout
	show := func(p string) string { return path.Join(folder, p) }
	dir := show(path.Join("content", o.practice))
	verb := "Wrote"
	if o.dryRun {
		verb = "Would write"
	}
	for _, f := range res.Files {
		v := verb
		if f.Replaces {
			v = map[bool]string{true: "Would replace", false: "Replaced"}[o.dryRun]
		}
		fmt.Fprintf(w, "%s %s\n", v, show(f.Path))
	}
	was := func(n int) string { return map[bool]string{true: "it was", false: "they were"}[n == 1] }
	again := "To import a row whose file exists instead, move the file away and import again."
	if len(res.Files) == 0 {
		fmt.Fprintf(w, "Nothing written: the %s of %s %s in %s already, left as %s.\n%s\n",
			plural(len(res.Kept), "service", "services"), file, map[bool]string{true: "is", false: "are"}[len(res.Kept) == 1], dir, was(len(res.Kept)), again)
		return
	}
	kept := ""
	if len(res.Kept) > 0 {
		kept = fmt.Sprintf(" (%d already there, left as %s)", len(res.Kept), was(len(res.Kept)))
	}
	what := "Imported"
	if o.dryRun {
		what = "Nothing written (--dry-run): it would import"
	}
	fmt.Fprintf(w, "%s %s from %s into %s%s, with %s and %s.\n", what,
		plural(res.Services, "service", "services"), file, dir, kept,
		plural(res.People, "new person", "new people"), plural(res.Organisations, "new organisation", "new organisations"))
	if len(res.Kept) > 0 {
		fmt.Fprintln(w, again)
	}
	if res.Problems > 0 {
		fmt.Fprintf(w, "%s in the register could not be read, or were left out: each is listed above, at its cell.\n",
			plural(res.Problems, "value", "values"))
	}
	fmt.Fprintf(w, "The new files hold %s to fill in, each under a comment starting TO DO.\n",
		plural(res.Placeholders, "placeholder", "placeholders"))
	if o.dryRun {
		return
	}
	source := ""
	if folder != "" {
		source = " --source " + folder
	}
	fmt.Fprintf(w, "Next:\n  1. Run handbook check%s: the content is valid as written.", source)
	if len(found) > 0 {
		fmt.Fprintf(w, " Until the TO DOs are done, it finds on the services imported:\n     %s.",
			strings.Join(found, ", "))
	}
	fmt.Fprintf(w, "\n  2. Fill in each TO DO, then delete its comment, working down the findings of check, errors first.\n"+
		"     Check lists each record that still holds one (placeholder); to see every one, search %s\n"+
		"     and %s for TO DO (grep -rn \"TO DO\" %s %s).\n",
		dir, show("content/organisations"), dir, show("content/organisations"))
	fmt.Fprintf(w, "  3. Run handbook build%s, and read the register: %s\n", source, show(path.Join("public", o.practice, "register.html")))
}
