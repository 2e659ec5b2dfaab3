package load

import (
	"strconv"
	"strings"

	"github.com/handbook-nhs/handbook/generator/site"
	"github.com/pelletier/go-toml/v2/unstable"
)

// indexKeys maps every key path in a TOML document to the position of its
// value. Paths join keys with dots and number the elements of
// arrays and arrays of tables from 0: "steps.1.actions.0". BurntSushi/toml
// decodes the document but keeps no key positions, so this second, cheap
// pass over the same bytes recovers them. The document has already parsed,
// so a parser error here (the two parsers disagree only on corner cases)
// just leaves later keys unindexed: their errors fall back to an
// enclosing key's position.
//
// It also returns the position of each key itself (of the header, for a
// table), where an unknown key is reported.
func indexKeys(file string, data []byte, lineOffset int) (values, names map[string]site.Pos) {
	idx := map[string]site.Pos{}
	names = map[string]site.Pos{}
	arrays := map[string]int{} // resolved array-of-tables path -> elements so far
	var p unstable.Parser
	p.Reset(data)
	pos := func(r unstable.Range) site.Pos {
		s := p.Shape(r)
		return site.Pos{File: file, Line: s.Start.Line + lineOffset, Col: s.Start.Column}
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
		names[path] = pos(keyRaw)
		value(idx, path, kv.Value(), valueStart(data, keyRaw), pos, walk)
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			walk(prefix, e)
		case unstable.Table:
			path, raw := resolve(e.Key())
			prefix = path
			idx[path] = pos(raw)
			names[path] = pos(raw)
		case unstable.ArrayTable:
			path, raw := resolve(e.Key())
			n := arrays[path]
			arrays[path] = n + 1
			if _, ok := idx[path]; !ok {
				idx[path] = pos(raw)
				names[path] = pos(raw)
			}
			prefix = join(path, strconv.Itoa(n))
			idx[prefix] = pos(raw)
		}
	}
	return idx, names
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

func value(idx map[string]site.Pos, path string, v *unstable.Node, fallback unstable.Range,
	pos func(unstable.Range) site.Pos, walk func(string, *unstable.Node)) {
	at := fallback
	if v.Raw.Length > 0 {
		at = v.Raw
	}
	idx[path] = pos(at)
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
