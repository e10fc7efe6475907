package phrases

import (
	"cmp"
	"encoding/binary"
	"errors"
	"slices"
	"strconv"
	"sync"
	"unsafe"
)

// A Rule is a labelled pattern, one entry of a [Matcher].
type Rule struct {
	Label   string   // reported with every match of the rule; need not be unique
	Pattern *Pattern // the compiled pattern; must not be nil
}

// Span is a half-open range [Start, End), of bytes or of token indexes.
type Span struct{ Start, End int }

// Match is one match of a rule in a [Doc].
type Match struct {
	Rule       int    // index of the rule in the Matcher
	Label      string // the rule's label
	Tokens     Span   // token indexes of the match
	Bytes      Span   // byte offsets of the match in Doc.Text
	Mark       Span   // byte offsets of the {marked} part; Bytes when the pattern has none
	MarkTokens Span   // token indexes of the marked part
	Negated    bool   // the match sits in a negation scope
}

// An Option configures a [Matcher].
type Option func(*config)

type config struct {
	cues     []string
	window   int
	analyzer *Analyzer
}

// DefaultNegationCues are the words that open a negation scope unless
// [WithNegation] says otherwise. Contractions are normalised, so "n't"
// is "not" and "cannot" is "can not".
func DefaultNegationCues() []string {
	return []string{"not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "hardly", "without", "nowhere"}
}

// WithNegation sets the negation cues (normalised words) and the window:
// a match is negated when a cue stands at most window words before its
// first token in the same clause. A window of 0 or no cues turns the
// default scope off; patterns' own look-arounds still apply. The default
// is [DefaultNegationCues] with a window of 3.
func WithNegation(cues []string, window int) Option {
	c := slices.Clone(cues)
	return func(cfg *config) { cfg.cues, cfg.window = c, window }
}

// WithAnalyzer makes the Matcher analyse text with a, sharing its stem
// cache. By default each Matcher has its own.
func WithAnalyzer(a *Analyzer) Option {
	return func(cfg *config) { cfg.analyzer = a }
}

// A Matcher finds many labelled patterns in a document in one pass.
//
// A Matcher is read-only after [NewMatcher] and safe for concurrent use by
// multiple goroutines.
type Matcher struct {
	rules    []Rule
	cfg      config
	an       *Analyzer
	words    *idCache
	usesTags bool

	normIDs  map[string]int32
	stemIDs  map[string]int32
	exactIDs map[string]int32 // nil when no pattern uses exact forms
	exactFew []exactKey       // exactIDs, when it has at most maxExactFew forms
	nkeys    int32

	// The trie, flattened: each node holds index ranges into the shared
	// arrays, so a walk touches little memory.
	nodes   []tnode
	kids    []kid      // keyed edges of every node, sorted by key within a node
	preds   []predEdge // edges that test a class, a tag or several things
	gaps    []gapEdge
	accepts []int32 // rules that match at a node
	root    []int32 // index+1 into kids of the root's first edge for each key id
	// rootOthers says whether the root has edges that are not keyed;
	// rootClasses has the classes its class-only edges test, and rootAny
	// says whether it has any other such edge, which every token may take.
	rootOthers, rootAny bool
	rootClasses         uint16
	// edgeTab finds the first keyed edge of a (node, key) pair other than
	// the root's: open addressing, linear probing, a power of two in size.
	edgeTab   []edgeSlot
	edgeShift uint8

	looks []ruleLooks // per rule, its look-arounds compiled to key ids
	b     *builder    // while building only
	cues  map[string]bool

	pool sync.Pool // *scratch
}

// tnode is a trie node: ranges [x0, x0+xN) into the Matcher's arrays.
type tnode struct {
	kid0, kidN    int32
	pred0, predN  int32
	gap0, gapN    int32
	accept0, accN int32
	// keyMask has bit key%64 set for the key of every keyed edge, so a
	// token whose keys miss it has no edge here without a lookup.
	keyMask uint64
}

// edgeSlot maps a (node, key) pair, packed as node<<32|key, to the index
// of the node's first edge with that key; nk is 0 in an empty slot (the
// root's edges are never in the table, so no real pair packs to 0).
type edgeSlot struct {
	nk    uint64
	first int32
}

// live reports whether a walk can go on from the node.
func (nd *tnode) live() bool { return nd.kidN|nd.predN|nd.gapN != 0 }

// kid is a keyed edge: a token with key id goes to child.
type kid struct {
	key   int32
	child int32
	flags uint8
}

// builder holds the trie while rules are added.
type builder struct {
	nodes []bnode
	keyed map[uint64]int32 // (node, key) → index+1 of the first bedge
	edges []bedge
}

type bnode struct {
	kids    []kid
	preds   []predEdge
	gaps    []gapEdge
	accepts []int32
}

type bedge struct {
	child int32
	flags uint8
	next  int32
}

type predEdge struct {
	el    elem
	id    int32 // key id when el has a key
	child int32
	flags uint8
}

type gapEdge struct {
	min, max int32 // at most MaxGap
	child    int32
	flags    uint8
	// mask is the child's keyMask, or every bit when the child has edges
	// that are not keyed: a state leaving the gap is tested against it
	// without loading the child.
	mask uint64
}

const (
	flagMarkStart = 1 << iota
	flagMarkEnd
)

// errTooManyRules is returned by [NewMatcher] past [MaxRules].
var errTooManyRules = errors.New("phrases: too many rules")

// MaxRules is the most rules one Matcher takes.
const MaxRules = 1 << 24

// NewMatcher compiles rules into one Matcher. Rules keep their index: a
// [Match] names the rule it came from. A nil pattern is an error.
func NewMatcher(rules []Rule, opts ...Option) (*Matcher, error) {
	if len(rules) > MaxRules {
		return nil, errTooManyRules
	}
	m := &Matcher{
		rules:   slices.Clone(rules),
		cfg:     config{cues: DefaultNegationCues(), window: 3},
		normIDs: map[string]int32{},
		stemIDs: map[string]int32{},
		b:       &builder{nodes: []bnode{{}}, keyed: map[uint64]int32{}},
	}
	for _, o := range opts {
		o(&m.cfg)
	}
	m.an = m.cfg.analyzer
	if m.an == nil {
		m.an = NewAnalyzer()
	}
	m.cues = make(map[string]bool, len(m.cfg.cues))
	for _, c := range m.cfg.cues {
		m.cues[c] = true
	}
	steps := 1
	for _, r := range rules {
		if r.Pattern != nil {
			steps += len(r.Pattern.flat)
		}
	}
	// At most one node per step; shared prefixes make it about a quarter
	// of that on real lexicons, so start at half and let append grow.
	m.b.nodes = make([]bnode, 1, min(steps/4+1, 1<<21))
	var ids []int32
	for i, r := range rules {
		if r.Pattern == nil {
			return nil, errors.New("phrases: rule " + strconv.Itoa(i) + " (" + strconv.Quote(r.Label) + ") has no pattern")
		}
		if r.Pattern.usesTags {
			m.usesTags = true
		}
		if r.Pattern.behind != nil || r.Pattern.ahead != nil {
			if m.looks == nil {
				m.looks = make([]ruleLooks, len(rules))
			}
			m.looks[i] = ruleLooks{behind: m.compileLook(r.Pattern.behind, true), ahead: m.compileLook(r.Pattern.ahead, false)}
		}
		// Key ids once per distinct step of the pattern, not per use.
		ids = ids[:0]
		for j := range r.Pattern.steps {
			st := &r.Pattern.steps[j]
			var id int32
			if !st.gap {
				id = m.keyID(st.el)
			}
			ids = append(ids, id)
		}
		for c := range r.Pattern.numChains() {
			chain := r.Pattern.chain(c)
			m.add(int32(i), r.Pattern.steps, ids, chain)
		}
	}
	m.freeze()
	if len(m.exactIDs) <= maxExactFew {
		for form, id := range m.exactIDs {
			m.exactFew = append(m.exactFew, exactKey{form, id})
		}
	}
	m.words = &idCache{seed: m.an.words().seed, m: m}
	return m, nil
}

// exactKey is an exact form and its key id.
type exactKey struct {
	form string
	id   int32
}

// maxExactFew is the most exact forms a Matcher compares one by one
// rather than look up (see idCache.exactOf).
const maxExactFew = 8

// keyID interns an element's key.
func (m *Matcher) keyID(el elem) int32 {
	var ids map[string]int32
	switch el.kind {
	case keyNorm:
		ids = m.normIDs
	case keyStem:
		ids = m.stemIDs
	case keyExact:
		if m.exactIDs == nil {
			m.exactIDs = map[string]int32{}
		}
		ids = m.exactIDs
	default:
		return 0
	}
	if id, ok := ids[el.key]; ok {
		return id
	}
	m.nkeys++
	ids[el.key] = m.nkeys
	return m.nkeys
}

// add inserts one expanded sequence into the trie. Trie nodes are shared
// between sequences with the same prefix of steps, so a node is only
// reached by the steps that spell its prefix.
func (m *Matcher) add(rule int32, steps []step, ids []int32, chain []uint16) {
	n := int32(0)
	for _, si := range chain {
		s := &steps[si]
		var flags uint8
		if s.markStart {
			flags |= flagMarkStart
		}
		if s.markEnd {
			flags |= flagMarkEnd
		}
		n = m.child(n, s, ids[si], flags)
	}
	m.b.nodes[n].accepts = append(m.b.nodes[n].accepts, rule)
}

func (b *builder) newNode() int32 {
	b.nodes = append(b.nodes, bnode{})
	return int32(len(b.nodes) - 1)
}

func (m *Matcher) child(n int32, s *step, id int32, flags uint8) int32 {
	b := m.b
	if s.gap {
		for _, g := range b.nodes[n].gaps {
			if int(g.min) == s.min && int(g.max) == s.max && g.flags == flags {
				return g.child
			}
		}
		c := b.newNode()
		b.nodes[n].gaps = append(b.nodes[n].gaps, gapEdge{min: int32(s.min), max: int32(s.max), child: c, flags: flags})
		return c
	}
	if s.el.kind != keyNone && s.el.class == classNone && s.el.tags == 0 {
		bn := &b.nodes[n]
		if len(bn.kids) <= wideNode {
			for _, k := range bn.kids {
				if k.key == id && k.flags == flags {
					return k.child
				}
			}
		} else {
			k := uint64(n)<<32 | uint64(id)
			for e := b.keyed[k]; e != 0; e = b.edges[e-1].next {
				if b.edges[e-1].flags == flags {
					return b.edges[e-1].child
				}
			}
		}
		c := b.newNode()
		bn = &b.nodes[n] // newNode may have moved the nodes
		bn.kids = append(bn.kids, kid{key: id, child: c, flags: flags})
		switch {
		case len(bn.kids) == wideNode+1:
			// The node has just become wide: index all its edges.
			for _, k := range bn.kids {
				b.index(n, k)
			}
		case len(bn.kids) > wideNode+1:
			b.index(n, bn.kids[len(bn.kids)-1])
		}
		return c
	}
	for _, p := range b.nodes[n].preds {
		if p.el == s.el && p.flags == flags {
			return p.child
		}
	}
	c := b.newNode()
	b.nodes[n].preds = append(b.nodes[n].preds, predEdge{el: s.el, id: id, child: c, flags: flags})
	return c
}

// wideNode is the number of keyed edges above which the builder finds a
// node's edges through its map rather than by looking at each.
const wideNode = 8

// index adds a keyed edge of wide node n to the builder's map.
func (b *builder) index(n int32, k kid) {
	key := uint64(n)<<32 | uint64(k.key)
	b.edges = append(b.edges, bedge{child: k.child, flags: k.flags, next: b.keyed[key]})
	b.keyed[key] = int32(len(b.edges))
}

// minimize merges the trie's equivalent nodes: two nodes with the same
// accepted rules and the same edges to equivalent children have the same
// future, so one can stand for both. Expanding a pattern's alternatives
// spells every combination out as a chain of its own; the trie shares
// their prefixes, merging shares their suffixes too, which turns the tree
// into a far smaller graph (the default deescalate lexicons: from 440k
// nodes to a few thousand) that a walk can keep in cache.
//
// A node's children are always created after it, so visiting nodes from
// the last to the first meets every child before its parents. The nodes
// left are renumbered in breadth-first order from the root, so a walk's
// early steps touch neighbouring memory.
func (m *Matcher) minimize() {
	b := m.b
	canon := make([]int32, len(b.nodes))
	index := make(map[string]int32, len(b.nodes)/8+1)
	var sig []byte
	for i := len(b.nodes) - 1; i >= 0; i-- {
		bn := &b.nodes[i]
		for j := range bn.kids {
			bn.kids[j].child = canon[bn.kids[j].child]
		}
		for j := range bn.preds {
			bn.preds[j].child = canon[bn.preds[j].child]
		}
		for j := range bn.gaps {
			bn.gaps[j].child = canon[bn.gaps[j].child]
		}
		slices.SortFunc(bn.kids, func(x, y kid) int {
			if c := cmp.Compare(x.key, y.key); c != 0 {
				return c
			}
			if c := cmp.Compare(x.flags, y.flags); c != 0 {
				return c
			}
			return cmp.Compare(x.child, y.child)
		})
		if i == 0 {
			canon[0] = 0 // the root stands for itself
			break
		}
		sig = bn.signature(sig[:0])
		if c, ok := index[string(sig)]; ok {
			canon[i] = c
			continue
		}
		canon[i] = int32(i)
		index[string(sig)] = int32(i)
	}
	// Renumber the representatives reachable from the root, breadth first.
	order := make([]int32, 0, len(index)+1)
	newID := make([]int32, len(b.nodes)) // old id → new id+1
	order = append(order, 0)
	newID[0] = 1
	visit := func(c int32) {
		if newID[c] == 0 {
			order = append(order, c)
			newID[c] = int32(len(order))
		}
	}
	for q := 0; q < len(order); q++ {
		bn := &b.nodes[order[q]]
		for _, k := range bn.kids {
			visit(k.child)
		}
		for _, p := range bn.preds {
			visit(p.child)
		}
		for _, g := range bn.gaps {
			visit(g.child)
		}
	}
	nodes := make([]bnode, len(order))
	for i, old := range order {
		bn := b.nodes[old]
		for j := range bn.kids {
			bn.kids[j].child = newID[bn.kids[j].child] - 1
		}
		for j := range bn.preds {
			bn.preds[j].child = newID[bn.preds[j].child] - 1
		}
		for j := range bn.gaps {
			bn.gaps[j].child = newID[bn.gaps[j].child] - 1
		}
		nodes[i] = bn
	}
	b.nodes = nodes
}

// signature appends an encoding of the node's accepted rules and edges,
// whose children must already be canonical, to buf.
func (bn *bnode) signature(buf []byte) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(bn.accepts)))
	for _, r := range bn.accepts {
		buf = binary.AppendUvarint(buf, uint64(r))
	}
	buf = binary.AppendUvarint(buf, uint64(len(bn.kids)))
	for _, k := range bn.kids {
		buf = binary.AppendUvarint(buf, uint64(k.key))
		buf = append(buf, k.flags)
		buf = binary.AppendUvarint(buf, uint64(k.child))
	}
	buf = binary.AppendUvarint(buf, uint64(len(bn.preds)))
	for _, p := range bn.preds {
		buf = append(buf, byte(p.el.kind), byte(p.el.class), p.flags)
		buf = binary.AppendUvarint(buf, uint64(p.id))
		buf = binary.AppendUvarint(buf, uint64(p.el.tags))
		buf = binary.AppendUvarint(buf, uint64(p.child))
	}
	buf = binary.AppendUvarint(buf, uint64(len(bn.gaps)))
	for _, g := range bn.gaps {
		buf = binary.AppendUvarint(buf, uint64(g.min))
		buf = binary.AppendUvarint(buf, uint64(g.max))
		buf = append(buf, g.flags)
		buf = binary.AppendUvarint(buf, uint64(g.child))
	}
	return buf
}

