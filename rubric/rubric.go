package rubric

import (
	"math"
	"slices"
	"strconv"
	"sync"
	"unicode"

	"github.com/empathy-go/empathy/phrases"
)

// A Rubric is a compiled set of criteria with a threshold: it scores texts.
// It is itself a [Criterion], so rubrics nest.
//
// [New] compiles every pattern of every criterion, at any depth, into one
// phrase matcher, so evaluating a text analyses and matches it once
// however many criteria there are. A Rubric is read-only once built and
// safe for concurrent use by multiple goroutines, except for
// [Rubric.UnmarshalJSON], which replaces it. The zero Rubric is not
// usable: make one with [New], [MustNew] or [ParseJSON].
type Rubric struct {
	root *node
	prog *prog
}

// New compiles a rubric with the given id, criteria (in report order) and
// options ([Threshold], [CriticalCap], [Title]; and [Weight], [Critical],
// [When] and [Suggest] for when the rubric is nested in another).
//
// Every problem in the rubric is reported at once, as an [ErrorList] whose
// elements give the path of the problem as a rubric file would spell it:
// a bad pattern, an invalid or duplicate id, a weight out of range, an
// option where it has no meaning.
func New(id string, criteria []Criterion, opts ...Option) (*Rubric, error) {
	n := newNode(kindRubric, id)
	n.meta.threshold = DefaultThreshold
	n.children = specs(criteria)
	for _, o := range opts {
		if o != nil {
			o.apply(&n.meta)
		}
	}
	return compile(n)
}

// MustNew is like [New] but panics if the rubric does not compile. It
// simplifies the initialisation of rubrics built from constants in
// tests and programs; the panic value quotes every problem.
func MustNew(id string, criteria []Criterion, opts ...Option) *Rubric {
	r, err := New(id, criteria, opts...)
	if err != nil {
		var msg string
		if list, ok := err.(ErrorList); ok {
			for i, e := range list {
				if i > 0 {
					msg += "\n"
				}
				msg += e.Error()
			}
		} else {
			msg = err.Error()
		}
		panic("rubric: MustNew(" + strconv.Quote(id) + "):\n" + msg)
	}
	return r
}

// compile checks a rubric node and builds its program.
func compile(root *node) (*Rubric, error) {
	c := &compiler{}
	c.visit(c.reserve(1), root, "", place{root: true})
	if len(c.errs) > 0 {
		return nil, c.errs
	}
	p := &prog{
		nodes:    c.nodes,
		analyzer: phrases.NewAnalyzer(),
		nleaves:  c.nleaves,
		nbefore:  c.nbefore,
	}
	var err error
	if len(c.rules.rules) > 0 {
		if p.m, err = phrases.NewMatcher(c.rules.rules, phrases.WithAnalyzer(p.analyzer)); err != nil {
			return nil, ErrorList{{Path: "$", Code: ErrMatcher, Msg: "building the matcher: " + err.Error(), Err: err}}
		}
	}
	for i := range c.nodes {
		if nd := &c.nodes[i]; nd.leaf >= 0 && nd.fn == nil && !c.leafCtx[nd.leaf] {
			p.phraseLeaves = append(p.phraseLeaves, nd.leaf)
		}
	}
	p.mainOwners = c.rules.table(func(leaf int32) bool { return !c.leafCtx[leaf] })
	p.ctxOwners = c.rules.table(func(leaf int32) bool { return c.leafCtx[leaf] })
	p.layout()
	return &Rubric{root: root, prog: p}, nil
}

// ID returns the rubric's id.
func (r *Rubric) ID() string { return r.root.id }

// Title returns the rubric's title.
func (r *Rubric) Title() string { return r.root.meta.title }

// Threshold returns the rubric's pass mark.
func (r *Rubric) Threshold() float64 { return r.root.meta.threshold }

