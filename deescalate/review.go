package deescalate

import (
	"math"
	"strconv"
	"strings"

	"github.com/empathy-go/empathy/rubric"
)

// Role says who speaks a turn of a conversation.
type Role string

// The roles of a conversation.
const (
	Customer Role = "customer"
	Agent    Role = "agent"
)

// Turn is one message of a conversation.
type Turn struct {
	Role Role   `json:"role"` // who wrote it: [Customer] or [Agent]
	Text string `json:"text"` // what they wrote
}

// TurnReview is the review of one turn: an [Evaluation] for an agent turn,
// an [Assessment] for a customer turn.
type TurnReview struct {
	// Index is the turn's position in the conversation, from 0.
	Index int `json:"index"`
	// Role is the turn's role.
	Role Role `json:"role"`
	// Evaluation is the agent turn's evaluation, with the customer turns
	// since the previous agent turn as the customer's message; nil for
	// other turns.
	Evaluation *Evaluation `json:"evaluation,omitempty"`
	// Assessment is the customer turn's assessment; nil for other turns.
	Assessment *Assessment `json:"assessment,omitempty"`
}

// ConversationFinding is a finding about a conversation as a whole.
type ConversationFinding struct {
	// ID names what was checked: see [ConversationReview].
	ID string `json:"id"`
	// Status is met, missed, violated or not_applicable, as in a rubric
	// report.
	Status rubric.Status `json:"status"`
	// Note explains the outcome in plain words.
	Note string `json:"note,omitempty"`
	// Turns are the indexes of the turns the finding rests on.
	Turns []int `json:"turns,omitempty"`
}

// The ids of the conversation findings, in the order a review lists them.
const (
	FindingTrajectory = "anger_trajectory"    // the customer's anger fell
	FindingCalmFirst  = "calm_first"          // validation or apology before the remedy
	FindingClosing    = "closing"             // the agent closed with follow-up and thanks
	FindingEscalation = "escalation_answered" // escalation triggers were answered
	FindingClean      = "no_anti_patterns"    // no agent turn shows an anti-pattern
)

// ConversationReview is the review of a conversation: one review per turn
// and findings about the conversation as a whole.
//
// It is written to JSON as
//
//	{"turns": [{"index": 0, "role": "customer", "assessment": {"anger": 0.71, "level": "angry", ...}},
//	           {"index": 1, "role": "agent", "evaluation": {"score": 82.5, "techniques": [...], ...}}],
//	 "trajectory": [0.71, 0.2],
//	 "deescalated": true,
//	 "findings": [{"id": "anger_trajectory", "status": "met", "note": "...", "turns": [0, 2]}, ...],
//	 "overall": {"score": 90.5, "techniques": [...], ...},
//	 "score": 86.25}
//
// with each evaluation, and "overall", in the form described on
// [Evaluation].
//
// The findings, in this order:
//
//   - anger_trajectory: met when the customer's anger fell from their first
//     turn to their last ([ConversationReview.Deescalated]) or they stayed
//     calm throughout; missed otherwise; not applicable with fewer than
//     two customer turns.
//   - calm_first: met when the agent validated the feeling or apologized
//     no later than the turn that first offered a remedy (and, in the same
//     turn, earlier in it); violated when the calming came only after;
//     missed when it never came; not applicable when no remedy was
//     offered. Seed 003: "Before doing anything else, calm the customer
//     down".
//   - closing: met when the agent's last two turns contain both a
//     follow-up and thanks (seeds 003 and 004 end with them); missed
//     otherwise, saying which is missing.
//   - escalation_answered: met when every customer turn with an escalation
//     trigger ([Assessment.Escalate]) is followed by an agent turn that
//     escalates; missed otherwise; not applicable without triggers.
//   - no_anti_patterns: met when no agent turn shows an anti-pattern;
//     violated otherwise, naming them.
//
// A ConversationReview is a plain value: reading it from several
// goroutines is safe, modifying it is not.
type ConversationReview struct {
	// Turns has one review per turn, in order. Turns with a role other
	// than customer or agent have neither evaluation nor assessment.
	Turns []TurnReview `json:"turns"`
	// Trajectory is the customer's anger (0 to 1) in each customer turn,
	// in order.
	Trajectory []float64 `json:"trajectory"`
	// Deescalated reports that the customer's anger fell: there are at
	// least two customer turns, and the last one's anger is lower than
	// the first one's by at least 0.05, at a level no higher.
	Deescalated bool `json:"deescalated"`
	// Findings are the conversation-level findings, in the order listed
	// above.
	Findings []ConversationFinding `json:"findings"`
	// Overall evaluates the agent's side of the conversation as one reply
	// (the agent turns, one per line) to the customer's side (the customer
	// turns, one per line), with the situation flags of the angriest
	// customer turn and an escalation expected if any customer turn had a
	// trigger. A technique counts when some agent turn uses it, an
	// anti-pattern when some turn shows it, and order is judged across
	// turns. The reply is long form only if one of its turns is. Nil when
	// there is no agent turn.
	Overall *Evaluation `json:"overall,omitempty"`
	// Score, from 0 to 100, is the mean of two halves: Overall's score,
	// and the share of applicable conversation findings that are met
	// (×100). With no applicable finding it is Overall's score alone; with
	// no agent turn, 0.
	Score float64 `json:"score"`
}

