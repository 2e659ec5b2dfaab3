package build

import (
	"os"
	"testing"
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
