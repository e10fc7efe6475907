package rubric_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/empathy-go/empathy/phrases"
	"github.com/empathy-go/empathy/rubric"
)

// find returns the finding at a "/"-separated id path, failing the test
// when there is none.
func find(t *testing.T, rep *rubric.Report, path string) *rubric.Finding {
	t.Helper()
	fs := rep.Findings
	var f *rubric.Finding
	for _, id := range strings.Split(path, "/") {
		f = nil
		for i := range fs {
			if fs[i].ID == id {
				f = &fs[i]
				break
			}
		}
		if f == nil {
			t.Fatalf("no finding %q in report", path)
		}
		fs = f.Children
	}
	return f
}

func texts(ev []rubric.Evidence) []string {
	var s []string
	for _, e := range ev {
		s = append(s, e.Text)
	}
	return s
}

func TestExpectAvoid(t *testing.T) {
	r := rubric.MustNew("r", []rubric.Criterion{
		rubric.Expect("apology", "sorry", "i ~apologize"),
		rubric.Avoid("refund-talk", "refund"),
	})
	tests := []struct {
		text               string
		apology, refund    rubric.Status
		apologyEv          []string
		apologyNeg, refNeg []string
	}{
		{"I'm sorry. I apologize.", rubric.Met, rubric.Met, []string{"sorry", "I apologize"}, nil, nil},
		{"I'm not sorry.", rubric.Missed, rubric.Met, nil, []string{"sorry"}, nil},
		{"We can't refund you.", rubric.Missed, rubric.Met, nil, nil, []string{"refund"}},
		{"We will refund you, sorry.", rubric.Met, rubric.Violated, []string{"sorry"}, nil, nil},
		{"Not sorry. Sorry!", rubric.Met, rubric.Met, []string{"Sorry"}, []string{"sorry"}, nil},
		{"", rubric.Missed, rubric.Met, nil, nil, nil},
	}
	for _, tt := range tests {
		rep := r.Evaluate(tt.text)
		a, f := find(t, rep, "apology"), find(t, rep, "refund-talk")
		if a.Status != tt.apology || f.Status != tt.refund {
			t.Errorf("%q: statuses %v, %v; want %v, %v", tt.text, a.Status, f.Status, tt.apology, tt.refund)
		}
		if got := texts(a.Evidence); fmt.Sprint(got) != fmt.Sprint(tt.apologyEv) {
			t.Errorf("%q: apology evidence %q, want %q", tt.text, got, tt.apologyEv)
		}
		if got := texts(a.Negated); fmt.Sprint(got) != fmt.Sprint(tt.apologyNeg) {
			t.Errorf("%q: apology negated %q, want %q", tt.text, got, tt.apologyNeg)
		}
		if got := texts(f.Negated); fmt.Sprint(got) != fmt.Sprint(tt.refNeg) {
			t.Errorf("%q: refund negated %q, want %q", tt.text, got, tt.refNeg)
		}
		// Evidence offsets point into the text.
		for _, ev := range append(append([]rubric.Evidence{}, a.Evidence...), f.Evidence...) {
			if tt.text[ev.Start:ev.End] != ev.Text {
				t.Errorf("%q: evidence %+v does not match the text", tt.text, ev)
			}
		}
	}
	rep := r.Evaluate("I'm not sorry.")
	if a := find(t, rep, "apology"); a.Note != "found only in negated form" {
		t.Errorf("note for a negated-only apology = %q", a.Note)
	}
	if f := find(t, r.Evaluate("refund"), "refund-talk"); f.Suggestion != `Remove or rephrase "refund".` {
		t.Errorf("default avoid suggestion = %q", f.Suggestion)
	}
	if a := find(t, rep, "apology"); a.Suggestion != `Say something like "sorry".` {
		t.Errorf("default expect suggestion = %q", a.Suggestion)
	}
}

// One criterion's pattern must not hide another's where they overlap:
// the rubric matches with MatchAll, not leftmost-longest.
func TestOverlappingCriteria(t *testing.T) {
	var seen []string
	r := rubric.MustNew("r", []rubric.Criterion{
		rubric.Expect("long", "i am sorry for the wait"),
		rubric.Expect("short", "sorry"),
		rubric.Expect("wait", "the wait"),
		rubric.Func("fn", func(tx *rubric.Text, ms []phrases.Match) rubric.Result {
			seen = seen[:0]
			for _, m := range ms {
				seen = append(seen, fmt.Sprintf("%d:%s:%s", m.Rule, m.Label, tx.String()[m.Bytes.Start:m.Bytes.End]))
			}
			return rubric.Result{Status: rubric.Met}
		}, "sorry for", "wait"),
	})
	rep := r.Evaluate("I'm sorry for the wait.")
	want := map[string]string{"long": "I'm sorry for the wait", "short": "sorry", "wait": "the wait"}
	for id, text := range want {
		f := find(t, rep, id)
		if f.Status != rubric.Met || len(f.Evidence) != 1 || f.Evidence[0].Text != text {
			t.Errorf("%s: %v %q, want met with %q", id, f.Status, texts(f.Evidence), text)
		}
	}
	// The function sees its own patterns' matches only, with Rule its
	// index among them and Label its source.
	if got, want := strings.Join(seen, " "), "0:sorry for:sorry for 1:wait:wait"; got != want {
		t.Errorf("function saw %q, want %q", got, want)
	}
}

