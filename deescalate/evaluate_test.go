package deescalate

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/empathy-go/empathy/rubric"
)

// status returns the status of the finding id, failing the test when the
// report has none.
func status(t *testing.T, ev *Evaluation, id ID) rubric.Status {
	t.Helper()
	f, ok := ev.Finding(id)
	if !ok {
		t.Fatalf("no finding %q", id)
	}
	return f.Status
}

// TestEvaluateCases checks behaviour a user would notice, one case per
// rule of the default rubric.
func TestEvaluateCases(t *testing.T) {
	e := testEvaluator(t)
	cases := []struct {
		name     string
		customer string
		reply    string
		want     map[ID]rubric.Status
	}{
		{
			name:  "negated apology is no apology",
			reply: "I'm not sorry, and I don't understand why you're upset.",
			want:  map[ID]rubric.Status{Apologize: rubric.Missed, Validate: rubric.Missed},
		},
		{
			name:  "without a customer, situation-dependent techniques are not applicable",
			reply: "I'm so sorry about this. Thank you for letting us know.",
			want: map[ID]rubric.Status{
				Apologize: rubric.Met, Thank: rubric.Met,
				Options: rubric.NotApplicable, Escalate: rubric.NotApplicable, Commit: rubric.NotApplicable,
				Ask: rubric.NotApplicable, Document: rubric.NotApplicable,
				FollowUp: rubric.Missed, Validate: rubric.Missed, Restate: rubric.Missed,
			},
		},
		{
			name:  "a technique used when not called for is still met",
			reply: "I'm so sorry. I've asked my supervisor to call you today, and I can refund you in full.",
			want:  map[ID]rubric.Status{Escalate: rubric.Met, Options: rubric.Met},
		},
		{
			name:     "a calm question calls for no escalation, remedy or apology",
			customer: "Hello, could you tell me what time you open on Saturday?",
			reply:    "Thanks for asking! We open at 9am on Saturdays.",
			want: map[ID]rubric.Status{
				Escalate: rubric.NotApplicable, Options: rubric.NotApplicable, Apologize: rubric.NotApplicable,
				Validate: rubric.NotApplicable, Restate: rubric.NotApplicable, Thank: rubric.Met,
			},
		},
		{
			name:     "a furious customer asking for a manager calls for escalation",
			customer: "This is RIDICULOUS. Third time my order is wrong. Get me a manager NOW!!",
			reply:    "I'm so sorry your order was wrong again. I can send a replacement today by express.",
			want:     map[ID]rubric.Status{Escalate: rubric.Missed, Options: rubric.Met},
		},
		{
			name:     "a problem calls for a remedy",
			customer: "My order arrived broken.",
			reply:    "I'm sorry your order arrived broken. Thank you for telling us.",
			want:     map[ID]rubric.Status{Options: rubric.Missed, Restate: rubric.Met, Ask: rubric.Missed},
		},
		{
			name:     "asking is not expected when a remedy is offered",
			customer: "My order arrived broken.",
			reply:    "I'm sorry your order arrived broken. I can send a replacement today or refund you, whichever you prefer.",
			want:     map[ID]rubric.Status{Ask: rubric.NotApplicable, Options: rubric.Met},
		},
		{
			name:  "an apology taken back in the next sentence",
			reply: "I'm sorry for the trouble. However, there is nothing we can do about it.",
			want:  map[ID]rubric.Status{SorryBut: rubric.Violated, Apologize: rubric.Met},
		},
		{
			name:  "an apology followed by good news is not taken back",
			reply: "I'm sorry for the delay. However, the good news is that your refund went out today.",
			want:  map[ID]rubric.Status{SorryBut: rubric.Met},
		},
		{
			name:  "an apology taken back in the same sentence",
			reply: "I'm sorry, but that's not something we can do.",
			want:  map[ID]rubric.Status{SorryBut: rubric.Violated},
		},
		{
			name:  "non-apology is critical",
			reply: "I'm sorry if you feel that way.",
			want:  map[ID]rubric.Status{NonApology: rubric.Violated},
		},
		{
			name:     "calm first, then solve",
			customer: "My order arrived broken.",
			reply:    "I'm so sorry about that. I can send a replacement today, or refund you in full.",
			want:     map[ID]rubric.Status{"calm_first": rubric.Met},
		},
		{
			name:     "solving before calming",
			customer: "My order arrived broken.",
			reply:    "I can send a replacement today, or refund you in full. I'm so sorry about that.",
			want:     map[ID]rubric.Status{"calm_first": rubric.Violated},
		},
		{
			name: "thanks only at the start of a long reply",
			reply: "Thank you for your message. I'm sorry the parcel is late. It left our warehouse on Monday. " +
				"The courier has it now. It should reach you on Thursday. I'll check the tracking on Wednesday myself.",
			want: map[ID]rubric.Status{"thanks_at_end": rubric.Missed, Thank: rubric.Met},
		},
		{
			name:  "thanks at the close",
			reply: "I'm sorry the parcel is late. I've sent a new one by express. Thank you for your patience.",
			want:  map[ID]rubric.Status{"thanks_at_end": rubric.Met},
		},
		{
			name:  "no thanks, no thanks_at_end",
			reply: "I'm sorry the parcel is late.",
			want:  map[ID]rubric.Status{"thanks_at_end": rubric.NotApplicable},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := e.Evaluate(c.reply, WithCustomer(c.customer))
			for id, want := range c.want {
				if got := status(t, ev, id); got != want {
					f, _ := ev.Finding(id)
					t.Errorf("%s: %v, want %v (note %q, evidence %v)", id, got, want, f.Note, f.Evidence)
				}
			}
		})
	}
}