// Criteria returns the rubric's criteria, in order, in a new slice: use it
// to build a variant of a rubric with [New].
func (r *Rubric) Criteria() []Criterion {
	cs := make([]Criterion, len(r.root.children))
	for i, c := range r.root.children {
		cs[i] = c
	}
	return cs
}

// With returns an uncompiled copy of the rubric with the options applied,
// to be nested in another rubric. The copy is compiled again, into the
// outer rubric's matcher, by [New].
func (r *Rubric) With(opts ...Option) Criterion { return r.root.With(opts...) }

func (r *Rubric) spec() *node { return r.root }

// prog is a compiled rubric.
type prog struct {
	// nodes holds every criterion of the rubric, conditions included, with
	// the children of each node in consecutive slots; nodes[0] is the
	// rubric itself.
	nodes []pnode
	// nreported and nscratch count the findings that go into a report
	// (the rubric's criteria and what they are made of) and those that do
	// not (the rubric itself, conditions).
	nreported, nscratch int
	analyzer            *phrases.Analyzer
	// m holds every pattern of the rubric, those matched against the
	// context included; nil when there are none.
	m *phrases.Matcher
	// mainOwners and ctxOwners route m's matches in the text and in the
	// context to the criteria that use them.
	mainOwners, ctxOwners ownerTable
	nleaves               int // expect, avoid and func nodes
	nbefore               int
	phraseLeaves          []int32 // the leaves of expect and avoid nodes on the text, whose matches become evidence
	// findings and scratch are what an evaluation starts its reported and
	// scratch findings from: each node's ID, Title, Weight and Critical in
	// its slot, everything else zero. links says which findings have
	// children, and where they are.
	findings, scratch []Finding
	links             []link
	pool              sync.Pool // *evaluator
}

// link places the findings of a node's children: the node's finding gets
// Children = findings[childSlot : childSlot+count] of the reported or the
// scratch findings.
type link struct {
	slot, childSlot, count     int32
	reported, childrenReported bool
}

// pnode is a compiled criterion.
type pnode struct {
	kind         kind
	id, title    string
	reported     bool  // the finding is part of the report
	slot         int32 // index of the finding in the reported or the scratch findings
	first, count int32 // children: nodes[first : first+count]
	when         int32 // the condition's node, or -1
	leaf         int32 // leaf number of expect, avoid and func nodes, or -1
	ctx          bool  // evaluated against the context
	weight       float64
	critical     bool
	n            int // at_least
	threshold    float64
	cap          float64
	flag         string
	fn           FuncOf
	patterns     []string
	suggestion   string // configured, or the static default
	avoidDefault bool   // suggestion is built from the evidence
	naNote       string // why the node is not applicable when its condition fails
	notes        [3]string
}

// Notes used by more than one node.
const (
	noteParentNA       = "an enclosing criterion is not applicable"
	noteNoContext      = "the input has no context"
	noteNoneApplicable = "none of its criteria applies"
	noteOnlyNegated    = "found only in negated form"
)

// layout decides where each node's finding goes: the findings of the
// criteria a report shows are allocated for each evaluation, those of the
// rubric itself and of conditions live in reused scratch space. Children
// of a node are all of one kind and consecutive, so they stay consecutive.
// It then fills in what an evaluation starts from: the findings with
// what does not depend on the text, and the links to children.
func (p *prog) layout() {
	var mark func(i int32)
	mark = func(i int32) {
		nd := &p.nodes[i]
		for k := nd.first; k < nd.first+nd.count; k++ {
			p.nodes[k].reported = true
			mark(k)
		}
	}
	mark(0)
	for i := range p.nodes {
		nd := &p.nodes[i]
		if nd.reported {
			nd.slot = int32(p.nreported)
			p.nreported++
		} else {
			nd.slot = int32(p.nscratch)
			p.nscratch++
		}
	}
	p.findings = make([]Finding, p.nreported)
	p.scratch = make([]Finding, p.nscratch)
	for i := range p.nodes {
		nd := &p.nodes[i]
		all := p.scratch
		if nd.reported {
			all = p.findings
		}
		all[nd.slot] = Finding{ID: nd.id, Title: nd.title, Weight: nd.weight, Critical: nd.critical}
		if nd.count > 0 {
			ch := &p.nodes[nd.first]
			p.links = append(p.links, link{slot: nd.slot, childSlot: ch.slot, count: nd.count, reported: nd.reported, childrenReported: ch.reported})
		}
	}
}

