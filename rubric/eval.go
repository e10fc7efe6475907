package rubric

import (
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/empathy-go/empathy/phrases"
)

// Input is what a rubric evaluates: a text, and what is known about it.
// A rubric only reads it: the same Input may be evaluated from several
// goroutines at once.
type Input struct {
	// Text is the text being evaluated, such as a reply. Evidence in the
	// report points into it.
	Text string
	// Context is related text that is not evaluated itself but that
	// conditions ([InContext]) and function criteria ([Text.Context]) may
	// look at, such as the message being replied to. It is analysed only
	// when the rubric needs it. Empty means no context.
	Context string
	// Flags are facts the caller knows about the input, by name, tested by
	// [Flag] criteria: "first_contact", "vip", "asked_question". The
	// rubric does not interpret them.
	Flags []string
}

// Text is an evaluation in progress, as a function criterion sees it: the
// analysed text, its context and flags.
//
// A Text, and the documents it returns, are valid only during the call to
// the function that received it, and must not be retained or used by
// other goroutines.
type Text struct {
	e *evaluator
}

// String returns the text being evaluated.
func (t *Text) String() string { return t.e.in.Text }

// Doc returns the analysed text. Its tokens carry part-of-speech tags only
// if the rubric's patterns use them; call [phrases.Doc.Tag] if needed.
func (t *Text) Doc() *phrases.Doc { return &t.e.doc }

// Context returns the analysed context ([Input.Context]), or nil when the
// input has none. It is analysed on first use.
func (t *Text) Context() *phrases.Doc {
	if t.e.in.Context == "" {
		return nil
	}
	t.e.loadContext()
	return &t.e.cdoc
}

// ContextString returns the context text, or "".
func (t *Text) ContextString() string { return t.e.in.Context }

// EvidenceBuffer returns an empty slice with room for a few spans, memory
// of the evaluation's own, that a function criterion may append its
// [Result]'s evidence to rather than allocate. The rubric copies the
// evidence it keeps as soon as the function returns, and hands the same
// memory to the next function: the function must not keep the slice.
func (t *Text) EvidenceBuffer() []Evidence {
	if cap(t.e.fev) == 0 {
		t.e.fev = make([]Evidence, 0, 8)
	}
	return t.e.fev[:0]
}

// Flag reports whether the input carries the named flag.
func (t *Text) Flag(name string) bool { return slices.Contains(t.e.in.Flags, name) }

// Evaluate scores text against the rubric, with no context and no flags.
// It is safe to call from multiple goroutines.
func (r *Rubric) Evaluate(text string) *Report {
	return r.EvaluateInput(Input{Text: text})
}

// EvaluateInput scores an input against the rubric.
//
// The text is analysed and matched once, with [phrases.Matcher.MatchAll]
// rather than Match: every pattern reports every occurrence, so one
// criterion's phrase cannot hide another's where they overlap (with
// leftmost-longest non-overlapping matching, "sorry" in one criterion could
// swallow "i am sorry for the wait" in another). The context, if any, is
// analysed and matched at most once, when a condition or a function asks
// for it.
//
// The result depends only on the rubric and the input (and on function
// criteria, if they are not deterministic): the same input gives the same
// report, byte for byte once rendered. It is safe to call from multiple
// goroutines.
func (r *Rubric) EvaluateInput(in Input) *Report {
	rep := new(Report)
	r.EvaluateInto(rep, in)
	return rep
}

// EvaluateInto is [Rubric.EvaluateInput] writing into rep and reusing its
// memory: a caller that evaluates many texts one after the other, and is
// done with each report before the next, allocates almost nothing. Every
// field of rep is overwritten, and slices taken from the previous report
// (Findings, evidence) must not be used afterwards. It is safe to call from
// multiple goroutines with different reports.
func (r *Rubric) EvaluateInto(rep *Report, in Input) {
	p := r.prog
	e, _ := p.pool.Get().(*evaluator)
	if e == nil {
		e = &evaluator{p: p}
		e.text.e = e
	}
	e.in = in
	e.run(rep)
	e.reset()
	p.pool.Put(e)
}

