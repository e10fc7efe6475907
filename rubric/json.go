package rubric

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
)

// jsonCriterion is the file form of a criterion, and of a rubric. The
// order of the fields is the order they are written in.
type jsonCriterion struct {
	ID          string           `json:"id,omitempty"`
	Title       string           `json:"title,omitempty"`
	Weight      *float64         `json:"weight,omitempty"`
	Critical    bool             `json:"critical,omitempty"`
	When        *jsonCriterion   `json:"when,omitempty"`
	Expect      []string         `json:"expect,omitempty"`
	Avoid       []string         `json:"avoid,omitempty"`
	All         []*jsonCriterion `json:"all,omitempty"`
	Any         []*jsonCriterion `json:"any,omitempty"`
	Not         *jsonCriterion   `json:"not,omitempty"`
	AtLeast     *jsonAtLeast     `json:"at_least,omitempty"`
	Before      []*jsonCriterion `json:"before,omitempty"`
	Flag        string           `json:"flag,omitempty"`
	Context     *jsonCriterion   `json:"context,omitempty"`
	Threshold   *float64         `json:"threshold,omitempty"`
	CriticalCap *float64         `json:"critical_cap,omitempty"`
	Criteria    []*jsonCriterion `json:"criteria,omitempty"`
	Suggestion  string           `json:"suggestion,omitempty"`
}

type jsonAtLeast struct {
	N  int              `json:"n"`
	Of []*jsonCriterion `json:"of"`
}

// MarshalJSON writes the rubric in the rubric file format (see the package
// documentation), with fields in a fixed order and settings that have
// their default value left out, except the threshold, which is always
// written. [ParseJSON] reads it back into an equal rubric.
//
// A rubric with function criteria cannot be written: the error is an
// [ErrorList] with an [ErrFunc] error for each of them.
func (r *Rubric) MarshalJSON() ([]byte, error) {
	var errs ErrorList
	j := toJSON(r.root, "", &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return marshal(j)
}

// marshal encodes v as compact JSON without escaping <, > and &, which
// patterns use ("<number>").
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}

func toJSON(n *node, path string, errs *ErrorList) *jsonCriterion {
	if n == nil {
		errs.add(rootPath(path), ErrValue, "nil criterion", nil)
		return nil
	}
	m := &n.meta
	j := &jsonCriterion{ID: n.id, Title: m.title, Critical: m.critical, Suggestion: m.suggestion}
	if m.weight != 1 {
		j.Weight = ptr(m.weight)
	}
	if m.whenSet {
		j.When = toJSON(m.when, join(path, "when"), errs)
	}
	list := func(field string, ns []*node) []*jsonCriterion {
		js := make([]*jsonCriterion, len(ns))
		for i, c := range ns {
			js[i] = toJSON(c, index(join(path, field), i), errs)
		}
		return js
	}
	switch n.kind {
	case kindExpect:
		j.Expect = emptyList(n.patterns)
	case kindAvoid:
		j.Avoid = emptyList(n.patterns)
	case kindAll:
		j.All = list("all", n.children)
	case kindAny:
		j.Any = list("any", n.children)
	case kindNot:
		j.Not = toJSON(n.children[0], join(path, "not"), errs)
	case kindAtLeast:
		j.AtLeast = &jsonAtLeast{N: n.n, Of: list("at_least.of", n.children)}
	case kindBefore:
		j.Before = list("before", n.children)
	case kindFlag:
		j.Flag = n.flag
		if n.id == n.flag {
			j.ID = ""
		}
	case kindContext:
		j.Context = toJSON(n.children[0], join(path, "context"), errs)
		if n.children[0] != nil && n.id == n.children[0].id {
			j.ID = ""
		}
	case kindRubric:
		j.Criteria = list("criteria", n.children)
	case kindFunc:
		errs.add(rootPath(path), ErrFunc, "function criterion "+quote(n.id)+" cannot be written as JSON", nil)
	}
	if n.kind == kindRubric {
		j.Threshold = ptr(m.threshold)
		if m.cap != 0 {
			j.CriticalCap = ptr(m.cap)
		}
	}
	return j
}

func ptr(f float64) *float64 { return &f }

