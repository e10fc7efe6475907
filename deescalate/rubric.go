package deescalate

import (
	"github.com/empathy-go/empathy/phrases"
	"github.com/empathy-go/empathy/rubric"
)

// The flags [Evaluator.Evaluate] passes to the rubric ([rubric.Input.Flags]):
// facts about the situation that decide which techniques apply. A rubric
// of your own, given with [WithRubric], can test them with [rubric.Flag].
const (
	// FlagCustomer is set when the customer's message was given
	// ([WithCustomer]).
	FlagCustomer = "customer"
	// FlagComplaint is set when the reply answers a complaint: the
	// customer's message reports a problem or shows anger, or no message
	// was given (a reply is then assumed to answer a complaint, which is
	// what the catalogue is for).
	FlagComplaint = "complaint"
	// FlagProblem is set when the customer's message reports something to
	// fix: an anger signal, or words such as "broken", "late", "charged
	// twice", "not working", "still", "never". It is never set without a
	// customer message.
	FlagProblem = "problem"
	// FlagUpset is set when the customer is at least annoyed (Assess's
	// [Annoyed] level or above).
	FlagUpset = "upset"
	// FlagAngry is set when the customer is angry or furious.
	FlagAngry = "angry"
	// FlagEscalation is set when the customer's message carries an
	// escalation trigger ([Assessment.Escalate]: a threat to leave, sue or
	// post a review, repeated contact, a demand for a manager).
	FlagEscalation = "escalation"
	// FlagLongForm is set when the reply is long enough to be an e-mail or
	// a letter rather than a chat line: 300 bytes or more, or several
	// paragraphs. Contact details and documenting the case are expected
	// only there.
	FlagLongForm = "long_form"
)

// Weights of the default rubric. See [DefaultRubric].
const (
	weightCore     = 3   // the seeds' core steps
	weightSupport  = 2   // techniques more than one seed asks for
	weightMinor    = 1   // techniques one seed mentions, order
	weightAdvisory = 0.5 // contact details and documenting the case
	weightAvoid    = 2   // anti-patterns that are not critical
	weightVague    = 1
)

// DefaultThreshold is the pass mark of [DefaultRubric].
const DefaultThreshold = 70

// DefaultCriticalCap is the highest score [DefaultRubric] gives a reply
// with a critical anti-pattern.
const DefaultCriticalCap = 40

