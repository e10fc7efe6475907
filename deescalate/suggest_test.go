package deescalate

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/empathy-go/empathy/rubric"
)

// wantEdit is an expected edit; Start and End are checked through Old
// (checkEdits makes sure Old is draft[Start:End]).
type wantEdit struct {
	kind EditKind
	old  string
	text string
	id   ID
	safe bool
}

var suggestCases = []struct {
	name     string
	draft    string
	customer string
	want     []wantEdit
	rewrite  string
	flat     bool // the score cannot rise: a critical anti-pattern stays
}{
	{
		name:  "chat non-apology",
		draft: "I'm sorry you feel that way. We can send a replacement tomorrow.",
		want: []wantEdit{
			{EditReplace, "I'm sorry you feel that way", "I'm sorry this happened", NonApology, true},
			{EditInsert, "", " Mind if I check back in a couple of days to make sure it's all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting me know.", Thank, true},
		},
		rewrite: "I'm sorry this happened. We can send a replacement tomorrow. Mind if I check back in a couple of days to make sure it's all sorted? Thanks for letting me know.",
	},
	{
		name:  "non-apology names what went wrong",
		draft: "We regret that you were disappointed with your stay. We hope to welcome you back soon, and thank you for your feedback.",
		want: []wantEdit{
			{EditReplace, "We regret that you were disappointed with your stay", "We are sorry for the trouble with your stay", NonApology, true},
			{EditInsert, "", " Mind if we check back in a couple of days to make sure it is all sorted?", FollowUp, true},
		},
		rewrite: "We are sorry for the trouble with your stay. We hope to welcome you back soon, and thank you for your feedback. Mind if we check back in a couple of days to make sure it is all sorted?",
	},
	{
		name:  "non-apology taken back in the next sentence",
		draft: "Sorry if the pizza wasn't up to your expectations. However, we can't refund food that has been eaten.",
		want: []wantEdit{
			{EditReplace, "Sorry if the pizza wasn't up to your expectations. However, w", "Sorry about the pizza. W", NonApology, true},
			{EditInsert, "", " Mind if we check back in a couple of days to make sure it's all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting us know.", Thank, true},
		},
		rewrite: "Sorry about the pizza. We can't refund food that has been eaten. Mind if we check back in a couple of days to make sure it's all sorted? Thanks for letting us know.",
	},
	{
		name:  "sorry, but",
		draft: "I'm sorry, but our system doesn't allow refunds after 30 days.",
		want: []wantEdit{
			{EditReplace, ", but o", ". O", SorryBut, true},
			{EditInsert, "", " Mind if I check back in a couple of days to make sure it's all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting me know.", Thank, true},
		},
		rewrite: "I'm sorry. Our system doesn't allow refunds after 30 days. Mind if I check back in a couple of days to make sure it's all sorted? Thanks for letting me know.",
	},
	{
		name:  "however opens the next sentence, twitter initials",
		draft: "We apologise for the delay. However, the courier has confirmed delivery for Friday. ^JB",
		want: []wantEdit{
			{EditReplace, "However, t", "T", SorryBut, true},
			{EditInsert, "", " Mind if we check back in a couple of days to make sure it is all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting us know.", Thank, true},
		},
		rewrite: "We apologise for the delay. The courier has confirmed delivery for Friday. Mind if we check back in a couple of days to make sure it is all sorted? Thanks for letting us know. ^JB",
	},
	{
		name:  "dismissal leading a sentence",
		draft: "Calm down, we will sort it out. Your refund was issued this morning.",
		want: []wantEdit{
			{EditReplace, "Calm down, w", "W", Dismiss, true},
			{EditInsert, "", " Mind if we check back in a couple of days to make sure it is all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting us know.", Thank, true},
		},
		rewrite: "We will sort it out. Your refund was issued this morning. Mind if we check back in a couple of days to make sure it is all sorted? Thanks for letting us know.",
	},
	{
		name:  "blaming the customer, a whole sentence",
		draft: "You should have read the instructions. I've sent a new charger today.",
		want: []wantEdit{
			{EditDelete, "You should have read the instructions. ", "", BlameCustomer, true},
			{EditInsert, "", " Mind if I check back in a couple of days to make sure it's all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting me know.", Thank, true},
		},
		rewrite: "I've sent a new charger today. Mind if I check back in a couple of days to make sure it's all sorted? Thanks for letting me know.",
	},
	{
		name:  "condescension, chat signature",
		draft: "Like I said before, the parcel left our warehouse on Monday. It should arrive tomorrow. -Tom",
		want: []wantEdit{
			{EditReplace, "Like I said before, t", "T", Condescend, true},
			{EditInsert, "", " Mind if I check back in a couple of days to make sure it is all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting me know.", Thank, true},
		},
		rewrite: "The parcel left our warehouse on Monday. It should arrive tomorrow. Mind if I check back in a couple of days to make sure it is all sorted? Thanks for letting me know. -Tom",
	},
	{
		name:  "helplessness: ask what would help, once",
		draft: "There's nothing I can do. Rules are rules.",
		want: []wantEdit{
			{EditReplace, "There's nothing I can do.", "What could I do to make this right for you?", Policy, true},
			{EditDelete, " Rules are rules.", "", Policy, true},
			{EditInsert, "", " Mind if I check back in a couple of days to make sure it's all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting me know.", Thank, true},
		},
		rewrite: "What could I do to make this right for you? Mind if I check back in a couple of days to make sure it's all sorted? Thanks for letting me know.",
	},
	{
		name:  "helplessness clause, the fact stays",
		draft: "I'm sorry, but overdraft fees are applied automatically at the end of the day and there's nothing I can do to reverse them.",
		want: []wantEdit{
			{EditReplace, ", but o", ". O", SorryBut, true},
			{EditDelete, " and there's nothing I can do to reverse them", "", Policy, true},
			{EditInsert, "", " Mind if I check back in a couple of days to make sure it's all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting me know.", Thank, true},
		},
		rewrite: "I'm sorry. Overdraft fees are applied automatically at the end of the day. Mind if I check back in a couple of days to make sure it's all sorted? Thanks for letting me know.",
	},
	{
		name:  "policy frames at the start and at the end",
		draft: "As stated in our terms, refunds take 14 days. We only price match identical products, as stated in our price match policy. Per company policy we can only honour offers on the account.",
		want: []wantEdit{
			{EditReplace, "As stated in our terms, r", "R", Policy, true},
			{EditDelete, ", as stated in our price match policy", "", Policy, true},
			{EditReplace, "Per company policy w", "W", Policy, true},
			{EditInsert, "", " Mind if we check back in a couple of days to make sure it is all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting us know.", Thank, true},
		},
		rewrite: "Refunds take 14 days. We only price match identical products. We can only honour offers on the account. Mind if we check back in a couple of days to make sure it is all sorted? Thanks for letting us know.",
	},
	{
		name:  "policy that carries information is not applied",
		draft: "Data protection rules mean I'm not allowed to discuss other accounts with you. Thanks for your patience.",
		want: []wantEdit{
			{EditReplace, "Data protection rules mean I'm not allowed to discuss other accounts with you.", "What could I do to make this right for you?", Policy, false},
			{EditInsert, "", "Mind if I check back in a couple of days to make sure it's all sorted? ", FollowUp, true},
		},
		rewrite: "Data protection rules mean I'm not allowed to discuss other accounts with you. Mind if I check back in a couple of days to make sure it's all sorted? Thanks for your patience.",
		flat:    true,
	},
	{
		name:  "vague promise is pointed out, not applied",
		draft: "Thanks for letting us know. We'll look into it and get back to you at some point.",
		want: []wantEdit{
			{EditDelete, " We'll look into it and get back to you at some point.", "", Vague, false},
			{EditInsert, "", " Mind if we check back in a couple of days to make sure it's all sorted?", FollowUp, true},
		},
		rewrite: "Thanks for letting us know. We'll look into it and get back to you at some point. Mind if we check back in a couple of days to make sure it's all sorted?",
	},
	{
		name:  "email: policy frame, sign-off",
		draft: "Hi Sam,\n\nThank you for your email. Per our terms of service, refunds are only available within 14 days of delivery. I have attached the returns form.\n\nBest regards,\nAnna\nCustomer Care",
		want: []wantEdit{
			{EditReplace, "Per our terms of service, r", "R", Policy, true},
			{EditInsert, "", "\n\nWould it be all right if I checked in with you in a few days to make sure everything is sorted?", FollowUp, true},
			{EditInsert, "", "\n\nThank you again for bringing this to my attention.", Thank, true},
		},
		rewrite: "Hi Sam,\n\nThank you for your email. Refunds are only available within 14 days of delivery. I have attached the returns form.\n\nWould it be all right if I checked in with you in a few days to make sure everything is sorted?\n\nThank you again for bringing this to my attention.\n\nBest regards,\nAnna\nCustomer Care",
	},
	{
		name:  "email: it's our policy not to",
		draft: "Dear Ms. Lee,\n\nI'm sorry your order arrived late. It's our policy not to refund delivery fees, but I have added a £5 credit to your account.\n\nKind regards,\nPriya",
		want: []wantEdit{
			{EditReplace, "It's our policy not to ", "We don't ", Policy, true},
			{EditInsert, "", "\n\nWould it be all right if I checked in with you in a few days to make sure everything is sorted?", FollowUp, true},
			{EditInsert, "", "\n\nThank you for bringing this to my attention.", Thank, true},
		},
		rewrite: "Dear Ms. Lee,\n\nI'm sorry your order arrived late. We don't refund delivery fees, but I have added a £5 credit to your account.\n\nWould it be all right if I checked in with you in a few days to make sure everything is sorted?\n\nThank you for bringing this to my attention.\n\nKind regards,\nPriya",
	},
	{
		name:  "email: blame and helplessness removed, signature without valediction",
		draft: "Dear Mr. Ivanov,\n\nWe are sorry for the delay in repairs. Parts shortages are affecting the whole industry and are beyond our control. The garage should have updated you.\n\nClaims Team",
		want: []wantEdit{
			{EditDelete, " and are beyond our control", "", Policy, true},
			{EditDelete, " The garage should have updated you.", "", Blame, true},
			{EditInsert, "", "\n\nWould it be all right if we checked in with you in a few days to make sure everything is sorted?", FollowUp, true},
			{EditInsert, "", "\n\nThank you for bringing this to our attention.", Thank, true},
		},
		rewrite: "Dear Mr. Ivanov,\n\nWe are sorry for the delay in repairs. Parts shortages are affecting the whole industry.\n\nWould it be all right if we checked in with you in a few days to make sure everything is sorted?\n\nThank you for bringing this to our attention.\n\nClaims Team",
	},
	{
		name:  "email signed off with thanks: the follow-up goes before it",
		draft: "Hi Maria,\n\nThe replacement ships today by express and should reach you on Thursday.\n\nThanks,\nAnna",
		want: []wantEdit{
			{EditInsert, "", "\n\nWould it be all right if I checked in with you in a few days to make sure everything is sorted?", FollowUp, true},
		},
		rewrite: "Hi Maria,\n\nThe replacement ships today by express and should reach you on Thursday.\n\nWould it be all right if I checked in with you in a few days to make sure everything is sorted?\n\nThanks,\nAnna",
	},
	{
		name:  "chat signed on a line of its own",
		draft: "Hi Maria, sorry, but the replacement ships today by express. It should reach you on Thursday.\n- Anna",
		want: []wantEdit{
			{EditReplace, ", but t", ". T", SorryBut, true},
			{EditInsert, "", " Mind if I check back in a couple of days to make sure it is all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting me know.", Thank, true},
		},
		rewrite: "Hi Maria, sorry. The replacement ships today by express. It should reach you on Thursday. Mind if I check back in a couple of days to make sure it is all sorted? Thanks for letting me know.\n- Anna",
	},
	{
		name:  "email with CRLF line ends",
		draft: "Hi Sam,\r\n\r\nI have attached the returns form.\r\n\r\nBilling Team",
		want: []wantEdit{
			{EditInsert, "", "\r\n\r\nWould it be all right if I checked in with you in a few days to make sure everything is sorted?", FollowUp, true},
			{EditInsert, "", "\r\n\r\nThank you for bringing this to my attention.", Thank, true},
		},
		rewrite: "Hi Sam,\r\n\r\nI have attached the returns form.\r\n\r\nWould it be all right if I checked in with you in a few days to make sure everything is sorted?\r\n\r\nThank you for bringing this to my attention.\r\n\r\nBilling Team",
	},
	{
		name:  "lower-case chat keeps its case",
		draft: "hey, sorry about that! lol relax, the server's back up. we're pushing a fix tonight",
		want: []wantEdit{
			{EditDelete, "lol relax, ", "", Dismiss, true},
			{EditInsert, "", ". mind if we check back in a couple of days to make sure it's all sorted?", FollowUp, true},
			{EditInsert, "", " thanks for letting us know.", Thank, true},
		},
		rewrite: "hey, sorry about that! the server's back up. we're pushing a fix tonight. mind if we check back in a couple of days to make sure it's all sorted? thanks for letting us know.",
	},
	{
		name:  "nothing left: not applied",
		draft: "Calm down. These things happen.",
		want: []wantEdit{
			{EditDelete, "Calm down. ", "", Dismiss, true},
			{EditDelete, "These things happen.", "", Dismiss, false},
			{EditInsert, "", " Mind if I check back in a couple of days to make sure it is all sorted?", FollowUp, true},
			{EditInsert, "", " Thanks for letting me know.", Thank, true},
		},
		rewrite: "These things happen. Mind if I check back in a couple of days to make sure it is all sorted? Thanks for letting me know.",
	},
	{
		name:  "a good reply needs nothing",
		draft: "I'm so sorry the screen arrived cracked, that's really frustrating. I can send a replacement today or refund you in full, whichever you prefer. Mind if I check back on Friday to make sure it's sorted? Thanks for letting us know.",
		want:  nil,
	},
}

