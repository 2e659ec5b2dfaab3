package cli

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// handbookCommand returns the handbook command that TestMain puts on the
// PATH, to run as a process of its own.
func handbookCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := exec.LookPath("handbook")
	if err != nil {
		t.Fatalf("the handbook command is not on the PATH: %v", err)
	}
	return exec.Command(bin, args...)
}

// TestServeCommand runs handbook serve as a process: its first line is the
// address it serves on, the site is there, and Ctrl+C stops it cleanly.
func TestServeCommand(t *testing.T) {
	cmd := handbookCommand(t, "serve", "--source", copyExample(t), "--port", "0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	out := bufio.NewReader(stdout)
	first, err := out.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v (stderr %q)", err, stderr.String())
	}
	url := strings.TrimSpace(first)
	if !regexp.MustCompile(`^http://127\.0\.0\.1:[0-9]+/$`).MatchString(url) {
		t.Fatalf("first line %q, want the address served on", first)
	}
	resp, err := http.Get(url + "riverside/index.html")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Contains(body, []byte("Riverside Medical Centre")) {
		t.Fatalf("GET the practice's page: %d", resp.StatusCode)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(out)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("after Ctrl+C: %v; stderr %q", err, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("handbook serve did not stop after Ctrl+C")
	}
	if !strings.HasSuffix(string(rest), "Stopped.\n") {
		t.Errorf("output after Ctrl+C ends %q, want Stopped.", rest)
	}
	if _, err := http.Get(url); err == nil {
		t.Error("still serving after Ctrl+C")
	}
}

// TestServePortInUse checks the error for a port another program holds:
// a plain message, a hint, exit status 1, and nothing built.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	var stdout, stderr bytes.Buffer
	code := Main(t.Context(), []string{"serve", "--source", "../..", "--port", port}, Env{Stdout: &stdout, Stderr: &stderr})
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	for _, want := range []string{
		"handbook: error: cannot serve on 127.0.0.1:" + port + ": another program is using that port",
		"handbook: hint: stop the other program",
		"--port 0",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q, want nothing", stdout.String())
	}
}