// DefaultRubric returns a freshly compiled rubric for customer-service
// replies, built from the catalogue. The caller may keep and share it; it
// is read-only and safe for concurrent use. Compiling it takes about a
// fifth of a second on one core, so build it once and share it. Build a
// variant with [rubric.Rubric.Criteria] and [rubric.New].
//
// It has one criterion per catalogue entry, with the entry's id, in
// catalogue order, then two criteria about order:
//
//	restate       function, weight 3: judged against the customer's message (see below)
//	validate      expect, weight 3, when the reply answers a complaint
//	apologize     expect, weight 3, when the reply answers a complaint
//	ask           expect, weight 2, when there is a problem and no remedy is offered
//	options       expect, weight 3, when there is a problem
//	commit        expect, weight 2, when there is a problem
//	contact       expect, weight 0.5, in long replies to a complaint
//	follow_up     expect, weight 3, when the reply answers a complaint
//	document      expect, weight 0.5, in long replies about a problem
//	escalate      expect, weight 1, when the customer is angry or asks for more
//	thank         expect, weight 3
//	non_apology   avoid, critical, weight 0
//	sorry_but     function, weight 2: an apology followed by "but", in the
//	              sentence or at the start of the next one
//	policy        avoid, critical, weight 0
//	blame         avoid, weight 2
//	blame_customer avoid, critical, weight 0
//	dismiss       avoid, weight 2
//	condescend    avoid, weight 2
//	vague         avoid, weight 1
//	calm_first    before, weight 1: validation or apology before the remedy
//	thanks_at_end function, weight 1: thanks among the closing sentences
//
// # Weights
//
// The heaviest techniques, weight 3, are the steps the seed articles build
// their method on: reiterate the problem, validate the anger, focus on the
// solution, gain permission to follow up and thank (seed 004's five steps),
// and the "appropriate apology" seeds 000, 001 and 002 all ask for; seed
// 003 calls calming the customer first and following up afterwards the two
// most important steps. Open questions and a concrete commitment are asked
// for by several seeds (000, 002, 003; 001), weight 2. Escalating to a
// supervisor comes from seed 001 alone, weight 1; giving a direct name and
// phone number and documenting the case (seeds 001 and 002) are advice for
// longer exchanges, weight 0.5.
//
// # Critical items
//
// Three anti-patterns fail a reply whatever else it does well, and cap its
// score at [DefaultCriticalCap]: non_apology, because seed 000 singles out
// "I'm sorry if you feel that way" and "It seems like you had a bad
// experience" as "not the same as a direct apology" (it blames the feeling
// rather than owning the trouble); policy, because seed 001 says "Never say
// 'it's our policy'" ("in time of crisis, all policies should be
// flexible"); and blame_customer, because every seed asks the agent to
// stay on the customer's side and not get defensive, and "you should have"
// undoes the validation and the apology before it. Critical items carry
// weight 0: avoiding them earns nothing, as it is expected of every reply,
// and failing them fails the reply. The other anti-patterns weigh 2
// (vague, 1): they hurt, but a reply can recover from them.
//
// # Conditions
//
// Techniques that do not fit the situation are not applicable rather than
// missed, using the flags [Evaluator.Evaluate] computes from the customer's
// message ([FlagProblem], [FlagAngry] and the others). Without a customer
// message, options, commit, ask, document and escalate are not applicable;
// validate, apologize, restate and follow_up are expected, since a reply
// is then assumed to answer a complaint. A technique that is present is
// always applicable, and met: doing more than the situation asks is never
// held against a reply.
//
// # Restatement
//
// restate is a function criterion: a reply sentence restates when it
// shares enough content words with the customer's message, pronouns
// reflected; see [Evaluator.Evaluate] for the rule. Its thresholds were
// chosen on the project's labelled replies by two-fold cross-validation
// (held-out F1 about 0.90).
//
// # Order
//
// calm_first applies when the reply both calms (validates or apologizes)
// and offers a remedy, and is met when the calming comes first (seed 003:
// "Before doing anything else, calm the customer down"). thanks_at_end
// applies when the reply thanks the customer, and is met when the thanks
// come among its last sentences (seed 004 ends with thanks, as "one last
// validation").
//
// The rubric's threshold is [DefaultThreshold].
func DefaultRubric() *rubric.Rubric {
	r, err := newDefaultRubric()
	if err != nil {
		// The lexicons are embedded and tested; a failure here is a bug.
		panic(err)
	}
	return r
}

// newDefaultRubric builds the default rubric.
func newDefaultRubric() (*rubric.Rubric, error) { return buildDefaultRubric(nil) }

