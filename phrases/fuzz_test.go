package phrases

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// FuzzTokenize checks the invariants of every analysis: offsets in range,
// on rune boundaries, in order; sentences covering every token once; and
// that analysing again, or into a reused Doc, gives the same tokens.
func FuzzTokenize(f *testing.F) {
	for _, tt := range tokenizeTests {
		f.Add(tt.in)
	}
	for _, s := range []string{"", "\xff\xfe", "a\x00b", "👨\u200d", "\u200d👧", "🇫🇷🇫", "1️⃣", "+44 20", "(555) 1", "x@y.z", "http://", "www.", "e.g.", "No. ", "I'd've", "n't", "'s", "a'", "...\n\n...", ":-) <3", "\u0301", "٣٤"} {
		f.Add(s)
	}
	a := NewAnalyzer()
	var reused Doc
	f.Fuzz(func(t *testing.T, text string) {
		d := a.Analyze(text)
		checkDoc(t, d)
		if d.Text != text {
			t.Fatalf("Doc.Text changed")
		}
		for i, tk := range d.Tokens {
			if tk.Kind == Word && tk.Stem == "" {
				t.Errorf("word %d %q has no stem", i, d.Surface(i))
			}
		}
		a.AnalyzeInto(&reused, text)
		if !slices.Equal(reused.Tokens, d.Tokens) || !slices.Equal(reused.Sentences, d.Sentences) {
			t.Errorf("AnalyzeInto into a reused Doc differs from Analyze")
		}
		checkFastPaths(t, text)
	})
}

// FuzzCompile checks that Compile never panics, that an error is an *Error
// whose offset lies in the pattern and whose rendering never panics, and
// that a compiled pattern is well formed, round-trips through String and
// can be matched.
func FuzzCompile(f *testing.F) {
	for _, tt := range compileTests {
		f.Add(tt.pattern)
	}
	for _, tt := range compileErrorTests {
		f.Add(tt.pattern)
	}
	for _, s := range []string{"!(a", "a ..", "..", "...", "a ..3b", "\\", "@PRP$", "<", ">", "{[(", "a@VB@NN", "!(!(a)) b", "a !(b) ..2", "\"\\\"\"", "~~a", "_ _", "1..", "0..32", "a 32..32 b", "é\t@X"} {
		f.Add(s)
	}
	texts := []string{"I'm so sorry, but I can't help you. Call 555-123-4567!", "a b c ? ! , . sorry not never three 3"}
	f.Fuzz(func(t *testing.T, pattern string) {
		p, err := Compile(pattern)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Compile(%q): error %T, want *Error", pattern, err)
			}
			if p != nil {
				t.Fatalf("Compile(%q): both a pattern and an error", pattern)
			}
			if e.Offset < 0 || e.Offset > len(pattern) {
				t.Errorf("Compile(%q): offset %d outside [0, %d]", pattern, e.Offset, len(pattern))
			}
			if e.Pattern != pattern || e.Code == "" {
				t.Errorf("Compile(%q): Pattern %q Code %q", pattern, e.Pattern, e.Code)
			}
			if msg := e.Error(); !strings.HasPrefix(msg, "phrases: ") {
				t.Errorf("Compile(%q): message %q", pattern, msg)
			}
			if c := e.Caret(); !strings.HasPrefix(c, pattern+"\n") || !strings.HasSuffix(c, "^") {
				t.Errorf("Compile(%q): Caret %q", pattern, c)
			}
			func() {
				defer func() {
					if r := recover(); r == nil {
						t.Errorf("MustCompile(%q) did not panic", pattern)
					}
				}()
				MustCompile(pattern)
			}()
			return
		}
		if p.String() != pattern {
			t.Errorf("String() = %q, want %q", p.String(), pattern)
		}
		if len(p.expanded()) == 0 || len(p.expanded()) > MaxAlternatives {
			t.Fatalf("Compile(%q): %d sequences", pattern, len(p.expanded()))
		}
		for _, c := range p.expanded() {
			if len(c) == 0 || c[0].gap || c[len(c)-1].gap {
				t.Errorf("Compile(%q): sequence %s is empty or has a gap at an end", pattern, renderChains([][]step{c}))
			}
			for k, s := range c {
				if s.gap && (s.min < 0 || s.min > s.max || s.max < 1 || s.max > MaxGap) {
					t.Errorf("Compile(%q): gap %d..%d", pattern, s.min, s.max)
				}
				if s.gap && k > 0 && c[k-1].gap {
					t.Errorf("Compile(%q): adjacent gaps in %s", pattern, renderChains([][]step{c}))
				}
				if !s.gap && s.el.kind == keyNone && s.el.class == classNone && s.el.tags == 0 {
					t.Errorf("Compile(%q): an element that tests nothing", pattern)
				}
			}
		}
		q, err := Compile(p.String())
		if err != nil || renderChains(q.expanded()) != renderChains(p.expanded()) {
			t.Errorf("Compile(String()) of %q: %v", pattern, err)
		}
		if p.UsesTags() {
			return // tagging is slow; the matcher is fuzzed below
		}
		m, err := NewMatcher([]Rule{{"r", p}})
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range texts {
			d := m.Analyze(text)
			for _, mt := range m.MatchAll(d) {
				if mt.Tokens.Start < 0 || mt.Tokens.End > len(d.Tokens) || mt.Tokens.Start >= mt.Tokens.End {
					t.Errorf("Compile(%q) on %q: token span %v", pattern, text, mt.Tokens)
				}
			}
		}
	})
}

