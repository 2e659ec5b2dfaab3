package schemas_test

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/handbook-nhs/handbook/generator/load"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/generator/validate"
	"github.com/handbook-nhs/handbook/schemas"
)

// records pairs every schema with the Go type it describes. The schema file
// is name + ".schema.json".
var records = []struct {
	name string
	typ  reflect.Type
}{
	{"handbook", reflect.TypeFor[site.Config]()},
	{"practice", reflect.TypeFor[site.Practice]()},
	{"roles", reflect.TypeFor[site.RoleList]()},
	{"training", reflect.TypeFor[site.Training]()},
	{"person", reflect.TypeFor[site.Person]()},
	{"service", reflect.TypeFor[site.Service]()},
	{"runbook", reflect.TypeFor[site.Runbook]()},
	{"exercise", reflect.TypeFor[site.Exercise]()},
	{"review", reflect.TypeFor[site.ReviewRecord]()},
	{"incident", reflect.TypeFor[site.Incident]()},
	{"change", reflect.TypeFor[site.Change]()},
	{"asset", reflect.TypeFor[site.Asset]()},
	{"organisation", reflect.TypeFor[site.Organisation]()},
	{"course", reflect.TypeFor[site.Course]()},
	{"page", reflect.TypeFor[site.Page]()},
}

// Rules of the schemas that the Go types alone do not say.
var (
	// uniqueLists are the lists of reference ids or choices: a value
	// written twice is a mistake.
	uniqueLists = []string{
		"admins", "depends_on", "services", "runbooks", "participants",
		"attendees", "external_attendees", "calls", "people",
		"staff_groups", "roles", "categories", "key_contacts",
	}
	// minimumOne are the whole numbers for which 0 makes no sense, besides
	// every governance threshold (site.Thresholds). Other whole numbers
	// have minimum 0.
	minimumOne = []string{"list_size", "review_months", "hours", "count", "likelihood", "impact"}
	// maximums are the whole numbers with an upper bound.
	maximums = map[string]float64{"training_target_percent": 100, "likelihood": 5, "impact": 5}
	// formats are the string keys that carry a format.
	formats = map[string]string{"email": "email", "website": "uri"}
)

const draft07 = "http://json-schema.org/draft-07/schema#"

func schemaFile(name string) string { return name + ".schema.json" }

func loadSchema(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := schemas.FS.ReadFile(schemaFile(name))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("%s: %v", schemaFile(name), err)
	}
	return s
}

func TestEverySchemaFileIsListed(t *testing.T) {
	files, err := fs.Glob(schemas.FS, "*.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range records {
		want = append(want, schemaFile(r.name))
	}
	slices.Sort(want)
	if !slices.Equal(files, want) {
		t.Errorf("embedded schema files = %v, want %v", files, want)
	}
}

// TestSchemasCompile compiles the schemas the way the build does.
func TestSchemasCompile(t *testing.T) {
	if _, err := validate.Compile(schemas.FS); err != nil {
		t.Fatal(err)
	}
}

func TestSchemaHeaders(t *testing.T) {
	for _, r := range records {
		t.Run(r.name, func(t *testing.T) {
			s := loadSchema(t, r.name)
			if s["$schema"] != draft07 {
				t.Errorf("$schema = %v, want %q", s["$schema"], draft07)
			}
			if _, ok := s["$id"]; ok {
				t.Errorf("$id is set: the schemas are used from files and embedded, so they must not name a home")
			}
			for _, k := range []string{"title", "description"} {
				if v, _ := s[k].(string); strings.TrimSpace(v) == "" {
					t.Errorf("no %s", k)
				}
			}
			initKeys := stringList(dig(s, "x-taplo", "initKeys"))
			required := stringList(s["required"])
			if !slices.Equal(initKeys, required) {
				t.Errorf("x-taplo.initKeys = %v, want the required keys %v", initKeys, required)
			}
			// The definition every table closes itself with must fail
			// every value, as additionalProperties: false does.
			unknown, _ := dig(s, "definitions", "unknown_key").(map[string]any)
			// It has no description: Taplo's hover shows it on every key.
			if not, _ := unknown["not"].(map[string]any); len(unknown) != 2 || unknown["$comment"] == nil || not == nil || len(not) != 1 || not["title"] == nil {
				t.Errorf("definitions.unknown_key = %v, want a $comment and \"not\" a schema with only a title, which no value passes", unknown)
			}
		})
	}
}

