package serve_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handbook-nhs/handbook/generator/synth"
)

// BenchmarkEditToReload measures what a practice manager waits for: from
// saving a service file to the event that tells the open page to reload,
// with the server watching (fsnotify, or polling every 100 ms), reading,
// linking and rendering the practice again, and streaming the event. Each
// iteration saves a new name for one service. The 50 ms quiet period that
// lets a save finish is part of the figure.
//
//	go test ./generator/serve -run '^$' -bench EditToReload -benchtime 20x
func BenchmarkEditToReload(b *testing.B) {
	sites := []struct {
		name string
		make func(b *testing.B) (dir, file string)
	}{
		{"example", func(b *testing.B) (string, string) {
			return copySite(b), "content/riverside/services/docman.toml"
		}},
		{"synth-250", func(b *testing.B) (string, string) {
			dir := b.TempDir()
			if err := synth.Write(dir, synth.Options{Practices: 250, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			services, err := filepath.Glob(filepath.Join(dir, "content", "*", "services", "*.toml"))
			if err != nil || len(services) == 0 {
				b.Fatalf("no services in the synthetic site: %v", err)
			}
			rel, _ := filepath.Rel(dir, services[len(services)/2])
			return dir, filepath.ToSlash(rel)
		}},
	}
	for _, site := range sites {
		for _, poll := range []time.Duration{0, 100 * time.Millisecond} {
			name := site.name + "/fsnotify"
			if poll > 0 {
				name = site.name + "/poll-100ms"
			}
			b.Run(name, func(b *testing.B) {
				dir, file := site.make(b)
				r := start(b, dir, poll)
				if ev := r.next(b); ev.Errors != 0 {
					b.Fatalf("first build: %d errors", ev.Errors)
				}
				src := r.read(b, file)
				i := strings.Index(src, "\nname = \"")
				if i < 0 {
					b.Fatalf("%s has no name", file)
				}
				page := strings.TrimPrefix(strings.TrimSuffix(file, ".toml")+".html", "content/")
				n := 0
				for b.Loop() {
					n++
					r.write(b, file, src[:i]+fmt.Sprintf("\nname = \"Edit %d", n)+src[i+len("\nname = \""):])
					for {
						ev := r.next(b)
						if ev.Errors != 0 {
							b.Fatalf("build failed after edit %d", n)
						}
						if slices.Contains(ev.Changed, page) {
							break
						}
					}
				}
				os.WriteFile(filepath.Join(dir, file), []byte(src), 0o644)
			})
		}
	}
}