// route is one match of one leaf's pattern: matches[m] for patterns[pat].
type route struct{ m, pat int32 }

// routes holds, for each leaf, the matches of its patterns, in text order.
type routes struct {
	start []int32 // leaf l: items[start[l]:start[l+1]]
	fill  []int32
	items []route
}

func (rs *routes) build(ms []phrases.Match, t *ownerTable, nleaves int) {
	rs.start = slices.Grow(rs.start[:0], nleaves+1)[:nleaves+1]
	clear(rs.start)
	for i := range ms {
		r := ms[i].Rule
		for _, o := range t.owners[t.start[r]:t.start[r+1]] {
			rs.start[o.leaf+1]++
		}
	}
	for l := 1; l <= nleaves; l++ {
		rs.start[l] += rs.start[l-1]
	}
	total := int(rs.start[nleaves])
	rs.items = slices.Grow(rs.items[:0], total)[:total]
	rs.fill = append(rs.fill[:0], rs.start[:nleaves]...)
	for i := range ms {
		r := ms[i].Rule
		for _, o := range t.owners[t.start[r]:t.start[r+1]] {
			rs.items[rs.fill[o.leaf]] = route{int32(i), o.pat}
			rs.fill[o.leaf]++
		}
	}
}

func (rs *routes) of(leaf int32) []route {
	if int(leaf)+1 >= len(rs.start) {
		return nil
	}
	return rs.items[rs.start[leaf]:rs.start[leaf+1]]
}

// evaluator holds the state of one evaluation; evaluators are pooled per
// rubric and reused. A pooled evaluator keeps its last documents (and so
// may keep the last texts alive) until it is reused or the pool drops it.
type evaluator struct {
	p    *prog
	in   Input
	text Text

	doc, cdoc      phrases.Doc
	mm, cm         []phrases.Match
	mroute, croute routes
	ctxLoaded      bool
	scores         []float64 // nested rubrics' unrounded scores, by node

	fm       []phrases.Match // the matches a function criterion receives
	fev      []Evidence      // Text.EvidenceBuffer
	f        []Finding       // the findings of the report, by slot
	cf       []Finding       // the findings of the rubric and of conditions, by slot
	ev       []Evidence      // backing store for evidence
	critical []string        // the root's failed critical criteria

	// The evidence is gathered in rep's old memory when that is large
	// enough for every match (direct), and otherwise in evbuf, the
	// evaluator's own, and copied to memory of the size it takes at the
	// end; fix records the slices of it that findings hold, to point
	// them at the copy.
	direct bool
	evbuf  []Evidence
	fix    []evFix
}

// evFix is a slice of the gathered evidence that a finding holds:
// *dst = ev[start:end].
type evFix struct {
	dst        *[]Evidence
	start, end int
}

func (e *evaluator) reset() {
	e.in = Input{}
	clear(e.fev[:cap(e.fev)]) // a function may have put texts there
	e.f, e.ev, e.critical = nil, nil, nil
	clear(e.fix) // they point into the report's findings
	e.fix = e.fix[:0]
	clear(e.cf)
	e.ctxLoaded = false
}

