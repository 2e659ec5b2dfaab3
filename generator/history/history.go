// Package history reads from git when each file of a site last changed:
// the author date of the last commit that touched it. It runs the git
// program, as Hugo does, a fixed number of times whatever the number of
// files: git rev-parse to find the repository, then one git log over the
// folder and one git status beside it (and in a shallow clone two more,
// to find its boundary). It reads the file system only through git, and
// writes nothing (git status takes no lock).
//
// A date is given only when it is true of the file as it is: files with
// changes not committed, untracked files, and, in a shallow clone, files
// last changed in the oldest commit it holds have none.
package history

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ErrNotRepository means that the folder is not in a git work tree.
var ErrNotRepository = errors.New("not in a git repository")

// ErrNoGit means that the folder is in a git repository but the git
// program is not installed (not on the PATH).
var ErrNoGit = errors.New("git is not installed")

// Log is what git knows of the files under a folder.
type Log struct {
	// Dates maps the path of each file, relative to the folder and
	// slash-separated, to the author date of the last commit that touched
	// it, in the author's time zone. It holds only files of the last
	// commit whose date is known (see the package comment).
	Dates map[string]time.Time
	// Shallow is set when the repository is a shallow clone that lacks
	// some of the history: git cannot tell whether a file in the clone's
	// oldest commit changed there or long before, so such files have no
	// date.
	Shallow bool
}

// Read asks git when each file under the folder dir last changed. It
// returns ErrNotRepository when dir is not in a git work tree, ErrNoGit
// when it is but git is not installed, and another error when git fails
// (such as a repository git refuses to read as its owner is someone
// else); with an error, the Log has no dates.
//
// Renames are not followed: a file renamed is dated by the commit that
// renamed it, as is any file by the last commit that touched its path.
// Commits are taken in git log's order (newest commit date first) and
// merge commits are skipped, as Hugo does: a change made on a branch is
// dated by its own commit, not by the merge.
func Read(ctx context.Context, dir string) (Log, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		if inRepository(dir) {
			return Log{}, fmt.Errorf("%w: %w", ErrNoGit, err)
		}
		return Log{}, ErrNotRepository
	}
	r := runner{ctx: ctx, git: git, dir: dir}
	where, err := r.output(nil, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix")
	if err != nil {
		// Git's messages are in English here (LC_ALL=C), and this one
		// has not changed in years; it has no exit code of its own.
		if strings.Contains(err.Error(), "not a git repository") {
			return Log{}, ErrNotRepository
		}
		return Log{}, err
	}
	// --show-prefix comes last as it may hold a newline of its own.
	inside, rest, _ := strings.Cut(string(where), "\n")
	shallow, prefix, _ := strings.Cut(rest, "\n")
	prefix = strings.TrimSuffix(prefix, "\n")
	if inside != "true" {
		return Log{}, ErrNotRepository
	}
	var boundary map[string]bool
	if shallow == "true" {
		if boundary, err = r.boundary(); err != nil {
			return Log{}, err
		}
	}
	log := Log{Shallow: len(boundary) > 0}
	// log and status are independent: run them side by side.
	var changed map[string]bool
	var statusErr error
	var wg sync.WaitGroup
	wg.Go(func() { changed, statusErr = r.status(prefix) })
	dates, logErr := r.log(prefix, boundary)
	wg.Wait()
	if err := cmp.Or(logErr, statusErr); err != nil {
		return Log{}, err
	}
	for p := range changed {
		delete(dates, p)
	}
	for p, t := range dates {
		if t.IsZero() {
			delete(dates, p)
		}
	}
	log.Dates = dates
	return log, nil
}

// inRepository reports whether dir or a folder above it holds .git, for
// telling a site kept in git from one that is not when git cannot say.
func inRepository(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for {
		if _, err := os.Lstat(filepath.Join(abs, ".git")); err == nil {
			return true
		}
		up := filepath.Dir(abs)
		if up == abs {
			return false
		}
		abs = up
	}
}

// runner runs git in a folder.
type runner struct {
	ctx context.Context
	git string
	dir string
}

// config overrides the settings of the user's git configuration that
// would change the output read here.
var config = []string{
	"-c", "color.ui=false",
	"-c", "diff.relative=false", // paths from the top of the work tree
	"-c", "diff.renames=false",
	"-c", "status.renames=false",
	"-c", "log.follow=false",
	"-c", "log.showRoot=true", // the first commit lists its files
	"-c", "log.showSignature=false",
}

func (r runner) command(args ...string) *exec.Cmd {
	cmd := exec.CommandContext(r.ctx, r.git, append(append([]string{"--no-pager"}, config...), args...)...)
	cmd.Dir = r.dir
	// No lock on the index, so that a build never gets in the way of the
	// user's own git commands; messages in English, to be read here.
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	return cmd
}

// output runs git with stdin, if not nil, as its standard input and
// returns its standard output.
func (r runner) output(stdin io.Reader, args ...string) ([]byte, error) {
	cmd := r.command(args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, r.failed(args[0], err, stderr.Bytes())
	}
	return out, nil
}

