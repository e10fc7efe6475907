package phrases

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkDoc reports every broken invariant of an analysed document: offsets
// in range, on rune boundaries, in order and not overlapping; surfaces free
// of invalid UTF-8 and ASCII control characters; every token in exactly one
// sentence, sentences in order and covering every token.
//
// C1 control characters (U+0080–U+009F) are not checked here: they become
// Symbol tokens today, see TestBugC1ControlCharactersBecomeTokens.
func checkDoc(t testing.TB, d *Doc) {
	t.Helper()
	text := d.Text
	errs := 0
	fail := func(format string, args ...any) {
		t.Helper()
		if errs < 10 {
			t.Errorf(format, args...)
		}
		errs++
	}
	// Rune boundaries as a range loop sees them: in invalid UTF-8 each bad
	// byte is a rune of its own.
	boundary := make([]bool, len(text)+1)
	for i := range text {
		boundary[i] = true
	}
	boundary[len(text)] = true
	prevEnd := 0
	for i, tk := range d.Tokens {
		if tk.Start < prevEnd || tk.Start >= tk.End || tk.End > len(text) {
			fail("token %d: span [%d:%d] after previous end %d, text length %d", i, tk.Start, tk.End, prevEnd, len(text))
			prevEnd = max(prevEnd, min(tk.End, len(text)))
			continue
		}
		prevEnd = tk.End
		if !boundary[tk.Start] || !boundary[tk.End] {
			fail("token %d: span [%d:%d] not on rune boundaries", i, tk.Start, tk.End)
		}
		s := text[tk.Start:tk.End]
		if !utf8.ValidString(s) {
			fail("token %d: surface %q holds invalid UTF-8", i, s)
		}
		for _, r := range s {
			if r < utf8.RuneSelf && unicode.IsControl(r) {
				fail("token %d: surface %q holds control character %U", i, s, r)
			}
		}
		if tk.Norm == "" {
			fail("token %d (%q): empty Norm", i, s)
		}
		if int(tk.Kind) >= len(kindNames) {
			fail("token %d (%q): bad kind %d", i, s, tk.Kind)
		}
		if tk.Sentence < 0 || tk.Sentence >= len(d.Sentences) {
			fail("token %d (%q): sentence %d of %d", i, s, tk.Sentence, len(d.Sentences))
		}
	}
	if len(d.Tokens) == 0 {
		if len(d.Sentences) != 0 {
			fail("no tokens but %d sentences", len(d.Sentences))
		}
		return
	}
	next := 0
	for si, s := range d.Sentences {
		if s.First != next || s.Last <= s.First || s.Last > len(d.Tokens) {
			fail("sentence %d: tokens [%d:%d], want to start at %d", si, s.First, s.Last, next)
			return
		}
		if s.Start != d.Tokens[s.First].Start || s.End != d.Tokens[s.Last-1].End {
			fail("sentence %d: bytes [%d:%d], tokens span [%d:%d]", si, s.Start, s.End, d.Tokens[s.First].Start, d.Tokens[s.Last-1].End)
		}
		for i := s.First; i < s.Last; i++ {
			if d.Tokens[i].Sentence != si {
				fail("token %d: Sentence = %d, but it is in sentence %d", i, d.Tokens[i].Sentence, si)
			}
		}
		next = s.Last
	}
	if next != len(d.Tokens) {
		fail("sentences cover tokens [0:%d] of %d", next, len(d.Tokens))
	}
}

// render writes a document compactly: tokens separated by spaces, each as
// its surface, "=norm" when the normalised form differs, "/kind" for kinds
// other than word and punct, and " | " between sentences.
func render(d *Doc) string {
	var b strings.Builder
	for i, tk := range d.Tokens {
		if i > 0 {
			if tk.Sentence != d.Tokens[i-1].Sentence {
				b.WriteString(" | ")
			} else {
				b.WriteByte(' ')
			}
		}
		s := d.Surface(i)
		b.WriteString(s)
		if tk.Norm != s {
			b.WriteString("=" + tk.Norm)
		}
		if tk.Kind != Word && tk.Kind != Punct {
			b.WriteString("/" + tk.Kind.String())
		}
	}
	return b.String()
}

// renderMatches writes matches as label[surface], with "!" for a negated
// match and {mark} when the marked part is not the whole match.
func renderMatches(d *Doc, ms []Match) string {
	var parts []string
	for _, m := range ms {
		s := m.Label + "[" + d.Text[m.Bytes.Start:m.Bytes.End] + "]"
		if m.Mark != m.Bytes {
			s += "{" + d.Text[m.Mark.Start:m.Mark.End] + "}"
		}
		if m.Negated {
			s = "!" + s
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// renderChains writes a pattern's expanded sequences, one per alternative,
// joined by " | ": words by their key, ~stem, "exact", <class>, @tags,
// gaps as min..max, and {…} around the marked part.
func renderChains(chains [][]step) string {
	var alts []string
	for _, c := range chains {
		var parts []string
		for _, s := range c {
			var p string
			if s.gap {
				p = fmt.Sprintf("%d..%d", s.min, s.max)
			} else {
				switch s.el.kind {
				case keyNorm:
					p = s.el.key
				case keyStem:
					p = "~" + s.el.key
				case keyExact:
					p = `"` + s.el.key + `"`
				}
				if s.el.class != classNone {
					for _, name := range []string{"number", "email", "phone", "url", "name", "mention", "hashtag", "emoji", "word", "punct"} {
						if cl, _ := classByName(name); cl == s.el.class {
							p += "<" + name + ">"
						}
					}
				}
				if s.el.tags != 0 {
					p += "@" + tagNames(s.el.tags)
				}
			}
			if s.markStart {
				p = "{" + p
			}
			if s.markEnd {
				p += "}"
			}
			parts = append(parts, p)
		}
		alts = append(alts, strings.Join(parts, " "))
	}
	return strings.Join(alts, " | ")
}

func tagNames(s tagSet) string {
	var names []string
	for i, t := range pennTags {
		if s&(1<<i) != 0 {
			names = append(names, t)
		}
	}
	return strings.Join(names, ",")
}

// newMatcher compiles rules given as label, pattern pairs.
func newMatcher(t testing.TB, pairs ...string) *Matcher {
	t.Helper()
	var rules []Rule
	for i := 0; i+1 < len(pairs); i += 2 {
		p, err := Compile(pairs[i+1])
		if err != nil {
			t.Fatalf("Compile(%q): %v", pairs[i+1], err)
		}
		rules = append(rules, Rule{Label: pairs[i], Pattern: p})
	}
	m, err := NewMatcher(rules)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// expanded returns the pattern's sequences as steps.
func (p *Pattern) expanded() [][]step {
	out := make([][]step, p.numChains())
	for i := range out {
		for _, id := range p.chain(i) {
			out[i] = append(out[i], p.steps[id])
		}
	}
	return out
}
