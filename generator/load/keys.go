package load

import (
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/pelletier/go-toml/v2/unstable"
)

// indexKeys lists every key path in a TOML document with the position of
// its value, for site.NewSource. Paths join keys with dots and number the elements of
// arrays and arrays of tables from 0: "steps.1.actions.0". BurntSushi/toml
// decodes the document but keeps no key positions, so this second, cheap
// pass over the same bytes recovers them. The document has already parsed,
// so a parser error here (the two parsers disagree only on corner cases)
// just leaves later keys unindexed: their errors fall back to an
// enclosing key's position.
//
// It also gives the position of each key itself (of the header, for a
// table), where an unknown key is reported.
func indexKeys(data []byte, lineOffset int) []site.KeyPos {
	idx := keyIndex{at: map[string]int{}}
	arrays := map[string]int{} // resolved array-of-tables path -> elements so far
	var p unstable.Parser
	p.Reset(data)
	// The offsets at which lines start, to turn the parser's byte offsets
	// into lines and columns without counting from the top each time.
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	pos := func(r unstable.Range) site.Spot {
		off := int(r.Offset)
		line, _ := slices.BinarySearch(starts, off+1) // the first start after off
		return site.Spot{Line: int32(line + lineOffset), Col: int32(off - starts[line-1] + 1)}
	}
	// resolve turns header keys into a path, stepping into the latest
	// element of each array of tables on the way.
	resolve := func(keys unstable.Iterator) (string, unstable.Range) {
		var path string
		var last unstable.Range
		for keys.Next() {
			n := keys.Node()
			path = join(path, string(n.Data))
			last = n.Raw
			if c, ok := arrays[path]; ok && keys.Node().Next() != nil {
				path = join(path, strconv.Itoa(c-1))
			}
		}
		return path, last
	}
	var prefix string
	var walk func(prefix string, n *unstable.Node)
	walk = func(prefix string, kv *unstable.Node) {
		var path string
		var keyRaw unstable.Range
		for it := kv.Key(); it.Next(); {
			path = join(path, string(it.Node().Data))
			keyRaw = it.Node().Raw
		}
		path = join(prefix, path)
		idx.key(path, pos(keyRaw))
		value(&idx, path, kv.Value(), valueStart(data, keyRaw), pos, walk)
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			walk(prefix, e)
		case unstable.Table:
			path, raw := resolve(e.Key())
			prefix = path
			idx.value(path, pos(raw))
			idx.key(path, pos(raw))
		case unstable.ArrayTable:
			path, raw := resolve(e.Key())
			n := arrays[path]
			arrays[path] = n + 1
			if !idx.has(path) {
				idx.value(path, pos(raw))
				idx.key(path, pos(raw))
			}
			prefix = join(path, strconv.Itoa(n))
			idx.value(prefix, pos(raw))
		}
	}
	return idx.keys
}

// keyIndex collects the positions of key paths as the parser meets them.
type keyIndex struct {
	keys []site.KeyPos
	at   map[string]int // path -> index in keys
}

func (x *keyIndex) entry(path string) *site.KeyPos {
	i, ok := x.at[path]
	if !ok {
		i = len(x.keys)
		x.at[path] = i
		x.keys = append(x.keys, site.KeyPos{Path: path})
	}
	return &x.keys[i]
}

func (x *keyIndex) has(path string) bool            { _, ok := x.at[path]; return ok }
func (x *keyIndex) value(path string, at site.Spot) { x.entry(path).Value = at }
func (x *keyIndex) key(path string, at site.Spot)   { x.entry(path).Key = at }

// valueStart is where the value after key starts: the first character
// after the "=". The parser gives no range for an array or inline table,
// so their position is found this way.
func valueStart(data []byte, key unstable.Range) unstable.Range {
	i := int(key.Offset + key.Length)
	for i < len(data) && data[i] != '=' && data[i] != '\n' {
		i++
	}
	if i < len(data) && data[i] == '=' {
		i++
		for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
		if i < len(data) && data[i] != '\n' {
			return unstable.Range{Offset: uint32(i), Length: 1}
		}
	}
	return key
}

func value(idx *keyIndex, path string, v *unstable.Node, fallback unstable.Range,
	pos func(unstable.Range) site.Spot, walk func(string, *unstable.Node)) {
	at := fallback
	if v.Raw.Length > 0 {
		at = v.Raw
	}
	idx.value(path, pos(at))
	switch v.Kind {
	case unstable.Array:
		i := 0
		for it := v.Children(); it.Next(); i++ {
			value(idx, join(path, strconv.Itoa(i)), it.Node(), at, pos, walk)
		}
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			walk(path, it.Node())
		}
	}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	var b strings.Builder
	b.Grow(len(prefix) + 1 + len(key))
	b.WriteString(prefix)
	b.WriteByte('.')
	b.WriteString(key)
	return b.String()
}