// ownerTable maps a matcher rule to the leaves and patterns that use it.
type ownerTable struct {
	start  []int32 // owners of rule r: owners[start[r]:start[r+1]]
	owners []owner
}

type owner struct{ leaf, pat int32 }

// ruleSet collects the rules of one matcher, one rule per distinct pattern
// source.
type ruleSet struct {
	rules  []phrases.Rule
	bySrc  map[string]int
	owners [][]owner
}

func (s *ruleSet) add(src string, leaf, pat int32) (known bool) {
	if i, ok := s.bySrc[src]; ok {
		s.owners[i] = append(s.owners[i], owner{leaf, pat})
		return true
	}
	return false
}

func (s *ruleSet) addNew(src, path string, p *phrases.Pattern, leaf, pat int32) {
	if s.bySrc == nil {
		s.bySrc = make(map[string]int)
	}
	s.bySrc[src] = len(s.rules)
	s.rules = append(s.rules, phrases.Rule{Label: path, Pattern: p})
	s.owners = append(s.owners, []owner{{leaf, pat}})
}

// table returns the owners of each rule among the leaves keep accepts.
func (s *ruleSet) table(keep func(leaf int32) bool) ownerTable {
	t := ownerTable{start: make([]int32, len(s.rules)+1)}
	for i, os := range s.owners {
		for _, o := range os {
			if keep(o.leaf) {
				t.owners = append(t.owners, o)
			}
		}
		t.start[i+1] = int32(len(t.owners))
	}
	return t
}

// place says where in the rubric a node is.
type place struct {
	depth  int
	root   bool // the rubric being compiled
	scored bool // a rubric's own criterion: weight and critical apply
	cond   bool // inside a condition
	ctx    bool // inside InContext
	parent kind
}

type compiler struct {
	errs    ErrorList
	nodes   []pnode
	rules   ruleSet
	leafCtx []bool // leaf l is matched against the context
	nleaves int
	nbefore int
}

func (c *compiler) reserve(k int) int32 {
	i := len(c.nodes)
	c.nodes = append(c.nodes, make([]pnode, k)...)
	return int32(i)
}