func (e *evaluator) run(rep *Report) {
	p := e.p
	if p.m != nil {
		p.m.AnalyzeInto(&e.doc, e.in.Text)
		e.mm = p.m.AppendMatches(e.mm[:0], &e.doc, true)
	} else {
		p.analyzer.AnalyzeInto(&e.doc, e.in.Text)
		e.mm = e.mm[:0]
	}
	e.mroute.build(e.mm, &p.mainOwners, p.nleaves)

	// The findings, evidence and critical failures go into rep's old
	// memory when it is large enough, and into new memory otherwise. The
	// findings start as the rubric's prepared ones, linked to their
	// children.
	if cap(rep.findings) >= p.nreported {
		e.f = rep.findings[:p.nreported]
		copy(e.f, p.findings)
	} else {
		e.f = slices.Clone(p.findings)
	}
	if len(e.cf) < p.nscratch {
		e.cf = make([]Finding, p.nscratch)
	}
	copy(e.cf, p.scratch)
	for _, l := range p.links {
		all := e.cf
		if l.childrenReported {
			all = e.f
		}
		children := all[l.childSlot : l.childSlot+l.count : l.childSlot+l.count]
		if l.reported {
			e.f[l.slot].Children = children
		} else {
			e.cf[l.slot].Children = children
		}
	}
	// Evidence comes from the matches of expect and avoid criteria and
	// two spans a before criterion; a function's and the context's are
	// rarer, and appended beyond (direct memory that they outgrow is
	// replaced, and the findings filled before keep the old).
	need := 2 * p.nbefore
	for _, l := range p.phraseLeaves {
		need += int(e.mroute.start[l+1] - e.mroute.start[l])
	}
	e.direct = cap(rep.evidence) >= need
	if e.direct {
		e.ev = rep.evidence[:0]
	} else {
		e.ev = e.evbuf[:0]
	}
	e.fix = e.fix[:0]
	e.critical = rep.CriticalFailures[:0]
	if cap(e.scores) < len(p.nodes) {
		e.scores = make([]float64, len(p.nodes))
	}

	root := &p.nodes[0]
	e.evalRubric(0)
	score := round2(e.scores[0])
	findings := e.fd(0).Children
	if findings == nil {
		findings = []Finding{}
	}
	critical := e.critical
	if len(critical) == 0 {
		critical = nil
	}
	*rep = Report{
		ID:               root.id,
		Title:            root.title,
		Score:            score,
		Threshold:        root.threshold,
		Passed:           len(critical) == 0 && score >= root.threshold,
		CriticalFailures: critical,
		Findings:         findings,
		Text:             e.in.Text,
		findings:         e.f,
		evidence:         e.keepEvidence(rep.evidence),
	}
}

// keepEvidence moves the evidence gathered in the evaluator's memory to
// old, when it is large enough, or to new memory of the size it takes,
// points the findings at it, and returns it.
func (e *evaluator) keepEvidence(old []Evidence) []Evidence {
	if e.direct {
		return e.ev
	}
	ev := old[:0]
	if cap(ev) < len(e.ev) {
		ev = make([]Evidence, 0, len(e.ev))
	}
	ev = append(ev, e.ev...)
	for _, fx := range e.fix {
		*fx.dst = ev[fx.start:fx.end:fx.end]
	}
	clear(e.ev) // the texts are the caller's; do not keep them alive
	e.evbuf = e.ev[:0]
	return ev
}

// fd returns node i's finding.
func (e *evaluator) fd(i int32) *Finding {
	nd := &e.p.nodes[i]
	if nd.reported {
		return &e.f[nd.slot]
	}
	return &e.cf[nd.slot]
}

// loadContext analyses the context, once, and matches it when a
// criterion of the rubric looks for phrases in it ([InContext]).
func (e *evaluator) loadContext() {
	if e.ctxLoaded {
		return
	}
	e.ctxLoaded = true
	p := e.p
	if p.m != nil {
		p.m.AnalyzeInto(&e.cdoc, e.in.Context)
		e.cm = e.cm[:0]
		if len(p.ctxOwners.owners) > 0 {
			e.cm = p.m.AppendMatches(e.cm, &e.cdoc, true)
		}
	} else {
		p.analyzer.AnalyzeInto(&e.cdoc, e.in.Context)
		e.cm = e.cm[:0]
	}
	e.croute.build(e.cm, &p.ctxOwners, p.nleaves)
}

