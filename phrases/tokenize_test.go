package phrases

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden files")

// The tokens of each text, as render writes them: surface, =norm when it
// differs, /kind for kinds other than word and punct, | between sentences.
var tokenizeTests = []struct {
	name, in, want string
}{
	// Contractions, including before punctuation, where prose drops a word.
	{"dont-period", "I don't.", "I=i do n't=not ."},
	{"cant-bang", "We can't!", "We=we ca=can n't=not !"},
	{"ive", "I've", "I=i 've=have"},
	{"id", "I'd", "I=i 'd=would"},
	{"im", "I'm", "I=i 'm=am"},
	{"im-upper", "I'M SORRY", "I=i 'M=am SORRY=sorry"},
	{"wont", "won't", "wo=will n't=not"},
	{"shant", "shan't", "sha=shall n't=not"},
	{"aint", "ain't", "ai=is n't=not"},
	{"cannot", "I cannot", "I=i can not"},
	{"shouldntve", "shouldn't've", "should n't=not 've=have"},
	{"cantve-curly", "can’t’ve", "ca=can n’t=not ’ve=have"},
	{"its", "it's", "it 's=is"},
	{"thats", "That's", "That=that 's=is"},
	{"johns", "John's", "John=john 's"},
	{"lets", "let's", "let 's=us"},
	{"theyre-well", "they're, we'll", "they 're=are , we 'll=will"},
	{"isnt-question", "isn't?", "is n't=not ?"},
	{"dont-capital-bang", "Don't!", "Do=do n't=not !"},
	{"curly-im", "I’m sorry", "I=i ’m=am sorry"},
	{"curly-dont", "don’t", "do n’t=not"},
	{"left-quote-as-apostrophe", "don‘t", "do n‘t=not"},
	{"fullwidth-apostrophe", "don＇t", "do n＇t=not"},
	{"not-a-clitic", "O'Brien y'all ma'am", "O'Brien=o'brien y'all ma'am"},
	{"plural-possessive", "customers' orders", "customers ' orders"},
	{"leading-apostrophe", "'tis", "' tis"},

	// Chat forms.
	{"chat-dont", "dont", "do nt=not"},
	{"chat-cant", "cant", "ca=can nt=not"},
	{"chat-wont", "wont", "wo=will nt=not"},
	{"chat-im", "im", "i m=am"},
	{"chat-Im", "Im", "I=i m=am"},
	{"chat-ive", "ive", "i ve=have"},
	{"chat-youre", "youre", "you re=are"},
	{"chat-theyve", "theyve", "they ve=have"},
	{"chat-thats", "thats", "that s=is"},
	{"chat-didnt", "didnt", "did nt=not"},
	{"chat-u", "u", "u=you"},
	{"chat-ur", "ur", "ur=your"},
	{"chat-pls", "pls PLZ", "pls=please PLZ=please"},
	{"chat-thx", "thx", "thx=thanks"},
	{"chat-gonna", "gonna", "gon=going na=to"},
	{"chat-wanna-gotta", "wanna gotta", "wan=want na=to got ta=to"},
	{"chat-not-words", "ill well its were", "ill well its were"},

	// Special tokens.
	{"url-scheme", "see https://example.com/help?id=3.", "see https://example.com/help?id=3/url ."},
	{"url-www", "www.foo.org, thanks", "www.foo.org/url , thanks"},
	{"url-bare", "go to example.com/returns now", "go to example.com/returns/url now"},
	{"url-upper", "HTTP://Example.COM/A", "HTTP://Example.COM/A=http://example.com/a/url"},
	{"url-paren", "(see https://x.io/a_(b))", "( see https://x.io/a_(b)/url )"},
	{"not-url", "example.com is down", "example.com is down"},
	{"email", "mail jane.doe+x@example.co.uk.", "mail jane.doe+x@example.co.uk/email ."},
	{"not-email", "a@b", "a @ b"},
	{"phone-dashes", "call 555-123-4567", "call 555-123-4567/phone"},
	{"phone-dots", "call 555.123.4567.", "call 555.123.4567/phone ."},
	{"phone-intl", "+44 20 7946 0958 today", "+44 20 7946 0958/phone today"},
	{"phone-paren", "(555) 123-4567", "(555) 123-4567/phone"},
	{"phone-short", "555-1234", "555-1234/phone"},
	{"phone-1800", "1-800-555-1234", "1-800-555-1234/phone"},
	{"not-phone-letters", "555-1234abc", "555-1234abc"},
	{"not-phone-range", "100-200", "100-200"},
	{"mention", "@maria_s thanks", "@maria_s/mention thanks"},
	{"mention-not-in-word", "foo@bar", "foo @ bar"},
	{"hashtag", "#refund #123", "#refund/hashtag # 123/number"},
	{"numbers", "$19.99, 1,200 at 10:30 or 3.5% on 12/25", "$/symbol 19.99/number , 1,200/number at 10:30/number or 3.5/number %/symbol on 12/25/number"},
	{"number-word", "3rd 5pm", "3rd 5pm"},
	{"number-then-period", "I paid 5. Then left.", "I=i paid 5/number . | Then=then left ."},

	// Abbreviations.
	{"mr", "Mr. Chen and Dr. Smith", "Mr.=mr. Chen=chen and Dr.=dr. Smith=smith"},
	{"eg", "fruit, e.g. apples", "fruit , e.g. apples"},
	{"us", "the U.S. office", "the U.S.=u.s. office"},
	{"pm", "at 5 p.m. today", "at 5/number p.m. today"},
	{"no-number", "See No. 5 please", "See=see No.=no. 5/number please"},
	{"no-word", "I said no. Then left", "I=i said no . | Then=then left"},
	{"ext", "ext. 214", "ext. 214/number"},
	{"month", "on Mar. 16 at noon", "on Mar.=mar. 16/number at noon"},
	{"month-end", "in Mar. Then", "in Mar=mar . | Then=then"},
	{"pm-capital", "at 4 p.m. That's late", "at 4/number p.m. | That=that 's=is late"},
	{"pm-lower", "at 4 p.m. today", "at 4/number p.m. today"},
	{"perfect-has", "it's been", "it 's=has been"},
	{"perfect-had", "you'd better", "you 'd=had better"},
	{"perfect-would", "you'd like", "you 'd=would like"},
	{"keycap", "press 1️⃣ or #️⃣", "press 1️⃣/emoji or #️⃣/emoji"},
	{"emoticons", "thanks :) :-( <3", "thanks :)/emoji :-(/emoji <3/emoji"},
	{"not-emoticon", "note:Paid", "note : Paid=paid"},
	{"phone-country-area", "+1 (555) 987-6543", "+1 (555) 987-6543/phone"},
	{"format-chars", "a\u200bb c\u200ed e\u00adf", "a b c d e\u00adf=ef"},
	{"soft-hyphen", "a re\u00adfund, co\u00adop\u00ader\u00adate\u00ad \u00adnow", "a re\u00adfund=refund , co\u00adop\u00ader\u00adate=cooperate now"},
	{"word-joiner", "Re\u2060fund a\u2060 b", "Re\u2060fund=refund a b"},
	{"c1-controls", "a\u0080b\u009fc", "a b c"},

	// Multibyte text, emoji, right-to-left scripts.
	{"accents", "Café résumé NAÏVE", "Café=café résumé NAÏVE=naïve"},
	{"cjk", "日本語のテキスト。次", "日本語のテキスト 。 | 次"},
	{"emoji-skin", "thanks 👍🏽!", "thanks 👍🏽/emoji !"},
	{"emoji-zwj", "👨‍👩‍👧 family", "👨‍👩‍👧/emoji family"},
	{"emoji-zwj-skin", "👩🏽‍💻", "👩🏽‍💻/emoji"},
	{"emoji-flags", "🇫🇷🇩🇪", "🇫🇷/emoji 🇩🇪/emoji"},
	{"emoji-variation", "❤️❤️", "❤️/emoji ❤️/emoji"},
	{"emoji-glued", "great👍", "great 👍/emoji"},
	{"arabic", "مرحبا، كيف حالك.", "مرحبا ، كيف حالك ."},
	{"hebrew", "שלום, עולם! תודה", "שלום , עולם ! | תודה"},
	{"devanagari", "नमस्ते दुनिया", "नमस्ते दुनिया"},

	// Quotes.
	{"curly-quotes", "“Hello,” she said.", "“=\" Hello=hello , ”=\" she said ."},
	{"guillemets", "«oui»", "«=\" oui »=\""},
	{"backtick-quote", "`code`", "`=' code `='"},

	// Sentences.
	{"sentences", "Hi. How are you? Fine!", "Hi=hi . | How=how are you ? | Fine=fine !"},
	{"runs", "What?! Really??", "What=what ? ! | Really=really ? ?"},
	{"ellipsis-lower", "Well... maybe not.", "Well=well . . . maybe not ."},
	{"ellipsis-upper", "Wait... What?", "Wait=wait . . . | What=what ?"},
	{"ellipsis-char", "Yes… no… Okay", "Yes=yes … no … | Okay=okay"},
	{"period-lower", "It is 3.50. ok", "It=it is 3.50/number . | ok"},
	{"closing-quote", "He said \"Stop.\" Then left.", "He=he said \" Stop=stop . \" | Then=then left ."},
	{"closing-paren", "(It broke.) And so on.", "( It=it broke . ) | And=and so on ."},
	{"newline-lower", "first line\nsecond line", "first line second line"},
	{"newline-capital", "first line\nSecond line", "first line | Second=second line"},
	{"blank-line", "first line\n\nsecond line", "first line | second line"},
	{"blank-line-spaces", "first line\n \t\nsecond line", "first line | second line"},
	{"crlf", "first\r\nSecond\r\n\r\nthird", "first | Second=second | third"},
	{"leading-newlines", "\n\nHello\n", "Hello=hello"},
	{"fullwidth-terminal", "はい！いいえ", "はい ！ | いいえ"},
}