// The vocabulary of generated patterns and texts: a few words that stem,
// contract and negate, punctuation, numbers, times and a name.
var (
	genWords   = []string{"a", "b", "a", "b", "c", "sorry", "not", "but", "help", "you", "i am", "three", "never", "a b"}
	genStems   = []string{"~sorry", "~help", "~helped"}
	genExact   = []string{`"Sorry"`, `"a"`, `"I"`}
	genPunct   = []string{"?", ",", "!", "."}
	genGaps    = []string{"_", "..1", "..2", "1..2", "0..3", "2..2"}
	genClasses = []string{"<number>", "<punct>", "<word>", "<name>", "<time>"}
	genText    = []string{"a", "b", "c", "sorry", "Sorry", "SORRY", "sorrier", "not", "never", "no", "but", "however", "help", "helping", "helped", "you", "I", "I'm", "am", "don't", "3", "three", "Maria", "4", "p.m.", "noon", "10:30", "a", "b", "a", "b", "a", "b", "sorry", "help"}
	genTextP   = []string{",", ".", "?", "!", ";", "(", ")", "-", "...", "\n\n", "\n"}
)

// patternGen builds a pattern from bytes; exhausted input reads as zeros.
type patternGen struct {
	b []byte
	i int
}

func (g *patternGen) n(k int) int {
	if g.i >= len(g.b) {
		return 0
	}
	v := int(g.b[g.i]) % k
	g.i++
	return v
}

func (g *patternGen) pick(s []string) string { return s[g.n(len(s))] }

func (g *patternGen) item(depth int) string {
	switch g.n(16) {
	case 0, 1, 2, 3, 4:
		return g.pick(genWords)
	case 5:
		return g.pick(genStems)
	case 6:
		return g.pick(genExact)
	case 7, 8:
		return g.pick(genPunct)
	case 9, 10:
		return g.pick(genGaps)
	case 11:
		if depth < 2 {
			return "(" + g.seq(depth+1) + " | " + g.seq(depth+1) + ")"
		}
	case 12:
		if depth < 2 {
			return "[" + g.seq(depth+1) + "]"
		}
	case 13:
		if depth < 2 {
			return "{" + g.seq(depth+1) + "}"
		}
	case 14:
		return g.pick(genClasses)
	}
	return g.pick(genWords)
}

func (g *patternGen) seq(depth int) string {
	n := 1 + g.n(2) + g.n(2)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = g.item(depth)
	}
	return strings.Join(parts, " ")
}

func (g *patternGen) pattern() string {
	var b strings.Builder
	switch g.n(6) {
	case 1:
		b.WriteString("!(not | never) ")
		if g.n(2) == 0 {
			b.WriteString(g.pick(genGaps[1:]) + " ")
		}
	case 2:
		b.WriteString("!(a b) ")
	}
	switch g.n(4) {
	case 1: // a marked part first
		b.WriteString("{" + g.item(1) + "} " + g.seq(1))
	case 2: // a marked part last
		b.WriteString(g.seq(1) + " {" + g.item(1) + "}")
	default:
		b.WriteString(g.seq(0))
	}
	switch g.n(6) {
	case 1:
		if g.n(2) == 0 {
			b.WriteString(" " + g.pick(genGaps[1:]))
		}
		b.WriteString(" !(not | but)")
	case 2:
		b.WriteString(" !(b c)")
	}
	return b.String()
}