// TestSchemasMatchModel walks each Go type and its schema side by side: the
// two must never disagree about keys, required keys, types or choices.
func TestSchemasMatchModel(t *testing.T) {
	for _, r := range records {
		t.Run(r.name, func(t *testing.T) {
			w := &walker{t: t, file: schemaFile(r.name), root: loadSchema(t, r.name), used: map[string]bool{}}
			w.object("", r.typ, w.root)
			for name := range asMap(w.root["definitions"]) {
				if !w.used[name] {
					t.Errorf("definition %q is never used", name)
				}
			}
		})
	}
}

// TestNewRecordsValidate checks, through the build's own validator, what
// the walk over the Go types cannot: that a TOML local date-time and a
// quoted time both pass as a site.Time, and that a date or a time with an
// offset does not.
func TestNewRecordsValidate(t *testing.T) {
	s, err := validate.Compile(schemas.FS)
	if err != nil {
		t.Fatal(err)
	}
	const practice = `ods = "Y90001"
name = "Riverside Medical Centre"
icb = "nhs-eastmoor-icb"
pcn = "northvale-pcn"
list_size = 11240
clinical_system = "emis-web"
practice_agreement = {version = "Version 3"}
dspt = {status = "standards-met"}
sites = [{name = "Riverside Medical Centre", address = "12 Riverside Walk, Northvale, NV1 4AB"}]
[continuity]
version = "4.2"
owner = "kdavies"
reviewed = 2026-09-22
icb_approval = {status = "approved"}
invocation = {when = "A critical service is down.", who = "The practice manager.", first_15_minutes = ["Check everyone is safe."]}
cascade = [{caller = "kdavies", calls = ["rpatel"]}]
recovery = {back_entry = ["Label every entry."], reconciliation = ["Check every document filed once."]}
`
	const incident = `title = "Letter sent to the wrong address"
type = "data-breach"
summary = "A discharge letter went to a neighbour."
`
	for _, c := range []struct {
		name, record, doc string
		problems          []string // the paths of the problems expected
	}{
		{"local date-time", "incident", incident + "started = 2026-01-08T16:30:00\naware = 2026-01-09T10:14:00\n", nil},
		{"local date-time with a space", "incident", incident + "started = 2026-01-08 16:30:00\naware = 2026-01-09 10:14:00\n", nil},
		{"quoted time", "incident", incident + "started = \"2026-01-08 16:30\"\naware = \"2026-01-09T10:14\"\n", nil},
		{"date for a time", "incident", incident + "started = 2026-01-08\naware = \"2026-01-09\"\n", []string{"aware", "started"}},
		{"time with an offset", "incident", incident + "started = 2026-01-08T16:30:00Z\naware = 2026-01-09T10:14:00+00:00\n", []string{"aware", "started"}},
		{"report not required", "incident", incident + `started = 2026-01-08T16:30:00
aware = 2026-01-09T10:14:00
[[reports]]
route = "ico"
required = false
decided_by = "rpatel"
reason = "Returned unopened."
[[reports]]
route = "dspt"
reported = 2026-01-10T09:05:00
`, nil},
		{"change", "change", `title = "Online consultation form open all day"
type = "configuration"
summary = "The form stays open."
owner = "kdavies"
go_live = 2026-04-13
checks = {tested = "done", staff_told = "to-do", dpia = "not-needed"}
[review]
done = 2026-05-27
[[review.workload]]
team = "Reception"
effect = "less"
`, nil},
		{"asset", "asset", `name = "Reception desktop PCs"
kind = "desktop"
owner = "pnaylor"
count = 4
[disposal]
date = 2026-05-20
method = "icb-collection"
`, nil},
		{"continuity tables", "practice", practice + `[[continuity.functions]]
name = "Urgent on-the-day care"
max_tolerable_downtime = "4h"
recovery_time_objective = "1h"
services = ["emis-web", "surgery-connect"]
lead = "rpatel"
[[continuity.functions]]
name = "Repeat prescribing"
max_tolerable_downtime = "2d"
[continuity.vulnerable_patients]
identified = "A saved clinical system search, run monthly and printed."
contacted = "The duty nurse rings every patient on the printed list."
owner = "hwhitfield"
list_updated = 2026-10-01
list_kept = "Red grab bag"
[[continuity.risks]]
scenario = "severe-weather"
risk = "Snow closes the roads and half the staff cannot get in."
likelihood = 3
impact = 4
owner = "kdavies"
review = 2027-03-31
`, nil},
		{"continuity tables out of range", "practice", practice + `[[continuity.functions]]
name = "Test results"
max_tolerable_downtime = "4 hours"
services = ["docman", "docman"]
[continuity.vulnerable_patients]
identified = "A saved search."
contacted = " "
owner = "hwhitfield"
[[continuity.risks]]
scenario = "flood"
risk = "The river floods the car park."
likelihood = 0
impact = 6
owner = "kdavies"
review = 2027-03-31
`, []string{"continuity.functions.0.max_tolerable_downtime", "continuity.functions.0.services.1", "continuity.risks.0.impact", "continuity.risks.0.likelihood", "continuity.risks.0.scenario", "continuity.vulnerable_patients.contacted"}},
		{"asset count 0", "asset", "name = \"Old laptop\"\nkind = \"laptop\"\nowner = \"pnaylor\"\ncount = 0\n", []string{"count"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var doc map[string]any
			if _, err := toml.Decode(c.doc, &doc); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range s.Check(c.record, doc) {
				got = append(got, p.Path)
			}
			slices.Sort(got)
			got = slices.Compact(got)
			if !slices.Equal(got, c.problems) {
				t.Errorf("problems at %v, want at %v: %v", got, c.problems, s.Check(c.record, doc))
			}
		})
	}
}