// freeze minimizes the built trie and flattens it into the Matcher's
// arrays.
func (m *Matcher) freeze() {
	m.minimize()
	b := m.b
	m.nodes = make([]tnode, len(b.nodes))
	for i := range b.nodes {
		bn := &b.nodes[i]
		m.nodes[i] = tnode{
			kid0: int32(len(m.kids)), kidN: int32(len(bn.kids)),
			pred0: int32(len(m.preds)), predN: int32(len(bn.preds)),
			gap0: int32(len(m.gaps)), gapN: int32(len(bn.gaps)),
			accept0: int32(len(m.accepts)), accN: int32(len(bn.accepts)),
		}
		for _, k := range bn.kids {
			m.nodes[i].keyMask |= 1 << (uint32(k.key) & 63)
		}
		m.kids = append(m.kids, bn.kids...)
		m.preds = append(m.preds, bn.preds...)
		m.gaps = append(m.gaps, bn.gaps...)
		m.accepts = append(m.accepts, bn.accepts...)
	}
	m.root = make([]int32, m.nkeys+1)
	r := &m.nodes[0]
	for i := r.kidN - 1; i >= 0; i-- {
		m.root[m.kids[r.kid0+i].key] = r.kid0 + i + 1
	}
	for i := range m.gaps {
		g := &m.gaps[i]
		c := &m.nodes[g.child]
		g.mask = c.keyMask
		if c.predN|c.gapN != 0 {
			g.mask = ^uint64(0)
		}
	}
	r = &m.nodes[0]
	m.rootOthers = r.predN|r.gapN != 0
	m.rootAny = r.gapN != 0
	for _, p := range m.preds[r.pred0 : r.pred0+r.predN] {
		if p.el.kind != keyNone || p.el.tags != 0 || p.el.class == classNone {
			m.rootAny = true
		} else {
			m.rootClasses |= 1 << p.el.class
		}
	}
	m.buildEdgeTab()
	m.b = nil
}

