package deescalate

import (
	"github.com/empathy-go/empathy/phrases"
	"github.com/empathy-go/empathy/rubric"
)

// Restatement is judged sentence by sentence against the customer's
// message (the rubric input's context).
//
// The customer's content words are its words and numbers other than
// function words, pronouns, greetings, feelings and the agent's own stock
// words (sorry, thanks, help, understand, ...), compared by stem, so
// "charged" in the reply matches "charge" in the message. A content word
// of the customer's is "owned" when a first-person pronoun (I, me, my,
// mine, we, us, our) stands up to two words before it: "my order", "we
// were charged". In the reply, a shared content word preceded within two
// words by "you" or "your" reflects that ownership ("your order", "you
// were charged") and counts twice: once as a shared word, once as a
// reflection.
//
// A reply sentence restates the problem when its count reaches
// restateMinScore, or when it has a restatement cue from the lexicon ("so
// if I understand correctly", "it sounds like", "you mentioned") and at
// least restateMinWithCue shared words.
//
// Without a customer message, a sentence restates when it has a cue and
// an explicit problem word ("broken", "charged", "never", "late", ...).
const (
	restateMinScore   = 3
	restateMinWithCue = 1
	// maxContent is how many distinct content words of the customer's
	// message are compared; the rest of a very long message is ignored.
	maxContent = 128
	// reflectWindow is how many words before a content word a pronoun may
	// stand to own it.
	reflectWindow = 2
)

// contentTable is the set of a customer message's content stems, built on
// the stack for one evaluation: open addressing over a fixed table.
type contentTable struct {
	n     int
	stems [maxContent]string
	owned [maxContent]bool
	seen  [maxContent]int32 // sentence number + 1 that last counted the stem
	slots [2 * maxContent]uint8
}

