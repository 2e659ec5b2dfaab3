package site

import (
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Problem is one way a record breaks the JSON Schema of its kind.
type Problem struct {
	// Path is the key path of the offending value: keys joined with dots,
	// array elements numbered from 0 ("steps.1.actions").
	Path string
	// AtKey is set when the key itself is the mistake (an unknown key),
	// so the problem belongs at the key rather than its value.
	AtKey bool
	Msg   string
	Hint  string
}

// SchemaSuffix ends the name of every schema file: service.schema.json
// holds the schema of the record type "service".
const SchemaSuffix = ".schema.json"

// SchemaFile names the schema file of record type kind in a site, as a
// #:schema header names it: schemas/service.schema.json.
func SchemaFile(kind string) string { return path.Join("schemas", kind+SchemaSuffix) }

// SchemaHeader is the path a record's #:schema line gives for the file at
// file (relative to the site root, slash-separated) of record type kind:
// its schema, relative to the file's folder, such as
// "../../../schemas/service.schema.json".
func SchemaHeader(file, kind string) string {
	dir := path.Dir(file)
	if dir == "." {
		return SchemaFile(kind)
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1) + SchemaFile(kind)
}

// Normalize turns a value decoded by BurntSushi/toml into the JSON-like
// value the schemas describe: a local date becomes the text "2006-01-02",
// as editors present it; other date-times become RFC 3339 text, which a
// date field rejects; arrays of tables become plain lists; numbers that
// JSON cannot hold (nan, inf) become text.
//
// What needs no change is not copied: a table or list is the same one
// unless something in it changed.
func Normalize(v any) any {
	n, _ := normalize(v)
	return n
}

// normalize returns v normalized, and whether that is a new value.
func normalize(v any) (any, bool) {
	switch v := v.(type) {
	case map[string]any:
		var out map[string]any
		for k, e := range v {
			n, changed := normalize(e)
			if !changed {
				continue
			}
			if out == nil {
				out = make(map[string]any, len(v))
				for k, e := range v {
					out[k] = e
				}
			}
			out[k] = n
		}
		if out == nil {
			return v, false
		}
		return out, true
	case []map[string]any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i], _ = normalize(e)
		}
		return l, true
	case []any:
		var out []any
		for i, e := range v {
			n, changed := normalize(e)
			if !changed {
				continue
			}
			if out == nil {
				out = slices.Clone(v)
			}
			out[i] = n
		}
		if out == nil {
			return v, false
		}
		return out, true
	case time.Time:
		// BurntSushi/toml marks local values by the name of their zone.
		switch v.Location().String() {
		case "date-local":
			return v.Format(time.DateOnly), true
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05"), true
		case "time-local":
			return v.Format(time.TimeOnly), true
		}
		return v.Format(time.RFC3339), true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return strconv.FormatFloat(v, 'g', -1, 64), true
		}
	}
	return v, false
}
