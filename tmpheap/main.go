package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/handbook-nhs/handbook/generator/build"
	"github.com/handbook-nhs/handbook/generator/site"
)

func main() {
	done := false
	_, err := build.Run(context.Background(), build.Options{Source: os.Args[1], Destination: "/dev/shm/heapout", Today: site.NewDate(2026, 11, 21),
		Progress: func(p build.Progress) {
			if !done && p.Practices >= p.Total*3/4 {
				done = true
				runtime.GC()
				f, _ := os.Create("/tmp/heap.prof")
				pprof.WriteHeapProfile(f)
				f.Close()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				fmt.Println("heap in use MB", m.HeapInuse>>20, "alloc", m.HeapAlloc>>20)
			}
		}})
	fmt.Println(err)
}