// emptyList keeps an empty pattern list from being left out, so that the
// problem survives a round trip.
func emptyList(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// UnmarshalJSON replaces the rubric with one read from a rubric file, as
// [ParseJSON] does. It is not safe to call while the rubric is in use.
func (r *Rubric) UnmarshalJSON(data []byte) error {
	r2, err := ParseJSON(data)
	if err != nil {
		return err
	}
	*r = *r2
	return nil
}

// ParseJSON reads and compiles a rubric file.
//
// Every problem in the file is reported at once, in document order, as an
// [ErrorList]: JSON syntax (with its line and column), unknown or
// duplicate fields, values of the wrong type, missing or invalid ids,
// numbers out of range, patterns that do not compile. Each error names the
// path of the offending value, such as
//
//	rubric: criteria[2].avoid[0]: phrases: unknown tag "VBX" at offset 7
func ParseJSON(data []byte) (*Rubric, error) {
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off := int(se.Offset)
			if strings.HasPrefix(se.Error(), "invalid character") && off > 0 {
				off-- // point at the character, not after it
			}
			return nil, ErrorList{{Path: syntaxPath(data, off), Code: ErrSyntax, Msg: se.Error() + " (" + lineCol(data, off) + ")", Err: err}}
		}
		return nil, ErrorList{{Path: "$", Code: ErrSyntax, Msg: err.Error(), Err: err}}
	}
	p := &parser{offsets: map[string]int{}}
	start := len(data) - len(bytes.TrimLeft(data, " \t\r\n"))
	root := p.criterion(raw, start, "", 0, true)
	if root == nil {
		return nil, p.errs
	}
	r, err := compile(root)
	if err == nil && len(p.errs) == 0 {
		return r, nil
	}
	// Merge the problems found while reading with those found while
	// compiling, in document order, dropping the compiler's reports on
	// values the reader already found wrong, and on what is inside them.
	all := p.errs
	if list, ok := err.(ErrorList); ok {
		for _, e := range list {
			if !p.reported(e.Path) {
				all = append(all, e)
			}
		}
	}
	slices.SortStableFunc(all, func(a, b *Error) int { return p.offset(a.Path) - p.offset(b.Path) })
	return nil, all
}

// parser reads the file form of a rubric into criterion nodes. It records
// the offset of every value by path so that problems can be sorted into
// document order.
type parser struct {
	errs    ErrorList
	offsets map[string]int
}

func (p *parser) add(path string, code ErrorCode, msg string) {
	p.errs.add(rootPath(path), code, msg, nil)
}

// reported reports whether the reader found a problem at path or at a
// value that contains it.
func (p *parser) reported(path string) bool {
	for _, e := range p.errs {
		if e.Path == path ||
			strings.HasPrefix(path, e.Path) && (path[len(e.Path)] == '.' || path[len(e.Path)] == '[') {
			return true
		}
	}
	return false
}

// offset returns the document offset of path, or of its closest enclosing
// value that has one.
func (p *parser) offset(path string) int {
	for {
		if off, ok := p.offsets[rootPath(path)]; ok {
			return off
		}
		i := strings.LastIndexAny(path, ".[")
		if i <= 0 {
			return 0
		}
		path = path[:i]
	}
}

type member struct {
	key string
	val json.RawMessage
	off int // offset of the value in the document
}

// jsonKind names the kind of a JSON value for messages.
func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func (p *parser) typeError(path, want string, raw json.RawMessage) {
	p.add(path, ErrType, "want "+want+", got "+jsonKind(raw))
}

// object reads a JSON object's members, in order, reporting duplicates.
func (p *parser) object(raw json.RawMessage, base int, path string) ([]member, bool) {
	if jsonKind(raw) != "an object" {
		p.typeError(path, "an object", raw)
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // {
		p.add(path, ErrSyntax, err.Error())
		return nil, false
	}
	var ms []member
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			p.add(path, ErrSyntax, err.Error())
			return ms, true
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			p.add(path, ErrSyntax, err.Error())
			return ms, true
		}
		end := int(dec.InputOffset())
		off := base + end - len(val)
		kpath := joinKey(path, key)
		if seen[key] {
			p.add(kpath, ErrDuplicate, "duplicate field "+quote(key))
			continue
		}
		seen[key] = true
		p.offsets[kpath] = off
		ms = append(ms, member{key, val, off})
	}
	return ms, true
}

// array reads a JSON array's elements with their offsets.
func (p *parser) array(raw json.RawMessage, base int, path, want string) ([]member, bool) {
	if jsonKind(raw) != "an array" {
		p.typeError(path, want, raw)
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil { // [
		p.add(path, ErrSyntax, err.Error())
		return nil, false
	}
	var ms []member
	for i := 0; dec.More(); i++ {
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			p.add(path, ErrSyntax, err.Error())
			return ms, true
		}
		off := base + int(dec.InputOffset()) - len(val)
		p.offsets[index(path, i)] = off
		ms = append(ms, member{val: val, off: off})
	}
	return ms, true
}

