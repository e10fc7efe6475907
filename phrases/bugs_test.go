package phrases

// Known bugs. Each test states the behaviour the documentation (or the
// code's own comment) promises and fails today; it is skipped so the suite
// stays green. Run them with
//
//	PHRASES_BUGS=1 go test -run Bug ./phrases/
//
// and, once a bug is fixed, drop its skipBug line and move the test to
// regress_test.go.

import (
	"os"
	"testing"
)

func skipBug(t *testing.T, reason string) {
	t.Helper()
	if os.Getenv("PHRASES_BUGS") == "" {
		t.Skip("bug: " + reason)
	}
}

// The tokenizer reads some words by what follows them: 's is "has" and 'd
// is "had" before "been"/"got"/"better" (word.go perfectClitic), and
// "No.", "ext.", "ref." and the months keep their dot only before a number
// (word.go isAbbreviation). A pattern is tokenized one literal run at a
// time (pattern.go parseWords), so when the next word sits in a group, a
// mark, a class or after a gap, the pattern's token differs from the
// text's, and these patterns do not match the very text they spell. The
// realistic victims are "order no. <number>" and "ext. <number>".
func TestBugTokenContextAcrossPatternItems(t *testing.T) {
	skipBug(t, `"order no. <number>" does not match "order no. 5512", nor "it's {been}" "it's been": context-dependent tokens are read per literal run (pattern.go parseWords)`)
	for pattern, text := range map[string]string{
		"order no. <number>":          "order no. 5512",
		"call ext. <number>":          "call ext. 214",
		"on mar. <number>":            "on Mar. 16",
		"no. (5 | 6)":                 "No. 5",
		"it's {been} a week":          "it's been a week",
		"it's [been] a week":          "it's been a week",
		"you'd (better | best) check": "you'd better check",
		"it's ..1 been":               "it's been",
	} {
		m := newMatcher(t, "r", pattern)
		d := m.Analyze(text)
		if len(m.Match(d)) == 0 {
			t.Errorf("%q does not match %q", pattern, text)
		}
	}
}

// Compile promises that a bad pattern is an error, "never a pattern that
// silently matches nothing"; but a pattern with words after sentence-ending
// punctuation can never match, since a match never crosses a sentence
// boundary, and it compiles without complaint.
func TestBugPatternAcrossSentenceEndNeverMatches(t *testing.T) {
	skipBug(t, `Compile("thanks . bye") succeeds but can never match: the text "thanks. bye" is two sentences (pattern.go)`)
	for pattern, text := range map[string]string{
		"thanks . bye":   "thanks. bye",
		"sorry. please":  "sorry. please",
		"sorry ? thanks": "sorry? thanks",
		"at 4 p.m. That": "at 4 p.m. That",
	} {
		p, err := Compile(pattern)
		if err != nil {
			continue // rejecting it is fine
		}
		m, _ := NewMatcher([]Rule{{"r", p}})
		d := m.Analyze(text)
		if len(m.Match(d)) == 0 {
			t.Errorf("%q compiles but does not match %q", pattern, text)
		}
	}
}