// buildDefaultRubric builds the default rubric from the catalogue's
// patterns for which keep returns true, or all of them when keep is nil.
// Tests use keep to leave out a lexicon line that does not compile while
// the lexicons are being written.
func buildDefaultRubric(keep func(src string) bool) (*rubric.Rubric, error) {
	p := patternsOf
	if keep != nil {
		p = func(id ID) []string {
			var out []string
			for _, src := range patternsOf(id) {
				if keep(src) {
					out = append(out, src)
				}
			}
			return out
		}
	}
	expect := func(id ID, w float64, suggestion string, when ...rubric.Criterion) rubric.Criterion {
		opts := []rubric.Option{rubric.Title(id.title()), rubric.Weight(w), rubric.Suggest(suggestion)}
		if len(when) > 0 {
			// The technique applies when the situation calls for it or
			// when the reply does it anyway.
			cond := rubric.Any(when[0].ID(), append(when, rubric.Expect(string(id), p(id)...))...)
			opts = append(opts, rubric.When(cond))
		}
		return rubric.Expect(string(id), p(id)...).With(opts...)
	}
	avoid := func(id ID, w float64, suggestion string, critical bool) rubric.Criterion {
		opts := []rubric.Option{rubric.Title(id.title()), rubric.Weight(w), rubric.Suggest(suggestion)}
		if critical {
			opts = append(opts, rubric.Critical())
		}
		return rubric.Avoid(string(id), p(id)...).With(opts...)
	}
	complaint := rubric.Flag(FlagComplaint)
	problem := rubric.Flag(FlagProblem)
	calm := concat(p(Validate), p(Apologize))

	criteria := []rubric.Criterion{
		restate(p(Restate), concat(p(NonApology), p(SorryBut), p(Policy), p(Blame), p(BlameCustomer), p(Dismiss), p(Condescend)), calm).With(
			rubric.Title(Restate.title()), rubric.Weight(weightCore),
			rubric.Suggest("Say the problem back in the customer's own terms (\"so your order arrived damaged, is that right?\"), so they know you heard them.")),
		expect(Validate, weightCore,
			"Acknowledge the feeling: \"I can understand why you're upset.\"", complaint),
		expect(Apologize, weightCore,
			"Apologize directly for the trouble: \"I'm sorry for the trouble this has caused.\"", complaint),
		expect(Ask, weightSupport,
			"Ask what happened, or what would make it right: \"What could we do to put this right for you?\"",
			rubric.All("problem_without_remedy", problem, rubric.Not("no_remedy", rubric.Expect(string(Options), p(Options)...)))),
		expect(Options, weightCore,
			"Offer a solution, ideally two or three options the customer can pick from: \"I can refund you or send a replacement today, whichever you prefer.\"", problem),
		expect(Commit, weightSupport,
			"Commit to a concrete next step with a time: \"I'll call you back by 3pm tomorrow.\"", problem),
		expect(Contact, weightAdvisory,
			"Give your name and a direct way to reach you, so the customer can come back to you about any worry.",
			rubric.All("long_complaint", rubric.Flag(FlagLongForm), complaint)),
		expect(FollowUp, weightCore,
			"Ask if you can follow up to make sure the customer is satisfied: \"Would it be all right if I checked in on Friday?\"", complaint),
		expect(Document, weightAdvisory,
			"Ask if you may document the case so it does not happen again.",
			rubric.All("long_problem", rubric.Flag(FlagLongForm), problem)),
		expect(Escalate, weightMinor,
			"Bring in a supervisor or someone who can make a difference, and say so.",
			rubric.Any("angry_or_trigger", rubric.Flag(FlagAngry), rubric.Flag(FlagEscalation))),
		expect(Thank, weightCore,
			"Thank the customer for raising it: \"Thank you for bringing this to my attention.\""),

		avoid(NonApology, 0, "Apologize for the trouble itself, not for how the customer feels: \"I'm sorry this happened.\"", true),
		sorryBut(p(SorryBut), p(Apologize)).With(
			rubric.Title(SorryBut.title()), rubric.Weight(weightAvoid),
			rubric.Suggest("Let the apology stand on its own; say what you can do instead of \"but\".")),
		avoid(Policy, 0, "Don't hide behind policy; say what you can do, and ask what would help.", true),
		avoid(Blame, weightAvoid, "Own the problem for the company instead of blaming a colleague or another department.", false),
		avoid(BlameCustomer, 0, "Don't tell the customer what they did wrong; say what you will do to fix it.", true),
		avoid(Dismiss, weightAvoid, "Take the grievance seriously instead of minimising it.", false),
		avoid(Condescend, weightAvoid, "Drop the lecturing tone; explain again kindly, as if for the first time.", false),
		avoid(Vague, weightVague, "Replace the vague promise with a concrete step and a time.", false),

		rubric.Before("calm_first",
			rubric.Expect("calm", calm...),
			rubric.Expect("solve", p(Options)...),
		).With(
			rubric.Title("Calm first, then solve"), rubric.Weight(weightMinor),
			rubric.When(rubric.All("calms_and_solves",
				rubric.Expect("calm", calm...),
				rubric.Expect("solve", p(Options)...))),
			rubric.Suggest("Acknowledge the feeling or apologize before you offer the solution.")),
		rubric.Func("thanks_at_end", thanksAtEndFunc, p(Thank)...).With(
			rubric.Title("Thanks at the close"), rubric.Weight(weightMinor),
			rubric.Suggest("Close by thanking the customer again: \"Thank you for letting me resolve this for you.\"")),
	}
	// Critical anti-patterns carry weight 0: their absence is expected of
	// every reply and earns nothing; their presence fails it.
	return rubric.New("deescalate", criteria,
		rubric.Title("De-escalating reply"),
		rubric.Threshold(DefaultThreshold),
		rubric.CriticalCap(DefaultCriticalCap))
}