// deescalationMargin is how much lower the last customer turn's anger must
// be than the first's for the conversation to count as de-escalated.
const deescalationMargin = 0.05

// Review reviews a conversation with the default Evaluator (see
// [Evaluate]). It is safe to call from multiple goroutines.
func Review(turns []Turn) *ConversationReview {
	return defaultEvaluator().Review(turns)
}

// Review reviews a conversation: each customer turn is assessed, each agent
// turn evaluated against the customer turns since the previous agent turn,
// and the conversation judged as a whole (see [ConversationReview]).
// Roles are compared exactly; turns with other roles are skipped.
//
// Review is safe to call from multiple goroutines.
func (e *Evaluator) Review(turns []Turn) *ConversationReview {
	cr := &ConversationReview{
		Turns:      make([]TurnReview, len(turns)),
		Trajectory: []float64{},
	}
	var (
		pending      []int // customer turns since the last agent turn
		customerIdx  []int
		agentIdx     []int
		lastCustomer *Assessment
	)
	for i, t := range turns {
		tr := &cr.Turns[i]
		tr.Index, tr.Role = i, t.Role
		switch t.Role {
		case Customer:
			a := e.assessor.Assess(t.Text)
			tr.Assessment = &a
			cr.Trajectory = append(cr.Trajectory, a.Anger)
			customerIdx = append(customerIdx, i)
			pending = append(pending, i)
			lastCustomer = &a
		case Agent:
			var ev *Evaluation
			switch len(pending) {
			case 0:
				ev = e.evaluate(t.Text, "", nil)
			case 1:
				ev = e.evaluate(t.Text, turns[pending[0]].Text, lastCustomer)
			default:
				var b strings.Builder
				for k, j := range pending {
					if k > 0 {
						b.WriteString("\n")
					}
					b.WriteString(turns[j].Text)
				}
				msg := b.String()
				a := e.assessor.Assess(msg)
				ev = e.evaluate(t.Text, msg, &a)
			}
			tr.Evaluation = ev
			agentIdx = append(agentIdx, i)
			pending = pending[:0]
		}
	}

	cr.Deescalated = deescalated(cr.Turns, customerIdx)
	cr.Findings = []ConversationFinding{
		trajectoryFinding(cr, customerIdx),
		calmFirstFinding(cr.Turns, agentIdx),
		closingFinding(cr.Turns, agentIdx),
		escalationFinding(cr.Turns, customerIdx, agentIdx),
		cleanFinding(cr.Turns, agentIdx),
	}
	cr.Overall = e.overall(turns, cr.Turns, customerIdx, agentIdx)
	cr.Score = conversationScore(cr)
	return cr
}