func genTextFrom(b []byte) string {
	g := &patternGen{b: b}
	var s strings.Builder
	for g.i < len(g.b) {
		if g.n(4) == 0 {
			s.WriteString(g.pick(genTextP))
			if g.n(2) == 0 {
				s.WriteByte(' ')
			}
		} else {
			s.WriteString(g.pick(genText))
			s.WriteByte(' ')
		}
	}
	return s.String()
}

// FuzzMatcher compares the compiled matcher with refMatch, a slow search
// over every expanded sequence at every start token.
func FuzzMatcher(f *testing.F) {
	f.Add([]byte{0}, []byte("\x03\x01\x05"))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, []byte("sorry, but not you"))
	f.Add([]byte{2, 9, 0, 3, 11, 4, 5, 0, 2, 1}, []byte{4, 1, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2, 1})
	f.Add([]byte{13, 2, 0, 4, 9, 1, 0, 7}, []byte("\x03\x00\x01\x02\x03\x04\x05\x06\x07\x08"))
	rng := rand.New(rand.NewPCG(7, 7))
	for range 40 {
		f.Add(randBytes(rng, 24), randBytes(rng, 40))
	}
	f.Fuzz(func(t *testing.T, patBytes, textBytes []byte) {
		checkAgainstReference(t, patBytes, textBytes)
	})
}

// TestMatcherAgainstReference runs the FuzzMatcher check on random inputs in
// every ordinary test run.
func TestMatcherAgainstReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	n := 1000
	if testing.Short() {
		n = 200
	}
	for range n {
		checkAgainstReference(t, randBytes(rng, 24), randBytes(rng, 50))
		if t.Failed() {
			return
		}
	}
}

func randBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, rng.IntN(n+1))
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// refAnalyzer is shared by the matchers checkAgainstReference builds: a
// fresh Analyzer's stem cache is half a megabyte.
var refAnalyzer = NewAnalyzer()

func checkAgainstReference(t *testing.T, patBytes, textBytes []byte) {
	t.Helper()
	// The reference enumerates every placement of every sequence, which
	// grows quickly with the text: keep inputs short.
	patBytes = patBytes[:min(len(patBytes), 48)]
	textBytes = textBytes[:min(len(textBytes), 64)]
	g := &patternGen{b: patBytes}
	nrules := 1 + g.n(3)
	var rules []Rule
	var srcs []string
	for range nrules {
		src := g.pattern()
		p, err := Compile(src)
		if err != nil {
			continue // two marks and the like; FuzzCompile covers errors
		}
		rules = append(rules, Rule{Label: fmt.Sprint(len(rules)), Pattern: p})
		srcs = append(srcs, src)
	}
	if len(rules) == 0 {
		return
	}
	opts := []Option{WithAnalyzer(refAnalyzer)}
	switch g.n(4) {
	case 1:
		opts = append(opts, WithNegation(nil, 0))
	case 2:
		opts = append(opts, WithNegation([]string{"no", "never"}, 1))
	}
	m, err := NewMatcher(rules, opts...)
	if err != nil {
		t.Fatal(err)
	}
	text := genTextFrom(textBytes)
	d := m.Analyze(text)
	cfg := config{cues: DefaultNegationCues(), window: 3}
	for _, o := range opts {
		o(&cfg)
	}
	ref := refMatchAll(d, rules)

	describe := func() string {
		return fmt.Sprintf("patterns %q\ntext %q\ntokens %s", srcs, text, render(d))
	}
	all := m.MatchAll(d)
	if got, want := spans(all), spans(ref.all); got != want {
		t.Fatalf("MatchAll\n got %s\nwant %s\n%s", got, want, describe())
	}
	longest := m.Match(d)
	if got, want := spans(longest), spans(ref.leftmostLongest()); got != want {
		t.Fatalf("Match\n got %s\nwant %s\n%s", got, want, describe())
	}
	// A document analysed by a plain Analyzer matches the same way.
	plain := refAnalyzer.Analyze(text)
	if got, want := renderMatches(plain, m.MatchAll(plain)), renderMatches(d, all); got != want {
		t.Fatalf("MatchAll on an Analyzer's doc\n got %s\nwant %s\n%s", got, want, describe())
	}
	for _, mt := range append(all, longest...) {
		key := refKey{mt.Rule, mt.Tokens.Start, mt.Tokens.End}
		if !slices.Contains(ref.marks[key], mt.MarkTokens) {
			t.Fatalf("match %v of rule %d: MarkTokens %v, want one of %v\n%s", mt.Tokens, mt.Rule, mt.MarkTokens, ref.marks[key], describe())
		}
		if mt.Bytes != (Span{d.Tokens[mt.Tokens.Start].Start, d.Tokens[mt.Tokens.End-1].End}) ||
			mt.Mark != (Span{d.Tokens[mt.MarkTokens.Start].Start, d.Tokens[mt.MarkTokens.End-1].End}) {
			t.Fatalf("match %v: byte spans %v %v disagree with tokens", mt.Tokens, mt.Bytes, mt.Mark)
		}
		if mt.Label != rules[mt.Rule].Label {
			t.Fatalf("match of rule %d labelled %q", mt.Rule, mt.Label)
		}
		if want := refNegated(d, cfg, rules[mt.Rule].Pattern, mt.Tokens); mt.Negated != want {
			t.Fatalf("match %v of rule %d: Negated %v, want %v\n%s", mt.Tokens, mt.Rule, mt.Negated, want, describe())
		}
	}
}

