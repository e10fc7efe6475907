package deescalate

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"

	"github.com/empathy-go/empathy/rubric"
)

// An Evaluator scores replies against a rubric, by default [DefaultRubric],
// using the customer's message, when given, to decide what the situation
// calls for.
//
// An Evaluator is read-only once built and safe for concurrent use by
// multiple goroutines.
type Evaluator struct {
	rubric   *rubric.Rubric
	assessor *Assessor
	// finding[i] is the position among the rubric's findings of the
	// criterion whose id is the i-th catalogue id, or -1.
	finding [len(catalogueInfo)]int
}

// An Option configures an [Evaluator]; pass it to [NewEvaluator].
type Option func(*evaluatorConfig)

type evaluatorConfig struct {
	rubric      *rubric.Rubric
	rubricSet   bool
	assessor    *Assessor
	assessorSet bool
}

// WithRubric makes the Evaluator score replies against r instead of
// [DefaultRubric]. r's criteria whose ids are catalogue ids ("apologize",
// "policy", ...) give [Evaluation.Techniques] and
// [Evaluation.AntiPatterns]; r may test the flags the Evaluator sets
// ([FlagProblem] and the others) with [rubric.Flag]. A nil r is an error.
func WithRubric(r *rubric.Rubric) Option {
	return func(c *evaluatorConfig) { c.rubric, c.rubricSet = r, true }
}

// WithAssessor makes the Evaluator assess customer messages with a instead
// of the default assessor. A nil a is an error.
func WithAssessor(a *Assessor) Option {
	return func(c *evaluatorConfig) { c.assessor, c.assessorSet = a, true }
}

// NewEvaluator returns an Evaluator. Without options it uses
// [DefaultRubric] and [NewAssessor].
func NewEvaluator(opts ...Option) (*Evaluator, error) {
	var c evaluatorConfig
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	switch {
	case c.rubricSet && c.rubric == nil:
		return nil, errors.New("deescalate: nil rubric")
	case c.assessorSet && c.assessor == nil:
		return nil, errors.New("deescalate: nil assessor")
	}
	e := &Evaluator{rubric: c.rubric, assessor: c.assessor}
	if e.rubric == nil {
		r, err := newDefaultRubric()
		if err != nil {
			return nil, err
		}
		e.rubric = r
	}
	if e.assessor == nil {
		e.assessor = NewAssessor()
	}
	crit := e.rubric.Criteria()
	for i := range e.finding {
		e.finding[i] = -1
		for k, c := range crit {
			if c.ID() == string(catalogueInfo[i].id) {
				e.finding[i] = k
				break
			}
		}
	}
	return e, nil
}

// Rubric returns the rubric the Evaluator scores replies against.
func (e *Evaluator) Rubric() *rubric.Rubric { return e.rubric }

// An EvalOption gives [Evaluator.Evaluate] what is known about a reply
// besides its text. Options are made by [WithCustomer]; the zero
// EvalOption changes nothing. Where options disagree, the last wins.
//
// An EvalOption is a plain value rather than a function, so that passing
// options allocates nothing.
type EvalOption struct {
	customer    string
	hasCustomer bool
}

type evalConfig struct {
	customer string
}

// configure returns the configuration the options give. A blank
// customer message is none: "".
func configure(opts []EvalOption) evalConfig {
	var c evalConfig
	for _, o := range opts {
		if o.hasCustomer {
			c.customer = o.customer
		}
	}
	if strings.TrimSpace(c.customer) == "" {
		c.customer = ""
	}
	return c
}

// WithCustomer gives the customer's message the reply answers. It is
// assessed ([Assess]) to decide which techniques the situation calls for,
// and a restatement is judged against it. An empty or blank message is
// the same as none.
func WithCustomer(message string) EvalOption {
	return EvalOption{customer: message, hasCustomer: true}
}

// Evaluation is the outcome of evaluating a reply.
//
// It is written to JSON flat, with the report's fields beside the
// catalogue ids found, as the autoqa example program prints it:
//
//	{"rubric": "deescalate", "title": "De-escalating reply",
//	 "score": 87.5, "threshold": 70, "passed": true,
//	 "techniques": ["apologize", "options"], "antipatterns": [],
//	 "findings": [{"id": "restate", "status": "met", "evidence": [...]}, ...],
//	 "customer": {"anger": 0.82, "level": "angry", ...}}
//
// "critical_failures" is present when a critical criterion failed, and
// "customer" when a customer message was given. An Evaluation is a plain
// value: reading it from several goroutines is safe, modifying it is not.
type Evaluation struct {
	// Report is the rubric's report: score, pass mark, and one finding
	// per criterion, with evidence into the reply (Report.Text).
	Report *rubric.Report `json:"-"`
	// Techniques are the catalogue's techniques the reply uses, in
	// catalogue order: those whose criteria were met. A technique the
	// situation does not call for is still listed when the reply uses it.
	Techniques []ID `json:"techniques"`
	// AntiPatterns are the anti-patterns found in the reply, in catalogue
	// order: those whose criteria were violated.
	AntiPatterns []ID `json:"antipatterns"`
	// Customer is the assessment of the customer's message, when one was
	// given.
	Customer *Assessment `json:"customer,omitempty"`

	// Memory that Evaluate allocates with the Evaluation, and that
	// EvaluateInto reuses.
	report rubric.Report
	cust   *Assessment // the last customer's assessment, if any
	ids    []ID        // backing array of Techniques and AntiPatterns
	flags  []string    // the rubric input's flags
}

