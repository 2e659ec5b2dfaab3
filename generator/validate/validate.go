// Package validate checks a record, as decoded from TOML, against its JSON
// Schema: the files in schemas/ that a practice manager's editor also uses,
// so the editor and the build can never disagree about what is valid.
//
// It consumes a decoded TOML document and the name of its record type and
// produces problems, each at a key path and in plain words with a hint. It
// knows nothing of files or positions: the load stage turns key paths into
// file:line:col. It does no I/O beyond reading the schema files it is given.
package validate

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/schemas"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// problem is one way a record breaks its schema, as site.Problem with
// what misspelt needs to tell one mistake from two.
type problem struct {
	Path  string
	AtKey bool
	Msg   string
	Hint  string
	// missing is the key a "missing key" problem is about; suggested the
	// known key an unknown key is probably a misspelling of.
	missing, suggested string
}

// Schemas are the compiled schemas of every record type.
type Schemas struct {
	byName map[string]*jsonschema.Schema
}

// Compile reads every *.schema.json file at the root of fsys. The schemas
// are JSON Schema draft-07, the newest draft editors' TOML support reads.
func Compile(fsys fs.FS) (*Schemas, error) {
	names, err := fs.Glob(fsys, "*"+site.SchemaSuffix)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft7)
	c.AssertFormat()
	s := &Schemas{byName: map[string]*jsonschema.Schema{}}
	for _, n := range names {
		f, err := fsys.Open(n)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", n, err)
		}
		closeTables(doc)
		url := "file:///schemas/" + n
		if err := c.AddResource(url, doc); err != nil {
			return nil, fmt.Errorf("schema %s: %w", n, err)
		}
		sch, err := c.Compile(url)
		if err != nil {
			return nil, fmt.Errorf("schema %s: %w", n, err)
		}
		s.byName[strings.TrimSuffix(n, site.SchemaSuffix)] = sch
	}
	return s, nil
}

// UnknownKey is how a schema closes a table to keys it does not list:
// "additionalProperties": {"$ref": UnknownKey}, a definition that no value
// passes. It means what "additionalProperties": false means, but an editor
// then marks a misspelt key once, on its own line, where false makes Taplo
// mark every line of the table.
const UnknownKey = "#/definitions/unknown_key"

// closeTables turns each additionalProperties that refers to UnknownKey
// into false, so that the build names the key itself and suggests the one
// meant, as it does for false.
func closeTables(schema any) {
	switch s := schema.(type) {
	case map[string]any:
		for k, v := range s {
			if ap, ok := v.(map[string]any); ok && k == "additionalProperties" && len(ap) == 1 && ap["$ref"] == UnknownKey {
				s[k] = false
				continue
			}
			closeTables(v)
		}
	case []any:
		for _, v := range s {
			closeTables(v)
		}
	}
}

// Default returns the schemas embedded from the schemas/ folder. A schema
// that does not compile is a bug in the program, so it panics.
var Default = sync.OnceValue(func() *Schemas {
	s, err := Compile(schemas.FS)
	if err != nil {
		panic("validate: " + err.Error())
	}
	return s
})

// Required lists the keys a record of type name must have.
func (s *Schemas) Required(name string) []string {
	if sch := deref(s.byName[name]); sch != nil {
		return slices.Clone(sch.Required)
	}
	return nil
}

// Check validates doc, a document as BurntSushi/toml decodes it, against
// the schema of record type name. It returns nil when doc is valid.
func (s *Schemas) Check(name string, doc map[string]any) []site.Problem {
	sch := s.byName[name]
	if sch == nil {
		panic("validate: no schema for " + name)
	}
	v := site.Normalize(doc)
	err := sch.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []site.Problem{{Msg: err.Error()}}
	}
	var found []problem
	for _, leaf := range leaves(ve, nil) {
		found = append(found, explain(sch, v, leaf)...)
	}
	found = misspelt(found)
	slices.SortFunc(found, func(a, b problem) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Msg, b.Msg))
	})
	found = slices.CompactFunc(found, func(a, b problem) bool {
		return a.Path == b.Path && a.Msg == b.Msg
	})
	out := make([]site.Problem, len(found))
	for i, p := range found {
		out[i] = site.Problem{Path: p.Path, AtKey: p.AtKey, Msg: p.Msg, Hint: p.Hint}
	}
	return out
}

// misspelt drops the "missing key" problem that a misspelt key explains:
// ownr = "kdavies" is one mistake, not an unknown key and a missing owner.
func misspelt(ps []problem) []problem {
	explained := map[string]bool{}
	for _, p := range ps {
		if p.suggested != "" {
			explained[join(parent(p.Path), p.suggested)] = true
		}
	}
	return slices.DeleteFunc(ps, func(p problem) bool {
		return p.missing != "" && explained[join(p.Path, p.missing)]
	})
}

