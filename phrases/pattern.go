package phrases

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Pattern is a compiled phrase pattern. See the package documentation
// for the language.
//
// A Pattern is immutable and safe for concurrent use by multiple goroutines.
type Pattern struct {
	src string
	// The alternative token sequences, expanded: sequence i is
	// flat[ends[i-1]:ends[i]] (from 0 for the first), each entry an index
	// into steps. Kept this way, a pattern of a few thousand sequences
	// costs a few kilobytes, not a few megabytes.
	steps    []step
	flat     []uint16
	ends     []uint32
	behind   *look // negation look-behind, or nil
	ahead    *look // negation look-ahead, or nil
	usesTags bool
	marked   bool
}

// look is a negation look-around: one of chains, separated from the match
// by a gap of min to max tokens.
type look struct {
	chains   [][]step
	min, max int
}

// keyKind says which form of a token an element compares.
type keyKind uint8

const (
	keyNone  keyKind = iota
	keyNorm          // the normalised form
	keyStem          // the stem
	keyExact         // the surface, exactly
)

// elem is one token test: a key, a class and a tag set, all of which must hold.
type elem struct {
	kind  keyKind
	key   string
	class class
	tags  tagSet
}

// step is one element of an expanded sequence, or a gap.
type step struct {
	el        elem
	gap       bool
	min, max  int
	markStart bool // the marked part starts at this step
	markEnd   bool // the marked part ends after this step
}

// node is the parse tree of a pattern.
type node struct {
	op   nodeOp
	subs []*node
	el   elem
	min  int
	max  int
}

type nodeOp uint8

const (
	opSeq nodeOp = iota
	opAlt
	opOpt
	opMark
	opElem
	opGap
)

// Compile parses a pattern. It returns an [*Error] when the pattern is
// bad: an unknown tag or class is an error, never a pattern that silently
// matches nothing.
func Compile(src string) (*Pattern, error) {
	p := &parser{src: src}
	pat, err := p.parse()
	if err != nil {
		return nil, err
	}
	return pat, nil
}

// MustCompile is like [Compile] but panics if the pattern cannot be
// compiled, quoting it. It is for patterns fixed in a program's source.
func MustCompile(src string) *Pattern {
	p, err := Compile(src)
	if err != nil {
		panic("phrases: Compile(" + quote(src) + "): " + err.Error())
	}
	return p
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('`')
	b.WriteString(s)
	b.WriteByte('`')
	return b.String()
}

// numChains returns the number of expanded sequences.
func (p *Pattern) numChains() int { return len(p.ends) }

// chain returns expanded sequence i as step indices.
func (p *Pattern) chain(i int) []uint16 {
	start := uint32(0)
	if i > 0 {
		start = p.ends[i-1]
	}
	return p.flat[start:p.ends[i]]
}

// String returns the source text the pattern was compiled from.
func (p *Pattern) String() string { return p.src }

// UsesTags reports whether the pattern needs part-of-speech tags.
func (p *Pattern) UsesTags() bool { return p.usesTags }

// parser is a recursive-descent parser over the pattern source.
type parser struct {
	src   string
	pos   int
	depth int
	marks int
	tags  bool
	doc   Doc // scratch for tokenizing literal words

	// The distinct steps of the expansion; sequences are built of their
	// indices.
	steps   []step
	stepIdx map[step]uint16
}

// stepID returns the index of s in the parser's step table, adding it
// when new; ok is false past the table's limit.
func (p *parser) stepID(s step) (uint16, bool) {
	if id, ok := p.stepIdx[s]; ok {
		return id, true
	}
	if len(p.steps) > 0xFFFF {
		return 0, false
	}
	if p.stepIdx == nil {
		p.stepIdx = map[step]uint16{}
	}
	id := uint16(len(p.steps))
	p.steps = append(p.steps, s)
	p.stepIdx[s] = id
	return id, true
}

