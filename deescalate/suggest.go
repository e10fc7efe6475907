package deescalate

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/empathy-go/empathy/phrases"
)

// EditKind says what an [Edit] does to a draft.
type EditKind string

// The kinds of edit.
const (
	// EditDelete removes Old (draft[Start:End]); Text is empty.
	EditDelete EditKind = "delete"
	// EditReplace puts Text where Old was.
	EditReplace EditKind = "replace"
	// EditInsert puts Text at Start (== End); Old is empty.
	EditInsert EditKind = "insert"
)

// Edit is one change to a draft reply, suggested by [Suggest]: delete,
// replace or insert text at a byte range of the draft, with the technique
// or anti-pattern it addresses and the reason in plain words. A UI can
// show edits one by one; [Rewrite] applies the safe ones.
//
// Offsets are byte offsets into the draft and always fall on rune
// boundaries (on token or line boundaries of the analysed draft), so an
// edit never splits a UTF-8 sequence.
type Edit struct {
	// Kind says what the edit does: delete, replace or insert.
	Kind EditKind `json:"kind"`
	// Start and End are byte offsets into the draft; Start == End for
	// an insert.
	Start int `json:"start"`
	End   int `json:"end"`
	// Old is draft[Start:End]; empty for an insert.
	Old string `json:"old,omitempty"`
	// Text is the new text (replace, insert); empty for a delete.
	Text string `json:"text,omitempty"`
	// ID is the technique or anti-pattern the edit addresses.
	ID ID `json:"id"`
	// Reason says why, in plain words.
	Reason string `json:"reason"`
	// Safe reports that the edit can be applied without a person
	// checking it: [Rewrite] applies exactly the safe edits.
	Safe bool `json:"safe"`
}

// Suggest suggests edits to a draft reply with a process-wide Evaluator
// (see [Evaluate]). It is safe to call from multiple goroutines. See
// [Evaluator.Suggest].
func Suggest(draft string, opts ...EvalOption) []Edit {
	return defaultEvaluator().Suggest(draft, opts...)
}

// Rewrite applies the safe edits [Suggest] finds for a draft, with a
// process-wide Evaluator. It is safe to call from multiple goroutines. See
// [Evaluator.Rewrite].
func Rewrite(draft string, opts ...EvalOption) (string, []Edit) {
	return defaultEvaluator().Rewrite(draft, opts...)
}

