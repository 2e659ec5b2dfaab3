package render

import (
	"runtime"
	"sync"

	"github.com/handbook-nhs/handbook/generator/export"
	"github.com/handbook-nhs/handbook/generator/site"
)

// exports returns the export files (package export) of the practices sel
// picks, made in parallel, and handbook.json, which every render makes
// again as it does the top page.
func exports(h *site.Handbook, sel *Selection, today site.Date) []site.File {
	x := export.New(h, today)
	var picked []*site.Practice
	for _, pr := range h.Practices {
		if sel.practice(pr) {
			picked = append(picked, pr)
		}
	}
	each := make([][]site.File, len(picked))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				each[i] = x.Practice(picked[i])
			}
		})
	}
	for i := range picked {
		next <- i
	}
	close(next)
	wg.Wait()
	files := []site.File{x.Handbook()}
	for _, fs := range each {
		files = append(files, fs...)
	}
	return files
}
