package build

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-nhs/handbook/generator/govern"
	"github.com/handbook-nhs/handbook/generator/history"
	"github.com/handbook-nhs/handbook/generator/link"
	"github.com/handbook-nhs/handbook/generator/load"
	"github.com/handbook-nhs/handbook/generator/par"
	"github.com/handbook-nhs/handbook/generator/render"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/themes"
)

// ThemeDir is the folder of a site's own copy of the theme. When a site has
// one, it replaces the built-in theme.
const ThemeDir = "themes/default"

// SchemasDir is the folder of a site's own schemas.
const SchemasDir = "schemas"

// Builder builds a site in memory again and again, as serve does after
// every save. The first build reads, links and renders everything. After
// that, told which files changed, it does only what they touch:
//
//   - a file in a practice's folder: that practice is read and linked
//     again. Its pages are rendered again, with the top page, the pages
//     of the organisations and courses it used before or uses now, the
//     pages of any practice whose findings changed, and those of any
//     practice whose buddy it is when its practice.toml changed (pages
//     show a buddy practice's name, ODS code and sites);
//   - a template or theme file: every page is rendered again from the
//     handbook already read;
//   - anything else that is input (handbook.toml, organisations, courses,
//     schemas, a practice folder added or removed): everything again.
//
// When Options.History is set, each build that reads everything reads
// the dates of last change again; a build told of changed files forgets
// their dates, as a file saved since its last commit has none.
//
// The files a build makes are those a full build of the same content
// would make, byte for byte. After a failed build the last good files are
// kept, and what the failed build had to render is rendered by the next.
// A Builder is not safe for concurrent use.
type Builder struct {
	fsys fs.FS
	opt  Options
	// Clock, when set, gives the date each build is made for, in place of
	// Options.Today: a change of date renders every page again.
	Clock func() site.Date

	today  site.Date
	shared *site.Handbook // nil: read everything again
	ids    []string       // the practice folders, in order
	units  map[string]*unit
	// sharedErrs are the mistakes in the shared files and in linking them.
	sharedErrs site.ErrorList
	renderer   *render.Renderer // nil: parse the templates again

	files []site.File // the last good site, sorted by path
	// all is set when every page must be rendered by the next build;
	// pending are the practices it must render again, and pendingShared
	// the organisations and courses.
	all           bool
	pending       map[string]bool
	pendingShared map[any]bool
	// shown is what each practice's pages last showed of what other
	// files than its own can change.
	shown map[string]shown

	// lastChanged are the dates of last change (Handbook.LastChanged),
	// shared with the handbooks built: copied before a change. shallow
	// and historyErr are what History said besides.
	lastChanged map[string]site.Date
	shallow     bool
	historyErr  error
}

// shown is what a practice's pages show that other files than its own can
// change: its findings, which include those on shared records, and its
// buddy practice's practice.toml.
type shown struct {
	findings []site.Finding
	buddy    [32]byte
}

func shownOf(pr *site.Practice) shown {
	s := shown{findings: make([]site.Finding, len(pr.Findings))}
	for i, f := range pr.Findings {
		s.findings[i] = *f
	}
	if b := pr.BuddyPractice; b != nil {
		for _, f := range b.Files {
			if f.Path == b.File {
				s.buddy = f.Sum
			}
		}
	}
	return s
}

func (s shown) equal(t shown) bool {
	return s.buddy == t.buddy && slices.Equal(s.findings, t.findings)
}

// unit is what the builder knows of one practice folder.
type unit struct {
	pr                 *site.Practice // nil when the folder could not be read
	loadErrs, linkErrs site.ErrorList
	// findings are pr's own governance findings (govern.Practice), as of
	// the builder's date, once checked is set.
	findings []*site.Finding
	checked  bool
}

// Output is the outcome of a build.
type Output struct {
	Handbook *site.Handbook
	// Files is the whole site, sorted by path.
	Files []site.File
	// Changed lists the paths of the files added, changed or removed since
	// the last good build, sorted; every file after the first build.
	Changed []string
	// Rendered counts the pages rendered by this build; Practices, the
	// practices whose pages they were.
	Rendered  int
	Practices []string
	// Shallow and HistoryErr are as in Result, from the last time the
	// dates of last change were read.
	Shallow    bool
	HistoryErr error
}

// NewBuilder returns a builder of the site in fsys.
func NewBuilder(fsys fs.FS, opt Options) *Builder {
	return &Builder{fsys: fsys, opt: opt, all: true,
		pending: map[string]bool{}, pendingShared: map[any]bool{}, shown: map[string]shown{}}
}

