package pipeline

import (
	"bytes"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
)

// Merge returns the site old (sorted by path) with the parts a run that
// succeeded put, sorted by path, and the paths of the files added, changed
// or removed. When the run was whole (Result.Whole) its parts are the
// site; else each practice's part replaces every file of its folder, and
// the other files replace those of the same paths.
func Merge(old []site.File, parts []*Part, whole bool) (files []site.File, changed []string) {
	replaced := map[string]bool{}
	var made []site.File
	for _, p := range parts {
		if p.Practice != "" {
			replaced[p.Practice] = true
		}
		made = append(made, p.Files...)
	}
	slices.SortFunc(made, func(a, b site.File) int { return strings.Compare(a.Path, b.Path) })
	gone := func(p string) bool {
		top, _, _ := strings.Cut(p, "/")
		return whole || replaced[top]
	}
	files = make([]site.File, 0, max(len(old), len(made)))
	i, j := 0, 0
	for i < len(old) || j < len(made) {
		switch {
		case j == len(made) || i < len(old) && old[i].Path < made[j].Path:
			if gone(old[i].Path) {
				changed = append(changed, old[i].Path)
			} else {
				files = append(files, old[i])
			}
			i++
		case i == len(old) || made[j].Path < old[i].Path:
			files = append(files, made[j])
			changed = append(changed, made[j].Path)
			j++
		default:
			if !bytes.Equal(old[i].Data, made[j].Data) {
				changed = append(changed, made[j].Path)
			}
			files = append(files, made[j])
			i++
			j++
		}
	}
	return files, changed
}