func TestTokenize(t *testing.T) {
	a := NewAnalyzer()
	for _, tt := range tokenizeTests {
		t.Run(tt.name, func(t *testing.T) {
			d := a.Analyze(tt.in)
			checkDoc(t, d)
			if got := render(d); got != tt.want {
				t.Errorf("Analyze(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

// TestTokenOffsets pins byte offsets in multibyte text: normalising never
// moves them, and each surface is exactly the text between them.
func TestTokenOffsets(t *testing.T) {
	type tok struct {
		start, end int
		norm       string
		kind       Kind
	}
	tests := []struct {
		in   string
		want []tok
	}{
		{"Café ☕ DON’T", []tok{{0, 5, "café", Word}, {6, 9, "☕", Emoji}, {10, 12, "do", Word}, {12, 17, "not", Word}}},
		{"“Hi” 日本", []tok{{0, 3, `"`, Punct}, {3, 5, "hi", Word}, {5, 8, `"`, Punct}, {9, 15, "日本", Word}}},
		{"👍🏽ok", []tok{{0, 8, "👍🏽", Emoji}, {8, 10, "ok", Word}}},
		{"שלום, עולם", []tok{{0, 8, "שלום", Word}, {8, 9, ",", Punct}, {10, 18, "עולם", Word}}},
		{"I’ve", []tok{{0, 1, "i", Word}, {1, 6, "have", Word}}},
		{"\xffab\xfe c", []tok{{1, 3, "ab", Word}, {5, 6, "c", Word}}},
		{"a\x00b", []tok{{0, 1, "a", Word}, {2, 3, "b", Word}}},
	}
	a := NewAnalyzer()
	for _, tt := range tests {
		d := a.Analyze(tt.in)
		checkDoc(t, d)
		var got []tok
		for _, tk := range d.Tokens {
			got = append(got, tok{tk.Start, tk.End, tk.Norm, tk.Kind})
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Analyze(%q):\n got %v\nwant %v", tt.in, got, tt.want)
		}
	}
}

func TestShapes(t *testing.T) {
	d := NewAnalyzer().Analyze("sorry Sorry SORRY I iPhone McDonald 123 ! Élan ÉLAN")
	want := []Shape{Lower, Title, Upper, Upper, Mixed, Mixed, NoLetters, NoLetters, Title, Upper}
	if len(d.Tokens) != len(want) {
		t.Fatalf("got %d tokens, want %d: %s", len(d.Tokens), len(want), render(d))
	}
	for i, tk := range d.Tokens {
		if tk.Shape != want[i] {
			t.Errorf("%q: shape %d, want %d", d.Surface(i), tk.Shape, want[i])
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Word: "word", Number: "number", Punct: "punct", Symbol: "symbol",
		Email: "email", URL: "url", Phone: "phone", Mention: "mention", Hashtag: "hashtag", Emoji: "emoji", Kind(42): "kind(42)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
	}
}

// TestStems checks that the forms a user expects to be one word share a stem.
func TestStems(t *testing.T) {
	groups := [][]string{
		{"apologize", "apologizes", "apologized", "apologizing", "apologise", "apologised", "apologising", "apologies", "apology"},
		{"feel", "feels", "felt", "feeling"},
		{"understand", "understands", "understood", "understanding"},
		{"be", "is", "am", "are", "was", "were", "been"},
		{"cancel", "cancels", "canceled", "cancelled", "cancelling"},
		{"realize", "realise", "realised", "realizing"},
		{"pay", "paid", "pays"},
		{"refund", "refunds", "refunded", "refunding"},
		{"follow-up", "follow-ups"},
	}
	a := NewAnalyzer()
	for _, g := range groups {
		d := a.Analyze(strings.Join(g, " "))
		if len(d.Tokens) != len(g) {
			t.Fatalf("%v: got tokens %s", g, render(d))
		}
		for i, tk := range d.Tokens {
			if tk.Stem != Stem(tk.Norm) {
				t.Errorf("%q: Analyzer stem %q, Stem gives %q", g[i], tk.Stem, Stem(tk.Norm))
			}
			if tk.Stem != d.Tokens[0].Stem {
				t.Errorf("stem of %q is %q, stem of %q is %q", g[i], tk.Stem, g[0], d.Tokens[0].Stem)
			}
		}
	}
	// Short -ise words are not -ize verbs.
	for _, pair := range [][2]string{{"wise", "wize"}, {"rise", "rize"}, {"advise", "advize"}} {
		if Stem(pair[0]) == Stem(pair[1]) {
			t.Errorf("Stem(%q) = Stem(%q) = %q; British -ise folded into a word that has none", pair[0], pair[1], Stem(pair[0]))
		}
	}
	if Stem("") != "" {
		t.Errorf("Stem(\"\") = %q", Stem(""))
	}
	// Non-words keep their normal form as stem.
	d := a.Analyze("Running 19.99 :) https://x.io/RUN")
	for i, tk := range d.Tokens {
		if tk.Kind != Word && tk.Stem != tk.Norm {
			t.Errorf("%q (%v): stem %q, want the normal form %q", d.Surface(i), tk.Kind, tk.Stem, tk.Norm)
		}
	}
	if d.Tokens[0].Stem != "run" {
		t.Errorf("stem of Running = %q, want run", d.Tokens[0].Stem)
	}
}

func TestAnalyzerZeroValue(t *testing.T) {
	var a Analyzer
	d := a.Analyze("Sorry, I'm late.")
	checkDoc(t, d)
	if got, want := render(d), "Sorry=sorry , I=i 'm=am late ."; got != want {
		t.Errorf("zero Analyzer: got %s, want %s", got, want)
	}
	if d.Tokens[0].Stem == "" {
		t.Error("zero Analyzer left stems empty")
	}
}

// TestAnalyzeIntoReuse analyses several texts into one Doc: each result must
// equal a fresh analysis, and strings taken from an earlier result stay
// intact.
func TestAnalyzeIntoReuse(t *testing.T) {
	a := NewAnalyzer()
	texts := []string{
		"I’M SO SORRY about the DELAY, Maria!!! Call 555-123-4567.",
		"ok",
		"",
		"Thanks… we’ll REFUND you. Don’t worry.\n\nBest, Support",
	}
	var d Doc
	var keep []string
	for _, text := range texts {
		a.AnalyzeInto(&d, text)
		checkDoc(t, &d)
		fresh := a.Analyze(text)
		if got, want := render(&d), render(fresh); got != want {
			t.Errorf("AnalyzeInto(%q) after reuse:\n got %s\nwant %s", text, got, want)
		}
		for i := range d.Tokens {
			if d.Tokens[i] != fresh.Tokens[i] {
				t.Errorf("AnalyzeInto(%q): token %d = %+v, fresh %+v", text, i, d.Tokens[i], fresh.Tokens[i])
			}
		}
		if d.Tagged() {
			t.Errorf("AnalyzeInto(%q): doc tagged", text)
		}
		for _, tk := range d.Tokens {
			keep = append(keep, tk.Norm)
		}
	}
	if got, want := strings.Join(keep[:4], " "), "i am so sorry"; got != want {
		t.Errorf("norms of the first text changed after reuse: %q, want %q", got, want)
	}
}

// Hostile input: no panic, and every invariant holds.
func TestTokenizeHostile(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 1<<20)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	// Random runes, biased to the characters the tokenizer treats specially.
	var runes strings.Builder
	alphabet := []rune("aZ9 .,!?'’-_@#+()/:&*\n\t\x00é日👍\u200d\U0001F3FD\ufe0f\u20e3\U0001F1EB…\u2028")
	for runes.Len() < 1<<18 {
		runes.WriteRune(alphabet[rng.IntN(len(alphabet))])
	}
	tests := map[string]string{
		"empty":           "",
		"spaces":          " \t\n\r\v\f  \u00a0\u2003\u3000",
		"invalid-utf8":    "\xff\xfe\xfd abc\xc3 d\xe2\x82 e\xf0\x9f\x98 \xc3\xa9\xed\xa0\x80x",
		"nul":             "a\x00b\x00\x00c\x00",
		"controls":        "a\x01b\x1fc\x7fd\x1be",
		"only-punct":      strings.Repeat("?!.,;:()[]{}\"'-…", 1000),
		"dots":            strings.Repeat(".", 10000),
		"long-word":       strings.Repeat("a", 1<<20),
		"long-apostrophe": strings.Repeat("a'", 1<<16) + "t",
		"long-number":     strings.Repeat("1,", 1<<16) + "1",
		"long-hyphens":    strings.Repeat("ab-", 1<<16),
		"long-emoji":      strings.Repeat("👨\u200d", 1<<14) + "👧",
		"long-marks":      "e" + strings.Repeat("\u0301", 1<<16),
		"long-flags":      strings.Repeat("🇫", 1001),
		"long-phone":      strings.Repeat("555-", 1<<14),
		"bom-zwsp":        "\ufeffhello\u200bworld",
		"lone-zwj":        "\u200d\u200d a\u200d",
		"lone-marks":      "\u0301\u20e3\ufe0f",
		"surrogates":      "\xed\xa0\x80\xed\xbf\xbf",
		"random-bytes":    string(random),
		"random-runes":    runes.String(),
	}
	a := NewAnalyzer()
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			d := a.Analyze(text)
			checkDoc(t, d)
		})
	}
	// A word a megabyte long is one token.
	if d := a.Analyze(tests["long-word"]); len(d.Tokens) != 1 {
		t.Errorf("a 1 MB word gave %d tokens", len(d.Tokens))
	}
}

// TestTokenizeLarge analyses 10 MB of realistic text.
func TestTokenizeLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB of text")
	}
	sample, err := os.ReadFile(filepath.Join("testdata", "tokens.input"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for b.Len() < 10<<20 {
		b.Write(sample)
		b.WriteString("\n\n")
	}
	text := b.String()
	d := NewAnalyzer().Analyze(text)
	checkDoc(t, d)
	one := NewAnalyzer().Analyze(string(sample))
	copies := strings.Count(text, string(sample))
	if got, want := len(d.Tokens), copies*len(one.Tokens); got != want {
		t.Errorf("10 MB: %d tokens, want %d copies × %d", got, copies, len(one.Tokens))
	}
	if got, want := len(d.Sentences), copies*len(one.Sentences); got != want {
		t.Errorf("10 MB: %d sentences, want %d copies × %d", got, copies, len(one.Sentences))
	}
}

// TestTokensGolden pins the analysis of a long customer-service exchange.
// Run with -update to rewrite testdata/tokens.golden.
func TestTokensGolden(t *testing.T) {
	in := filepath.Join("testdata", "tokens.input")
	golden := filepath.Join("testdata", "tokens.golden")
	src, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	d := NewAnalyzer().Analyze(string(src))
	checkDoc(t, d)
	got := dumpTokens(d)
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from %s at line %d:\n got %s\nwant %s\n(run with -update if the change is intended)", in, golden, i+1, g, w)
			}
		}
	}
}