// buildEdgeTab fills edgeTab with the first edge of every (node, key) pair
// but the root's, at most half full.
func (m *Matcher) buildEdgeTab() {
	n := 0
	for i := 1; i < len(m.nodes); i++ {
		nd := &m.nodes[i]
		for j := nd.kid0; j < nd.kid0+nd.kidN; j++ {
			if j == nd.kid0 || m.kids[j].key != m.kids[j-1].key {
				n++
			}
		}
	}
	size, shift := 16, uint8(60)
	for size < 2*n {
		size <<= 1
		shift--
	}
	m.edgeTab = make([]edgeSlot, size)
	m.edgeShift = shift
	mask := uint64(size - 1)
	for i := 1; i < len(m.nodes); i++ {
		nd := &m.nodes[i]
		for j := nd.kid0; j < nd.kid0+nd.kidN; j++ {
			if j != nd.kid0 && m.kids[j].key == m.kids[j-1].key {
				continue
			}
			nk := uint64(i)<<32 | uint64(uint32(m.kids[j].key))
			h := (nk * 0x9E3779B97F4A7C15) >> shift
			for m.edgeTab[h].nk != 0 {
				h = (h + 1) & mask
			}
			m.edgeTab[h] = edgeSlot{nk: nk, first: j}
		}
	}
}

