package deescalate

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/empathy-go/empathy/rubric"
)

// rewriteStats counts what Rewrite did to a set of replies.
type rewriteStats struct {
	replies   int     // replies with something to fix
	improved  int     // ... whose rewrite scores strictly higher
	before    float64 // sum of their scores before
	after     float64 // ... and after
	removed   int     // anti-patterns (ids per reply) gone after the rewrite
	remaining int     // anti-patterns still there
	edits     int     // edits applied
	unsafe    int     // edits suggested but not applied
}

// rewriteOne rewrites one reply and checks the invariants: the edits are
// well formed, Rewrite is the safe edits applied, the result is valid
// UTF-8 when the reply is, scores no lower and gains no anti-pattern;
// and adds the reply to st when it has something to fix.
func rewriteOne(t *testing.T, name, reply, customer string, st *rewriteStats) {
	t.Helper()
	var opts []EvalOption
	if customer != "" {
		opts = append(opts, WithCustomer(customer))
	}
	edits := Suggest(reply, opts...)
	checkSuggestEdits(t, reply, edits)
	out, applied := Rewrite(reply, opts...)
	if want := applyEdits(reply, safeOf(edits)); out != want {
		t.Errorf("%s: Rewrite is not the safe edits of Suggest applied:\ngot  %q\nwant %q", name, out, want)
	}
	if utf8.ValidString(reply) && !utf8.ValidString(out) {
		t.Errorf("%s: invalid UTF-8 in the rewrite %q", name, out)
	}
	ev0, ev1 := Evaluate(reply, opts...), Evaluate(out, opts...)
	if ev1.Report.Score < ev0.Report.Score {
		t.Errorf("%s: score %.2f → %.2f:\n%q\n→ %q", name, ev0.Report.Score, ev1.Report.Score, reply, out)
	}
	if id, ok := gainedID(ev0.AntiPatterns, ev1.AntiPatterns); ok {
		t.Errorf("%s: the rewrite gained %s:\n%q\n→ %q", name, id, reply, out)
	}
	if !rewriteToFix(ev0) {
		return
	}
	st.replies++
	st.before += ev0.Report.Score
	st.after += ev1.Report.Score
	if ev1.Report.Score > ev0.Report.Score {
		st.improved++
	}
	for _, id := range ev0.AntiPatterns {
		if ev1.Has(id) {
			st.remaining++
		} else {
			st.removed++
		}
	}
	st.edits += len(applied)
	st.unsafe += len(edits) - len(applied)
}

// rewriteToFix reports whether an evaluation shows an anti-pattern or
// misses thanks or a follow-up.
func rewriteToFix(ev *Evaluation) bool {
	if len(ev.AntiPatterns) > 0 {
		return true
	}
	for _, id := range []ID{Thank, FollowUp} {
		if f, ok := ev.Finding(id); ok && f.Status == rubric.Missed {
			return true
		}
	}
	return false
}

func (st *rewriteStats) log(t *testing.T, what string) {
	t.Helper()
	if st.replies == 0 {
		t.Logf("%s: nothing to rewrite", what)
		return
	}
	n := float64(st.replies)
	t.Logf("%s: %d replies to fix; %d improved (%.1f%%); mean score %.1f → %.1f; anti-patterns removed %d, remaining %d; edits applied %d, suggested but not applied %d",
		what, st.replies, st.improved, 100*float64(st.improved)/n, st.before/n, st.after/n, st.removed, st.remaining, st.edits, st.unsafe)
}

// minImproved is the share of the labelled replies with something to fix
// whose rewrite must score strictly higher.
const minImproved = 0.9

// TestRewriteCorpus rewrites every labelled reply of testdata/replies.jsonl
// (issue 5, section 3): no rewrite scores lower or gains an anti-pattern,
// and most of those with an anti-pattern or missing thanks or follow-up
// score strictly higher. Run with -v for the figures.
func TestRewriteCorpus(t *testing.T) {
	var st rewriteStats
	for _, r := range readReplies(t) {
		rewriteOne(t, r.ID, r.Reply, r.Customer, &st)
	}
	st.log(t, "testdata/replies.jsonl")
	if st.replies < 100 {
		t.Fatalf("only %d replies to fix; is the corpus there?", st.replies)
	}
	if share := float64(st.improved) / float64(st.replies); share < minImproved {
		t.Errorf("%d of %d rewrites improved (%.2f), want at least %.2f", st.improved, st.replies, share, minImproved)
	}
	if st.removed <= st.remaining {
		t.Errorf("anti-patterns removed %d, remaining %d: want most removed", st.removed, st.remaining)
	}
}

// twcsPath is real customer-care conversations from Twitter (see
// ../../shared/data/README.md); absent from a user's clone.
const twcsPath = "../../shared/data/twcs/conversations.json"

// TestRewriteTWCS runs real agent replies through Rewrite and checks the
// invariants only: no panic, well-formed edits, no lower score, no new
// anti-pattern. It skips when the data set is absent. Run with -v for the
// counts.
func TestRewriteTWCS(t *testing.T) {
	b, err := os.ReadFile(twcsPath)
	if err != nil {
		t.Skipf("development data absent: %v", err)
	}
	var convs []struct {
		AgentURL struct {
			Utterance string `json:"url_utterance"`
		} `json:"agentURL"`
		Dialog []struct {
			Agent   string `json:"agent"`
			Message string `json:"message"`
		} `json:"dialogContent"`
	}
	if err := json.Unmarshal(b, &convs); err != nil {
		t.Fatal(err)
	}
	var st rewriteStats
	n := 0
	for i, c := range convs {
		var customer []string
		for _, m := range c.Dialog {
			if m.Agent == "" {
				customer = append(customer, m.Message)
				continue
			}
			n++
			rewriteOne(t, "twcs turn", m.Message, strings.Join(customer, "\n"), &st)
			customer = customer[:0]
		}
		if c.AgentURL.Utterance != "" {
			n++
			rewriteOne(t, "twcs conversation "+strconv.Itoa(i), c.AgentURL.Utterance, strings.Join(customer, "\n"), &st)
		}
	}
	t.Logf("twcs: %d agent replies", n)
	st.log(t, "twcs")
}
