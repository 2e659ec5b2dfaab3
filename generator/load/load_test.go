package load

import (
	"os"
	"testing"
)

// TestExampleLoads reads the repository's own example site. It is the
// quickest check that the example content is well formed.
func TestExampleLoads(t *testing.T) {
	h, err := Site(os.DirFS("../.."))
	if err != nil {
		t.Fatalf("example content:\n%v", err)
	}
	if len(h.Practices) == 0 {
		t.Fatal("example site has no practices")
	}
}