// firstKid returns the index+1 of node n's first edge for key, or 0.
func (m *Matcher) firstKid(n, key int32) int32 {
	if n == 0 {
		return m.root[key]
	}
	nk := uint64(n)<<32 | uint64(uint32(key))
	mask := uint64(len(m.edgeTab) - 1)
	for h := (nk * 0x9E3779B97F4A7C15) >> m.edgeShift; ; h = (h + 1) & mask {
		e := &m.edgeTab[h]
		if e.nk == nk {
			return e.first + 1
		}
		if e.nk == 0 {
			return 0
		}
	}
}

// Len returns the number of rules.
func (m *Matcher) Len() int { return len(m.rules) }

// Rule returns rule i.
func (m *Matcher) Rule(i int) Rule { return m.rules[i] }

// UsesTags reports whether any pattern needs part-of-speech tags; the
// Matcher then tags documents before matching them.
func (m *Matcher) UsesTags() bool { return m.usesTags }

// Analyzer returns the Matcher's analyzer.
func (m *Matcher) Analyzer() *Analyzer { return m.an }

// Analyze analyses text for matching: tokens, stems, the Matcher's key
// lookups and, when the patterns need them, tags.
func (m *Matcher) Analyze(text string) *Doc {
	d := new(Doc)
	m.AnalyzeInto(d, text)
	return d
}

// AnalyzeInto is [Matcher.Analyze] reusing d's memory.
func (m *Matcher) AnalyzeInto(d *Doc, text string) {
	tokenizeWith(d, text, false, m.words)
	m.keysFor(d, true)
	if m.usesTags {
		_ = d.Tag() // a model that cannot load leaves tags empty; tag patterns then match nothing
	}
}

// tokKeys are a token's key ids in one Matcher's vocabulary.
type tokKeys struct {
	norm, stem, exact int32
	punct             bool // the token is punctuation, transparent to patterns
	cue               bool // the token is a negation cue (WithNegation)
	stop              bool // the token ends a negation scope: "but", "however", or a clause break
	// Class membership, computed on first use: bit c of known says
	// whether bit c of classes is set yet.
	classes, known uint16
}

// keysFor computes the key ids of d's tokens. With fresh set, the tokens
// came straight from tokenizeWith with m's cache, which set the keys of
// most and listed the others in d.unkeyed: it computes theirs, and sets
// their stems too.
func (m *Matcher) keysFor(d *Doc, fresh bool) {
	if fresh {
		for _, i := range d.unkeyed {
			m.tokenKeys(d, int(i), true)
		}
		d.keyOwner = m
		return
	}
	toks := d.Tokens
	if cap(d.keys) < len(toks) {
		d.keys = make([]tokKeys, len(toks), len(toks)+len(toks)/4)
	}
	d.keys = d.keys[:len(toks)]
	for i := range toks {
		m.tokenKeys(d, i, false)
	}
	d.keyOwner = m
}

