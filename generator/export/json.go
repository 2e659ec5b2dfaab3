package export

import (
	"bytes"
	"encoding"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
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
	w := x.newWriter()
	w.begin()
	w.key("format_version")
	w.int(FormatVersion)
	w.field("title", h.Config.Title)
	w.field("description", h.Config.Description)
	w.field("built_for", x.today.String())
	w.key("governance")
	w.value(reflect.ValueOf(x.gov))
	w.list("practices", len(h.Practices), func(i int) {
		s := h.Practices[i]
		w.begin()
		w.field("id", s.ID)
		w.field("name", s.Name)
		w.field("ods", s.ODS)
		w.field("icb", s.ICB)
		w.field("pcn", s.PCN)
		w.key("findings")
		w.counts(s.Findings)
		w.field("plan_version", s.PlanVersion)
		w.key("icb_approval")
		w.value(reflect.ValueOf(s.Approval))
		w.key("last_icb_review")
		w.value(reflect.ValueOf(s.LastICBReview))
		w.key("next_icb_review")
		w.value(reflect.ValueOf(s.NextICBReview))
		w.key("icb_review_overdue")
		w.token(jsontext.Bool(s.ICBReviewOverdue(x.today)))
		w.key("dspt")
		w.value(reflect.ValueOf(s.DSPT))
		w.list("critical_not_exercised", len(s.Unexercised), func(j int) { w.str(s.Unexercised[j]) })
		w.key("training")
		w.begin()
		w.key("current")
		w.int(int64(s.TrainingCurrent))
		w.key("required")
		w.int(int64(s.TrainingRequired))
		w.end()
		w.field("page", s.URL())
		w.field("json", s.JSONURL())
		w.field("register", s.RegisterCSVURL())
		w.field("calendar", s.CalendarURL())
		w.end()
	})
	w.list("organisations", len(h.Organisations), func(i int) {
		o := h.Organisations[i]
		w.record(o.ID, o.URL(), &o.Source, o, func() {
			w.list("practices", len(o.Practices), func(j int) { w.str(o.Practices[j].ID) })
		})
	})
	w.list("courses", len(h.Courses), func(i int) {
		c := h.Courses[i]
		w.record(c.ID, c.URL(), &c.Source, c, nil)
	})
	// Findings on the shared records are also in the files of the
	// practices that use them.
	w.findings(h.Findings)
	w.key("choices")
	w.begin()
	for _, name := range slices.Sorted(maps.Keys(site.Enums)) {
		choices := site.Enums[name].Choices
		w.list(name, len(choices), func(i int) {
			w.begin()
			w.field("value", choices[i].Value)
			w.field("label", choices[i].Label)
			w.end()
		})
	}
	w.end()
	w.end()
	return w.bytes()
}

// PracticeJSON returns practice.json: the practice and every record of its
// folder, with the TOML keys of its files (a person's personal mobile
// left out), each record with its id, page and source file, references
// as the ids written, and the practice's governance findings, those on
// the shared records it uses included.
func (x *Exporter) PracticeJSON(pr *site.Practice) []byte {
	w := x.newWriter()
	w.begin()
	w.key("format_version")
	w.int(FormatVersion)
	w.field("built_for", x.today.String())
	w.key("practice")
	w.record(pr.ID, pr.URL(), &pr.Source, pr, nil)
	w.list("people", len(pr.People), func(i int) {
		pe := pr.People[i]
		w.record(pe.ID, pe.URL(), &pe.Source, pe, nil)
	})
	w.list("services", len(pr.Services), func(i int) {
		s := pr.Services[i]
		w.record(s.ID, s.URL(), &s.Source, s, nil)
	})
	w.list("runbooks", len(pr.Runbooks), func(i int) {
		rb := pr.Runbooks[i]
		w.record(rb.ID, rb.URL(), &rb.Source, rb, nil)
	})
	w.list("exercises", len(pr.Exercises), func(i int) {
		e := pr.Exercises[i]
		w.record(e.ID, e.URL(), &e.Source, e, nil)
	})
	w.list("incidents", len(pr.Incidents), func(i int) {
		in := pr.Incidents[i]
		w.record(in.ID, in.URL(), &in.Source, in, nil)
	})
	w.list("changes", len(pr.Changes), func(i int) {
		ch := pr.Changes[i]
		w.record(ch.ID, ch.URL(), &ch.Source, ch, nil)
	})
	w.list("assets", len(pr.Assets), func(i int) {
		a := pr.Assets[i]
		w.record(a.ID, a.URL(), &a.Source, a, nil)
	})
	w.list("reviews", len(pr.Reviews), func(i int) {
		rv := pr.Reviews[i]
		w.record(rv.ID, rv.URL(), &rv.Source, rv, nil)
	})
	w.list("pages", len(pr.Pages), func(i int) {
		pg := pr.Pages[i]
		w.record(pg.ID, pg.URL(), &pg.Source, pg, func() { w.field("body", string(pg.Body)) })
	})
	w.key("roles")
	if pr.Roles == nil {
		w.token(jsontext.Null)
	} else {
		w.record("", pr.RolesURL(), &pr.Roles.Source, pr.Roles, nil)
	}
	w.key("training")
	if pr.Training == nil {
		w.token(jsontext.Null)
	} else {
		w.record("", pr.TrainingURL(), &pr.Training.Source, pr.Training, nil)
	}
	w.findings(pr.Findings)
	w.end()
	return w.bytes()
}

// writer writes a JSON document a token at a time, indented with tabs,
// with the keys in the order written: the order of the model's fields,
// which reads better than the sorted keys of a map and is just as
// deterministic.
type writer struct {
	buf bytes.Buffer
	enc *jsontext.Encoder
	err error
	// changed dates each record's file by its last change in git
	// (site.Handbook.LastChanged); nil when not known.
	changed map[string]site.Date
}

