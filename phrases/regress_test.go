package phrases

// Regression tests for bugs this suite found (fixed in c3f012a). Each
// comment says where the bug was.

import (
	"strings"
	"testing"
	"time"
)

// pattern.go parseWords: after a space it skips ahead to look at the next
// item and, when that is '@', breaks without going back, so withTag sees
// the '@' and puts the tag on the previous word. "i @VBD" compiles to the
// single element i@VBD instead of "i" followed by any past-tense verb.
func TestRegressionSpaceBeforeTagAttachesToPreviousWord(t *testing.T) {
	for pattern, want := range map[string]string{
		"i @VBD":         "i @VBD",
		"very @ADJ":      "very @JJ,JJR,JJS",
		"the @ADJ @NOUN": "the @JJ,JJR,JJS @NN,NNS,NNP,NNPS",
		`"Thank" @VB`:    `"Thank" @VB`,
	} {
		p, err := Compile(pattern)
		if err != nil {
			t.Errorf("Compile(%q): %v", pattern, err)
			continue
		}
		if got := renderChains(p.expanded()); got != want {
			t.Errorf("Compile(%q) = %s, want %s", pattern, got, want)
		}
	}
	m := newMatcher(t, "r", "i @VBD")
	d := m.Analyze("I called twice and I waited.")
	if got, want := renderMatches(d, m.Match(d)), "r[I called] r[I waited]"; got != want {
		t.Errorf("\"i @VBD\": got %q, want %q", got, want)
	}
}

