package deescalate

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/empathy-go/empathy/rubric"
)

// findingOf returns the conversation finding id.
func findingOf(t *testing.T, cr *ConversationReview, id string) ConversationFinding {
	t.Helper()
	for _, f := range cr.Findings {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no conversation finding %q", id)
	return ConversationFinding{}
}

func TestReviewGoodConversation(t *testing.T) {
	e := testEvaluator(t)
	cr := e.Review([]Turn{
		{Customer, "This is the THIRD time my delivery is late and I want a manager. I'm furious!!"},
		{Agent, "I'm so sorry, three late deliveries is not okay and I understand why you're furious. " +
			"I've asked my supervisor, Dana, to look at your account today."},
		{Customer, "ok. can you just refund the delivery fee"},
		{Agent, "Yes, I've refunded the delivery fee, and I can also send the order by express tomorrow if you like."},
		{Customer, "Express tomorrow is fine, thanks."},
		{Agent, "Done. Would it be okay if I checked in tomorrow afternoon to make sure it arrived? Thank you for bearing with us."},
	})
	if len(cr.Turns) != 6 || len(cr.Trajectory) != 3 {
		t.Fatalf("%d turns, trajectory %v", len(cr.Turns), cr.Trajectory)
	}
	for i, tr := range cr.Turns {
		if tr.Index != i {
			t.Errorf("turn %d has index %d", i, tr.Index)
		}
		switch tr.Role {
		case Customer:
			if tr.Assessment == nil || tr.Evaluation != nil {
				t.Errorf("customer turn %d: assessment %v, evaluation %v", i, tr.Assessment, tr.Evaluation)
			}
		case Agent:
			if tr.Evaluation == nil || tr.Assessment != nil {
				t.Errorf("agent turn %d: assessment %v, evaluation %v", i, tr.Assessment, tr.Evaluation)
			} else if tr.Evaluation.Customer == nil {
				t.Errorf("agent turn %d was evaluated without the customer's message", i)
			}
		}
	}
	if !cr.Deescalated || cr.Trajectory[2] >= cr.Trajectory[0] {
		t.Errorf("trajectory %v, deescalated %v", cr.Trajectory, cr.Deescalated)
	}
	for id, want := range map[string]rubric.Status{
		FindingTrajectory: rubric.Met,
		FindingCalmFirst:  rubric.Met,
		FindingClosing:    rubric.Met,
		FindingEscalation: rubric.Met,
		FindingClean:      rubric.Met,
	} {
		if f := findingOf(t, cr, id); f.Status != want {
			t.Errorf("%s: %v (%s), want %v", id, f.Status, f.Note, want)
		}
	}
	if got := findingOf(t, cr, FindingCalmFirst).Turns; !slices.Equal(got, []int{1, 3}) {
		t.Errorf("calm_first turns %v, want [1 3]", got)
	}
	if cr.Score < 85 {
		t.Errorf("score %v for a well-handled conversation", cr.Score)
	}
	// Overall: techniques used anywhere in the conversation.
	for _, id := range []ID{Validate, Apologize, Options, FollowUp, Escalate, Thank} {
		if !cr.Overall.Has(id) {
			t.Errorf("overall evaluation lacks %s: %v", id, cr.Overall.Techniques)
		}
	}
}

func TestReviewPoorConversation(t *testing.T) {
	e := testEvaluator(t)
	cr := e.Review([]Turn{
		{Customer, "My order is late. Where is it?"},
		{Agent, "I can refund the delivery fee. Sorry about the wait."},
		{Customer, "That's not good enough. I want to speak to a manager, this is a joke!"},
		{Agent, "Calm down, it's our policy that managers don't take calls."},
		{Customer, "UNBELIEVABLE. I'm cancelling and I'll tell everyone how useless you are!!!"},
	})
	want := map[string]rubric.Status{
		FindingTrajectory: rubric.Missed,
		FindingCalmFirst:  rubric.Violated,
		FindingClosing:    rubric.Missed,
		FindingEscalation: rubric.Missed,
		FindingClean:      rubric.Violated,
	}
	for id, st := range want {
		if f := findingOf(t, cr, id); f.Status != st {
			t.Errorf("%s: %v (%s), want %v", id, f.Status, f.Note, st)
		}
	}
	if cr.Deescalated {
		t.Errorf("deescalated with trajectory %v", cr.Trajectory)
	}
	if f := findingOf(t, cr, FindingClean); !strings.Contains(f.Note, "turn 3: ") || !strings.Contains(f.Note, "policy") {
		t.Errorf("no_anti_patterns note %q", f.Note)
	}
	if f := findingOf(t, cr, FindingEscalation); !slices.Contains(f.Turns, 2) {
		t.Errorf("escalation_answered turns %v: want the manager demand, turn 2", f.Turns)
	}
	good := e.Review([]Turn{
		{Customer, "My order is late. Where is it?"},
		{Agent, "I'm sorry it's late. I can refund the delivery fee. Can I check in tomorrow to make sure it arrived? Thanks for your patience."},
	})
	if cr.Score >= good.Score {
		t.Errorf("a poor conversation scores %v, a good one %v", cr.Score, good.Score)
	}
}

func TestReviewEdgeCases(t *testing.T) {
	e := testEvaluator(t)

	empty := e.Review(nil)
	if len(empty.Turns) != 0 || empty.Score != 0 || len(empty.Findings) != 5 || empty.Overall != nil {
		t.Errorf("empty conversation: %+v", empty)
	}
	for _, f := range empty.Findings {
		if f.Status != rubric.NotApplicable {
			t.Errorf("empty conversation: %s is %v", f.ID, f.Status)
		}
	}

	// The agent opens; an unknown role is skipped; two customer turns in a
	// row are the context of the next agent turn together.
	cr := e.Review([]Turn{
		{Agent, "Hi, how can I help?"},
		{Role: "system", Text: "chat transferred"},
		{Customer, "My parcel is late."},
		{Customer, "It was due on Monday."},
		{Agent, "I'm sorry your parcel due on Monday is late."},
	})
	if ev := cr.Turns[0].Evaluation; ev == nil || ev.Customer != nil {
		t.Errorf("opening agent turn: %+v", ev)
	}
	if tr := cr.Turns[1]; tr.Evaluation != nil || tr.Assessment != nil {
		t.Errorf("system turn reviewed: %+v", tr)
	}
	ev := cr.Turns[4].Evaluation
	if ev == nil || ev.Customer == nil || !ev.Has(Restate) {
		t.Errorf("agent turn after two customer turns: %+v", ev)
	}
	if f := findingOf(t, cr, FindingTrajectory); f.Status != rubric.Met && f.Status != rubric.Missed {
		t.Errorf("trajectory over two customer turns: %v", f.Status)
	}

	calm := e.Review([]Turn{
		{Customer, "Hi, what time do you open?"},
		{Agent, "We open at 9. Thanks for asking!"},
		{Customer, "Great, thanks."},
	})
	if f := findingOf(t, calm, FindingTrajectory); f.Status != rubric.Met || f.Note != "the customer stayed calm" {
		t.Errorf("calm conversation: %v %q", f.Status, f.Note)
	}
	if calm.Deescalated {
		t.Error("a conversation that stayed calm counts as de-escalated")
	}
}

func TestReviewJSON(t *testing.T) {
	e := testEvaluator(t)
	cr := e.Review([]Turn{
		{Customer, "My parcel is late!"},
		{Agent, "I'm sorry it's late. Thank you for telling us."},
	})
	b, err := json.Marshal(cr)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"turns":[{"index":0,"role":"customer","assessment":{`, `"role":"agent","evaluation":{"rubric":"deescalate"`,
		`"trajectory":[`, `"deescalated":false`, `"overall":{"rubric":"deescalate"`, `"findings":[{"id":"anger_trajectory","status":"not_applicable"`, `"score":`} {
		if !strings.Contains(string(b), k) {
			t.Errorf("JSON has no %s:\n%s", k, b)
		}
	}
	var back ConversationReview
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Score != cr.Score || len(back.Turns) != 2 || back.Turns[1].Evaluation.Report.Score != cr.Turns[1].Evaluation.Report.Score {
		t.Errorf("round trip changed the review")
	}
}
