package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string // the start of the output wanted
		stderr string
	}{
		{[]string{"-practices", "2", "-out", out}, exitOK, "synth: wrote 2 practices to " + out + ": ", ""},
		{[]string{"-practices", "3", "-out", out, "-seed", "9"}, exitOK, "synth: wrote 3 practices", ""},
		{[]string{"-markdown", "150", "-out", out}, exitOK, "synth: wrote 150 Markdown pages in 2 practices to " + out + ": ", ""},
		{[]string{"-practices", "2", "-out", foreign}, exitError, "", "synth: error: " + foreign + " is not empty"},
		{[]string{"-markdown", "0", "-out", out}, exitUsage, "", "synth: error: -practices must be"},
		{[]string{"-markdown", "-5", "-out", out}, exitUsage, "", "synth: error: -markdown must be"},
		{[]string{"-markdown", "5", "-practices", "2", "-out", out}, exitUsage, "", "synth: error: give -practices or -markdown, not both"},
		{[]string{"-practices", "2"}, exitUsage, "", "synth: error: -out is required\nusage: synth"},
		{[]string{"-practices", "0", "-out", out}, exitUsage, "", "synth: error: -practices must be"},
		{[]string{"-bogus"}, exitUsage, "", "synth: error: flag provided but not defined: -bogus\nusage:"},
		{[]string{"-practices", "2", "-out", out, "extra"}, exitUsage, "", `synth: error: unexpected argument "extra"`},
		{[]string{"-h"}, exitOK, "", "usage: synth"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.HasPrefix(stdout.String(), tc.stdout) || !strings.HasPrefix(stderr.String(), tc.stderr) {
			t.Errorf("synth %s: exit %d\nstdout: %s\nstderr: %s\nwant exit %d, stdout %q..., stderr %q...",
				strings.Join(tc.args, " "), code, stdout.String(), stderr.String(), tc.code, tc.stdout, tc.stderr)
		}
	}
}
