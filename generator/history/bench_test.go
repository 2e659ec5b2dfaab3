package history_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/history"
	"github.com/handbook-nhs/handbook/generator/history/historytest"
	"github.com/handbook-nhs/handbook/generator/synth"
)

// The git pass of a build, on this repository and on synthetic sites of
// 250 practices committed to a new repository:
//
//	go test ./generator/history -run '^$' -bench . -benchmem

// BenchmarkReadRepository reads the dates of every file of this
// repository, whose root is the example site, with its whole history.
func BenchmarkReadRepository(b *testing.B) {
	historytest.Git(b)
	benchRead(b, "../..")
}

// BenchmarkReadSynth250 reads the dates of a synthetic site of 250
// practices, all committed at once.
func BenchmarkReadSynth250(b *testing.B) {
	historytest.Git(b)
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Practices: 250, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	historytest.Init(b, dir)
	historytest.Commit(b, dir, time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), "250 practices")
	benchRead(b, dir)
}

// BenchmarkReadSynth250History reads the same site grown one practice
// per commit, 250 commits, with one file of each practice in 10 changed
// by a further commit each: more history for git log to walk.
func BenchmarkReadSynth250History(b *testing.B) {
	historytest.Git(b)
	src := b.TempDir()
	if err := synth.Write(src, synth.Options{Practices: 250, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	historytest.Init(b, dir)
	when := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	move := func(name string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(filepath.Join(src, name), filepath.Join(dir, name)); err != nil {
			b.Fatal(err)
		}
	}
	move("handbook.toml")
	move(filepath.Join("content", "organisations"))
	move(filepath.Join("content", "courses"))
	practices, err := os.ReadDir(filepath.Join(src, "content"))
	if err != nil {
		b.Fatal(err)
	}
	for i, p := range practices {
		move(filepath.Join("content", p.Name()))
		historytest.Commit(b, dir, when.Add(time.Duration(i)*time.Hour), "Practice "+p.Name())
	}
	for i, p := range practices {
		if i%10 != 0 {
			continue
		}
		f := filepath.Join(dir, "content", p.Name(), "practice.toml")
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(f, append(data, "\n# Reviewed.\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
		historytest.Commit(b, dir, when.AddDate(0, 6, i), "Review "+p.Name())
	}
	benchRead(b, dir)
}

// benchRead reads the dates of the files under dir again and again. Besides
// the time, it reports the processor time git used (git-cpu-ms/op), which
// a machine busy with other work slows less than the time elapsed.
func benchRead(b *testing.B, dir string) {
	b.ReportAllocs()
	var files int
	cpu := childCPU()
	for b.Loop() {
		log, err := history.Read(context.Background(), dir)
		if err != nil {
			b.Fatal(err)
		}
		files = len(log.Dates)
	}
	if cpu := childCPU() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "git-cpu-ms/op")
	}
	b.ReportMetric(float64(files), "files")
}