// A field is one toml-tagged field of a Go struct.
type field struct {
	key      string
	required bool
	enum     string
	typ      reflect.Type
	owner    reflect.Type // the struct the field belongs to
}

// tomlFields lists the fields of t that are keys in TOML, in order.
// Embedded structs (Source) and fields without a toml tag are not keys.
func tomlFields(t reflect.Type) []field {
	var fields []field
	for i := range t.NumField() {
		f := t.Field(i)
		tag, ok := f.Tag.Lookup("toml")
		if !ok || f.Anonymous {
			continue
		}
		key, opts, _ := strings.Cut(tag, ",")
		fields = append(fields, field{
			key:      key,
			required: opts == "required",
			enum:     f.Tag.Get("enum"),
			typ:      f.Type,
			owner:    t,
		})
	}
	return fields
}

var (
	dateType     = reflect.TypeFor[site.Date]()
	timeType     = reflect.TypeFor[site.Time]()
	durationType = reflect.TypeFor[site.Duration]()
	hoursType    = reflect.TypeFor[site.Hours]()
)

// walker compares one schema file with a Go type.
type walker struct {
	t    *testing.T
	file string
	root map[string]any
	used map[string]bool // definitions reached through $ref
}

func (w *walker) errorf(at, format string, args ...any) {
	w.t.Helper()
	if at == "" {
		at = "(top level)"
	}
	w.t.Errorf("%s: %s: %s", w.file, at, fmt.Sprintf(format, args...))
}

// resolve follows local $refs ("#/definitions/date").
func (w *walker) resolve(at string, s map[string]any) map[string]any {
	w.t.Helper()
	for range 10 {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name, ok := strings.CutPrefix(ref, "#/definitions/")
		def := asMap(asMap(w.root["definitions"])[name])
		if !ok || def == nil {
			w.errorf(at, "$ref %q is not a definition in this file", ref)
			return map[string]any{}
		}
		w.used[name] = true
		s = def
	}
	w.errorf(at, "$ref loop")
	return map[string]any{}
}