func spans(ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "r%d%v ", m.Rule, m.Tokens)
	}
	return b.String()
}

type refKey struct{ rule, start, end int }

type refResult struct {
	all   []Match           // the longest match per rule and start, in MatchAll's order
	marks map[refKey][]Span // the marked parts each (rule, start, end) may report
	ends  map[[2]int]int    // (rule, start) → longest end
}

// refMatchAll finds every match by brute force: each rule, each expanded
// sequence, each start token, every way of placing the steps.
func refMatchAll(d *Doc, rules []Rule) refResult {
	res := refResult{marks: map[refKey][]Span{}, ends: map[[2]int]int{}}
	for ri, r := range rules {
		for _, chain := range r.Pattern.expanded() {
			for _, s := range d.Sentences {
				for start := s.First; start < s.Last; start++ {
					refChain(d, chain, start, s.Last, func(end int, mark Span) {
						key := refKey{ri, start, end}
						if !slices.Contains(res.marks[key], mark) {
							res.marks[key] = append(res.marks[key], mark)
						}
						if end > res.ends[[2]int{ri, start}] {
							res.ends[[2]int{ri, start}] = end
						}
					})
				}
			}
		}
	}
	for k, end := range res.ends {
		res.all = append(res.all, Match{Rule: k[0], Tokens: Span{k[1], end}})
	}
	slices.SortFunc(res.all, func(a, b Match) int {
		if c := cmp.Compare(a.Tokens.Start, b.Tokens.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Tokens.End, a.Tokens.End); c != 0 {
			return c
		}
		return cmp.Compare(a.Rule, b.Rule)
	})
	return res
}

// leftmostLongest picks, from the longest matches per rule and start, the
// leftmost-longest ones that do not overlap.
func (r refResult) leftmostLongest() []Match {
	var out []Match
	last := -1
	for _, m := range r.all {
		if m.Tokens.Start < last {
			continue
		}
		out = append(out, m)
		last = m.Tokens.End
	}
	return out
}

// refChain calls found for every way chain matches from token start in a
// sentence ending at last. The rules, from the package documentation:
// the first step takes token start itself; between steps, punctuation the
// step does not match is skipped; a gap counts min to max tokens that are
// not punctuation, and skips punctuation freely; nothing crosses last.
//
// The marked part runs from the first token a marked step takes to the
// last; a marked gap that takes no token starts (or ends) at the token the
// next step takes. When it is empty or incomplete, the whole match is
// reported.
func refChain(d *Doc, chain []step, start, last int, found func(end int, mark Span)) {
	punct := func(i int) bool { return d.Tokens[i].Kind == Punct }
	var rec func(k, i, end, ms, me int, pendS, pendE bool)
	rec = func(k, i, end, ms, me int, pendS, pendE bool) {
		if k == len(chain) {
			mark := Span{start, end}
			if ms >= 0 && me > ms {
				mark = Span{ms, me}
			}
			found(end, mark)
			return
		}
		st := chain[k]
		if !st.gap {
			for j := i; j < last; j++ {
				if refElem(&st.el, d, j) {
					ms2, me2 := ms, me
					if pendS || st.markStart {
						ms2 = j
					}
					if pendE {
						me2 = j
					}
					if st.markEnd {
						me2 = j + 1
					}
					rec(k+1, j+1, j+1, ms2, me2, false, false)
				}
				if k == 0 || !punct(j) {
					break
				}
			}
			return
		}
		var gap func(i, count, first int)
		gap = func(i, count, first int) {
			if count >= st.min {
				ms2, pendS2 := ms, false
				if st.markStart {
					if count > 0 {
						ms2 = first
					} else {
						pendS2 = true
					}
				}
				rec(k+1, i, end, ms2, me, pendS2, st.markEnd)
			}
			if i >= last {
				return
			}
			if punct(i) {
				gap(i+1, count, first)
			} else if count < st.max {
				if count == 0 {
					first = i
				}
				gap(i+1, count+1, first)
			}
		}
		gap(i, 0, -1)
	}
	rec(0, start, start, -1, -1, false, false)
}