func hashString(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// find returns the index of stem, or -1.
func (t *contentTable) find(stem string) int {
	mask := uint32(len(t.slots) - 1)
	for h := hashString(stem) & mask; ; h = (h + 1) & mask {
		k := t.slots[h]
		if k == 0 {
			return -1
		}
		if t.stems[k-1] == stem {
			return int(k - 1)
		}
	}
}

// add inserts stem, or marks it owned if it is there; it does nothing once
// the table is full.
func (t *contentTable) add(stem string, owned bool) {
	mask := uint32(len(t.slots) - 1)
	h := hashString(stem) & mask
	for ; ; h = (h + 1) & mask {
		k := t.slots[h]
		if k == 0 {
			break
		}
		if t.stems[k-1] == stem {
			t.owned[k-1] = t.owned[k-1] || owned
			return
		}
	}
	if t.n == maxContent {
		return
	}
	t.stems[t.n] = stem
	t.owned[t.n] = owned
	t.n++
	t.slots[h] = uint8(t.n)
}

// restateFunc decides the restate criterion. See the constants above for
// the rule.
func restateFunc(t *rubric.Text, ms []phrases.Match) rubric.Result {
	d := t.Doc()
	c := t.Context()
	var ev []rubric.Evidence
	if c == nil {
		ev = restateWithoutContext(d, ms)
	} else {
		var tab contentTable
		tab.build(c)
		ev = tab.restatements(d, ms)
	}
	switch {
	case len(ev) > 0:
		return rubric.Result{Status: rubric.Met, Evidence: ev}
	case c != nil && !t.Flag(FlagComplaint):
		return rubric.Result{Status: rubric.NotApplicable, Note: "the customer raised no problem to restate"}
	}
	return rubric.Result{Status: rubric.Missed}
}

// build fills the table with the content stems of the customer's message.
func (t *contentTable) build(c *phrases.Doc) {
	toks := c.Tokens
	for i := range toks {
		tok := &toks[i]
		if !isContent(tok) {
			continue
		}
		owned := false
		for k := i - 1; k >= 0 && k >= i-reflectWindow && toks[k].Sentence == tok.Sentence; k-- {
			if firstPerson(toks[k].Norm) {
				owned = true
				break
			}
		}
		t.add(tok.Stem, owned)
	}
}

// restatements returns the sentences of d that restate the customer's
// message, as evidence.
func (t *contentTable) restatements(d *phrases.Doc, ms []phrases.Match) []rubric.Evidence {
	var ev []rubric.Evidence
	if t.n == 0 {
		return nil
	}
	toks := d.Tokens
	for s, sen := range d.Sentences {
		shared, reflected := 0, 0
		for i := sen.First; i < sen.Last; i++ {
			tok := &toks[i]
			if !isContent(tok) {
				continue
			}
			k := t.find(tok.Stem)
			if k < 0 || t.seen[k] == int32(s+1) {
				continue
			}
			t.seen[k] = int32(s + 1)
			shared++
			if t.owned[k] {
				for j := i - 1; j >= sen.First && j >= i-reflectWindow; j-- {
					if n := toks[j].Norm; n == "you" || n == "your" || n == "yours" {
						reflected++
						break
					}
				}
			}
		}
		if shared+reflected >= restateMinScore ||
			shared >= restateMinWithCue && hasCue(d, ms, s) {
			ev = append(ev, sentenceEvidence(d, sen))
		}
	}
	return ev
}

// restateWithoutContext returns the sentences of d with a restatement cue
// and an explicit problem word.
func restateWithoutContext(d *phrases.Doc, ms []phrases.Match) []rubric.Evidence {
	var ev []rubric.Evidence
	last := -1
	for i := range ms {
		m := &ms[i]
		if m.Negated {
			continue
		}
		s := d.Tokens[m.Tokens.Start].Sentence
		if s == last {
			continue
		}
		sen := d.Sentences[s]
		for k := sen.First; k < sen.Last; k++ {
			if problemWord(d.Tokens[k].Norm) {
				ev = append(ev, sentenceEvidence(d, sen))
				last = s
				break
			}
		}
	}
	return ev
}

// hasCue reports whether a restatement cue that is not negated starts in
// sentence s.
func hasCue(d *phrases.Doc, ms []phrases.Match, s int) bool {
	for i := range ms {
		if !ms[i].Negated && d.Tokens[ms[i].Tokens.Start].Sentence == s {
			return true
		}
	}
	return false
}

// sentenceEvidence returns the span of a sentence's tokens.
func sentenceEvidence(d *phrases.Doc, sen phrases.Sentence) rubric.Evidence {
	if sen.Last <= sen.First {
		return rubric.Evidence{Start: sen.Start, End: sen.Start}
	}
	return rubric.Evidence{Start: d.Tokens[sen.First].Start, End: d.Tokens[sen.Last-1].End}
}

// firstPerson reports whether a normalised word is a first-person pronoun.
func firstPerson(norm string) bool {
	switch norm {
	case "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves":
		return true
	}
	return false
}

// isContent reports whether a token is a content word for restatement.
func isContent(t *phrases.Token) bool {
	switch t.Kind {
	case phrases.Number:
		return true
	case phrases.Word:
	default:
		return false
	}
	if len(t.Norm) < 2 || stopword(t.Norm) {
		return false
	}
	return !stockStem(t.Stem)
}

// stopword reports whether a normalised word carries no content of its own
// for restatement: function words, pronouns, auxiliaries, very common
// verbs and adverbs, greetings.
func stopword(w string) bool {
	switch w {
	case "a", "an", "the", "and", "or", "but", "if", "so", "then", "than", "that", "this", "these", "those",
		"of", "to", "in", "on", "at", "by", "for", "with", "from", "about", "into", "onto", "over", "under",
		"up", "down", "out", "off", "as", "via", "per", "after", "before", "since", "until", "while", "during",
		"through", "again", "also", "too", "very", "really", "just", "only", "even", "still", "already",
		"yet", "now", "here", "there", "when", "where", "why", "how", "what", "which", "who", "whom", "whose",
		"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours",
		"yourself", "he", "him", "his", "she", "her", "hers", "it", "its", "itself", "they", "them", "their",
		"theirs", "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having",
		"do", "does", "did", "doing", "done", "will", "would", "shall", "should", "can", "could", "may",
		"might", "must", "ought", "not", "no", "yes", "ok", "okay", "oh", "hi", "hello", "hey", "dear",
		"please", "thanks", "thank", "sorry", "get", "got", "gotten", "getting", "go", "going", "gone", "went",
		"make", "made", "let", "know", "see", "say", "said", "tell", "told", "want", "wanted", "need", "needed",
		"like", "well", "way", "thing", "things", "something", "anything", "nothing", "everything", "some",
		"any", "all", "each", "every", "more", "most", "much", "many", "own", "same", "other", "another",
		"such", "one", "ones", "lot", "bit", "because", "though", "although", "whether", "either", "neither",
		"nor", "both", "s", "re", "ll", "ve", "d", "m", "t", "pm", "today", "right", "sure",
		"absolutely", "totally", "completely", "honestly", "definitely", "certainly", "actually", "literally",
		"back", "able", "time", "times", "day", "days", "hear", "heard", "look", "looking", "take", "taken",
		"come", "came", "put", "give", "gave", "given", "keep", "kept", "try", "tried", "trying", "think",
		"thought", "feel", "felt", "feeling", "seem", "seems", "seemed", "ever", "never", "always", "whole",
		"once", "twice", "someone", "anyone", "everyone", "nobody", "somebody", "anybody", "everybody",
		"hope", "happen", "happened", "happening", "issue", "issues", "problem", "problems", "experience",
		"situation", "matter", "case", "customer", "customers", "team", "company", "service", "support":
		return true
	}
	return false
}

// stockStem reports whether a stem is one of the agent's stock words or a
// feeling: sharing it with the customer is validation or apology, not
// restatement.
func stockStem(s string) bool {
	switch s {
	case "apolog", "sorri", "understand", "appreci", "help", "frustrat", "upset", "angri", "anger",
		"annoy", "disappoint", "ridicul", "unaccept", "terribl", "horribl", "aw", "awful", "worst",
		"stress", "worri", "concern", "inconveni", "troubl", "mess", "fix", "resolv", "sort",
		"contact", "reach", "email", "call", "messag", "repli", "respons", "respond", "assist",
		"assur", "glad", "happi", "pleas", "great", "good", "bad", "hate", "love", "furious",
		"mad", "sick", "tire", "fed", "joke", "seriou", "serious", "pathet", "useless", "disgust", "shock":
		return true
	}
	return false
}

// problemWord reports whether a normalised word names a problem, for
// restatement without a customer message and for [FlagProblem].
func problemWord(w string) bool {
	switch w {
	case "broken", "broke", "break", "breaks", "damaged", "damage", "cracked", "smashed", "crushed", "dented",
		"defective", "faulty", "leaking", "leak", "dead", "late", "delayed", "delay", "overdue", "missing",
		"lost", "wrong", "incorrect", "charged", "overcharged", "billed", "debited", "twice", "double",
		"refund", "cancelled", "canceled", "error", "errors", "failed", "fails", "failing", "crash",
		"crashed", "crashes", "crashing", "stuck", "locked", "declined", "blocked", "suspended", "frozen",
		"hacked", "disconnected", "outage", "down", "slow", "rude", "ignored", "never", "still", "again",
		"nobody", "complaint", "problem", "issue", "waiting", "waited", "wait", "hold", "unable", "cannot",
		"not", "without", "expired", "bounced", "stopped", "stops", "unusable", "useless", "mistake",
		"ruined", "spoiled", "stolen", "empty", "incomplete", "short", "worse", "worst", "nothing",
		"disappeared", "lied", "promised", "hours", "weeks", "days", "months", "refused", "denied":
		return true
	}
	return false
}
