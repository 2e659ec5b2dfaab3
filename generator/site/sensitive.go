package site

import (
	"reflect"
	"slices"
	"sync"
)

// SensitiveKeys are the TOML keys of the fields tagged sensitive:"true"
// in any record of a handbook, such as personal_mobile, sorted.
var SensitiveKeys = sync.OnceValue(func() []string {
	var keys []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for _, f := range Fields(t) {
			if f.Sensitive && !slices.Contains(keys, f.Key) {
				keys = append(keys, f.Key)
			}
		}
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				walk(t.Field(i).Type)
			}
		}
	}
	walk(reflect.TypeFor[Handbook]())
	walk(reflect.TypeFor[Practice]())
	slices.Sort(keys)
	return keys
})

// SensitiveKey reports whether key, or the key it is a near miss of,
// holds a sensitive value: a line setting it must not be shown.
func SensitiveKey(key string) bool {
	return slices.Contains(SensitiveKeys(), key) || Closest(key, SensitiveKeys()) != ""
}

// Redact clears the sensitive values of the people of pr: all of them
// unless keep is set, and those of leavers always, so that no page,
// export or printed copy made from pr can show them.
func (pr *Practice) Redact(keep bool) {
	for _, pe := range pr.People {
		if keep && !pe.IsLeaver() {
			continue
		}
		clearSensitive(reflect.ValueOf(pe).Elem())
	}
}

func clearSensitive(v reflect.Value) {
	for _, f := range Fields(v.Type()) {
		if f.Sensitive {
			fv := v.Field(f.Index)
			fv.Set(reflect.Zero(fv.Type()))
		}
	}
}
