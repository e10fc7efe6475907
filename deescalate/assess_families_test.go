package deescalate

import (
	"slices"
	"testing"
)

// TestAssessFaces pins typed and drawn faces: ">:(" is the angry face,
// not the sad ":(" after a ">", and negation does not reach a face ("not
// happy 😡", "no refund >:(").
func TestAssessFaces(t *testing.T) {
	a := testAssessor()
	for _, msg := range []string{
		"no refund >:(",
		"still waiting >:-(",
		"no reply from anyone >:[",
		"you cancelled it again :@",
	} {
		got := a.Assess(msg)
		if !got.Has(SignalNegativeEmotion) || got.Has(SignalDistress) || got.Level < Annoyed {
			t.Errorf("Assess(%q) = %v (%.3f) %q; want an angry face, no distress, at least annoyed", msg, got.Level, got.Anger, signalTexts(got))
		}
	}
	if got := a.Assess("not happy 😡"); !slices.Contains(signalTexts(got), "negative_emotion:😡") {
		t.Errorf("not happy 😡: %q, want the face counted", signalTexts(got))
	}
	for _, msg := range []string{"ಠ_ಠ", "seriously -_-", "(╯°□°)╯︵ ┻━┻"} {
		if got := a.Assess(msg); !got.Has(SignalNegativeEmotion) {
			t.Errorf("Assess(%q): %q, want negative_emotion", msg, signalTexts(got))
		}
	}
}

// TestAssessIdioms pins idioms of anger and irritation, scolding, and
// slang that needs a subject to be anger.
func TestAssessIdioms(t *testing.T) {
	a := testAssessor()
	annoyed := []string{
		"That was the last straw.",
		"I am running out of patience with this company.",
		"My patience is wearing thin.",
		"You are testing my patience.",
		"This app does my head in.",
		"The manager chewed me out in front of everyone.",
		"He bit my head off for asking.",
		"She went off on me for no reason.",
		"I gave them a piece of my mind.",
		"It is getting right on my nerves.",
		"That really gets my goat.",
		"You're pushing my buttons.",
		"uggghhh not again",
		"Why are you so salty?",
		"I'm so heated right now.",
		"I am very cross with you.",
		"Why do you always change the price?",
		"I am incandescent with rage.",
	}
	for _, msg := range annoyed {
		if got := a.Assess(msg); got.Level < Annoyed || !got.Has(SignalNegativeEmotion) && !got.Has(SignalRhetorical) {
			t.Errorf("Assess(%q) = %v (%.3f) %q; want at least annoyed", msg, got.Level, got.Anger, signalTexts(got))
		}
	}
	for _, msg := range []string{"That was the last straw.", "I am incandescent with rage."} {
		if got := a.Assess(msg); got.Level < Angry {
			t.Errorf("Assess(%q) = %v (%.3f) %q; want at least angry", msg, got.Level, got.Anger, signalTexts(got))
		}
	}
}

// TestAssessOtherSenses pins words whose anger sense is not the one used:
// "mad" meaning "very", tastes, fires, hungry stomachs, thoughts provoked,
// sore skin, and ripping something off.
func TestAssessOtherSenses(t *testing.T) {
	a := testAssessor()
	for _, msg := range []string{
		"I'm mad tired after that shift.",
		"The queue was mad long.",
		"This coffee tastes a bit bitter.",
		"A bitter cold wind today.",
		"A raging fire closed the road.",
		"My stomach is growling, lunch time.",
		"A thought-provoking talk on city planning.",
		"The film is meant to provoke discussion.",
		"Wool can irritate your skin.",
		"He has a skin irritation.",
		"Rip the plaster off and move on.",
		"You simply don't!",
	} {
		if got := a.Assess(msg); got.Anger > Baseline || got.Has(SignalNegativeEmotion) || got.Has(SignalSarcasm) || got.Has(SignalDistress) {
			t.Errorf("Assess(%q) = %.3f %q; want no anger, sarcasm or distress", msg, got.Anger, signalTexts(got))
		}
	}
	// The anger senses still count.
	for _, msg := range []string{"I'm so mad at you.", "I'm so bitter about it.", "I'm raging.", "You irritate me.", "Don't provoke me."} {
		if got := a.Assess(msg); got.Level < Annoyed {
			t.Errorf("Assess(%q) = %v (%.3f) %q; want at least annoyed", msg, got.Level, got.Anger, signalTexts(got))
		}
	}
	// "NOT!" after praise is sarcasm; "don't!" is not.
	if got := a.Assess("Great service... NOT!"); !got.Has(SignalSarcasm) {
		t.Errorf("NOT!: %q, want sarcasm", signalTexts(got))
	}
	// RIP is grief.
	if got := a.Assess("RIP grandad"); !got.Has(SignalDistress) {
		t.Errorf("RIP: %q, want distress", signalTexts(got))
	}
}