func TestSuggest(t *testing.T) {
	for _, tc := range suggestCases {
		t.Run(tc.name, func(t *testing.T) {
			var opts []EvalOption
			if tc.customer != "" {
				opts = append(opts, WithCustomer(tc.customer))
			}
			got := Suggest(tc.draft, opts...)
			checkSuggestEdits(t, tc.draft, got)
			var gotW []wantEdit
			for _, e := range got {
				gotW = append(gotW, wantEdit{e.Kind, e.Old, e.Text, e.ID, e.Safe})
				if e.Reason == "" {
					t.Errorf("edit %+v has no reason", e)
				}
			}
			if !slices.Equal(gotW, tc.want) {
				t.Errorf("Suggest(%q):\ngot  %+v\nwant %+v", tc.draft, gotW, tc.want)
			}
			out, applied := Rewrite(tc.draft, opts...)
			want := tc.rewrite
			if want == "" {
				want = applyEdits(tc.draft, safeOf(got))
			}
			if out != want {
				t.Errorf("Rewrite:\ngot  %q\nwant %q", out, want)
			}
			if !slices.Equal(applied, safeOf(got)) {
				t.Errorf("Rewrite applied %v, want the safe edits of Suggest", applied)
			}
			before, after := Evaluate(tc.draft, opts...), Evaluate(out, opts...)
			if len(applied) > 0 && after.Report.Score <= before.Report.Score && !(tc.flat && after.Report.Score == before.Report.Score) {
				t.Errorf("score %.2f → %.2f, want higher", before.Report.Score, after.Report.Score)
			}
			if id, ok := gainedID(before.AntiPatterns, after.AntiPatterns); ok {
				t.Errorf("the rewrite gained %s: %q", id, out)
			}
		})
	}
}

