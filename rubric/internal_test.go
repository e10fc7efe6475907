package rubric

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/empathy-go/empathy/phrases"
)

func TestAvoidSuggestion(t *testing.T) {
	for text, want := range map[string]string{
		"calm down":       `Remove or rephrase "calm down".`,
		"it’s our policy": `Remove or rephrase "it’s our policy".`,
		`say "no"`:        `Remove or rephrase "say \"no\"".`,
		"tab\there":       `Remove or rephrase "tab\there".`,
		"del\x7f":         `Remove or rephrase "del\x7f".`,
		"zero\u200bwidth": `Remove or rephrase "zero\u200bwidth".`,
		"déjà vu":         `Remove or rephrase "déjà vu".`,
		// An invalid byte decodes to U+FFFD, which prints: it is kept.
		"bad \xff": "Remove or rephrase \"bad \xff\".",
	} {
		if got := avoidSuggestion(text); got != want {
			t.Errorf("avoidSuggestion(%q) = %s, want %s", text, got, want)
		}
	}
}

func TestSortEvidence(t *testing.T) {
	ev := []Evidence{{Start: 5, End: 9}, {Start: 0, End: 4}, {Start: 2, End: 3}, {Start: 5, End: 12}, {Start: 8, End: 14}, {Start: 0, End: 4}}
	got := fmt.Sprint(sortEvidence(ev))
	// Nested and repeated spans go; overlapping ones stay.
	if want := "[{0 4  } {5 12  } {8 14  }]"; got != want {
		t.Errorf("sortEvidence = %s, want %s", got, want)
	}
}

func TestSyntaxPath(t *testing.T) {
	tests := []struct {
		doc  string
		off  int
		want string
	}{
		{`{"criteria": [{"id": "a"}, {"expect": ["x", `, -1, "criteria[1].expect[1]"},
		{`{"criteria": [{"id": "a"}, {"exp`, -1, "criteria[1]"},
		{`{"a\"b": [`, -1, `$["a\"b"][0]`},
		{`[[1, 2], [`, -1, "$[1][0]"},
		{`{"id": "x", "title": "a, b: [c",`, -1, "$"},
		{``, -1, "$"},
	}
	for _, tt := range tests {
		off := tt.off
		if off < 0 {
			off = len(tt.doc)
		}
		if got := syntaxPath([]byte(tt.doc), off); got != tt.want {
			t.Errorf("syntaxPath(%q) = %q, want %q", tt.doc, got, tt.want)
		}
	}
}

func TestLinePositions(t *testing.T) {
	l := newLines("ab\ncd\n\né")
	for off, want := range map[int]string{0: ":1:1", 1: ":1:2", 3: ":2:1", 6: ":3:1", 7: ":4:1", 9: ":4:3", 10: "", -1: ""} {
		if got := l.pos(off); got != want {
			t.Errorf("pos(%d) = %q, want %q", off, got, want)
		}
	}
}

func TestValidIDAndPlain(t *testing.T) {
	for id, want := range map[string]bool{"a": true, "a_b-c.d": true, "9lives": true, "": false, "_a": false, "a b": false, "é": false, "a/b": false} {
		if validID(id) != want {
			t.Errorf("validID(%q) = %v", id, !want)
		}
	}
	for p, want := range map[string]bool{"i am sorry": true, "it's on us": true, "~sorry": false, "(a | b)": false, "<number>": false, "123": false} {
		if plain(p) != want {
			t.Errorf("plain(%q) = %v", p, !want)
		}
	}
}

// Every pattern of a rubric, at any depth and in conditions on the
// context, goes into one matcher, once; every criterion sees the same
// analysis of the text.
func TestOneMatcher(t *testing.T) {
	var docs []any
	seeDoc := Func("see", func(tx *Text, _ []phrases.Match) Result {
		docs = append(docs, tx.Doc())
		return Result{Status: Met}
	})
	r := MustNew("r", []Criterion{
		Expect("a", "sorry", "thanks"),
		Avoid("b", "sorry"),
		Expect("c", "x").With(When(InContext(Expect("q", "sorry", "?")))),
		All("d", seeDoc, MustNew("e", []Criterion{Expect("f", "thanks", "y"), seeDoc})),
	})
	if n := r.prog.m.Len(); n != 5 {
		t.Errorf("matcher has %d rules, want 5 (sorry, thanks, x, ?, y)", n)
	}
	rep := r.EvaluateInput(Input{Text: "Sorry, x.", Context: "Sorry?"})
	if len(docs) != 2 || docs[0] != docs[1] {
		t.Errorf("function criteria saw %d documents, want the same one twice", len(docs))
	}
	if rep.Findings[2].Status != Met || rep.Findings[1].Status != Violated {
		t.Errorf("statuses %v, %v", rep.Findings[2].Status, rep.Findings[1].Status)
	}
}

// An evaluator keeps no text of an earlier evaluation in its evidence
// memory: spans dropped as nested are cleared too.
func TestEvaluatorForgetsEvidence(t *testing.T) {
	r := MustNew("r", []Criterion{Expect("a", "sorry", "so sorry", "i am so sorry", "am so sorry")})
	e := &evaluator{p: r.prog}
	e.text.e = e
	for _, text := range []string{"I am so sorry xxxxxxxxxx", "hello"} {
		var rep Report
		e.in = Input{Text: text}
		e.run(&rep)
		e.reset()
	}
	for i, ev := range e.evbuf[:cap(e.evbuf)] {
		if ev != (Evidence{}) {
			t.Errorf("evidence memory [%d] still holds %+v", i, ev)
		}
	}
}

// TestNestFilter checks that leaving out the spans nestFilter drops, as
// evalPhrases does while gathering them, changes nothing sortEvidence
// keeps: on random spans, mostly in its order as matches come, sometimes
// not, with repeats and equal spans of different patterns.
func TestNestFilter(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 20000 {
		n := 1 + r.IntN(12)
		spans := make([]Evidence, n)
		s := 0
		for i := range spans {
			if r.IntN(8) == 0 {
				s = r.IntN(20) // out of order now and then
			} else {
				s += r.IntN(3)
			}
			spans[i] = Evidence{Start: s, End: s + r.IntN(6), Pattern: fmt.Sprint(i)}
		}
		want := sortEvidence(slices.Clone(spans))
		var kept []Evidence
		f := newNestFilter()
		for _, x := range spans {
			if !f.drop(x.Start, x.End) {
				kept = append(kept, x)
			}
		}
		if got := sortEvidence(kept); !slices.Equal(got, want) {
			t.Fatalf("round %d, spans %v:\nfiltered first %v\nwant %v", round, spans, got, want)
		}
	}
}