func TestEvidenceNestedSpansDropped(t *testing.T) {
	r := rubric.MustNew("r", []rubric.Criterion{
		rubric.Expect("sorry", "sorry", "so sorry", "[truly] so sorry"),
	})
	rep := r.Evaluate("I'm truly so sorry. Sorry again.")
	f := find(t, rep, "sorry")
	if got := texts(f.Evidence); fmt.Sprint(got) != "[truly so sorry Sorry]" {
		t.Errorf("evidence %q, want the outermost spans only", got)
	}
	if f.Evidence[0].Pattern != "[truly] so sorry" {
		t.Errorf("pattern of the first evidence = %q", f.Evidence[0].Pattern)
	}
}

// Flags give exact statuses to build combinator cases from: m* are set
// (met), x* are not (missed), v* are violated, n* are not applicable.
func met(id string) rubric.Criterion    { return rubric.Flag(id) }
func missed(id string) rubric.Criterion { return rubric.Flag(id) }
func violated(id string) rubric.Criterion {
	return rubric.Avoid(id, "bad")
}
func na(id string) rubric.Criterion    { return rubric.Flag(id).With(rubric.When(rubric.Flag("never"))) }
func found(id string) rubric.Criterion { return rubric.Expect(id, "good") }

var flagged = rubric.Input{Text: "good and bad", Flags: []string{"m1", "m2", "m3"}}

func TestCombinators(t *testing.T) {
	tests := []struct {
		c    rubric.Criterion
		want rubric.Status
	}{
		{rubric.All("c", met("m1"), met("m2")), rubric.Met},
		{rubric.All("c", met("m1"), missed("x1")), rubric.Missed},
		{rubric.All("c", met("m1"), violated("v1"), missed("x1")), rubric.Violated},
		{rubric.All("c", na("n1"), met("m1")), rubric.Met},
		{rubric.All("c", na("n1"), na("n2")), rubric.NotApplicable},
		{rubric.Any("c", missed("x1"), met("m1")), rubric.Met},
		{rubric.Any("c", missed("x1"), violated("v1")), rubric.Violated},
		{rubric.Any("c", missed("x1"), missed("x2")), rubric.Missed},
		{rubric.Any("c", na("n1"), missed("x1")), rubric.Missed},
		{rubric.Any("c", na("n1")), rubric.NotApplicable},
		{rubric.AtLeast("c", 2, met("m1"), missed("x1"), met("m2")), rubric.Met},
		{rubric.AtLeast("c", 2, met("m1"), missed("x1"), missed("x2")), rubric.Missed},
		{rubric.AtLeast("c", 2, met("m1"), violated("v1"), missed("x2")), rubric.Violated},
		// Not-applicable criteria leave the count: 1 applicable, 1 needed.
		{rubric.AtLeast("c", 2, met("m1"), na("n1"), na("n2")), rubric.Met},
		{rubric.AtLeast("c", 2, met("m1"), missed("x1"), na("n1")), rubric.Missed},
		{rubric.AtLeast("c", 1, na("n1"), na("n2")), rubric.NotApplicable},
		{rubric.Not("c", missed("x1")), rubric.Met},
		{rubric.Not("c", violated("v1")), rubric.Met},
		{rubric.Not("c", found("e1")), rubric.Violated}, // met with evidence: something present
		{rubric.Not("c", met("m1")), rubric.Missed},     // met without evidence
		{rubric.Not("c", na("n1")), rubric.NotApplicable},
		{rubric.Not("c", rubric.Not("d", found("e1"))), rubric.Met},
	}
	for i, tt := range tests {
		r, err := rubric.New("r", []rubric.Criterion{tt.c})
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		rep := r.EvaluateInput(flagged)
		if got := rep.Findings[0].Status; got != tt.want {
			t.Errorf("case %d: status %v, want %v", i, got, tt.want)
		}
	}
}

func TestAtLeastNote(t *testing.T) {
	r := rubric.MustNew("r", []rubric.Criterion{rubric.AtLeast("c", 2, met("m1"), missed("x1"), missed("x2"))})
	if got := r.EvaluateInput(flagged).Findings[0].Note; got != "fewer than 2 of its applicable criteria met" {
		t.Errorf("note = %q", got)
	}
	r = rubric.MustNew("r", []rubric.Criterion{rubric.AtLeast("c", 3, met("m1"), missed("x1"), na("n1"), na("n2"))})
	if got := r.EvaluateInput(flagged).Findings[0].Note; got != "fewer than 3 of its criteria apply, and not all of those are met" {
		t.Errorf("note = %q", got)
	}
}

