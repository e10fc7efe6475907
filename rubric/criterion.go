package rubric

import (
	"slices"

	"github.com/empathy-go/empathy/phrases"
)

// A Criterion is one thing a rubric checks in a text: a phrase set that
// should or should not be there, a combination of other criteria, a
// caller-provided function, or a whole [Rubric].
//
// Criteria are built with the functions in this package ([Expect], [Avoid],
// [All], [Any], [Not], [AtLeast], [Before], [Func], [Flag], [InContext]) and
// by [New]; the interface is sealed so that every criterion can be compiled
// into a rubric's single matcher and written to a rubric file. A Criterion
// is an uncompiled description: patterns are checked, and errors reported
// with their paths, when the criterion becomes part of a rubric through
// [New].
//
// Criterion values are immutable and safe for concurrent use; With returns
// a modified copy.
type Criterion interface {
	// ID returns the criterion's identifier, as it appears in reports.
	ID() string
	// With returns a copy of the criterion with the options applied. On a
	// *Rubric it returns an uncompiled copy, for nesting.
	With(opts ...Option) Criterion

	spec() *node
}

// kind is the sort of a criterion node.
type kind uint8

const (
	kindExpect kind = iota
	kindAvoid
	kindAll
	kindAny
	kindNot
	kindAtLeast
	kindBefore
	kindFunc
	kindFlag
	kindContext
	kindRubric
)

// field is the key naming the kind in a rubric file.
func (k kind) field() string {
	return [...]string{"expect", "avoid", "all", "any", "not", "at_least", "before", "func", "flag", "context", "criteria"}[k]
}

// FuncOf is the signature of a function criterion's decision: it gets the
// analysed text and the matches of the patterns given to [Func], and
// returns its result. See [Func]; a rubric calls it from the goroutine
// that evaluates, so it must be safe for concurrent use when the rubric
// is used concurrently. Like t, matches are valid only during the call:
// the rubric reuses their memory, so f must copy any it keeps.
type FuncOf func(t *Text, matches []phrases.Match) Result

// Result is what a function criterion decides. It is a plain value; the
// rubric copies what it keeps, so the function may reuse its memory.
type Result struct {
	// Status is Met, Missed, Violated or NotApplicable.
	Status Status
	// Evidence is the spans of the text that support the decision. Only
	// Start and End need to be set: the rubric fills in Text, and sorts
	// the spans by position.
	Evidence []Evidence
	// Note is an optional explanation in plain words, shown in reports.
	Note string
}

// node is the description of a criterion. It is never modified after its
// constructor returns.
type node struct {
	kind     kind
	id       string
	meta     meta
	patterns []string // expect, avoid, func
	children []*node  // all, any, not, at_least, before, context, rubric; nil for a nil Criterion
	n        int      // at_least
	fn       FuncOf   // func
	flag     string   // flag
}

func (n *node) ID() string  { return n.id }
func (n *node) spec() *node { return n }

func (n *node) With(opts ...Option) Criterion {
	c := *n
	for _, o := range opts {
		if o != nil {
			o.apply(&c.meta)
		}
	}
	return &c
}

// meta holds the settings made with options.
type meta struct {
	title      string
	suggestion string
	weight     float64
	critical   bool
	when       *node
	whenSet    bool // When was given, possibly with a nil criterion
	threshold  float64
	cap        float64
	// thresholdSet and capSet record that Threshold or CriticalCap was
	// given, so that they can be rejected on criteria that are not rubrics.
	thresholdSet bool
	capSet       bool
}

// DefaultThreshold is the pass mark of a rubric whose threshold is not set.
const DefaultThreshold = 80

// MaxDepth is how deeply criteria may nest inside a rubric (combinators,
// conditions and nested rubrics all count); deeper rubrics are rejected
// with [ErrDepth].
const MaxDepth = 64

func newNode(k kind, id string) *node {
	return &node{kind: k, id: id, meta: meta{weight: 1}}
}

func specs(cs []Criterion) []*node {
	ns := make([]*node, len(cs))
	for i, c := range cs {
		if c != nil {
			ns[i] = c.spec()
		}
	}
	return ns
}

