package deescalate

import (
	"slices"
	"testing"
)

// The tests here pin the rules that tell anger from other strong feeling:
// evidence that counts only beside other anger, the writer's ownership of
// a feeling, and words with a sense that is not anger. The messages are
// written for these tests.

// weightOf returns the summed weight of the signals of kind whose text is
// text.
func weightOf(a Assessment, kind, text string) (float64, bool) {
	var w float64
	found := false
	for _, s := range a.Signals {
		if s.Kind == kind && s.Text == text {
			w += s.Weight
			found = true
		}
	}
	return w, found
}

func TestAssessOnlyWithAnger(t *testing.T) {
	a := testAssessor()
	tests := []struct {
		alone, angry string // the same evidence without and with other anger
		kind, text   string
	}{
		// Words of bad feeling are fear's and sadness's as much as anger's.
		{"The news tonight is awful.", "I'm furious, the news tonight is awful.", SignalComplaint, "awful"},
		// A stretch of time is a fact until something makes it a wait.
		{"I have lived here for three years.", "I'm furious, I have lived here for three years.", SignalWaiting, "for three years"},
		// Swearing marks strong feeling of any kind.
		{"That concert was fucking brilliant.", "I'm livid, that concert was fucking awful.", SignalProfanity, "fucking"},
	}
	for _, tt := range tests {
		alone, angry := a.Assess(tt.alone), a.Assess(tt.angry)
		wa, ok := weightOf(alone, tt.kind, tt.text)
		if tt.kind != SignalProfanity && !ok {
			t.Errorf("Assess(%q): no %s %q; got %q", tt.alone, tt.kind, tt.text, signalTexts(alone))
			continue
		}
		wb, ok := weightOf(angry, tt.kind, tt.text)
		if !ok {
			t.Errorf("Assess(%q): no %s %q; got %q", tt.angry, tt.kind, tt.text, signalTexts(angry))
			continue
		}
		if wa >= wb {
			t.Errorf("%s %q weighs %.3f alone (%q), %.3f with anger (%q); want less alone", tt.kind, tt.text, wa, tt.alone, wb, tt.angry)
		}
		if alone.Level >= Angry {
			t.Errorf("Assess(%q) = %v (%.3f); want below angry", tt.alone, alone.Level, alone.Anger)
		}
	}

	// Bare bad feeling does not make a message annoyed; aimed at the
	// service it is a complaint.
	if got := a.Assess("The weather this week has been terrible."); got.Level != Calm {
		t.Errorf("bad weather: %v (%.3f), want calm", got.Level, got.Anger)
	}
	// With nothing else it is fear's or sadness's more often than anger's,
	// and scores below a neutral message; beside anything that would raise
	// the score it counts for nothing.
	if got := a.Assess("The news tonight is awful."); got.Anger >= Baseline {
		t.Errorf("bad news: %.3f %q, want below the baseline", got.Anger, signalTexts(got))
	}
	if got := a.Assess("The news tonight is awful!!"); got.Anger <= Baseline {
		t.Errorf("bad news!!: %.3f %q, want above the baseline", got.Anger, signalTexts(got))
	}
	for _, msg := range []string{"Terrible service from start to finish.", "Your app is terrible."} {
		if got := a.Assess(msg); got.Level < Annoyed {
			t.Errorf("Assess(%q) = %v (%.3f) %q; want at least annoyed", msg, got.Level, got.Anger, signalTexts(got))
		}
	}
	// Abuse is anger in its own right.
	if got := a.Assess("fuck you and your hold music"); got.Level < Angry {
		t.Errorf("abuse: %v (%.3f) %q, want at least angry", got.Level, got.Anger, signalTexts(got))
	}
	// A swear word that only intensifies another feeling is that.
	if got := a.Assess("so fucking scared of the dark"); got.Has(SignalProfanity) || got.Anger >= Baseline {
		t.Errorf("fear with a swear word: %.3f %q, want no profanity, below the baseline", got.Anger, signalTexts(got))
	}
}