// overall evaluates the agent turns as one reply to the customer turns.
func (e *Evaluator) overall(turns []Turn, trs []TurnReview, customerIdx, agentIdx []int) *Evaluation {
	if len(agentIdx) == 0 {
		return nil
	}
	join := func(idx []int) string {
		var b strings.Builder
		for k, i := range idx {
			if k > 0 {
				b.WriteString("\n")
			}
			b.WriteString(turns[i].Text)
		}
		return b.String()
	}
	reply := join(agentIdx)
	long := false
	for _, i := range agentIdx {
		long = long || longForm(turns[i].Text)
	}
	if len(customerIdx) == 0 {
		return e.evaluateFlags(reply, "", nil, appendSituationFlags(nil, long, "", nil))
	}
	customer := join(customerIdx)
	var a Assessment
	for k, i := range customerIdx {
		if c := trs[i].Assessment; k == 0 || c.Anger > a.Anger {
			a = *c
		}
	}
	for _, i := range customerIdx {
		if c := trs[i].Assessment; c.Escalate && !a.Escalate {
			a.Escalate, a.Reasons = true, c.Reasons
		}
	}
	return e.evaluateFlags(reply, customer, &a, appendSituationFlags(nil, long, customer, &a))
}

func deescalated(trs []TurnReview, customerIdx []int) bool {
	if len(customerIdx) < 2 {
		return false
	}
	first := trs[customerIdx[0]].Assessment
	last := trs[customerIdx[len(customerIdx)-1]].Assessment
	return last.Anger <= first.Anger-deescalationMargin && last.Level <= first.Level
}

func trajectoryFinding(cr *ConversationReview, customerIdx []int) ConversationFinding {
	f := ConversationFinding{ID: FindingTrajectory}
	if len(customerIdx) < 2 {
		f.Status = rubric.NotApplicable
		f.Note = "fewer than two customer turns"
		return f
	}
	first, last := customerIdx[0], customerIdx[len(customerIdx)-1]
	f.Turns = []int{first, last}
	a, b := cr.Turns[first].Assessment, cr.Turns[last].Assessment
	calm := true
	for _, i := range customerIdx {
		calm = calm && cr.Turns[i].Assessment.Level == Calm
	}
	from := "anger went from " + formatAnger(a.Anger) + " (" + a.Level.String() + ") to " +
		formatAnger(b.Anger) + " (" + b.Level.String() + ")"
	switch {
	case cr.Deescalated:
		f.Status, f.Note = rubric.Met, from
	case calm:
		f.Status, f.Note = rubric.Met, "the customer stayed calm"
	default:
		f.Status, f.Note = rubric.Missed, from
	}
	return f
}