// TestRestate checks the restatement rule against the customer's message.
func TestRestate(t *testing.T) {
	e := testEvaluator(t)
	cases := []struct {
		customer, reply string
		want            bool
	}{
		// Pronouns reflected, with an apology.
		{"My tablet arrived with a cracked screen.", "I'm so sorry your tablet arrived with a cracked screen.", true},
		// Three shared words, numbers written out.
		{"I've called 6 times to book an appointment and nobody picks up.", "You've called six times about booking an appointment.", true},
		// A cue and one shared word.
		{"The app logs me out every time I open the camera.", "So if I understand correctly, the camera is the trigger?", true},
		// Complaint families: broken / damaged.
		{"My stroller came back broken from the flight.", "I'm sorry your stroller came back damaged.", true},
		// Generic words only.
		{"I have a problem with my order.", "I'm sorry about the problem.", false},
		// The agent's "my manager" is not the customer's.
		{"My manager said our invoice was wrong.", "Sorry, my manager will send a new invoice.", false},
		// An answer reusing the words of a question is not a restatement.
		{"Why does my bill have a £12 admin fee on it?", "The admin fee on the bill covers paper statements.", false},
		// A sentence that blames the customer does not restate.
		{"My notes were deleted when I updated the app.", "You should have backed up your notes before you updated the app.", false},
		// Nothing shared.
		{"My order arrived broken.", "Thanks for getting in touch.", false},
	}
	for _, c := range cases {
		ev := e.Evaluate(c.reply, WithCustomer(c.customer))
		if got := ev.Has(Restate); got != c.want {
			f, _ := ev.Finding(Restate)
			t.Errorf("customer %q\nreply %q\nrestate = %v, want %v (%v %q)", c.customer, c.reply, got, c.want, f.Status, f.Note)
		}
	}
	// Without a customer message: a cue and a problem word.
	for reply, want := range map[string]bool{
		"Just to confirm, you were charged twice for the same order?": true,
		"So if I understand correctly, it arrived broken?":            true,
		"Is that right?":                       false,
		"I'm sorry your order arrived broken.": true,
		"I'm sorry for the trouble.":           false,
	} {
		if got := e.Evaluate(reply).Has(Restate); got != want {
			t.Errorf("no customer, reply %q: restate = %v, want %v", reply, got, want)
		}
	}
}

func TestRestateEvidence(t *testing.T) {
	e := testEvaluator(t)
	reply := "Hello. I'm so sorry your tablet arrived with a cracked screen. I can replace it."
	ev := e.Evaluate(reply, WithCustomer("My tablet arrived with a cracked screen!"))
	f, _ := ev.Finding(Restate)
	if f.Status != rubric.Met || len(f.Evidence) != 1 {
		t.Fatalf("restate: %v %v", f.Status, f.Evidence)
	}
	if got, want := f.Evidence[0].Text, "I'm so sorry your tablet arrived with a cracked screen."; got != want {
		t.Errorf("evidence %q, want %q", got, want)
	}
}

