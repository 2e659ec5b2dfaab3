// Package scaffold writes new records from their JSON Schemas: every
// required key, in the schema's order, each under a comment with its
// description, with a value that passes the schema (its default, its first
// choice, today's date, an id of the practice for a reference, or a
// "TO DO" text saying what to write). A record type added to schemas/ gets
// its scaffold with no code of its own. A service ends with a stamp by
// which Unedited tells it has not been edited since. Doc, the writer of
// keys under comments, also writes the records of handbook import. It
// does no I/O but reading the embedded schemas.
package scaffold

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/schemas"
)

// Options say what a new record holds besides its placeholders.
type Options struct {
	// Today dates the record's dates.
	Today site.Date
	// Refs gives the id to write for a reference to a record of each kind
	// ("person", "service", "runbook", "organisation", "course"); a kind
	// left out gets a TO DO text, which check reports.
	Refs map[string]string
	// Values sets keys by path, optional ones included ("name",
	// "roles.0.holder", "sites.0.name"); a list value sets a list.
	Values map[string]any
	// Header is the #:schema path written on the first line, relative to
	// the new file: "../../../schemas/service.schema.json".
	Header string
}

// Kinds are the record types with a schema, in the order of the README.
func Kinds() []string {
	return []string{"practice", "roles", "training", "person", "service", "runbook", "exercise",
		"incident", "change", "asset", "review", "page", "organisation", "course"}
}

// Record returns a new record of kind (the name of its schema) as TOML.
func Record(kind string, opt Options) ([]byte, error) {
	root, err := load(kind)
	if err != nil {
		return nil, err
	}
	w := &writer{opt: opt, defs: root.object("definitions")}
	if opt.Header != "" {
		fmt.Fprintf(&w.buf, "#:schema %s\n", opt.Header)
	}
	if d := root.str("description"); d != "" {
		w.Comment(firstSentences(d, 2))
	}
	w.table("", root)
	if kind != "service" {
		return w.Bytes(), nil
	}
	// handbook import may replace a service nobody has edited.
	return stamp(w.Bytes(), opt.Today), nil
}

// stampIntro begins the comment Record ends each record with.
const stampIntro = "\n# Written by handbook new on "

// stamp ends data with the date and a checksum of both, so that Unedited
// can tell the record is still as written.
func stamp(data []byte, today site.Date) []byte {
	sum := sha256.Sum256(append([]byte(today.String()+"\n"), data...))
	return fmt.Appendf(data, "%s%s (checksum %x). While the file is as\n"+
		"# written, handbook import may replace it with a row of your register.\n", stampIntro, today, sum[:8])
}

// stampDate finds the date in a stamp's first line.
var stampDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)

// Unedited reports whether data is a record as Record wrote it: it ends
// with Record's stamp, and no line above the stamp has changed. Such a
// file holds nothing its user wrote, so a command may replace it.
func Unedited(data []byte) bool {
	i := bytes.LastIndex(data, []byte(stampIntro))
	if i < 0 {
		return false
	}
	d, err := site.ParseDate(string(stampDate.Find(data[i+len(stampIntro):])))
	return err == nil && bytes.Equal(stamp(bytes.Clone(data[:i]), d), data)
}

// load reads the schema of kind, keeping the order of its keys.
func load(kind string) (*node, error) {
	data, err := schemas.FS.ReadFile(kind + ".schema.json")
	if err != nil {
		return nil, fmt.Errorf("no record type %q: choose one of %s", kind, strings.Join(Kinds(), ", "))
	}
	v, err := decode(json.NewDecoder(bytes.NewReader(data)))
	if err != nil {
		return nil, fmt.Errorf("schemas/%s.schema.json: %w", kind, err)
	}
	n, ok := v.(*node)
	if !ok {
		return nil, fmt.Errorf("schemas/%s.schema.json is not an object", kind)
	}
	return n, nil
}

// node is a JSON object with its keys in the order written.
type node struct {
	keys []string
	vals map[string]any
}

func (n *node) object(k string) *node {
	if n == nil {
		return nil
	}
	o, _ := n.vals[k].(*node)
	return o
}

func (n *node) str(k string) string {
	if n == nil {
		return ""
	}
	s, _ := n.vals[k].(string)
	return s
}

func (n *node) list(k string) []any {
	if n == nil {
		return nil
	}
	l, _ := n.vals[k].([]any)
	return l
}

func (n *node) number(k string) (float64, bool) {
	if n == nil {
		return 0, false
	}
	f, ok := n.vals[k].(float64)
	return f, ok
}