// refElem tests one element by comparing strings.
func refElem(el *elem, d *Doc, i int) bool {
	t := &d.Tokens[i]
	switch el.kind {
	case keyNorm:
		if t.Norm != el.key {
			return false
		}
	case keyStem:
		if t.Kind != Word || t.Stem != el.key {
			return false
		}
	case keyExact:
		if d.Surface(i) != el.key {
			return false
		}
	}
	if el.class != classNone && !inClass(el.class, d, i) {
		return false
	}
	if el.tags != 0 && !slices.Contains(strings.Split(tagNames(el.tags), ","), t.Tag) {
		return false
	}
	return true
}

// refNegated applies the documented negation rules: the default scope
// (a cue within window words before the match in the same clause) and the
// pattern's look-behind and look-ahead.
func refNegated(d *Doc, cfg config, p *Pattern, span Span) bool {
	s := d.Sentences[d.Tokens[span.Start].Sentence]
	if cfg.window > 0 && len(cfg.cues) > 0 {
		words := 0
	scope:
		for i := span.Start - 1; i >= s.First && words < cfg.window; i-- {
			t := &d.Tokens[i]
			switch {
			case t.Kind == Punct:
				switch t.Norm {
				case ",", ";", ":", "-", "—", "–", "(", ")":
					break scope
				}
				continue
			case t.Norm == "but" || t.Norm == "however":
				break scope
			}
			words++
			if slices.Contains(cfg.cues, t.Norm) {
				return true
			}
		}
	}
	nonPunct := func(from, to int) int { // non-punctuation tokens in [from, to)
		n := 0
		for i := from; i < to; i++ {
			if d.Tokens[i].Kind != Punct {
				n++
			}
		}
		return n
	}
	if lk := p.behind; lk != nil {
		for _, c := range lk.chains {
			// Every placement of c ending at token e before the match.
			for e := s.First; e < span.Start; e++ {
				if g := nonPunct(e+1, span.Start); g < lk.min || g > lk.max {
					continue
				}
				if refLook(d, c, e, s.First, -1) {
					return true
				}
			}
		}
	}
	if lk := p.ahead; lk != nil {
		for _, c := range lk.chains {
			for b := span.End; b < s.Last; b++ {
				if g := nonPunct(span.End, b); g < lk.min || g > lk.max {
					continue
				}
				if refLook(d, c, b, s.Last, +1) {
					return true
				}
			}
		}
	}
	return false
}

// refLook reports whether chain matches with its last (dir -1) or first
// (dir +1) element on token at and its other elements, in order away from
// the match, on tokens separated only by punctuation, within the sentence
// (bound is its first token for dir -1, its end for dir +1).
func refLook(d *Doc, chain []step, at, bound, dir int) bool {
	var rec func(k, at int) bool // element k of the chain on token at
	rec = func(k, at int) bool {
		if !refElem(&chain[k].el, d, at) {
			return false
		}
		k += dir
		if k < 0 || k >= len(chain) {
			return true
		}
		for next := at + dir; (dir < 0 && next >= bound) || (dir > 0 && next < bound); next += dir {
			if rec(k, next) {
				return true
			}
			if d.Tokens[next].Kind != Punct {
				return false
			}
		}
		return false
	}
	if dir < 0 {
		return rec(len(chain)-1, at)
	}
	return rec(0, at)
}
