package site

import (
	"reflect"
	"strings"
	"sync"
)

// Field is a field of a record struct that holds a TOML key.
type Field struct {
	// Index is the field's index in the struct, Name its Go name and
	// Key its TOML key.
	Index     int
	Name, Key string
	// Sensitive is set on a field tagged sensitive:"true" (see the model's
	// tags): its value is never exported.
	Sensitive bool
}

var fields sync.Map // reflect.Type -> []Field

// Fields returns the fields of struct type t that hold TOML keys, in the
// order of the struct. The answer for each type is worked out once.
func Fields(t reflect.Type) []Field {
	if fs, ok := fields.Load(t); ok {
		return fs.([]Field)
	}
	var fs []Field
	for i := range t.NumField() {
		sf := t.Field(i)
		key, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		if key != "" && key != "-" {
			fs = append(fs, Field{Index: i, Name: sf.Name, Key: key, Sensitive: sf.Tag.Get("sensitive") == "true"})
		}
	}
	fields.Store(t, fs)
	return fs
}
