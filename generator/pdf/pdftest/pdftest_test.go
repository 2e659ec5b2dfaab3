package pdftest

import (
	"slices"
	"testing"
)

func TestOutline(t *testing.T) {
	for _, tc := range []struct {
		name, xml string
		want      []string
	}{
		{"none", `<?xml version="1.0" encoding="UTF-8"?>
<pdf2xml producer="poppler" version="22.12.0">
<page number="1"><text top="1" left="1" width="1" height="1" font="0"><b>Plan</b> & more</text></page>
</pdf2xml>`, nil},
		{"nested", `<?xml version="1.0" encoding="UTF-8"?>
<pdf2xml producer="poppler" version="22.12.0">
<page number="1"></page>
<outline>
<item page="1">Contacts</item>
<outline>
<item page="1">Out of hours</item>
<outline>
<item page="2">111 &amp; 999</item>
</outline>
</outline>
<item page="2">Runbooks – Café</item>
</outline>
</pdf2xml>`, []string{"Contacts", "  Out of hours", "    111 & 999", "Runbooks – Café"}},
	} {
		got, err := outline([]byte(tc.xml))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: outline = %q, want %q", tc.name, got, tc.want)
		}
	}
}