// tokenKeys computes the key ids of token i of d, and with setStem set
// its stem.
func (m *Matcher) tokenKeys(d *Doc, i int, setStem bool) {
	t, k := &d.Tokens[i], &d.keys[i]
	kind := t.Kind
	mode := modeOther
	if kind == Word {
		mode = modeWord
	}
	words := m.words
	e := words.lookup(t.Norm, mode)
	if setStem {
		t.Stem = e.stem
	}
	*k = e.keys
	k.punct = kind == Punct
	k.classes |= kindClasses[kind&kindMask]
	switch kind {
	case Word:
		if t.Shape == Title {
			// A capitalised word is a name or not by where it stands.
			k.known &^= 1 << className
		}
	case Number:
		if k.classes&(1<<classTime) == 0 {
			// "4 p.m.": whether a number is a time depends on the next token.
			k.known &^= 1 << classTime
		}
	}
	if m.exactIDs != nil && !normIsSurface(d.Text, t) {
		k.exact = words.lookup(d.Text[t.Start:t.End], modeSurface).keys.exact
	}
}

// normIsSurface reports whether t's normalised form is its surface in
// text: quickly when it is the same bytes of memory, as a lower-case
// word's is.
func normIsSurface(text string, t *Token) bool {
	if len(t.Norm) != t.End-t.Start {
		return false
	}
	if unsafe.StringData(t.Norm) == (*byte)(unsafe.Add(unsafe.Pointer(unsafe.StringData(text)), t.Start)) {
		return true
	}
	return t.Norm == text[t.Start:t.End]
}

// kindMask covers every Kind: indexing kindClasses with kind&kindMask
// needs no bounds check.
const kindMask = 15

// kindClasses has, for each kind of token, the classes its kind puts it
// in.
var kindClasses = [kindMask + 1]uint16{
	Word:    1 << classWord,
	Number:  1 << classNumber,
	Punct:   1 << classPunct,
	Symbol:  0,
	Email:   1 << classEmail,
	URL:     1 << classURL,
	Phone:   1 << classPhone,
	Mention: 1 << classMention,
	Hashtag: 1 << classHashtag,
	Emoji:   1 << classEmoji,
}

// decidedClasses are the classes that a token's kind and normalised form
// decide (see kindClasses and idCache.make); the others depend on the
// tokens around it and are computed on first use.
const decidedClasses = 1<<classNumber | 1<<classEmail | 1<<classPhone | 1<<classURL |
	1<<classMention | 1<<classHashtag | 1<<classEmoji | 1<<classWord | 1<<classPunct | 1<<classTime |
	1<<className

// Match returns the leftmost-longest matches that do not overlap, in text
// order: at each token, the longest match starting there wins (the lower
// rule index breaks ties), and matching resumes after it.
func (m *Matcher) Match(d *Doc) []Match {
	return m.AppendMatches(nil, d, false)
}

// MatchAll returns, for every rule and every token where it matches, the
// longest match starting there; matches may overlap. They are ordered by
// start, then longest first, then by rule.
func (m *Matcher) MatchAll(d *Doc) []Match {
	return m.AppendMatches(nil, d, true)
}

// AppendMatches appends the matches in d to dst and returns the extended
// slice: every match when all is set (as [Matcher.MatchAll]), otherwise the
// leftmost-longest ones (as [Matcher.Match]). Reusing dst keeps a steady
// caller free of allocations.
func (m *Matcher) AppendMatches(dst []Match, d *Doc, all bool) []Match {
	if d == nil || len(d.Tokens) == 0 {
		return dst
	}
	if d.keyOwner != m || len(d.keys) != len(d.Tokens) {
		m.keysFor(d, false)
	}
	if m.usesTags && !d.tagged {
		_ = d.Tag() // a model that cannot load leaves tags empty; tag patterns then match nothing
	}
	sc, _ := m.pool.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	sc.found = sc.found[:0]
	m.walkAll(d, sc)
	found := sc.found // in order: see walkAll
	last := int32(-1)
	group := len(dst) // first match in dst with the current start, when all
	for _, f := range found {
		if all {
			// Keep the first, longest, match per (start, rule): sorting
			// puts it before the others with that start, but rules
			// interleave, so look back over the start's kept matches.
			if len(dst) == group || int32(dst[group].Tokens.Start) != f.start {
				group = len(dst)
			} else if keptRule(dst[group:], f.rule) {
				continue
			}
		} else if f.start < last {
			continue
		}
		dst = append(dst, m.match(d, f))
		last = f.end
	}
	m.pool.Put(sc)
	return dst
}

// keptRule reports whether ms holds a match of rule.
func keptRule(ms []Match, rule int32) bool {
	for i := range ms {
		if ms[i].Rule == int(rule) {
			return true
		}
	}
	return false
}

// raw is a match found by the walk.
type raw struct {
	rule, start, end, markS, markE int32
}

// state is a partial match: at a trie node, or inside a gap edge.
type state struct {
	node         int32
	gap          int32 // index+1 in Matcher.gaps of the gap being crossed; 0 when at node
	count        int32 // tokens crossed in the gap
	start        int32
	markS, markE int32
}

type scratch struct {
	// The walk in progress: the Matcher and the document, set once per
	// document, the token being consumed and the end of its sentence. The
	// walk writes no pointer into the scratch per token or per state (the
	// token's keys are passed down instead): while a garbage collection
	// is in progress, each such write would cost a write barrier.
	m    *Matcher
	d    *Doc
	ti   int32
	last int32 // the end of the sentence: Sentence.Last

	// states holds the live states: those of the token being consumed
	// (cur in walk) and, after them, those that the token leads to.
	states []state
	found  []raw
	// Memory for sortFound.
	at      []int32
	byStart []raw
	// slots is dedupe's hash table when a token yields many states:
	// index+1 into the states kept, 0 for an empty slot.
	slots []int32
	peak  int // the most live states after any token, for tests
}