func (c *compiler) add(path string, code ErrorCode, msg string) {
	c.errs.add(rootPath(path), code, msg, nil)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// visit compiles n into slot, reporting problems under path.
func (c *compiler) visit(slot int32, n *node, path string, pl place) {
	if n == nil {
		c.add(path, ErrValue, "nil criterion")
		return
	}
	if pl.depth > MaxDepth {
		c.add(path, ErrDepth, "criteria nested more than "+strconv.Itoa(MaxDepth)+" levels deep")
		return
	}
	m := &n.meta
	p := pnode{
		kind:       n.kind,
		id:         n.id,
		title:      m.title,
		when:       -1,
		leaf:       -1,
		ctx:        pl.ctx,
		critical:   m.critical,
		suggestion: m.suggestion,
		threshold:  m.threshold,
		cap:        m.cap,
	}
	if pl.scored {
		p.weight = m.weight
	}

	// The id. A flag's id is its name, checked as the flag; a context
	// criterion's id is its child's, checked there.
	switch {
	case n.kind == kindFlag && n.id == n.flag:
	case n.kind == kindContext && (len(n.children) != 1 || n.children[0] == nil || n.id == n.children[0].id):
	case n.id == "":
		c.add(join(path, "id"), ErrMissing, "missing id")
	case !validID(n.id):
		c.add(join(path, "id"), ErrInvalidID, describeID(n.id))
	}

	// Settings.
	if w := m.weight; math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
		c.add(join(path, "weight"), ErrValue, "weight must be a finite number, 0 or more, not "+formatFloat(w))
	}
	if m.critical && !pl.scored && !pl.root {
		where := "inside " + pl.parent.field()
		if pl.cond {
			where = "inside a condition"
		}
		c.add(join(path, "critical"), ErrMisplaced, "only a rubric's own criteria can be critical, not one "+where)
	}
	if n.kind == kindRubric {
		if t := m.threshold; !(t >= 0 && t <= 100) {
			c.add(join(path, "threshold"), ErrValue, "threshold must be between 0 and 100, not "+formatFloat(t))
		}
		if t := m.cap; !(t >= 0 && t <= 100) {
			c.add(join(path, "critical_cap"), ErrValue, "critical_cap must be between 0 and 100, not "+formatFloat(t))
		}
	} else {
		if m.thresholdSet {
			c.add(join(path, "threshold"), ErrMisplaced, "only a rubric has a threshold")
		}
		if m.capSet {
			c.add(join(path, "critical_cap"), ErrMisplaced, "only a rubric has a critical cap")
		}
	}
	if m.whenSet {
		wpath := join(path, "when")
		if m.when == nil {
			c.add(wpath, ErrValue, "nil condition")
		} else {
			p.when = c.reserve(1)
			p.naNote = "condition " + quote(m.when.id) + " not met"
			c.visit(p.when, m.when, wpath, place{depth: pl.depth + 1, cond: true, ctx: pl.ctx, parent: n.kind})
		}
	}

	switch n.kind {
	case kindExpect, kindAvoid, kindFunc:
		c.leaf(&p, n, path, pl)
	case kindFlag:
		if !validID(n.flag) {
			c.add(join(path, "flag"), ErrInvalidID, "flag name: "+describeID(n.flag))
		}
		p.flag = n.flag
		p.notes[0] = "flag " + quote(n.flag) + " not set"
	case kindContext:
		if !pl.cond {
			c.add(path, ErrMisplaced, "a context criterion is only allowed in a condition (when)")
		}
		c.children(&p, n, path, pl)
	case kindAny:
		p.notes[0] = "none of its applicable criteria met"
		c.children(&p, n, path, pl)
	case kindAtLeast:
		if len(n.children) > 0 && (n.n < 1 || n.n > len(n.children)) {
			c.add(join(path, "at_least.n"), ErrValue, "n must be between 1 and "+strconv.Itoa(len(n.children))+", not "+strconv.Itoa(n.n))
		}
		p.n = n.n
		p.notes[0] = "fewer than " + strconv.Itoa(n.n) + " of its applicable criteria met"
		if n.n == 1 {
			p.notes[0] = "none of its applicable criteria met"
		}
		p.notes[1] = "fewer than " + strconv.Itoa(n.n) + " of its criteria apply, and not all of those are met"
		c.children(&p, n, path, pl)
	case kindBefore:
		c.nbefore++
		c.children(&p, n, path, pl)
		if len(n.children) == 2 && n.children[0] != nil && n.children[1] != nil {
			a, b := quote(n.children[0].id), quote(n.children[1].id)
			p.notes = [3]string{a + " not found", b + " not found", a + " comes after " + b}
		}
	default:
		c.children(&p, n, path, pl)
	}
	c.nodes[slot] = p
}

