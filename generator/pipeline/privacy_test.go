package pipeline

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/site"
)

// sensitiveValues are the values the example site gives the keys marked
// sensitive (site.SensitiveKeys), in every record, by the file they are
// in.
func sensitiveValues(t *testing.T) map[string][]string {
	t.Helper()
	values := map[string][]string{}
	keys := site.SensitiveKeys()
	if len(keys) == 0 {
		t.Fatal("no key is marked sensitive")
	}
	fsys := os.DirFS(exampleSite)
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".toml" {
			return err
		}
		var doc map[string]any
		if _, err := toml.DecodeFS(fsys, p, &doc); err != nil {
			return err
		}
		var walk func(v any)
		walk = func(v any) {
			switch v := v.(type) {
			case map[string]any:
				for k, x := range v {
					if s, ok := x.(string); ok && slices.Contains(keys, k) && s != "" {
						values[p] = append(values[p], s)
					}
					walk(x)
				}
			case []map[string]any:
				for _, x := range v {
					walk(x)
				}
			case []any:
				for _, x := range v {
					walk(x)
				}
			}
		}
		walk(doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(values) < 10 {
		t.Fatalf("the example holds %d sensitive values; the test needs the example's mobiles", len(values))
	}
	return values
}

// forms are the ways a value may be written in a file: as it is, and its
// digits alone (a tel: link, a search index).
func forms(v string) []string {
	digits := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, v)
	if len(digits) >= 6 && digits != v {
		return []string{v, digits}
	}
	return []string{v}
}

// TestNoSensitiveValueIsPublished greps every file of the example
// handbook, as built by default, for every sensitive value of the
// example: none is there. (TestPersonalMobiles checks what a private
// build prints.)
func TestNoSensitiveValueIsPublished(t *testing.T) {
	values := sensitiveValues(t)
	public := example(t)
	for _, f := range public.files {
		for file, vs := range values {
			for _, v := range vs {
				for _, form := range forms(v) {
					if bytes.Contains(f.Data, []byte(form)) {
						t.Errorf("%s holds %q, the sensitive value from %s", f.Path, form, file)
					}
				}
			}
		}
	}

}