// Input reports whether the file at path (slash-separated, relative to the
// site folder) is one a build reads, so that a change to it calls for a
// new build. The output folder, version control and editor files are not.
func Input(p string) bool {
	for _, part := range strings.Split(p, "/") {
		if load.Ignored(part) {
			return false
		}
	}
	top, _, _ := strings.Cut(p, "/")
	switch top {
	case load.ConfigFile, load.ContentDir, TemplatesDir, SchemasDir:
		return true
	case "themes":
		return p == "themes" || p == ThemeDir || strings.HasPrefix(p, ThemeDir+"/")
	}
	return false
}

// Build builds the site again after the files at the paths in changed
// have changed (slash-separated, relative to the site folder); nil means
// anything may have. Paths that are not Input are ignored. The returned
// error, when not nil, is a site.ErrorList, or an error reading the site.
func (b *Builder) Build(changed []string) (*Output, error) {
	h, err := b.update(changed)
	if err != nil {
		return nil, err
	}
	return b.render(h)
}

// update reads and links again what the changed files touch, as Build
// does, and checks the governance rules: the handbook to render.
func (b *Builder) update(changed []string) (*site.Handbook, error) {
	today := b.opt.Today
	if b.Clock != nil {
		today = b.Clock()
	}
	newDay := today != b.today
	if newDay {
		// Review and expiry states change with the date.
		b.today, b.renderer = today, nil
	}
	reread := map[string]bool{}
	everything := changed == nil || b.shared == nil
	for _, p := range changed {
		if !Input(p) {
			continue
		}
		parts := strings.Split(p, "/")
		switch {
		case parts[0] == TemplatesDir || parts[0] == "themes":
			b.renderer = nil
		case parts[0] == load.ContentDir && len(parts) > 2 && b.units[parts[1]] != nil:
			// A change inside a practice folder; a practice folder
			// added, removed or renamed changes the list of practices.
			reread[parts[1]] = true
		default:
			everything = true
		}
	}
	join := func() {}
	if everything {
		join = b.readHistory()
		defer join()
	} else {
		b.forget(changed)
	}
	if everything {
		b.shared, b.units, b.renderer, b.all = nil, map[string]*unit{}, nil, true
		clear(b.shown)
		if err := b.readShared(); err != nil {
			return nil, err
		}
		for _, id := range b.ids {
			reread[id] = true
		}
	}
	if b.renderer == nil {
		b.all = true
	}
	ids := slices.Sorted(maps.Keys(reread))
	for _, id := range ids {
		if old := b.units[id]; old != nil && old.pr != nil && !everything {
			b.sharedUsed(old.pr)
		}
	}
	for i, u := range readPractices(b.fsys, ids) {
		b.units[ids[i]] = u
		b.pending[ids[i]] = true
	}
	join()
	h, err := b.link(reread)
	if err != nil {
		return nil, err
	}
	for id := range reread {
		b.sharedUsed(b.units[id].pr)
	}
	b.check(h, newDay)
	return h, nil
}

// check applies the governance rules to h, as govern.Check does, but
// checks again only the practices read again (new units), and every
// practice on a new day: another practice's findings come only from its
// own records, the shared records and the date, so those found last
// time stand. The shared records' findings are found again (a change to
// them reads every practice again anyway), and attached to each practice.
//
// The list of all findings is put together in order from the lists,
// each sorted, without sorting it all again: a practice's findings lie
// in its own folder, so its list goes whole between those before and
// after it, and the lists are put in the order of their first findings.
// Should one not, the whole list is sorted.
func (b *Builder) check(h *site.Handbook, newDay bool) {
	shared := govern.Shared(h, b.today)
	lists := make([][]*site.Finding, 0, len(shared)+len(h.Practices))
	for i := range shared {
		lists = append(lists, shared[i:i+1])
	}
	for _, p := range h.Practices {
		u := b.units[p.ID]
		if newDay || !u.checked {
			u.findings, u.checked = govern.Practice(h, p, b.today, shared), true
		} else {
			govern.Attach(p, u.findings, shared)
		}
		if len(u.findings) > 0 {
			lists = append(lists, u.findings)
		}
	}
	slices.SortFunc(lists, func(a, b []*site.Finding) int { return govern.Compare(a[0], b[0]) })
	all := slices.Concat(lists...)
	if !slices.IsSortedFunc(all, govern.Compare) {
		govern.Sort(all)
	}
	h.Findings = all
}

// readPractices reads the folders of the practices ids, on every core.
func readPractices(fsys fs.FS, ids []string) []*unit {
	units := make([]*unit, len(ids))
	par.Each(len(ids), func(i int) {
		u := &unit{}
		pr, err := load.Practice(fsys, ids[i])
		errors.As(err, &u.loadErrs)
		u.pr = pr
		units[i] = u
	})
	return units
}