func (p *parser) str(m member, path string) (string, bool) {
	var s string
	if jsonKind(m.val) != "a string" || json.Unmarshal(m.val, &s) != nil {
		p.typeError(path, "a string", m.val)
		return "", false
	}
	return s, true
}

func (p *parser) number(m member, path string) (float64, bool) {
	if jsonKind(m.val) != "a number" {
		p.typeError(path, "a number", m.val)
		return 0, false
	}
	f, err := strconv.ParseFloat(string(bytes.TrimSpace(m.val)), 64)
	if err != nil || math.IsInf(f, 0) {
		p.add(path, ErrValue, "number out of range: "+string(bytes.TrimSpace(m.val)))
		return 0, false
	}
	return f, true
}

func (p *parser) boolean(m member, path string) (bool, bool) {
	var b bool
	if jsonKind(m.val) != "a boolean" || json.Unmarshal(m.val, &b) != nil {
		p.typeError(path, "true or false", m.val)
		return false, false
	}
	return b, true
}

// patterns reads a list of pattern strings. An element of the wrong type
// is kept as an empty pattern so that the others keep their indexes (the
// compiler's complaint about it is dropped: it has the same path).
func (p *parser) patterns(m member, path string) []string {
	els, ok := p.array(m.val, m.off, path, "an array of patterns")
	if !ok {
		return nil
	}
	ps := make([]string, len(els))
	for i, el := range els {
		ps[i], _ = p.str(el, index(path, i))
	}
	return ps
}

// criteria reads a list of criteria; a bad one is kept as nil so that the
// others keep their indexes.
func (p *parser) criteria(m member, path string, depth int) ([]*node, bool) {
	els, ok := p.array(m.val, m.off, path, "an array of criteria")
	if !ok {
		return nil, false
	}
	ns := make([]*node, len(els))
	for i, el := range els {
		ns[i] = p.criterion(el.val, el.off, index(path, i), depth, false)
	}
	return ns, true
}

// kindOf maps a field that names a kind of criterion to the kind.
func kindOf(field string) (kind, bool) {
	for k := kindExpect; k <= kindRubric; k++ {
		if k != kindFunc && k.field() == field {
			return k, true
		}
	}
	return 0, false
}

const kindList = "expect, avoid, all, any, not, at_least, before, flag, context or criteria"

// criterion reads one criterion object, or the whole rubric when root is
// set. It returns nil, having reported why, when the object cannot be
// turned into a criterion at all.
func (p *parser) criterion(raw json.RawMessage, base int, path string, depth int, root bool) *node {
	p.offsets[rootPath(path)] = base
	if depth > MaxDepth {
		p.add(path, ErrDepth, "criteria nested more than "+strconv.Itoa(MaxDepth)+" levels deep")
		return nil
	}
	ms, ok := p.object(raw, base, path)
	if !ok {
		return nil
	}
	// Find the kind first: it decides what the other fields mean.
	var kinds []string
	for _, m := range ms {
		if _, ok := kindOf(m.key); ok {
			kinds = append(kinds, m.key)
		}
	}
	switch {
	case root && len(kinds) == 1 && kinds[0] != "criteria":
		p.add(path, ErrKind, "a rubric file must hold a rubric, with criteria, not "+kinds[0])
		return nil
	case root && len(kinds) == 0:
		p.add(joinKey(path, "criteria"), ErrMissing, "missing criteria")
		return nil
	case len(kinds) == 0:
		p.add(path, ErrKind, "names no kind of criterion: give one of "+kindList)
		return nil
	case len(kinds) > 1:
		p.add(path, ErrKind, "names several kinds of criterion ("+strings.Join(kinds, ", ")+"): give only one")
		return nil
	}
	k, _ := kindOf(kinds[0])
	n := newNode(k, "")
	if n.kind == kindRubric {
		n.meta.threshold = DefaultThreshold
	}
	hasID := false
	for _, m := range ms {
		fpath := joinKey(path, m.key)
		switch m.key {
		case "id":
			n.id, _ = p.str(m, fpath)
			hasID = true
		case "title":
			n.meta.title, _ = p.str(m, fpath)
		case "suggestion":
			n.meta.suggestion, _ = p.str(m, fpath)
		case "weight":
			if w, ok := p.number(m, fpath); ok {
				n.meta.weight = w
			}
		case "critical":
			n.meta.critical, _ = p.boolean(m, fpath)
		case "threshold":
			if t, ok := p.number(m, fpath); ok {
				n.meta.threshold, n.meta.thresholdSet = t, true
			}
		case "critical_cap":
			if t, ok := p.number(m, fpath); ok {
				n.meta.cap, n.meta.capSet = t, true
			}
		case "when":
			n.meta.whenSet = true
			n.meta.when = p.criterion(m.val, m.off, fpath, depth+1, false)
		case "expect", "avoid":
			n.patterns = p.patterns(m, fpath)
		case "all", "any", "criteria":
			n.children, _ = p.criteria(m, fpath, depth+1)
		case "before":
			if cs, ok := p.criteria(m, fpath, depth+1); ok {
				if len(cs) != 2 {
					p.add(fpath, ErrValue, "needs exactly two criteria, not "+strconv.Itoa(len(cs)))
				}
				n.children = cs
			}
		case "not", "context":
			n.children = []*node{p.criterion(m.val, m.off, fpath, depth+1, false)}
		case "flag":
			n.flag, _ = p.str(m, fpath)
		case "at_least":
			p.atLeast(n, m, fpath, depth)
		default:
			p.add(fpath, ErrUnknownField, "unknown field "+quote(m.key))
		}
	}
	if !hasID {
		switch {
		case n.kind == kindFlag:
			n.id = n.flag
		case n.kind == kindContext && n.children[0] != nil:
			n.id = n.children[0].id
		}
	}
	return n
}

