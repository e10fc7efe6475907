package deescalate_test

import (
	"errors"
	"fmt"

	"github.com/empathy-go/empathy/deescalate"
)

// Compose a chat reply to a complaint, and print it with its plan: the
// technique each sentence serves.
func ExampleCompose() {
	rep, err := deescalate.Compose(deescalate.Request{
		Message:      "My order arrived broken and nobody answered my emails!",
		CustomerName: "Maria",
		AgentName:    "Sam",
		Contact:      "555-0142",
		Remedies:     []string{"a full refund", "a replacement sent by express delivery"},
		By:           "by Friday",
		Register:     deescalate.Chat,
		Seed:         1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range rep.Sentences {
		fmt.Printf("%-9s %s\n", s.Technique, s.Text)
	}
	fmt.Println("passes:", rep.Evaluation.Report.Passed, "anti-patterns:", len(rep.Evaluation.AntiPatterns))
	// Output:
	//           Hi Maria, it's Sam here.
	// restate   So, if I understand correctly, your order arrived broken and nobody answered your emails.
	// validate  That must be really frustrating.
	// apologize I apologise for the trouble this has caused.
	// options   I can offer you a full refund or a replacement sent by express delivery; which would you prefer?
	// commit    Once you've chosen, I'll make sure it's done by Friday.
	// follow_up May I check back with you afterwards to make sure everything is working as it should?
	// contact   You can reach me directly at 555-0142.
	// thank     Thank you for bringing this to my attention.
	// passes: true anti-patterns: 0
}

// An e-mail reply: a salutation, paragraphs, a closing and the agent's
// name. With no remedies to offer, the reply asks what would put things
// right.
func ExampleCompose_email() {
	rep, err := deescalate.Compose(deescalate.Request{
		Message:   "I've been waiting for an engineer since Monday and nobody has called me.",
		AgentName: "Priya",
		Register:  deescalate.Email,
		Seed:      4,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Text)
	// Output:
	// Hello,
	//
	// From what you have told us, you've been waiting for an engineer since Monday and nobody has called you. I'm so sorry this happened. I'd be frustrated too.
	//
	// What would help most to put this right for you? I'll take care of this myself and see it through. If you're happy for me to, I'll also record this with the team so that it doesn't happen to anyone else.
	//
	// May I check back with you afterwards to make sure everything is working as it should?
	//
	// Thank you for raising this with us.
	//
	// Kind regards,
	// Priya
}

// A request Compose cannot answer gets a *ComposeError whose code says
// why, and, for a field at fault, which field.
func ExampleCompose_error() {
	_, err := deescalate.Compose(deescalate.Request{
		Message:  "My parcel is late.",
		Remedies: []string{"a refund", "a voucher, but it's company policy to charge a fee"},
	})
	var ce *deescalate.ComposeError
	if errors.As(err, &ce) {
		fmt.Println(ce.Code == deescalate.ErrAntiPattern, ce.Field)
	}
	fmt.Println(err)

	_, err = deescalate.Compose(deescalate.Request{Message: "  "})
	fmt.Println(err)
	// Output:
	// true Remedies[1]
	// deescalate: compose: Remedies[1]: field brings an anti-pattern into the reply: policy
	// deescalate: compose: Message: no customer message
}

// Reflect says the customer's words back from the agent's side: the
// customer's "I" and "my" become "you" and "your", and the customer's
// "you", which means the company, becomes "we" or "us".
func ExampleReflect() {
	fmt.Println(deescalate.Reflect("You charged me twice and I was told it would be fixed."))
	fmt.Println(deescalate.Reflect("I've called you five times about my order."))
	fmt.Println(deescalate.Reflect("My husband and I waited three hours."))
	// Output:
	// We charged you twice and you were told it would be fixed.
	// You've called us five times about your order.
	// You and your husband waited three hours.
}

// Restatement picks the problem out of a message, trims it, turns a
// question or a request into a statement, and reflects it.
func ExampleRestatement() {
	fmt.Println(deescalate.Restatement("Hi, thanks for the quick reply. Unfortunately the replacement you sent is broken too."))
	fmt.Println(deescalate.Restatement("Why does your website keep logging me out?"))
	fmt.Println(deescalate.Restatement("Cancel my subscription today."))
	fmt.Printf("%q\n", deescalate.Restatement("See you in court."))
	// Output:
	// the replacement we sent is broken too
	// our website keeps logging you out
	// you'd like us to cancel your subscription today
	// ""
}

// Registers read and write as their names, in JSON too.
func ExampleRegister_UnmarshalText() {
	var r deescalate.Register
	if err := r.UnmarshalText([]byte("email")); err != nil {
		fmt.Println(err)
	}
	fmt.Println(r == deescalate.Email, r)
	fmt.Println(r.UnmarshalText([]byte("fax")))
	// Output:
	// true email
	// deescalate: compose: Register: unknown register: "fax"
}
