package deescalate_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/empathy-go/empathy/deescalate"
	"github.com/empathy-go/empathy/rubric"
)

// Evaluate a reply on its own: the techniques and anti-patterns found, and
// the score against the default rubric.
func ExampleEvaluate() {
	reply := "I'm so sorry for the trouble, and I completely understand why you're frustrated. " +
		"Unfortunately it's our policy not to refund opened items."

	ev := deescalate.Evaluate(reply)
	fmt.Println("techniques:", ev.Techniques)
	fmt.Println("anti-patterns:", ev.AntiPatterns)
	fmt.Printf("score %.2f, passed %v, critical %v\n", ev.Report.Score, ev.Report.Passed, ev.Report.CriticalFailures)
	f, _ := ev.Finding(deescalate.Policy)
	fmt.Printf("%s: %q\n", f.Status, f.Evidence[0].Text)
	fmt.Println("suggestion:", f.Suggestion)
	// Output:
	// techniques: [validate apologize]
	// anti-patterns: [sorry_but policy]
	// score 40.00, passed false, critical [policy]
	// violated: "it's our policy"
	// suggestion: Don't hide behind policy; say what you can do, and ask what would help.
}

// With the customer's message, the restatement is judged against what the
// customer said, and the message decides what the situation calls for:
// here the customer is furious and asks for a manager, so escalating is
// expected.
func ExampleEvaluate_withCustomer() {
	customer := "My order arrived broken and nobody has answered my emails for a week. " +
		"I want to speak to a manager!"
	reply := "I'm so sorry your order arrived broken and that your emails went unanswered for a week. " +
		"I can send a replacement today or refund you in full, whichever you prefer. " +
		"Thank you for your patience."

	ev := deescalate.Evaluate(reply, deescalate.WithCustomer(customer))
	fmt.Println("customer:", ev.Customer.Level, "escalate:", ev.Customer.Escalate)
	fmt.Println("techniques:", ev.Techniques)
	for _, id := range []deescalate.ID{deescalate.Restate, deescalate.Escalate, deescalate.FollowUp} {
		f, _ := ev.Finding(id)
		fmt.Printf("%s: %s\n", id, f.Status)
	}
	f, _ := ev.Finding(deescalate.Restate)
	fmt.Printf("restated: %q\n", f.Evidence[0].Text)
	// Output:
	// customer: furious escalate: true
	// techniques: [restate apologize options thank]
	// restate: met
	// escalate: missed
	// follow_up: missed
	// restated: "I'm so sorry your order arrived broken and that your emails went unanswered for a week."
}

// A calm question calls for neither an escalation nor a remedy: those
// criteria are not applicable, and leave the score's denominator.
func ExampleEvaluate_calmQuestion() {
	ev := deescalate.Evaluate("Thanks for asking! We're open 9am to 6pm on weekdays.",
		deescalate.WithCustomer("Hi, what are your opening hours?"))
	var na []string
	for _, f := range ev.Report.Findings {
		if f.Status == rubric.NotApplicable {
			na = append(na, f.ID)
		}
	}
	fmt.Println("not applicable:", strings.Join(na, " "))
	fmt.Printf("score %.2f, passed %v\n", ev.Report.Score, ev.Report.Passed)
	// Output:
	// not applicable: restate validate apologize ask options commit contact follow_up document escalate calm_first
	// score 100.00, passed true
}

// NewEvaluator reports a bad option instead of failing later.
func ExampleNewEvaluator() {
	_, err := deescalate.NewEvaluator(deescalate.WithRubric(nil))
	fmt.Println(err)
	// Output:
	// deescalate: nil rubric
}

// Review a conversation: the customer's anger over their turns, and
// findings about the conversation as a whole.
func ExampleReview() {
	cr := deescalate.Review([]deescalate.Turn{
		{Role: deescalate.Customer, Text: "This is the THIRD time my delivery has been late. I'm furious!!"},
		{Role: deescalate.Agent, Text: "I'm really sorry, three late deliveries is not okay and I understand why you're furious. " +
			"I can refund the delivery fee or send the order by express tomorrow, whichever you prefer."},
		{Role: deescalate.Customer, Text: "Express tomorrow please."},
		{Role: deescalate.Agent, Text: "Done, it will arrive by noon tomorrow. " +
			"Would it be okay if I checked in tomorrow afternoon to make sure it arrived? Thank you for bearing with us."},
	})
	for _, i := range []int{0, 2} {
		fmt.Println("customer turn", i, cr.Turns[i].Assessment.Level)
	}
	fmt.Println("deescalated:", cr.Deescalated)
	for _, f := range cr.Findings {
		fmt.Printf("%s: %s\n", f.ID, f.Status)
	}
	// Output:
	// customer turn 0 furious
	// customer turn 2 calm
	// deescalated: true
	// anger_trajectory: met
	// calm_first: met
	// closing: met
	// escalation_answered: missed
	// no_anti_patterns: met
}

// The report gives the evidence for each finding, as byte offsets into the
// reply, and a suggestion for each criterion violated or missed.
func ExampleEvaluation_Report() {
	reply := "Calm down, it's not a big deal. You should have read the instructions."
	ev := deescalate.Evaluate(reply)
	for _, f := range ev.Report.Findings {
		if f.Status != rubric.Violated {
			continue
		}
		for _, e := range f.Evidence {
			fmt.Printf("%s [%d:%d] %q\n", f.ID, e.Start, e.End, reply[e.Start:e.End])
		}
		fmt.Println("  ", f.Suggestion)
	}
	fmt.Println("critical:", ev.Report.CriticalFailures)
	// Output:
	// blame_customer [32:56] "You should have read the"
	//    Don't tell the customer what they did wrong; say what you will do to fix it.
	// dismiss [0:9] "Calm down"
	// dismiss [11:30] "it's not a big deal"
	//    Take the grievance seriously instead of minimising it.
	// critical: [blame_customer]
}

// An Evaluation is written to JSON flat, in the form the autoqa example
// program prints.
func ExampleEvaluation_MarshalJSON() {
	ev := deescalate.Evaluate("Thank you for letting us know!")
	b, err := json.Marshal(ev)
	if err != nil {
		fmt.Println(err)
		return
	}
	var out map[string]any
	json.Unmarshal(b, &out)
	fmt.Println(out["techniques"], out["antipatterns"], out["passed"])
	// Output:
	// [thank] [] false
}