func (p *parser) errorf(code ErrorCode, off int, detail string) *Error {
	return &Error{Code: code, Pattern: p.src, Offset: off, Detail: detail}
}

func (p *parser) parse() (*Pattern, *Error) {
	if len(p.src) > MaxLength {
		return nil, p.errorf(ErrTooLong, MaxLength, "")
	}
	p.skipSpace()
	if p.pos == len(p.src) {
		return nil, p.errorf(ErrEmpty, 0, "")
	}
	pat := &Pattern{src: p.src}
	// Look-behind: !( ... ) and an optional gap.
	if p.negationAhead() {
		lk, err := p.parseLook()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if g, ok, err := p.tryGap(); err != nil {
			return nil, err
		} else if ok {
			lk.min, lk.max = g.min, g.max
		}
		pat.behind = lk
	}
	bodyStart := p.pos
	body, err := p.parseAlt(true)
	if err != nil {
		return nil, err
	}
	if edgeGap(body, true) {
		return nil, p.errorf(ErrBadGap, bodyStart, "at the start")
	}
	if p.pos < len(p.src) && p.negationAhead() {
		negOff := p.pos
		// A trailing gap in the body belongs to the look-ahead.
		lkMin, lkMax := 0, 0
		if body.op == opSeq && len(body.subs) > 0 && body.subs[len(body.subs)-1].op == opGap {
			g := body.subs[len(body.subs)-1]
			lkMin, lkMax = g.min, g.max
			body.subs = body.subs[:len(body.subs)-1]
		}
		lk, err := p.parseLook()
		if err != nil {
			return nil, err
		}
		lk.min, lk.max = lkMin, lkMax
		p.skipSpace()
		if p.pos < len(p.src) {
			return nil, p.errorf(ErrMisplacedNegation, negOff, "")
		}
		pat.ahead = lk
	}
	if p.pos < len(p.src) {
		return nil, p.errorf(ErrUnexpected, p.pos, p.src[p.pos:p.pos+runeLen(p.src[p.pos:])])
	}
	if edgeGap(body, false) {
		return nil, p.errorf(ErrBadGap, p.pos, "at the end")
	}
	chains, err := p.expand(body, bodyStart)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, c := range chains {
		n += len(c)
	}
	pat.flat = make([]uint16, 0, n)
	pat.ends = make([]uint32, 0, len(chains))
	for _, c := range chains {
		pat.flat = append(pat.flat, c...)
		pat.ends = append(pat.ends, uint32(len(pat.flat)))
	}
	pat.steps = slices.Clip(p.steps)
	pat.usesTags = p.tags
	pat.marked = p.marks > 0
	return pat, nil
}

// edgeGap reports whether a gap necessarily opens (first) or closes the
// sequences n stands for: a gap at the edge of a pattern would add nothing
// to a match but arbitrary tokens. It looks through groups, alternatives
// and marks, but not into optional parts, whose gaps are dropped when
// skipping the optional part leaves them at an edge.
func edgeGap(n *node, first bool) bool {
	switch n.op {
	case opGap:
		return true
	case opSeq:
		if len(n.subs) == 0 {
			return false
		}
		if first {
			return edgeGap(n.subs[0], true)
		}
		return edgeGap(n.subs[len(n.subs)-1], false)
	case opAlt:
		for _, sub := range n.subs {
			if edgeGap(sub, first) {
				return true
			}
		}
	case opMark:
		return edgeGap(n.subs[0], first)
	}
	return false
}

func runeLen(s string) int {
	_, n := utf8.DecodeRuneInString(s)
	return n
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if !unicode.IsSpace(r) {
			return
		}
		p.pos += n
	}
}

func (p *parser) negationAhead() bool {
	return strings.HasPrefix(p.src[p.pos:], "!(")
}