// readHistory asks Options.History, if set, when each file last changed,
// in a process of its own beside the reading, and returns the function
// that waits for the answer and keeps it (setHistory). It may be called
// more than once.
func (b *Builder) readHistory() (join func()) {
	if b.opt.History == nil {
		return func() {}
	}
	done := make(chan struct{})
	var log history.Log
	var err error
	go func() {
		defer close(done)
		log, err = b.opt.History()
	}()
	return sync.OnceFunc(func() {
		<-done
		b.setHistory(log, err)
	})
}

// setHistory keeps what Options.History said: dates of last change by
// path, as calendar dates in the author's zone.
func (b *Builder) setHistory(log history.Log, err error) {
	b.lastChanged, b.shallow, b.historyErr = nil, log.Shallow, err
	if len(log.Dates) > 0 {
		b.lastChanged = make(map[string]site.Date, len(log.Dates))
		for p, t := range log.Dates {
			b.lastChanged[p] = site.DateOf(t)
		}
	}
}

// forget drops the dates of last change of the files at the paths in
// changed: a file saved since it was last committed has none, and any
// other change is one git would date only when it is read again in full.
// The map is copied first, as the handbooks already built share it.
func (b *Builder) forget(changed []string) {
	copied := false
	for _, p := range changed {
		if _, ok := b.lastChanged[p]; !ok {
			continue
		}
		if !copied {
			b.lastChanged, copied = maps.Clone(b.lastChanged), true
		}
		delete(b.lastChanged, p)
	}
}

// readShared reads the shared files and lists the practice folders.
func (b *Builder) readShared() error {
	shared, ids, err := load.Shared(b.fsys)
	b.sharedErrs = nil
	if shared == nil {
		b.ids = nil
		return err
	}
	errors.As(err, &b.sharedErrs)
	var linkErrs site.ErrorList
	errors.As(link.New(shared).Shared(), &linkErrs)
	b.sharedErrs.Append(linkErrs)
	if b.opt.Packs {
		packs := true
		shared.Config.Publish.ContinuityPacks = &packs
	}
	b.shared, b.ids = shared, ids
	return nil
}