// stateKey identifies a state for deduplication: two states at the same
// place that started at the same token and marked the same tokens lead to
// the same matches (the trie is minimized, so two paths from one start
// can meet at a node; their marks may differ, and then both are kept).
// Inside a gap, once both counts have reached the gap's minimum, the state
// with the smaller count can do all the other can (leave the gap now, or
// stay in it longer), so such states share a key and the smaller count is
// kept.
type stateKey struct {
	node, gap, count, start int32
	markS, markE            int32
}

func (m *Matcher) keyOf(st *state) stateKey {
	c := st.count
	if st.gap != 0 {
		if min := m.gaps[st.gap-1].min; c > min {
			c = min
		}
	}
	return stateKey{st.node, st.gap, c, st.start, st.markS, st.markE}
}

// sameCount reports whether two states at the same place have counts
// that make them equivalent (see stateKey).
func (m *Matcher) sameCount(a, b *state) bool {
	if a.count == b.count {
		return true
	}
	min := m.gaps[a.gap-1].min // counts differ only inside a gap
	return a.count >= min && b.count >= min
}

// dedupeAbove is the number of live states above which the walk removes
// repeats. A few repeats cost less than looking for them: they only find
// the same matches again, which AppendMatches drops, and they cannot
// multiply past this bound. Of 4, 6, 8, 12 and 16, 8 takes the fewest
// instructions to evaluate a reply with deescalate's default rubric (2%
// fewer than 4), and no more on the phrases benchmarks.
const dedupeAbove = 8

// dedupe removes repeated and dominated states from next. Without it,
// every way of splitting tokens between several gaps would be a state of
// its own and the work would grow like tokens^gaps; with it, a start token
// has at most one state per trie node and gap position.
func (m *Matcher) dedupe(sc *scratch, next []state) []state {
	if len(next) < 2 {
		return next
	}
	if len(next) <= 16 {
		// In place: out is next[:w], and a state is moved only once a
		// repeat has been dropped before it.
		w := 1
	outer:
		for j := 1; j < len(next); j++ {
			st := &next[j]
			for i := 0; i < w; i++ {
				if o := &next[i]; o.node == st.node && o.start == st.start && o.gap == st.gap &&
					o.markS == st.markS && o.markE == st.markE && m.sameCount(o, st) {
					if st.count < o.count {
						*o = *st
					}
					continue outer
				}
			}
			if w != j {
				next[w] = *st
			}
			w++
		}
		return next[:w]
	}
	// Open addressing, at most half full; only the part of the table in
	// use is cleared (clearing a map costs as much as its largest size).
	size := 64
	for size < 2*len(next) {
		size <<= 1
	}
	if cap(sc.slots) < size {
		sc.slots = make([]int32, size)
	}
	slots := sc.slots[:size]
	clear(slots)
	mask := uint64(size - 1)
	out := next[:0]
	for _, st := range next {
		k := m.keyOf(&st)
		h := k.hash() & mask
		for {
			i := slots[h]
			if i == 0 {
				out = append(out, st)
				slots[h] = int32(len(out))
				break
			}
			if o := &out[i-1]; m.keyOf(o) == k {
				if st.count < o.count {
					*o = st
				}
				break
			}
			h = (h + 1) & mask
		}
	}
	return out
}

// hash hashes a state key for dedupe's table.
func (k stateKey) hash() uint64 {
	a := uint64(uint32(k.node)) | uint64(uint32(k.start))<<32
	b := uint64(uint32(k.gap)) | uint64(uint32(k.count))<<20 ^ uint64(uint32(k.markS))<<32 ^ uint64(uint32(k.markE))<<48
	return mix(a^hashK1, b^hashK0)
}

// walkAll runs the trie over every sentence of d, appending what matches
// to sc.found ordered by start, then longest first, then by rule (in the
// order the walk found them where all three are equal).
func (m *Matcher) walkAll(d *Doc, sc *scratch) {
	sc.m, sc.d = m, d
	for si := range d.Sentences {
		s := d.Sentences[si]
		from := len(sc.found)
		m.walk(d, s, sc)
		if len(sc.found)-from > 1 {
			sc.sortFound(from, s.First, s.Last)
		}
	}
	sc.m, sc.d = nil, nil // a pooled scratch keeps no document alive
}

// sortFound orders sc.found[from:], the matches of a sentence whose tokens
// are [first, last), as walkAll says: by insertion when they are few (the
// walk finds them in the order of their end, often nearly in order),
// otherwise by a counting sort on start, in time linear in the sentence
// and its matches, and then each start's matches by end and rule.
func (sc *scratch) sortFound(from, first, last int) {
	found := sc.found[from:]
	if len(found) <= 16 {
		insertionSort(found)
		return
	}
	n := last - first
	at := slices.Grow(sc.at[:0], n+1)[:n+1] // at[i]: where the matches starting at first+i go
	clear(at)
	for i := range found {
		at[int(found[i].start)-first+1]++
	}
	for i := 1; i <= n; i++ {
		at[i] += at[i-1]
	}
	by := slices.Grow(sc.byStart[:0], len(found))[:len(found)]
	for _, f := range found {
		i := int(f.start) - first
		by[at[i]] = f
		at[i]++
	}
	// at[i] is now the end of start first+i's matches.
	lo := 0
	for i := 0; i < n && lo < len(by); i++ {
		hi := int(at[i])
		if hi-lo > 1 {
			sortSameStart(by[lo:hi])
		}
		lo = hi
	}
	copy(found, by)
	sc.at, sc.byStart = at, by
}

// sortSameStart orders matches that start at one token longest first,
// then by rule, keeping the order of equal ones.
func sortSameStart(g []raw) {
	if len(g) > 16 {
		slices.SortStableFunc(g, compareRaw)
		return
	}
	insertionSort(g)
}

// compareRaw orders matches by start, then longest first, then by rule.
func compareRaw(a, b raw) int {
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	if c := cmp.Compare(b.end, a.end); c != 0 {
		return c
	}
	return cmp.Compare(a.rule, b.rule)
}

