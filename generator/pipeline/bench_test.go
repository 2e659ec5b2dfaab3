package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/handbook-nhs/handbook/generator/export"
	"github.com/handbook-nhs/handbook/generator/pdf"
	"github.com/handbook-nhs/handbook/generator/pdf/pdftest"
	"github.com/handbook-nhs/handbook/generator/synth"
)

// BenchmarkRenderExample measures a build of the example site in memory:
// everything but writing the files.
func BenchmarkRenderExample(b *testing.B) {
	pages := renderLoop(b, os.DirFS(exampleSite))
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkBuild measures a whole build of synthetic sites of 1 and 250
// practices in memory: load, validate, link, check the governance rules,
// render and minify, everything but writing the files. The site is written
// once, before the timer starts. Whole runs of the handbook command, and
// 6,300 practices, are for go run ./generator/bench.
//
//	go test ./generator/pipeline -run '^$' -bench 'Build$|MarkdownPages' -benchmem
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1, 250} {
		b.Run(fmt.Sprintf("practices=%d", n), func(b *testing.B) {
			pages := benchRender(b, func(dir string) error {
				return synth.Write(dir, synth.Options{Practices: n, Seed: 1})
			})
			b.ReportMetric(float64(pages), "pages")
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkMarkdownPages measures a build in memory of a site of 1,000
// Markdown pages of about 600 words, 100 to a practice, over practices
// with only the records they need (synth.WriteMarkdown). md-pages/s, the
// Markdown pages built a second, compares with other generators' figures
// for sites of N pages; pages counts every page built, the practices'
// own included.
func BenchmarkMarkdownPages(b *testing.B) {
	for _, n := range []int{1000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			pages := benchRender(b, func(dir string) error {
				return synth.WriteMarkdown(dir, synth.MarkdownOptions{Pages: n, Seed: 1})
			})
			b.ReportMetric(float64(pages), "pages")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "md-pages/s")
		})
	}
}

// benchRender writes a site with write, into a folder of its own, before
// the timer starts, and renders it with renderLoop.
func benchRender(b *testing.B, write func(dir string) error) int {
	dir := b.TempDir()
	if err := write(dir); err != nil {
		b.Fatal(err)
	}
	return renderLoop(b, os.DirFS(dir))
}

// renderLoop builds fsys in memory in a loop, into a sink that keeps
// nothing, and returns the number of HTML pages of a build.
func renderLoop(b *testing.B, fsys fs.FS) int {
	b.ReportAllocs()
	var pages int
	for b.Loop() {
		res, err := New(fsys, Options{Today: goldenToday}).Run(context.Background(), nil, discard{})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	return pages
}

// discard is a sink that keeps nothing.
type discard struct{}

func (discard) Put(*Part) error { return nil }

// BenchmarkPrintExample measures handbook pdf's printing: every
// continuity pack and checklist of the example, printed by one headless
// Chromium, browser start included.
func BenchmarkPrintExample(b *testing.B) {
	browser := pdftest.Browser(b)
	site := mustBuild(b, os.DirFS(exampleSite), Options{Today: goldenToday, PDF: true})
	files := site.files
	var jobs []pdf.Job
	for _, part := range site.parts {
		for _, j := range part.Print {
			jobs = append(jobs, pdf.Job{Page: j.Page, Out: j.PDF})
		}
	}
	var size int
	for b.Loop() {
		pdfs, err := pdf.Print(context.Background(), files, jobs, pdf.Options{Browser: browser})
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range pdfs {
			size += len(f.Data)
		}
	}
	b.ReportMetric(float64(len(jobs)), "pdfs")
	b.ReportMetric(float64(size)/(1<<20), "MB")
}

// BenchmarkRebuildOnePractice measures serve's work after a save in one
// practice's folder of a synthetic site of 250 practices: read and link
// that practice again, check the governance rules, render its pages and
// the shared ones, and merge them into the site.
//
//	go test ./generator/pipeline -run '^$' -bench RebuildOnePractice -benchmem
func BenchmarkRebuildOnePractice(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 250, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	services, _ := filepath.Glob(filepath.Join(dir, "content", "*", "services", "*.toml"))
	file := services[len(services)/2]
	rel, _ := filepath.Rel(dir, file)
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	s := &served{p: New(os.DirFS(dir), Options{Source: dir, Today: goldenToday})}
	if _, err := s.run(nil); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		n++
		edited := bytes.Replace(src, []byte("\nname = \""), fmt.Appendf(nil, "\nname = \"Edit %d ", n), 1)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		out, err := s.run([]string{filepath.ToSlash(rel)})
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Rendered) != 1 {
			b.Fatalf("rendered %d practices again", len(out.Rendered))
		}
	}
}

// BenchmarkExports measures the export files of a synthetic site of 250
// practices (each practice's register.csv, reviews.ics and
// practice.json, and handbook.json), made one after another: the part of
// a full render they add.
//
//	go test ./generator/pipeline -run '^$' -bench Exports -benchmem
func BenchmarkExports(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 250, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	site := mustBuild(b, os.DirFS(dir), Options{Today: goldenToday})
	h, practices := site.handbook(), site.practices(b)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		x := export.New(h, goldenToday)
		size = 0
		for _, f := range x.Handbook() {
			size += len(f.Data)
		}
		for _, pr := range practices {
			for _, f := range x.Practice(pr) {
				size += len(f.Data)
			}
		}
	}
	b.ReportMetric(float64(size)/(1<<20), "MB")
}
