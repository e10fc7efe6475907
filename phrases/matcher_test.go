package phrases

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

// matchTests run one pattern (rule label "r") over a text; want is
// renderMatches of Match: r[surface], {mark} when it is not the whole match,
// and a leading ! when negated. "" is no match.
var matchTests = []struct {
	name, pattern, text, want string
}{
	// Words, case and contractions.
	{"word", "sorry", "I'm SORRY. Sorry!", "r[SORRY] r[Sorry]"},
	{"contraction", "i am sorry", "I'm sorry. i’m sorry. I am sorry. IM SORRY", "r[I'm sorry] r[i’m sorry] r[I am sorry] r[IM SORRY]"},
	{"contraction-in-pattern", "I'm sorry", "i am sorry", "r[i am sorry]"},
	{"cannot", "can't help", "I cannot help, I cant help, I can not help", "r[cannot help] r[cant help] r[can not help]"},
	{"gonna", "going to refund", "we're gonna refund it", "r[gonna refund]"},
	{"chat", "please help you", "pls help u", "r[pls help u]"},

	// Stems.
	{"stem", "~apologize", "I apologise. We apologized, apologizing, apologies, my apology.", "r[apologise] r[apologized] r[apologizing] r[apologies] r[apology]"},
	{"stem-irregular", "i ~feel", "I felt it, I feel it, I am feeling it", "r[I felt] r[I feel]"},
	{"stem-not-exact", "~apologize", "apologetic", ""},
	{"stem-not-number", "~5", "5 items", "r[5]"},

	// Exact forms.
	{"exact", `"Sorry"`, "sorry Sorry SORRY", "r[Sorry]"},
	{"exact-words", `"Thank You"`, "thank you. Thank You. Thank you", "r[Thank You]"},
	{"exact-curly", `"I'm"`, "I’m here, I'm here", "r[I'm]"},

	// Punctuation is transparent unless named.
	{"punct-skipped", "sorry but", "sorry, but", "r[sorry, but]"},
	{"punct-skipped-many", "sorry but", "sorry -- (but", "r[sorry -- (but]"},
	{"punct-named", "sorry , but", "sorry but. sorry, but", "r[sorry, but]"},
	{"question", "how can i help ?", "How can I help? How can I help you? How can I help.", "r[How can I help?]"},
	{"question-extra-punct", "help ?", "help !?", "r[help !?]"},
	{"match-not-start-at-punct", "sorry", "...sorry", "r[sorry]"},
	{"symbol-not-transparent", "costs 5", "costs $5", ""},

	// Sentences.
	{"no-cross-period", "sorry but", "I'm sorry. But no.", ""},
	{"no-cross-blank-line", "sorry but", "sorry\n\nbut", ""},
	{"no-cross-newline-capital", "sorry but", "sorry\nBut", ""},
	{"newline-lower", "sorry but", "sorry\nbut", "r[sorry\nbut]"},
	{"ellipsis-lower", "sorry but", "sorry... but", "r[sorry... but]"},

	// Gaps.
	{"any", "sorry _ delay", "sorry for delay, sorry about the delay, sorry delay", "r[sorry for delay]"},
	{"any-skips-punct", "sorry _ delay", "sorry, for, delay", "r[sorry, for, delay]"},
	{"gap", "sorry ..2 delay", "sorry delay. sorry for delay. sorry for the delay. sorry for all the delay", "r[sorry delay] r[sorry for delay] r[sorry for the delay]"},
	{"gap-min", "sorry 1..2 delay", "sorry delay. sorry for delay. sorry for the delay", "r[sorry for delay] r[sorry for the delay]"},
	{"gap-punct-not-counted", "sorry ..1 delay", "sorry, for, delay", "r[sorry, for, delay]"},
	{"gap-longest", "a ..3 b", "a b b b", "r[a b b b]"},
	{"gap-then-punct", "help ..2 ?", "help me? help you out?", "r[help me?] r[help you out?]"},

	// Alternatives and optional parts.
	{"alt", "(refund | store credit)", "a refund or store credit or store", "r[refund] r[store credit]"},
	{"opt", "[so | very] sorry", "so sorry, very sorry, sorry", "r[so sorry] r[very sorry] r[sorry]"},
	{"opt-longest", "i [really] [am] sorry", "i really am sorry", "r[i really am sorry]"},

	// Marks.
	{"mark", "i know {why you are upset}", "I know why you're upset.", "r[I know why you're upset]{why you're upset}"},
	{"mark-gap", "sorry {..2} for", "sorry about that for", "r[sorry about that for]{about that}"},
	{"mark-ends-in-gap", "{sorry ..2} for", "sorry about that for", "r[sorry about that for]{sorry about that}"},
	{"mark-alt", "{(refund | store credit)} please", "store credit please", "r[store credit please]{store credit}"},
	{"mark-punct", "{sorry} but", "sorry, but", "r[sorry, but]{sorry}"},

	// Classes.
	{"number", "<number> items", "three items, 3 items, 1,200 items, a dozen items, 2.5 items, ten items", "r[three items] r[3 items] r[1,200 items] r[dozen items] r[2.5 items] r[ten items]"},
	{"phone", "call <phone>", "call 555-123-4567 or call +44 20 7946 0958 or call (555) 123-4567 or call 555", "r[call 555-123-4567] r[call +44 20 7946 0958] r[call (555) 123-4567]"},
	{"email", "<email>", "write to help@example.com.", "r[help@example.com]"},
	{"url", "see <url>", "see https://example.com/help. see example.com/x, see example", "r[see https://example.com/help] r[see example.com/x]"},
	{"name", "<name>", "I spoke with Maria and Chen on Monday. Maria said hi. Dear John", "r[Maria] r[Chen] r[John]"},
	{"name-after-quote", "<name>", "\"Sorry\" said Ana", "r[Ana]"},
	{"mention-hashtag", "<mention> <hashtag>", "cc @maria_s #refund", "r[@maria_s #refund]"},
	{"emoji", "thanks <emoji>", "thanks 👍🏽 thanks :) thanks", "r[thanks 👍🏽] r[thanks :)]"},
	{"word", "sorry <word>", "sorry 5 sorry five sorry", "r[sorry five]"},
	{"punct", "sorry <punct> but", "sorry, but sorry but", "r[sorry, but]"},

	// Negation: the default scope.
	{"neg-not", "sorry", "I'm not sorry", "!r[sorry]"},
	{"neg-nt", "understand why you are upset", "I don't understand why you're upset", "!r[understand why you're upset]"},
	{"neg-window-3", "sorry", "not at all sorry", "!r[sorry]"},
	{"neg-window-4", "sorry", "I can't tell you how sorry I am", "r[sorry]"},
	{"neg-cue-inside", "i can't ~apologize enough", "I can't apologize enough", "r[I can't apologize enough]"},
	{"neg-never", "happy", "never happy", "!r[happy]"},
	{"neg-no", "problem", "no problem", "!r[problem]"},
	{"neg-without", "delay", "without delay", "!r[delay]"},
	{"neg-cannot", "help", "I cannot help", "!r[help]"},
	{"neg-chat", "care", "i dont care", "!r[care]"},
	{"neg-comma", "sorry", "No, I'm sorry", "r[sorry]"},
	{"neg-semicolon", "sorry", "not now; sorry", "r[sorry]"},
	{"neg-dash", "sorry", "not now - sorry", "r[sorry]"},
	{"neg-but", "sorry", "not this but sorry", "r[sorry]"},
	{"neg-however", "sorry", "not this however sorry", "r[sorry]"},
	{"neg-sentence", "sorry", "Not again. Sorry!", "r[Sorry]"},
	{"neg-bracket", "sorry", "not (really) sorry", "r[sorry]"},
	{"neg-quote", "sorry", "not \"sorry\"", "!r[sorry]"},
	{"neg-cue-inside-2", "there is nothing i can do", "There is nothing I can do.", "r[There is nothing I can do]"},
	{"neg-after", "sorry", "sorry, not sorry", "r[sorry] !r[sorry]"},

	// Negation: look-behind and look-ahead.
	{"behind", "!(not | never) ..2 sorry", "not really very sorry. never, sorry. not sorry. not one two three sorry. sorry", "!r[sorry] !r[sorry] !r[sorry] r[sorry] r[sorry]"},
	{"behind-min", "!(hardly) 1..2 fair", "hardly fair. hardly very fair", "!r[fair] !r[fair]"},
	{"ahead", "thank you ..1 !(for nothing)", "thank you for nothing. thank you so much. thank you very for nothing. thank you so very for nothing", "!r[thank you] r[thank you] !r[thank you] r[thank you]"},
	{"ahead-adjacent", "great !(not)", "great, not. great idea not", "!r[great] r[great]"},
}