func parent(p string) string {
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

// at returns the value at location in v, or nil.
func at(v any, location []string) any {
	for _, k := range location {
		switch c := v.(type) {
		case map[string]any:
			v = c[k]
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(c) {
				return nil
			}
			v = c[i]
		default:
			return nil
		}
	}
	return v
}

// schemaAt follows the schema along an instance location: into properties
// of objects and items of arrays, through references.
func schemaAt(sch *jsonschema.Schema, location []string) *jsonschema.Schema {
	for _, k := range location {
		sch = deref(sch)
		if sch == nil {
			return nil
		}
		if p, ok := sch.Properties[k]; ok {
			sch = p
			continue
		}
		items, _ := sch.Items.(*jsonschema.Schema)
		if items == nil {
			return nil
		}
		sch = items
	}
	return deref(sch)
}

func deref(sch *jsonschema.Schema) *jsonschema.Schema {
	for sch != nil && sch.Ref != nil {
		sch = sch.Ref
	}
	return sch
}

// explain turns one failed keyword into problems in a practice manager's
// words.
func explain(root *jsonschema.Schema, doc any, e *jsonschema.ValidationError) []problem {
	loc := e.InstanceLocation
	p := strings.Join(loc, ".")
	key := site.KeyName(p)
	here := schemaAt(root, loc)
	one := func(hint, format string, args ...any) []problem {
		return []problem{{Path: p, Msg: fmt.Sprintf(format, args...), Hint: hint}}
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Type:
		return one(typeHint(k.Want, here, at(doc, loc), loc), "%s must be %s, not %s",
			key, want(k.Want, here), typeName(at(doc, loc)))
	case *kind.Required:
		var out []problem
		where := "this file"
		if p != "" {
			where = key
		}
		for _, m := range k.Missing {
			out = append(out, problem{Path: p, missing: m, Hint: addHint(here, p, m),
				Msg: fmt.Sprintf("%s is missing %s, which is required", where, describeKey(here, p, m))})
		}
		return out
	case *kind.AdditionalProperties:
		known := propertyNames(here)
		var out []problem
		for _, u := range k.Properties {
			up := join(p, u)
			pr := problem{Path: up, AtKey: true, Msg: "unknown key " + site.KeyName(up)}
			if _, isTable := at(doc, append(slices.Clone(loc), u)).(map[string]any); isTable {
				pr.Msg = "unknown table [" + site.KeyName(up) + "]"
			}
			if u == "" {
				pr.Msg = `empty key ""`
				pr.Hint = "give the value a name, such as owner = ..."
			} else if best := site.Closest(u, known); best != "" {
				pr.suggested = best
				pr.Hint = fmt.Sprintf("did you mean %q?", best)
			} else if _, top := deref(root).Properties[u]; top && p != "" {
				// TOML puts every key after a [table] header in that table.
				pr.Hint = fmt.Sprintf("%s belongs at the top of the file, above the first [table] header: after a header, every key is part of that table", u)
			} else if elsewhere := find(root, u, nil); len(elsewhere) > 0 {
				pr.Hint = fmt.Sprintf("%s belongs in %s", u, strings.Join(elsewhere, " or "))
			} else {
				pr.Hint = "the keys allowed here are " + strings.Join(known, ", ")
			}
			out = append(out, pr)
		}
		return out
	case *kind.Enum:
		var values []string
		for _, w := range k.Want {
			values = append(values, fmt.Sprint(w))
		}
		hint := ""
		if s, ok := k.Got.(string); ok {
			hint = site.Suggest(s, values)
		}
		if hint == "" {
			hint = "choose one of " + strings.Join(values, ", ")
		}
		return one(hint, "%s: %s is not one of the allowed values", key, show(k.Got))
	case *kind.Format:
		return explainFormat(p, key, k)
	case *kind.MinLength:
		return one("", "%s must not be empty", key)
	case *kind.MinItems:
		return one("", "%s must list at least one entry", key)
	case *kind.Pattern:
		if strings.TrimSpace(k.Got) == "" {
			return one("", "%s must not be empty", key)
		}
		if strings.ContainsAny(k.Got, "\n\r\t") && strings.Contains(k.Want, `[^\n\r\t]`) {
			return one("write it on one line, without tabs: a longer text has a field of its own",
				"%s must be one line of text", key)
		}
		if strings.HasSuffix(k.Want, "[mhdw]$") { // a duration or a delay
			if tooLong.MatchString(k.Got) {
				return one(`write at most four digits before the unit: "9999w" is already longer than any plan measures`,
					"%s: %q is longer than handbook measures", key, k.Got)
			}
			return one(`write a whole number and a unit: "30m", "4h", "2d" or "1w"`,
				"%s: %q is not a length of time", key, k.Got)
		}
		return one(describe(here), "%s: %q is not written as expected", key, k.Got)
	case *kind.UniqueItems:
		dup := at(doc, append(slices.Clone(loc), strconv.Itoa(k.Duplicates[1])))
		ip := join(p, strconv.Itoa(k.Duplicates[1]))
		return []problem{{Path: ip, Msg: fmt.Sprintf("%s lists %s twice", key, show(dup)),
			Hint: "remove the repeated entry"}}
	case *kind.Minimum:
		return one("", "%s must be at least %s", key, ratString(k.Want))
	case *kind.Maximum:
		return one("", "%s must be at most %s", key, ratString(k.Want))
	case *kind.MaxLength:
		return one("shorten it", "%s is too long: at most %d characters", key, k.Want)
	}
	return one("", "%s: %s", key, e.Error())
}

func explainFormat(p, key string, k *kind.Format) []problem {
	got := fmt.Sprint(k.Got)
	switch k.Want {
	case "date":
		const hint = "dates are written 2026-03-31"
		if len(got) > 10 && strings.ContainsAny(got[10:], "T: ") {
			if _, err := time.Parse(time.DateOnly, got[:10]); err == nil {
				return []problem{{Path: p, Hint: hint + ", without a time of day",
					Msg: fmt.Sprintf("%s must be a date without a time of day", key)}}
			}
		}
		if y, m, _, ok := dateParts(got); ok {
			if m < 1 || m > 12 {
				return []problem{{Path: p, Hint: "check the month: 01 to 12",
					Msg: fmt.Sprintf("%s: there is no month %02d in %s", key, m, got)}}
			}
			return []problem{{Path: p, Hint: "check the day of the month",
				Msg: fmt.Sprintf("%s: there is no date %s: %s %d has %d days", key, got, time.Month(m), y,
					time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day())}}
		}
		return []problem{{Path: p, Hint: hint,
			Msg: fmt.Sprintf("%s must be a date, not %q", key, got)}}
	case "email":
		return []problem{{Path: p, Hint: "write one address, such as kate.davies@example.nhs.uk",
			Msg: fmt.Sprintf("%s: %q is not an email address", key, got)}}
	case "uri":
		return []problem{{Path: p, Hint: "write the whole address, starting https://",
			Msg: fmt.Sprintf("%s: %q is not a web address", key, got)}}
	}
	return []problem{{Path: p, Msg: fmt.Sprintf("%s: %q is not a valid %s", key, got, k.Want)}}
}

func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return r.FloatString(2)
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

func show(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v)
}