// dumpTokens writes one line per token, and a line at each new sentence.
func dumpTokens(d *Doc) []byte {
	var b bytes.Buffer
	for i, tk := range d.Tokens {
		if i == 0 || tk.Sentence != d.Tokens[i-1].Sentence {
			s := d.Sentences[tk.Sentence]
			fmt.Fprintf(&b, "# sentence %d [%d:%d] tokens [%d:%d]\n", tk.Sentence, s.Start, s.End, s.First, s.Last)
		}
		fmt.Fprintf(&b, "%d:%d\t%-7s\t%q", tk.Start, tk.End, tk.Kind, d.Surface(i))
		if tk.Norm != d.Surface(i) {
			fmt.Fprintf(&b, "\tnorm=%q", tk.Norm)
		}
		if tk.Stem != tk.Norm {
			fmt.Fprintf(&b, "\tstem=%q", tk.Stem)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func TestSurface(t *testing.T) {
	d := NewAnalyzer().Analyze("Don’t  panic")
	var got []string
	for i := range d.Tokens {
		got = append(got, d.Surface(i))
	}
	if want := []string{"Do", "n’t", "panic"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("surfaces %q, want %q", got, want)
	}
	if !utf8.ValidString(got[1]) {
		t.Errorf("surface %q cut a rune", got[1])
	}
}

// checkFastPaths fails when the tokenizer's fast paths for common words
// split text other than the general scan does.
func checkFastPaths(t testing.TB, text string) {
	t.Helper()
	var fast, slow Doc
	tokenizeWith(&fast, text, false, nil)
	tokenizeWith(&slow, text, true, nil)
	if !slices.Equal(fast.Tokens, slow.Tokens) || !slices.Equal(fast.Sentences, slow.Sentences) {
		for i := range min(len(fast.Tokens), len(slow.Tokens)) {
			if fast.Tokens[i] != slow.Tokens[i] {
				t.Fatalf("%q: token %d: fast path %+v, general scan %+v", text, i, fast.Tokens[i], slow.Tokens[i])
			}
		}
		t.Fatalf("%q: fast path %d tokens, %d sentences; general scan %d, %d", text,
			len(fast.Tokens), len(fast.Sentences), len(slow.Tokens), len(slow.Sentences))
	}
}

// TestFastPathsAgree checks the tokenizer's fast paths (plain words,
// contractions) against the general scan on the project's corpus, the
// twcs conversations when present, and random texts built from the
// pieces that decide where words split.
func TestFastPathsAgree(t *testing.T) {
	texts := projectTexts(t)
	if _, err := os.Stat(sharedDir); err == nil {
		texts = append(texts, twcsTexts(t)...)
	}
	pieces := []string{"a", "b", "Mr", "mr", ".", ". ", " ", "\n", "'", "\u2019", "s", "t", "re", "dont", "u", "pls",
		"I", "e", "g", ",", "!", "?", "(", ")", "\"", "-", "@", "x.com", "http", ":", "/", "1", "23", "é", "ß",
		"\u0130", "\u01c5", "👍", "\u200d", "*", "&", "_", "`", "No", "a.m", "p.m.", "Im", "cant", "gonna", "www",
		"Hello", "THE", "iPhone", "\t", ";", "]", "#", "$", "…", "ext", "approx", "sorry", "It", "'s", "n't", "don"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		var b strings.Builder
		for range 1 + r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		checkFastPaths(t, text)
	}
}

// TestChatForms pins every chat spelling the tokenizer splits or
// rewrites, in lower, title and upper case, and words that only look like
// one.
func TestChatForms(t *testing.T) {
	splits := []struct {
		w    string
		n    int
		a, b string
	}{
		{"dont", 2, "do", "not"}, {"doesnt", 4, "does", "not"}, {"didnt", 3, "did", "not"},
		{"isnt", 2, "is", "not"}, {"arent", 3, "are", "not"}, {"wasnt", 3, "was", "not"},
		{"werent", 4, "were", "not"}, {"havent", 4, "have", "not"}, {"hasnt", 3, "has", "not"},
		{"hadnt", 3, "had", "not"}, {"couldnt", 5, "could", "not"}, {"wouldnt", 5, "would", "not"},
		{"shouldnt", 6, "should", "not"}, {"mustnt", 4, "must", "not"}, {"cant", 2, "can", "not"},
		{"wont", 2, "will", "not"}, {"aint", 2, "is", "not"}, {"cannot", 3, "can", "not"},
		{"im", 1, "i", "am"}, {"ive", 1, "i", "have"}, {"youre", 3, "you", "are"},
		{"theyre", 4, "they", "are"}, {"youve", 3, "you", "have"}, {"theyve", 4, "they", "have"},
		{"thats", 4, "that", "is"}, {"whats", 4, "what", "is"}, {"theres", 5, "there", "is"},
		{"gonna", 3, "going", "to"}, {"wanna", 3, "want", "to"}, {"gotta", 3, "got", "to"},
	}
	for _, c := range splits {
		for _, w := range []string{c.w, strings.ToUpper(c.w[:1]) + c.w[1:], strings.ToUpper(c.w)} {
			n, a, b, ok := chatSplit(w)
			if !ok || n != c.n || a != c.a || b != c.b {
				t.Errorf("chatSplit(%q) = %d %q %q %v, want %d %q %q", w, n, a, b, ok, c.n, c.a, c.b)
			}
		}
	}
	words := map[string]string{"u": "you", "ur": "your", "pls": "please", "plz": "please", "plse": "please",
		"thx": "thanks", "thnx": "thanks", "thanx": "thanks"}
	for w, want := range words {
		for _, v := range []string{w, strings.ToUpper(w)} {
			if got := chatWord(v); got != want {
				t.Errorf("chatWord(%q) = %q, want %q", v, got, want)
			}
		}
	}
	for _, w := range []string{"", "want", "went", "sent", "front", "donut", "cants", "dont2", "d0nt", "don't", "i", "us", "please", "thanks", "theyres", "shouldntve", "gon", "na"} {
		if _, _, _, ok := chatSplit(w); ok {
			t.Errorf("chatSplit(%q) splits it", w)
		}
		if got := chatWord(w); got != "" {
			t.Errorf("chatWord(%q) = %q", w, got)
		}
	}
}

// TestLowerRun checks the eight-bytes-at-a-time scan for lower-case
// letters against the byte-at-a-time one, on strings of every byte value
// and letters around the range's edges.
func TestLowerRun(t *testing.T) {
	slow := func(s string, k int) int {
		for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
			k++
		}
		return k
	}
	r := rand.New(rand.NewPCG(9, 10))
	edges := []byte{'a', 'z', 'a' - 1, 'z' + 1, 'A', 'Z', '@', '[', 0, 0x7f, 0x80, 0xe1, 0xfa, 0xff, ' ', '\''}
	for range 100000 {
		b := make([]byte, r.IntN(30))
		for i := range b {
			switch r.IntN(3) {
			case 0:
				b[i] = byte(r.IntN(256))
			case 1:
				b[i] = edges[r.IntN(len(edges))]
			default:
				b[i] = byte('a' + r.IntN(26))
			}
		}
		s := string(b)
		for k := 0; k <= len(s); k++ {
			if got, want := lowerRun(s, k), slow(s, k); got != want {
				t.Fatalf("lowerRun(%q, %d) = %d, want %d", s, k, got, want)
			}
		}
	}
}