func (p *parser) atLeast(n *node, m member, path string, depth int) {
	ms, ok := p.object(m.val, m.off, path)
	if !ok {
		return
	}
	hasN, hasOf := false, false
	for _, f := range ms {
		fpath := joinKey(path, f.key)
		switch f.key {
		case "n":
			v, ok := p.number(f, fpath)
			if !ok {
				continue
			}
			hasN = true
			if v != math.Trunc(v) || v < 0 || v > 1e6 {
				p.add(fpath, ErrValue, "n must be a whole number, not "+formatFloat(v))
				continue
			}
			n.n = int(v)
		case "of":
			n.children, _ = p.criteria(f, fpath, depth+1)
			hasOf = true
		default:
			p.add(fpath, ErrUnknownField, "unknown field "+quote(f.key))
		}
	}
	if !hasN {
		p.add(joinKey(path, "n"), ErrMissing, "missing n")
		n.n = 1
	}
	if !hasOf {
		p.add(joinKey(path, "of"), ErrMissing, "missing of")
	}
}

// joinKey is join for a key read from a file: keys that are not plain
// names are written in brackets, quoted.
func joinKey(path, key string) string {
	plainKey := key != ""
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			plainKey = false
			break
		}
	}
	if plainKey {
		return join(path, key)
	}
	if path == "" {
		path = "$"
	}
	return path + "[" + quote(key) + "]"
}

// syntaxPath returns the path of the value being read at offset off of a
// malformed document: the keys and indexes of the objects and arrays open
// at that point.
func syntaxPath(data []byte, off int) string {
	type frame struct {
		obj    bool
		key    string
		hasKey bool
		idx    int
	}
	var stack []frame
	off = min(off, len(data))
	for i := 0; i < off; i++ {
		switch c := data[i]; c {
		case '{':
			stack = append(stack, frame{obj: true})
		case '[':
			stack = append(stack, frame{})
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if len(stack) > 0 {
				top := &stack[len(stack)-1]
				if top.obj {
					top.key, top.hasKey = "", false
				} else {
					top.idx++
				}
			}
		case ':':
			if len(stack) > 0 && stack[len(stack)-1].obj {
				stack[len(stack)-1].hasKey = true
			}
		case '"':
			j := i + 1
			for j < off && data[j] != '"' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			if j >= off {
				i = off
				break
			}
			if len(stack) > 0 && stack[len(stack)-1].obj && !stack[len(stack)-1].hasKey {
				var key string
				if json.Unmarshal(data[i:j+1], &key) != nil {
					key = string(data[i+1 : j])
				}
				stack[len(stack)-1].key = key
			}
			i = j
		}
	}
	path := ""
	for _, f := range stack {
		switch {
		case f.obj && f.key != "":
			path = joinKey(path, f.key)
		case !f.obj:
			if path == "" {
				path = "$"
			}
			path = index(path, f.idx)
		}
	}
	return rootPath(path)
}

// lineCol gives the 1-based line and column (in bytes) of offset off.
func lineCol(data []byte, off int) string {
	off = min(off, len(data))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return "line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col)
}