func safeOf(edits []Edit) []Edit {
	var out []Edit
	for _, e := range edits {
		if e.Safe {
			out = append(out, e)
		}
	}
	return out
}

// checkSuggestEdits checks what every result of Suggest must satisfy: edits
// sorted and not overlapping, within the draft, Old == draft[Start:End],
// kinds that match the ranges, ranges on rune boundaries, inserted text
// valid UTF-8, known ids.
func checkSuggestEdits(t testing.TB, draft string, edits []Edit) {
	t.Helper()
	prevEnd := 0
	for i, e := range edits {
		switch {
		case e.Start < 0 || e.End > len(draft) || e.Start > e.End:
			t.Fatalf("edit %d out of bounds: [%d,%d) in %d bytes", i, e.Start, e.End, len(draft))
		case e.Start < prevEnd:
			t.Fatalf("edit %d [%d,%d) overlaps or precedes the one before (ending at %d): %+v", i, e.Start, e.End, prevEnd, edits)
		case e.Old != draft[e.Start:e.End]:
			t.Fatalf("edit %d: Old %q, want draft[%d:%d] = %q", i, e.Old, e.Start, e.End, draft[e.Start:e.End])
		case !utf8.ValidString(e.Text):
			t.Fatalf("edit %d: invalid UTF-8 in Text %q", i, e.Text)
		case !editRuneBoundary(draft, e.Start) || !editRuneBoundary(draft, e.End):
			t.Fatalf("edit %d [%d,%d) splits a UTF-8 sequence of %q", i, e.Start, e.End, draft)
		}
		switch e.Kind {
		case EditInsert:
			if e.Start != e.End || e.Text == "" {
				t.Fatalf("edit %d: bad insert %+v", i, e)
			}
		case EditDelete:
			if e.Start == e.End || e.Text != "" {
				t.Fatalf("edit %d: bad delete %+v", i, e)
			}
		case EditReplace:
			if e.Start == e.End || e.Text == "" {
				t.Fatalf("edit %d: bad replace %+v", i, e)
			}
		default:
			t.Fatalf("edit %d: unknown kind %q", i, e.Kind)
		}
		if _, ok := e.ID.Kind(); !ok {
			t.Fatalf("edit %d: unknown id %q", i, e.ID)
		}
		prevEnd = e.End
	}
}