// Finding returns the report's finding for a catalogue id, or another
// criterion of the rubric, and whether there is one.
func (ev *Evaluation) Finding(id ID) (rubric.Finding, bool) {
	if ev.Report != nil {
		for _, f := range ev.Report.Findings {
			if f.ID == string(id) {
				return f, true
			}
		}
	}
	return rubric.Finding{}, false
}

// Has reports whether the reply uses the technique or shows the
// anti-pattern id.
func (ev *Evaluation) Has(id ID) bool {
	for _, x := range ev.Techniques {
		if x == id {
			return true
		}
	}
	for _, x := range ev.AntiPatterns {
		if x == id {
			return true
		}
	}
	return false
}

// evaluationJSON is the JSON form of an Evaluation.
type evaluationJSON struct {
	Rubric           string           `json:"rubric"`
	Title            string           `json:"title,omitempty"`
	Score            float64          `json:"score"`
	Threshold        float64          `json:"threshold"`
	Passed           bool             `json:"passed"`
	Techniques       []ID             `json:"techniques"`
	AntiPatterns     []ID             `json:"antipatterns"`
	CriticalFailures []string         `json:"critical_failures,omitempty"`
	Findings         []rubric.Finding `json:"findings"`
	Customer         *Assessment      `json:"customer,omitempty"`
}