func TestBefore(t *testing.T) {
	r := rubric.MustNew("r", []rubric.Criterion{
		rubric.Before("order", rubric.Expect("apology", "sorry"), rubric.Expect("remedy", "refund")),
	})
	tests := []struct {
		text     string
		want     rubric.Status
		note     string
		evidence string
	}{
		{"Sorry about that. Here is a refund.", rubric.Met, "", "[Sorry refund]"},
		{"Here is a refund. Sorry about that.", rubric.Violated, `"apology" comes after "remedy"`, "[Sorry refund]"},
		{"Here is a refund, and a refund.", rubric.Missed, `"apology" not found`, "[]"},
		{"Sorry about that.", rubric.Missed, `"remedy" not found`, "[]"},
		// Only the first occurrence of each side counts.
		{"Refund? Sorry, yes, a refund. Sorry.", rubric.Violated, `"apology" comes after "remedy"`, "[Sorry Refund]"},
	}
	for _, tt := range tests {
		f := r.Evaluate(tt.text).Findings[0]
		if f.Status != tt.want || f.Note != tt.note || fmt.Sprint(texts(f.Evidence)) != tt.evidence {
			t.Errorf("%q: %v %q %q, want %v %q %s", tt.text, f.Status, f.Note, texts(f.Evidence), tt.want, tt.note, tt.evidence)
		}
	}
	// An operand met without evidence has no position.
	r = rubric.MustNew("r", []rubric.Criterion{rubric.Before("order", met("m1"), found("e1"))})
	if f := r.EvaluateInput(flagged).Findings[0]; f.Status != rubric.Missed {
		t.Errorf("before with an evidence-less operand: %v, want missed", f.Status)
	}
	r = rubric.MustNew("r", []rubric.Criterion{rubric.Before("order", na("n1"), found("e1"))})
	if f := r.EvaluateInput(flagged).Findings[0]; f.Status != rubric.NotApplicable {
		t.Errorf("before with a not-applicable operand: %v, want not applicable", f.Status)
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name     string
		criteria []rubric.Criterion
		opts     []rubric.Option
		score    float64
		passed   bool
		contrib  []float64
		critical []string
	}{
		{
			name:     "weighted",
			criteria: []rubric.Criterion{met("m1").With(rubric.Weight(3)), missed("x1")},
			score:    75, passed: false, contrib: []float64{75, 0},
		},
		{
			name:     "threshold reached exactly",
			criteria: []rubric.Criterion{met("m1").With(rubric.Weight(3)), missed("x1")},
			opts:     []rubric.Option{rubric.Threshold(75)},
			score:    75, passed: true, contrib: []float64{75, 0},
		},
		{
			name:     "rounded score decides the pass",
			criteria: []rubric.Criterion{met("m1"), met("m2"), missed("x1")},
			opts:     []rubric.Option{rubric.Threshold(66.67)},
			score:    66.67, passed: true, contrib: []float64{33.33, 33.33, 0},
		},
		{
			name:     "not applicable leaves the denominator",
			criteria: []rubric.Criterion{met("m1"), na("n1").With(rubric.Weight(5)), missed("x1")},
			score:    50, contrib: []float64{50, 0, 0},
		},
		{
			name:     "advisory weight 0",
			criteria: []rubric.Criterion{met("m1"), missed("x1").With(rubric.Weight(0))},
			score:    100, passed: true, contrib: []float64{100, 0},
		},
		{
			name:     "nothing applicable",
			criteria: []rubric.Criterion{na("n1"), na("n2")},
			score:    100, passed: true, contrib: []float64{0, 0},
		},
		{
			name:     "critical failure caps at 0",
			criteria: []rubric.Criterion{met("m1").With(rubric.Weight(9)), violated("v1").With(rubric.Critical())},
			score:    0, contrib: []float64{90, 0}, critical: []string{"v1"},
		},
		{
			name:     "critical failure caps at the configured cap",
			criteria: []rubric.Criterion{met("m1").With(rubric.Weight(9)), missed("x1").With(rubric.Critical())},
			opts:     []rubric.Option{rubric.CriticalCap(40), rubric.Threshold(30)},
			score:    40, contrib: []float64{90, 0}, critical: []string{"x1"},
		},
		{
			name:     "cap above the score leaves it",
			criteria: []rubric.Criterion{met("m1"), missed("x1").With(rubric.Critical()), missed("x2")},
			opts:     []rubric.Option{rubric.CriticalCap(50)},
			score:    33.33, contrib: []float64{33.33, 0, 0}, critical: []string{"x1"},
		},
		{
			name:     "critical but not applicable",
			criteria: []rubric.Criterion{met("m1"), na("n1").With(rubric.Critical())},
			score:    100, passed: true, contrib: []float64{100, 0},
		},
		{
			name:     "critical and met",
			criteria: []rubric.Criterion{met("m1").With(rubric.Critical()), missed("x1").With(rubric.Weight(0.25))},
			score:    80, passed: true, contrib: []float64{80, 0},
		},
	}
	for _, tt := range tests {
		r, err := rubric.New("r", tt.criteria, tt.opts...)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		rep := r.EvaluateInput(flagged)
		if rep.Score != tt.score || rep.Passed != tt.passed || fmt.Sprint(rep.CriticalFailures) != fmt.Sprint(tt.critical) {
			t.Errorf("%s: score %v passed %v critical %v; want %v %v %v", tt.name, rep.Score, rep.Passed, rep.CriticalFailures, tt.score, tt.passed, tt.critical)
		}
		for i, f := range rep.Findings {
			if f.Contribution != tt.contrib[i] {
				t.Errorf("%s: finding %s contributes %v, want %v", tt.name, f.ID, f.Contribution, tt.contrib[i])
			}
		}
	}
}

