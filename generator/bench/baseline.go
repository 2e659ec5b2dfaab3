package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// The baseline: another handbook binary, most often one built from the
// parent commit, that builds every site as well, in turn with this
// module's handbook, so that a change is measured against what it changes
// at the same moment of the machine. Its figures stand beside handbook's
// in the tables; the targets are never read against them.

// hintBaseline says how to make a baseline.
const hintBaseline = "give -baseline the path of a handbook binary, such as one built from the parent commit: " +
	"'git worktree add /tmp/parent HEAD~1 && go -C /tmp/parent build -o /tmp/handbook-parent .', then -baseline /tmp/handbook-parent"

// hintBaselineBuild is the hint when the baseline fails to build a site.
const hintBaselineBuild = "the baseline's own messages are above; it builds the sites of this module's synth, " +
	"which an older handbook may not read if the content format changed since its commit"

// findBaseline returns the absolute path of the baseline binary name (a
// path, or a name looked up on the PATH) and the first line of what its
// version command prints, which must be a handbook's: "handbook v0.1.0
// linux/amd64 go1.26.8".
func findBaseline(ctx context.Context, name string) (bin, version string, err error) {
	bin, err = exec.LookPath(name)
	if err != nil {
		return "", "", fmt.Errorf("-baseline %s: %v", name, err)
	}
	if bin, err = filepath.Abs(bin); err != nil {
		return "", "", fmt.Errorf("-baseline %s: %v", name, err)
	}
	out, err := exec.CommandContext(ctx, bin, "version").Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && len(bytes.TrimSpace(exit.Stderr)) > 0 {
			err = fmt.Errorf("%v: %s", err, tail(string(exit.Stderr), 3))
		}
		return "", "", fmt.Errorf("-baseline %s: '%s version' failed: %v", name, bin, err)
	}
	line, _, _ := strings.Cut(string(out), "\n")
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "handbook ") {
		return "", "", fmt.Errorf("-baseline %s: '%s version' says %q, not a handbook version", name, bin, line)
	}
	return bin, line, nil
}