// link assembles the handbook from the shared records and the practices,
// links the practices read again and what crosses practices, and returns
// every mistake found so far in any file.
func (b *Builder) link(reread map[string]bool) (*site.Handbook, error) {
	h := *b.shared
	h.Practices = nil
	h.LastChanged = b.lastChanged
	complete := true
	for _, id := range b.ids {
		u := b.units[id]
		if u.pr == nil {
			complete = false
			continue
		}
		h.Practices = append(h.Practices, u.pr)
	}
	linker := link.New(&h)
	for _, id := range b.ids {
		if u := b.units[id]; reread[id] && u.pr != nil {
			u.linkErrs = nil
			errors.As(linker.Practice(u.pr), &u.linkErrs)
		}
	}
	errs := slices.Clone(b.sharedErrs)
	for _, id := range b.ids {
		errs.Append(b.units[id].loadErrs)
		errs.Append(b.units[id].linkErrs)
	}
	// A practice that could not be read leaves the others' buddies and
	// shared records pointing at nothing: link across only a whole site.
	if complete {
		var across site.ErrorList
		errors.As(linker.Across(), &across)
		errs.Append(across)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &h, nil
}

// render renders what the changes touched and merges it into the site.
func (b *Builder) render(h *site.Handbook) (*Output, error) {
	if err := b.parse(h); err != nil {
		return nil, err
	}
	redo := map[*site.Practice]bool{}
	now := map[*site.Practice]shown{}
	for _, pr := range h.Practices {
		now[pr] = shownOf(pr)
		last, ok := b.shown[pr.ID]
		redo[pr] = b.all || b.pending[pr.ID] || !ok || !now[pr].equal(last)
	}
	var sel *render.Selection
	var have func(string) ([]byte, bool)
	if !b.all {
		sel = &render.Selection{Practices: redo, Shared: b.pendingShared}
		have = b.lookup
	}
	files, err := b.renderer.Render(h, sel, have)
	if err != nil {
		return nil, err
	}
	out := &Output{Handbook: h, Shallow: b.shallow, HistoryErr: b.historyErr}
	for _, f := range files {
		if path.Ext(f.Path) == ".html" {
			out.Rendered++
		}
	}
	dirs := map[string]bool{}
	for _, pr := range h.Practices {
		dirs[pr.ID] = redo[pr]
		if redo[pr] {
			out.Practices = append(out.Practices, pr.ID)
			b.shown[pr.ID] = now[pr]
		}
	}
	// The new files replace all the old after a full render; else the old
	// of the same paths, and every old file of the practices rendered
	// again, so that their removed pages go.
	replaced := func(p string) bool {
		top, _, _ := strings.Cut(p, "/")
		return b.all || dirs[top]
	}
	b.files, out.Changed = merge(b.files, files, replaced)
	out.Files = b.files
	b.all = false
	clear(b.pending)
	clear(b.pendingShared)
	return out, nil
}

// whole reads, links and checks the whole site and parses the templates,
// for a build that renders every page once, with b.renderer.Stream.
func (b *Builder) whole() (*site.Handbook, error) {
	h, err := b.update(nil)
	if err != nil {
		return nil, err
	}
	return h, b.parse(h)
}

// parse parses the templates, unless they are parsed already, and has
// them measure against the governance thresholds of h.
func (b *Builder) parse(h *site.Handbook) error {
	if b.renderer == nil {
		r, err := b.newRenderer()
		if err != nil {
			return err
		}
		b.renderer = r
	}
	b.renderer.SetThresholds(h.Config.Governance)
	return nil
}

// parseAhead starts parsing the templates, which do not depend on the
// content, to be done while the content is read. The function it returns
// is parse, once they are parsed.
func (b *Builder) parseAhead() func(h *site.Handbook) error {
	if b.renderer != nil {
		return b.parse
	}
	type parsed struct {
		r   *render.Renderer
		err error
	}
	ch := make(chan parsed, 1)
	go func() {
		r, err := b.newRenderer()
		ch <- parsed{r, err}
	}()
	return func(h *site.Handbook) error {
		p := <-ch
		if p.err != nil {
			return p.err
		}
		b.renderer = p.r
		return b.parse(h)
	}
}

// newRenderer parses the templates of the site's theme and overrides.
func (b *Builder) newRenderer() (*render.Renderer, error) {
	overrides, err := fs.Sub(b.fsys, TemplatesDir)
	if err != nil {
		return nil, err
	}
	ropt := b.renderOptions()
	ropt.Overrides = overrides
	return render.Parse(ropt)
}

// sharedUsed marks for rendering the organisations and courses whose
// pages list something of practice p: those p uses, as the last link of p
// recorded them.
func (b *Builder) sharedUsed(p *site.Practice) {
	if p == nil || b.shared == nil {
		return
	}
	for _, o := range p.Organisations {
		b.pendingShared[o] = true
	}
	for _, c := range p.Courses {
		b.pendingShared[c] = true
	}
}

// renderOptions are the render options of b, without the overrides.
func (b *Builder) renderOptions() render.Options {
	return render.Options{
		Today:        b.today,
		Theme:        Theme(b.fsys),
		OverridesDir: TemplatesDir,
		Minify:       !b.opt.NoMinify,
		PDFs:         b.opt.PDF,
	}
}

// Theme is the theme of the site in fsys: its own copy in ThemeDir when
// it has one, else the built-in theme.
func Theme(fsys fs.FS) fs.FS {
	if info, err := fs.Stat(fsys, ThemeDir); err == nil && info.IsDir() {
		if sub, err := fs.Sub(fsys, ThemeDir); err == nil {
			return sub
		}
	}
	return themes.Default()
}

// lookup returns a file of the last good site.
func (b *Builder) lookup(p string) ([]byte, bool) {
	i, ok := slices.BinarySearchFunc(b.files, p, func(f site.File, p string) int { return strings.Compare(f.Path, p) })
	if !ok {
		return nil, false
	}
	return b.files[i].Data, true
}

// merge returns the files of old for which replaced is false, with every
// file of new, sorted by path (old and new are sorted), and the paths whose
// content differs between old and the result.
func merge(old, new []site.File, replaced func(string) bool) (files []site.File, changed []string) {
	files = make([]site.File, 0, max(len(old), len(new)))
	i, j := 0, 0
	for i < len(old) || j < len(new) {
		switch {
		case j == len(new) || i < len(old) && old[i].Path < new[j].Path:
			if replaced(old[i].Path) {
				changed = append(changed, old[i].Path)
			} else {
				files = append(files, old[i])
			}
			i++
		case i == len(old) || new[j].Path < old[i].Path:
			files = append(files, new[j])
			changed = append(changed, new[j].Path)
			j++
		default:
			if !bytes.Equal(old[i].Data, new[j].Data) {
				changed = append(changed, new[j].Path)
			}
			files = append(files, new[j])
			i++
			j++
		}
	}
	return files, changed
}
