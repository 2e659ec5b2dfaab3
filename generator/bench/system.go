package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// What the machine says of itself, from /proc where there is one; each
// is empty or zero where it is not known.

// loadAverage is the load average over 1, 5 and 15 minutes, as
// /proc/loadavg gives it: "0.58 1.85 3.02".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// meminfo returns the value of key in /proc/meminfo, in bytes.
func meminfo(key string) int64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || k != key {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return 0
		}
		return kb * 1024
	}
	return 0
}

// memAvailable is the memory available to a new program.
func memAvailable() int64 { return meminfo("MemAvailable") }

// machine describes the machine in a line: processors, memory, system
// and Go.
func machine() string {
	var parts []string
	cpus := fmt.Sprintf("%d cores", runtime.NumCPU())
	if model := cpuModel(); model != "" {
		cpus += " (" + model + ")"
	}
	parts = append(parts, cpus)
	if total := meminfo("MemTotal"); total > 0 {
		parts = append(parts, size(total)+" of memory")
	}
	parts = append(parts, runtime.GOOS+"/"+runtime.GOARCH, runtime.Version())
	return strings.Join(parts, ", ")
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for line := range bytes.Lines(data) {
		if k, v, ok := strings.Cut(string(line), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.Join(strings.Fields(v), " ")
		}
	}
	return ""
}
