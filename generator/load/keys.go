package load

import (
	"slices"
	"strconv"

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
	// The offsets at which lines start, to turn the parser's byte offsets
	// into lines and columns without counting from the top each time.
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	// A key to a line, give or take.
	idx := keyIndex{keys: make([]site.KeyPos, 0, len(starts))}
	arrays := map[string]int{} // resolved array-of-tables path -> elements so far
	var p unstable.Parser
	p.Reset(data)
	pos := func(r unstable.Range) site.Spot {
		off := int(r.Offset)
		line, _ := slices.BinarySearch(starts, off+1) // the first start after off
		return site.Spot{Line: int32(line + lineOffset), Col: int32(off - starts[line-1] + 1)}
	}
	// resolve turns header keys into a path, stepping into the latest
	// element of each array of tables on the way.
	resolve := func(keys unstable.Iterator) (span, unstable.Range) {
		var path span
		var last unstable.Range
		for keys.Next() {
			n := keys.Node()
			path = idx.join(path, n.Data)
			last = n.Raw
			if c, ok := arrays[string(idx.str(path))]; ok && n.Next() != nil {
				path = idx.index(path, c-1)
			}
		}
		return path, last
	}
	var prefix span
	var walk func(prefix span, n *unstable.Node)
	walk = func(prefix span, kv *unstable.Node) {
		path := prefix
		var keyRaw unstable.Range
		for it := kv.Key(); it.Next(); {
			path = idx.join(path, it.Node().Data)
			keyRaw = it.Node().Raw
		}
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
			name := string(idx.str(path))
			n, seen := arrays[name]
			arrays[name] = n + 1
			if !seen {
				idx.value(path, pos(raw))
				idx.key(path, pos(raw))
			}
			prefix = idx.index(path, n)
			idx.value(prefix, pos(raw))
		}
	}
	return idx.positions()
}

// keyIndex collects the positions of key paths as the parser meets them.
// The paths are written one after another into one buffer, and made
// strings all at once at the end: a file has hundreds.
type keyIndex struct {
	buf   []byte
	keys  []site.KeyPos
	spans []span // of each key's path
}

// span is a path written in keyIndex.buf.
type span struct{ start, end int32 }

func (x *keyIndex) str(p span) []byte { return x.buf[p.start:p.end] }

// join writes the path of key in the table at prefix.
func (x *keyIndex) join(prefix span, key []byte) span {
	start := len(x.buf)
	if prefix.end > prefix.start {
		x.buf = append(x.buf, x.buf[prefix.start:prefix.end]...)
		x.buf = append(x.buf, '.')
	}
	x.buf = append(x.buf, key...)
	return span{int32(start), int32(len(x.buf))}
}

// index writes the path of element i of the array at prefix.
func (x *keyIndex) index(prefix span, i int) span {
	var digits [20]byte
	return x.join(prefix, strconv.AppendInt(digits[:0], int64(i), 10))
}

// entry is the position of path. A document defines each key once, so
// the key and the value of a path, or a header and its table, come one
// after the other.
func (x *keyIndex) entry(path span) *site.KeyPos {
	if n := len(x.spans); n > 0 && x.spans[n-1] == path {
		return &x.keys[n-1]
	}
	x.spans = append(x.spans, path)
	x.keys = append(x.keys, site.KeyPos{})
	return &x.keys[len(x.keys)-1]
}

func (x *keyIndex) value(path span, at site.Spot) { x.entry(path).Value = at }
func (x *keyIndex) key(path span, at site.Spot)   { x.entry(path).Key = at }

// positions returns the positions found, with their paths.
func (x *keyIndex) positions() []site.KeyPos {
	paths := string(x.buf)
	for i, p := range x.spans {
		x.keys[i].Path = paths[p.start:p.end]
	}
	return x.keys
}

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

func value(idx *keyIndex, path span, v *unstable.Node, fallback unstable.Range,
	pos func(unstable.Range) site.Spot, walk func(span, *unstable.Node)) {
	at := fallback
	if v.Raw.Length > 0 {
		at = v.Raw
	}
	idx.value(path, pos(at))
	switch v.Kind {
	case unstable.Array:
		i := 0
		for it := v.Children(); it.Next(); i++ {
			value(idx, idx.index(path, i), it.Node(), at, pos, walk)
		}
	case unstable.InlineTable:
		for it := v.Children(); it.Next(); {
			walk(path, it.Node())
		}
	}
}
