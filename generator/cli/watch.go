package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// childEnv names the file a watched run writes a crash to: set, the
// process is the child Watch started.
const childEnv = "HANDBOOK_CRASH_FILE"

// Watched reports whether this process is a child of Watch, and if so
// sends what the Go runtime writes when it crashes to the file Watch
// reads, as well as to the standard error.
func Watched() bool {
	name := os.Getenv(childEnv)
	if name == "" {
		return false
	}
	if f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0); err == nil {
		debug.SetCrashOutput(f, debug.CrashOptions{})
		f.Close() // SetCrashOutput keeps its own copy
	}
	return true
}

// Watch runs this program again with the same arguments, standard files
// and environment, and returns the exit code to end with: the child's
// own, unless it crashed. A panic or a fatal error of the Go runtime
// exits with 2, the code of a wrong command line; Watch tells them apart
// by what the runtime wrote, and returns ExitFault, or ExitOOM when the
// runtime ran out of memory or the system killed the child. Signals that
// stop a run are passed on to the child.
func Watch(stderr io.Writer) int {
	self, err := os.Executable()
	if err != nil {
		return watchFailed(stderr, err)
	}
	crash, err := os.CreateTemp("", "handbook-crash-")
	if err != nil {
		return watchFailed(stderr, err)
	}
	crash.Close()
	defer os.Remove(crash.Name())

	cmd := exec.Command(self, os.Args[1:]...)
	cmd.Args[0] = os.Args[0] // as the command was called
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), childEnv+"="+crash.Name())
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		return watchFailed(stderr, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case sig := <-sigs:
			// A Ctrl+C at a terminal reaches the child too; a second
			// interrupt changes nothing for it.
			cmd.Process.Signal(sig)
		case err := <-done:
			written, _ := os.ReadFile(crash.Name())
			return exitCode(stderr, err, written)
		}
	}
}

// exitCode is the code to end with after the child ended with err (from
// Wait) having written crashed, the runtime's crash report, if any.
func exitCode(stderr io.Writer, err error, crashed []byte) int {
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return watchFailed(stderr, err)
	}
	code := 0
	if exit != nil {
		code = exit.ExitCode()
	}
	env := Env{Stderr: stderr}
	switch {
	case outOfMemory(crashed):
		errorf(env, "handbook ran out of memory")
		hintf(env, "close other programs and try again; if it happens again, please report it, with the size of the site")
		return ExitOOM
	case len(crashed) > 0:
		errorf(env, "handbook failed: this is a fault in handbook, not in the content")
		hintf(env, "please report it, with the messages above; the previous output is unchanged")
		return ExitFault
	case code < 0: // ended by a signal
		ws, _ := exit.Sys().(syscall.WaitStatus)
		switch ws.Signal() {
		case syscall.SIGKILL:
			errorf(env, "handbook was stopped by the system (SIGKILL), which it does when memory runs out")
			hintf(env, "the previous output is unchanged; close other programs and try again")
			return ExitOOM
		case syscall.SIGPIPE:
			// What it printed was read no further (handbook check |
			// head): no fault, and nothing to say to a closed pipe.
			return ExitBrokenPipe
		}
		errorf(env, "handbook was stopped by a signal")
		return ExitFault
	}
	return code
}

func watchFailed(stderr io.Writer, err error) int {
	errorf(Env{Stderr: stderr}, "cannot start: %v", err)
	return ExitFault
}

// outOfMemory reports whether crashed, a crash report of the Go runtime,
// is of running out of memory. The report holds the stack, not the
// message ("fatal error: out of memory"), so it is told by where the
// runtime gave up: in the memory allocator.
func outOfMemory(crashed []byte) bool {
	_, after, ok := bytes.Cut(crashed, []byte("\nruntime.throw("))
	if !ok {
		return false
	}
	lines := bytes.Split(after, []byte("\n"))
	for i := 2; i < len(lines) && i <= 6; i += 2 { // each frame is a call and a file:line
		for _, f := range allocator {
			if bytes.HasPrefix(lines[i], []byte(f)) {
				return true
			}
		}
	}
	return false
}

// allocator are the functions of the Go runtime that give up, with
// "out of memory", when the system has no memory to give them.
var allocator = []string{"runtime.(*mcache).", "runtime.(*mheap).", "runtime.mallocgc", "runtime.largeAlloc",
	"runtime.sysMap", "runtime.sysAlloc", "runtime.persistentalloc", "runtime.(*pageAlloc)."}
