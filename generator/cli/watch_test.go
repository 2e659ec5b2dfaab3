package cli

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestWatchChild is the program TestWatch runs: as the parent it watches
// itself run again; as the child it fails as $WATCH_FAULT says.
func TestWatchChild(t *testing.T) {
	fault := os.Getenv("WATCH_FAULT")
	if fault == "" {
		t.Skip("run by TestWatch")
	}
	if !Watched() {
		os.Exit(Watch(os.Stderr))
	}
	switch fault {
	case "exit 0":
		os.Exit(0)
	case "exit 1":
		os.Exit(ExitError)
	case "exit 2":
		os.Exit(ExitUsage)
	case "panic":
		panic("a fault in handbook")
	case "panic in a goroutine":
		done := make(chan bool)
		go func() { panic("a fault in a worker") }()
		<-done
	case "out of memory":
		// An address space too small for what is asked: the runtime
		// cannot map it and ends with "fatal error: runtime: out of memory".
		lim := syscall.Rlimit{Cur: 2 << 30, Max: 2 << 30}
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
			os.Exit(99)
		}
		keep := make([][]byte, 0, 64)
		for {
			keep = append(keep, make([]byte, 256<<20))
			keep[len(keep)-1][0] = 1
		}
	case "killed":
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {}
	case "broken pipe":
		// The test closed the pipe's other end: the runtime ends the
		// program with SIGPIPE at the first write, as for any command
		// piped into one that stops reading.
		for {
			os.Stdout.WriteString("a line of the summary\n")
		}
	}
	os.Exit(98)
}

func TestWatch(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the faults are made with Linux system calls")
	}
	for fault, want := range map[string]int{
		"exit 0":               ExitOK,
		"exit 1":               ExitError,
		"exit 2":               ExitUsage,
		"panic":                ExitFault,
		"panic in a goroutine": ExitFault,
		"out of memory":        ExitOOM,
		"killed":               ExitOOM,
		"broken pipe":          ExitBrokenPipe,
	} {
		t.Run(fault, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestWatchChild$")
			// The children end without cleaning up (they crash, on
			// purpose): what they leave in the temporary folder goes in
			// the test's own.
			cmd.Env = append(os.Environ(), "WATCH_FAULT="+fault, "TMPDIR="+t.TempDir())
			var stderr strings.Builder
			cmd.Stderr = &stderr
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			if fault == "broken pipe" {
				r.Close() // nobody reads
			} else {
				go io.Copy(io.Discard, r)
			}
			cmd.Stdout = w
			err = cmd.Run()
			w.Close()
			out := stderr.String()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != want {
				t.Errorf("exit code %d, want %d:\n%s", code, want, out)
			}
			if fault == "broken pipe" && out != "" {
				t.Errorf("a closed pipe is no fault, but the parent says:\n%s", out)
			}
		})
	}
}