// object checks that s describes the struct type t.
func (w *walker) object(at string, t reflect.Type, s map[string]any) {
	w.t.Helper()
	s = w.resolve(at, s)
	if s["type"] != "object" {
		w.errorf(at, "type is %v, want object for Go type %s", s["type"], t)
	}
	if ap, _ := s["additionalProperties"].(map[string]any); len(ap) != 1 || ap["$ref"] != validate.UnknownKey {
		w.errorf(at, "additionalProperties must be {\"$ref\": %q}, so that a mistyped key is an error, marked once in an editor", validate.UnknownKey)
	} else {
		w.resolve(at+".additionalProperties", ap)
	}
	props := asMap(s["properties"])
	fields := tomlFields(t)
	var required []string
	for _, f := range fields {
		if f.required {
			required = append(required, f.key)
		}
		p, ok := props[f.key]
		if !ok {
			w.errorf(join(at, f.key), "in Go type %s but not in the schema", t)
			continue
		}
		w.property(join(at, f.key), f, asMap(p))
	}
	for key := range props {
		if !slices.ContainsFunc(fields, func(f field) bool { return f.key == key }) {
			w.errorf(join(at, key), "in the schema but not a toml key of Go type %s", t)
		}
	}
	got := stringList(s["required"])
	slices.Sort(got)
	slices.Sort(required)
	if !slices.Equal(got, required) {
		w.errorf(at, "required = %v, want the ,required keys of %s: %v", got, t, required)
	}
}

// property checks one key of an object. Its description is read before
// any $ref is followed: each key explains itself.
func (w *walker) property(at string, f field, s map[string]any) {
	w.t.Helper()
	if d, _ := s["description"].(string); strings.TrimSpace(d) == "" {
		w.errorf(at, "no description")
	}
	w.value(at, f, s)
}

// value checks that s describes values of f.typ.
func (w *walker) value(at string, f field, s map[string]any) {
	w.t.Helper()
	ref, _ := s["$ref"].(string)
	s = w.resolve(at, s)
	t := f.typ
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if f.enum == "" || t.Kind() != reflect.String {
		if _, ok := s["enum"]; ok {
			w.errorf(at, "has an enum but the Go field has no enum tag")
		}
	}
	switch {
	case t == dateType:
		if s["type"] != "string" || s["format"] != "date" {
			w.errorf(at, "a site.Date must be {type: string, format: date}, got type %v format %v", s["type"], s["format"])
		}
	case t == timeType:
		w.time(at, ref, s)
	case t == durationType:
		w.duration(at, s)
	case t == hoursType:
		w.hours(at, s)
	case t.Kind() == reflect.String:
		w.str(at, f, s)
	case t.Kind() == reflect.Int:
		w.integer(at, f, s)
	case t.Kind() == reflect.Bool:
		if s["type"] != "boolean" {
			w.errorf(at, "type is %v, want boolean", s["type"])
		}
	case t.Kind() == reflect.Struct:
		w.object(at, t, s)
	case t.Kind() == reflect.Slice:
		w.array(at, f, s)
	default:
		w.errorf(at, "Go type %s has no JSON Schema mapping in this test", t)
	}
}

func (w *walker) str(at string, f field, s map[string]any) {
	w.t.Helper()
	if s["type"] != "string" {
		w.errorf(at, "type is %v, want string", s["type"])
	}
	if f.enum != "" {
		w.enum(at, f.enum, s)
	}
	_, hasMin := s["minLength"]
	switch {
	case f.required && f.enum == "":
		// An enum cannot be empty already; other required text must
		// hold more than spaces.
		// hold more than spaces: "pattern": "\S", or a stricter pattern
		// such as the ODS code's.
		pattern, _ := s["pattern"].(string)
		if s["minLength"] != 1.0 || pattern == "" || regexp.MustCompile(pattern).MatchString("   ") {
			w.errorf(at, `required text must have "minLength": 1 and a "pattern" such as "\\S", got %v and %v`, s["minLength"], s["pattern"])
		}
	case !f.required && hasMin:
		w.errorf(at, "optional text must not have a minLength")
	}
	if want, ok := formats[f.key]; ok && s["format"] != want {
		w.errorf(at, "format is %v, want %q", s["format"], want)
	}
}