func TestNestedRubric(t *testing.T) {
	inner := rubric.MustNew("inner", []rubric.Criterion{met("m1"), missed("x1"), missed("x2"), met("m2")}, rubric.Threshold(60))
	r := rubric.MustNew("outer", []rubric.Criterion{
		inner.With(rubric.Weight(2)),
		met("m3"),
		rubric.MustNew("empty", []rubric.Criterion{na("n1")}),
	})
	rep := r.EvaluateInput(flagged)
	f := find(t, rep, "inner")
	// inner scores 50: 2 × 0.5 + 1 × 1 out of 3.
	if f.Status != rubric.Missed || f.Weight != 2 || f.Contribution != 33.33 || f.Note != "score 50.00, threshold 60" {
		t.Errorf("inner: %+v", f)
	}
	if rep.Score != 66.67 {
		t.Errorf("score = %v, want 66.67", rep.Score)
	}
	if c := find(t, rep, "inner/m1"); c.Weight != 1 || c.Contribution != 25 {
		t.Errorf("inner/m1 weight %v contribution %v: a nested rubric's criteria are scored within it", c.Weight, c.Contribution)
	}
	if e := find(t, rep, "empty"); e.Status != rubric.NotApplicable {
		t.Errorf("a nested rubric with nothing applicable: %v, want not applicable", e.Status)
	}
	// A critical failure inside a nested rubric fails it, and the outer one
	// only through its score unless the nested rubric is itself critical.
	crit := rubric.MustNew("crit", []rubric.Criterion{met("m1"), missed("x1").With(rubric.Critical())})
	rep = rubric.MustNew("o", []rubric.Criterion{crit, met("m2"), met("m3")}, rubric.Threshold(60)).EvaluateInput(flagged)
	if rep.Score != 66.67 || !rep.Passed || find(t, rep, "crit").Status != rubric.Missed || find(t, rep, "crit").Note != "score 0.00, threshold 80, critical failure" {
		t.Errorf("nested critical: score %v passed %v", rep.Score, rep.Passed)
	}
	rep = rubric.MustNew("o", []rubric.Criterion{crit.With(rubric.Critical()), met("m2")}).EvaluateInput(flagged)
	if rep.Score != 0 || rep.Passed || fmt.Sprint(rep.CriticalFailures) != "[crit]" {
		t.Errorf("critical nested rubric: score %v passed %v %v", rep.Score, rep.Passed, rep.CriticalFailures)
	}
}

func TestConditions(t *testing.T) {
	r := rubric.MustNew("r", []rubric.Criterion{
		rubric.Expect("answer", "the answer is").With(rubric.When(rubric.InContext(rubric.Expect("asked", "?")))),
		rubric.All("contact", rubric.Expect("phone", "<phone>"), rubric.Expect("mail", "<email>")).
			With(rubric.When(rubric.Flag("escalated"))),
		rubric.Expect("thanks", "thank you").With(rubric.When(rubric.Not("not-asked", rubric.InContext(rubric.Expect("asked", "?"))))),
	})
	reply := "The answer is yes. Call 555-123-4567. Thank you."

	rep := r.EvaluateInput(rubric.Input{Text: reply, Context: "Can I return it?"})
	if f := find(t, rep, "answer"); f.Status != rubric.Met {
		t.Errorf("answer with a question in context: %v", f.Status)
	}
	f := find(t, rep, "contact")
	if f.Status != rubric.NotApplicable || f.Note != `condition "escalated" not met` {
		t.Errorf("contact without the flag: %v %q", f.Status, f.Note)
	}
	if c := find(t, rep, "contact/phone"); c.Status != rubric.NotApplicable || len(c.Evidence) != 0 || c.Note == "" {
		t.Errorf("a child of a not-applicable criterion: %+v", c)
	}
	if f := find(t, rep, "thanks"); f.Status != rubric.NotApplicable {
		t.Errorf("thanks when asked: %v", f.Status)
	}
	if rep.Score != 100 {
		t.Errorf("score %v: not-applicable criteria must leave the denominator", rep.Score)
	}

	rep = r.EvaluateInput(rubric.Input{Text: reply, Context: "It broke.", Flags: []string{"escalated"}})
	if f := find(t, rep, "answer"); f.Status != rubric.NotApplicable {
		t.Errorf("answer without a question: %v", f.Status)
	}
	if f := find(t, rep, "contact"); f.Status != rubric.Missed || find(t, rep, "contact/phone").Status != rubric.Met {
		t.Errorf("contact with the flag: %v", f.Status)
	}
	if f := find(t, rep, "thanks"); f.Status != rubric.Met {
		t.Errorf("thanks when not asked: %v", f.Status)
	}

	// Without a context, a context condition is not met: the criterion does
	// not apply, and neither does its negation.
	rep = r.Evaluate(reply)
	if f := find(t, rep, "answer"); f.Status != rubric.NotApplicable {
		t.Errorf("answer without context: %v", f.Status)
	}
	if f := find(t, rep, "thanks"); f.Status != rubric.NotApplicable {
		t.Errorf("thanks without context: %v", f.Status)
	}
}