func TestSituationFlags(t *testing.T) {
	long := strings.Repeat("word ", 70)
	cases := []struct {
		reply, customer string
		a               *Assessment
		want            []string
	}{
		{"ok", "", nil, []string{FlagComplaint}},
		{long, "", nil, []string{FlagLongForm, FlagComplaint}},
		{"a\n\nb", "", nil, []string{FlagLongForm, FlagComplaint}},
		{"ok", "What time do you open?", &Assessment{}, []string{FlagCustomer}},
		{"ok", "Hi there, can I bring my guitar as hand luggage?", &Assessment{}, []string{FlagCustomer}},
		{"ok", "I'd like to add my daughter to my policy.", &Assessment{}, []string{FlagCustomer}},
		{"ok", "Ordered a blue jacket, received a green one.", &Assessment{}, []string{FlagCustomer, FlagProblem, FlagComplaint}},
		{"ok", "Can you tell me why my premium went up?", &Assessment{}, []string{FlagCustomer, FlagProblem, FlagComplaint}},
		{"ok", "My parcel is late.", &Assessment{}, []string{FlagCustomer, FlagProblem, FlagComplaint}},
		{"ok", "Hi", &Assessment{Level: Angry, Escalate: true},
			[]string{FlagCustomer, FlagProblem, FlagComplaint, FlagUpset, FlagAngry, FlagEscalation}},
		{"ok", "Hi", &Assessment{Signals: []Signal{{Kind: SignalComplaint, Weight: 0.2}}},
			[]string{FlagCustomer, FlagProblem, FlagComplaint}},
		{"ok", "HELLO, CAN YOU HELP!!", &Assessment{Signals: []Signal{{Kind: SignalShouting, Weight: 0.2}}},
			[]string{FlagCustomer}},
	}
	for _, c := range cases {
		if got := situationFlags(c.reply, c.customer, c.a); !slices.Equal(got, c.want) {
			t.Errorf("situationFlags(%.20q, %q, %+v) = %v, want %v", c.reply, c.customer, c.a, got, c.want)
		}
	}
}