func TestMatch(t *testing.T) {
	for _, tt := range matchTests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMatcher(t, "r", tt.pattern)
			d := m.Analyze(tt.text)
			if got := renderMatches(d, m.Match(d)); got != tt.want {
				t.Errorf("%q on %q:\n got %s\nwant %s", tt.pattern, tt.text, got, tt.want)
			}
		})
	}
}

// TestNegationLookOnly: with the default scope off, only the patterns'
// own look-arounds negate.
func TestNegationOptions(t *testing.T) {
	rules := []Rule{
		{"plain", MustCompile("sorry")},
		{"behind", MustCompile("!(never) ..1 happy")},
	}
	text := "I'm not sorry. Never really happy. hardly sorry."
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"default", nil, "!plain[sorry] !behind[happy] !plain[sorry]"},
		{"off", []Option{WithNegation(nil, 0)}, "plain[sorry] !behind[happy] plain[sorry]"},
		{"window-0", []Option{WithNegation(DefaultNegationCues(), 0)}, "plain[sorry] !behind[happy] plain[sorry]"},
		{"no-cues", []Option{WithNegation(nil, 3)}, "plain[sorry] !behind[happy] plain[sorry]"},
		{"custom-cues", []Option{WithNegation([]string{"hardly"}, 1)}, "plain[sorry] !behind[happy] !plain[sorry]"},
	}
	for _, tt := range tests {
		m, err := NewMatcher(rules, tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		d := m.Analyze(text)
		if got := renderMatches(d, m.Match(d)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	// WithNegation copies the cues: changing the caller's slice later has no effect.
	cues := []string{"hardly"}
	opt := WithNegation(cues, 3)
	cues[0] = "not"
	m, _ := NewMatcher(rules, opt)
	d := m.Analyze(text)
	if got, want := renderMatches(d, m.Match(d)), "plain[sorry] !behind[happy] !plain[sorry]"; got != want {
		t.Errorf("cues changed after WithNegation:\n got %s\nwant %s", got, want)
	}
	// DefaultNegationCues returns a fresh slice.
	c := DefaultNegationCues()
	c[0] = "changed"
	if DefaultNegationCues()[0] == "changed" {
		t.Error("DefaultNegationCues returns shared memory")
	}
}

func TestLeftmostLongest(t *testing.T) {
	m := newMatcher(t,
		"sorry", "sorry",
		"so-sorry", "so sorry",
		"sorry-for", "sorry for",
		"full", "i am so sorry",
		"delay", "the delay",
		"delay2", "the delay",
	)
	d := m.Analyze("I'm so sorry for the delay")
	if got, want := renderMatches(d, m.Match(d)), "full[I'm so sorry] delay[the delay]"; got != want {
		t.Errorf("Match:\n got %s\nwant %s", got, want)
	}
	if got, want := renderMatches(d, m.MatchAll(d)), "full[I'm so sorry] so-sorry[so sorry] sorry-for[sorry for] sorry[sorry] delay[the delay] delay2[the delay]"; got != want {
		t.Errorf("MatchAll:\n got %s\nwant %s", got, want)
	}
	ms := m.Match(d)
	if ms[0].Rule != 3 || ms[1].Rule != 4 {
		t.Errorf("rules %d %d, want 3 4", ms[0].Rule, ms[1].Rule)
	}
	if m.Len() != 6 || m.Rule(4).Label != "delay" || m.Rule(4).Pattern.String() != "the delay" {
		t.Errorf("Len %d, Rule(4) %+v", m.Len(), m.Rule(4))
	}
	// Matching resumes after a match: a longer match starting inside it is lost.
	m = newMatcher(t, "ab", "a b", "bcd", "b c d")
	d = m.Analyze("a b c d")
	if got, want := renderMatches(d, m.Match(d)), "ab[a b]"; got != want {
		t.Errorf("Match:\n got %s\nwant %s", got, want)
	}
	if got, want := renderMatches(d, m.MatchAll(d)), "ab[a b] bcd[b c d]"; got != want {
		t.Errorf("MatchAll:\n got %s\nwant %s", got, want)
	}
}

// TestMatchAllLongestPerRule: MatchAll gives one match per rule and start,
// the longest, even when one rule's alternatives match several lengths.
func TestMatchAllLongestPerRule(t *testing.T) {
	m := newMatcher(t, "r", "sorry [for [the delay]]", "s", "sorry ..3 delay")
	d := m.Analyze("sorry for the delay")
	if got, want := renderMatches(d, m.MatchAll(d)), "r[sorry for the delay] s[sorry for the delay]"; got != want {
		t.Errorf("MatchAll:\n got %s\nwant %s", got, want)
	}
}

func TestSpans(t *testing.T) {
	m := newMatcher(t, "sorry", "i am {so sorry}")
	text := "Désolé — I’m so sorry 😔"
	d := m.Analyze(text)
	ms := m.Match(d)
	if len(ms) != 1 {
		t.Fatalf("matches %s", renderMatches(d, ms))
	}
	mt := ms[0]
	start := strings.Index(text, "I’m")
	end := strings.Index(text, " 😔")
	if mt.Bytes != (Span{start, end}) {
		t.Errorf("Bytes %v, want %v (%q)", mt.Bytes, Span{start, end}, text[start:end])
	}
	if got := text[mt.Mark.Start:mt.Mark.End]; got != "so sorry" {
		t.Errorf("Mark %v = %q", mt.Mark, got)
	}
	// Tokens: Désolé — I ’m so sorry 😔
	if mt.Tokens != (Span{2, 6}) || mt.MarkTokens != (Span{4, 6}) {
		t.Errorf("Tokens %v MarkTokens %v, want {2 6} {4 6}", mt.Tokens, mt.MarkTokens)
	}
	if d.Tokens[mt.Tokens.Start].Start != mt.Bytes.Start || d.Tokens[mt.Tokens.End-1].End != mt.Bytes.End {
		t.Error("token span and byte span disagree")
	}
	// Without a mark, Mark is the whole match.
	m = newMatcher(t, "r", "so sorry")
	d = m.Analyze(text)
	mt = m.Match(d)[0]
	if mt.Mark != mt.Bytes || mt.MarkTokens != mt.Tokens {
		t.Errorf("no mark: Mark %v MarkTokens %v, want %v %v", mt.Mark, mt.MarkTokens, mt.Bytes, mt.Tokens)
	}
}

func TestTags(t *testing.T) {
	tests := []struct {
		pattern, text, want string
	}{
		{"refund@VB", "We will refund you.", "r[refund]"},
		{"refund@VB", "The refund is late.", ""},
		{"refund@NN", "The refund is late.", "r[refund]"},
		{"@PRP @VBD", "I called twice and they waited.", "r[I called] r[they waited]"},
		{"@PRP @VERB", "They refunded it.", "r[They refunded]"},
		{"@VERB", "We will", "r[will]"},
		{"@DT @ADJ @NOUN", "We shipped the wrong address", "r[the wrong address]"},
		{"@ADV", "We shipped quickly", "r[quickly]"},
		{"@PRON", "They called me", "r[They] r[me]"},
		{"<number>@CD items", "3 items", "r[3 items]"},
	}
	for _, tt := range tests {
		m := newMatcher(t, "r", tt.pattern)
		if !m.UsesTags() {
			t.Errorf("%q: UsesTags() = false", tt.pattern)
		}
		d := m.Analyze(tt.text)
		if !d.Tagged() {
			t.Errorf("%q: Matcher.Analyze did not tag", tt.pattern)
		}
		if got := renderMatches(d, m.Match(d)); got != tt.want {
			var tags []string
			for i, tk := range d.Tokens {
				tags = append(tags, d.Surface(i)+"/"+tk.Tag)
			}
			t.Errorf("%q on %q:\n got %s\nwant %s\ntags %s", tt.pattern, tt.text, got, tt.want, strings.Join(tags, " "))
		}
	}
}

// TestTaggingOnDemand: only matchers with tag patterns tag documents.
func TestTaggingOnDemand(t *testing.T) {
	plain := newMatcher(t, "r", "sorry", "s", "<number> ~item")
	d := plain.Analyze("Sorry about the 3 items.")
	if plain.UsesTags() || d.Tagged() {
		t.Errorf("untagged patterns: UsesTags %v, doc tagged %v", plain.UsesTags(), d.Tagged())
	}
	if got := renderMatches(d, plain.Match(d)); got != "r[Sorry] s[3 items]" {
		t.Errorf("got %s", got)
	}
	if d.Tagged() {
		t.Error("Match with untagged patterns tagged the doc")
	}
	for _, tk := range d.Tokens {
		if tk.Tag != "" {
			t.Fatalf("token tagged %q", tk.Tag)
		}
	}

	// A doc from a plain Analyzer is tagged when a tag pattern needs it.
	tagged := newMatcher(t, "v", "@VB")
	d = NewAnalyzer().Analyze("Please help me.")
	if d.Tagged() {
		t.Fatal("Analyzer tagged")
	}
	if got := renderMatches(d, tagged.Match(d)); !strings.Contains(got, "v[help]") {
		t.Errorf("@VB on untagged doc: %s", got)
	}
	if !d.Tagged() {
		t.Error("Match with a tag pattern did not tag the doc")
	}

	// Doc.Tag is idempotent, and an empty doc is tagged trivially.
	d = NewAnalyzer().Analyze("We shipped it.")
	if err := d.Tag(); err != nil {
		t.Fatal(err)
	}
	before := fmt.Sprint(d.Tokens)
	if err := d.Tag(); err != nil || fmt.Sprint(d.Tokens) != before {
		t.Errorf("second Tag changed tokens or failed: %v", err)
	}
	for i, tk := range d.Tokens {
		if tk.Tag == "" {
			t.Errorf("token %q untagged", d.Surface(i))
		}
	}
	empty := NewAnalyzer().Analyze("")
	if err := empty.Tag(); err != nil || !empty.Tagged() {
		t.Errorf("empty doc: Tag %v, Tagged %v", err, empty.Tagged())
	}
}

// TestTagAlignment: every word token gets a tag, also after contractions,
// quotes, e-mail addresses and phone numbers that prose splits its own way.
func TestTagAlignment(t *testing.T) {
	text := `I don't know. We can't help! "Great" service, I’d say… not. Email jane@example.com or call +44 20 7946 0958 now; it's John's 😤 order #A-1.`
	d := NewAnalyzer().Analyze(text)
	if err := d.Tag(); err != nil {
		t.Fatal(err)
	}
	for i, tk := range d.Tokens {
		if tk.Kind == Word && tk.Tag == "" {
			t.Errorf("word %d %q has no tag", i, d.Surface(i))
		}
	}
}

func TestEmptyAndOddDocs(t *testing.T) {
	m := newMatcher(t, "r", "sorry")
	for name, d := range map[string]*Doc{
		"nil":        nil,
		"zero":       {},
		"empty":      m.Analyze(""),
		"spaces":     m.Analyze(" \n\n "),
		"punct-only": m.Analyze("?!..."),
	} {
		if ms := m.Match(d); len(ms) != 0 {
			t.Errorf("%s: %v", name, ms)
		}
		if ms := m.MatchAll(d); len(ms) != 0 {
			t.Errorf("%s: MatchAll %v", name, ms)
		}
		if ms := m.AppendMatches([]Match{{Label: "keep"}}, d, true); len(ms) != 1 || ms[0].Label != "keep" {
			t.Errorf("%s: AppendMatches changed dst: %v", name, ms)
		}
	}
	// No rules at all.
	none, err := NewMatcher(nil)
	if err != nil {
		t.Fatal(err)
	}
	if ms := none.Match(none.Analyze("sorry")); len(ms) != 0 {
		t.Errorf("no rules: %v", ms)
	}
}

func TestNewMatcherErrors(t *testing.T) {
	_, err := NewMatcher([]Rule{{"ok", MustCompile("ok")}, {"broken", nil}})
	if err == nil {
		t.Fatal("nil pattern accepted")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "phrases: ") || !strings.Contains(msg, "1") || !strings.Contains(msg, `"broken"`) {
		t.Errorf("error %q does not name the rule", msg)
	}
}

// TestForeignDocs matches documents analysed elsewhere: by an Analyzer, by
// another Matcher, or by this Matcher before.
func TestForeignDocs(t *testing.T) {
	m1 := newMatcher(t, "sorry", "~apologize", "thanks", "thank you")
	m2 := newMatcher(t, "delay", "the delay", "sorry2", "i ~apologize")
	text := "I apologise for the delay, thank you."
	want1 := "sorry[apologise] thanks[thank you]"
	want2 := "sorry2[I apologise] delay[the delay]"

	byAnalyzer := NewAnalyzer().Analyze(text)
	if got := renderMatches(byAnalyzer, m1.Match(byAnalyzer)); got != want1 {
		t.Errorf("Analyzer doc, m1: %s", got)
	}
	if got := renderMatches(byAnalyzer, m2.Match(byAnalyzer)); got != want2 {
		t.Errorf("Analyzer doc, m2: %s", got)
	}
	if got := renderMatches(byAnalyzer, m1.Match(byAnalyzer)); got != want1 {
		t.Errorf("Analyzer doc, m1 again after m2: %s", got)
	}
	byM1 := m1.Analyze(text)
	if got := renderMatches(byM1, m2.Match(byM1)); got != want2 {
		t.Errorf("m1 doc, m2: %s", got)
	}
	// The same doc analysed afresh by the same matcher.
	m1.AnalyzeInto(byM1, "Thank you!")
	if got := renderMatches(byM1, m1.Match(byM1)); got != "thanks[Thank you]" {
		t.Errorf("m1 doc reused by m1: %s", got)
	}
	// Stems agree whoever analysed the doc.
	for i := range byAnalyzer.Tokens {
		if a, b := byAnalyzer.Tokens[i].Stem, m2.Analyze(text).Tokens[i].Stem; a != b {
			t.Errorf("token %d: Analyzer stem %q, Matcher stem %q", i, a, b)
		}
	}
}

func TestWithAnalyzer(t *testing.T) {
	a := NewAnalyzer()
	m, err := NewMatcher([]Rule{{"r", MustCompile("~apologize")}}, WithAnalyzer(a))
	if err != nil {
		t.Fatal(err)
	}
	if m.Analyzer() != a {
		t.Error("Analyzer() is not the one given")
	}
	d := a.Analyze("apologies")
	if got := renderMatches(d, m.Match(d)); got != "r[apologies]" {
		t.Errorf("got %s", got)
	}
	if newMatcher(t, "r", "x").Analyzer() == nil {
		t.Error("default Analyzer is nil")
	}
}

// TestAppendMatchesReuse: reusing dst[:0] gives the same matches, and
// appending keeps what dst held.
func TestAppendMatchesReuse(t *testing.T) {
	m := newMatcher(t, "sorry", "sorry", "delay", "the delay")
	d1 := m.Analyze("Sorry for the delay. So sorry.")
	d2 := m.Analyze("The delay, sorry.")
	for _, all := range []bool{false, true} {
		var dst []Match
		dst = m.AppendMatches(dst[:0], d1, all)
		first := slices.Clone(dst)
		dst = m.AppendMatches(dst[:0], d2, all)
		if got, want := renderMatches(d2, dst), "delay[The delay] sorry[sorry]"; got != want {
			t.Errorf("all=%v: reused dst gives %s, want %s", all, got, want)
		}
		dst = m.AppendMatches(dst[:0], d1, all)
		if !slices.Equal(dst, first) {
			t.Errorf("all=%v: second run %v, first %v", all, dst, first)
		}
		// Appending to a non-empty dst keeps it.
		prefix := []Match{{Label: "keep"}}
		got := m.AppendMatches(prefix, d2, all)
		if len(got) != 3 || got[0].Label != "keep" || got[1].Label != "delay" || got[2].Label != "sorry" {
			t.Errorf("all=%v: appending to one match gives %v", all, got)
		}
	}
	allocs := testing.AllocsPerRun(50, func() {
		_ = m.AppendMatches(make([]Match, 0, 8)[:0], d1, false)
	})
	if allocs > 1 {
		t.Errorf("AppendMatches with room in dst: %v allocations", allocs)
	}
}

// TestConcurrentUse shares one Matcher and one Analyzer between goroutines.
func TestConcurrentUse(t *testing.T) {
	a := NewAnalyzer()
	m, err := NewMatcher([]Rule{
		{"sorry", MustCompile("i am [so] sorry")},
		{"stem", MustCompile("~apologize")},
		{"neg", MustCompile("!(not) ..2 {happy}")},
	}, WithAnalyzer(a))
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"I'm so sorry, I apologise.", "not really happy", "We apologized. I am sorry!", "nothing"}
	want := make([]string, len(texts))
	for i, text := range texts {
		d := m.Analyze(text)
		want[i] = renderMatches(d, m.MatchAll(d))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var d Doc
			for k := range 200 {
				i := (g + k) % len(texts)
				if k%2 == 0 {
					m.AnalyzeInto(&d, texts[i])
				} else {
					a.AnalyzeInto(&d, texts[i])
				}
				if got := renderMatches(&d, m.MatchAll(&d)); got != want[i] {
					errs <- fmt.Sprintf("%q: got %s, want %s", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestConcurrentTagging tags documents from several goroutines: the tagging
// model is shared, so it must only be read. Run with -race.
func TestConcurrentTagging(t *testing.T) {
	m := newMatcher(t, "v", "@PRP @VBD")
	texts := []string{"They refunded it.", "I called twice.", "We shipped the wrong address.", "She waited."}
	want := make([]string, len(texts))
	for i, text := range texts {
		d := m.Analyze(text)
		want[i] = renderMatches(d, m.Match(d))
	}
	a := NewAnalyzer()
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 20 {
				i := (g + k) % len(texts)
				d := a.Analyze(texts[i])
				if got := renderMatches(d, m.Match(d)); got != want[i] {
					errs <- fmt.Sprintf("%q: got %s, want %s", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestSortFound checks the walk's ordering of the matches of a sentence,
// by insertion for a few and by counting otherwise, against a stable
// comparison sort, on random matches with many ties.
func TestSortFound(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 2000; trial++ {
		first := r.IntN(5)
		last := first + 1 + r.IntN(30)
		var sc scratch
		sc.found = make([]raw, r.IntN(3)) // matches of an earlier sentence, left alone
		for i := range sc.found {
			sc.found[i] = raw{rule: -1, start: -1, end: -1}
		}
		from := len(sc.found)
		for n := r.IntN(60); n > 0; n-- {
			start := first + r.IntN(last-first)
			end := start + 1 + r.IntN(last-start)
			sc.found = append(sc.found, raw{rule: int32(r.IntN(4)), start: int32(start), end: int32(end), markS: int32(r.IntN(3)), markE: int32(len(sc.found))})
		}
		want := slices.Clone(sc.found)
		slices.SortStableFunc(want[from:], compareRaw)
		sc.sortFound(from, first, last)
		if !slices.Equal(sc.found, want) {
			t.Fatalf("trial %d: sortFound gives\n%v\nwant\n%v", trial, sc.found, want)
		}
	}
}

// TestKeyedTokenize checks that the tokens a Matcher analyses, whose
// common words take their stems and keys from its cache as they are
// scanned, are those of the plain tokenizer, the Analyzer's stems and
// keysFor run over every token afterwards: with no exact forms in the
// patterns, a few (compared one by one), and many (looked up).
func TestKeyedTokenize(t *testing.T) {
	texts := []string{
		"Hi Maria, I'm so sorry. I've logged it and You're RIGHT, DON'T worry; it's done.",
		"I can't, we won't, they'd've gone; shouldn't've, CAN'T, Ca n't, ai n't, Y'all.",
		"u r right, U R RIGHT. Dont worry, thx! Pls, IM here, Im here, im here, Gonna fix it.",
		"Understandably Unacceptable Responsibility: it's at 4 p.m. Thank you. THANK YOU.",
		"To be fair, to you; TO YOU. Tomorrow To-do: call. The café’s open; Ünïcode Words.",
		"Mr. Smith said e.g. no. 5 is OK. O'Neil's order #123 (ref A12) at support@x.com.",
		"", "I", "A", "Sorry", "sorry", "I'm", "\u00ADI", "re\u00ADfund Re\u00ADfund",
	}
	texts = append(texts, projectTexts(t)...)
	pats := [][]string{
		{"i am sorry", "~worry", "you are right", "thank you", "(can | will) not", "u"},
		{"i am sorry", `"To" be`, `"Sorry"`, "~worry"},
		{"i am sorry", `"To"`, `"I"`, `"Sorry"`, `"Thank"`, `"You"`, `"DON'T"`, `"Maria"`, `"OK"`, `"Smith"`, "~worry"},
	}
	for pi, ps := range pats {
		m := compileSet(t, ps)
		if few := len(m.exactIDs) > 0 && len(m.exactIDs) <= maxExactFew; few != (len(m.exactFew) > 0) {
			t.Fatalf("set %d: %d exact forms, %d compared one by one", pi, len(m.exactIDs), len(m.exactFew))
		}
		var got, want Doc
		for _, text := range texts {
			m.AnalyzeInto(&got, text)
			m.an.AnalyzeInto(&want, text)
			m.keysFor(&want, false)
			if !slices.Equal(got.Tokens, want.Tokens) || !slices.Equal(got.Sentences, want.Sentences) {
				t.Fatalf("set %d, %q:\ntokens %+v\nwant   %+v", pi, text, got.Tokens, want.Tokens)
			}
			if !slices.Equal(got.keys, want.keys) {
				t.Fatalf("set %d, %q:\nkeys %+v\nwant %+v", pi, text, got.keys, want.keys)
			}
		}
	}
}