// MarshalJSON writes the evaluation in the flat form shown on
// [Evaluation]. Empty lists are written as [], never null.
func (ev *Evaluation) MarshalJSON() ([]byte, error) {
	j := evaluationJSON{
		Techniques:   ev.Techniques,
		AntiPatterns: ev.AntiPatterns,
		Customer:     ev.Customer,
	}
	if r := ev.Report; r != nil {
		j.Rubric, j.Title, j.Score, j.Threshold, j.Passed = r.ID, r.Title, r.Score, r.Threshold, r.Passed
		j.CriticalFailures, j.Findings = r.CriticalFailures, r.Findings
	}
	if j.Techniques == nil {
		j.Techniques = []ID{}
	}
	if j.AntiPatterns == nil {
		j.AntiPatterns = []ID{}
	}
	if j.Findings == nil {
		j.Findings = []rubric.Finding{}
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads an evaluation written by MarshalJSON. The report's
// Text, which is not written, is left empty.
func (ev *Evaluation) UnmarshalJSON(b []byte) error {
	var j evaluationJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*ev = Evaluation{
		Report: &rubric.Report{
			ID: j.Rubric, Title: j.Title, Score: j.Score, Threshold: j.Threshold, Passed: j.Passed,
			CriticalFailures: j.CriticalFailures, Findings: j.Findings,
		},
		Techniques:   j.Techniques,
		AntiPatterns: j.AntiPatterns,
		Customer:     j.Customer,
	}
	return nil
}

// Evaluate scores a reply against the Evaluator's rubric.
//
// With [WithCustomer], the customer's message is assessed, and the facts
// the rubric's conditions test are passed to it as flags ([FlagProblem],
// [FlagAngry], ...): no escalation is expected for a calm question, no
// remedy when nothing needs fixing. The message is also the rubric
// input's context, against which the restate criterion judges the reply.
// A reply sentence restates the problem when it shares content words with
// what the customer stated (not with what they asked), compared by stem,
// number and a few families of complaint words ("broken" and "damaged"):
// one word next to a restatement cue ("so if I understand correctly", "it
// sounds like", "you mentioned"); two in a sentence that apologizes or
// validates, where a reflected pronoun ("my order" said back as "your
// order") counts as one; three anywhere else. The agent's own "my" or
// "our" does not reflect the customer's, and a sentence with an
// anti-pattern never restates. Without a customer message a restatement
// needs a cue and an explicit problem word ("you were charged twice").
//
// Evaluate is safe to call from multiple goroutines.
func (e *Evaluator) Evaluate(reply string, opts ...EvalOption) *Evaluation {
	ev := new(Evaluation)
	e.EvaluateInto(ev, reply, opts...)
	return ev
}

// EvaluateInto is [Evaluator.Evaluate] writing into ev and reusing its
// memory: a program that evaluates many replies one after the other, and
// is done with each evaluation before the next (a QA run writing each
// result out), allocates much less, and so spends much less time in
// garbage collection. Every field of ev is overwritten. The report,
// assessment and id lists of the previous evaluation in ev, and any
// slice taken from them, must not be used afterwards. A zero Evaluation
// is ready to use. It is safe to call from multiple goroutines with
// different evaluations.
func (e *Evaluator) EvaluateInto(ev *Evaluation, reply string, opts ...EvalOption) {
	customer := configure(opts).customer
	var a *Assessment
	if customer != "" {
		if ev.cust == nil {
			ev.cust = new(Assessment)
		}
		a = ev.cust
		*a = e.assessor.Assess(customer)
	}
	ev.flags = appendSituationFlags(ev.flags[:0], longForm(reply), customer, a)
	e.into(ev, reply, customer, a, ev.flags)
}

// evaluate scores a reply to customer, whose assessment is a (nil when
// customer is empty).
func (e *Evaluator) evaluate(reply, customer string, a *Assessment) *Evaluation {
	return e.evaluateFlags(reply, customer, a, situationFlags(reply, customer, a))
}

// evaluateFlags is evaluate with the flags given.
func (e *Evaluator) evaluateFlags(reply, customer string, a *Assessment, flags []string) *Evaluation {
	ev := new(Evaluation)
	e.into(ev, reply, customer, a, flags)
	return ev
}

// into evaluates a reply to customer, whose assessment is a (nil when
// customer is empty), with the flags given, into ev, reusing the memory
// of its report and id lists.
func (e *Evaluator) into(ev *Evaluation, reply, customer string, a *Assessment, flags []string) {
	rep := ev.Report
	if rep == nil {
		rep = &ev.report
	}
	e.rubric.EvaluateInto(rep, rubric.Input{Text: reply, Context: customer, Flags: flags})
	ev.Report, ev.Customer = rep, a
	ev.Techniques, ev.AntiPatterns = nil, nil
	// One backing array for both lists: found techniques first, then
	// anti-patterns, each in catalogue order.
	var found [len(catalogueInfo)]bool
	nt, na := 0, 0
	for i, k := range e.finding {
		if k < 0 || k >= len(rep.Findings) {
			continue
		}
		st := rep.Findings[k].Status
		switch info := &catalogueInfo[i]; {
		case info.kind == Technique && st == rubric.Met:
			found[i] = true
			nt++
		case info.kind == AntiPattern && st == rubric.Violated:
			found[i] = true
			na++
		}
	}
	if nt+na == 0 {
		return
	}
	ids := ev.ids[:0]
	if cap(ids) < nt+na {
		ids = make([]ID, 0, nt+na)
	}
	for i := range found {
		if found[i] && catalogueInfo[i].kind == Technique {
			ids = append(ids, catalogueInfo[i].id)
		}
	}
	for i := range found {
		if found[i] && catalogueInfo[i].kind == AntiPattern {
			ids = append(ids, catalogueInfo[i].id)
		}
	}
	ev.ids = ids
	if nt > 0 {
		ev.Techniques = ids[:nt:nt]
	}
	if na > 0 {
		ev.AntiPatterns = ids[nt : nt+na : nt+na]
	}
}

// longFormBytes is the length from which a reply counts as long form
// ([FlagLongForm]).
const longFormBytes = 300

// situationFlags returns the flags for a reply to customer.
func situationFlags(reply, customer string, a *Assessment) []string {
	return appendSituationFlags(make([]string, 0, 6), longForm(reply), customer, a)
}

// longForm reports whether a reply is long form ([FlagLongForm]).
func longForm(reply string) bool {
	return len(reply) >= longFormBytes || strings.Contains(reply, "\n\n")
}

// appendSituationFlags appends the flags for a reply, long form or not, to
// customer, whose assessment is a (nil when there is no customer message).
func appendSituationFlags(flags []string, long bool, customer string, a *Assessment) []string {
	if long {
		flags = append(flags, FlagLongForm)
	}
	if a == nil {
		return append(flags, FlagComplaint)
	}
	flags = append(flags, FlagCustomer)
	upset := a.Level >= Annoyed
	problem := upset || reportsProblem(a) || mentionsProblem(customer) || !benign(customer)
	if problem {
		flags = append(flags, FlagProblem, FlagComplaint)
	}
	if upset {
		flags = append(flags, FlagUpset)
	}
	if a.Level >= Angry {
		flags = append(flags, FlagAngry)
	}
	if a.Escalate {
		flags = append(flags, FlagEscalation)
	}
	return flags
}

// reportsProblem reports whether an assessment has a signal of something
// wrong: any signal that adds anger other than the typographic ones
// (capitals, "!!"), which alone may be enthusiasm.
func reportsProblem(a *Assessment) bool {
	for i := range a.Signals {
		s := &a.Signals[i]
		if s.Weight > 0 && s.Kind != SignalShouting && s.Kind != SignalRepeatedPunctuation {
			return true
		}
	}
	return false
}

// benign reports whether a calm customer message with no problem word is
// a plain question, a request or praise rather than a complaint: it opens
// with a question word other than why and where ("Can I bring my guitar?",
// "What time do you open?"), a request ("I need to", "I'd like to",
// "please") or thanks. Anything else, such as a bare report ("Ordered a
// blue jacket, received a green one."), is taken as a complaint.
func benign(s string) bool {
	w1, w2 := firstWords(s)
	switch w1 {
	case "can", "could", "may", "is", "are", "do", "does", "how", "what", "what's", "whats", "when",
		"which", "would", "will", "please", "thanks", "thank", "i'd", "i’d":
		return !containsWord(s, "why")
	case "i":
		switch w2 {
		case "need", "want", "would", "wanted", "wonder":
			return !containsWord(s, "why")
		}
	}
	return false
}

// firstWords returns the first two words of s in lower case, after a
// greeting ("hi", "hello", "hey", "dear", "good morning" ...), an
// interjection ("ok", "so", "yes", "well") and punctuation.
func firstWords(s string) (string, string) {
	var words [4]string
	n := 0
	for i := 0; i < len(s) && n < len(words); {
		for i < len(s) && !isWordByte(s[i]) {
			i++
		}
		j := i
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if j > i {
			w := strings.ToLower(s[i:j])
			switch {
			case n == 0 && (w == "hi" || w == "hello" || w == "hey" || w == "dear" || w == "good" || w == "morning" ||
				w == "afternoon" || w == "evening" || w == "there" || w == "team" || w == "ok" || w == "okay" ||
				w == "so" || w == "yes" || w == "yeah" || w == "well" || w == "also" || w == "and"):
			default:
				words[n] = w
				n++
			}
		}
		i = j
	}
	return words[0], words[1]
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\'' || c >= 0x80
}

// containsWord reports whether s contains the lower-case word w, in any
// case, as a whole word.
func containsWord(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(w)], w) &&
			(i == 0 || !isWordByte(s[i-1])) && (i+len(w) == len(s) || !isWordByte(s[i+len(w)])) {
			return true
		}
	}
	return false
}