func propertyNames(sch *jsonschema.Schema) []string {
	if sch == nil {
		return nil
	}
	names := make([]string, 0, len(sch.Properties))
	for n := range sch.Properties {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func isArray(sch *jsonschema.Schema) bool {
	return sch.Types != nil && slices.Contains(sch.Types.ToStrings(), "array")
}

func isObject(sch *jsonschema.Schema) bool {
	return sch != nil && sch.Types != nil && slices.Contains(sch.Types.ToStrings(), "object")
}

func isDate(sch *jsonschema.Schema) bool {
	return sch != nil && sch.Format != nil && sch.Format.Name == "date"
}

// describeKey names a missing key the way it would be written: key,
// [table] or [[table]].
func describeKey(parent *jsonschema.Schema, parentPath, k string) string {
	full := site.KeyName(join(parentPath, k))
	var sch *jsonschema.Schema
	if parent != nil {
		sch = deref(parent.Properties[k])
	}
	switch {
	case sch == nil:
	case isObject(sch):
		return "table [" + full + "]"
	case isArray(sch):
		if items, _ := sch.Items.(*jsonschema.Schema); items != nil && isObject(deref(items)) {
			return "table [[" + full + "]]"
		}
	}
	return "key " + full
}

// addHint says how to add missing key k to the table at parentPath.
func addHint(parent *jsonschema.Schema, parentPath, k string) string {
	if parent == nil {
		return ""
	}
	sch := deref(parent.Properties[k])
	if sch == nil {
		return ""
	}
	full := site.KeyName(join(parentPath, k))
	switch {
	case isObject(sch):
		return "add a table [" + full + "]"
	case isArray(sch):
		if items, _ := sch.Items.(*jsonschema.Schema); items != nil && isObject(deref(items)) {
			return "add at least one [[" + full + "]] table"
		}
	}
	if d := describe(parent.Properties[k]); d != "" {
		return "add " + k + ": " + site.LowerFirst(d)
	}
	return "add " + k + " = ..."
}

// find lists the tables, written as a reader would ([support],
// [[steps]]), whose schema has a property named key.
func find(sch *jsonschema.Schema, key string, path []string) []string {
	sch = deref(sch)
	if sch == nil || len(path) > 4 {
		return nil
	}
	var out []string
	if _, ok := sch.Properties[key]; ok && len(path) > 0 {
		name := strings.Join(path, ".")
		out = append(out, "["+name+"]")
	}
	for _, n := range propertyNames(sch) {
		child := deref(sch.Properties[n])
		if child == nil {
			continue
		}
		if isArray(child) {
			if items, _ := child.Items.(*jsonschema.Schema); items != nil && isObject(deref(items)) {
				for _, f := range find(items, key, append(slices.Clone(path), n)) {
					out = append(out, "["+f+"]")
				}
			}
			continue
		}
		if isObject(child) {
			out = append(out, find(child, key, append(slices.Clone(path), n))...)
		}
	}
	return out
}

// describe is the first sentence of a schema's description, as a hint.
func describe(sch *jsonschema.Schema) string {
	if sch == nil {
		return ""
	}
	d, _, _ := strings.Cut(sch.Description, ". ")
	return strings.TrimSuffix(d, ".")
}

// typeWords are the JSON types in a practice manager's words.
var typeWords = map[string]string{
	"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
	"array": "a list", "object": "a table", "null": "nothing",
}

// want names the JSON types a schema wants in a practice manager's words.
func want(types []string, sch *jsonschema.Schema) string {
	if isDate(sch) {
		return "a date"
	}
	words := make([]string, len(types))
	for i, t := range types {
		words[i] = cmp.Or(typeWords[t], t)
	}
	return strings.Join(words, " or ")
}

// typeName describes a value's type in a practice manager's words.
func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return typeWords["string"]
	case int64, int:
		return typeWords["integer"]
	case float64:
		if v == math.Trunc(v) {
			return typeWords["integer"]
		}
		return "a decimal number"
	case bool:
		return typeWords["boolean"]
	case []any:
		return typeWords["array"]
	case map[string]any:
		return typeWords["object"]
	case nil:
		return typeWords["null"]
	}
	return fmt.Sprintf("%T", v)
}