func TestMentionsProblem(t *testing.T) {
	for s, want := range map[string]bool{
		"My order arrived BROKEN":                 true,
		"the app doesn't open":                    true,
		"the app doesn’t open":                    true,
		"app doesnt open":                         true,
		"I can't log in":                          true,
		"I cannot log in":                         true,
		"I was charged twice":                     true,
		"What time do you open?":                  false,
		"Can I change my delivery address?":       false,
		"Hello, I'd like to upgrade my plan":      false,
		"":                                        false,
		"Supercalifragilisticexpialidocious late": true,
		"Supercalifragilisticexpialidociouslate":  false,
	} {
		if got := mentionsProblem(s); got != want {
			t.Errorf("mentionsProblem(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestTechniquesFromFindings checks that Techniques and AntiPatterns agree
// with the report, in catalogue order.
func TestTechniquesFromFindings(t *testing.T) {
	e := testEvaluator(t)
	ev := e.Evaluate("Thank you for telling us. I'm so sorry. Calm down, it's our policy.",
		WithCustomer("My order is late!"))
	var wantT, wantA []ID
	for _, info := range catalogueInfo {
		f, ok := ev.Finding(info.id)
		if !ok {
			t.Fatalf("no finding for %s", info.id)
		}
		switch {
		case info.kind == Technique && f.Status == rubric.Met:
			wantT = append(wantT, info.id)
		case info.kind == AntiPattern && f.Status == rubric.Violated:
			wantA = append(wantA, info.id)
		}
	}
	if !slices.Equal(ev.Techniques, wantT) || !slices.Equal(ev.AntiPatterns, wantA) {
		t.Errorf("Techniques %v, AntiPatterns %v; findings say %v, %v", ev.Techniques, ev.AntiPatterns, wantT, wantA)
	}
	if !slices.Contains(ev.Techniques, Apologize) || !slices.Contains(ev.AntiPatterns, Dismiss) || !slices.Contains(ev.AntiPatterns, Policy) {
		t.Errorf("Techniques %v, AntiPatterns %v: want apologize, dismiss and policy", ev.Techniques, ev.AntiPatterns)
	}
	if ev.Report.Passed || !slices.Contains(ev.Report.CriticalFailures, string(Policy)) {
		t.Errorf("passed %v, critical %v: policy is critical", ev.Report.Passed, ev.Report.CriticalFailures)
	}
	if ev.Report.Score > DefaultCriticalCap {
		t.Errorf("score %v above the critical cap %v", ev.Report.Score, DefaultCriticalCap)
	}
}

// TestEvidenceOffsets checks that every piece of evidence points at its
// text, over the whole corpus.
func TestEvidenceOffsets(t *testing.T) {
	e := testEvaluator(t)
	for _, r := range readReplies(t) {
		ev := e.Evaluate(r.Reply, WithCustomer(r.Customer))
		var check func(fs []rubric.Finding)
		check = func(fs []rubric.Finding) {
			for _, f := range fs {
				for _, x := range append(slices.Clone(f.Evidence), f.Negated...) {
					if x.Start < 0 || x.End > len(r.Reply) || x.Start > x.End || r.Reply[x.Start:x.End] != x.Text {
						t.Errorf("%s: %s: evidence %d:%d %q does not match the reply", r.ID, f.ID, x.Start, x.End, x.Text)
					}
				}
				check(f.Children)
			}
		}
		check(ev.Report.Findings)
	}
}

func TestEvaluationJSON(t *testing.T) {
	e := testEvaluator(t)
	ev := e.Evaluate("I'm so sorry. It's our policy.", WithCustomer("My order is late!"))
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"rubric", "score", "threshold", "passed", "techniques", "antipatterns", "findings", "critical_failures", "customer"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON has no %q: %s", k, b)
		}
	}
	var back Evaluation
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Report.Score != ev.Report.Score || back.Report.Passed != ev.Report.Passed ||
		!slices.Equal(back.Techniques, ev.Techniques) || !slices.Equal(back.AntiPatterns, ev.AntiPatterns) ||
		len(back.Report.Findings) != len(ev.Report.Findings) || back.Customer == nil || back.Customer.Level != ev.Customer.Level {
		t.Errorf("round trip changed the evaluation:\n%s", b)
	}

	// Empty lists are [], not null; no customer, no "customer".
	b, _ = json.Marshal(e.Evaluate("ok"))
	if !strings.Contains(string(b), `"antipatterns":[]`) || strings.Contains(string(b), `"customer"`) {
		t.Errorf("JSON of a bare evaluation: %s", b)
	}
}

func TestNewEvaluatorOptions(t *testing.T) {
	if _, err := NewEvaluator(WithRubric(nil)); err == nil {
		t.Error("WithRubric(nil): no error")
	}
	if _, err := NewEvaluator(WithAssessor(nil)); err == nil {
		t.Error("WithAssessor(nil): no error")
	}
	// A rubric of one's own: catalogue ids among its criteria give
	// Techniques and AntiPatterns; flags are passed to it.
	r := rubric.MustNew("mine", []rubric.Criterion{
		rubric.Expect("apologize", "sorry"),
		rubric.Avoid("policy", "policy"),
		rubric.Expect("angry_customer", "sorry").With(rubric.When(rubric.Flag(FlagAngry))),
	})
	e, err := NewEvaluator(WithRubric(r), WithAssessor(NewAssessor()))
	if err != nil {
		t.Fatal(err)
	}
	if e.Rubric() != r {
		t.Error("Rubric() is not the rubric given")
	}
	ev := e.Evaluate("Sorry, policy.", WithCustomer("hello there"))
	if !slices.Equal(ev.Techniques, []ID{Apologize}) || !slices.Equal(ev.AntiPatterns, []ID{Policy}) {
		t.Errorf("Techniques %v, AntiPatterns %v", ev.Techniques, ev.AntiPatterns)
	}
	if got := status(t, ev, "angry_customer"); got != rubric.NotApplicable {
		t.Errorf("angry_customer for a calm customer: %v", got)
	}
}

// TestDefaultRubric checks the shape the documentation promises.
func TestDefaultRubric(t *testing.T) {
	e := testEvaluator(t)
	r := e.Rubric()
	var ids []string
	for _, c := range r.Criteria() {
		ids = append(ids, c.ID())
	}
	var want []string
	for _, info := range catalogueInfo {
		want = append(want, string(info.id))
	}
	want = append(want, "calm_first", "thanks_at_end")
	if !slices.Equal(ids, want) {
		t.Errorf("criteria %v\nwant %v", ids, want)
	}
	if r.Threshold() != DefaultThreshold {
		t.Errorf("threshold %v", r.Threshold())
	}
	// Each critical anti-pattern fails an otherwise good reply.
	good := "I'm so sorry your order arrived broken, I understand how frustrating that is. " +
		"I can send a replacement today or refund you, whichever you prefer. " +
		"May I check in on Friday to make sure it's all sorted? Thank you for telling us."
	customer := "My order arrived broken."
	if ev := e.Evaluate(good, WithCustomer(customer)); !ev.Report.Passed {
		t.Errorf("a good reply failed with score %v: %v", ev.Report.Score, ev.AntiPatterns)
	}
	for id, bad := range map[ID]string{
		NonApology:    "I'm sorry if you feel that way.",
		Policy:        "It's our policy.",
		BlameCustomer: "You should have checked it on delivery.",
	} {
		ev := e.Evaluate(good+" "+bad, WithCustomer(customer))
		if ev.Report.Passed || !slices.Equal(ev.Report.CriticalFailures, []string{string(id)}) {
			t.Errorf("%s: passed %v, critical failures %v", id, ev.Report.Passed, ev.Report.CriticalFailures)
		}
	}
}

// TestConcurrentEvaluate evaluates from several goroutines with one
// Evaluator; run with -race.
func TestConcurrentEvaluate(t *testing.T) {
	e := testEvaluator(t)
	rows := readReplies(t)[:40]
	want := make([]float64, len(rows))
	for i, r := range rows {
		want[i] = e.Evaluate(r.Reply, WithCustomer(r.Customer)).Report.Score
	}
	// Half the goroutines allocate each evaluation; the others reuse one
	// Evaluation of their own.
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ev Evaluation
			for i, r := range rows {
				var got float64
				if g%2 == 0 {
					got = e.Evaluate(r.Reply, WithCustomer(r.Customer)).Report.Score
				} else {
					e.EvaluateInto(&ev, r.Reply, WithCustomer(r.Customer))
					got = ev.Report.Score
				}
				if got != want[i] {
					t.Errorf("%s: score %v concurrently, %v alone", r.ID, got, want[i])
				}
			}
		}()
	}
	wg.Wait()
}

