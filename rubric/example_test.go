package rubric_test

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/empathy-go/empathy/phrases"
	"github.com/empathy-go/empathy/rubric"
)

// Build a rubric in Go, evaluate a reply and print the report as a linter
// would.
func Example() {
	r, err := rubric.New("reply", []rubric.Criterion{
		rubric.Expect("apology", "i am [so | very] sorry", "i ~apologize").With(
			rubric.Weight(2),
			rubric.Suggest("Apologise for the trouble in plain words."),
		),
		rubric.AtLeast("remedy", 1,
			rubric.Expect("refund", "~refund"),
			rubric.Expect("replacement", "(replacement | new one)"),
		),
		rubric.Avoid("blame", "you should have", "you must have").With(rubric.Critical()),
		rubric.Avoid("dismiss", "calm down", "not a big deal"),
	}, rubric.Threshold(75))
	if err != nil {
		fmt.Println(err)
		return
	}

	rep := r.Evaluate("I'm so sorry about the delay.\nI can send a new one today. Please calm down.")
	rep.WriteText(os.Stdout, "reply.txt")
	// Output:
	// reply.txt: reply: score 80.00/100, passed (threshold 75)
	// reply.txt:1:1: apology: met: "I'm so sorry"
	// reply.txt: remedy: met
	// reply.txt: remedy/refund: missed
	// reply.txt:2:14: remedy/replacement: met: "new one"
	// reply.txt: blame: met, critical
	// reply.txt:2:36: dismiss: violated: "calm down"
	// 	suggestion: Remove or rephrase "calm down".
}