// eval evaluates node i and its children, and returns its status.
func (e *evaluator) eval(i int32) Status {
	nd := &e.p.nodes[i]
	if nd.when >= 0 && e.eval(nd.when) != Met {
		e.notApplicable(i, nd.naNote)
		return NotApplicable
	}
	f := e.fd(i)
	var st Status
	switch nd.kind {
	case kindExpect, kindAvoid:
		st = e.evalPhrases(nd, f)
	case kindFunc:
		st = e.evalFunc(nd, f)
	case kindFlag:
		st = Missed
		if slices.Contains(e.in.Flags, nd.flag) {
			st = Met
		} else {
			f.Note = nd.notes[0]
		}
	case kindContext:
		if e.in.Context == "" {
			e.notApplicable(i, noteNoContext)
			return NotApplicable
		}
		e.loadContext()
		st = e.eval(nd.first)
		if st == NotApplicable {
			f.Note = e.fd(nd.first).Note
		}
	case kindAll, kindAny, kindAtLeast:
		st = e.evalGroup(nd, f)
	case kindNot:
		switch cs := e.eval(nd.first); {
		case cs == NotApplicable:
			st = NotApplicable
			f.Note = noteNoneApplicable
		case cs != Met:
			st = Met
		case len(e.fd(nd.first).Evidence) > 0:
			st = Violated
		default:
			st = Missed
		}
	case kindBefore:
		st = e.evalBefore(nd, f)
	case kindRubric:
		st = e.evalRubric(i)
	}
	f.Status = st
	if st == Missed || st == Violated {
		switch {
		case nd.suggestion != "":
			f.Suggestion = nd.suggestion
		case nd.avoidDefault && len(f.Evidence) > 0:
			f.Suggestion = avoidSuggestion(f.Evidence[0].Text)
		}
	}
	return st
}

// notApplicable marks node i, and the criteria it is made of, as not
// applicable.
func (e *evaluator) notApplicable(i int32, note string) {
	f := e.fd(i)
	f.Status = NotApplicable
	f.Note = note
	nd := &e.p.nodes[i]
	for k := nd.first; k < nd.first+nd.count; k++ {
		e.notApplicable(k, noteParentNA)
	}
}

func (e *evaluator) source(nd *pnode) (string, []phrases.Match, *routes) {
	if nd.ctx {
		return e.in.Context, e.cm, &e.croute
	}
	return e.in.Text, e.mm, &e.mroute
}

// evalPhrases evaluates an expect or avoid node.
func (e *evaluator) evalPhrases(nd *pnode, f *Finding) Status {
	text, ms, rs := e.source(nd)
	rts := rs.of(nd.leaf)
	if len(rts) == 0 {
		if nd.kind == kindAvoid {
			return Met
		}
		return Missed
	}
	negated := 0
	start := len(e.ev)
	nested := newNestFilter()
	for _, rt := range rts {
		m := &ms[rt.m]
		if m.Negated {
			negated++
			continue
		}
		s, t := m.Mark.Start, m.Mark.End
		if nested.drop(s, t) {
			continue
		}
		e.ev = append(e.ev, Evidence{Start: s, End: t, Text: text[s:t], Pattern: nd.patterns[rt.pat]})
	}
	e.take(&f.Evidence, start)
	if negated > 0 {
		start = len(e.ev)
		for _, rt := range rts {
			if m := &ms[rt.m]; m.Negated {
				e.ev = append(e.ev, Evidence{Start: m.Mark.Start, End: m.Mark.End, Text: text[m.Mark.Start:m.Mark.End], Pattern: nd.patterns[rt.pat]})
			}
		}
		e.take(&f.Negated, start)
	}
	found := len(f.Evidence) > 0
	if nd.kind == kindAvoid {
		if found {
			return Violated
		}
		return Met
	}
	if found {
		return Met
	}
	if negated > 0 {
		f.Note = noteOnlyNegated
	}
	return Missed
}

// nestFilter spots, among spans gathered one by one, those that
// sortEvidence would drop, so they need not be gathered: while the spans
// come in its order, one that comes after all those kept and ends inside
// one of them. (Its sort is stable, so leaving them out changes nothing
// else.)
type nestFilter struct {
	inOrder                    bool
	lastStart, lastEnd, maxEnd int
}

