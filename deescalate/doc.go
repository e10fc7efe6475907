// Package deescalate evaluates customer-service replies to upset customers
// against the guidance on de-escalation: a catalogue of techniques and
// anti-patterns, a ready-made rubric built from it, an anger assessment of
// customer messages, a review of whole conversations, and the writing
// side: composing a reply and suggesting edits to a draft.
//
// It is the domain on top of packages rubric (the scoring mechanism) and
// phrases (the text machinery). Its guidance comes from five short
// articles on handling angry customers, the project's seeds, numbered 000
// to 004; doc comments quote them where they justify a choice.
//
// # Catalogue
//
// [Catalogue] lists the techniques an agent should use (restate,
// validate, apologize, ask, options, commit, contact, follow_up, document,
// escalate, thank) and the anti-patterns to avoid (non_apology, sorry_but,
// policy, blame, blame_customer, dismiss, condescend, vague), each with a
// stable [ID], a title, a one-line description and its phrase patterns.
// The patterns live in plain-text lexicon files embedded in the package,
// one per entry (lexicon/apologize.txt, ...), written in the pattern
// language of package phrases and reviewable by people who do not
// program. Negated forms never count: "I'm not sorry" is not an apology.
//
// # Evaluating a reply
//
// [Evaluate] scores a reply against [DefaultRubric] and lists the
// techniques and anti-patterns it found:
//
//	ev := deescalate.Evaluate(reply, deescalate.WithCustomer(message))
//	fmt.Println(ev.Report.Score, ev.Report.Passed, ev.Techniques, ev.AntiPatterns)
//
// The customer's message is optional context. When it is given, it is
// assessed, and techniques that do not fit the situation are not
// applicable rather than missed: no escalation is expected for a calm
// question, no remedy when there is nothing to fix. A restatement is
// judged against what the customer actually said, pronouns reflected
// ("my order" said back as "your order"). Order matters where the seeds
// say so: calm first, then solve; thanks at the close.
//
// [Evaluation.Report] is a [rubric.Report], with evidence (byte spans into
// the reply) and a suggestion in plain words for every criterion missed
// or violated; it renders as text, JSON or Markdown. A program that
// evaluates many replies one after the other, done with each evaluation
// before the next, calls [Evaluator.EvaluateInto] with one reused
// [Evaluation]: once its memory has grown it allocates nothing with the
// default rubric, and runs about a third faster than Evaluate, whose
// fresh report of some 6 KB costs garbage collection and cache misses.
// An [Evaluator] with
// [WithRubric] scores against a rubric of your own, which may nest or
// extend the default one and test the same situation flags ([FlagProblem],
// [FlagAngry], ...).
//
// # Assessing a customer message
//
// [Assess] gives a customer message an anger score from 0 to 1, a [Level]
// (calm, annoyed, angry, furious), the signals behind it (shouting,
// repeated punctuation, profanity, threats to leave, sue or post a review,
// repeat contact, absolutes) and whether a supervisor should step in
// ([Assessment.Escalate]).
//
// # Reviewing a conversation
//
// [Review] takes the turns of a conversation, customer and agent, and
// returns a [ConversationReview]: an evaluation of every agent turn
// against the customer turns before it, an assessment of every customer
// turn, the customer's anger over the conversation (did it fall?), and
// findings about the whole: calm first, then solve; a close with a
// follow-up and thanks; escalation triggers answered.
//
// # Composing a reply
//
// [Compose] writes a reply to a customer's message from a [Request]: the
// remedies the business can offer, optional names, contact and
// commitment time, the register ([Chat] or [Email]) and a seed. The reply
// restates the problem in the customer's words with pronouns reflected
// ([Reflect]: "my order arrived broken" said back as "your order arrived
// broken", "you charged me twice" as "we charged you twice"), validates
// at a strength that fits the assessed anger, apologises, offers the
// remedies as a choice, commits, asks to follow up, gives the agent's
// contact and thanks. Each [Sentence] of the [Reply] names the technique
// it serves, so a user interface can show the plan. The same request
// gives the same reply; another seed gives another phrasing. Every
// composed reply passes [DefaultRubric] with no anti-pattern.
//
// # Suggesting edits to a draft
//
// [Suggest] returns byte-range [Edit] values for a draft (delete,
// replace, insert), each with the technique or anti-pattern it addresses
// and the reason in plain words: a non-apology replaced by a direct
// apology, a "but" that takes an apology back dropped, policy language
// turned into what can be done, blame removed, a missing follow-up offer
// or thanks inserted before the sign-off. Edits never overlap, and their
// offsets all refer to the draft, so a user interface can show them one
// by one. [Rewrite] applies the edits marked safe and returns the new
// text, which scores higher on the default rubric than the draft.
//
// # JSON
//
// Every result type has JSON tags. [Evaluation] writes the report's
// fields flat beside "techniques" and "antipatterns", the form the autoqa
// example program emits; [ConversationReview] documents its shape.
//
// # Concurrency and cost
//
// Catalogue entries, rubrics, [Evaluator], [Assessor] and [Composer]
// values are read-only once built and safe for concurrent use by multiple
// goroutines; results are plain values owned by the caller. The package
// has no mutable global state: [Evaluate], [Review], [Assess], [Compose],
// [Suggest] and [Rewrite] share default values built once, on first use. Building a rubric compiles
// every lexicon pattern (see [DefaultRubric]); build it once and reuse it.
// An evaluation analyses the reply once and matches every pattern of the
// rubric in one pass; the customer's message is analysed once for the
// assessment and once for the restatement.
package deescalate
