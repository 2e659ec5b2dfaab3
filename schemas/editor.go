package schemas

import (
	"fmt"
	"strings"
)

// The files besides the schemas that let an editor check a site's records
// as they are typed: Taplo's settings, which give each file its schema,
// and VS Code's recommendation of the extension that reads them. handbook
// new site writes them into a new site; the repository's own copies are
// these texts, which the tests check.
const (
	TaploFile      = ".taplo.toml"
	ExtensionsFile = ".vscode/extensions.json"
)

// Extensions is the text of ExtensionsFile.
const Extensions = `{
  "recommendations": ["tamasfe.even-better-toml"]
}
`

// taploRule gives the files matching include, but not exclude, the schema
// of record type name.
type taploRule struct {
	name             string
	include, exclude []string
}

// sharedOnly leaves out the shared folders and deeper ones, for a file at
// the top of a practice's folder.
var sharedOnly = []string{"content/organisations/**", "content/courses/**", "content/*/*/**"}

var taploRules = []taploRule{
	{"handbook", []string{"handbook.toml"}, nil},
	{"organisation", []string{"content/organisations/*.toml"}, nil},
	{"course", []string{"content/courses/*.toml"}, nil},
	{"practice", []string{"content/*/practice.toml"}, sharedOnly},
	{"roles", []string{"content/*/roles.toml"}, sharedOnly},
	{"training", []string{"content/*/training.toml"}, sharedOnly},
	{"person", []string{"content/*/people/*.toml"}, nil},
	{"service", []string{"content/*/services/*.toml"}, nil},
	{"runbook", []string{"content/*/runbooks/*.toml"}, nil},
	{"exercise", []string{"content/*/exercises/*.toml"}, nil},
	{"review", []string{"content/*/reviews/*.toml"}, nil},
	{"incident", []string{"content/*/incidents/*.toml"}, nil},
	{"change", []string{"content/*/changes/*.toml"}, nil},
	{"asset", []string{"content/*/assets/*.toml"}, nil},
}

const taploHead = `# Settings for Taplo, the TOML checker behind "Even Better TOML" in VS Code.
#
# Each file under content/ names its schema on its first line
# (#:schema ../../schemas/service.schema.json) and that line wins. The rules
# below give the same schemas to a new file that has no such line yet.
# Paths are relative to the site folder (the folder opened in VS Code).
#
# Taplo's "*" also matches "/", so the rules for practice.toml, roles.toml
# and training.toml leave out the shared folders and any deeper folder: a
# course named roles.toml or a person named practice.toml keeps its own
# schema.

include = ["handbook.toml", "content/**/*.toml"]

# Keep lists the way they are written, on one line or one item per line:
# with these two settings formatting leaves the example content unchanged.
[formatting]
array_auto_expand = false
array_auto_collapse = false
`

// TaploConfig is the text of TaploFile.
func TaploConfig() string {
	var b strings.Builder
	b.WriteString(taploHead)
	list := func(globs []string) string {
		return `["` + strings.Join(globs, `", "`) + `"]`
	}
	for _, r := range taploRules {
		fmt.Fprintf(&b, "\n[[rule]]\nname = %q\ninclude = %s\n", r.name, list(r.include))
		if r.exclude != nil {
			fmt.Fprintf(&b, "exclude = %s\n", list(r.exclude))
		}
		fmt.Fprintf(&b, "schema.path = \"schemas/%s.schema.json\"\n", r.name)
	}
	return b.String()
}
