package pipeline

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/handbook-nhs/handbook/generator/govern"
	"github.com/handbook-nhs/handbook/generator/pdf"
	"github.com/handbook-nhs/handbook/generator/publish"
	"github.com/handbook-nhs/handbook/generator/site"
)

// Build builds the site at opt.Source and publishes it to
// opt.Destination, with PDFs of the printed documents when opt.PDF is
// set. Record pages show when their files last changed in git, when that
// is known (see Options.History). On any error the previous output is
// left untouched.
//
// The files are written as they are made, practice by practice, and let
// go once written. A build with PDFs holds the site in memory for the
// browser to read.
func Build(ctx context.Context, opt Options) (Result, error) {
	dest := opt.Destination
	if dest == "" {
		dest = filepath.Join(opt.Source, "public")
	}
	info, err := os.Stat(opt.Source)
	if err != nil {
		return Result{}, err
	}
	if !info.IsDir() {
		return Result{}, &fs.PathError{Op: "build", Path: opt.Source, Err: errors.New("not a folder")}
	}
	if opt.History == nil {
		opt.History = GitHistory(ctx, opt.Source)
	}
	fsys, err := Dir(opt.Source)
	if err != nil {
		return Result{}, err
	}
	p := New(fsys, opt)
	to := publish.Options{Destination: dest, Source: opt.Source, Input: Input, Waiting: opt.Waiting}
	var res Result
	if opt.PDF {
		res, err = p.print(ctx, to)
	} else {
		err = publish.Stream(ctx, to, func(w *publish.Writer) error {
			res, err = p.Run(ctx, nil, writer{w})
			return err
		})
	}
	if err != nil {
		return Result{}, err
	}
	res.Destination = dest
	return res, nil
}

// writer is the sink of a build: it writes the files into the new site's
// folder.
type writer struct{ w *publish.Writer }

func (w writer) Put(part *Part) error {
	for _, f := range part.Files {
		if err := w.w.Write(f); err != nil {
			return err
		}
	}
	return nil
}

// print runs p into memory, prints the documents made for paper to PDF
// with headless Chromium (it reads the pages from memory) and publishes
// the site with the PDFs.
func (p *Pipeline) print(ctx context.Context, to publish.Options) (Result, error) {
	var m memory
	res, err := p.Run(ctx, nil, &m)
	if err != nil {
		return Result{}, err
	}
	pdfs, err := pdf.Print(ctx, m.files, m.jobs, pdf.Options{Browser: p.opt.Browser, Date: p.today})
	if err != nil {
		return Result{}, err
	}
	res.PDFs = len(pdfs)
	res.Files += len(pdfs)
	for _, f := range pdfs {
		res.Bytes += int64(len(f.Data))
	}
	if err := publish.Dir(ctx, to, append(m.files, pdfs...)); err != nil {
		return Result{}, err
	}
	return res, nil
}

// memory is the sink of a build with PDFs: it keeps every file, and the
// pages to print.
type memory struct {
	mu    sync.Mutex
	files []site.File
	jobs  []pdf.Job
}

func (m *memory) Put(part *Part) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files = append(m.files, part.Files...)
	for _, j := range part.Print {
		m.jobs = append(m.jobs, pdf.Job{Page: j.Page, Out: j.PDF})
	}
	return nil
}

// Check runs every stage on the site in fsys but writes nothing, so that
// mistakes in templates and broken links in Markdown pages are found too,
// and returns the governance findings, sorted by position. The error,
// when not nil, is a site.ErrorList of the mistakes in the site, or an
// error reading it.
func Check(ctx context.Context, fsys fs.FS, opt Options) ([]*site.Finding, error) {
	opt.NoMinify = true // the pages are thrown away: do not spend time shrinking them
	var c findings
	if _, err := New(fsys, opt).Run(ctx, nil, &c); err != nil {
		return nil, err
	}
	govern.Sort(c.list)
	return c.list, nil
}

// findings is the sink of a check: it keeps the findings of each part,
// and nothing of its files.
type findings struct {
	mu   sync.Mutex
	list []*site.Finding
}

func (c *findings) Put(part *Part) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.list = append(c.list, part.Findings...)
	return nil
}
