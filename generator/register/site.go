package register

import (
	"bytes"
	"io/fs"
	"path"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/site"
)

// ReadSite reads what an import matches a register against from the site
// in fsys: the ids and names of the people and services of the practice,
// and of the organisations. It reads no more of each file than that. A
// file that cannot be decoded is known by its id alone: it exists, so it
// is not written again. A folder that cannot be read holds nothing.
func ReadSite(fsys fs.FS, practice string) Site {
	return Site{
		People:        readRecords(fsys, path.Join("content", practice, "people")),
		Services:      readRecords(fsys, path.Join("content", practice, "services")),
		Organisations: readRecords(fsys, "content/organisations"),
	}
}

func readRecords(fsys fs.FS, dir string) []Record {
	entries, _ := fs.ReadDir(fsys, dir)
	var out []Record
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok || !site.ValidID(id) {
			continue
		}
		r := Record{ID: id}
		if data, err := fs.ReadFile(fsys, path.Join(dir, e.Name())); err == nil && len(data) <= 1<<20 {
			var v struct {
				Name     string `toml:"name"`
				JobTitle string `toml:"job_title"`
				Status   string `toml:"status"`
			}
			if _, err := toml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, utf8BOM))).Decode(&v); err == nil {
				r.Name, r.JobTitle, r.Leaver = v.Name, v.JobTitle, v.Status == "leaver"
			}
		}
		out = append(out, r)
	}
	return out
}