func TestAssessOwnership(t *testing.T) {
	a := testAssessor()
	// Pairs: the writer owns the feeling in the first, not in the second.
	pairs := [][2]string{
		{"It irritates me.", "It irritates him."},
		{"Fuming right now.", "He was fuming right now."},
		{"@shop Furious with this order.", "@shop The Furious Five order."},
	}
	for _, p := range pairs {
		own, other := a.Assess(p[0]), a.Assess(p[1])
		if own.Anger <= other.Anger {
			t.Errorf("%q scores %.3f, %q %.3f; want the writer's own feeling higher", p[0], own.Anger, p[1], other.Anger)
		}
	}
	// A hashtag of another feeling is the writer's label too.
	if tag, word := a.Assess("exam tomorrow #scared"), a.Assess("exam tomorrow, scared"); tag.Anger >= word.Anger {
		t.Errorf("#scared scores %.3f, scared %.3f; want the hashtag lower", tag.Anger, word.Anger)
	}
}

func TestAssessSenses(t *testing.T) {
	a := testAssessor()
	// Words with an anger sense used in another one.
	calm := []string{
		"Playing madden 25 with my brother tonight.",
		"Our offense looked sharp in the second half.",
		"I finally got the nerve to ask for a raise.",
		"I feel so stupid for forgetting my keys.",
		"I could not be more happy with the new kitchen.",
		"It is crazy how fast and furious 9 sold out.",
		"so I'm done with the exams, time to sleep",
		"What is your deal on fibre broadband?",
		"I worked up an appetite on the walk.",
		"I have irritable bowel syndrome.",
		"I can't stand up for long after the operation.",
		"She looked drop dead gorgeous.",
		"The petty cash tin is empty.",
	}
	for _, msg := range calm {
		if got := a.Assess(msg); got.Level != Calm {
			t.Errorf("Assess(%q) = %v (%.3f) %q; want calm", msg, got.Level, got.Anger, signalTexts(got))
		}
	}
	// And in their anger sense.
	angry := []string{
		"This is maddening.",
		"I take offence at the way your staff spoke to me.",
		"The nerve of your manager to hang up on me!",
		"You are so stupid, you sent it to the wrong house again.",
		"I could not be more disappointed with this order.",
		"My blood is boiling after that call.",
		"Who do you think you are, hanging up on me?",
		"Whoever approved this should be fired.",
		"I can't stand your hold music any longer.",
		"This saga keeps raising my blood pressure.",
		"they gave my seat to someone else #notfair",
		"Your agents are dishonest and inconsiderate.",
	}
	for _, msg := range angry {
		if got := a.Assess(msg); got.Level < Annoyed {
			t.Errorf("Assess(%q) = %v (%.3f) %q; want at least annoyed", msg, got.Level, got.Anger, signalTexts(got))
		}
	}
}

func TestAssessLaughter(t *testing.T) {
	for _, w := range []string{"haha", "hahaha", "ahahah", "hehe", "bwahaha", "mwahaha", "hahah"} {
		if !isLaughter(w) {
			t.Errorf("isLaughter(%q) = false", w)
		}
	}
	for _, w := range []string{"aha", "hah", "heh", "ha", "have", "hehe5", "hahn", "behave", "hash"} {
		if len(w) >= 4 && isLaughter(w) {
			t.Errorf("isLaughter(%q) = true", w)
		}
	}
	a := testAssessor()
	for _, w := range []string{"hahaha", "ahahah", "bwahaha", "mwahaha"} {
		got := a.Assess(w + " you got me there")
		if !slices.Contains(signalTexts(got), "positive:"+w) {
			t.Errorf("laughter: %q, want positive:%s", signalTexts(got), w)
		}
	}
	// Laughter weighs less than contentment: it is irony's as much as joy's.
	lol, _ := weightOf(a.Assess("that was a thing lol"), SignalPositive, "lol")
	happy, _ := weightOf(a.Assess("that was a happy thing"), SignalPositive, "happy")
	if lol >= 0 || lol <= happy {
		t.Errorf("lol weighs %.3f, happy %.3f; want lol negative and smaller", lol, happy)
	}
}