// mentionsProblem reports whether a customer's message names a problem: a
// problem word (see problemWord) or a negated verb ("doesn't", "can't",
// "didnt"). It scans the raw text, without analysing it and without
// allocating.
func mentionsProblem(s string) bool {
	var buf [24]byte
	n := 0
	for i := 0; i <= len(s); i++ {
		var ch byte = ' '
		if i < len(s) {
			ch = s[i]
		}
		switch {
		case ch >= 'a' && ch <= 'z', ch == '\'', ch >= 0x80:
		case ch >= 'A' && ch <= 'Z':
			ch += 'a' - 'A'
		default:
			if n > 0 && n <= len(buf) && (problemWord(string(buf[:n])) || negatedVerb(string(buf[:n]))) {
				return true
			}
			n = 0
			continue
		}
		if n < len(buf) {
			buf[n] = ch
		}
		n++
	}
	return false
}

// negatedVerb reports whether a lower-case word is a negated auxiliary:
// "doesn't", "can’t", or a chat form such as "doesnt", "cant", "wont".
func negatedVerb(w string) bool {
	if strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n\u2019t") {
		return true
	}
	switch w {
	case "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt", "hadnt",
		"couldnt", "wouldnt", "shouldnt", "cant", "wont", "dont", "aint":
		return true
	}
	return false
}

// defaultEvaluator is the Evaluator behind [Evaluate] and [Review], built
// on first use.
var defaultEvaluator = sync.OnceValue(func() *Evaluator {
	e, err := NewEvaluator()
	if err != nil {
		panic(err) // the default rubric is embedded and tested
	}
	return e
})

// Evaluate scores a reply against [DefaultRubric] with a process-wide
// Evaluator, built on the first call (which compiles the rubric: about a
// fifth of a second on one core) and shared afterwards. It is safe to call
// from multiple goroutines. See [Evaluator.Evaluate].
func Evaluate(reply string, opts ...EvalOption) *Evaluation {
	return defaultEvaluator().Evaluate(reply, opts...)
}