func newNestFilter() nestFilter {
	return nestFilter{inOrder: true, lastStart: -1, lastEnd: -1, maxEnd: -1}
}

// drop reports whether the span [s, t) can be left out, and records it as
// kept otherwise.
func (f *nestFilter) drop(s, t int) bool {
	if !f.inOrder {
		return false
	}
	after := s > f.lastStart || s == f.lastStart && t <= f.lastEnd
	if after && t <= f.maxEnd {
		return true
	}
	f.inOrder = after
	f.lastStart, f.lastEnd, f.maxEnd = s, t, max(f.maxEnd, t)
	return false
}

// take tidies the evidence appended since start and sets *dst to it, a
// slice of its own (nil when empty).
func (e *evaluator) take(dst *[]Evidence, start int) {
	end := len(e.ev)
	if end-start > 1 {
		end = start + len(sortEvidence(e.ev[start:]))
	}
	if end < len(e.ev) {
		clear(e.ev[end:]) // dropped spans: keep no text of theirs alive
		e.ev = e.ev[:end]
	}
	if end == start {
		*dst = nil
		return
	}
	e.hold(dst, start, end)
}

// hold sets *dst to e.ev[start:end], and records it to be pointed at the
// report's own copy of the evidence.
func (e *evaluator) hold(dst *[]Evidence, start, end int) {
	*dst = e.ev[start:end:end]
	if !e.direct {
		e.fix = append(e.fix, evFix{dst, start, end})
	}
}

// evalFunc evaluates a function criterion.
func (e *evaluator) evalFunc(nd *pnode, f *Finding) Status {
	var ms []phrases.Match
	if rts := e.mroute.of(nd.leaf); len(rts) > 0 {
		// The evaluator's memory: a function may not keep matches past
		// its call (see FuncOf).
		if cap(e.fm) < len(rts) {
			e.fm = make([]phrases.Match, len(rts))
		}
		ms = e.fm[:len(rts):len(rts)]
		for k, rt := range rts {
			ms[k] = e.mm[rt.m]
			ms[k].Rule = int(rt.pat)
			ms[k].Label = nd.patterns[rt.pat]
		}
	}
	res := nd.fn(&e.text, ms)
	if !res.Status.valid() {
		panic(fmt.Sprintf("rubric: function criterion %q returned invalid status %d", nd.id, res.Status))
	}
	text := e.in.Text
	if len(res.Evidence) > 0 {
		// Copied into the evaluator's evidence, like the phrases'.
		start := len(e.ev)
		for _, x := range res.Evidence {
			if x.Start < 0 || x.Start > x.End || x.End > len(text) ||
				!boundary(text, x.Start) || !boundary(text, x.End) {
				panic(fmt.Sprintf("rubric: function criterion %q returned evidence [%d:%d] outside the text or not on rune boundaries (text is %d bytes)", nd.id, x.Start, x.End, len(text)))
			}
			x.Text = text[x.Start:x.End]
			e.ev = append(e.ev, x)
		}
		slices.SortStableFunc(e.ev[start:], func(a, b Evidence) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			return a.End - b.End
		})
		e.hold(&f.Evidence, start, len(e.ev))
		if len(res.Evidence) > cap(e.fev) {
			// Room for as many next time.
			e.fev = make([]Evidence, 0, len(res.Evidence))
		}
	}
	f.Note = res.Note
	return res.Status
}

func boundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}

// evalGroup evaluates all, any and at_least nodes.
func (e *evaluator) evalGroup(nd *pnode, f *Finding) Status {
	applicable, met, violated := 0, 0, false
	for k := nd.first; k < nd.first+nd.count; k++ {
		switch e.eval(k) {
		case NotApplicable:
			continue
		case Met:
			met++
		case Violated:
			violated = true
		}
		applicable++
	}
	if applicable == 0 {
		f.Note = noteNoneApplicable
		return NotApplicable
	}
	need := applicable // all
	switch nd.kind {
	case kindAny:
		need = 1
	case kindAtLeast:
		need = min(nd.n, applicable)
	}
	if met >= need {
		return Met
	}
	switch {
	case nd.kind == kindAll:
	case need < nd.n:
		f.Note = nd.notes[1]
	default:
		f.Note = nd.notes[0]
	}
	if violated {
		return Violated
	}
	return Missed
}

