package deescalate_test

import (
	"fmt"

	"github.com/empathy-go/empathy/deescalate"
)

// Suggest lists byte-range edits a UI can show one by one: what to
// delete, replace or insert, the technique or anti-pattern each
// addresses, and whether Rewrite applies it.
func ExampleSuggest() {
	draft := "I'm sorry you feel that way, but you should have checked the size chart. " +
		"We can exchange them for a larger pair."

	for _, e := range deescalate.Suggest(draft) {
		fmt.Printf("%s %s [%d:%d] %q → %q safe=%v\n", e.Kind, e.ID, e.Start, e.End, e.Old, e.Text, e.Safe)
	}
	// Output:
	// replace non_apology [0:27] "I'm sorry you feel that way" → "I'm sorry this happened" safe=true
	// delete blame_customer [27:71] ", but you should have checked the size chart" → "" safe=true
	// insert follow_up [112:112] "" → " Mind if I check back in a couple of days to make sure it's all sorted?" safe=true
	// insert thank [112:112] "" → " Thanks for letting me know." safe=true
}

// Rewrite applies the safe edits. In an e-mail, the follow-up offer and
// the thanks go in paragraphs of their own before the sign-off.
func ExampleRewrite() {
	draft := "Dear Mr. Patel,\n\n" +
		"I'm sorry, but the courier has not scanned your parcel since Monday. " +
		"As I already explained, I have opened a trace and will call you by 5pm tomorrow.\n\n" +
		"Kind regards,\nAnna\nCustomer Care"

	text, edits := deescalate.Rewrite(draft)
	fmt.Println(text)
	fmt.Println("---")
	for _, e := range edits {
		fmt.Println(e.Kind, e.ID)
	}
	before, after := deescalate.Evaluate(draft), deescalate.Evaluate(text)
	fmt.Printf("score %.1f → %.1f, anti-patterns %v → %v\n",
		before.Report.Score, after.Report.Score, before.AntiPatterns, after.AntiPatterns)
	// Output:
	// Dear Mr. Patel,
	//
	// I'm sorry. The courier has not scanned your parcel since Monday. I have opened a trace and will call you by 5pm tomorrow.
	//
	// Would it be all right if I checked in with you in a few days to make sure everything is sorted?
	//
	// Thank you for bringing this to my attention.
	//
	// Kind regards,
	// Anna
	// Customer Care
	// ---
	// replace sorry_but
	// delete condescend
	// insert follow_up
	// insert thank
	// score 45.9 → 79.4, anti-patterns [sorry_but condescend] → []
}

// Some edits are only suggested: where removing the policy words would
// take information the customer needs with them, or a vague promise needs
// a concrete step only the writer can give, Safe is false and the reason
// says why. Rewrite leaves them to a person.
func ExampleSuggest_notSafe() {
	draft := "Data protection rules mean I'm not allowed to discuss other accounts with you. " +
		"We'll get back to you at some point."

	for _, e := range deescalate.Suggest(draft) {
		if !e.Safe {
			fmt.Printf("%s %s %q\n%s\n", e.Kind, e.ID, e.Old, e.Reason)
		}
	}
	// Output:
	// replace policy "Data protection rules mean I'm not allowed to discuss other accounts with you."
	// Hiding behind policy or helplessness ("I'm not allowed to") tells the customer nothing can be done; say what you can do instead. Ask what would help (seed 001). Not applied automatically: the sentence also says "Data protection rules mean discuss other accounts"; rephrase it as what you can do.
	// delete vague " We'll get back to you at some point."
	// A vague promise ("We'll get back to you") leaves the customer unsure; replace it with a concrete step and a time ("I'll call you back by 3pm tomorrow"). Not applied automatically: only you know what you can promise.
}

// With the customer's message, a draft that does not acknowledge an angry
// customer's feeling gets a validation sized to the anger, first.
func ExampleRewrite_withCustomer() {
	customer := "This is the THIRD time my card has been charged twice. Absolutely fed up!!"
	draft := "I've refunded the second charge and blocked the duplicate payment. " +
		"Thanks for flagging it, and mind if I check on Friday that the refund has cleared?"

	text, _ := deescalate.Rewrite(draft, deescalate.WithCustomer(customer))
	fmt.Println(text)
	// Output:
	// I completely understand why you're angry, and you have every right to be. I've refunded the second charge and blocked the duplicate payment. Thanks for flagging it, and mind if I check on Friday that the refund has cleared?
}