// editRuneBoundary reports whether offset i of s does not split a valid UTF-8
// sequence.
func editRuneBoundary(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	// Walk back to the start of the sequence i may be inside.
	j := i - 1
	for j > 0 && i-j < utf8.UTFMax && !utf8.RuneStart(s[j]) {
		j--
	}
	r, n := utf8.DecodeRuneInString(s[j:])
	if r == utf8.RuneError && n <= 1 {
		return true // invalid bytes are single units
	}
	return j+n <= i
}

func TestSuggestBlank(t *testing.T) {
	for _, s := range []string{"", "   ", "\n\n\t"} {
		if got := Suggest(s); got != nil {
			t.Errorf("Suggest(%q) = %v, want nil", s, got)
		}
		if out, applied := Rewrite(s); out != s || applied != nil {
			t.Errorf("Rewrite(%q) = %q, %v", s, out, applied)
		}
	}
}

func TestSuggestInvalidUTF8(t *testing.T) {
	draft := "Calm down,\xff we will fix it\xfe. Sorry you feel that way \xc3. Caf\u00e9 \xe2\x82 r\u00e9sum\u00e9"
	edits := Suggest(draft)
	checkSuggestEdits(t, draft, edits)
	if len(edits) == 0 {
		t.Fatal("no edits")
	}
	out, applied := Rewrite(draft)
	// Every byte outside the edits is kept, in order.
	pos := 0
	var b strings.Builder
	for _, e := range applied {
		b.WriteString(draft[pos:e.Start])
		b.WriteString(e.Text)
		pos = e.End
	}
	b.WriteString(draft[pos:])
	if out != b.String() {
		t.Errorf("Rewrite = %q, want %q", out, b.String())
	}
	for _, bad := range []string{"\xfe", "\xc3", "\xe2\x82"} {
		if !strings.Contains(out, bad) {
			t.Errorf("Rewrite lost the invalid bytes %q outside its edits: %q", bad, out)
		}
	}
}

