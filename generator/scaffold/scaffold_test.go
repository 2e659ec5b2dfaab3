package scaffold

import (
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/handbook-nhs/handbook/schemas"
)

// TestEveryKind checks that Kinds names every schema but the site's own
// configuration, and that each new record is TOML holding every required
// key: whether it passes check is for the cli's script new.txtar.
func TestEveryKind(t *testing.T) {
	files, err := fs.Glob(schemas.FS, "*.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		kind := strings.TrimSuffix(f, ".schema.json")
		if kind != "handbook" && !slices.Contains(Kinds(), kind) {
			t.Errorf("schema %s has no scaffold: add it to Kinds", f)
		}
	}
	for _, kind := range Kinds() {
		data, err := Record(kind, Options{Today: site.NewDate(2026, 12, 6), Refs: map[string]string{"person": "pm"}})
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		var m map[string]any
		if _, err := toml.Decode(string(data), &m); err != nil {
			t.Errorf("%s: not TOML: %v\n%s", kind, err, data)
			continue
		}
		root, _ := load(kind)
		for _, r := range root.list("required") {
			if _, ok := m[r.(string)]; !ok {
				t.Errorf("%s: no required key %s", kind, r)
			}
		}
	}
}

func TestValues(t *testing.T) {
	data, err := Record("roles", Options{Values: map[string]any{"roles.0.role": "dpo", "roles.0.holder": "pm"}})
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Roles []struct{ Role, Holder string }
	}
	if _, err := toml.Decode(string(data), &got); err != nil || len(got.Roles) != 1 || got.Roles[0] != (struct{ Role, Holder string }{"dpo", "pm"}) {
		t.Errorf("roles set by Values: got %+v (%v) from\n%s", got, err, data)
	}
	if _, err := Record("nothing", Options{}); err == nil || !strings.Contains(err.Error(), "choose one of") {
		t.Errorf("an unknown kind: %v", err)
	}
}