func TestFunc(t *testing.T) {
	short := rubric.Func("short", func(tx *rubric.Text, _ []phrases.Match) rubric.Result {
		if n := len(tx.Doc().Tokens); n > 6 {
			return rubric.Result{Status: rubric.Violated, Note: fmt.Sprintf("%d tokens", n),
				Evidence: []rubric.Evidence{{Start: tx.Doc().Tokens[6].Start, End: len(tx.String())}}}
		}
		return rubric.Result{Status: rubric.Met}
	})
	echo := rubric.Func("echo", func(tx *rubric.Text, _ []phrases.Match) rubric.Result {
		ctx := tx.Context()
		if ctx == nil {
			return rubric.Result{Status: rubric.NotApplicable, Note: "no message"}
		}
		var ev []rubric.Evidence
		for _, ct := range ctx.Tokens {
			if ct.Kind != phrases.Word || len(ct.Norm) < 5 {
				continue
			}
			for _, t := range tx.Doc().Tokens {
				if t.Stem == ct.Stem {
					ev = append(ev, rubric.Evidence{Start: t.Start, End: t.End})
				}
			}
		}
		if len(ev) == 0 {
			return rubric.Result{Status: rubric.Missed}
		}
		return rubric.Result{Status: rubric.Met, Evidence: ev}
	})
	vip := rubric.Func("vip", func(tx *rubric.Text, _ []phrases.Match) rubric.Result {
		if tx.Flag("vip") && tx.ContextString() != "" {
			return rubric.Result{Status: rubric.Met}
		}
		return rubric.Result{Status: rubric.Missed}
	})
	r := rubric.MustNew("r", []rubric.Criterion{short, echo, vip})

	rep := r.EvaluateInput(rubric.Input{Text: "Your parcel was delayed by the courier, and parcels...", Context: "My parcel is late!", Flags: []string{"vip"}})
	f := find(t, rep, "short")
	if f.Status != rubric.Violated || f.Note != "13 tokens" || len(f.Evidence) != 1 || f.Evidence[0].Text != "courier, and parcels..." {
		t.Errorf("short: %+v", f)
	}
	f = find(t, rep, "echo")
	if f.Status != rubric.Met || fmt.Sprint(texts(f.Evidence)) != "[parcel parcels]" {
		t.Errorf("echo: %v %q", f.Status, texts(f.Evidence))
	}
	if f := find(t, rep, "vip"); f.Status != rubric.Met {
		t.Errorf("vip: %v", f.Status)
	}
	rep = r.Evaluate("Hello.")
	if f := find(t, rep, "echo"); f.Status != rubric.NotApplicable || f.Note != "no message" {
		t.Errorf("echo without context: %v %q", f.Status, f.Note)
	}
}

func TestFuncMisusePanics(t *testing.T) {
	tests := []struct {
		res  rubric.Result
		want string
	}{
		{rubric.Result{}, `rubric: function criterion "f" returned invalid status 0`},
		{rubric.Result{Status: rubric.Met, Evidence: []rubric.Evidence{{Start: 2, End: 99}}}, `rubric: function criterion "f" returned evidence [2:99] outside the text`},
		{rubric.Result{Status: rubric.Met, Evidence: []rubric.Evidence{{Start: 1, End: 2}}}, `rubric: function criterion "f" returned evidence [1:2] outside the text or not on rune boundaries`},
	}
	for _, tt := range tests {
		r := rubric.MustNew("r", []rubric.Criterion{rubric.Func("f", func(*rubric.Text, []phrases.Match) rubric.Result { return tt.res })})
		func() {
			defer func() {
				msg := fmt.Sprint(recover())
				if !strings.HasPrefix(msg, tt.want) {
					t.Errorf("panic %q, want %q", msg, tt.want)
				}
			}()
			r.Evaluate("é!")
		}()
	}
}

