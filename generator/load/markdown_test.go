package load

import (
	"strings"
	"testing"
)

func nestedList(levels int) string {
	var b strings.Builder
	for i := range levels {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

func TestTooComplex(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       string // in the message; "" for none
	}{
		{"a policy", "# Purpose\n\nSee [Docman](../services/docman.toml) and ![map](map.png).\n\n" + nestedList(6), ""},
		{"as many links as allowed", strings.Repeat("[a](b.md) ", MaxLinks), ""},
		{"one link too many", strings.Repeat("[a](b.md) ", MaxLinks+1), "more than 2000 links"},
		{"60,000 links left open", strings.Repeat("[a](", 60000), "more than 2000 links"},
		{"lists as deep as allowed", nestedList(MaxListIndent/2 + 1), ""},
		{"lists 700 deep", nestedList(700), "nested more than 32 levels"},
		{"deep indentation in a code block", "```\n" + strings.Repeat(" ", 200) + "- not a list\n```\n", ""},
		{"deep indentation that is no list", strings.Repeat(" ", 200) + "text\n", ""},
	} {
		i, msg, _ := tooComplex([]byte(tt.body))
		if (i >= 0) != (tt.want != "") || !strings.Contains(msg, tt.want) {
			t.Errorf("%s: tooComplex = %d, %q; want %q", tt.name, i, msg, tt.want)
		}
	}
}