// Expect returns a criterion that is met when the text contains a phrase
// matching one of the patterns (in the syntax of package phrases), and
// missed otherwise. Every occurrence is reported as evidence; occurrences
// inside a negation scope ("I'm not sorry") never count and are reported
// separately, as [Finding.Negated].
func Expect(id string, patterns ...string) Criterion {
	n := newNode(kindExpect, id)
	n.patterns = slices.Clone(patterns)
	return n
}

// Avoid returns a criterion that is violated when the text contains a
// phrase matching one of the patterns, and met otherwise. Every occurrence
// is reported as evidence; occurrences inside a negation scope do not
// violate it and are reported as [Finding.Negated].
func Avoid(id string, patterns ...string) Criterion {
	n := newNode(kindAvoid, id)
	n.patterns = slices.Clone(patterns)
	return n
}

// All returns a criterion that is met when every applicable criterion in cs
// is met. When one is not, All is violated if any of them is violated and
// missed otherwise. Criteria that are not applicable are left out; when
// none is applicable, All is not applicable.
func All(id string, cs ...Criterion) Criterion {
	n := newNode(kindAll, id)
	n.children = specs(cs)
	return n
}

// Any returns a criterion that is met when at least one applicable
// criterion in cs is met. Otherwise it is violated if any of them is
// violated, and missed if not. When none is applicable, Any is not
// applicable.
func Any(id string, cs ...Criterion) Criterion {
	n := newNode(kindAny, id)
	n.children = specs(cs)
	return n
}

// AtLeast returns a criterion that is met when at least n of the applicable
// criteria in cs are met; n must be between 1 and len(cs). Criteria that
// are not applicable leave the count as they leave a rubric's denominator:
// when fewer than n are applicable, all of those must be met. Otherwise the
// failure is reported as for [All].
func AtLeast(id string, n int, cs ...Criterion) Criterion {
	nd := newNode(kindAtLeast, id)
	nd.n = n
	nd.children = specs(cs)
	return nd
}

// Not returns a criterion that is met when c is not met (missed or
// violated), and not applicable when c is not applicable. When c is met,
// Not is violated if c's finding has evidence (something that should not
// be there is there) and missed if it has none (something that should be
// there is not).
func Not(id string, c Criterion) Criterion {
	n := newNode(kindNot, id)
	n.children = specs([]Criterion{c})
	return n
}

// Before returns a criterion about order: a must occur before b.
//
// A criterion occurs where its first piece of evidence starts, so a and b
// are normally [Expect] or [Func] criteria. Before is met when both are met
// with evidence and a's first evidence starts before b's; violated when
// both occur but b comes first (or at the same place); missed when either
// is absent (not met, or met without evidence); not applicable when either
// is not applicable. Its evidence is the first occurrence of a, then of b.
//
// Before says nothing about presence beyond that: to judge order only when
// both are present, give it a condition such as
// When(All("both", a, b)).
func Before(id string, a, b Criterion) Criterion {
	n := newNode(kindBefore, id)
	n.children = specs([]Criterion{a, b})
	return n
}

// Func returns a criterion decided by f, for anything patterns cannot
// express: a length limit, a name taken from the context, an overlap
// between the text and its context.
//
// The patterns, if any, are compiled into the rubric's matcher with all the
// others, and f receives their matches in text order, negated ones
// included (Match.Negated set), with Match.Rule set to the index of the
// pattern in patterns and Match.Label to its source. The [Text] gives the
// analysed text, its context and flags.
//
// f must be safe for concurrent use if the rubric is used concurrently. It
// must return a valid [Status] and evidence spans inside the text, on rune
// boundaries; a rubric panics if it does not, as these are programming
// errors rather than bad input.
//
// A function criterion cannot be written to a rubric file:
// [Rubric.MarshalJSON] reports it with [ErrFunc].
func Func(id string, f FuncOf, patterns ...string) Criterion {
	n := newNode(kindFunc, id)
	n.fn = f
	n.patterns = slices.Clone(patterns)
	return n
}

// Flag returns a criterion that is met when the caller sets the flag name in
// [Input.Flags], and missed otherwise. Its id is the flag's name. It is
// meant as a condition: When(Flag("asked_question")) makes a criterion
// apply only to inputs the caller has flagged.
func Flag(name string) Criterion {
	n := newNode(kindFlag, name)
	n.flag = name
	return n
}