// FuzzEvaluate checks that any reply and customer message evaluate without
// a panic (function criteria must give evidence inside the reply, on rune
// boundaries, or the rubric panics) and with evidence that points at its
// text.
//
//	go test -run '^$' -fuzz FuzzEvaluate -fuzztime 30s ./deescalate/
func FuzzEvaluate(f *testing.F) {
	f.Add("I'm so sorry. However, it's our policy.", "My order is late!!")
	f.Add("Thanks!", "")
	f.Add("So if I understand correctly, your order arrived broken?", "")
	f.Add("\xff\xfe sorry\n\n.", "my \xffbroken order")
	f.Add("I'm sorry your tablet arrived with a cracked screen.", "My tablet arrived with a cracked screen.")
	e := testEvaluator(f)
	f.Fuzz(func(t *testing.T, reply, customer string) {
		ev := e.Evaluate(reply, WithCustomer(customer))
		for _, fd := range ev.Report.Findings {
			for _, x := range fd.Evidence {
				if x.Start < 0 || x.End > len(reply) || x.Start > x.End || reply[x.Start:x.End] != x.Text {
					t.Fatalf("%s: evidence %d:%d %q outside %q", fd.ID, x.Start, x.End, x.Text, reply)
				}
			}
		}
	})
}

// TestEvaluateInto checks that evaluating into one reused Evaluation gives
// what Evaluate gives, byte for byte in JSON, over the labelled corpus,
// with the customer's message and without it in turn, so that each
// evaluation follows one of another kind and of another length.
func TestEvaluateInto(t *testing.T) {
	e := testEvaluator(t)
	rows := readReplies(t)
	var ev Evaluation // the zero Evaluation is ready to use
	for round := 0; round < 2; round++ {
		for i, r := range rows {
			var opts []EvalOption
			if (i+round)%2 == 0 && r.Customer != "" {
				opts = append(opts, WithCustomer(r.Customer))
			}
			e.EvaluateInto(&ev, r.Reply, opts...)
			got, err := json.Marshal(&ev)
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(e.Evaluate(r.Reply, opts...))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Fatalf("round %d, %s: EvaluateInto gives\n%s\nEvaluate gives\n%s", round, r.ID, got, want)
			}
			if ev.Report.Text != r.Reply {
				t.Fatalf("%s: the report's text is not the reply", r.ID)
			}
			if (ev.Customer != nil) != (len(opts) > 0) {
				t.Fatalf("%s: Customer is %v with %d options", r.ID, ev.Customer, len(opts))
			}
		}
	}
}

// TestEvalOptions checks that the zero EvalOption changes nothing and
// that the last of several options wins.
func TestEvalOptions(t *testing.T) {
	e := testEvaluator(t)
	reply := "I'm sorry your order is late. I'll send a replacement today."
	plain, _ := json.Marshal(e.Evaluate(reply))
	if got, _ := json.Marshal(e.Evaluate(reply, EvalOption{})); string(got) != string(plain) {
		t.Errorf("the zero EvalOption changed the evaluation:\n%s\nwant\n%s", got, plain)
	}
	angry := "WHERE IS MY ORDER?! Third time I'm asking!!"
	want, _ := json.Marshal(e.Evaluate(reply, WithCustomer(angry)))
	got, _ := json.Marshal(e.Evaluate(reply, WithCustomer("hello"), EvalOption{}, WithCustomer(angry)))
	if string(got) != string(want) {
		t.Errorf("the last WithCustomer did not win:\n%s\nwant\n%s", got, want)
	}
}
