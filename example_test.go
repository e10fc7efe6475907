package empathy_test

import (
	"fmt"

	"github.com/empathy-go/empathy/deescalate"
)

// Score a reply to an upset customer with the default rubric, and see
// which de-escalation techniques and anti-patterns it uses.
func Example() {
	customer := "My order arrived broken and nobody answered my emails!"
	reply := "I'm so sorry your order arrived broken, and that nobody answered your emails. " +
		"I can send a replacement today or refund you in full, whichever you prefer. " +
		"Thank you for your patience."
	e := deescalate.Evaluate(reply, deescalate.WithCustomer(customer))
	fmt.Println("passed:", e.Report.Passed)
	fmt.Println("techniques:", e.Techniques)
	fmt.Println("anti-patterns:", e.AntiPatterns)

	bad := deescalate.Evaluate("Calm down. It's our policy.", deescalate.WithCustomer(customer))
	fmt.Println("passed:", bad.Report.Passed, "anti-patterns:", bad.AntiPatterns)
	// Output:
	// passed: true
	// techniques: [restate apologize options thank]
	// anti-patterns: []
	// passed: false anti-patterns: [policy dismiss]
}