// insertionSort sorts a few matches by compareRaw, keeping the order of
// equal ones.
func insertionSort(g []raw) {
	for i := 1; i < len(g); i++ {
		x := g[i]
		j := i
		for j > 0 && compareRaw(x, g[j-1]) < 0 {
			g[j] = g[j-1]
			j--
		}
		g[j] = x
	}
}

// walk runs the trie over one sentence. The states of the token being
// consumed are sc.states[base:n]; those it leads to are appended after
// them, and are the next token's. Only when the buffer has grown long are
// they moved to its front.
func (m *Matcher) walk(d *Doc, s Sentence, sc *scratch) {
	sc.last = int32(s.Last)
	sc.states = sc.states[:0]
	base := 0
	keys := d.keys[s.First:s.Last]
	for i := range keys {
		n := len(sc.states)
		cur := sc.states[base:n:n]
		k := &keys[i]
		punct := k.punct
		ti := int32(s.First + i)
		sc.ti = ti
		// Start a match at this token.
		sc.start(ti, k)
		for ci := range cur {
			st := &cur[ci]
			if st.gap != 0 {
				g := &m.gaps[st.gap-1]
				if punct {
					sc.states = append(sc.states, *st)
					if st.count >= g.min && g.mayLeave(k) {
						sc.advance(g.child, leaveGap(g, *st, ti), k)
					}
					continue
				}
				if st.count < g.max {
					st2 := *st
					st2.count++
					sc.states = append(sc.states, st2)
				}
				if st.count >= g.min && g.mayLeave(k) {
					sc.advance(g.child, leaveGap(g, *st, ti), k)
				}
				continue
			}
			if m.mayTake(st.node, k) {
				sc.advance(st.node, *st, k)
			}
			if punct {
				sc.states = append(sc.states, *st)
			}
		}
		if len(sc.states)-n > dedupeAbove {
			next := m.dedupe(sc, sc.states[n:])
			sc.states = sc.states[:n+len(next)]
		}
		if len(sc.states)-n > sc.peak {
			sc.peak = len(sc.states) - n
		}
		base = n
		if n >= compactStates {
			// Move the next token's states to the front.
			sc.states = sc.states[:copy(sc.states, sc.states[n:])]
			base = 0
		}
	}
	sc.states = sc.states[:0]
}

// compactStates is how far walk lets the states of the token being
// consumed move into its buffer before it moves them back to the front:
// moving them after every token costs more than the memory it saves.
const compactStates = 256

// mayTake reports whether node n may have a way on for a token with keys
// k: an edge that tests more than a key, a gap, or a keyed edge whose key
// the node's mask does not rule out. It saves a call for the many states
// a token cannot move.
func (m *Matcher) mayTake(n int32, k *tokKeys) bool {
	nd := &m.nodes[n]
	if nd.predN|nd.gapN != 0 {
		return true
	}
	return nd.mayTakeKeys(k)
}

// mayTakeKeys reports whether the node's mask lets one of the token's
// keys through.
func (nd *tnode) mayTakeKeys(k *tokKeys) bool { return maskTakes(nd.keyMask, k) }

// maskTakes reports whether a key mask (see tnode.keyMask) lets one of
// the token's keys through.
func maskTakes(mask uint64, k *tokKeys) bool {
	return (k.norm != 0 && mask&(1<<(uint32(k.norm)&63)) != 0) ||
		(k.stem != 0 && mask&(1<<(uint32(k.stem)&63)) != 0) ||
		(k.exact != 0 && mask&(1<<(uint32(k.exact)&63)) != 0)
}

// mayLeave reports whether the gap's child may take a token with keys k,
// as mayTake does for the child.
func (g *gapEdge) mayLeave(k *tokKeys) bool {
	return g.mask == ^uint64(0) || maskTakes(g.mask, k)
}

// advance consumes the current token, whose keys are k, from node n,
// appending the resulting states to sc.states and recording matches.
func (sc *scratch) advance(n int32, st state, k *tokKeys) {
	m := sc.m
	nd := &m.nodes[n]
	if nd.kidN != 0 {
		if k.norm != 0 && nd.keyMask&(1<<(uint32(k.norm)&63)) != 0 {
			sc.follow(nd, n, k.norm, st)
		}
		if k.stem != 0 && nd.keyMask&(1<<(uint32(k.stem)&63)) != 0 {
			sc.follow(nd, n, k.stem, st)
		}
		if k.exact != 0 && nd.keyMask&(1<<(uint32(k.exact)&63)) != 0 {
			sc.follow(nd, n, k.exact, st)
		}
	}
	if nd.predN|nd.gapN != 0 {
		sc.others(nd, n, st, k)
	}
}