// matcher.go advance: at a node with a gap edge, a punctuation token starts
// no gap (right: punctuation is not counted) but the gap's child is not
// tried either, so a gap that may be empty can never be followed directly
// by punctuation the pattern names.
func TestRegressionEmptyGapBeforeNamedPunctuation(t *testing.T) {
	m := newMatcher(t, "r", "sorry ..2 ?", "s", "help [..2] !")
	d := m.Analyze("sorry? sorry, ? help!")
	if got, want := renderMatches(d, m.Match(d)), "r[sorry?] r[sorry, ?] s[help!]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// matcher.go walk: a match may start at a punctuation token only when the
// token's normalised form is a key (k.norm != 0) or the root has predicate
// edges; exact-form keys are not considered, so a pattern that starts with
// quoted punctuation never matches.
func TestRegressionExactPunctuationAtStart(t *testing.T) {
	m := newMatcher(t, "q", `"?"`, "d", `"..." ok`)
	d := m.Analyze("Really? ... ok")
	if got, want := renderMatches(d, m.Match(d)), "q[?] d[... ok]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// tokenize does not reset Doc.keyOwner and Doc.keys, so a Doc that a
// Matcher analysed and that is then re-analysed by an Analyzer keeps the
// old text's key ids; Matcher.AppendMatches trusts them when the token count
// is the same and reports matches of the old text at the new offsets.
func TestRegressionStaleKeysAfterAnalyzerReuse(t *testing.T) {
	m := newMatcher(t, "sorry", "sorry", "thanks", "thanks")
	d := m.Analyze("so sorry")
	_ = m.Match(d)
	NewAnalyzer().AnalyzeInto(d, "many thanks")
	if got, want := renderMatches(d, m.Match(d)), "thanks[thanks]"; got != want {
		t.Errorf("after re-analysis: got %q, want %q", got, want)
	}
}

// matcher.go AppendMatches: with all set, dedupeAll runs over the whole
// of dst, the caller's earlier matches included, and drops new matches
// whose (start token, rule) equals one of them.
func TestRegressionAppendMatchesAllDropsMatchesAfterDst(t *testing.T) {
	m := newMatcher(t, "sorry", "sorry")
	d1 := m.Analyze("sorry")
	d2 := m.Analyze("sorry, again")
	dst := m.AppendMatches(nil, d1, true)
	dst = m.AppendMatches(dst, d2, true)
	if len(dst) != 2 {
		t.Errorf("two docs with one match each: %d matches in dst, want 2", len(dst))
	}
}

// matcher.go walk: states are never merged, so every way of splitting the
// tokens between several gaps is a state of its own and the work grows
// like tokens^gaps. The package doc says the cost grows with the number
// of tokens. Five gaps over 100 one-letter words take about half a minute.
func TestRegressionGapStatesExplode(t *testing.T) {
	// Before the fix, 100 tokens took half a minute: the live states grew
	// like tokens^gaps. Now a start token has at most one state per trie
	// node and gap position, and the starts that can still match are
	// bounded by the pattern's longest span, so the peak number of live
	// states must not grow with the text. Counted, not timed.
	m := newMatcher(t, "r", "a ..32 a ..32 a ..32 a ..32 a ..32 a")
	peak := func(n int) int {
		d := m.Analyze(strings.TrimSpace(strings.Repeat("a ", n)))
		m.keysFor(d, false)
		sc := new(scratch)
		m.walkAll(d, sc)
		return sc.peak
	}
	small, large := peak(200), peak(400)
	if large != small {
		t.Errorf("peak live states grow with the text: %d over 200 tokens, %d over 400", small, large)
	}
	// 5 gaps of 33 positions each, from at most 5*32+6 starts.
	if bound := 6 * 166; large > bound {
		t.Errorf("peak live states %d, want at most %d", large, bound)
	}
	d := m.Analyze(strings.TrimSpace(strings.Repeat("a ", 300)))
	if ms := m.MatchAll(d); len(ms) != 300-5 {
		t.Errorf("%d matches, want one at each of the first 295 tokens", len(ms))
	}
}

// word.go scanEmail is called for every word that ends at '+' or '@', and
// scans the whole run of e-mail characters after it, so a long run of
// "1+1+1+..." costs time quadratic in its length. trimURL counts brackets
// over the whole URL once per trailing ')'. Quadratic, each of these
// inputs took about 16 s; the test checks the tokens, and
// BenchmarkLinearTokenizing reports how the time grows with the input.
func TestRegressionQuadraticTokenizing(t *testing.T) {
	if testing.Short() {
		t.Skip("megabytes of text")
	}
	a := NewAnalyzer()
	for name, gen := range quadraticInputs {
		d := a.Analyze(gen(1 << 17))
		checkDoc(t, d)
		if len(d.Tokens) == 0 {
			t.Errorf("%s: no tokens", name)
		}
	}
}

// quadraticInputs make the texts that once took quadratic time, n units
// long.
var quadraticInputs = map[string]func(n int) string{
	"plus":   func(n int) string { return strings.Repeat("1+", n) },
	"parens": func(n int) string { return "http://x" + strings.Repeat(")", n) },
}

// BenchmarkLinearTokenizing analyses n and 8n units of each input of
// TestRegressionQuadraticTokenizing, interleaved, and reports the ratio of
// the times: near 8 for linear work, near 64 for quadratic.
//
//	go test -run '^$' -bench LinearTokenizing ./phrases/
func BenchmarkLinearTokenizing(b *testing.B) {
	for _, name := range []string{"parens", "plus"} {
		gen := quadraticInputs[name]
		b.Run(name, func(b *testing.B) {
			a := NewAnalyzer()
			small, large := gen(1<<14), gen(1<<17)
			ds, dl := new(Doc), new(Doc)
			var ts, tl time.Duration
			for b.Loop() {
				t0 := time.Now()
				a.AnalyzeInto(ds, small)
				t1 := time.Now()
				a.AnalyzeInto(dl, large)
				ts += t1.Sub(t0)
				tl += time.Since(t1)
			}
			b.ReportMetric(float64(tl)/float64(ts), "x-8x-input")
		})
	}
}

// pattern.go parseLook reads p.marks after parsing the negation's body, so
// a mark inside it is never seen and ErrBadNegation "a marked part" cannot
// happen; the mark then counts against the pattern's own.
func TestRegressionMarkInsideNegationAccepted(t *testing.T) {
	for _, pattern := range []string{"!({not}) sorry", "sorry !({not})", "!({a}) {b}"} {
		_, err := Compile(pattern)
		if !isCode(err, ErrBadNegation) {
			t.Errorf("Compile(%q): %v, want %q", pattern, err, ErrBadNegation)
		}
	}
}

// pattern.go parse only rejects a gap that is a direct item at either end
// of the top-level sequence; tidy silently drops gaps at the ends of
// alternatives and groups. "A gap may not open or close a pattern."
// Dropping it also loses a look-ahead's window: the gap before "!(" is only
// moved into the look-ahead when the body is a plain sequence.
func TestRegressionGapAtEdgeOfGroupIgnored(t *testing.T) {
	for _, pattern := range []string{"a | b ..2", "a ..2 | b", "b | ..2 a", "(a ..2)", "(..2 a)", "a {_}", "{_} a"} {
		if p, err := Compile(pattern); !isCode(err, ErrBadGap) {
			var got string
			if p != nil {
				got = renderChains(p.expanded())
			}
			t.Errorf("Compile(%q) = %s, %v; want %q", pattern, got, err, ErrBadGap)
		}
	}
	// If alternatives before a look-ahead are allowed, the gap must still
	// belong to the look-ahead.
	p, err := Compile("thanks | thank you ..1 !(for nothing)")
	if err == nil && (p.ahead == nil || p.ahead.max != 1) {
		t.Errorf("look-ahead window lost: %+v", p.ahead)
	}
}

// The package doc said `"Mr. Chen" gives two <name> tokens` but isName
// excludes titles; the doc now says only "Chen" is a <name>.
func TestRegressionNameMrChen(t *testing.T) {
	m := newMatcher(t, "two", "<name> <name>", "one", "<name>")
	d := m.Analyze("I spoke to Mr. Chen today.")
	if got, want := renderMatches(d, m.MatchAll(d)), "one[Chen]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// tokenize.go run: C1 control characters (U+0080–U+009F but U+0085) are
// neither spaces nor letters and fall through to punct, which emits them
// as Symbol tokens. Analyze promises control characters are never part of
// a token.
func TestRegressionC1ControlCharactersBecomeTokens(t *testing.T) {
	d := NewAnalyzer().Analyze("a\u0080b c\u009fd \u0090")
	if got, want := render(d), "a b c d"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// tokenize.go run: invisible format characters (Cf) such as the
// right-to-left mark, the zero-width non-joiner and the soft hyphen became
// Symbol tokens. (A soft hyphen or word joiner between letters is now part
// of the word: TestTokenize's soft-hyphen case.) They are common in text pasted from right-to-left
// interfaces and in Persian, and since symbols are not transparent they
// break phrases: "thank\u200f you" does not match "thank you".
func TestRegressionFormatCharactersBecomeTokens(t *testing.T) {
	d := NewAnalyzer().Analyze("שלום\u200f עולם \u200eok co\u00adoperate a\u2060b")
	for i, tk := range d.Tokens {
		if tk.Kind == Symbol {
			t.Errorf("token %d %q is a Symbol", i, d.Surface(i))
		}
	}
	m := newMatcher(t, "r", "thank you")
	d = m.Analyze("thank\u200f you")
	if got := renderMatches(d, m.Match(d)); got != "r[thank\u200f you]" {
		t.Errorf("thank<RLM> you: got %q", got)
	}
}

// word.go scanWord: U+02BC (modifier letter apostrophe) is a letter, so the
// letter case takes it and w.apostrophe is never set; the contraction is
// not split although isApostrophe lists U+02BC. (It was split before the
// single-pass scanner.)
func TestRegressionModifierApostropheContraction(t *testing.T) {
	d := NewAnalyzer().Analyze("donʼt Iʼm")
	if got, want := render(d), "do nʼt=not I=i ʼm=am"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// word.go scanWord joins words over ' but not over the backtick, which
// isApostrophe and appendNorm both treat as an apostrophe.
func TestRegressionBacktickApostrophe(t *testing.T) {
	d := NewAnalyzer().Analyze("don`t")
	if got, want := render(d), "do n`t=not"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// tokenize.go isTerminal knows the full-width and CJK stops but not the
// Arabic question mark or full stop.
func TestRegressionArabicSentenceEnd(t *testing.T) {
	d := NewAnalyzer().Analyze("هل أنت بخير؟ نعم۔ شكرا")
	if len(d.Sentences) != 3 {
		t.Errorf("%d sentences: %s", len(d.Sentences), render(d))
	}
}

// word.go isAbbreviation: month abbreviations are missing, so a date such
// as "Mar. 16" ends a sentence, and the next sentence starts with "16".
func TestRegressionMonthAbbreviation(t *testing.T) {
	d := NewAnalyzer().Analyze("It was left on Mar. 16 at noon. Sorry.")
	if len(d.Sentences) != 2 {
		t.Errorf("%d sentences: %s", len(d.Sentences), render(d))
	}
}

// word.go scanPhone accepts "+" directly followed by "(" or digits, not the
// common "+1 (555) 987-6543".
func TestRegressionPhoneCountryCodeWithArea(t *testing.T) {
	d := NewAnalyzer().Analyze("call +1 (555) 987-6543 now")
	if got, want := render(d), "call +1 (555) 987-6543/phone now"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// A keycap emoji is a digit (or # or *) with U+FE0F U+20E3; the digit
// starts a word and the marks join it, so "1️⃣" is a Word and "#️⃣" a
// punctuation mark plus a word made of marks only.
func TestRegressionKeycapEmoji(t *testing.T) {
	d := NewAnalyzer().Analyze("1️⃣ #️⃣")
	if got, want := render(d), "1️⃣/emoji #️⃣/emoji"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// Fixed in 5671cbd.

// classes.go isTime accepts "H.MM" as a clock time, so every decimal with
// two digits after the point and a first digit of at most 5 is a <time>:
// prices ("$3.50", "£12.30"), weights ("1.25 kg"), versions ("10.10").
// The documentation lists "3pm", "5:30pm", "17:00" and "noon".
func TestRegressionTimeMatchesPrices(t *testing.T) {
	m := newMatcher(t, "t", "<time>")
	d := m.Analyze("It costs $3.50 or £12.30 and weighs 1.25 kg.")
	if got := renderMatches(d, m.Match(d)); got != "" {
		t.Errorf("<time> matched %s", got)
	}
}

// word.go scanWord: the comment says zero-width joiners and non-joiners
// "stay inside words (Persian and Indic scripts use them)", but no case
// accepts them, so the default case ends the word there: Persian
// "می‌خواهم" and Devanagari "क्‍ष" are split in two.
func TestRegressionJoinersSplitWords(t *testing.T) {
	for _, w := range []string{"می\u200cخواهم", "क्\u200dष"} {
		d := NewAnalyzer().Analyze(w)
		if len(d.Tokens) != 1 {
			t.Errorf("%q: %d tokens: %s", w, len(d.Tokens), render(d))
		}
	}
}

// word.go isAbbreviation: for "no", "ext", "nos", "ref" and the month
// names it looks at the first byte after the dot and spaces with
// asciiClass[after[k]], an array of 128 entries, so any non-ASCII byte
// there panics: "We shipped it in Dec. — sorry" crashes Analyze, and
// Compile("ref. “1234”") panics instead of returning an error. Found by
// FuzzTokenize (input "No.\xde").
func TestRegressionAbbreviationBeforeNonASCIIPanics(t *testing.T) {
	for _, text := range []string{"We shipped it in Dec. — sorry", "Invoice No. №5", "ext. ①", "ref. “1234”", "Order no. 日本", "No.\xde"} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("Analyze(%q) panicked: %v", text, r)
				}
			}()
			checkDoc(t, NewAnalyzer().Analyze(text))
		}()
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("Compile panicked: %v", r)
			}
		}()
		if _, err := Compile("ref. “1234”"); err != nil {
			t.Error(err)
		}
	}()
}