// Suggest evaluates a draft reply and suggests byte-range edits that
// remove its anti-patterns and add what it misses at the close, working
// from the evaluation's evidence (the byte spans of each anti-pattern)
// and the draft's tokens, sentences and clauses. The edits are sorted by
// Start and never overlap: an edit's End is at most the next one's Start,
// and inserts at the same offset apply in list order. Offsets refer to
// the draft as given, not as changed by the edits before.
//
// # What it suggests
//
//   - non_apology: the hedged apology is replaced by a direct one in the
//     draft's voice, naming what went wrong when the draft does: "I'm
//     sorry you feel that way" → "I'm sorry this happened", "We regret
//     that you were disappointed with your stay" → "We are sorry for the
//     trouble with your stay", "Sorry if the pizza wasn't up to your
//     expectations" → "Sorry about the pizza". A "However, ..." opening
//     the next sentence goes with it, so the new apology is not taken
//     back. Safe.
//   - sorry_but: the turn that takes the apology back is removed and the
//     apology left to stand as a sentence of its own, the next word
//     capitalised: "I'm sorry, but our system ..." → "I'm sorry. Our
//     system ...", "Sorry. However, we ..." → "Sorry. We ...". Safe.
//   - policy: a sentence that only hides behind policy ("Rules are
//     rules.", "There's nothing I can do.") is replaced by asking what
//     would help ("What could I do to make this right for you?", as seed
//     001 advises, once per draft), or removed when the draft already
//     offers a remedy or asks; a policy frame around a fact is removed and
//     the fact kept ("Per our terms of service, refunds ..." → "Refunds
//     ...", "... and there's nothing I can do to reverse them" → "...");
//     "It's our policy not to X" becomes "We don't X". Where the policy
//     words come with information the customer needs ("Data protection
//     rules mean I'm not allowed to discuss other accounts"), the edit is
//     suggested but not safe.
//   - blame_customer, blame, dismiss, condescend: the phrase goes with
//     its clause or its sentence, whichever holds nothing else worth
//     keeping, and the adjoining space; the next word is capitalised when
//     it starts the sentence: "Like I told you yesterday, the system ..."
//     → "The system ...", "You should have read the instructions. I've
//     sent ..." → "I've sent ...", "It's obviously cheaper" → "It's
//     cheaper". Safe, unless the removal would take more than five
//     other content words with it, or leave nothing of the draft.
//   - vague: the vague promise is pointed out for deletion, never safe:
//     only the writer knows what concrete step and time to promise.
//   - follow_up: when the rubric misses it, an offer to check back is
//     inserted before the closing thanks or the sign-off ("Mind if I check
//     back in a couple of days to make sure it's all sorted?"). Safe.
//   - thank: when the rubric misses it, thanks are inserted before the
//     sign-off, or at the end ("Thanks for letting me know."); a draft that
//     thanks only early on is thanked again at the close. Safe.
//   - validate: with [WithCustomer], when the customer is at least
//     annoyed and the draft does not acknowledge the feeling, a validation
//     sized to the anger is inserted at the start, after a greeting:
//     "I understand how frustrating this is." for an annoyed customer,
//     "I completely understand why you're upset." for an angry one, "I
//     completely understand why you're angry, and you have every right
//     to be." for a furious one. Safe.
//
// Sign-offs are a valediction and up to three short lines ("Best
// regards,\nAnna\nCustomer Care", "Thanks,\nSam"), a last paragraph that
// is only a name or a team ("Billing Team"), or a signature at the end of
// the last line (" -Tom", " ^JB", " /FN").
//
// Inserted text follows the draft's register: e-mail drafts (long form,
// see [FlagLongForm]) get fuller sentences in paragraphs of their own
// before the sign-off, with the draft's line ends; chat drafts get short
// sentences on the same line, in lower case if the draft writes so; drafts
// that speak as "we" get "we", others "I"; contractions only if the draft
// uses them.
//
// # Safety
//
// Before returning, Suggest checks the safe edits against the
// Evaluator's rubric: an edit that on its own would add an anti-pattern,
// or lose a technique the draft has, is marked not safe and its reason
// says why; so is a removal that, with the others, would leave nothing of
// the draft; and the safe edits together must not lower the draft's
// score, or the least important are marked not safe until they do not.
// So [Evaluator.Rewrite] never makes a draft score lower or gain an
// anti-pattern.
//
// Suggest accepts any input, including invalid UTF-8: edits start and end
// on rune boundaries and touch only the bytes inside their range. A blank
// draft gets no edits. The cost is a few evaluations of the draft: one,
// then one per safe edit and one or more for them all. Suggest is safe to
// call from multiple goroutines.
func (e *Evaluator) Suggest(draft string, opts ...EvalOption) []Edit {
	if strings.TrimSpace(draft) == "" {
		return nil
	}
	customer := configure(opts).customer
	var a *Assessment
	if customer != "" {
		as := e.assessor.Assess(customer)
		a = &as
	}
	ev := e.evaluate(draft, customer, a)
	t := newDraft(draft, suggestAnalyzer().Analyze(draft), ev)
	return e.check(t, customer, a, t.suggest())
}

// Rewrite applies to a draft the safe edits [Evaluator.Suggest] finds, and
// returns the rewritten text and the edits applied, in the order of
// Suggest, with offsets into the draft as given. The rewritten text is the
// draft with each edit's Old replaced by its Text, which is what applying
// them one by one from the last to the first gives; the bytes outside the
// edits are unchanged, so the result is valid UTF-8 whenever the draft is,
// and invalid bytes outside the edits are kept as they are. It never
// scores lower than the draft on the Evaluator's rubric, nor shows an
// anti-pattern the draft did not. A draft with nothing to change is
// returned as it is, with no edits.
//
// Rewrite is safe to call from multiple goroutines.
func (e *Evaluator) Rewrite(draft string, opts ...EvalOption) (string, []Edit) {
	edits := e.Suggest(draft, opts...)
	safe := edits[:0:0]
	for _, ed := range edits {
		if ed.Safe {
			safe = append(safe, ed)
		}
	}
	if len(safe) == 0 {
		return draft, nil
	}
	return applyEdits(draft, safe), safe
}

