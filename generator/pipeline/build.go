package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
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
//
// Printing takes seconds a document, so a PDF is printed again only when
// what it is printed from has changed: its page and every file the page
// loads (printKey). The keys of the PDFs published are kept beside them
// (PDFKeys); a PDF of the previous output whose key is the same is
// published again as it is. With Options.PrintOnly, the documents of the
// other practices are not printed: theirs are kept when still current,
// and left out (and counted in Result.Unprinted) when not.
func (p *Pipeline) print(ctx context.Context, to publish.Options) (Result, error) {
	var m memory
	res, err := p.Run(ctx, nil, &m)
	if err != nil {
		return Result{}, err
	}
	files := make(map[string][]byte, len(m.files))
	for _, f := range m.files {
		files[f.Path] = f.Data
	}
	chosen := map[string]bool{}
	for _, s := range p.h.Practices {
		if p.opt.PrintOnly == nil || p.opt.PrintOnly(s) {
			chosen[s.ID] = true
		}
	}
	if len(chosen) == 0 {
		return Result{}, errors.New("no practice of the site has the id or ICB to print: give the practice's folder name under content/, or the ICB's organisation id")
	}
	// The previous output, read within it: a link there cannot lead
	// elsewhere. None (a first build) reprints everything.
	prev, err := os.OpenRoot(to.Destination)
	if err == nil {
		defer prev.Close()
	}
	old := readPDFKeys(prev)
	keys := map[string]string{}
	var kept []site.File
	var todo []pdf.Job
	for _, j := range m.jobs {
		key := printKey(files, j.Page, p.today)
		if old[j.Out] == key {
			if data, err := prev.ReadFile(filepath.FromSlash(j.Out)); err == nil {
				kept = append(kept, site.File{Path: j.Out, Data: data})
				keys[j.Out] = key
				continue
			}
		}
		if practice, _, _ := strings.Cut(j.Page, "/"); !chosen[practice] {
			res.Unprinted++
			continue
		}
		todo = append(todo, j)
		keys[j.Out] = key
	}
	opt := pdf.Options{Browser: p.opt.Browser, Date: p.today}
	if p.opt.Progress != nil {
		total := res.Practices
		opt.Progress = func(done int) {
			p.opt.Progress(Progress{Practices: total, Total: total, Pages: res.Pages, Printed: done, ToPrint: len(todo)})
		}
	}
	pdfs, err := pdf.Print(ctx, m.files, todo, opt)
	if err != nil {
		return Result{}, err
	}
	res.PDFs, res.Reused = len(pdfs), len(kept)
	pdfs = append(pdfs, kept...)
	res.Files += len(pdfs) + 1
	for _, f := range pdfs {
		res.Bytes += int64(len(f.Data))
	}
	all := append(m.files, pdfs...)
	all = append(all, site.File{Path: PDFKeys, Data: writePDFKeys(keys)})
	if err := publish.Dir(ctx, to, all); err != nil {
		return Result{}, err
	}
	return res, nil
}

// PDFKeys is the file of a build with PDFs that records, for each PDF,
// the key of what it was printed from (printKey), for the next build to
// reuse those unchanged.
const PDFKeys = ".handbook-pdfs.json"

// printKey identifies what the PDF of page is printed from: the page and
// every file of the site it names in an href or src (its stylesheets and
// scripts, its pictures), and the date the PDF says it was made. Two
// builds with the same key print the same PDF.
func printKey(files map[string][]byte, page string, today site.Date) string {
	h := sha256.New()
	add := func(name string, data []byte) {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
	}
	add("date", []byte(today.String()))
	add(page, files[page])
	var refs []string
	for _, m := range fileRef.FindAllSubmatch(files[page], -1) {
		ref := string(m[1])
		if strings.Contains(ref, ":") || strings.HasPrefix(ref, "/") {
			continue // another site, a tel: or mailto: link
		}
		ref, _, _ = strings.Cut(ref, "#")
		ref, _, _ = strings.Cut(ref, "?")
		if ref != "" {
			refs = append(refs, path.Join(path.Dir(page), ref))
		}
	}
	slices.Sort(refs)
	for _, ref := range slices.Compact(refs) {
		if data, ok := files[ref]; ok {
			add(ref, data)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

var fileRef = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// readPDFKeys reads the keys of the PDFs of the previous output prev
// (nil when there is none), or none.
func readPDFKeys(prev *os.Root) map[string]string {
	if prev == nil {
		return nil
	}
	var keys map[string]string
	data, err := prev.ReadFile(PDFKeys)
	if err != nil || json.Unmarshal(data, &keys) != nil {
		return nil // none, or a damaged file: everything is printed
	}
	return keys
}

func writePDFKeys(keys map[string]string) []byte {
	data, err := json.MarshalIndent(keys, "", "\t")
	if err != nil {
		panic(err) // strings only
	}
	return append(data, '\n')
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