// concat returns the lists joined in a new slice.
func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// sorryBut returns the function criterion for sorry_but, whose patterns
// are the sorry_but lexicon followed by the apologize lexicon: it needs
// the apologies to find those taken back at the start of the next
// sentence. The rubric compiles identical patterns once, so sharing them
// with apologize costs nothing.
//
// It finds apologies taken back: a match of the sorry_but lexicon (inside
// a sentence), or an apology whose sentence is followed by one that opens
// with "but", "however", "unfortunately" and the like, unless good news
// follows the opener ("However, the good news is ...").
func sorryBut(sorryBut, apologize []string) rubric.Criterion {
	n := len(sorryBut)
	pats := concat(sorryBut, apologize)
	return rubric.Func(string(SorryBut), func(t *rubric.Text, ms []phrases.Match) rubric.Result {
		return sorryButFunc(n, t, ms)
	}, pats...)
}

func sorryButFunc(n int, t *rubric.Text, ms []phrases.Match) rubric.Result {
	d := t.Doc()
	ev := t.EvidenceBuffer()
	lastSentence := -1
	for i := range ms {
		m := &ms[i]
		if m.Negated {
			continue
		}
		if m.Rule < n {
			ev = append(ev, rubric.Evidence{Start: m.Bytes.Start, End: m.Bytes.End})
			continue
		}
		s := d.Tokens[m.Tokens.End-1].Sentence
		if s == lastSentence || s+1 >= len(d.Sentences) {
			continue
		}
		lastSentence = s
		if end, ok := takeBack(d, s+1); ok {
			ev = append(ev, rubric.Evidence{Start: m.Bytes.Start, End: end})
		}
	}
	if len(ev) == 0 {
		return rubric.Result{Status: rubric.Met}
	}
	return rubric.Result{Status: rubric.Violated, Evidence: ev}
}

// takeBack reports whether sentence s of d opens by taking back what came
// before, and where the opener ends.
func takeBack(d *phrases.Doc, s int) (int, bool) {
	sen := d.Sentences[s]
	i := sen.First
	for i < sen.Last && d.Tokens[i].Kind == phrases.Punct {
		i++
	}
	if i >= sen.Last {
		return 0, false
	}
	switch d.Tokens[i].Norm {
	case "but", "however", "unfortunately", "regrettably", "sadly", "nevertheless", "nonetheless", "yet":
	default:
		return 0, false
	}
	end := d.Tokens[i].End
	for k := i + 1; k < sen.Last && k <= i+3; k++ {
		switch d.Tokens[k].Norm {
		case "good", "great", "also", "rest", "happy", "glad", "luckily", "thankfully", "fortunately", "pleased":
			return 0, false
		}
	}
	return end, true
}

// closingSentences is how many sentences at the end of a reply count as its
// close, for thanks_at_end; closingShare is the share of its words that
// does.
const (
	closingSentences = 3
	closingShare     = 0.35
)

// thanksAtEndFunc is met when the reply thanks the customer among its last
// sentences, not applicable when it does not thank them at all.
func thanksAtEndFunc(t *rubric.Text, ms []phrases.Match) rubric.Result {
	d := t.Doc()
	last := -1
	for i := range ms {
		if !ms[i].Negated {
			last = i
		}
	}
	if last < 0 {
		return rubric.Result{Status: rubric.NotApplicable, Note: "the reply does not thank the customer"}
	}
	m := &ms[last]
	ev := append(t.EvidenceBuffer(), rubric.Evidence{Start: m.Bytes.Start, End: m.Bytes.End})
	s := d.Tokens[m.Tokens.Start].Sentence
	if s >= len(d.Sentences)-closingSentences ||
		float64(m.Tokens.Start) >= (1-closingShare)*float64(len(d.Tokens)) {
		return rubric.Result{Status: rubric.Met, Evidence: ev}
	}
	return rubric.Result{Status: rubric.Missed, Evidence: ev, Note: "the thanks come early; close with them too"}
}
