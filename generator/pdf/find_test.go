package pdf

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	program := filepath.Join(dir, "chromium")
	if err := os.WriteFile(program, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	notProgram := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notProgram, []byte("not a program\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name      string
		env, path string
		want      string // the path found, or else
		wantErr   string // the start of the error
	}{
		{name: "env", env: program, path: "", want: program},
		{name: "env missing", env: filepath.Join(dir, "missing"), wantErr: "HANDBOOK_CHROMIUM=" + filepath.Join(dir, "missing") + ": no such file"},
		{name: "env not executable", env: notProgram, wantErr: "HANDBOOK_CHROMIUM=" + notProgram + ": is not executable"},
		{name: "env folder", env: dir, wantErr: "HANDBOOK_CHROMIUM=" + dir + ": is a folder"},
		{name: "path", path: dir, want: program},
		{name: "nothing", path: "", wantErr: "no Chromium or Chrome browser found: looked on PATH for chromium, chromium-browser"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(BrowserEnv, tc.env)
			t.Setenv("PATH", tc.path)
			got, err := Find()
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Find() = %v, want %s", err, tc.want)
			case tc.wantErr == "" && got != tc.want:
				t.Fatalf("Find() = %s, want %s", got, tc.want)
			case tc.wantErr != "" && err == nil:
				t.Fatalf("Find() = %s, want an error %q", got, tc.wantErr)
			case tc.wantErr != "" && !strings.HasPrefix(err.Error(), tc.wantErr):
				t.Fatalf("Find() error = %q, want it to start %q", err, tc.wantErr)
			}
			// Only a browser missing from PATH is ErrNoBrowser: a wrong
			// $HANDBOOK_CHROMIUM is a mistake to report, not to skip.
			if want := tc.wantErr != "" && tc.env == ""; errors.Is(err, ErrNoBrowser) != want {
				t.Errorf("errors.Is(%v, ErrNoBrowser) = %t, want %t", err, !want, want)
			}
		})
	}
}