func TestEditJSON(t *testing.T) {
	e := Edit{Kind: EditReplace, Start: 0, End: 5, Old: "Sorry", Text: "Thanks", ID: Thank, Reason: "r", Safe: true}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"kind":"replace","start":0,"end":5,"old":"Sorry","text":"Thanks","id":"thank","reason":"r","safe":true}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	var back Edit
	if err := json.Unmarshal(b, &back); err != nil || back != e {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	b, _ = json.Marshal(Edit{Kind: EditInsert, Start: 3, End: 3, Text: "x", ID: FollowUp, Reason: "r"})
	if strings.Contains(string(b), `"old"`) {
		t.Errorf("an insert writes no old text: %s", b)
	}
}

// TestSuggestValidation checks the validation inserted for an upset
// customer: sized to the assessed anger, after the greeting, and none for
// a calm customer or a draft that validates already.
func TestSuggestValidation(t *testing.T) {
	const draft = "Hi Jo, I've refunded the duplicate charge today. Thanks for flagging it, and mind if I check in on Friday to make sure it has cleared?"
	for _, customer := range []string{
		"You charged me TWICE for the same order!!! This is ridiculous, fix it now.",
		"I was charged twice for my order, which is really annoying.",
		"I'm absolutely furious. Charged twice AGAIN. Third time this year, useless company!!!",
		"Hi, it looks like I was charged twice for order 1142, could you check?",
	} {
		level := Assess(customer).Level
		var want string
		switch {
		case level >= Furious:
			want = "I completely understand why you're angry, and you have every right to be. "
		case level >= Angry:
			want = "I completely understand why you're upset. "
		case level >= Annoyed:
			want = "I understand how frustrating this is. "
		}
		edits := Suggest(draft, WithCustomer(customer))
		checkSuggestEdits(t, draft, edits)
		var got string
		for _, e := range edits {
			if e.ID == Validate {
				if e.Kind != EditInsert || e.Start != len("Hi Jo, ") {
					t.Errorf("%s customer: validation %+v, want an insert after the greeting", level, e)
				}
				got = e.Text
			}
		}
		if got != want {
			t.Errorf("%s customer: validation %q, want %q", level, got, want)
		}
		// A draft that validates already gets none.
		for _, e := range Suggest("I completely understand why you're upset. "+draft[len("Hi Jo, "):], WithCustomer(customer)) {
			if e.ID == Validate {
				t.Errorf("%s customer: validation %+v for a draft that validates", level, e)
			}
		}
	}
}