// parseLook parses "!( alternatives )" into a look-around.
func (p *parser) parseLook() (*look, *Error) {
	start := p.pos
	p.pos += 2 // "!("
	marks := p.marks
	p.depth++
	inner, err := p.parseAlt(false)
	p.depth--
	if err != nil {
		return nil, err
	}
	if p.pos >= len(p.src) || p.src[p.pos] != ')' {
		return nil, p.errorf(ErrMissingClose, p.pos, ")")
	}
	p.pos++
	if p.marks != marks {
		return nil, p.errorf(ErrBadNegation, start, "a marked part")
	}
	ids, err := p.expand(inner, start)
	if err != nil {
		return nil, err
	}
	chains := make([][]step, len(ids))
	for i, c := range ids {
		chains[i] = make([]step, len(c))
		for j, id := range c {
			s := p.steps[id]
			if s.gap {
				return nil, p.errorf(ErrBadNegation, start, "a gap inside")
			}
			chains[i][j] = s
		}
	}
	return &look{chains: chains}, nil
}

// parseAlt parses alternatives separated by '|', up to a closing bracket or
// the end. top is set for the whole pattern, where a negation may follow.
func (p *parser) parseAlt(top bool) (*node, *Error) {
	if p.depth > MaxDepth {
		return nil, p.errorf(ErrTooDeep, p.pos, "")
	}
	alt := &node{op: opAlt}
	for {
		start := p.pos
		seq, err := p.parseSeq(top)
		if err != nil {
			return nil, err
		}
		if len(seq.subs) == 0 {
			return nil, p.errorf(ErrEmptyGroup, start, "")
		}
		alt.subs = append(alt.subs, seq)
		if p.pos < len(p.src) && p.src[p.pos] == '|' {
			p.pos++
			continue
		}
		break
	}
	if len(alt.subs) == 1 {
		return alt.subs[0], nil
	}
	return alt, nil
}

// special reports whether c starts or ends a construct of the language.
func special(c byte) bool {
	switch c {
	case '(', ')', '[', ']', '{', '}', '|', '"', '~', '<', '\\':
		return true
	}
	return false
}

// parseSeq parses items up to '|', a closing bracket, a negation or the end.
func (p *parser) parseSeq(top bool) (*node, *Error) {
	seq := &node{op: opSeq}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			return seq, nil
		}
		c := p.src[p.pos]
		switch c {
		case '|', ')', ']', '}':
			return seq, nil
		case '!':
			if p.negationAhead() {
				if top {
					return seq, nil
				}
				return nil, p.errorf(ErrMisplacedNegation, p.pos, "")
			}
		}
		items, err := p.parseItem()
		if err != nil {
			return nil, err
		}
		seq.subs = append(seq.subs, items...)
	}
}

func (p *parser) group(op nodeOp, closer byte) (*node, *Error) {
	open := p.pos
	p.pos++
	p.depth++
	inner, err := p.parseAlt(false)
	p.depth--
	if err != nil {
		return nil, err
	}
	if p.pos >= len(p.src) || p.src[p.pos] != closer {
		if p.pos < len(p.src) {
			return nil, p.errorf(ErrUnexpected, p.pos, p.src[p.pos:p.pos+1])
		}
		return nil, &Error{Code: ErrMissingClose, Pattern: p.src, Offset: open, Detail: string(closer)}
	}
	p.pos++
	switch op {
	case opOpt:
		return &node{op: opOpt, subs: []*node{inner}}, nil
	case opMark:
		p.marks++
		if p.marks > 1 {
			return nil, p.errorf(ErrMultipleMarks, open, "")
		}
		return &node{op: opMark, subs: []*node{inner}}, nil
	}
	return inner, nil
}

// parseItem parses one item; a literal run of words gives several.
func (p *parser) parseItem() ([]*node, *Error) {
	c := p.src[p.pos]
	switch c {
	case '(':
		n, err := p.group(opSeq, ')')
		return one(n, err)
	case '[':
		n, err := p.group(opOpt, ']')
		return one(n, err)
	case '{':
		n, err := p.group(opMark, '}')
		return one(n, err)
	case '"':
		return p.parseQuoted()
	case '~':
		return p.parseStem()
	case '<':
		return p.parseClass()
	case '@':
		start := p.pos
		p.pos++
		tags, err := p.parseTag(start)
		if err != nil {
			return nil, err
		}
		return []*node{{op: opElem, el: elem{tags: tags}}}, nil
	}
	if g, ok, err := p.tryGap(); err != nil {
		return nil, err
	} else if ok {
		return []*node{g}, nil
	}
	return p.parseWords(keyNorm, p.pos, false)
}