// Load a rubric file, with a condition on the message being replied to,
// and evaluate a reply in context.
func ExampleParseJSON() {
	file := `{
	  "id": "reply",
	  "threshold": 70,
	  "criteria": [
	    {"id": "thanks", "expect": ["thank you", "thanks"]},
	    {"id": "answer", "title": "Answers the question",
	     "when": {"context": {"id": "asked", "expect": ["?"]}},
	     "expect": ["(yes | no) ,", "to answer your question"]},
	    {"id": "contact", "when": {"flag": "escalated"}, "expect": ["<phone>", "<email>"]}
	  ]
	}`
	r, err := rubric.ParseJSON([]byte(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	rep := r.EvaluateInput(rubric.Input{
		Text:    "Thanks for asking. Yes, it ships on Monday.",
		Context: "Will my order ship before the holiday?",
	})
	for _, f := range rep.Findings {
		fmt.Println(strings.TrimSpace(f.ID + ": " + f.Status.String() + " " + f.Note))
	}
	fmt.Println("score:", rep.Score)
	// Output:
	// thanks: met
	// answer: met
	// contact: not_applicable condition "escalated" not met
	// score: 100
}

// A report is plain data: read the score, the findings and their evidence.
func ExampleReport() {
	r := rubric.MustNew("reply", []rubric.Criterion{
		rubric.Expect("apology", "sorry").With(rubric.Weight(3)),
		rubric.Expect("thanks", "thank you"),
	})
	text := "Sorry for the wait! I'm not sorry I asked, though."
	rep := r.Evaluate(text)

	fmt.Printf("score %.2f, passed %v\n", rep.Score, rep.Passed)
	for _, f := range rep.Findings {
		fmt.Printf("%s: %s, weight %v, %.2f points\n", f.ID, f.Status, f.Weight, f.Contribution)
		for _, ev := range f.Evidence {
			fmt.Printf("  evidence [%d:%d] %q\n", ev.Start, ev.End, text[ev.Start:ev.End])
		}
		for _, ev := range f.Negated {
			fmt.Printf("  negated, not counted [%d:%d] %q\n", ev.Start, ev.End, ev.Text)
		}
		if f.Suggestion != "" {
			fmt.Println("  suggestion:", f.Suggestion)
		}
	}
	// Output:
	// score 75.00, passed false
	// apology: met, weight 3, 75.00 points
	//   evidence [0:5] "Sorry"
	//   negated, not counted [28:33] "sorry"
	// thanks: missed, weight 1, 0.00 points
	//   suggestion: Say something like "thank you".
}

// A function criterion decides what patterns cannot: here, that a reply
// repeats a word from the message it answers. It gets the analysed text
// and the matches of its own patterns.
func ExampleFunc() {
	echo := rubric.Func("echo", func(t *rubric.Text, matches []phrases.Match) rubric.Result {
		msg := t.Context()
		if msg == nil {
			return rubric.Result{Status: rubric.NotApplicable, Note: "no message to echo"}
		}
		words := map[string]bool{}
		for _, tok := range msg.Tokens {
			if tok.Kind == phrases.Word && len(tok.Norm) > 4 {
				words[tok.Stem] = true
			}
		}
		var ev []rubric.Evidence
		for _, tok := range t.Doc().Tokens {
			if words[tok.Stem] {
				ev = append(ev, rubric.Evidence{Start: tok.Start, End: tok.End})
			}
		}
		if len(ev) == 0 {
			return rubric.Result{Status: rubric.Missed, Note: "says nothing about the message"}
		}
		return rubric.Result{Status: rubric.Met, Evidence: ev}
	})
	long := rubric.Func("concise", func(t *rubric.Text, matches []phrases.Match) rubric.Result {
		// matches holds this criterion's own patterns' matches.
		if len(matches) > 2 {
			return rubric.Result{Status: rubric.Violated, Note: fmt.Sprintf("%d filler words", len(matches))}
		}
		return rubric.Result{Status: rubric.Met}
	}, "(basically | actually | really | just)")

	r := rubric.MustNew("reply", []rubric.Criterion{echo, long})
	rep := r.EvaluateInput(rubric.Input{
		Text:    "Your parcel was really just basically delayed by the courier.",
		Context: "Where is my parcel? It's late.",
	})
	for _, f := range rep.Findings {
		fmt.Println(f.ID, f.Status, f.Note, len(f.Evidence))
	}
	// Output:
	// echo met  1
	// concise violated 3 filler words 0
}

// Rubric files report every problem at once, each with its path.
func ExampleParseJSON_errors() {
	file := `{
	  "id": "reply",
	  "criteria": [
	    {"id": "apology", "expect": ["sorry"]},
	    {"id": "apology", "expect": ["thank you"], "wieght": 2},
	    {"id": "policy", "avoid": ["our policy", "sorry @VBX"]}
	  ]
	}`
	_, err := rubric.ParseJSON([]byte(file))
	var list rubric.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
		}
	}
	var pe *phrases.Error
	if errors.As(err, &pe) {
		fmt.Println(pe.Caret())
	}
	// Output:
	// rubric: criteria[1].id: duplicate id "apology" (first at criteria[0])
	// rubric: criteria[1].wieght: unknown field "wieght"
	// rubric: criteria[2].avoid[1]: phrases: unknown tag "VBX" at offset 7
	// sorry @VBX
	//        ^
}

// Rubrics nest: a rubric is a criterion, scored by its own score.
func ExampleRubric_With() {
	tone := rubric.MustNew("tone", []rubric.Criterion{
		rubric.Avoid("dismiss", "calm down"),
		rubric.Avoid("condescend", "obviously"),
	})
	r := rubric.MustNew("reply", []rubric.Criterion{
		rubric.Expect("apology", "sorry"),
		tone.With(rubric.Weight(2), rubric.Title("Tone")),
	})
	rep := r.Evaluate("Sorry! Obviously it broke.")
	var b strings.Builder
	rep.WriteMarkdown(&b)
	fmt.Print(b.String())
	// Output:
	// ## reply
	//
	// Rubric `reply`: **66.67** / 100, **failed** (threshold 80).
	//
	// | Criterion | Status | Weight | Points | Evidence | Note |
	// | --- | --- | ---: | ---: | --- | --- |
	// | `apology` | met | 1 | 33.33 | "Sorry" (1:1) |  |
	// | `tone` Tone | violated | 2 | 33.33 |  | score 50.00, threshold 80 |
	// | &nbsp;&nbsp;`tone/dismiss` | met | 1 | 50.00 |  |  |
	// | &nbsp;&nbsp;`tone/condescend` | violated | 1 | 0.00 | "Obviously" (1:8) |  |
	//
	// ### Suggestions
	//
	// - `tone/condescend` (violated): Remove or rephrase "Obviously".
}