// applyEdits returns draft with the edits applied. The edits must be
// sorted by Start and must not overlap (each End at most the next Start).
// The result is what applying them one by one from the last to the first
// gives.
func applyEdits(draft string, edits []Edit) string {
	n := len(draft)
	for _, ed := range edits {
		n += len(ed.Text) - (ed.End - ed.Start)
	}
	var b strings.Builder
	b.Grow(n)
	pos := 0
	for _, ed := range edits {
		b.WriteString(draft[pos:ed.Start])
		b.WriteString(ed.Text)
		pos = ed.End
	}
	b.WriteString(draft[pos:])
	return b.String()
}

// suggestAnalyzer is the analyzer Suggest reads drafts with, built on
// first use. An Analyzer is safe for concurrent use.
var suggestAnalyzer = sync.OnceValue(phrases.NewAnalyzer)

// check verifies the safe edits against the rubric, marks those that
// would hurt as not safe, and returns the edits, closing inserts rendered
// for the edits applied before them.
//
// Each edit is first checked on its own, on a window of the draft around
// it (the sentences it touches and one on either side), so the cost stays
// linear in the draft however many edits there are; then the safe edits
// are checked together on the whole draft.
func (e *Evaluator) check(t *editDraft, customer string, a *Assessment, cs []editCand) []Edit {
	draft, ev := t.s, t.ev
	applied := make([]bool, len(cs))
	n := 0
	for i := range cs {
		applied[i] = cs[i].Safe
		if applied[i] {
			n++
		}
	}
	if n == 0 {
		return renderEdits(draft, cs, applied)
	}
	unsafe := func(i int, why string) {
		applied[i] = false
		cs[i].Safe = false
		cs[i].Reason += " Not applied automatically: " + why
	}
	// Each edit alone: no anti-pattern gained, no technique lost.
	for i := range cs {
		if !applied[i] {
			continue
		}
		text := cs[i].Text
		if cs[i].core != "" {
			text = editClosingText(draft[:cs[i].Start], cs[i].sep, cs[i].core)
		}
		ws, we := t.window(cs[i].Start, cs[i].End)
		before := e.evaluate(draft[ws:we], customer, a)
		after := e.evaluate(draft[ws:cs[i].Start]+text+draft[cs[i].End:we], customer, a)
		if id, ok := gainedID(before.AntiPatterns, after.AntiPatterns); ok {
			unsafe(i, "on its own it would add "+string(id)+".")
			continue
		}
		if id, ok := gainedID(after.Techniques, before.Techniques); ok && id != cs[i].ID && !evidenceOutside(ev, id, ws, we) {
			unsafe(i, "it would lose "+string(id)+".")
		}
	}
	// The removals together must leave some of the draft.
	for {
		removed := make([]Edit, 0, len(cs))
		last := -1
		for i := range cs {
			if applied[i] && cs[i].Kind != EditInsert {
				removed = append(removed, cs[i].Edit)
				if last < 0 || cs[i].prio() >= cs[last].prio() {
					last = i
				}
			}
		}
		if last < 0 || editHasWords(applyEdits(draft, removed)) {
			break
		}
		unsafe(last, "together with the other edits it would leave nothing of the draft.")
	}
	// All together: no anti-pattern gained and no lower score; drop the
	// least important edits until that holds (one at a time while they
	// are few, a rank at a time when they are many).
	for {
		worst, count := -1, 0
		for i := range cs {
			if applied[i] {
				count++
				if worst < 0 || cs[i].prio() >= cs[worst].prio() {
					worst = i
				}
			}
		}
		if worst < 0 {
			break
		}
		eds := renderEdits(draft, cs, applied)
		picked := eds[:0]
		for i := range eds {
			if applied[i] {
				picked = append(picked, eds[i])
			}
		}
		after := e.evaluate(applyEdits(draft, picked), customer, a)
		if _, ok := gainedID(ev.AntiPatterns, after.AntiPatterns); !ok && after.Report.Score >= ev.Report.Score {
			break
		}
		const why = "together with the other edits it would lower the score."
		if count <= 16 {
			unsafe(worst, why)
			continue
		}
		rank := cs[worst].prio()
		for i := range cs {
			if applied[i] && cs[i].prio() == rank {
				unsafe(i, why)
			}
		}
	}
	return renderEdits(draft, cs, applied)
}