func one(n *node, err *Error) ([]*node, *Error) {
	if err != nil {
		return nil, err
	}
	return []*node{n}, nil
}

// tryGap parses "_", "..N" or "M..N" when one stands at p.pos.
func (p *parser) tryGap() (*node, bool, *Error) {
	s := p.src[p.pos:]
	end := func(k int) bool {
		return k == len(s) || s[k] == ' ' || s[k] == '\t' || special(s[k]) || s[k] == '!' || s[k] == '\n' || s[k] == '\r'
	}
	if s != "" && s[0] == '_' && end(1) {
		p.pos++
		return &node{op: opGap, min: 1, max: 1}, true, nil
	}
	k := 0
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if !strings.HasPrefix(s[k:], "..") {
		return nil, false, nil
	}
	k2 := k + 2
	for k2 < len(s) && s[k2] >= '0' && s[k2] <= '9' {
		k2++
	}
	if k2 == k+2 || !end(k2) {
		if k2 == k+2 && (k > 0 || (len(s) > 2 && s[2] != '.')) && end(k2) {
			return nil, false, p.errorf(ErrBadGap, p.pos, s[:k2])
		}
		return nil, false, nil
	}
	lo := 0
	if k > 0 {
		lo = atoiSmall(s[:k])
	}
	hi := atoiSmall(s[k+2 : k2])
	if lo < 0 || hi < 0 || lo > hi || hi == 0 || hi > MaxGap {
		return nil, false, p.errorf(ErrBadGap, p.pos, s[:k2])
	}
	p.pos += k2
	return &node{op: opGap, min: lo, max: hi}, true, nil
}

// atoiSmall parses a short decimal; it returns -1 past 9999.
func atoiSmall(s string) int {
	if len(s) > 4 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// parseQuoted parses "exact words".
func (p *parser) parseQuoted() ([]*node, *Error) {
	open := p.pos
	p.pos++
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			return nil, &Error{Code: ErrMissingClose, Pattern: p.src, Offset: open, Detail: `"`}
		}
		c := p.src[p.pos]
		if c == '"' {
			p.pos++
			break
		}
		if c == '\\' {
			if p.pos+1 >= len(p.src) {
				return nil, p.errorf(ErrTrailingBackslash, p.pos, "")
			}
			p.pos++
			c = p.src[p.pos]
		}
		b.WriteByte(c)
		p.pos++
	}
	nodes := p.wordNodes(b.String(), keyExact)
	if len(p.doc.Sentences) > 1 {
		return nil, p.errorf(ErrSentenceEnd, open, b.String())
	}
	if len(nodes) == 0 {
		return nil, p.errorf(ErrNothingAfterPrefix, open, `""`)
	}
	return p.withTag(nodes)
}

// parseStem parses ~word.
func (p *parser) parseStem() ([]*node, *Error) {
	start := p.pos
	p.pos++
	nodes, err := p.parseWords(keyStem, start, true)
	if err != nil {
		return nil, err
	}
	if len(nodes) == 0 {
		return nil, p.errorf(ErrNothingAfterPrefix, start, "~")
	}
	return nodes, nil
}

