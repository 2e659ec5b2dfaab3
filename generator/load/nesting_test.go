package load

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbook-nhs/handbook/generator/site"
)

func TestTooDeep(t *testing.T) {
	deep := func(open, close string, n int) string {
		return "x = " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n) + "\n"
	}
	for _, tt := range []struct {
		name, toml string
		want       int // offset of the refusal, -1 for none
	}{
		{"a record", "name = \"x\"\n[support]\ndesk = \"d\"\n[[steps]]\ntext = \"a.b.c\"\n", -1},
		{"deep but within the limit", deep("[", "]", MaxNesting), -1},
		{"arrays too deep", deep("[", "]", MaxNesting+1), 4 + MaxNesting},
		{"inline tables too deep", "x = " + strings.Repeat("{a=", MaxNesting+1) + "1", 4 + 3*MaxNesting},
		{"a dotted header too deep", "[" + strings.Repeat("a.", MaxNesting) + "a]\n", 2 * MaxNesting},
		{"a dotted key too deep", strings.Repeat("a.", MaxNesting+1) + "a = 1\n", 2*MaxNesting + 1},
		{"brackets in strings and comments", "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n" +
			"a = \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[[[\"\n" +
			"b = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n" +
			"c = \"\"\"\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n\"\"\"\n" +
			"d = '''{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{'''\n", -1},
		{"dots in text", "a = \"" + strings.Repeat(".", 100) + "\"\n", -1},
		{"an unclosed string", "a = \"" + strings.Repeat("[", 100), -1},
	} {
		if got := tooDeep([]byte(tt.toml)); got != tt.want {
			t.Errorf("%s: tooDeep = %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestDeepNestingIsRefusedCheaply reads files nested thousands deep, as
// an attack would write them: each is refused at the place where it
// passes the limit, with little memory.
func TestDeepNestingIsRefusedCheaply(t *testing.T) {
	const file = "content/p/services/x.toml"
	for _, tt := range []struct{ name, toml string }{
		{"inline tables 10,000 deep", "name = \"X\"\nx = " + strings.Repeat("{a=", 10000) + "1" + strings.Repeat("}", 10000) + "\n"},
		{"table headers 20,000 deep", "name = \"X\"\n[" + strings.Repeat("a.", 20000) + "a]\n"},
		{"arrays 100,000 deep", "name = \"X\"\nx = " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			l := testReader(fstest.MapFS{file: {Data: []byte(tt.toml)}}).loader()
			l.record(file, "service", &site.Service{}, &site.Source{})
			runtime.ReadMemStats(&after)
			if len(l.errs) != 1 || !strings.Contains(l.errs[0].Msg, fmt.Sprintf("nested more than %d deep", MaxNesting)) {
				t.Fatalf("errors: %v", l.errs)
			}
			if pos := l.errs[0].Pos; pos.Line != 2 || pos.Col < MaxNesting {
				t.Errorf("refused at %v, want line 2 where the limit is passed", pos)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 100<<20 {
				t.Errorf("refusing the file allocated %d MB", alloc>>20)
			}
		})
	}
}
