package phrases

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"sync"
)

// A Rule is a labelled pattern, one entry of a [Matcher].
type Rule struct {
	Label   string
	Pattern *Pattern
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
	nkeys    int32

	// The trie, flattened: each node holds index ranges into the shared
	// arrays, so a walk touches little memory.
	nodes   []tnode
	kids    []kid      // keyed edges of every node, sorted by key within a node
	preds   []predEdge // edges that test a class, a tag or several things
	gaps    []gapEdge
	accepts []int32 // rules that match at a node
	root    []int32 // index+1 into kids of the root's first edge for each key id

	b        *builder // while building only
	cues     map[string]bool
	maxDepth int

	pool sync.Pool // *scratch
}

// tnode is a trie node: ranges [x0, x0+xN) into the Matcher's arrays.
type tnode struct {
	kid0, kidN    int32
	pred0, predN  int32
	gap0, gapN    int32
	accept0, accN int32
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
	min, max int
	child    int32
	flags    uint8
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
			for _, c := range r.Pattern.chains {
				steps += len(c)
			}
		}
	}
	// At most one node per step; shared prefixes make it about a quarter
	// of that on real lexicons, so start at half and let append grow.
	m.b.nodes = make([]bnode, 1, min(steps/2+1, 1<<21))
	for i, r := range rules {
		if r.Pattern == nil {
			return nil, errors.New("phrases: rule " + strconv.Itoa(i) + " (" + strconv.Quote(r.Label) + ") has no pattern")
		}
		if r.Pattern.usesTags {
			m.usesTags = true
		}
		for _, c := range r.Pattern.chains {
			m.add(int32(i), c)
			if len(c) > m.maxDepth {
				m.maxDepth = len(c)
			}
		}
	}
	m.freeze()
	m.words = &idCache{seed: m.an.words().seed, m: m}
	return m, nil
}

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
func (m *Matcher) add(rule int32, chain []step) {
	n := int32(0)
	for _, s := range chain {
		var flags uint8
		if s.markStart {
			flags |= flagMarkStart
		}
		if s.markEnd {
			flags |= flagMarkEnd
		}
		n = m.child(n, s, flags)
	}
	m.b.nodes[n].accepts = append(m.b.nodes[n].accepts, rule)
}

func (b *builder) newNode() int32 {
	b.nodes = append(b.nodes, bnode{})
	return int32(len(b.nodes) - 1)
}

func (m *Matcher) child(n int32, s step, flags uint8) int32 {
	b := m.b
	if s.gap {
		for _, g := range b.nodes[n].gaps {
			if g.min == s.min && g.max == s.max && g.flags == flags {
				return g.child
			}
		}
		c := b.newNode()
		b.nodes[n].gaps = append(b.nodes[n].gaps, gapEdge{min: s.min, max: s.max, child: c, flags: flags})
		return c
	}
	if s.el.kind != keyNone && s.el.class == classNone && s.el.tags == 0 {
		id := m.keyID(s.el)
		k := uint64(n)<<32 | uint64(id)
		for e := b.keyed[k]; e != 0; e = b.edges[e-1].next {
			if b.edges[e-1].flags == flags {
				return b.edges[e-1].child
			}
		}
		c := b.newNode()
		b.edges = append(b.edges, bedge{child: c, flags: flags, next: b.keyed[k]})
		b.keyed[k] = int32(len(b.edges))
		b.nodes[n].kids = append(b.nodes[n].kids, kid{key: id, child: c, flags: flags})
		return c
	}
	id := m.keyID(s.el)
	for _, p := range b.nodes[n].preds {
		if p.el == s.el && p.flags == flags {
			return p.child
		}
	}
	c := b.newNode()
	b.nodes[n].preds = append(b.nodes[n].preds, predEdge{el: s.el, id: id, child: c, flags: flags})
	return c
}

