package cli

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/handbook-nhs/handbook/generator/pipeline"
	"github.com/handbook-nhs/handbook/generator/register"
	"github.com/handbook-nhs/handbook/generator/scaffold"
	"github.com/handbook-nhs/handbook/generator/site"
)

// siteIndex is what new and import need to know of a site: its folder,
// and the ids of its shared records and of its practices, to write
// references that resolve. It is read shallowly (register.ReadRecords),
// as the site need not build for new and import to run.
type siteIndex struct {
	source    string
	fsys      fs.FS
	orgs      []register.Record
	courses   []register.Record
	practices []string
}

// openSite reads the site at source, or says why it is no site.
func openSite(env Env, source string) (*siteIndex, int) {
	if _, err := os.Stat(filepath.Join(source, "handbook.toml")); err != nil {
		errorf(env, "%s is not a handbook site: it has no handbook.toml", source)
		hintf(env, "point --source at the site folder, the one holding handbook.toml")
		return nil, ExitError
	}
	fsys, err := pipeline.Dir(source)
	if err != nil {
		errorf(env, "%v", err)
		return nil, ExitError
	}
	return &siteIndex{source: source, fsys: fsys, practices: practiceIDs(fsys),
		orgs:    register.ReadRecords(fsys, "content/organisations"),
		courses: register.ReadRecords(fsys, "content/courses")}, ExitOK
}

// practiceIDs are the practices of the site in fsys: the folders of
// content/ that hold a practice.toml.
func practiceIDs(fsys fs.FS) []string {
	entries, _ := fs.ReadDir(fsys, "content")
	var ids []string
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "organisations" || e.Name() == "courses" || !site.ValidID(e.Name()) {
			continue
		}
		if info, err := fs.Stat(fsys, path.Join("content", e.Name(), "practice.toml")); err == nil && info.Mode().IsRegular() {
			ids = append(ids, e.Name())
		}
	}
	return ids
}

// choosePractice is the practice named by --practice, or the site's only
// one when none is named; for says what it is chosen for ("the new record
// belongs to", "the services are for").
func (s *siteIndex) choosePractice(env Env, named, forWhat string) (string, int) {
	switch {
	case named != "" && slices.Contains(s.practices, named):
		return named, ExitOK
	case named != "":
		errorf(env, "the site has no practice %q (no content/%s/practice.toml)", named, named)
		hintf(env, "%s", cmp.Or(site.Suggest(named, s.practices), s.practiceList()))
		return "", ExitError
	case len(s.practices) == 1:
		return s.practices[0], ExitOK
	case len(s.practices) == 0:
		errorf(env, "the site has no practice yet")
		hintf(env, `make one first with handbook new practice ODS-CODE "Name"`)
		return "", ExitError
	}
	errorf(env, "say which practice %s", forWhat)
	hintf(env, "add --practice, one of %s", strings.Join(s.practices, ", "))
	return "", ExitUsage
}

func (s *siteIndex) practiceList() string {
	if len(s.practices) == 0 {
		return `the site has no practice yet: make one with handbook new practice ODS-CODE "Name"`
	}
	return "the practices are " + strings.Join(s.practices, ", ")
}

// writeFiles writes files under the site folder for the command named:
// all of them or, when one cannot be written, none (those written are
// taken away again, and those replaced put back). None may exist but
// those that replace a service as handbook new wrote it, which must
// still be so: a file made or edited since the site was read is not
// overwritten, and then nothing is written. hint says what to do when a
// file exists.
func writeFiles(env Env, source, command, hint string, files []register.File) int {
	old := map[string][]byte{} // what each replaced file held
	for _, f := range files {
		p := filepath.Join(source, filepath.FromSlash(f.Path))
		if f.Replaces {
			data, err := os.ReadFile(p)
			if err != nil || !scaffold.Unedited(data) {
				errorf(env, "%s changed while handbook %s ran, so it is not replaced", f.Path, command)
				hintf(env, "run handbook %s again", command)
				errorf(env, "nothing was written")
				return ExitError
			}
			old[p] = data
			continue
		}
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			errorf(env, "%s exists: handbook %s never overwrites a file", f.Path, command)
			hintf(env, "%s", hint)
			errorf(env, "nothing was written")
			return ExitError
		}
	}
	var written []string
	undo := func(err error) int {
		for i := len(written) - 1; i >= 0; i-- {
			if data, ok := old[written[i]]; ok {
				replaceFile(written[i], data)
			} else {
				os.Remove(written[i])
			}
		}
		errorf(env, "%v", err)
		errorf(env, "nothing was written")
		return ExitError
	}
	for _, f := range files {
		p := filepath.Join(source, filepath.FromSlash(f.Path))
		if f.Replaces {
			if err := replaceFile(p, f.Data); err != nil {
				return undo(err)
			}
			written = append(written, p)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return undo(err)
		}
		// O_EXCL: a file made since the check above is not overwritten.
		out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return undo(err)
		}
		written = append(written, p)
		_, err = out.Write(f.Data)
		if err = errors.Join(err, out.Close()); err != nil {
			return undo(err)
		}
	}
	return ExitOK
}

// replaceFile writes data over the file p in one step: a reader sees the
// old file or the new one, never half of either. The file being written
// is named with a leading dot, which the build skips.
func replaceFile(p string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(p), ".handbook-*.toml")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	err = errors.Join(err, tmp.Chmod(0o644), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