// window returns the byte range of the sentences an edit of draft[start:end]
// touches, with one sentence on either side.
func (t *editDraft) window(start, end int) (int, int) {
	sens := t.d.Sentences
	if len(sens) == 0 {
		return 0, len(t.s)
	}
	// the first sentence ending after start, the last starting before end
	s0 := sort.Search(len(sens), func(i int) bool { return sens[i].End > start })
	s1 := sort.Search(len(sens), func(i int) bool { return sens[i].Start >= end }) - 1
	if s0 >= len(sens) {
		s0 = len(sens) - 1
	}
	if s1 < s0 {
		s1 = s0
	}
	s0, s1 = max(s0-1, 0), min(s1+1, len(sens)-1)
	return min(sens[s0].Start, start), max(sens[s1].End, end)
}

// evidenceOutside reports whether the evaluation has evidence for id
// outside the byte range [start, end).
func evidenceOutside(ev *Evaluation, id ID, start, end int) bool {
	f, ok := ev.Finding(id)
	if !ok {
		return false
	}
	for _, e := range f.Evidence {
		if e.Start < start || e.End > end {
			return true
		}
	}
	return false
}

// editHasWords reports whether s has a letter or a digit.
func editHasWords(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// renderEdits returns the edits of cs, each closing insert's text made for the
// text before it once the edits marked in applied are: a full stop first
// when that text ends in a word, no separator when it is empty.
func renderEdits(draft string, cs []editCand, applied []bool) []Edit {
	out := make([]Edit, len(cs))
	var b strings.Builder
	pos := 0
	for i := range cs {
		ed := cs[i].Edit
		if applied[i] {
			b.WriteString(draft[pos:ed.Start])
			pos = ed.End
		}
		if cs[i].core != "" {
			before := draft[:ed.Start]
			if applied[i] {
				before = b.String()
			}
			ed.Text = editClosingText(before, cs[i].sep, cs[i].core)
		}
		if applied[i] {
			b.WriteString(ed.Text)
		}
		out[i] = ed
	}
	return out
}

// editClosingText returns core as inserted after before: after sep, with a
// full stop first when before ends in a word (not in a web or e-mail
// address, which the stop could be read as part of).
func editClosingText(before, sep, core string) string {
	trimmed := strings.TrimRight(before, " \t\r\n")
	if trimmed == "" {
		return core
	}
	if len(trimmed) < len(before) {
		sep = ""
	}
	last := trimmed[strings.LastIndexAny(trimmed, " \t\r\n")+1:]
	if r, _ := utf8.DecodeLastRuneInString(trimmed); (unicode.IsLetter(r) || unicode.IsDigit(r)) && !editIsAddress(last) {
		return "." + sep + core
	}
	return sep + core
}

// editIsAddress reports whether a word is a web or e-mail address.
func editIsAddress(w string) bool {
	return strings.Contains(w, "://") || strings.HasPrefix(strings.ToLower(w), "www.") ||
		strings.Contains(w, "@") && strings.Contains(w, ".")
}

// gainedID returns an id of after that is not in before.
func gainedID(before, after []ID) (ID, bool) {
	for _, id := range after {
		if !slices.Contains(before, id) {
			return id, true
		}
	}
	return "", false
}

// prio ranks an edit for dropping: higher is dropped first.
func (ed *Edit) prio() int {
	switch ed.ID {
	case NonApology, Policy, BlameCustomer:
		return 0
	case Dismiss, Condescend, Blame:
		return 1
	case SorryBut:
		return 2
	case Validate:
		return 3
	case FollowUp:
		return 4
	}
	return 5
}