// decode reads one JSON value, objects as *node.
func decode(d *json.Decoder) (any, error) {
	t, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t {
	case json.Delim('{'):
		n := &node{vals: map[string]any{}}
		for d.More() {
			kt, err := d.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			v, err := decode(d)
			if err != nil {
				return nil, err
			}
			n.keys = append(n.keys, k)
			n.vals[k] = v
		}
		_, err := d.Token()
		return n, err
	case json.Delim('['):
		var l []any
		for d.More() {
			v, err := decode(d)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		_, err := d.Token()
		return l, err
	}
	return t, nil
}

type writer struct {
	Doc
	opt  Options
	defs *node
}

// resolve follows a local $ref, and says the name of the definition.
func (w *writer) resolve(n *node) (*node, string) {
	if ref := n.str("$ref"); strings.HasPrefix(ref, "#/definitions/") {
		name := strings.TrimPrefix(ref, "#/definitions/")
		if def := w.defs.object(name); def != nil {
			// The property's own description is the more precise.
			merged := &node{keys: def.keys, vals: maps.Clone(def.vals)}
			if d := n.str("description"); d != "" {
				merged.vals["description"] = d
			}
			return merged, name
		}
	}
	return n, ""
}

// table writes the keys of the object schema n at path: the plain values
// first, then the tables and lists of tables, as TOML wants them.
func (w *writer) table(path string, n *node) {
	props := n.object("properties")
	if props == nil {
		return
	}
	required := map[string]bool{}
	for _, r := range n.list("required") {
		required[r.(string)] = true
	}
	var tables, optional []string
	for _, k := range props.keys {
		p, _ := w.resolve(props.object(k))
		full := join(path, k)
		if !required[k] && !w.set(full) {
			optional = append(optional, k)
			continue
		}
		if p.str("type") == "object" || w.tableList(p) {
			tables = append(tables, k)
			continue
		}
		w.key(full, k, props.object(k))
	}
	if len(optional) > 0 {
		w.Comment("Optional: " + strings.Join(optional, ", ") + ".")
	}
	for _, k := range tables {
		full := join(path, k)
		raw := props.object(k)
		p, _ := w.resolve(raw)
		w.buf.WriteByte('\n')
		if p.str("type") == "object" {
			w.Comment(firstSentences(p.str("description"), 2))
			fmt.Fprintf(&w.buf, "[%s]\n", header(full))
			w.table(full, p)
			continue
		}
		items, _ := w.resolve(p.object("items"))
		w.Comment(firstSentences(p.str("description"), 2))
		fmt.Fprintf(&w.buf, "[[%s]]\n", header(full))
		w.table(full+".0", items)
	}
}

// tableList reports whether the array schema p holds tables.
func (w *writer) tableList(p *node) bool {
	if p.str("type") != "array" {
		return false
	}
	items, _ := w.resolve(p.object("items"))
	return items != nil && items.str("type") == "object"
}

// set reports whether Options.Values sets path or a key under it.
func (w *writer) set(path string) bool {
	for k := range w.opt.Values {
		if k == path || strings.HasPrefix(k, path+".") {
			return true
		}
	}
	return false
}

// key writes one key of a plain value or a list of plain values, under
// its description.
func (w *writer) key(path, key string, raw *node) {
	p, def := w.resolve(raw)
	w.Comment(firstSentences(p.str("description"), 2))
	var value string
	guess := true // a value to check, not one the caller or the schema chose
	if v, ok := w.opt.Values[path]; ok {
		value, guess = Literal(v), false
	} else if p.str("type") == "array" {
		items, itemDef := w.resolve(p.object("items"))
		// A list of ids says what they name in its own description.
		value = "[" + w.value(items, itemDef, p.str("description")) + "]"
	} else {
		value = w.value(p, def, "")
		_, hasDefault := p.vals["default"]
		guess = !hasDefault
	}
	if guess && !strings.Contains(value, "TO DO") {
		value += " # TO DO: check"
	}
	fmt.Fprintf(&w.buf, "%s = %s\n", key, value)
}

// value is a TOML value that passes the schema p (of the definition def,
// if any), described as desc when p has no description of its own.
func (w *writer) value(p *node, def, desc string) string {
	if d, ok := p.vals["default"]; ok {
		return Literal(d)
	}
	if e := p.list("enum"); len(e) > 0 {
		return Literal(e[0])
	}
	desc = cmp.Or(p.str("description"), desc)
	switch p.str("type") {
	case "integer":
		// The description's example, "such as 6", else the least allowed.
		if m := example.FindStringSubmatch(desc); m != nil {
			return m[1]
		}
		n := 1.0
		if m, ok := p.number("minimum"); ok {
			n = max(n, m)
		}
		return strconv.Itoa(int(n))
	case "boolean":
		return "false"
	}
	switch {
	case p.str("format") == "date" || def == "date":
		return w.opt.Today.String()
	case def == "datetime":
		return w.opt.Today.String() + "T09:00:00"
	case def == "duration":
		return `"1d"`
	}
	if kind := refKind(desc); kind != "" {
		if id, ok := w.opt.Refs[kind]; ok {
			return Literal(id)
		}
	}
	what, _, _ := strings.Cut(strings.TrimSuffix(firstSentences(desc, 1), "."), ", such as")
	text := "TO DO: " + what
	if m, ok := p.number("maxLength"); ok && len(text) > int(m) {
		text = strings.TrimSpace(text[:int(m)])
	}
	return Literal(text)
}

// example finds a whole number given as an example in a description.
var example = regexp.MustCompile(`such as (\d+)\b`)

// refKind is the kind of record a reference names, by the words every
// schema uses to describe one: "the file name, without .toml, of someone
// in this practice's people/ folder".
func refKind(desc string) string {
	for _, k := range []struct{ words, kind string }{
		{"people/ folder", "person"},
		{"services/ folder", "service"},
		{"runbooks/ folder", "runbook"},
		{"content/organisations", "organisation"},
		{"content/courses", "course"},
	} {
		if strings.Contains(desc, k.words) {
			return k.kind
		}
	}
	return ""
}

// firstSentences is the first n sentences of s.
func firstSentences(s string, n int) string {
	end := 0
	for range n {
		i := strings.Index(s[end:], ". ")
		if i < 0 {
			return s
		}
		end += i + 1
	}
	return s[:end]
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// header is path as a TOML table header names it: without the indexes of
// list items, as a header inside a list of tables is about its last item.
func header(path string) string {
	parts := strings.Split(path, ".")
	out := parts[:0]
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err != nil {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}
