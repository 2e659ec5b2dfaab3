package build

import (
	"context"
	"os"
	"testing"

	"github.com/handbook-nhs/handbook/generator/pdf"
	"github.com/handbook-nhs/handbook/generator/pdf/pdftest"
	"github.com/handbook-nhs/handbook/generator/render"
)

// BenchmarkRenderExample measures load, link and render of the example
// site, in memory: everything but writing the files.
func BenchmarkRenderExample(b *testing.B) {
	fsys := os.DirFS(exampleSite)
	b.ReportAllocs()
	var pages int
	for b.Loop() {
		_, files, err := Render(fsys, Options{Today: goldenToday})
		if err != nil {
			b.Fatal(err)
		}
		pages = len(files)
	}
	b.ReportMetric(float64(pages), "files")
}

// BenchmarkPrintExample measures handbook pdf's printing: every
// continuity pack and checklist of the example, printed by one headless
// Chromium, browser start included.
func BenchmarkPrintExample(b *testing.B) {
	browser := pdftest.Browser(b)
	h, files, err := Render(os.DirFS(exampleSite), Options{Today: goldenToday, PDF: true})
	if err != nil {
		b.Fatal(err)
	}
	var jobs []pdf.Job
	for _, j := range render.PrintJobs(h) {
		jobs = append(jobs, pdf.Job{Page: j.Page, Out: j.PDF})
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
