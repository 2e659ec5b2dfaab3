package export

import (
	"maps"
	"reflect"
	"slices"

	"github.com/handbook-nhs/handbook/generator/site"
)

// The JSON is split: handbook.json holds the shared records and an index
// of the practices, and each practice's records and findings are in its
// own practice.json. A build that renders one practice again rewrites one
// practice file, and a site of thousands of practices makes no single
// giant file that a reader must load whole.

// HandbookJSON returns handbook.json: the format version, the handbook's
// title and build date, the governance thresholds the findings were
// measured against, every closed list of choices with its words, the
// organisations and courses, the findings on them, and an index of the
// practices with their finding counts and the paths of their files.
func (x *Exporter) HandbookJSON() []byte {
	h := x.h
	buf := getBuffer()
	w := &jsonWriter{b: *buf, changed: x.h.LastChanged}
	w.open('{')
	w.key("format_version")
	w.int(FormatVersion)
	w.field("title", h.Config.Title)
	w.field("description", h.Config.Description)
	w.field("built_for", x.today.String())
	w.key("governance")
	w.value(reflect.ValueOf(x.gov))

	w.key("practices")
	w.open('[')
	for _, pr := range h.Practices {
		w.elem()
		w.open('{')
		w.field("id", pr.ID)
		w.field("name", pr.Name)
		w.field("ods", pr.ODS)
		w.field("icb", pr.ICB)
		w.field("pcn", pr.PCN)
		w.key("findings")
		w.counts(pr.Findings)
		w.field("page", pr.URL())
		w.field("json", pr.JSONURL())
		w.field("register", pr.RegisterCSVURL())
		w.field("calendar", pr.CalendarURL())
		w.close('}')
	}
	w.close(']')

	w.key("organisations")
	w.open('[')
	for _, o := range h.Organisations {
		w.elem()
		w.record(o.ID, o.URL(), &o.Source, o, func() {
			w.key("practices")
			w.strs(ids(o.Practices, func(p *site.Practice) string { return p.ID }))
		})
	}
	w.close(']')
	w.key("courses")
	w.open('[')
	for _, c := range h.Courses {
		w.elem()
		w.record(c.ID, c.URL(), &c.Source, c, nil)
	}
	w.close(']')

	// Findings on the shared records are also in the files of the
	// practices that use them.
	w.key("findings")
	w.open('[')
	for _, f := range h.Findings {
		if f.Practice == nil {
			w.elem()
			w.finding(f)
		}
	}
	w.close(']')

	w.key("choices")
	w.open('{')
	for _, name := range slices.Sorted(maps.Keys(site.Enums)) {
		w.key(name)
		w.open('[')
		for _, c := range site.Enums[name].Choices {
			w.elem()
			w.open('{')
			w.field("value", c.Value)
			w.field("label", c.Label)
			w.close('}')
		}
		w.close(']')
	}
	w.close('}')
	w.close('}')
	w.b = append(w.b, '\n')
	return done(buf, w.b)
}

// PracticeJSON returns practice.json: the practice and every record of its
// folder, with the TOML keys of its files (a person's personal mobile
// left out), each record with its id, page and source file, references
// as the ids written, and the practice's governance findings, those on
// the shared records it uses included.
func (x *Exporter) PracticeJSON(pr *site.Practice) []byte {
	buf := getBuffer()
	w := &jsonWriter{b: *buf, changed: x.h.LastChanged}
	w.open('{')
	w.key("format_version")
	w.int(FormatVersion)
	w.field("built_for", x.today.String())
	w.key("practice")
	w.record(pr.ID, pr.URL(), &pr.Source, pr, nil)

	list := func(key string, n int, each func(i int)) {
		w.key(key)
		w.open('[')
		for i := range n {
			w.elem()
			each(i)
		}
		w.close(']')
	}
	list("people", len(pr.People), func(i int) {
		pe := pr.People[i]
		w.record(pe.ID, pe.URL(), &pe.Source, pe, nil)
	})
	list("services", len(pr.Services), func(i int) {
		s := pr.Services[i]
		w.record(s.ID, s.URL(), &s.Source, s, nil)
	})
	list("runbooks", len(pr.Runbooks), func(i int) {
		rb := pr.Runbooks[i]
		w.record(rb.ID, rb.URL(), &rb.Source, rb, nil)
	})
	list("exercises", len(pr.Exercises), func(i int) {
		e := pr.Exercises[i]
		w.record(e.ID, e.URL(), &e.Source, e, nil)
	})
	list("reviews", len(pr.Reviews), func(i int) {
		rv := pr.Reviews[i]
		w.record(rv.ID, rv.URL(), &rv.Source, rv, nil)
	})
	list("pages", len(pr.Pages), func(i int) {
		pg := pr.Pages[i]
		w.record(pg.ID, pg.URL(), &pg.Source, pg, func() {
			w.key("body")
			w.b = appendJSON(w.b, pg.Body)
		})
	})
	w.key("roles")
	if pr.Roles == nil {
		w.null()
	} else {
		w.record("", pr.RolesURL(), &pr.Roles.Source, pr.Roles, nil)
	}
	w.key("training")
	if pr.Training == nil {
		w.null()
	} else {
		w.record("", pr.TrainingURL(), &pr.Training.Source, pr.Training, nil)
	}
	list("findings", len(pr.Findings), func(i int) { w.finding(pr.Findings[i]) })
	w.close('}')
	w.b = append(w.b, '\n')
	return done(buf, w.b)
}

// record writes one record as an object: its id (when it has one), the
// path of its page, its source file and when that last changed in git
// (when known), then its TOML keys, then what more writes.
func (w *jsonWriter) record(id, page string, src *site.Source, rec any, more func()) {
	w.open('{')
	if id != "" {
		w.field("id", id)
	}
	w.field("page", page)
	w.field("source", src.File)
	if d, ok := w.changed[src.File]; ok {
		w.field("last_changed", d.String())
	}
	w.members(reflect.ValueOf(rec).Elem())
	if more != nil {
		more()
	}
	w.close('}')
}

// finding writes one governance finding.
func (w *jsonWriter) finding(f *site.Finding) {
	w.open('{')
	w.field("rule", f.Rule)
	w.field("severity", f.Severity.String())
	w.field("message", f.Message)
	w.field("hint", f.Fix)
	w.field("position", f.Pos.String())
	w.field("page", f.URL())
	w.key("owner")
	if f.Owner == nil {
		w.null()
	} else {
		w.str(f.Owner.ID)
	}
	w.close('}')
}

// counts writes how many of list are of each severity.
func (w *jsonWriter) counts(list []*site.Finding) {
	n := site.TallyOf(list)
	w.open('{')
	for _, s := range []site.Severity{site.Critical, site.Warning, site.Info} {
		w.key(s.String())
		w.int(int64(n[s]))
	}
	w.close('}')
}

func ids[T any](list []T, id func(T) string) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = id(v)
	}
	return out
}