// others takes node n's edges that are not keyed: the edges that test a
// class or tags, and gaps.
func (sc *scratch) others(nd *tnode, n int32, st state, k *tokKeys) {
	m, ti := sc.m, sc.ti
	for pi := nd.pred0; pi < nd.pred0+nd.predN; pi++ {
		p := &m.preds[pi]
		// The element's test: the key, then the class, then the tags.
		// It is written out here rather than called (lookTest is its
		// twin for look-arounds, which compares exact forms as strings):
		// the call costs about 1% of an evaluation.
		switch p.el.kind {
		case keyNorm:
			if k.norm != p.id {
				continue
			}
		case keyStem:
			if k.stem != p.id {
				continue
			}
		case keyExact:
			if k.exact != p.id {
				continue
			}
		}
		if c := p.el.class; c != classNone {
			// k.in, with its common case (the class is known) inline.
			if bit := uint16(1) << c; k.known&bit != 0 {
				if k.classes&bit == 0 {
					continue
				}
			} else if !k.in(c, sc.d, int(ti)) {
				continue
			}
		}
		if p.el.tags != 0 && tagBit(sc.d.Tokens[ti].Tag)&p.el.tags == 0 {
			continue
		}
		sc.arrive(p.child, p.flags, st)
	}
	// Gaps that may be empty are crossed at once; others start counting.
	for gi := nd.gap0; gi < nd.gap0+nd.gapN; gi++ {
		g := &m.gaps[gi]
		if k.punct {
			// Punctuation is not counted in a gap, but an empty gap may be
			// crossed to punctuation the pattern names.
			if g.min == 0 {
				gs := st
				if g.flags&flagMarkStart != 0 {
					gs.markS = ti
				}
				sc.advance(g.child, leaveGap(g, gs, ti), k)
			}
			continue
		}
		gs := st
		gs.node, gs.gap, gs.count = n, gi+1, 1
		if g.flags&flagMarkStart != 0 {
			gs.markS = ti
		}
		if g.max >= 1 {
			sc.states = append(sc.states, gs)
		}
		if g.min == 0 && g.mayLeave(k) {
			sc.advance(g.child, leaveGap(g, gs, ti), k)
		}
	}
}

// start begins matches at the current token ti, whose keys are k: advance
// from the root, whose keyed edges are found by key id without a mask or a
// hash, and whose other edges are skipped when they only test classes the
// token is known not to be in.
func (sc *scratch) start(ti int32, k *tokKeys) {
	m := sc.m
	if k.norm != 0 && m.root[k.norm] != 0 {
		sc.rootEdges(k.norm, ti)
	}
	if k.stem != 0 && m.root[k.stem] != 0 {
		sc.rootEdges(k.stem, ti)
	}
	if k.exact != 0 && m.root[k.exact] != 0 {
		sc.rootEdges(k.exact, ti)
	}
	if m.rootOthers && (m.rootAny || (k.classes|^k.known)&m.rootClasses != 0) {
		sc.others(&m.nodes[0], 0, state{start: ti, markS: -1, markE: -1}, k)
	}
}

// rootEdges takes the root's edges for key, which it has.
func (sc *scratch) rootEdges(key, ti int32) {
	m := sc.m
	r := &m.nodes[0]
	kids := m.kids[:r.kid0+r.kidN]
	st := state{start: ti, markS: -1, markE: -1}
	// The first edge is key's; usually the only one.
	for i := int(m.root[key] - 1); ; {
		sc.arrive(kids[i].child, kids[i].flags, st)
		if i++; i == len(kids) || kids[i].key != key {
			return
		}
	}
}

// follow takes node nd's edges for key.
func (sc *scratch) follow(nd *tnode, n, key int32, st state) {
	m := sc.m
	e := m.firstKid(n, key)
	if e == 0 {
		return
	}
	kids := m.kids[:nd.kid0+nd.kidN]
	// The first edge is key's; usually the only one.
	for i := int(e - 1); ; {
		sc.arrive(kids[i].child, kids[i].flags, st)
		if i++; i == len(kids) || kids[i].key != key {
			return
		}
	}
}

// arrive moves a state to node c after consuming the current token.
func (sc *scratch) arrive(c int32, flags uint8, st state) {
	if flags&flagMarkStart != 0 {
		st.markS = sc.ti
	}
	if flags&flagMarkEnd != 0 {
		st.markE = sc.ti + 1
	}
	cn := &sc.m.nodes[c]
	if cn.accN != 0 {
		for _, r := range sc.m.accepts[cn.accept0 : cn.accept0+cn.accN] {
			sc.found = append(sc.found, raw{rule: r, start: st.start, end: sc.ti + 1, markS: st.markS, markE: st.markE})
		}
	}
	if !cn.live() {
		return
	}
	if cn.predN|cn.gapN == 0 {
		// Only keyed edges lead on: a state that the next token cannot
		// move (and will not carry over, as punctuation) would die
		// there, and one at the sentence's end has no next token.
		if sc.ti+1 >= sc.last {
			return
		}
		if k := &sc.d.keys[sc.ti+1]; !k.punct && !cn.mayTakeKeys(k) {
			return
		}
	}
	st.node, st.gap, st.count = c, 0, 0
	sc.states = append(sc.states, st)
}

// in reports whether the token k belongs to, token i of d, is in class c,
// remembering the answer.
func (k *tokKeys) in(c class, d *Doc, i int) bool {
	bit := uint16(1) << c
	if k.known&bit == 0 {
		k.known |= bit
		if inClass(c, d, i) {
			k.classes |= bit
		}
	}
	return k.classes&bit != 0
}

// match turns a raw match into a Match, with byte spans and negation.
func (m *Matcher) match(d *Doc, f raw) Match {
	mt := Match{
		Rule:   int(f.rule),
		Label:  m.rules[f.rule].Label,
		Tokens: Span{int(f.start), int(f.end)},
		Bytes:  Span{d.Tokens[f.start].Start, d.Tokens[f.end-1].End},
	}
	mt.MarkTokens = mt.Tokens
	if f.markS >= 0 && f.markE > f.markS {
		mt.MarkTokens = Span{int(f.markS), int(f.markE)}
	}
	mt.Mark = Span{d.Tokens[mt.MarkTokens.Start].Start, d.Tokens[mt.MarkTokens.End-1].End}
	mt.Negated = m.negated(d, mt)
	return mt
}

// leaveGap ends a gap before token ti, closing a marked part that ends
// with the gap.
func leaveGap(g *gapEdge, st state, ti int32) state {
	if g.flags&flagMarkEnd != 0 {
		st.markE = ti
	}
	return st
}