func TestNewErrors(t *testing.T) {
	fn := func(*rubric.Text, []phrases.Match) rubric.Result { return rubric.Result{Status: rubric.Met} }
	tests := []struct {
		name     string
		id       string
		criteria []rubric.Criterion
		opts     []rubric.Option
		want     []string
	}{
		{"bad pattern", "r", []rubric.Criterion{
			rubric.Expect("a", "sorry"),
			rubric.Avoid("b", "ok", "sorry @VBX"),
		}, nil, []string{`rubric: criteria[1].avoid[1]: phrases: unknown tag "VBX" at offset 7`}},
		{"ids", "bad id", []rubric.Criterion{
			rubric.Expect("", "x"),
			rubric.Expect("a", "x"),
			rubric.Avoid("a", "y"),
			rubric.Flag("no spaces"),
		}, nil, []string{
			`rubric: id: invalid id "bad id": use letters, digits, '_', '-' and '.', starting with a letter or digit`,
			`rubric: criteria[0].id: missing id`,
			`rubric: criteria[2].id: duplicate id "a" (first at criteria[1])`,
			`rubric: criteria[3].flag: flag name: invalid id "no spaces": use letters, digits, '_', '-' and '.', starting with a letter or digit`,
		}},
		{"values", "r", []rubric.Criterion{
			rubric.Expect("a").With(rubric.Weight(-1)),
			rubric.AtLeast("b", 3, met("m1"), met("m2")),
			rubric.All("c"),
			nil,
			rubric.Not("d", nil),
			rubric.Func("e", nil),
			rubric.Expect("f", "x").With(rubric.Weight(math.NaN())),
			rubric.Expect("g", "x").With(rubric.When(nil)),
		}, []rubric.Option{rubric.Threshold(101), rubric.CriticalCap(-1)}, []string{
			`rubric: threshold: threshold must be between 0 and 100, not 101`,
			`rubric: critical_cap: critical_cap must be between 0 and 100, not -1`,
			`rubric: criteria[0].weight: weight must be a finite number, 0 or more, not -1`,
			`rubric: criteria[0].expect: needs at least one pattern`,
			`rubric: criteria[1].at_least.n: n must be between 1 and 2, not 3`,
			`rubric: criteria[2].all: needs at least one criterion`,
			`rubric: criteria[3]: nil criterion`,
			`rubric: criteria[4].not: nil criterion`,
			`rubric: criteria[5]: nil function`,
			`rubric: criteria[6].weight: weight must be a finite number, 0 or more, not NaN`,
			`rubric: criteria[7].when: nil condition`,
		}},
		{"misplaced", "r", []rubric.Criterion{
			rubric.All("a", rubric.Expect("b", "x").With(rubric.Critical())),
			rubric.Expect("c", "x").With(rubric.Threshold(50), rubric.CriticalCap(10)),
			rubric.Expect("d", "x").With(rubric.When(rubric.Flag("f").With(rubric.Critical()))),
			rubric.InContext(rubric.Expect("e", "x")),
			rubric.Expect("g", "x").With(rubric.When(rubric.InContext(rubric.Func("h", fn)))),
		}, nil, []string{
			`rubric: criteria[0].all[0].critical: only a rubric's own criteria can be critical, not one inside all`,
			`rubric: criteria[1].threshold: only a rubric has a threshold`,
			`rubric: criteria[1].critical_cap: only a rubric has a critical cap`,
			`rubric: criteria[2].when.critical: only a rubric's own criteria can be critical, not one inside a condition`,
			`rubric: criteria[3]: a context criterion is only allowed in a condition (when)`,
			`rubric: criteria[4].when.context: a function criterion cannot be evaluated in context; read Text.Context instead`,
		}},
		{"nested paths", "r", []rubric.Criterion{
			rubric.MustNew("inner", []rubric.Criterion{rubric.Expect("ok", "x")}),
			rubric.Before("order", rubric.Expect("a", "x"), rubric.Expect("b", "(x")),
			rubric.AtLeast("some", 1, rubric.Any("any", rubric.Expect("a", "<nope>"))),
		}, nil, []string{
			`rubric: criteria[1].before[1].expect[0]: phrases: missing closing bracket ")" at offset 0`,
			`rubric: criteria[2].at_least.of[0].any[0].expect[0]: phrases: unknown class "nope" at offset 0`,
		}},
	}
	for _, tt := range tests {
		_, err := rubric.New(tt.id, tt.criteria, tt.opts...)
		var list rubric.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("%s: error %v (%T), want an ErrorList", tt.name, err, err)
		}
		var got []string
		for _, e := range list {
			got = append(got, e.Error())
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: errors\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestErrorTypes(t *testing.T) {
	_, err := rubric.New("r", []rubric.Criterion{rubric.Expect("a", "sorry @VBX"), rubric.Expect("a", "ok")})
	var pe *phrases.Error
	if !errors.As(err, &pe) || pe.Code != phrases.ErrUnknownTag || pe.Detail != "VBX" {
		t.Errorf("errors.As(*phrases.Error) through the list: %v", pe)
	}
	var re *rubric.Error
	if !errors.As(err, &re) || re.Path != "criteria[0].expect[0]" || re.Code != rubric.ErrPattern {
		t.Errorf("errors.As(*rubric.Error): %+v", re)
	}
	list := err.(rubric.ErrorList)
	if list[1].Code != rubric.ErrDuplicate {
		t.Errorf("second error code %q", list[1].Code)
	}
	if got := err.Error(); got != `rubric: criteria[0].expect[0]: phrases: unknown tag "VBX" at offset 7 (and 1 more error)` {
		t.Errorf("list message %q", got)
	}
	if rubric.ErrorList(nil).Err() != nil {
		t.Error("empty ErrorList.Err() != nil")
	}
}

func TestMustNewPanics(t *testing.T) {
	defer func() {
		msg := fmt.Sprint(recover())
		if !strings.Contains(msg, `rubric: criteria[0].expect[0]: phrases: empty pattern`) {
			t.Errorf("panic %q", msg)
		}
	}()
	rubric.MustNew("r", []rubric.Criterion{rubric.Expect("a", "")})
}

func TestWithCopies(t *testing.T) {
	patterns := []string{"sorry"}
	base := rubric.Expect("a", patterns...)
	heavy := base.With(rubric.Weight(4))
	patterns[0] = "changed" // the criterion keeps its own copy
	r1 := rubric.MustNew("r", []rubric.Criterion{base, missed("x1")})
	r2 := rubric.MustNew("r", []rubric.Criterion{heavy, missed("x1")})
	if s1, s2 := r1.Evaluate("sorry").Score, r2.Evaluate("sorry").Score; s1 != 50 || s2 != 80 {
		t.Errorf("scores %v and %v, want 50 and 80: With must copy, and criteria must not share the caller's slice", s1, s2)
	}
	// A rubric's With gives an uncompiled copy that nests.
	inner := rubric.MustNew("inner", []rubric.Criterion{rubric.Expect("a", "sorry")})
	outer := rubric.MustNew("outer", []rubric.Criterion{inner.With(rubric.Title("Inner"), rubric.Weight(3)), missed("x1")})
	rep := outer.Evaluate("sorry")
	if f := find(t, rep, "inner"); f.Title != "Inner" || f.Weight != 3 || rep.Score != 75 {
		t.Errorf("nested copy: %+v, score %v", f, rep.Score)
	}
	if inner.Title() != "" || inner.ID() != "inner" || inner.Threshold() != rubric.DefaultThreshold {
		t.Errorf("the original rubric changed: %q %q %v", inner.Title(), inner.ID(), inner.Threshold())
	}
	if cs := outer.Criteria(); len(cs) != 2 || cs[0].ID() != "inner" || cs[1].ID() != "x1" {
		t.Errorf("Criteria() = %v", cs)
	}
}

func TestStatusText(t *testing.T) {
	for s := rubric.Met; s <= rubric.NotApplicable; s++ {
		b, err := s.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back rubric.Status
		if err := back.UnmarshalText(b); err != nil || back != s {
			t.Errorf("%v: round trip gave %v, %v", s, back, err)
		}
	}
	if _, err := rubric.Status(0).MarshalText(); err == nil {
		t.Error("the zero status marshalled")
	}
	var s rubric.Status
	if err := s.UnmarshalText([]byte("passed")); err == nil {
		t.Error(`"passed" unmarshalled as a status`)
	}
}

// render returns the three renderings of a report, concatenated.
func render(t testing.TB, rep *rubric.Report) string {
	var b bytes.Buffer
	if err := rep.WriteText(&b, "in.txt"); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	if err := rep.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// The same rubric evaluated from many goroutines gives the same reports as
// evaluated alone. Run with -race.
func TestConcurrentEvaluate(t *testing.T) {
	r := sampleRubric(t)
	inputs := goldenInputs(t)
	want := make([]string, len(inputs))
	for i, in := range inputs {
		want[i] = render(t, r.EvaluateInput(in))
	}
	const workers, rounds = 8, 20
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range rounds {
				i := (w + k) % len(inputs)
				if got := render(t, r.EvaluateInput(inputs[i])); got != want[i] {
					errs <- fmt.Sprintf("worker %d, input %d: report differs:\n%s\nwant\n%s", w, i, got, want[i])
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

// Reports are deterministic, and a pooled evaluation leaves nothing behind
// for the next.
func TestDeterministic(t *testing.T) {
	r := sampleRubric(t)
	inputs := goldenInputs(t)
	first := make([]string, len(inputs))
	for i, in := range inputs {
		first[i] = render(t, r.EvaluateInput(in))
	}
	for round := 0; round < 3; round++ {
		for i := len(inputs) - 1; i >= 0; i-- {
			if got := render(t, r.EvaluateInput(inputs[i])); got != first[i] {
				t.Fatalf("input %d, round %d: report changed", i, round)
			}
		}
	}
	r2 := sampleRubric(t)
	for i, in := range inputs {
		if got := render(t, r2.EvaluateInput(in)); got != first[i] {
			t.Fatalf("input %d: a second compilation gives another report", i)
		}
	}
}

// EvaluateInto gives the same reports as EvaluateInput, whatever report it
// reuses.
func TestEvaluateInto(t *testing.T) {
	big := sampleRubric(t)
	small := rubric.MustNew("small", []rubric.Criterion{rubric.Expect("a", "sorry"), rubric.Avoid("b", "calm down")})
	var rep rubric.Report
	for round := 0; round < 2; round++ {
		for _, in := range append(goldenInputs(t), roundTripInputs...) {
			for _, r := range []*rubric.Rubric{big, small} {
				r.EvaluateInto(&rep, in)
				if got, want := render(t, &rep), render(t, r.EvaluateInput(in)); got != want {
					t.Fatalf("%s: EvaluateInto gives\n%s\nwant\n%s", r.ID(), got, want)
				}
			}
		}
	}
	// One allocation is left to the tokenizer, one to the suggestion for
	// the violation.
	allocs := testing.AllocsPerRun(20, func() { small.EvaluateInto(&rep, rubric.Input{Text: "So sorry. Calm down."}) })
	if allocs > 2 && !raceEnabled {
		t.Errorf("EvaluateInto with a reused report: %v allocations, want at most 2", allocs)
	}
	if rep.Findings[1].Suggestion != `Remove or rephrase "Calm down".` {
		t.Errorf("suggestion %q", rep.Findings[1].Suggestion)
	}
	small.EvaluateInto(&rep, rubric.Input{Text: "Calm down \"now\"."})
	if rep.Findings[1].Suggestion != `Remove or rephrase "Calm down".` {
		t.Errorf("suggestion %q", rep.Findings[1].Suggestion)
	}
}

// A report keeps its evidence when the rubric goes on to evaluate other
// texts: evidence gathered in the evaluator's reused memory is copied out.
func TestReportOutlivesEvaluator(t *testing.T) {
	r := sampleRubric(t)
	inputs := append(goldenInputs(t), roundTripInputs...)
	reps := make([]*rubric.Report, len(inputs))
	want := make([]string, len(inputs))
	for i, in := range inputs {
		reps[i] = r.EvaluateInput(in)
		want[i] = render(t, reps[i])
	}
	for range 3 {
		for _, in := range inputs {
			r.EvaluateInput(in)
		}
	}
	for i := range inputs {
		if got := render(t, reps[i]); got != want[i] {
			t.Fatalf("input %d: the report changed after later evaluations:\n%s\nwas\n%s", i, got, want[i])
		}
	}
}

// EvaluateInto into one reused report stays right when the evidence of a
// condition on the context outgrows the memory the last report left: the
// findings then hold spans of two arrays.
func TestEvaluateIntoContextEvidence(t *testing.T) {
	r := rubric.MustNew("ctx", []rubric.Criterion{
		rubric.Expect("help", "help"),
		rubric.Expect("answer", "the answer is").With(rubric.When(rubric.InContext(rubric.Expect("asked", "help", "?")))),
	})
	long := strings.Repeat("help me? ", 12)
	inputs := []rubric.Input{
		{Text: "I can help.", Context: "help ?"},
		{Text: "I can help, the answer is yes.", Context: long},
		{Text: "help", Context: "help"},
		{Text: "help help, the answer is no, help.", Context: long + long},
		{Text: "The answer is in the help pages.", Context: "?"},
	}
	var rep rubric.Report
	for round := 0; round < 2; round++ {
		for i, in := range inputs {
			r.EvaluateInto(&rep, in)
			if got, want := render(t, &rep), render(t, r.EvaluateInput(in)); got != want {
				t.Fatalf("round %d, input %d: EvaluateInto gives\n%s\nwant\n%s", round, i, got, want)
			}
		}
	}
}

// TestEvaluateIntoFuncEvidence checks that a function criterion's
// evidence, which goes into the report's evidence memory after the
// phrases', is right in a reused report whatever that memory holds: the
// spans of every word, one buffer that the function reuses, so any span
// the rubric failed to copy would change under it.
func TestEvaluateIntoFuncEvidence(t *testing.T) {
	var buf []rubric.Evidence
	words := rubric.Func("words", func(x *rubric.Text, _ []phrases.Match) rubric.Result {
		buf = buf[:0]
		d := x.Doc()
		for i := len(d.Tokens) - 1; i >= 0; i-- { // out of order: the rubric sorts
			if d.Tokens[i].Kind == phrases.Word {
				buf = append(buf, rubric.Evidence{Start: d.Tokens[i].Start, End: d.Tokens[i].End})
			}
		}
		if len(buf) == 0 {
			return rubric.Result{Status: rubric.Missed}
		}
		return rubric.Result{Status: rubric.Met, Evidence: buf}
	})
	r := rubric.MustNew("fn", []rubric.Criterion{rubric.Expect("help", "help"), words, rubric.Avoid("no", "no")})
	inputs := []string{
		"I can help.",
		strings.Repeat("help me now, or no help at all. ", 8),
		"!",
		"no",
		strings.Repeat("word ", 40) + "help",
	}
	var rep rubric.Report
	for round := 0; round < 2; round++ {
		for i, in := range inputs {
			r.EvaluateInto(&rep, rubric.Input{Text: in})
			clear(buf) // scribble on the function's memory
			got := render(t, &rep)
			if want := render(t, r.Evaluate(in)); got != want {
				t.Fatalf("round %d, input %d: EvaluateInto gives\n%s\nwant\n%s", round, i, got, want)
			}
		}
	}
}

// TestEvidenceBuffer checks that functions appending their evidence to
// Text.EvidenceBuffer, one after another in one evaluation and again in
// the next, each report their own: the rubric copies what it keeps
// before the next function gets the same memory, and grows it for
// functions that outgrow it.
func TestEvidenceBuffer(t *testing.T) {
	kind := func(id string, k phrases.Kind) rubric.Criterion {
		return rubric.Func(id, func(x *rubric.Text, _ []phrases.Match) rubric.Result {
			ev := x.EvidenceBuffer()
			if len(ev) != 0 {
				t.Errorf("%s: EvidenceBuffer has %d spans", id, len(ev))
			}
			d := x.Doc()
			for _, tok := range d.Tokens {
				if tok.Kind == k {
					ev = append(ev, rubric.Evidence{Start: tok.Start, End: tok.End, Text: "scribble"})
				}
			}
			if len(ev) == 0 {
				return rubric.Result{Status: rubric.Missed}
			}
			return rubric.Result{Status: rubric.Met, Evidence: ev}
		})
	}
	r := rubric.MustNew("buf", []rubric.Criterion{kind("words", phrases.Word), kind("numbers", phrases.Number), kind("punct", phrases.Punct)})
	inputs := []string{
		"call 555 now, or 42 times.",
		strings.Repeat("one 1 two 2, ", 12),
		"!",
		"",
	}
	var rep rubric.Report
	for round := 0; round < 2; round++ {
		for i, in := range inputs {
			r.EvaluateInto(&rep, rubric.Input{Text: in})
			got := render(t, &rep)
			if want := render(t, r.Evaluate(in)); got != want {
				t.Fatalf("round %d, input %d: EvaluateInto gives\n%s\nwant\n%s", round, i, got, want)
			}
			for _, f := range rep.Findings {
				for _, e := range f.Evidence {
					if e.Text != in[e.Start:e.End] {
						t.Fatalf("input %d, %s: evidence %+v", i, f.ID, e)
					}
				}
			}
		}
	}
	words := r.Evaluate("a b c 1 2 .").Findings
	if n := []int{len(words[0].Evidence), len(words[1].Evidence), len(words[2].Evidence)}; !slices.Equal(n, []int{3, 2, 1}) {
		t.Errorf("evidence counts %v, want [3 2 1]", n)
	}
}