func formatAnger(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// firstEvidence returns where the first evidence of the findings ids in ev
// starts, or -1 when none of them is met.
func firstEvidence(ev *Evaluation, ids ...ID) int {
	pos := -1
	for _, id := range ids {
		f, ok := ev.Finding(id)
		if !ok || f.Status != rubric.Met || len(f.Evidence) == 0 {
			continue
		}
		if s := f.Evidence[0].Start; pos < 0 || s < pos {
			pos = s
		}
	}
	return pos
}

func calmFirstFinding(trs []TurnReview, agentIdx []int) ConversationFinding {
	f := ConversationFinding{ID: FindingCalmFirst}
	solve, solveAt := -1, -1
	for _, i := range agentIdx {
		if p := firstEvidence(trs[i].Evaluation, Options); p >= 0 {
			solve, solveAt = i, p
			break
		}
	}
	if solve < 0 {
		f.Status, f.Note = rubric.NotApplicable, "no remedy was offered"
		return f
	}
	calm, calmAt := -1, -1
	for _, i := range agentIdx {
		if p := firstEvidence(trs[i].Evaluation, Validate, Apologize); p >= 0 {
			calm, calmAt = i, p
			break
		}
	}
	switch {
	case calm < 0:
		f.Status, f.Note, f.Turns = rubric.Missed, "the remedy came without validation or apology", []int{solve}
	case calm < solve || calm == solve && calmAt < solveAt:
		f.Status, f.Turns = rubric.Met, []int{calm, solve}
		f.Note = "calmed in turn " + strconv.Itoa(calm) + ", offered a remedy in turn " + strconv.Itoa(solve)
	default:
		f.Status, f.Turns = rubric.Violated, []int{solve, calm}
		f.Note = "offered a remedy (turn " + strconv.Itoa(solve) + ") before validating or apologizing (turn " + strconv.Itoa(calm) + ")"
	}
	return f
}

func closingFinding(trs []TurnReview, agentIdx []int) ConversationFinding {
	f := ConversationFinding{ID: FindingClosing}
	if len(agentIdx) == 0 {
		f.Status, f.Note = rubric.NotApplicable, "no agent turn"
		return f
	}
	closing := agentIdx[max(0, len(agentIdx)-2):]
	f.Turns = append([]int(nil), closing...)
	var followUp, thank bool
	for _, i := range closing {
		ev := trs[i].Evaluation
		followUp = followUp || ev.Has(FollowUp)
		thank = thank || ev.Has(Thank)
	}
	switch {
	case followUp && thank:
		f.Status, f.Note = rubric.Met, "closed with a follow-up and thanks"
	case followUp:
		f.Status, f.Note = rubric.Missed, "closed without thanking the customer"
	case thank:
		f.Status, f.Note = rubric.Missed, "closed without offering to follow up"
	default:
		f.Status, f.Note = rubric.Missed, "closed without a follow-up or thanks"
	}
	return f
}

func escalationFinding(trs []TurnReview, customerIdx, agentIdx []int) ConversationFinding {
	f := ConversationFinding{ID: FindingEscalation}
	var triggers, unanswered []int
	for _, c := range customerIdx {
		if !trs[c].Assessment.Escalate {
			continue
		}
		triggers = append(triggers, c)
		answered := false
		for _, a := range agentIdx {
			if a > c && trs[a].Evaluation.Has(Escalate) {
				answered = true
				break
			}
		}
		if !answered {
			unanswered = append(unanswered, c)
		}
	}
	switch {
	case len(triggers) == 0:
		f.Status, f.Note = rubric.NotApplicable, "no escalation trigger"
	case len(unanswered) == 0:
		f.Status, f.Turns = rubric.Met, triggers
		f.Note = "every escalation trigger was answered by an escalation"
	default:
		f.Status, f.Turns = rubric.Missed, unanswered
		f.Note = "escalation triggers not answered in turns " + joinInts(unanswered)
	}
	return f
}

func cleanFinding(trs []TurnReview, agentIdx []int) ConversationFinding {
	f := ConversationFinding{ID: FindingClean}
	if len(agentIdx) == 0 {
		f.Status, f.Note = rubric.NotApplicable, "no agent turn"
		return f
	}
	var parts []string
	for _, i := range agentIdx {
		ev := trs[i].Evaluation
		if len(ev.AntiPatterns) == 0 {
			continue
		}
		f.Turns = append(f.Turns, i)
		ids := make([]string, len(ev.AntiPatterns))
		for k, id := range ev.AntiPatterns {
			ids[k] = string(id)
		}
		parts = append(parts, "turn "+strconv.Itoa(i)+": "+strings.Join(ids, ", "))
	}
	if len(parts) == 0 {
		f.Status = rubric.Met
		return f
	}
	f.Status, f.Note = rubric.Violated, strings.Join(parts, "; ")
	return f
}

func conversationScore(cr *ConversationReview) float64 {
	if cr.Overall == nil {
		return 0
	}
	turns := cr.Overall.Report.Score
	met, applicable := 0, 0
	for _, f := range cr.Findings {
		if f.Status == rubric.NotApplicable {
			continue
		}
		applicable++
		if f.Status == rubric.Met {
			met++
		}
	}
	if applicable == 0 {
		return turns
	}
	s := (turns + 100*float64(met)/float64(applicable)) / 2
	return math.Round(s*100) / 100
}

func joinInts(xs []int) string {
	var b strings.Builder
	for k, x := range xs {
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(x))
	}
	return b.String()
}