// evalBefore evaluates a before node.
func (e *evaluator) evalBefore(nd *pnode, f *Finding) Status {
	a, b := nd.first, nd.first+1
	sa, sb := e.eval(a), e.eval(b)
	if sa == NotApplicable || sb == NotApplicable {
		f.Note = noteNoneApplicable
		return NotApplicable
	}
	fa, fb := e.fd(a), e.fd(b)
	switch {
	case sa != Met || len(fa.Evidence) == 0:
		f.Note = nd.notes[0]
		return Missed
	case sb != Met || len(fb.Evidence) == 0:
		f.Note = nd.notes[1]
		return Missed
	}
	start := len(e.ev)
	e.ev = append(e.ev, fa.Evidence[0], fb.Evidence[0])
	e.hold(&f.Evidence, start, start+2)
	if fa.Evidence[0].Start < fb.Evidence[0].Start {
		return Met
	}
	f.Note = nd.notes[2]
	return Violated
}

// evalRubric evaluates a rubric node: the root, or a nested rubric.
func (e *evaluator) evalRubric(i int32) Status {
	nodes := e.p.nodes
	nd := &nodes[i]
	f := e.fd(i)
	kids := nodes[nd.first : nd.first+nd.count]
	var wsum, earned float64
	applicable, critical, violated := false, false, false
	for j := range kids {
		k := nd.first + int32(j)
		st := e.eval(k)
		if st == NotApplicable {
			continue
		}
		applicable = true
		c := &kids[j]
		wsum += c.weight
		earned += c.weight * e.credit(k, st)
		if st != Met {
			violated = violated || st == Violated
			if c.critical {
				critical = true
				if i == 0 {
					e.critical = append(e.critical, c.id)
				}
			}
		}
	}
	score := 100.0
	if wsum > 0 {
		score = 100 * earned / wsum
		// f.Children are the findings of kids, in order.
		for j := range f.Children {
			if c := &f.Children[j]; c.Status != NotApplicable {
				c.Contribution = round2(100 * kids[j].weight * e.credit(nd.first+int32(j), c.Status) / wsum)
			}
		}
	}
	if critical {
		score = min(score, nd.cap)
	}
	e.scores[i] = score
	if !applicable && i != 0 {
		f.Note = noteNoneApplicable
		return NotApplicable
	}
	shown := round2(score)
	if i != 0 {
		f.Note = "score " + strconv.FormatFloat(shown, 'f', 2, 64) + ", threshold " + formatFloat(nd.threshold)
		if critical {
			f.Note += ", critical failure"
		}
	}
	switch {
	case !critical && shown >= nd.threshold:
		return Met
	case violated:
		return Violated
	}
	return Missed
}

// credit is how much of its weight node k earns with status st.
func (e *evaluator) credit(k int32, st Status) float64 {
	switch {
	case e.p.nodes[k].kind == kindRubric && st != NotApplicable:
		return e.scores[k] / 100
	case st == Met:
		return 1
	}
	return 0
}

// avoidSuggestion is the default suggestion of a violated avoid criterion:
// `Remove or rephrase "text".`, built with one allocation. The text is
// quoted with strconv.Quote when it holds a quote, a backslash or a
// character that does not print.
func avoidSuggestion(text string) string {
	const prefix, suffix = "Remove or rephrase ", "."
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c > '~' || c == '"' || c == '\\' {
				return prefix + strconv.Quote(text) + suffix
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !strconv.IsPrint(r) {
			return prefix + strconv.Quote(text) + suffix
		}
		i += n
	}
	return prefix + `"` + text + `"` + suffix
}
