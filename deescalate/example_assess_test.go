package deescalate_test

import (
	"errors"
	"fmt"

	"github.com/empathy-go/empathy/deescalate"
)

// Assess scores a customer message and says why.
func ExampleAssess() {
	a := deescalate.Assess("This is the THIRD time I've called!!! If nobody fixes it today I'm calling my lawyer.")
	fmt.Printf("anger %.2f, %s\n", a.Anger, a.Level)
	for _, s := range a.Signals {
		fmt.Printf("  %s %q\n", s.Kind, s.Text)
	}
	fmt.Println("escalate:", a.Escalate, a.Reasons)
	// Output:
	// anger 0.92, furious
	//   shouting "THIRD"
	//   repeat_contact "THIRD time"
	//   repeated_punctuation "!!!"
	//   absolute "nobody"
	//   threat_legal "my lawyer"
	// escalate: true [the customer threatens legal action the customer is furious after repeated contact without a fix]
}

// A polite message scores below the baseline, and negated anger does not
// count.
func ExampleAssess_calm() {
	a := deescalate.Assess("I'm not angry, just wondering where my parcel is. No rush, thanks!")
	fmt.Printf("anger %.3f, %s, escalate %v\n", a.Anger, a.Level, a.Escalate)
	for _, s := range a.Signals {
		fmt.Printf("  %s %q %+.2f\n", s.Kind, s.Text, s.Weight)
	}
	// Output:
	// anger 0.031, calm, escalate false
	//   calming "just wondering" -0.40
	//   calming "No rush" -0.06
	//   calming "thanks" -0.01
}

// Masked and stretched swearing is found in the raw text.
func ExampleAssess_profanity() {
	a := deescalate.Assess("wtf, this app is sh!t. f*cking useless. fuuuck")
	for _, s := range a.Signals {
		fmt.Printf("%s %q\n", s.Kind, s.Text)
	}
	// Output:
	// profanity "wtf"
	// profanity "sh!t"
	// profanity "f*cking"
	// insult "useless"
	// profanity "fuuuck"
}

// An Assessor is compiled once and shared; a safety issue escalates
// however calm the message.
func ExampleAssessor() {
	assessor := deescalate.NewAssessor()
	a := assessor.Assess("Hello, the charger that came with my laptop got very hot and left a scorch mark. Is it safe?")
	fmt.Println(a.Level, a.Escalate, a.Reasons)
	// Output:
	// calm true [the customer reports a safety issue]
}

// Levels are text in JSON; an unknown name is a *LevelError.
func ExampleLevel_UnmarshalText() {
	var l deescalate.Level
	fmt.Println(l.UnmarshalText([]byte("furious")), l)
	err := l.UnmarshalText([]byte("livid"))
	var le *deescalate.LevelError
	fmt.Println(errors.As(err, &le), le.Text, l)
	fmt.Println(err)
	// Output:
	// <nil> furious
	// true livid furious
	// deescalate: unknown anger level "livid"
}
