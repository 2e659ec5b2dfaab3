package scaffold

import (
	"bytes"
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

// TestUnedited checks that a record is known as Record's own until any
// byte of it changes.
func TestUnedited(t *testing.T) {
	data, err := Record("service", Options{Today: site.NewDate(2026, 12, 6), Header: "../../../schemas/service.schema.json"})
	if err != nil {
		t.Fatal(err)
	}
	if !Unedited(data) {
		t.Fatalf("a record as written is not Unedited:\n%s", data)
	}
	edits := map[string][]byte{
		"a value changed":      bytes.Replace(data, []byte(`"TO DO:`), []byte(`"Done:`), 1),
		"a line added":         append(bytes.Clone(data), "deputy = \"kdavies\"\n"...),
		"a line added on top":  append([]byte("# mine\n"), data...),
		"the stamp's date":     bytes.Replace(data, []byte("on 2026-12-06"), []byte("on 2026-12-07"), 1),
		"Windows line endings": bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")),
		"no stamp":             data[:bytes.LastIndex(data, []byte(stampIntro))],
		"nothing":              nil,
	}
	for what, edited := range edits {
		if Unedited(edited) {
			t.Errorf("%s: still Unedited", what)
		}
	}
}

// TestLiteral checks that a string reads as written, and decodes as
// TOML to what it was, whatever it holds.
func TestLiteral(t *testing.T) {
	if got := Literal("Smith & Jones <Surgery>"); got != `"Smith & Jones <Surgery>"` {
		t.Errorf("Literal = %s, want the text as it is", got)
	}
	for _, s := range []string{"Siân's \"quoted\" C:\\path", "two\nlines\tand a tab", "bell\a del\x7f", "\u202eright to left"} {
		var v struct{ K string }
		if _, err := toml.Decode("K = "+Literal(s), &v); err != nil || v.K != s {
			t.Errorf("Literal(%q) = %s decodes to %q (%v)", s, Literal(s), v.K, err)
		}
	}
}
