package pipeline

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/handbook-nhs/handbook/generator/sitetest"
)

// TestThresholdsReachTheTemplates checks that the governance thresholds
// of handbook.toml are the ones the template functions measure against:
// with due_soon_days of ten years, every date to come is due soon, and no
// page shows "In date".
func TestThresholdsReachTheTemplates(t *testing.T) {
	const inDate = `<strong class="badge badge-ok">In date</strong>` // as due shows it
	count := func(b *built) (n int) {
		for _, f := range b.files {
			n += bytes.Count(f.Data, []byte(inDate))
		}
		return n
	}
	if count(example(t)) == 0 {
		t.Fatalf("the example shows no %q badge with the default thresholds: the test shows nothing", inDate)
	}
	dir := sitetest.CopyExample(t, exampleSite)
	config := sitetest.Read(t, dir, "handbook.toml")
	if strings.Contains(config, "[governance]") {
		t.Fatal("the example's handbook.toml has [governance] already: set due_soon_days there")
	}
	sitetest.Write(t, dir, "handbook.toml", config+"\n[governance]\ndue_soon_days = 3650\n")
	if n := count(mustBuild(t, os.DirFS(dir), Options{Today: goldenToday})); n != 0 {
		t.Errorf("%d %q badges with due_soon_days = 3650", n, inDate)
	}
}
