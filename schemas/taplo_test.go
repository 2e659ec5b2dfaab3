package schemas_test

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// taplo finds the Taplo command line, the checker behind the "Even Better
// TOML" editor extension. It skips the test when Taplo is missing, or fails
// it when $CI is set: .ci/run installs it.
func taplo(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("taplo")
	if err == nil {
		return path
	}
	const install = "npm install --global @taplo/cli@0.7.0"
	if os.Getenv("CI") != "" {
		t.Fatalf("taplo is not installed; %s", install)
	}
	t.Skipf("taplo is not installed; to run this test: %s", install)
	return ""
}

// taploError is one error as Taplo's check prints it: a message, then the
// file:line:col it points at.
type taploError struct {
	msg, file string
	line      int
}

var (
	taploMessage = regexp.MustCompile(`(?m)^error: (.*)$`)
	taploWhere   = regexp.MustCompile(`(?m)^\s*┌─ (.*):(\d+):(\d+)$`)
)

// runTaplo checks files with Taplo and returns the errors it prints, one
// for each place it marks.
func runTaplo(t *testing.T, dir string, args ...string) []taploError {
	t.Helper()
	cmd := exec.Command(taplo(t), append([]string{"check", "--colors", "never"}, args...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("taplo: %v", err)
	}
	var found []taploError
	msgs := taploMessage.FindAllStringSubmatchIndex(string(out), -1)
	for i, m := range msgs {
		end := len(out)
		if i+1 < len(msgs) {
			end = msgs[i+1][0]
		}
		e := taploError{msg: string(out[m[2]:m[3]])}
		if w := taploWhere.FindSubmatch(out[m[1]:end]); w != nil {
			e.file = string(w[1])
			e.line, _ = strconv.Atoi(string(w[2]))
		}
		found = append(found, e)
	}
	if (err != nil) != (len(found) > 0) {
		t.Fatalf("taplo exited with %v but printed %d errors:\n%s", err, len(found), out)
	}
	return found
}

// TestTaploAcceptsExample checks the example site with Taplo as an editor
// would, through .taplo.toml and each file's #:schema line: the editor
// and the build agree that every record is valid.
func TestTaploAcceptsExample(t *testing.T) {
	t.Parallel()
	for _, e := range runTaplo(t, "..") {
		t.Errorf("%s:%d: %s", e.file, e.line, e.msg)
	}
}

// misspelling is a copy of an example record with one key misspelt.
type misspelling struct {
	record, from string
	line         int    // the misspelt key's line, from 1
	key, wrong   string // the key and how it is misspelt
}

// scalarKey matches a line that gives a key a value on the same line: a
// string, number, boolean or date, not a list or inline table.
var scalarKey = regexp.MustCompile(`^([a-z_]+) = ["0-9tf]`)

// TestEditorMarksMisspeltKeyOnce misspells keys in a record of every type,
// at the top of the file and inside a [table], and checks that Taplo marks
// each once, on its own line. A required key misspelt is also missing: that
// is a second error, about the whole table.
func TestEditorMarksMisspeltKeyOnce(t *testing.T) {
	t.Parallel()
	taplo(t)
	byType := map[string][]string{}
	for file, record := range exampleRecords(t) {
		if strings.HasSuffix(file, ".toml") {
			byType[record] = append(byType[record], file)
		}
	}
	dir := t.TempDir()
	var cases []misspelling
	for _, record := range slices.Sorted(maps.Keys(byType)) {
		files := byType[record]
		slices.Sort(files)
		var top, nested bool
		for _, file := range files {
			src, err := os.ReadFile(filepath.Join("..", file))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(src), "\n")
			table := ""
			for i, l := range lines {
				if strings.HasPrefix(l, "[") {
					table = l
					continue
				}
				m := scalarKey.FindStringSubmatch(l)
				if m == nil || (table == "" && top) || (table != "" && nested) {
					continue
				}
				key := m[1]
				wrong := key[:len(key)-2] + key[len(key)-1:] + key[len(key)-2:len(key)-1]
				if wrong == key {
					continue
				}
				c := misspelling{record: record, from: file, line: i + 1, key: key, wrong: wrong}
				changed := slices.Clone(lines)
				changed[0] = "#:schema " + filepath.Join(must(filepath.Abs(".")), schemaFile(record))
				changed[i] = wrong + strings.TrimPrefix(l, key)
				name := fmt.Sprintf("%s-%d.toml", record, len(cases))
				if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Join(changed, "\n")), 0o644); err != nil {
					t.Fatal(err)
				}
				cases = append(cases, c)
				top, nested = top || table == "", nested || table != ""
			}
		}
		if !top && !nested {
			t.Errorf("%s: no example record has a key = value line to misspell", record)
		}
	}
	var names []string
	for i, c := range cases {
		names = append(names, fmt.Sprintf("%s-%d.toml", c.record, i))
	}
	marks := map[string][]taploError{}
	for _, e := range runTaplo(t, dir, append([]string{"--no-auto-config"}, names...)...) {
		marks[filepath.Base(e.file)] = append(marks[filepath.Base(e.file)], e)
	}
	for i, c := range cases {
		var unknown, other []taploError
		for _, e := range marks[names[i]] {
			if strings.Contains(e.msg, "unknown key") {
				unknown = append(unknown, e)
			} else if e.msg != strconv.Quote(c.key)+" is a required property" {
				other = append(other, e)
			}
		}
		if len(unknown) != 1 || unknown[0].line != c.line {
			t.Errorf("%s:%d: %s misspelt %s: Taplo marks the unknown key on lines %v, want once, on line %d",
				c.from, c.line, c.key, c.wrong, lines(unknown), c.line)
		}
		for _, e := range other {
			t.Errorf("%s:%d: %s misspelt %s: Taplo also says %q on line %d", c.from, c.line, c.key, c.wrong, e.msg, e.line)
		}
	}
}

func lines(errs []taploError) []int {
	var out []int
	for _, e := range errs {
		out = append(out, e.line)
	}
	return out
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