// leaf compiles the patterns of an expect, avoid or func node.
func (c *compiler) leaf(p *pnode, n *node, path string, pl place) {
	field := n.kind.field()
	if n.kind == kindFunc {
		field = "patterns"
		if n.fn == nil {
			c.add(path, ErrValue, "nil function")
		}
		if pl.ctx {
			c.add(path, ErrMisplaced, "a function criterion cannot be evaluated in context; read Text.Context instead")
		}
	} else if len(n.patterns) == 0 {
		c.add(join(path, field), ErrValue, "needs at least one pattern")
	}
	p.leaf = int32(c.nleaves)
	c.nleaves++
	p.fn = n.fn
	p.patterns = n.patterns
	c.leafCtx = append(c.leafCtx, pl.ctx)
	set := &c.rules
	for j, src := range n.patterns {
		ppath := index(join(path, field), j)
		if set.add(src, p.leaf, int32(j)) {
			continue
		}
		pat, err := phrases.Compile(src)
		if err != nil {
			c.errs.add(ppath, ErrPattern, err.Error(), err)
			continue
		}
		set.addNew(src, ppath, pat, p.leaf, int32(j))
	}
	switch {
	case p.suggestion != "":
	case n.kind == kindAvoid:
		p.avoidDefault = true
	case n.kind == kindExpect && len(n.patterns) > 0 && plain(n.patterns[0]):
		p.suggestion = "Say something like " + quote(n.patterns[0]) + "."
	}
}

// plain reports whether a pattern is plain words, with none of the pattern
// language's operators, so that it can be quoted to a reader.
func plain(src string) bool {
	letters := false
	for _, r := range src {
		switch {
		case unicode.IsLetter(r):
			letters = true
		case unicode.IsDigit(r), r == ' ', r == '\'', r == '\u2019', r == '-':
		default:
			return false
		}
	}
	return letters
}

// children compiles the criteria a combinator or rubric is made of.
func (c *compiler) children(p *pnode, n *node, path string, pl place) {
	field := n.kind.field()
	if n.kind == kindAtLeast {
		field = "at_least.of"
	}
	single := n.kind == kindNot || n.kind == kindContext
	if len(n.children) == 0 {
		c.add(join(path, field), ErrValue, "needs at least one criterion")
		return
	}
	if n.kind == kindBefore && len(n.children) != 2 {
		c.add(join(path, field), ErrValue, "needs exactly two criteria, not "+strconv.Itoa(len(n.children)))
		return
	}
	p.count = int32(len(n.children))
	p.first = c.reserve(len(n.children))
	child := place{
		depth:  pl.depth + 1,
		scored: n.kind == kindRubric,
		cond:   pl.cond,
		ctx:    pl.ctx || n.kind == kindContext,
		parent: n.kind,
	}
	seen := make(map[string]string, len(n.children))
	for i, ch := range n.children {
		cpath := join(path, field)
		if !single {
			cpath = index(cpath, i)
		}
		c.visit(p.first+int32(i), ch, cpath, child)
		if ch == nil || single {
			continue
		}
		if first, dup := seen[ch.id]; dup && validID(ch.id) {
			c.add(join(cpath, "id"), ErrDuplicate, "duplicate id "+quote(ch.id)+" (first at "+first+")")
		} else if !dup {
			seen[ch.id] = cpath
		}
	}
}

// round2 rounds to two decimals, as scores are reported.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

// sortEvidence sorts spans by start, longer first, and drops spans nested
// in an earlier one (of equal spans, the first is kept); it works in place
// and returns the kept prefix. The sort is stable, so spans that would be
// dropped can be left out beforehand without changing what is kept.
func sortEvidence(ev []Evidence) []Evidence {
	if len(ev) < 2 {
		return ev
	}
	// Spans from matches usually come in order already; checking costs
	// less without a call per pair.
	for i := 1; i < len(ev); i++ {
		if x, prev := &ev[i], &ev[i-1]; x.Start < prev.Start || x.Start == prev.Start && x.End > prev.End {
			slices.SortStableFunc(ev, func(a, b Evidence) int {
				if a.Start != b.Start {
					return a.Start - b.Start
				}
				return b.End - a.End
			})
			break
		}
	}
	out := ev[:1]
	maxEnd := ev[0].End
	for i := 1; i < len(ev); i++ {
		if x := &ev[i]; x.End > maxEnd {
			out = append(out, *x)
			maxEnd = x.End
		}
	}
	return out
}
