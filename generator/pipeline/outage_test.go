package pipeline

import (
	"regexp"
	"strings"
	"testing"
)

// TestNumbersRingAndHeadingsSayItOnce checks the example handbook: every
// telephone number on a runbook or contacts page is a tel: link, and no
// page title is read out twice ("Phones down Phones down").
func TestNumbersRingAndHeadingsSayItOnce(t *testing.T) {
	b := example(t)
	plainNumber := regexp.MustCompile(`<span class="phone">[^<]*[0-9]{3}`)
	doubled := regexp.MustCompile(`<h1><span class="caption">([^<]+)</span> ([^<]+)</h1>`)
	tel := 0
	for _, f := range b.files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		page := string(f.Data)
		if m := plainNumber.FindString(page); m != "" {
			t.Errorf("%s shows a number that does not ring: %s", f.Path, m)
		}
		if m := doubled.FindStringSubmatch(page); m != nil && strings.EqualFold(m[1], m[2]) {
			t.Errorf("%s says its title twice: %s", f.Path, m[0])
		}
		tel += strings.Count(page, `href="tel:`)
	}
	if tel < 100 {
		t.Errorf("%d tel: links in the example; its runbooks alone have more numbers", tel)
	}
}
