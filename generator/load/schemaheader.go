package load

import (
	"bytes"
	"io/fs"
	"path"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// schemaHeader checks the "#:schema <path>" line an editor reads to find
// the schema of file p, a record of type kind, when the file has one. A
// header naming another record type's schema, or a path that misses the
// schemas folder, would leave the practice manager's editor checking the
// file against the wrong rules, or none. A path leading out of the site,
// a web address, or any path in a site with no schemas folder of its own,
// cannot be checked here beyond the schema's name.
func (l *loader) schemaHeader(p, kind string, data []byte, lineOffset int) {
	want := kind + site.SchemaSuffix
	line := lineOffset
	for raw := range bytes.Lines(data) {
		line++
		text := bytes.TrimSpace(raw)
		if len(text) == 0 {
			continue
		}
		rest, ok := bytes.CutPrefix(text, []byte("#:schema"))
		if !ok {
			if text[0] == '#' {
				continue
			}
			return // the header must come before the first key or table
		}
		fields := strings.Fields(string(rest))
		if len(fields) == 0 {
			return
		}
		target := fields[0]
		col := bytes.Index(raw, []byte(target)) + 1
		pos := site.Pos{File: p, Line: line, Col: col}
		fix := "write #:schema " + site.SchemaHeader(p, kind)
		if path.Base(target) != want {
			l.errs.Add(pos, fix, "the #:schema header names %s, but this file is a %s record", path.Base(target), kind)
			return
		}
		if strings.Contains(target, "://") || path.IsAbs(target) {
			return
		}
		resolved := path.Join(path.Dir(p), target)
		if strings.HasPrefix(resolved, "../") || resolved == ".." {
			return
		}
		// A site without its own copy of the schemas (they live with the
		// handbook program) cannot be checked for a wrong depth.
		if !l.ownSchemas {
			return
		}
		if _, err := fs.Stat(l.fsys, resolved); err != nil {
			l.errs.Add(pos, fix, "the #:schema header points at %s, which does not exist, so editors cannot check this file", resolved)
		}
		return
	}
}