func typeHint(types []string, sch *jsonschema.Schema, got any, loc []string) string {
	if isDate(sch) {
		return "dates are written 2026-03-31"
	}
	key := "value"
	if len(loc) > 0 {
		key = loc[len(loc)-1]
	}
	wants := func(t string) bool { return slices.Contains(types, t) }
	switch got := got.(type) {
	case string:
		switch {
		case wants("integer"):
			return "write the number without quotes"
		case wants("boolean"):
			return "write true or false without quotes"
		case wants("array") && isObject(itemsOf(sch)):
			return fmt.Sprintf("write each entry as a [[%s]] block, with its settings on the lines below it", key)
		case wants("array"):
			return fmt.Sprintf("write a list in square brackets: %s = [%q]", key, got)
		}
	case []any:
		switch {
		case wants("string"):
			return fmt.Sprintf(`give one value in double quotes, not a list: %s = "..."`, key)
		case wants("object"):
			return fmt.Sprintf("write [%s] once, as one table, not [[%s]]", key, key)
		}
	case map[string]any:
		switch {
		case wants("string"):
			return fmt.Sprintf(`write %s = "..." on one line, not as a table`, key)
		case wants("array"):
			return fmt.Sprintf("write [[%s]] for each entry, not [%s]", key, key)
		}
	case float64:
		if wants("integer") {
			return "write a whole number, such as 6"
		}
		if wants("string") {
			return "put the value in double quotes"
		}
	default:
		if wants("string") {
			return "put the value in double quotes"
		}
	}
	return ""
}

// tooLong is a duration of more digits than its schema allows.
var tooLong = regexp.MustCompile(`^[0-9]{5,}[mhdw]$`)

// dateParts reads s as YYYY-MM-DD without checking the month or day.
func dateParts(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:])
	return y, m, d, err1 == nil && err2 == nil && err3 == nil
}

// itemsOf is the schema of the items of the array schema sch, or nil.
func itemsOf(sch *jsonschema.Schema) *jsonschema.Schema {
	if sch == nil {
		return nil
	}
	sch = deref(sch)
	if sch.Items2020 != nil {
		return deref(sch.Items2020)
	}
	if it, ok := sch.Items.(*jsonschema.Schema); ok {
		return deref(it)
	}
	return nil
}