// parseWords reads a run of literal text up to a space or a special
// character, with backslash escapes, and tokenizes it. oneWord stops at
// the first space (for ~stem).
func (p *parser) parseWords(kind keyKind, start int, oneWord bool) ([]*node, *Error) {
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c == '\\' {
			if p.pos+1 >= len(p.src) {
				return nil, p.errorf(ErrTrailingBackslash, p.pos, "")
			}
			n := runeLen(p.src[p.pos+1:])
			b.WriteString(p.src[p.pos+1 : p.pos+1+n])
			p.pos += 1 + n
			continue
		}
		if special(c) || c == '@' || (c == '!' && p.negationAhead()) {
			break
		}
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if unicode.IsSpace(r) {
			if oneWord {
				break
			}
			// Stop before a gap or a lone _ so tryGap sees it.
			save := p.pos
			p.skipSpace()
			if p.pos >= len(p.src) {
				break
			}
			if _, ok, gerr := (&parser{src: p.src, pos: p.pos}).tryGap(); ok || gerr != nil || special(p.src[p.pos]) || p.src[p.pos] == '@' || p.negationAhead() {
				// Leave the space: a tag after it is a word of its own.
				p.pos = save
				break
			}
			b.WriteString(p.src[save:p.pos])
			continue
		}
		b.WriteString(p.src[p.pos : p.pos+n])
		p.pos += n
	}
	if b.Len() == 0 {
		if p.pos < len(p.src) {
			return nil, p.errorf(ErrUnexpected, p.pos, p.src[p.pos:p.pos+runeLen(p.src[p.pos:])])
		}
		return nil, p.errorf(ErrNothingAfterPrefix, start, "")
	}
	nodes := p.wordNodes(b.String(), kind)
	if len(p.doc.Sentences) > 1 {
		return nil, p.errorf(ErrSentenceEnd, start, b.String())
	}
	if len(nodes) == 0 {
		return nil, p.errorf(ErrNothingAfterPrefix, start, b.String())
	}
	return p.withTag(nodes)
}

// withTag applies a directly following @TAG to the last word.
func (p *parser) withTag(nodes []*node) ([]*node, *Error) {
	if p.pos < len(p.src) && p.src[p.pos] == '@' {
		start := p.pos
		p.pos++
		tags, err := p.parseTag(start)
		if err != nil {
			return nil, err
		}
		nodes[len(nodes)-1].el.tags = tags
	}
	return nodes, nil
}

// wordNodes tokenizes literal text into elements. Stems and exact forms
// apply to every token; punctuation is always compared by its normal form.
//
// The tokenizer reads some words by what follows them ("no." keeps its dot
// before a number, "it's" is "it has" before "been"), and a literal run
// ends where a group or class begins, so at the end of a run a plain word
// pattern accepts both readings: "order no. <number>" matches "order no.
// 5512" and "it's [been]" matches "it's been".
func (p *parser) wordNodes(text string, kind keyKind) []*node {
	tokenize(&p.doc, text)
	if len(p.doc.Sentences) > 1 {
		// Matches never cross a sentence end, so such a run can never match.
		return nil
	}
	toks := p.doc.Tokens
	nodes := make([]*node, 0, len(toks))
	elemOf := func(t *Token) *node {
		el := elem{kind: kind}
		switch {
		case kind == keyExact:
			el.key = text[t.Start:t.End]
		case kind == keyStem && t.Kind == Word:
			el.key = Stem(t.Norm)
		default:
			el.kind = keyNorm
			el.key = t.Norm
		}
		el.key = strings.Clone(el.key)
		return &node{op: opElem, el: el}
	}
	norm := func(key string) *node {
		return &node{op: opElem, el: elem{kind: keyNorm, key: key}}
	}
	for i := range toks {
		t := &toks[i]
		last := i == len(toks)-1
		if kind == keyNorm && i == 0 && t.Kind == Word && t.End-t.Start <= 3 {
			// A clitic opening the run follows a group: "(it | that)'s"
			// may be "is" or "has", "(a | b)'s" a possessive.
			if r, _ := utf8.DecodeRuneInString(text[t.Start:]); isApostrophe(r) {
				switch t.Norm {
				case "'s", "is", "has":
					nodes = append(nodes, &node{op: opAlt, subs: []*node{norm("'s"), norm("is"), norm("has")}})
					continue
				case "would", "had":
					nodes = append(nodes, &node{op: opAlt, subs: []*node{norm("would"), norm("had")}})
					continue
				}
			}
		}
		if kind == keyNorm && last && i > 0 && t.Kind == Word && t.End-t.Start <= 3 {
			// A clitic at the end of the run: 's is "is" or "has", 'd is
			// "would" or "had", depending on the next word.
			surface := text[t.Start:t.End]
			if r, _ := utf8.DecodeRuneInString(surface); isApostrophe(r) {
				switch t.Norm {
				case "is", "has":
					nodes = append(nodes, &node{op: opAlt, subs: []*node{norm("is"), norm("has")}})
					continue
				case "would", "had":
					nodes = append(nodes, &node{op: opAlt, subs: []*node{norm("would"), norm("had")}})
					continue
				}
			}
		}
		if kind == keyNorm && i == len(toks)-2 && t.Kind == Word && toks[i+1].Kind == Punct &&
			text[toks[i+1].Start:toks[i+1].End] == "." && toks[i+1].Start == t.End &&
			isAbbreviation(text[t.Start:t.End], "0") {
			// "no." at the end of the run: one token before a number, a
			// word and a full stop otherwise.
			nodes = append(nodes, &node{op: opAlt, subs: []*node{
				norm(strings.Clone(t.Norm) + "."),
				{op: opSeq, subs: []*node{elemOf(t), norm(".")}},
			}})
			break
		}
		nodes = append(nodes, elemOf(t))
	}
	return nodes
}