func (w *walker) enum(at, name string, s map[string]any) {
	w.t.Helper()
	e, ok := site.Enums[name]
	if !ok {
		w.errorf(at, "enum tag %q is not in site.Enums", name)
		return
	}
	if got, want := stringList(s["enum"]), e.Values(); !slices.Equal(got, want) {
		w.errorf(at, "enum = %v, want site.Enums[%q] = %v", got, name, want)
	}
	var labels []string
	for _, c := range e.Choices {
		labels = append(labels, c.Label)
	}
	if got := stringList(dig(s, "x-taplo", "docs", "enumValues")); !slices.Equal(got, labels) {
		w.errorf(at, "x-taplo.docs.enumValues = %v, want the labels %v", got, labels)
	}
}

func (w *walker) integer(at string, f field, s map[string]any) {
	w.t.Helper()
	if s["type"] != "integer" {
		w.errorf(at, "type is %v, want integer", s["type"])
	}
	lowest := 0.0
	if slices.Contains(minimumOne, f.key) || f.owner == reflect.TypeFor[site.Thresholds]() {
		lowest = 1
	}
	if s["minimum"] != lowest {
		w.errorf(at, "minimum is %v, want %v", s["minimum"], lowest)
	}
	if highest, ok := maximums[f.key]; ok && s["maximum"] != highest {
		w.errorf(at, "maximum is %v, want %v", s["maximum"], highest)
	}
}

// duration checks the pattern against the examples the README gives.
func (w *walker) duration(at string, s map[string]any) {
	w.t.Helper()
	pattern, _ := s["pattern"].(string)
	re, err := regexp.Compile(pattern)
	if s["type"] != "string" || err != nil {
		w.errorf(at, "a site.Duration must be a string with a pattern, got type %v pattern %q", s["type"], pattern)
		return
	}
	for _, ok := range []string{"30m", "4h", "2d", "1w", "90m"} {
		if !re.MatchString(ok) {
			w.errorf(at, "pattern %q rejects the duration %q", pattern, ok)
		}
	}
	for _, bad := range []string{"", "4", "h", "4 hours", "1.5h", "-1d", "2y", " 4h"} {
		if re.MatchString(bad) {
			w.errorf(at, "pattern %q accepts %q, which is not a duration", pattern, bad)
		}
	}
}