// freeze flattens the built trie into the Matcher's arrays.
func (m *Matcher) freeze() {
	b := m.b
	m.nodes = make([]tnode, len(b.nodes))
	for i := range b.nodes {
		bn := &b.nodes[i]
		slices.SortStableFunc(bn.kids, func(x, y kid) int { return cmp.Compare(x.key, y.key) })
		m.nodes[i] = tnode{
			kid0: int32(len(m.kids)), kidN: int32(len(bn.kids)),
			pred0: int32(len(m.preds)), predN: int32(len(bn.preds)),
			gap0: int32(len(m.gaps)), gapN: int32(len(bn.gaps)),
			accept0: int32(len(m.accepts)), accN: int32(len(bn.accepts)),
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
	m.b = nil
}

// firstKid returns the index+1 of node nd's first edge for key, or 0.
func (m *Matcher) firstKid(nd *tnode, key int32) int32 {
	kids := m.kids[nd.kid0 : nd.kid0+nd.kidN]
	lo := 0
	if len(kids) <= 8 {
		for lo < len(kids) && kids[lo].key < key {
			lo++
		}
	} else {
		hi := len(kids)
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if kids[mid].key < key {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
	}
	if lo < len(kids) && kids[lo].key == key {
		return nd.kid0 + int32(lo) + 1
	}
	return 0
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
	tokenize(d, text)
	m.keysFor(d, true)
	if m.usesTags {
		_ = d.Tag() // a model that cannot load leaves tags empty; tag patterns then match nothing
	}
}

// tokKeys are a token's key ids in one Matcher's vocabulary.
type tokKeys struct {
	norm, stem, exact int32
	punct             bool // the token is punctuation, transparent to patterns
}

// keysFor computes the key ids of d's tokens, and their stems when
// setStems is true (the tokens came straight from tokenize).
func (m *Matcher) keysFor(d *Doc, setStems bool) {
	if cap(d.keys) < len(d.Tokens) {
		d.keys = make([]tokKeys, len(d.Tokens), len(d.Tokens)+len(d.Tokens)/4)
	}
	d.keys = d.keys[:len(d.Tokens)]
	for i := range d.Tokens {
		t := &d.Tokens[i]
		var e *idEntry
		if t.Kind == Word {
			e = m.words.get(t.Norm, true)
			if setStems {
				t.Stem = e.stem
			}
		} else {
			if setStems {
				t.Stem = t.Norm
			}
			e = m.words.get(t.Norm, false)
		}
		k := tokKeys{norm: e.norm, stem: e.stemID, punct: t.Kind == Punct}
		if m.exactIDs != nil {
			k.exact = m.exactIDs[d.Text[t.Start:t.End]]
		}
		d.keys[i] = k
	}
	d.keyOwner = m
}

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
	for si := range d.Sentences {
		m.walk(d, d.Sentences[si], sc)
	}
	found := sc.found
	slices.SortFunc(found, func(a, b raw) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.end, a.end); c != 0 {
			return c
		}
		return cmp.Compare(a.rule, b.rule)
	})
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
	cur, next []state
	found     []raw
	seen      map[stateKey]int32 // dedupes states when a token yields many: key → index
	peak      int                // the most live states after any token, for tests
}

// stateKey identifies a state for deduplication: two states at the same
// place that started at the same token lead to the same matches. Inside a
// gap, once both counts have reached the gap's minimum, the state with the
// smaller count can do all the other can (leave the gap now, or stay in it
// longer), so such states share a key and the smaller count is kept.
type stateKey struct {
	node, gap, count, start int32
}

func (m *Matcher) keyOf(st *state) stateKey {
	c := st.count
	if st.gap != 0 {
		if min := int32(m.gaps[st.gap-1].min); c > min {
			c = min
		}
	}
	return stateKey{st.node, st.gap, c, st.start}
}

// dedupe removes repeated and dominated states from next. Without it,
// every way of splitting tokens between several gaps would be a state of
// its own and the work would grow like tokens^gaps; with it, a start token
// has at most one state per trie node and gap position.
func (m *Matcher) dedupe(sc *scratch, next []state) []state {
	if len(next) < 2 {
		return next
	}
	if len(next) <= 16 {
		out := next[:0]
	outer:
		for _, st := range next {
			k := m.keyOf(&st)
			for i := range out {
				if m.keyOf(&out[i]) == k {
					if st.count < out[i].count {
						out[i] = st
					}
					continue outer
				}
			}
			out = append(out, st)
		}
		return out
	}
	if sc.seen == nil {
		sc.seen = make(map[stateKey]int32, len(next))
	}
	clear(sc.seen)
	out := next[:0]
	for _, st := range next {
		k := m.keyOf(&st)
		if i, ok := sc.seen[k]; ok {
			if st.count < out[i].count {
				out[i] = st
			}
			continue
		}
		sc.seen[k] = int32(len(out))
		out = append(out, st)
	}
	return out
}