// stream runs git and hands its standard output, split at NUL bytes, to
// each in turn.
func (r runner) stream(each func([]byte) error, args ...string) error {
	cmd := r.command(args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return r.failed(args[0], err, nil)
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	sc.Split(splitNUL)
	var readErr error
	for sc.Scan() {
		if readErr = each(sc.Bytes()); readErr != nil {
			break
		}
	}
	if readErr == nil {
		readErr = sc.Err()
	}
	if readErr != nil {
		// Stop git rather than wait for output no one reads.
		cmd.Process.Kill()
		cmd.Wait()
		return fmt.Errorf("reading git %s: %w", args[0], readErr)
	}
	if err := cmd.Wait(); err != nil {
		return r.failed(args[0], err, stderr.Bytes())
	}
	return nil
}

// failed describes the failure of git's command cmd with the first line
// git wrote about it, or says the run was cancelled.
func (r runner) failed(cmd string, err error, stderr []byte) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	msg, _, _ := strings.Cut(strings.TrimSpace(string(stderr)), "\n")
	if msg == "" {
		return fmt.Errorf("git %s: %w", cmd, err)
	}
	return fmt.Errorf("git %s: %s", cmd, msg)
}

func splitNUL(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// boundary returns the commits at the edge of a shallow clone whose
// parents it does not hold. Git also lists there a commit that has no
// parents at all when the clone reaches it: that one is left out, as
// its files are truly new in it.
func (r runner) boundary() (map[string]bool, error) {
	out, err := r.output(nil, "rev-parse", "--git-path", "shallow")
	if err != nil {
		return nil, err
	}
	p := strings.TrimSuffix(string(out), "\n")
	if !filepath.IsAbs(p) {
		p = filepath.Join(r.dir, p)
	}
	list, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("reading the shallow clone's boundary: %w", err)
	}
	// git cat-file --batch prints each commit as it is stored, parents
	// included, where git log shows the boundary without them:
	// "<hash> commit <size>\n<size bytes>\n".
	objects, err := r.output(bytes.NewReader(list), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	commits := map[string]bool{}
	for len(objects) > 0 {
		line, rest, _ := bytes.Cut(objects, []byte("\n"))
		var hash, kind string
		var size int
		if _, err := fmt.Sscan(string(line), &hash, &kind, &size); err != nil || kind != "commit" || size > len(rest) {
			return nil, fmt.Errorf("git cat-file: unexpected %q", line)
		}
		if body := rest[:size]; bytes.Contains(body, []byte("\nparent ")) {
			commits[hash] = true
		}
		objects = bytes.TrimPrefix(rest[size:], []byte("\n"))
	}
	return commits, nil
}

// log reads the files under the folder (prefix, from the top of the work
// tree) that each commit touched, newest commit first. It returns for each
// path the author date of the first commit it appears in, or the zero
// time when that commit deleted it or is on a shallow clone's boundary.
// Paths are relative to the folder.
func (r runner) log(prefix string, boundary map[string]bool) (map[string]time.Time, error) {
	dates := map[string]time.Time{}
	touched := func(path []byte, t time.Time) {
		p, ok := bytes.CutPrefix(path, []byte(prefix))
		if !ok {
			return
		}
		if _, seen := dates[string(p)]; !seen {
			dates[string(p)] = t
		}
	}
	// With -z, the output is, for each commit: an empty field (from the
	// %x00 that starts the format), "<hash> <author date>", then for each
	// file a status letter (the first after a newline) and the path. A
	// rename or copy, if the user's git still reports one, names the
	// source path before the destination. Neither field can be empty.
	var (
		date   time.Time
		header bool
		status byte   // of the file whose path comes next; 0 before a status
		paths  int    // paths still to come for the status
		from   []byte // the source of a rename or copy
	)
	err := r.stream(func(field []byte) error {
		switch {
		case len(field) == 0:
			header, status = true, 0
		case header:
			hash, when, ok := bytes.Cut(field, []byte(" "))
			if !ok {
				return fmt.Errorf("unexpected commit line %q", field)
			}
			t, err := time.Parse(time.RFC3339, string(when))
			if err != nil {
				return fmt.Errorf("commit %s: %w", hash, err)
			}
			if boundary[string(hash)] {
				t = time.Time{}
			}
			date, header = t, false
		case status == 0:
			if field = bytes.TrimPrefix(field, []byte("\n")); len(field) == 0 {
				return errors.New("empty file status")
			}
			status, paths = field[0], 1
			if status == 'R' || status == 'C' {
				paths = 2
			}
		case paths == 2:
			from, paths = bytes.Clone(field), 1
		default:
			switch status {
			case 'D':
				touched(field, time.Time{})
			case 'R':
				touched(from, time.Time{})
				touched(field, date)
			default:
				touched(field, date)
			}
			status = 0
		}
		return nil
	}, "log", "-z", "--name-status", "--no-renames", "--no-merges", "--format=%x00%H %aI", "--", ".")
	return dates, err
}

// status returns the files under the folder (prefix, from the top of the
// work tree) that differ from the last commit, in the index or the work
// tree, or that git does not track. Paths are relative to the folder. An
// untracked folder is named, with a slash at the end, instead of its
// files: git has no history of them, so they are undated anyway.
func (r runner) status(prefix string) (map[string]bool, error) {
	changed := map[string]bool{}
	// Each entry is "XY <path>"; a rename or copy adds its source path as
	// the next field. Renames are off, but a user's git may still report
	// copies: skip the extra field.
	skip := false
	err := r.stream(func(field []byte) error {
		if skip {
			skip = false
			return nil
		}
		if len(field) < 4 || field[2] != ' ' {
			return fmt.Errorf("unexpected status entry %q", field)
		}
		x, y := field[0], field[1]
		skip = x == 'R' || x == 'C' || y == 'R' || y == 'C'
		if p, ok := bytes.CutPrefix(field[3:], []byte(prefix)); ok {
			changed[string(p)] = true
		}
		return nil
	}, "status", "--porcelain", "-z", "--no-renames", "--untracked-files=normal", "--ignore-submodules=all", "--", ".")
	return changed, err
}