func (x *Exporter) newWriter() *writer {
	w := &writer{changed: x.h.LastChanged}
	w.enc = jsontext.NewEncoder(&w.buf, jsontext.WithIndent("\t"),
		// The files are data, never put in a page as they are; U+2028 and
		// U+2029 are escaped for readers that take JSON for JavaScript.
		jsontext.EscapeForHTML(false), jsontext.EscapeForJS(true), jsontext.AllowInvalidUTF8(true))
	return w
}

// bytes returns the document, ended by a newline. Writing can only fail
// on a mistake in this package (a key where a value must be), so it
// panics then.
func (w *writer) bytes() []byte {
	if w.err != nil {
		panic(fmt.Sprintf("export: %v", w.err))
	}
	return w.buf.Bytes()
}

func (w *writer) token(t jsontext.Token) {
	if w.err == nil {
		w.err = w.enc.WriteToken(t)
	}
}

func (w *writer) begin()            { w.token(jsontext.BeginObject) }
func (w *writer) end()              { w.token(jsontext.EndObject) }
func (w *writer) key(k string)      { w.token(jsontext.String(k)) }
func (w *writer) str(s string)      { w.token(jsontext.String(s)) }
func (w *writer) int(n int64)       { w.token(jsontext.Int(n)) }
func (w *writer) field(k, v string) { w.key(k); w.str(v) }

// list writes the member k, an array of n elements, each written by each.
func (w *writer) list(k string, n int, each func(i int)) {
	w.key(k)
	w.token(jsontext.BeginArray)
	for i := range n {
		each(i)
	}
	w.token(jsontext.EndArray)
}

// record writes one record as an object: its id (when it has one), the
// path of its page, its source file and when that last changed in git
// (when known), then its TOML keys, then what more writes.
func (w *writer) record(id, page string, src *site.Source, rec any, more func()) {
	w.begin()
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
	w.end()
}

// findings writes the member findings: each governance finding of list.
func (w *writer) findings(list []*site.Finding) {
	w.list("findings", len(list), func(i int) {
		f := list[i]
		w.begin()
		w.field("rule", f.Rule)
		w.field("severity", f.Severity.String())
		w.field("message", f.Message)
		w.field("hint", f.Fix)
		w.field("position", f.Pos.String())
		w.field("page", f.URL())
		w.key("owner")
		if f.Owner == nil {
			w.token(jsontext.Null)
		} else {
			w.str(f.Owner.ID)
		}
		w.end()
	})
}

// counts writes how many findings there are of each severity.
func (w *writer) counts(n site.Tally) {
	w.begin()
	for _, s := range []site.Severity{site.Critical, site.Warning, site.Info} {
		w.key(s.String())
		w.int(int64(n[s]))
	}
	w.end()
}

// Records are written from their toml struct tags, so that the JSON has
// the keys practice managers write and cannot drift from the model.

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()

// value writes v: a record's field, or an element of a list.
//
//   - a type with IsZero and MarshalText (site.Date, site.Duration):
//     null when zero, else its TOML text ("2026-03-31", "4h");
//   - strings, whole numbers and booleans as themselves; a nil pointer as
//     null;
//   - lists as arrays;
//   - structs as objects of their toml-tagged fields (see members).
func (w *writer) value(v reflect.Value) {
	if v.Type().Implements(textMarshaler) {
		if z, ok := v.Interface().(interface{ IsZero() bool }); ok && z.IsZero() {
			w.token(jsontext.Null)
			return
		}
		text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			panic(fmt.Sprintf("export: %s: %v", v.Type(), err))
		}
		w.str(string(text))
		return
	}
	switch v.Kind() {
	case reflect.String:
		w.str(v.String())
	case reflect.Int, reflect.Int64, reflect.Int32:
		w.int(v.Int())
	case reflect.Bool:
		w.token(jsontext.Bool(v.Bool()))
	case reflect.Pointer:
		if v.IsNil() {
			w.token(jsontext.Null)
			return
		}
		w.value(v.Elem())
	case reflect.Slice:
		w.token(jsontext.BeginArray)
		for i := range v.Len() {
			w.value(v.Index(i))
		}
		w.token(jsontext.EndArray)
	case reflect.Struct:
		w.begin()
		w.members(v)
		w.end()
	default:
		panic(fmt.Sprintf("export: no JSON for a %s", v.Type()))
	}
}

// members writes the toml-tagged fields of the struct v as members of the
// object being written, in the order of the struct.
func (w *writer) members(v reflect.Value) {
	for _, f := range fieldsOf(v.Type()) {
		w.key(f.Key)
		w.value(v.Field(f.Index))
	}
}

// recordKeys are the members export adds to a record besides its TOML
// keys. No record may have a TOML key of the same name.
var recordKeys = []string{"id", "page", "source", "last_changed", "body", "practices"}

var exported sync.Map // reflect.Type -> []site.Field

// fieldsOf returns the fields of struct type t that hold TOML keys,
// leaving out those tagged sensitive.
func fieldsOf(t reflect.Type) []site.Field {
	if fs, ok := exported.Load(t); ok {
		return fs.([]site.Field)
	}
	var fs []site.Field
	for _, f := range site.Fields(t) {
		if f.Sensitive {
			continue
		}
		if slices.Contains(recordKeys, f.Key) {
			panic(fmt.Sprintf("export: %s.%s has the TOML key %q, which export adds to every record", t, f.Name, f.Key))
		}
		fs = append(fs, f)
	}
	exported.Store(t, fs)
	return fs
}