// walk runs the trie over one sentence.
func (m *Matcher) walk(d *Doc, s Sentence, sc *scratch) {
	cur := sc.cur[:0]
	for i := s.First; i < s.Last; i++ {
		next := sc.next[:0]
		k := d.keys[i]
		punct := k.punct
		ti := int32(i)
		// Start a match at this token.
		if !punct || k.norm != 0 || k.exact != 0 || m.nodes[0].predN > 0 {
			next = m.advance(d, 0, state{start: ti, markS: -1, markE: -1}, ti, k, next, sc)
		}
		for _, st := range cur {
			if st.gap != 0 {
				g := &m.gaps[st.gap-1]
				if punct {
					next = append(next, st)
					if int(st.count) >= g.min {
						next = m.advance(d, g.child, leaveGap(g, st, ti), ti, k, next, sc)
					}
					continue
				}
				if int(st.count) < g.max {
					st2 := st
					st2.count++
					next = append(next, st2)
				}
				if int(st.count) >= g.min {
					next = m.advance(d, g.child, leaveGap(g, st, ti), ti, k, next, sc)
				}
				continue
			}
			next = m.advance(d, st.node, st, ti, k, next, sc)
			if punct {
				next = append(next, st)
			}
		}
		next = m.dedupe(sc, next)
		if len(next) > sc.peak {
			sc.peak = len(next)
		}
		sc.cur, sc.next = next, cur
		cur = next
	}
	sc.cur = cur[:0]
}

// advance consumes token ti from node n, appending the resulting states
// to next and recording matches.
func (m *Matcher) advance(d *Doc, n int32, st state, ti int32, k tokKeys, next []state, sc *scratch) []state {
	nd := &m.nodes[n]
	if nd.kidN != 0 {
		if k.norm != 0 {
			next = m.follow(nd, n, k.norm, st, ti, next, sc)
		}
		if k.stem != 0 {
			next = m.follow(nd, n, k.stem, st, ti, next, sc)
		}
		if k.exact != 0 {
			next = m.follow(nd, n, k.exact, st, ti, next, sc)
		}
	}
	for pi := nd.pred0; pi < nd.pred0+nd.predN; pi++ {
		p := &m.preds[pi]
		if m.test(&p.el, p.id, d, int(ti), k) {
			next = m.arrive(p.child, p.flags, st, ti, next, sc)
		}
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
				next = m.advance(d, g.child, leaveGap(g, gs, ti), ti, k, next, sc)
			}
			continue
		}
		gs := st
		gs.node, gs.gap, gs.count = n, gi+1, 1
		if g.flags&flagMarkStart != 0 {
			gs.markS = ti
		}
		if g.max >= 1 {
			next = append(next, gs)
		}
		if g.min == 0 {
			next = m.advance(d, g.child, leaveGap(g, gs, ti), ti, k, next, sc)
		}
	}
	return next
}

// follow takes node nd's edges for key.
func (m *Matcher) follow(nd *tnode, n, key int32, st state, ti int32, next []state, sc *scratch) []state {
	var e int32
	if n == 0 {
		e = m.root[key]
	} else {
		e = m.firstKid(nd, key)
	}
	if e == 0 {
		return next
	}
	end := nd.kid0 + nd.kidN
	for i := e - 1; i < end && m.kids[i].key == key; i++ {
		next = m.arrive(m.kids[i].child, m.kids[i].flags, st, ti, next, sc)
	}
	return next
}

// arrive moves a state to node c after consuming token ti.
func (m *Matcher) arrive(c int32, flags uint8, st state, ti int32, next []state, sc *scratch) []state {
	if flags&flagMarkStart != 0 {
		st.markS = ti
	}
	if flags&flagMarkEnd != 0 {
		st.markE = ti + 1
	}
	cn := &m.nodes[c]
	for _, r := range m.accepts[cn.accept0 : cn.accept0+cn.accN] {
		sc.found = append(sc.found, raw{rule: r, start: st.start, end: ti + 1, markS: st.markS, markE: st.markE})
	}
	if cn.live() {
		st.node, st.gap, st.count = c, 0, 0
		next = append(next, st)
	}
	return next
}

// test reports whether token i satisfies an element with key id.
func (m *Matcher) test(el *elem, id int32, d *Doc, i int, k tokKeys) bool {
	switch el.kind {
	case keyNorm:
		if k.norm != id {
			return false
		}
	case keyStem:
		if k.stem != id {
			return false
		}
	case keyExact:
		if k.exact != id {
			return false
		}
	}
	if el.class != classNone && !inClass(el.class, d, i) {
		return false
	}
	if el.tags != 0 && tagBit(d.Tokens[i].Tag)&el.tags == 0 {
		return false
	}
	return true
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