// parseClass parses <name>.
func (p *parser) parseClass() ([]*node, *Error) {
	start := p.pos
	end := strings.IndexByte(p.src[start:], '>')
	if end < 0 {
		return nil, &Error{Code: ErrMissingClose, Pattern: p.src, Offset: start, Detail: ">"}
	}
	name := p.src[start+1 : start+end]
	cl, ok := classByName(name)
	if !ok {
		return nil, p.errorf(ErrUnknownClass, start, name)
	}
	p.pos = start + end + 1
	return p.withTag([]*node{{op: opElem, el: elem{class: cl}}})
}

// parseTag parses the tag name after '@' (at start).
func (p *parser) parseTag(start int) (tagSet, *Error) {
	k := p.pos
	for k < len(p.src) && (p.src[k] >= 'A' && p.src[k] <= 'Z' || p.src[k] == '$') {
		k++
	}
	name := p.src[p.pos:k]
	if k < len(p.src) {
		if r, _ := utf8.DecodeRuneInString(p.src[k:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			// "@vb" or "@VB1": report the whole word.
			for k < len(p.src) {
				r, n := utf8.DecodeRuneInString(p.src[k:])
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '$' {
					break
				}
				k += n
			}
			return 0, p.errorf(ErrUnknownTag, start+1, p.src[p.pos:k])
		}
	}
	tags, ok := tagsByName(name)
	if !ok {
		return 0, p.errorf(ErrUnknownTag, start+1, name)
	}
	p.pos = k
	p.tags = true
	return tags, nil
}

// expand turns the parse tree into its alternative step sequences, as
// indices into the parser's step table.
func (p *parser) expand(n *node, off int) ([][]uint16, *Error) {
	chains, ok := p.expandNode(n)
	if !ok {
		return nil, p.errorf(ErrTooManyAlternates, off, "")
	}
	out := chains[:0]
	for _, c := range chains {
		c, ok = p.tidy(c)
		if !ok {
			return nil, p.errorf(ErrTooManyAlternates, off, "")
		}
		if len(c) > 0 {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, p.errorf(ErrMatchesEmpty, off, "")
	}
	return dedupe(out), nil
}

func (p *parser) expandNode(n *node) ([][]uint16, bool) {
	switch n.op {
	case opElem:
		id, ok := p.stepID(step{el: n.el})
		return [][]uint16{{id}}, ok
	case opGap:
		id, ok := p.stepID(step{gap: true, min: n.min, max: n.max})
		return [][]uint16{{id}}, ok
	case opSeq:
		acc := [][]uint16{{}}
		for _, sub := range n.subs {
			parts, ok := p.expandNode(sub)
			if !ok || len(acc)*len(parts) > MaxAlternatives {
				return nil, false
			}
			next := make([][]uint16, 0, len(acc)*len(parts))
			for _, a := range acc {
				for _, b := range parts {
					c := make([]uint16, 0, len(a)+len(b))
					c = append(append(c, a...), b...)
					next = append(next, c)
				}
			}
			acc = next
		}
		return acc, true
	case opAlt:
		var out [][]uint16
		for _, sub := range n.subs {
			parts, ok := p.expandNode(sub)
			if !ok || len(out)+len(parts) > MaxAlternatives {
				return nil, false
			}
			out = append(out, parts...)
		}
		return out, true
	case opOpt:
		parts, ok := p.expandNode(n.subs[0])
		if !ok || len(parts)+1 > MaxAlternatives {
			return nil, false
		}
		return append(parts, []uint16{}), true
	case opMark:
		parts, ok := p.expandNode(n.subs[0])
		if !ok {
			return nil, false
		}
		for _, c := range parts {
			if len(c) > 0 {
				if c[0], ok = p.marked(c[0], true, false); !ok {
					return nil, false
				}
				if c[len(c)-1], ok = p.marked(c[len(c)-1], false, true); !ok {
					return nil, false
				}
			}
		}
		return parts, true
	}
	return nil, false
}

// marked returns the id of step id with its mark flags also set as asked.
func (p *parser) marked(id uint16, start, end bool) (uint16, bool) {
	s := p.steps[id]
	s.markStart = s.markStart || start
	s.markEnd = s.markEnd || end
	return p.stepID(s)
}

// tidy merges adjacent gaps and drops gaps at either end of a sequence,
// moving their mark flags to the neighbouring step.
func (p *parser) tidy(c []uint16) ([]uint16, bool) {
	out := c[:0]
	for _, id := range c {
		s := p.steps[id]
		if s.gap && len(out) > 0 && p.steps[out[len(out)-1]].gap {
			prev := p.steps[out[len(out)-1]]
			prev.min += s.min
			prev.max += s.max
			if prev.max > MaxGap {
				prev.max = MaxGap
			}
			prev.markEnd = prev.markEnd || s.markEnd
			nid, ok := p.stepID(prev)
			if !ok {
				return nil, false
			}
			out[len(out)-1] = nid
			continue
		}
		out = append(out, id)
	}
	for len(out) > 0 && p.steps[out[0]].gap {
		if len(out) > 1 && p.steps[out[0]].markStart {
			var ok bool
			if out[1], ok = p.marked(out[1], true, false); !ok {
				return nil, false
			}
		}
		out = out[1:]
	}
	for len(out) > 0 && p.steps[out[len(out)-1]].gap {
		if len(out) > 1 && p.steps[out[len(out)-1]].markEnd {
			var ok bool
			if out[len(out)-2], ok = p.marked(out[len(out)-2], false, true); !ok {
				return nil, false
			}
		}
		out = out[:len(out)-1]
	}
	return out, true
}

// dedupe drops repeated sequences ("[a] [a]" gives "a" twice).
func dedupe(chains [][]uint16) [][]uint16 {
	if len(chains) < 2 {
		return chains
	}
	// Sequences are hashed, and compared only when their hashes meet.
	seen := make(map[uint64][]int32, len(chains))
	out := chains[:0]
	for _, c := range chains {
		h := uint64(14695981039346656037)
		for _, id := range c {
			h = (h ^ uint64(id)) * 1099511628211
		}
		h ^= uint64(len(c))
		dup := false
		for _, k := range seen[h] {
			if slices.Equal(out[k], c) {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		seen[h] = append(seen[h], int32(len(out)))
		out = append(out, c)
	}
	return out
}
