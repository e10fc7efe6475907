package deescalate

import "testing"

// TestLexiconBreadth pins phrasing families the lexicons were widened to
// catch after reading real agent replies, each with the near-miss that
// must stay out. A case names one label and whether the reply carries it.
func TestLexiconBreadth(t *testing.T) {
	cases := []struct {
		id    ID
		want  bool
		reply string
	}{
		// validate: the situation said to be hard, modal + adverb, the
		// feeling read from the message, more named feelings.
		{Validate, true, "I understand this is a very stressful situation."},
		{Validate, true, "I know it can be overwhelming when the bills pile up."},
		{Validate, true, "That can certainly be frustrating."},
		{Validate, true, "That has to be so stressful."},
		{Validate, true, "I can tell from your message that you are really worried."},
		{Validate, true, "I understand your anxiety about the payment."},
		{Validate, false, "I understand it's difficult to find the setting."},
		{Validate, false, "I know that you are working hard on this."},

		// ask: the kind of problem, its cause, invitations, offers of help.
		{Ask, true, "What kind of error are you getting?"},
		{Ask, true, "What seems to be wrong with the device?"},
		{Ask, true, "What exactly happens when you open the app?"},
		{Ask, true, "What made you decide to cancel?"},
		{Ask, true, "How long have you been having this issue?"},
		{Ask, true, "Would you care to elaborate on what went on?"},
		{Ask, true, "How can I assist you today?"},
		{Ask, true, "What can I help you with?"},
		{Ask, false, "What kind of phone do you have?"},
		{Ask, false, "What made you think that was okay?"},
		{Ask, false, "I'll find out what is wrong."},

		// options: troubleshooting fixes recommended, "put" only with what
		// is put right.
		{Options, true, "I'd recommend uninstalling and reinstalling the app."},
		{Options, true, "I've put the charge on hold."},
		{Options, false, "You can read about the steps we've put in place here."},

		// options: suggestions of what the customer could do, in their
		// frames (try, could, I'd suggest, it might help, one thing you
		// can do, maybe, if I were you), and the near-misses: redirects
		// to us, brush-offs, troubleshooting questions, marketing,
		// requests for data, the speaker's own attempts, lessons for
		// next time.
		{Options, true, "You could try restarting the app."},
		{Options, false, "Have you tried logging out and back in?"},
		{Options, false, "Can you try turning it off and on again?"},
		{Options, false, "Did you try restarting the game?"},
		{Options, true, "I'd suggest updating the app to the latest version."},
		{Options, true, "It might help to clear the app's data."},
		{Options, true, "One thing you can do is reset the network settings."},
		{Options, true, "What you can do is log in from the website instead."},
		{Options, true, "Maybe try a different card?"},
		{Options, true, "Try clearing your cache."},
		{Options, true, "It might be worth checking your junk folder."},
		{Options, true, "If I were you, I'd reinstall the app."},
		{Options, true, "My advice would be to use the web version for now."},
		{Options, false, "You could try calling us on 0800 123 456."},
		{Options, false, "Please try again later."},
		{Options, false, "Have you tried our new app?"},
		{Options, false, "I suggest you calm down."},
		{Options, false, "We recommend getting in touch with our live support team."},
		{Options, false, "It would help if you could send us your order number."},
		{Options, false, "I'll try to find out what happened."},
		{Options, false, "We would recommend checking your details before travel in future."},
		{Options, false, "We can help to resolve this with you one-on-one."},

		// validate: hardship through a negated "easy", more feelings read
		// back, a named feeling shared; "if I were you" is a suggestion.
		{Validate, true, "That can't be easy."},
		{Validate, true, "You must feel so betrayed."},
		{Validate, true, "That must have been so painful."},
		{Validate, true, "I can relate to how you feel."},
		{Validate, false, "It's not easy to find the setting."},
		{Validate, false, "If I were you, I'd reinstall the app."},
		{Validate, false, "It sounds like you're stuck on the login page."},

		// restate: more cues ("it seems you", "from your email", "do I
		// understand correctly").
		{Restate, true, "It seems your parcel never arrived."},
		{Restate, true, "I can see from your email that the parcel never arrived."},
		{Restate, true, "Do I understand correctly that the parcel never arrived?"},

		// escalate: experts brought in; the customer sent elsewhere is not.
		{Escalate, true, "I've asked our technical experts to look at this."},
		{Escalate, false, "Please get in touch with our billing team."},
		{Escalate, false, "We recommend getting in touch with our live support team."},

		// document: telling the team.
		{Document, true, "We have made the team aware of this issue."},
		{Document, true, "I'll let our product team know about this."},
		{Document, false, "Please let our team know if it happens again."},

		// non_apology: sorry for the customer's taste.
		{NonApology, true, "I'm sorry you didn't enjoy your stay."},
		{Apologize, false, "I'm sorry you didn't enjoy your stay."},

		// blame: a third party as the subject of a mistake.
		{Blame, true, "Our supplier sent the wrong parts."},
		{Blame, true, "The other department should have handled it."},
		{Blame, false, "We sent the wrong part, and I'm sorry."},

		// blame_customer: the cause laid on the customer's mistake.
		{BlameCustomer, true, "This happened because you entered the wrong code."},
		{BlameCustomer, false, "If you entered the wrong code, you can reset it here."},
	}
	e := testEvaluator(t)
	for _, c := range cases {
		ev := e.Evaluate(c.reply)
		if got := ev.Has(c.id); got != c.want {
			t.Errorf("%q: %s = %v, want %v (techniques %v, anti-patterns %v)", c.reply, c.id, got, c.want, ev.Techniques, ev.AntiPatterns)
		}
	}
}
