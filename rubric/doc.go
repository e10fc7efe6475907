// Package rubric scores texts against composable rubrics: weighted
// criteria built from phrase patterns, combined with all / any / not /
// at-least-N / before, with critical (auto-fail) items, conditions that make
// a criterion not applicable, and reports that give evidence and
// suggestions.
//
// It is the mechanism, and knows nothing about any domain: package
// deescalate holds a ready-made rubric for customer-service replies built
// with it. Its model is the contact-centre quality scorecard (weighted
// items, auto-fail items, "not applicable" answers) and the prose linter
// (a rule, a span of text, an action), as one small Go type that composes.
//
// # Criteria
//
// A [Criterion] checks one thing in an analysed text and gives a [Finding]
// with a [Status]: met, missed, violated or not applicable.
//
//   - [Expect] is met when one of its phrase patterns occurs; [Avoid] is
//     violated when one occurs. Patterns are those of package phrases:
//     "i am sorry", "~apologize", "(refund | replacement)".
//   - [All], [Any], [AtLeast] and [Not] combine criteria; [Before] checks
//     that one occurs before another.
//   - [Func] decides with a Go function, for anything patterns cannot
//     express; [Flag] tests a fact the caller passes in ([Input.Flags]);
//     [InContext] looks at the context of the text ([Input.Context]) rather
//     than the text itself, in conditions.
//   - Options set a criterion's [Weight], mark it [Critical], give it a
//     [Title] and a suggestion ([Suggest]), and make it conditional
//     ([When]).
//
// Combinators return a Criterion, and a [*Rubric] is itself a Criterion, so
// rubrics nest:
//
//	r, err := rubric.New("reply", []rubric.Criterion{
//		rubric.Expect("apology", "i am [so | very] sorry", "i ~apologize").With(rubric.Weight(2)),
//		rubric.Avoid("blame", "you should have").With(rubric.Critical()),
//		rubric.AtLeast("remedy", 1,
//			rubric.Expect("refund", "refund"),
//			rubric.Expect("replacement", "(replacement | new one)"),
//		),
//	}, rubric.Threshold(75))
//
// # Compiling and evaluating
//
// [New] (or [ParseJSON]) checks every criterion and compiles every pattern
// of the rubric, at any depth, into one [phrases.Matcher], keeping a table
// from each pattern back to the criteria that use it. [Rubric.Evaluate]
// then analyses the text and matches it once, whatever the number of
// criteria, and routes each match to its criteria. Matching uses
// [phrases.Matcher.MatchAll], so every criterion sees every occurrence of
// its own patterns, even where another criterion's pattern overlaps it.
//
// [Rubric.EvaluateInto] does the same into a report whose memory it
// reuses, for callers that score many texts in a row.
//
// A Rubric is read-only once compiled and safe for concurrent use by
// multiple goroutines.
//
// # Negation
//
// A match inside a negation scope ("I'm not sorry", "we never offer a
// refund") never counts as evidence that a phrase is present: it does not
// meet an Expect criterion and does not violate an Avoid one. Such matches
// are reported apart, as [Finding.Negated], so that a reader can see why
// "I'm not sorry" did not count as an apology.
//
// # Scoring
//
// A rubric's score is the weighted share of its applicable criteria that
// are met, from 0 to 100:
//
//	score = 100 × Σ weight × credit / Σ weight      (applicable criteria only)
//
// where credit is 1 for met, 0 for missed or violated, and a nested
// rubric's own score / 100. Each finding reports its weight and its
// contribution to the score. A rubric with no applicable weighted
// criterion scores 100; a nested one with no applicable criterion at all
// is itself not applicable.
//
// Not applicable: a criterion whose [When] condition is not met leaves
// both numerator and denominator, as an "N/A" answer does on a
// scorecard; its finding says not_applicable, with the reason in its
// note, and the criteria inside it are not applicable too.
//
// Critical: when a critical criterion is missed or violated, the rubric
// fails whatever its score, and the score is capped at the rubric's
// [CriticalCap] (0 unless set). A weighted mean lets many small successes
// hide one unacceptable failure; auto-fail items exist on contact-centre
// scorecards to stop exactly that. The report lists the failed critical
// criteria.
//
// A rubric passes when its score, rounded to two decimals, reaches its
// [Threshold] ([DefaultThreshold] unless set) and no critical criterion
// failed. Evaluation is deterministic: the same input gives the same
// report, and the same rendering byte for byte.
//
// # Reports
//
// A [Report] holds the score, the pass mark, whether the text passed, and
// one [Finding] per criterion in rubric order: id, title, status, weight,
// contribution, evidence (byte spans into the text with the matched text),
// negated matches, a suggestion when the criterion was missed or violated,
// a note, and the findings of nested criteria. It renders as linter-style
// text ([Report.WriteText]), JSON ([Report.WriteJSON]) and Markdown
// ([Report.WriteMarkdown]). The JSON form has these field names, which are
// stable (fields marked ? are left out when empty):
//
//	report    rubric, title?, score, threshold, passed, critical_failures?, findings
//	finding   id, title?, status, critical?, weight, contribution, evidence?,
//	          negated?, suggestion?, note?, children?
//	evidence  start, end, text, pattern?
//
// Statuses are written "met", "missed", "violated" and "not_applicable".
//
// # Context and flags
//
// An [Input] carries, besides the text, an optional context (another text,
// such as the message being replied to) and flags (facts the caller
// knows). Conditions test them: When(Flag("vip")), or
// When(InContext(Expect("asked", "?"))) to expect something only when the
// context asks a question. Function criteria read them through [Text].
//
// # Rubric files
//
// A rubric file is a JSON object describing a rubric. [ParseJSON] reads
// one and [Rubric.MarshalJSON] writes one; a rubric built in Go and
// written to a file reads back into an equal rubric, except that function
// criteria cannot be written. A short file:
//
//	{
//	  "id": "reply",
//	  "title": "Reply quality",
//	  "threshold": 75,
//	  "criteria": [
//	    {"id": "apology", "weight": 2, "expect": ["i am [so | very] sorry", "i ~apologize"]},
//	    {"id": "blame", "critical": true, "avoid": ["you should have"],
//	     "suggestion": "Say what you will do, not what they did wrong."},
//	    {"id": "remedy", "at_least": {"n": 1, "of": [
//	      {"id": "refund", "expect": ["refund"]},
//	      {"id": "replacement", "expect": ["(replacement | new one)"]}
//	    ]}},
//	    {"id": "answer", "when": {"context": {"id": "asked", "expect": ["?"]}},
//	     "expect": ["to answer your question"]}
//	  ]
//	}
//
// The rubric object has these fields:
//
//	id            string, required: the rubric's id
//	title         string: a name for people
//	threshold     number 0–100: the pass mark (default 80)
//	critical_cap  number 0–100: the highest score when a critical criterion fails (default 0)
//	criteria      array of criterion objects, required, at least one
//
// and, used only when the rubric is nested in another, the common
// criterion fields below. Each criterion object has exactly one field
// naming its kind:
//
//	expect     array of pattern strings: met when one occurs
//	avoid      array of pattern strings: violated when one occurs
//	all        array of criteria: met when all applicable ones are
//	any        array of criteria: met when one applicable one is
//	at_least   object {"n": number, "of": array of criteria}: met when n are
//	not        criterion: met when it is not
//	before     array of exactly two criteria: the first must occur before the second
//	flag       string: met when the input carries this flag
//	context    criterion: evaluated against the input's context (conditions only)
//	criteria   array of criteria: a nested rubric, with threshold and critical_cap
//
// and these common fields, all optional except id:
//
//	id          string: letters, digits, '_', '-' and '.', unique among its
//	            siblings; required except on flag criteria (where it
//	            defaults to the flag's name) and context criteria (where it
//	            defaults to the inner criterion's id)
//	title       string: a name for people
//	weight      number ≥ 0: the weight in the enclosing rubric (default 1)
//	critical    boolean: the criterion is critical (default false); only on
//	            a rubric's own criteria
//	when        criterion: the condition under which the criterion applies
//	suggestion  string: advice shown when the criterion is missed or violated
//
// Any other field is an error. [ParseJSON] reports every problem in a file
// at once, in document order, each with the path of the value at fault:
//
//	rubric: criteria[2].avoid[0]: phrases: unknown tag "VBX" at offset 7
//	rubric: criteria[3].id: duplicate id "apology" (first at criteria[0])
//	rubric: criteria[4].wieght: unknown field "wieght"
//
// The error is an [ErrorList]; each element is an [*Error] with a path, an
// [ErrorCode] and, for bad patterns, the [*phrases.Error] underneath.
// Rubrics built with [New] are checked the same way and report the same
// paths.
package rubric