// hours checks the pattern of a site.Hours against the ways the README
// writes hours, and against site.ParseHours: the two must agree.
func (w *walker) hours(at string, s map[string]any) {
	w.t.Helper()
	pattern, _ := s["pattern"].(string)
	re, err := regexp.Compile(pattern)
	if s["type"] != "string" || err != nil {
		w.errorf(at, "a site.Hours must be a string with a pattern, got type %v pattern %q", s["type"], pattern)
		return
	}
	// An end before its start passes the pattern: link reports it, with
	// its position and a hint.
	for _, ok := range []string{"08:00-18:30", "24h", "00:00-23:59", "07:30-20:00", "18:30-08:00", "09:00-09:00"} {
		if !re.MatchString(ok) {
			w.errorf(at, "pattern %q rejects the hours %q", pattern, ok)
		}
		if _, err := site.ParseHours(ok); err != nil {
			w.errorf(at, "the pattern accepts %q but site.ParseHours does not: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "8:00-18:30", "08:00 - 18:30", "08:00–18:30", "08.00-18.30", "8am-6.30pm",
		"24:00-08:00", "08:00-18:60", "08:00-24:00", "24 hours", "24H", "08:00", " 08:00-18:30", "08:00-18:30 "} {
		if re.MatchString(bad) {
			w.errorf(at, "pattern %q accepts %q, which is not hours", pattern, bad)
		}
		if _, err := site.ParseHours(bad); err == nil {
			w.errorf(at, "site.ParseHours reads %q, which the pattern rejects", bad)
		}
	}
}

// time checks that a site.Time refers to the file's datetime definition,
// reached through ref, and the definition's pattern against the ways the
// build reads a time: a TOML local date-time arrives as 2006-01-02T15:04:05
// text (site.Normalize), quoted text with or without seconds as written.
func (w *walker) time(at, ref string, s map[string]any) {
	w.t.Helper()
	if ref != "#/definitions/datetime" {
		w.errorf(at, `a site.Time must be {"$ref": "#/definitions/datetime"}, got $ref %q`, ref)
	}
	pattern, _ := s["pattern"].(string)
	re, err := regexp.Compile(pattern)
	if s["type"] != "string" || err != nil {
		w.errorf(at, "a site.Time must be a string with a pattern, got type %v pattern %q", s["type"], pattern)
		return
	}
	for _, ok := range []string{"2026-01-09T10:14:00", "2026-01-09T10:14", "2026-01-09 10:14", "2026-01-09 10:14:00"} {
		if !re.MatchString(ok) {
			w.errorf(at, "pattern %q rejects the time %q", pattern, ok)
		}
		if _, err := site.ParseTime(ok); err != nil {
			w.errorf(at, "the pattern accepts %q but site.ParseTime does not: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "2026-01-09", "10:14", "2026-01-09T10:14:00Z", "2026-01-09T10:14:00+01:00", "9 January 2026 10:14", "2026-01-09  10:14", " 2026-01-09 10:14"} {
		if re.MatchString(bad) {
			w.errorf(at, "pattern %q accepts %q, which is not a local date and time", pattern, bad)
		}
	}
}

func (w *walker) array(at string, f field, s map[string]any) {
	w.t.Helper()
	if s["type"] != "array" {
		w.errorf(at, "type is %v, want array", s["type"])
	}
	_, hasMin := s["minItems"]
	switch {
	case f.required && s["minItems"] != 1.0:
		w.errorf(at, `a required list must have "minItems": 1`)
	case !f.required && hasMin:
		w.errorf(at, "an optional list must not have minItems")
	}
	elem := f.typ.Elem()
	if elem.Kind() == reflect.String && slices.Contains(uniqueLists, f.key) && s["uniqueItems"] != true {
		w.errorf(at, `a list of ids or choices must have "uniqueItems": true`)
	}
	items := asMap(s["items"])
	if items == nil {
		w.errorf(at, "no items")
		return
	}
	w.value(at+"[]", field{key: f.key, enum: f.enum, typ: elem, owner: f.owner}, items)
}

// exampleRecords maps every record file of the example site to its record
// type, as the build's loader reads the layout.
func exampleRecords(t *testing.T) map[string]string {
	t.Helper()
	r := load.New(os.DirFS(".."), validate.Default())
	h, ids, err := r.Shared()
	if err != nil {
		t.Fatalf("example content: %v", err)
	}
	var practices []*site.Practice
	for _, id := range ids {
		pr, err := r.Practice(id)
		if err != nil {
			t.Fatalf("example content: %v", err)
		}
		practices = append(practices, pr)
	}
	m := map[string]string{h.Config.File: "handbook"}
	for _, o := range h.Organisations {
		m[o.File] = "organisation"
	}
	for _, c := range h.Courses {
		m[c.File] = "course"
	}
	for _, p := range practices {
		m[p.File], m[p.Roles.File], m[p.Training.File] = "practice", "roles", "training"
		for _, r := range p.People {
			m[r.File] = "person"
		}
		for _, r := range p.Services {
			m[r.File] = "service"
		}
		for _, r := range p.Runbooks {
			m[r.File] = "runbook"
		}
		for _, r := range p.Exercises {
			m[r.File] = "exercise"
		}
		for _, r := range p.Reviews {
			m[r.File] = "review"
		}
		for _, r := range p.Incidents {
			m[r.File] = "incident"
		}
		for _, r := range p.Changes {
			m[r.File] = "change"
		}
		for _, r := range p.Assets {
			m[r.File] = "asset"
		}
	}
	return m
}

var update = flag.Bool("update", false, "write the repository's editor files from the schemas package")

// TestEditorFiles checks that the repository's .taplo.toml and VS Code
// recommendation are the texts handbook new site writes into a new site.
func TestEditorFiles(t *testing.T) {
	for file, want := range map[string]string{schemas.TaploFile: schemas.TaploConfig(), schemas.ExtensionsFile: schemas.Extensions} {
		p := filepath.Join("..", filepath.FromSlash(file))
		if *update {
			if err := os.WriteFile(p, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := os.ReadFile(p); err != nil || string(got) != want {
			t.Errorf("%s is not what handbook new site writes (%v): change schemas/editor.go, then run go test ./schemas -run TestEditorFiles -update", file, err)
		}
	}
}

// TestTaploConfig checks that .taplo.toml gives each site file exactly one
// schema, that of its record type, including new files whose names could
// fit two globs.
func TestTaploConfig(t *testing.T) {
	var cfg struct {
		Include []string
		Exclude []string
		Rule    []struct {
			Name    string
			Include []string
			Exclude []string
			Schema  struct{ Path string }
		}
		Formatting map[string]any
	}
	md, err := toml.DecodeFile(filepath.Join("..", ".taplo.toml"), &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if un := md.Undecoded(); len(un) > 0 {
		t.Errorf(".taplo.toml has keys this test does not know: %v", un)
	}
	schemaFor := func(p string) []string {
		var got []string
		for _, r := range cfg.Rule {
			if globsMatch(t, r.Include, p) && !globsMatch(t, r.Exclude, p) {
				got = append(got, r.Schema.Path)
			}
		}
		return got
	}
	check := func(p, record string) {
		t.Helper()
		if !globsMatch(t, cfg.Include, p) || globsMatch(t, cfg.Exclude, p) {
			t.Errorf("%s is not included by .taplo.toml", p)
		}
		want := "schemas/" + schemaFile(record)
		if got := schemaFor(p); len(got) != 1 || got[0] != want {
			t.Errorf("%s: .taplo.toml rules give schemas %v, want exactly [%s]", p, got, want)
		}
	}
	for file, record := range exampleRecords(t) {
		check(file, record)
	}
	// New files whose names could also fit another record's glob.
	for p, record := range map[string]string{
		"content/organisations/practice.toml":       "organisation",
		"content/organisations/roles.toml":          "organisation",
		"content/courses/training.toml":             "course",
		"content/new-practice/practice.toml":        "practice",
		"content/riverside/people/practice.toml":    "person",
		"content/riverside/services/roles.toml":     "service",
		"content/riverside/runbooks/training.toml":  "runbook",
		"content/riverside/incidents/practice.toml": "incident",
		"content/riverside/changes/roles.toml":      "change",
		"content/riverside/assets/training.toml":    "asset",
	} {
		check(p, record)
	}
	for _, r := range cfg.Rule {
		name, ok := strings.CutPrefix(r.Schema.Path, "schemas/")
		if _, err := schemas.FS.ReadFile(name); !ok || err != nil {
			t.Errorf("rule %q: schema %q is not a file in schemas/", r.Name, r.Schema.Path)
		}
	}
}

// globsMatch reports whether p matches one of the patterns as Taplo's glob
// library does by default: "*" matches any run of characters, "/" included,
// and "**/" matches zero or more folders.
func globsMatch(t *testing.T, patterns []string, p string) bool {
	t.Helper()
	for _, g := range patterns {
		if strings.ContainsAny(g, "[]{}") {
			t.Fatalf("glob %q uses syntax this test does not emulate", g)
		}
		var re strings.Builder
		re.WriteString("^")
		for i := 0; i < len(g); {
			switch {
			case strings.HasPrefix(g[i:], "**/"):
				re.WriteString("(?:.*/)?")
				i += 3
			case g[i] == '*':
				re.WriteString(".*")
				for i < len(g) && g[i] == '*' {
					i++
				}
			case g[i] == '?':
				re.WriteString(".")
				i++
			default:
				re.WriteString(regexp.QuoteMeta(g[i : i+1]))
				i++
			}
		}
		re.WriteString("$")
		if regexp.MustCompile(re.String()).MatchString(p) {
			return true
		}
	}
	return false
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// stringList returns a JSON array of strings as a []string.
func stringList(v any) []string {
	var out []string
	for _, x := range asSlice(v) {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// dig follows keys through nested JSON objects.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		v = asMap(v)[k]
	}
	return v
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}
