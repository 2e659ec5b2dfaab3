package serve

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-nhs/handbook/generator/site"
)

// TestOverlayHidesPrivateLines checks that serve's error box shows the
// line of a mistake, but never a line holding a personal value.
func TestOverlayHidesPrivateLines(t *testing.T) {
	const file = "content/alpha/people/pm.toml"
	fsys := fstest.MapFS{file: {Data: []byte("name = \"Pat\nstatus = active\npersonal_mobile = 07700 900001\n")}}
	list := site.ErrorList{
		{Pos: site.Pos{File: file, Line: 2, Col: 10}, Msg: "status: a value in quotes"},
		{Pos: site.Pos{File: file, Line: 3, Col: 19}, Msg: "personal_mobile: not shown", Private: true},
	}
	got := overlayErrors(fsys, list)
	if len(got) != 2 || !strings.Contains(got[0].Source, "status = active") {
		t.Fatalf("the box does not show the line of an ordinary mistake: %+v", got)
	}
	for _, e := range got {
		if strings.Contains(e.Source+e.Msg+e.Hint, "900001") {
			t.Errorf("the box shows a personal value: %+v", e)
		}
	}
}