// InContext returns a criterion that evaluates c against the input's
// context ([Input.Context], for example the message being replied to)
// instead of the text; it has c's id and status, and no evidence.
// It is not applicable when the input has no context.
//
// InContext may appear only inside a condition ([When]): findings and
// evidence in a report always refer to the text being evaluated. c may
// not contain function criteria; a function reads the context directly
// with [Text.Context].
func InContext(c Criterion) Criterion {
	var id string
	if c != nil {
		id = c.ID()
	}
	n := newNode(kindContext, id)
	n.children = specs([]Criterion{c})
	return n
}

// An Option sets a property of a criterion: pass it to [Criterion.With] or
// [New]. Options are values and safe for concurrent use.
type Option interface {
	apply(*meta)
}

type optionFunc func(*meta)

func (f optionFunc) apply(m *meta) { f(m) }

// Weight sets how much a criterion counts in the score of the rubric it
// belongs to directly. The default is 1; 0 makes the criterion advisory
// (reported, never scored). Weights of criteria inside All, Any, Not,
// AtLeast and Before are ignored: those combinators are scored as a whole.
// A weight must be a finite number, 0 or more.
func Weight(w float64) Option {
	return optionFunc(func(m *meta) { m.weight = w })
}

// Critical marks a criterion as critical: when it is missed or violated,
// the rubric fails whatever its score, and the score is capped at the
// rubric's critical cap ([CriticalCap], 0 by default).
//
// This is the auto-fail item of contact-centre scorecards: some failures
// (abuse, a compliance breach, a promise that cannot be kept) must not be
// averaged away by doing everything else well, so a weighted mean alone is
// the wrong model for them. Only a rubric's own criteria can be critical;
// on a criterion inside a combinator or a condition it is an error. A
// critical criterion that is not applicable does not fail the rubric.
// Criticality does not pass through nesting: make a nested rubric itself
// critical to let its failure fail the outer one.
func Critical() Option {
	return optionFunc(func(m *meta) { m.critical = true })
}

// Title sets a criterion's human-readable name, shown in reports next to
// its id. The default is empty.
func Title(s string) Option {
	return optionFunc(func(m *meta) { m.title = s })
}

// Suggest sets the advice a report gives, in plain words, when the
// criterion is missed or violated.
//
// Without it, a violated [Avoid] criterion suggests removing or
// rephrasing the first offending phrase, a missed [Expect] criterion whose
// first pattern is plain words suggests saying something like it, and
// other criteria give no suggestion.
func Suggest(s string) Option {
	return optionFunc(func(m *meta) { m.suggestion = s })
}

// When makes a criterion conditional: it applies only when cond is met.
// Otherwise it is not applicable: it leaves the rubric's denominator and
// the report says why. cond is evaluated against the same input, and
// may be any criterion, typically a [Flag], an [InContext] phrase set, or
// a combination of them; its findings are not part of the report.
// Giving When again replaces the condition; combine conditions with [All].
//
// A rubric's own condition, weight, critical mark and suggestion apply
// when the rubric is nested in another; [Rubric.Evaluate] ignores them.
func When(cond Criterion) Option {
	var c *node
	if cond != nil {
		c = cond.spec()
	}
	return optionFunc(func(m *meta) { m.when = c; m.whenSet = true })
}

// Threshold sets a rubric's pass mark, from 0 to 100; the default is
// [DefaultThreshold]. A rubric passes when its score reaches the threshold
// and no critical criterion failed. It is an error on other criteria.
func Threshold(score float64) Option {
	return optionFunc(func(m *meta) { m.threshold = score; m.thresholdSet = true })
}

// CriticalCap sets the highest score a rubric can have when one of its
// critical criteria fails, from 0 to 100; the default is 0 (auto-fail).
// A cap above 0 keeps some information in the score (how good the rest
// was) while the rubric still fails. It is an error on other criteria.
func CriticalCap(score float64) Option {
	return optionFunc(func(m *meta) { m.cap = score; m.capSet = true })
}
