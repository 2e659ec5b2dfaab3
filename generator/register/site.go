package register

import (
	"bytes"
	"io/fs"
	"path"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/handbook-nhs/handbook/generator/scaffold"
	"github.com/handbook-nhs/handbook/generator/site"
)

// ReadSite reads what an import matches a register against from the site
// in fsys: the ids and names of the people and services of the practice,
// and of the organisations. It reads no more of each file than that. A
// file that cannot be decoded is known by its id alone: it exists, so it
// is not written again. A folder that cannot be read holds nothing.
func ReadSite(fsys fs.FS, practice string) Site {
	return Site{
		People:        ReadRecords(fsys, path.Join("content", practice, "people")),
		Services:      ReadRecords(fsys, path.Join("content", practice, "services")),
		Organisations: ReadRecords(fsys, "content/organisations"),
	}
}

// ReadRecords lists the records of the folder dir of the site in fsys, by
// file order, each with the few keys a Record holds: what a command that
// writes records must know of those there, even where the site does not
// build.
func ReadRecords(fsys fs.FS, dir string) []Record {
	entries, _ := fs.ReadDir(fsys, dir)
	var out []Record
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok || !site.ValidID(id) {
			continue
		}
		r := Record{ID: id}
		if data, err := fs.ReadFile(fsys, path.Join(dir, e.Name())); err == nil && len(data) <= 1<<20 {
			r.Unedited = scaffold.Unedited(data)
			var v struct {
				Name       string `toml:"name"`
				JobTitle   string `toml:"job_title"`
				StaffGroup string `toml:"staff_group"`
				Status     string `toml:"status"`
				Kind       string `toml:"kind"`
			}
			if _, err := toml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, utf8BOM))).Decode(&v); err == nil {
				r.Name, r.JobTitle, r.StaffGroup, r.Leaver, r.Kind = v.Name, v.JobTitle, v.StaffGroup, v.Status == "leaver", v.Kind
			}
		}
		out = append(out, r)
	}
	return out
}