// TestEvaluatorSuggestOwnRubric checks that an Evaluator suggests from its
// own rubric: with only thanks expected, only thanks are inserted.
func TestEvaluatorSuggestOwnRubric(t *testing.T) {
	r, err := rubric.New("thanks", []rubric.Criterion{rubric.Expect(string(Thank), patternsOf(Thank)...)})
	if err != nil {
		t.Fatal(err)
	}
	e, err := NewEvaluator(WithRubric(r))
	if err != nil {
		t.Fatal(err)
	}
	draft := "Calm down, I'm sorry you feel that way."
	edits := e.Suggest(draft)
	checkSuggestEdits(t, draft, edits)
	if len(edits) != 1 || edits[0].ID != Thank || edits[0].Kind != EditInsert {
		t.Fatalf("got %+v, want one thanks insert", edits)
	}
	out, _ := e.Rewrite(draft)
	if want := "Calm down, I'm sorry you feel that way. Thanks for letting me know."; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestRewriteNeverLowers checks the safety net on drafts where an edit
// would hurt: whatever Suggest proposes, Rewrite's result never scores
// lower nor gains an anti-pattern.
func TestRewriteNeverLowers(t *testing.T) {
	for _, draft := range []string{
		"Sorry you feel we won't help. Unfortunately the form has to be signed.",
		"I'm sorry, but you must give 30 days' notice.",
		"Sorry, we apologize, but stick drift is considered normal wear and tear and not covered.",
		"Dear valued customer, we are sorry for the delay but activation is done by our network partner and it is taking more time from their end.",
		"Obviously, the refund, obviously, takes five days, obviously.",
		"It is normal for some condensation to form during the first few days, so there's really no need to worry.",
	} {
		before := Evaluate(draft)
		out, _ := Rewrite(draft)
		after := Evaluate(out)
		if after.Report.Score < before.Report.Score {
			t.Errorf("%q → %q: score %.2f → %.2f", draft, out, before.Report.Score, after.Report.Score)
		}
		if id, ok := gainedID(before.AntiPatterns, after.AntiPatterns); ok {
			t.Errorf("%q → %q gained %s", draft, out, id)
		}
	}
}
