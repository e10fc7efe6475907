package deescalate

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/empathy-go/empathy/phrases"
	"github.com/empathy-go/empathy/rubric"
)

// editDraft is a draft reply being worked on by Suggest: its text, its
// analysis, its evaluation and what Suggest has learnt about its register.
type editDraft struct {
	s     string
	d     *phrases.Doc
	ev    *Evaluation
	long  bool // e-mail register: long form
	we    bool // the draft speaks as "we"
	contr bool // the draft uses contractions ("I'm", "don't")
	crlf  bool // the draft ends its lines with CRLF

	removable []bool // tokens inside phrases Suggest removes; see flagged
	asked     bool   // a policy sentence is already replaced by a question

	cands []editCand
	lower bool // the draft writes sentences in lower case ("sorry! we're on it")
}

// editCand is a candidate edit. A closing insert (core != "") is rendered
// last, once the edits applied before it are known: its text is sep and
// core, with a full stop first when the text before it ends without one.
type editCand struct {
	Edit
	core, sep string
}

func newDraft(s string, d *phrases.Doc, ev *Evaluation) *editDraft {
	t := &editDraft{s: s, d: d, ev: ev, long: longForm(s) || strings.Contains(s, "\n\r\n"), crlf: strings.Contains(s, "\r\n")}
	first, plural := 0, 0
	for i := range d.Tokens {
		tok := &d.Tokens[i]
		switch tok.Norm {
		case "i", "me", "my", "mine", "myself":
			first++
		case "we", "us", "our", "ours", "ourselves":
			plural++
		}
		if tok.Kind == phrases.Word && tok.Start < tok.End && (s[tok.Start] == '\'' || strings.HasPrefix(s[tok.Start:], "’") ||
			tok.Norm == "not" && strings.HasSuffix(s[tok.Start:tok.End], "t") && strings.ContainsAny(s[tok.Start:tok.End], "'’")) {
			t.contr = true
		}
	}
	t.we = plural > first
	upper, lowerStarts := 0, 0
	for _, sen := range d.Sentences {
		for i := sen.First; i < sen.Last; i++ {
			tok := &d.Tokens[i]
			if tok.Kind != phrases.Word {
				if tok.Kind == phrases.Punct || tok.Kind == phrases.Mention {
					continue
				}
				break
			}
			r, _ := utf8.DecodeRuneInString(s[tok.Start:])
			switch {
			case unicode.IsUpper(r) && tok.Norm != "i":
				upper++
			case unicode.IsLower(r):
				lowerStarts++
			}
			break
		}
	}
	t.lower = lowerStarts > 0 && upper == 0
	return t
}

// suggest returns the candidate edits, sorted and without overlaps.
func (t *editDraft) suggest() []editCand {
	for _, id := range []ID{NonApology, Policy, BlameCustomer, Dismiss, Condescend, Blame, SorryBut, Vague} {
		f, ok := t.ev.Finding(id)
		if !ok || f.Status != rubric.Violated {
			continue
		}
		for _, e := range f.Evidence {
			if e.Start < 0 || e.End > len(t.s) || e.Start >= e.End {
				continue
			}
			switch id {
			case NonApology:
				t.nonApology(e.Start, e.End)
			case SorryBut:
				t.sorryBut(e.Start, e.End)
			case Policy:
				t.policy(e.Start, e.End)
			default:
				t.remove(id, e.Start, e.End)
			}
		}
	}
	t.inserts()
	return t.resolve()
}

// add records a candidate edit of draft[start:end] into text.
func (t *editDraft) add(id ID, start, end int, text, reason string, safe bool) {
	if start < 0 || end > len(t.s) || start > end || start == end && text == "" {
		return
	}
	kind := EditReplace
	switch {
	case start == end:
		kind = EditInsert
	case text == "":
		kind = EditDelete
	}
	t.cands = append(t.cands, editCand{Edit: Edit{Kind: kind, Start: start, End: end, Old: t.s[start:end], Text: text,
		ID: id, Reason: reason, Safe: safe}})
}

// addClosing records a closing insert at pos: core, after sep.
func (t *editDraft) addClosing(id ID, pos int, core, sep, reason string) {
	t.add(id, pos, pos, sep+core, reason, true)
	c := &t.cands[len(t.cands)-1]
	c.core, c.sep = core, sep
}

// resolve keeps the candidates that do not overlap an earlier one (the
// candidates come in order of importance) and sorts them by Start, inserts
// first at equal offsets. A deletion that overlaps another only in white
// space (two sentences deleted side by side) is trimmed instead.
func (t *editDraft) resolve() []editCand {
	var out []editCand
next:
	for _, c := range t.cands {
		for _, o := range out {
			if c.Start == o.Start && c.End == o.End && c.Text == o.Text {
				continue next
			}
			if !editsOverlap(c.Edit, o.Edit) {
				continue
			}
			if c.Kind != EditDelete || o.Start == o.End {
				continue next
			}
			a, b := max(c.Start, o.Start), min(c.End, o.End)
			if strings.TrimSpace(t.s[a:b]) != "" {
				continue next
			}
			if c.Start >= o.Start {
				c.Start = o.End
			} else {
				c.End = o.Start
			}
			if c.Start >= c.End {
				continue next
			}
			c.Old = t.s[c.Start:c.End]
		}
		for _, o := range out {
			if editsOverlap(c.Edit, o.Edit) {
				continue next
			}
		}
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Kind == EditInsert && b.Kind != EditInsert
	})
	return out
}

// editsOverlap reports whether two edits touch the same bytes, or one inserts
// inside the other's range.
func editsOverlap(a, b Edit) bool {
	switch {
	case a.Start == a.End && b.Start == b.End:
		return false
	case a.Start == a.End:
		return b.Start < a.Start && a.Start < b.End
	case b.Start == b.End:
		return a.Start < b.Start && b.Start < a.End
	}
	return a.Start < b.End && b.Start < a.End
}

// --- tokens, sentences, clauses ---------------------------------------------

// span returns the first and last tokens that overlap s[start:end].
func (t *editDraft) span(start, end int) (int, int, bool) {
	toks := t.d.Tokens
	i0 := sort.Search(len(toks), func(i int) bool { return toks[i].End > start })
	i1 := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= end }) - 1
	if i0 >= len(toks) || i1 < i0 {
		return 0, 0, false
	}
	return i0, i1, true
}

func (t *editDraft) norm(i int) string {
	if i < 0 || i >= len(t.d.Tokens) {
		return ""
	}
	return t.d.Tokens[i].Norm
}

func (t *editDraft) isWord(i int) bool {
	k := t.d.Tokens[i].Kind
	return k == phrases.Word || k == phrases.Number
}

// isFinal reports whether token i is sentence-final punctuation.
func (t *editDraft) isFinal(i int) bool {
	switch t.d.Tokens[i].Norm {
	case ".", "!", "?", "…":
		return t.d.Tokens[i].Kind == phrases.Punct
	}
	return false
}

// isBoundary reports whether token i separates clauses: a comma, a
// semicolon, a colon, a dash, or sentence-final punctuation.
func (t *editDraft) isBoundary(i int) bool {
	if t.d.Tokens[i].Kind != phrases.Punct {
		return false
	}
	switch t.d.Tokens[i].Norm {
	case ",", ";", ":", "-", "–", "—", ".", "!", "?", "…":
		return true
	}
	return false
}

// editClause is a run of tokens [first, last) between clause boundaries.
type editClause struct{ first, last int }

// clauses returns the clauses of sentence s.
func (t *editDraft) clauses(s int) []editClause {
	sen := t.d.Sentences[s]
	var cl []editClause
	start := sen.First
	for i := sen.First; i < sen.Last; i++ {
		if t.isBoundary(i) {
			if i > start {
				cl = append(cl, editClause{start, i})
			}
			start = i + 1
		}
	}
	if start < sen.Last {
		cl = append(cl, editClause{start, sen.Last})
	}
	// Strong conjunctions inside a clause start a clause of their own:
	// "... at the end of the day but there's nothing I can do".
	for k := 0; k < len(cl); k++ {
		for i := cl[k].first + 1; i < cl[k].last; i++ {
			if t.splitsAt(i) {
				cl = slices.Insert(cl, k+1, editClause{i, cl[k].last})
				cl[k].last = i
				break
			}
		}
	}
	return cl
}

// splitsAt reports whether token i, inside a clause, opens a clause of
// its own: "but", "however", "because", and "so" before a subject ("so
// there's nothing", "so you should have").
func (t *editDraft) splitsAt(i int) bool {
	switch t.d.Tokens[i].Norm {
	case "but", "however", "because":
		return t.isWord(i - 1)
	case "so":
		switch t.norm(i + 1) {
		case "i", "we", "you", "it", "there", "that", "this", "they", "he", "she", "the", "your", "our", "under", "please", "no", "some", "really":
			return t.isWord(i - 1)
		}
	}
	return false
}

func editClauseOf(cl []editClause, i int) int {
	for k, c := range cl {
		if c.first <= i && i < c.last {
			return k
		}
	}
	return -1
}

// filler words carry no content of their own in a clause: removing a
// editClause of them with the phrase they surround loses nothing.
func editFiller(w string) bool {
	switch w {
	case "unfortunately", "sadly", "regrettably", "however", "but", "and", "so", "well", "look",
		"listen", "honestly", "frankly", "sir", "madam", "ma'am", "maam", "please", "kindly", "note",
		"ok", "okay", "oh", "ah", "haha", "lol", "ha", "hey", "i", "am", "afraid", "we", "are", "really",
		"just", "though", "again", "anyway", "yes", "also", "then", "now", "here", "to", "be", "honest",
		"fair", "mate", "hmm", "um", "sure", "actually", "simply", "basically", "still", "yet", "that",
		"said", "being", "having", "nevertheless", "nonetheless":
		return true
	}
	return false
}

// editStopWords are function words: they do not count as content lost.
func editStopWords(w string) bool {
	switch w {
	case "the", "a", "an", "this", "that", "these", "those", "it", "is", "are", "was", "were", "be",
		"been", "being", "have", "has", "had", "do", "does", "did", "will", "would", "can", "could",
		"should", "must", "may", "might", "shall", "not", "you", "your", "yours", "yourself", "i", "me",
		"my", "we", "us", "our", "they", "them", "their", "he", "she", "his", "her", "to", "of", "in",
		"on", "at", "for", "with", "by", "from", "about", "as", "so", "and", "or", "but", "if", "then",
		"there", "here", "what", "which", "who", "when", "am", "'s", "just", "really", "very", "all",
		"any", "some", "no", "up", "out", "into", "before", "after":
		return true
	}
	return false
}

func editConjunctions(w string) bool {
	switch w {
	case "and", "so", "but", "because", "which", "though", "although", "while", "yet", "or", "as",
		"since":
		return true
	}
	return false
}

// editAdjuncts open a clause that is no sentence on its own: "due to
// high demand", "in the meantime", "not the airline".
func editAdjuncts(w string) bool {
	switch w {
	case "not", "due", "owing", "given", "despite", "per", "according", "following", "in", "under",
		"with", "without", "for", "during", "at", "on", "from", "by", "like", "regarding":
		return true
	}
	return false
}

func editSubordinators(w string) bool {
	switch w {
	case "if", "once", "when", "whenever", "because", "since", "as", "after", "before", "unless",
		"until", "while", "although", "though", "whereas", "which", "who", "that":
		return true
	}
	return false
}

// editApologyOrThanks are words whose clause is worth keeping on its own
// ("Sorry, ...", "Thanks, ...").
func editApologyOrThanks(w string) bool {
	switch w {
	case "sorry", "apologies", "apologise", "apologize", "thanks", "thank":
		return true
	}
	return false
}

// trivial reports whether a clause carries nothing worth keeping on its
// own: filler words, a vocative ("Sir", "John"), or a subordinate clause
// whose main clause would be gone.
func (t *editDraft) trivial(c editClause) bool {
	words, title := 0, true
	for i := c.first; i < c.last; i++ {
		tok := &t.d.Tokens[i]
		if !t.isWord(i) {
			continue
		}
		if words == 0 && (editSubordinators(tok.Norm) || editAdjuncts(tok.Norm)) {
			// a subordinate clause, an adjunct ("due to high demand", "in
			// the meantime") or a fragment ("not the airline")
			return true
		}
		words++
		if editApologyOrThanks(tok.Norm) {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(t.s[tok.Start:]); !unicode.IsUpper(r) || tok.Norm == "i" {
			title = false
		}
	}
	if words > 0 && words <= 2 && title {
		return true // a vocative: "Sir", "John Smith"
	}
	for i := c.first; i < c.last; i++ {
		if t.isWord(i) && !editFiller(t.d.Tokens[i].Norm) {
			return false
		}
	}
	return true
}

// lead returns the first token of sentence s after leading @mentions and
// a greeting clause ("Hi Sam,"), and whether a word starting there starts
// the sentence (and so takes a capital).
func (t *editDraft) lead(s int) (int, bool) {
	sen := t.d.Sentences[s]
	i := sen.First
	for i < sen.Last && t.d.Tokens[i].Kind == phrases.Mention {
		i++
	}
	if i < sen.Last && t.greetingAt(i) {
		for k := i + 1; k < sen.Last && k <= i+4; k++ {
			if t.d.Tokens[k].Norm == "," {
				return k + 1, false
			}
		}
	}
	return i, true
}

// greetingAt reports whether a greeting starts at token i: "Hi",
// "Hello", "Dear", "Good morning".
func (t *editDraft) greetingAt(i int) bool {
	switch t.d.Tokens[i].Norm {
	case "hi", "hello", "hey", "dear", "greetings", "hiya":
		return true
	case "good":
		switch t.norm(i + 1) {
		case "morning", "afternoon", "evening", "day":
			return true
		}
	}
	return false
}

// capFirst returns the edit end and text that make the word at token i
// start with a capital: the first rune of the token upper-cased, or
// nothing when it needs no change or the draft writes in lower case.
func (t *editDraft) capFirst(i int) (int, string) {
	tok := &t.d.Tokens[i]
	r, n := utf8.DecodeRuneInString(t.s[tok.Start:])
	if r == utf8.RuneError || !unicode.IsLower(r) || t.lower {
		return tok.Start, ""
	}
	return tok.Start + n, string(unicode.ToUpper(r))
}

// editIsSpace reports whether c is ASCII white space.
func editIsSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func editIsHSpace(c byte) bool { return c == ' ' || c == '\t' }

// sentenceRange returns the byte range that deleting sentence s takes:
// the sentence and the white space that joins it to its neighbours, so
// that the text around closes up naturally.
func (t *editDraft) sentenceRange(s int) (int, int) {
	sen := t.d.Sentences[s]
	start, end := sen.Start, sen.End
	// Space before, on the same line: take it ("A. B." → "A.").
	ls := start
	for ls > 0 && editIsHSpace(t.s[ls-1]) {
		ls--
	}
	if ls < start && ls > 0 && t.s[ls-1] != '\n' {
		return ls, end
	}
	// The sentence starts a line: take the space after it.
	te := end
	for te < len(t.s) && editIsSpace(t.s[te]) {
		te++
	}
	if te < len(t.s) {
		return start, te
	}
	// Last in the text: take all the space before it.
	for start > 0 && editIsSpace(t.s[start-1]) {
		start--
	}
	return start, end
}

// lost returns the content words of tokens [from, to) outside [e0, e1]:
// what a removal would take besides the phrase.
func (t *editDraft) lost(from, to, e0, e1 int) []string {
	var out []string
	for i := from; i < to; i++ {
		if i >= e0 && i <= e1 || !t.isWord(i) {
			continue
		}
		n := t.d.Tokens[i].Norm
		if editStopWords(n) || editFiller(n) {
			continue
		}
		out = append(out, t.s[t.d.Tokens[i].Start:t.d.Tokens[i].End])
	}
	return out
}

// editMaxLost is how many content words besides the phrase a safe removal may
// take with it.
const editMaxLost = 5

// editQuote returns s in double quotes, shortened.
func editQuote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		cut := 57
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return "\"" + s + "\""
}

// --- removing a phrase ----------------------------------------------------------

// editAdverbs are one-word anti-patterns that can go on their own.
func editAdverbs(w string) bool {
	switch w {
	case "obviously", "clearly", "evidently", "simply", "honestly":
		return true
	}
	return false
}

// editFraming open a prepositional frame around a fact ("per our terms",
// "as stated in our letter", "like I said").
func editFraming(w string) bool {
	switch w {
	case "per", "as", "according", "under", "like", "in", "due", "because", "based", "pursuant":
		return true
	}
	return false
}

// editRemoval is a planned removal of a phrase.
type editRemoval struct {
	start, end int    // byte range
	text       string // replacement (a capital letter), or ""
	sentence   bool   // the whole sentence goes
	s          int    // the sentence
	lost       []string
}

// plan plans the removal of the phrase at s[es:ee] with what must go with
// it: the phrase alone (a one-word adverb, a frame like "per our terms"),
// its clause, or its sentence.
//
// With union, clauses holding other phrases Suggest removes count as
// gone too (see flagged), so that a sentence made only of such phrases
// goes whole.
func (t *editDraft) plan(es, ee int, union bool) (editRemoval, bool) {
	i0, i1, ok := t.span(es, ee)
	if !ok {
		return editRemoval{}, false
	}
	toks := t.d.Tokens
	s := toks[i0].Sentence
	if toks[i1].Sentence != s {
		return editRemoval{}, false
	}
	sen := t.d.Sentences[s]
	lead, capital := t.lead(s)
	if i0 < lead {
		i0 = lead
		if i0 > i1 {
			return editRemoval{}, false
		}
	}
	cl := t.clauses(s)
	c0, c1 := editClauseOf(cl, i0), editClauseOf(cl, i1)
	if c0 < 0 || c1 < 0 {
		return editRemoval{}, false
	}

	// A one-word adverb goes alone: "You obviously added" → "You added".
	if i0 == i1 && editAdverbs(toks[i0].Norm) {
		if r, ok := t.dropAdverb(s, i0, lead, capital); ok {
			return r, true
		}
	}

	// Walk back from the phrase to the start of its clause. A conjunction
	// on the way starts a clause of its own: "X and there's nothing I can
	// do" splits before "and".
	mid := false
	for k := i0 - 1; k >= cl[c0].first && k >= lead; k-- {
		n := toks[k].Norm
		if editConjunctions(n) {
			if k > cl[c0].first {
				cl = slices.Insert(cl, c0+1, editClause{k, cl[c0].last})
				cl[c0].last = k
				c0++
				c1++
			}
			break
		}
		if editFiller(n) || editStopWords(n) || !t.isWord(k) {
			continue
		}
		mid = true
		break
	}
	// A frame ("per company policy", "as stated in our terms") goes alone
	// when it is not a clause of its own.
	if editFraming(toks[i0].Norm) {
		fe := i1
		if cl[c1].last-1-i1 <= 3 {
			fe = cl[c1].last - 1
		}
		// A frame opening a clause that ends at a comma is the clause:
		// "As I already explained in your last ticket, ...".
		atComma := cl[c1].last < sen.Last && !t.isFinal(cl[c1].last)
		if mid || c0 != c1 || fe < cl[c1].last-1 && !atComma {
			return t.dropTokens(s, i0, fe, capital && i0 == lead), true
		}
	}

	// Does anything worth keeping remain outside the phrase's clauses?
	conditional := false
	switch toks[i0].Norm {
	case "if", "had", "unless":
		conditional = true
	}
	keep := -1 // the first clause after c1 worth keeping
	anyKept := false
	for k := range cl {
		if k >= c0 && k <= c1 || cl[k].last <= lead {
			continue
		}
		if !t.trivial(cl[k]) && !(union && t.flagged(cl[k])) {
			anyKept = true
			if k > c1 && keep < 0 {
				keep = k
			}
		}
	}
	if !anyKept || conditional {
		lostWords := t.lost(lead, sen.Last, i0, i1)
		if lead > sen.First {
			// Keep the greeting: remove from the lead to the end of the
			// sentence's words.
			last := sen.Last - 1
			for last > lead && t.isFinal(last) {
				last--
			}
			from := toks[lead].Start
			for from > 0 && editIsHSpace(t.s[from-1]) {
				from--
			}
			if from > 0 && t.s[from-1] == ',' {
				from--
			}
			return editRemoval{start: from, end: toks[last].End, s: s, lost: lostWords}, true
		}
		a, b := t.sentenceRange(s)
		return editRemoval{start: a, end: b, sentence: true, s: s, lost: lostWords}, true
	}
	// Is there a clause worth keeping before the phrase's?
	prev := -1
	for k := c0 - 1; k >= 0; k-- {
		if cl[k].last > lead && !t.trivial(cl[k]) {
			prev = k
			break
		}
	}
	if prev >= 0 {
		// "A, B, <phrase clause>." → "A, B."; "A, <phrase>, C." → "A, C.";
		// "A, <phrase>, I'm afraid." → "A."
		last := c1
		if keep < 0 {
			last = len(cl) - 1
		}
		from := toks[cl[prev].last-1].End
		to := toks[cl[last].last-1].End
		return editRemoval{start: from, end: to, s: s, lost: t.lost(cl[prev].last, cl[last].last, i0, i1)}, true
	}
	// The phrase leads the sentence: remove up to the next clause worth
	// keeping, dropping its opening conjunction, and capitalise it.
	nk := cl[keep].first
	for nk < cl[keep].last-1 && (editConjunctions(toks[nk].Norm) || toks[nk].Norm == "however") {
		nk++
	}
	r := editRemoval{start: toks[lead].Start, end: toks[nk].Start, s: s, lost: t.lost(lead, nk, i0, i1)}
	if capital {
		r.end, r.text = t.capFirst(nk)
	}
	return r, true
}

// flagged reports whether a clause holds a phrase of an anti-pattern
// that Suggest removes (blame_customer, blame, dismiss, condescend,
// policy): such a clause is not worth keeping when another phrase of the
// sentence goes.
func (t *editDraft) flagged(c editClause) bool {
	if t.removable == nil {
		t.removable = make([]bool, len(t.d.Tokens))
		for _, id := range []ID{Policy, BlameCustomer, Dismiss, Condescend, Blame} {
			f, ok := t.ev.Finding(id)
			if !ok || f.Status != rubric.Violated {
				continue
			}
			for _, e := range f.Evidence {
				if i0, i1, ok := t.span(e.Start, e.End); ok {
					for i := i0; i <= i1; i++ {
						t.removable[i] = true
					}
				}
			}
		}
	}
	for i := c.first; i < c.last; i++ {
		if t.removable[i] {
			return true
		}
	}
	return false
}

// dropAdverb plans removing the adverb at token i of sentence s, with the
// commas around it when it stands between them.
func (t *editDraft) dropAdverb(s, i, lead int, capital bool) (editRemoval, bool) {
	toks := t.d.Tokens
	in := func(k int) bool { return k >= 0 && k < len(toks) && toks[k].Sentence == s }
	prevComma := in(i-1) && i-1 >= lead && toks[i-1].Norm == ","
	nextComma := in(i+1) && toks[i+1].Norm == ","
	switch {
	case prevComma && nextComma:
		// "The refund, obviously, takes" → "The refund takes"
		return editRemoval{start: toks[i-1].Start, end: toks[i+1].End, s: s}, true
	case prevComma && in(i+1) && t.isFinal(i+1):
		// "..., obviously." → "..."
		return editRemoval{start: toks[i-1].Start, end: toks[i].End, s: s}, true
	case nextComma && i == lead && in(i+2) && t.isWord(i+2):
		// "Obviously, the meter" → "The meter"
		r := editRemoval{start: toks[i].Start, end: toks[i+2].Start, s: s}
		if capital {
			r.end, r.text = t.capFirst(i + 2)
		}
		return r, true
	case in(i+1) && t.isWord(i+1):
		return t.dropTokens(s, i, i, capital && i == lead), true
	}
	return editRemoval{}, false
}

// dropTokens plans removing tokens [i0, i1] of sentence s with one
// adjoining space; capital says the first of them starts the sentence, so
// the word after takes a capital.
func (t *editDraft) dropTokens(s, i0, i1 int, capital bool) editRemoval {
	toks := t.d.Tokens
	start, end := toks[i0].Start, toks[i1].End
	next := i1 + 1
	if next < len(toks) && toks[next].Sentence == s && t.isWord(next) {
		// followed by a word: take the space after
		for end < len(t.s) && editIsHSpace(t.s[end]) {
			end++
		}
	} else {
		// followed by punctuation: take the space before
		for start > 0 && editIsHSpace(t.s[start-1]) {
			start--
		}
	}
	r := editRemoval{start: start, end: end, s: s}
	if capital && next < len(toks) && toks[next].Sentence == s && t.isWord(next) && toks[next].Start == end {
		r.end, r.text = t.capFirst(next)
	}
	return r
}

// leavesNothing reports whether applying r leaves no words.
func (t *editDraft) leavesNothing(r editRemoval) bool {
	return strings.TrimSpace(t.s[:r.start]+r.text+t.s[r.end:]) == ""
}

// planRemoval plans the removal of the phrase at s[es:ee], with the
// other phrases of its sentence when that loses no more than maxLost
// words, else alone.
func (t *editDraft) planRemoval(es, ee int) (editRemoval, bool) {
	r, ok := t.plan(es, ee, true)
	if ok && len(r.lost) > editMaxLost {
		if r2, ok2 := t.plan(es, ee, false); ok2 && len(r2.lost) <= editMaxLost {
			return r2, true
		}
	}
	return r, ok
}

// remove suggests removing an anti-pattern phrase (blame_customer, blame,
// dismiss, condescend, vague).
func (t *editDraft) remove(id ID, es, ee int) {
	r, ok := t.planRemoval(es, ee)
	if !ok {
		return
	}
	phrase := editQuote(t.s[es:ee])
	var reason string
	switch id {
	case BlameCustomer:
		reason = "Blaming the customer (" + phrase + ") undoes any apology; say what you will do to fix it instead."
	case Blame:
		reason = "Blaming a colleague, another department or a partner (" + phrase + ") does not help the customer; own the problem for the company."
	case Dismiss:
		reason = "Minimising the problem or telling the customer how to feel (" + phrase + ") dismisses the grievance; take it seriously."
	case Condescend:
		reason = phrase + " talks down to the customer; explain again kindly, as if for the first time."
	case Vague:
		reason = "A vague promise (" + phrase + ") leaves the customer unsure; replace it with a concrete step and a time (\"I'll call you back by 3pm tomorrow\"). Not applied automatically: only you know what you can promise."
	}
	safe := id != Vague
	if len(r.lost) > editMaxLost {
		safe = false
		reason += " Not applied automatically: it would also remove " + editQuote(strings.Join(r.lost, " ")) + "; keep what the customer needs to know."
	} else if t.leavesNothing(r) {
		safe = false
		reason += " Not applied automatically: it is the whole reply."
	}
	t.add(id, r.start, r.end, r.text, reason, safe)
}

// --- policy ----------------------------------------------------------------------

// policy suggests removing or rephrasing policy language.
func (t *editDraft) policy(es, ee int) {
	phrase := editQuote(t.s[es:ee])
	reason := "Hiding behind policy or helplessness (" + phrase + ") tells the customer nothing can be done; say what you can do instead."
	i0, i1, ok := t.span(es, ee)
	if !ok {
		return
	}
	toks := t.d.Tokens
	// "It is our policy (not) to X" → "We (don't) X".
	if n := toks[i0].Norm; (n == "it" || n == "this") && (toks[i1].Norm == "policy" || toks[i1].Norm == "policies") {
		k := i1 + 1
		neg := false
		if t.norm(k) == "not" {
			neg, k = true, k+1
		}
		if t.norm(k) == "to" && k+1 < len(toks) && t.isWord(k+1) && toks[k+1].Sentence == toks[i0].Sentence {
			s := toks[i0].Sentence
			lead, capital := t.lead(s)
			if i0 == lead {
				w := "we "
				if neg {
					w = "we do not "
					if t.contr {
						w = "we don't "
					}
				}
				if capital {
					w = "W" + w[1:]
				}
				t.add(Policy, toks[i0].Start, toks[k+1].Start, w,
					reason+" Say what you do, not that a policy makes you.", true)
				return
			}
		}
	}
	r, ok := t.planRemoval(es, ee)
	if !ok {
		return
	}
	safe := len(r.lost) <= editMaxLost
	unsafeNote := ""
	if !safe {
		unsafeNote = " Not applied automatically: the sentence also says " + editQuote(strings.Join(r.lost, " ")) + "; rephrase it as what you can do."
	}
	if !r.sentence {
		t.add(Policy, r.start, r.end, r.text, reason+unsafeNote, safe)
		return
	}
	// The whole sentence is policy: replace it by asking what would help
	// (seed 001: "instead, ask the customer what you could do to please
	// him"), or drop it when the reply offers a remedy or asks already.
	if t.ev.Has(Options) || t.ev.Has(Ask) || t.asked {
		if t.leavesNothing(r) && unsafeNote == "" {
			safe = false
			unsafeNote = " Not applied automatically: it is the whole reply."
		}
		t.add(Policy, r.start, r.end, "", reason+unsafeNote, safe)
		return
	}
	sen := t.d.Sentences[r.s]
	ask := "What could I do to make this right for you?"
	if t.we {
		ask = "What could we do to make this right for you?"
	}
	lead, _ := t.lead(r.s)
	t.asked = true
	t.add(Policy, toks[lead].Start, sen.End, t.sentence(ask), reason+" Ask what would help (seed 001)."+unsafeNote, safe)
}

// --- non-apology -------------------------------------------------------------------

// editApologyHead are words of the apology's own frame before "sorry":
// "I'm so very sorry", "we do apologize".
func editApologyHead(w string) bool {
	switch w {
	case "i", "we", "am", "are", "so", "very", "really", "truly", "deeply", "sincerely", "genuinely",
		"terribly", "do", "just", "also", "again":
		return true
	}
	return false
}

// nonApology suggests replacing a non-apology by a direct apology.
func (t *editDraft) nonApology(es, ee int) {
	i0, i1, ok := t.span(es, ee)
	if !ok {
		return
	}
	toks := t.d.Tokens
	s := toks[i0].Sentence
	if toks[i1].Sentence != s {
		return
	}
	sen := t.d.Sentences[s]
	lead, capital := t.lead(s)
	if i0 < lead {
		return
	}
	rs := i0
	for rs-1 >= lead && editApologyHead(toks[rs-1].Norm) {
		rs--
	}
	re := i1 + 1
	for re < sen.Last && !t.isBoundary(re) && !editContrast(toks[re].Norm) {
		re++
	}
	if re <= rs {
		return
	}
	// Subject, in the draft's voice.
	subj := ""
	for k := rs; k <= i0+1 && k <= i1; k++ {
		switch toks[k].Norm {
		case "we":
			subj = "we"
		case "i":
			subj = "i"
		}
		if subj != "" {
			break
		}
	}
	if subj == "" && rs == i0 {
		switch toks[i0].Norm {
		case "sorry":
			subj = "bare"
		default:
			subj = "i"
			if t.we {
				subj = "we"
			}
		}
	}
	var head string
	switch subj {
	case "we":
		head = "we are sorry"
		if t.contr {
			head = "we're sorry"
		}
	case "bare":
		head = "sorry"
	default:
		head = "I am sorry"
		if t.contr {
			head = "I'm sorry"
		}
	}
	obj := t.apologyObject(i0, re)
	if !utf8.ValidString(obj) {
		// The object comes from the draft; invalid bytes there are not
		// copied into new text.
		obj = "this happened"
	}
	text := head + " " + obj
	if capital && rs == lead || rs > sen.First && toks[rs-1].Kind == phrases.Punct && t.isFinal(rs-1) {
		r, n := utf8.DecodeRuneInString(text)
		text = string(unicode.ToUpper(r)) + text[n:]
	}
	reason := "A non-apology (" + editQuote(t.s[es:ee]) + ") apologizes for the customer's feelings, not for the trouble (seed 000); apologize directly."
	end := toks[re-1].End
	// A direct apology must not be taken back by the next sentence:
	// "Sorry you feel that way. However, ..." → "Sorry this happened. ..."
	if re == sen.Last || t.isFinal(re) && s+1 < len(t.d.Sentences) {
		if s+1 < len(t.d.Sentences) {
			if _, ok := takeBack(t.d, s+1); ok {
				c := t.d.Sentences[s+1].First
				for c < t.d.Sentences[s+1].Last && toks[c].Kind == phrases.Punct {
					c++
				}
				if next := t.afterContrast(c); next > c {
					e2, up := t.capFirst(next)
					text += t.s[end:toks[c].Start] + up
					reason += " And let it stand: drop " + editQuote(t.s[toks[c].Start:toks[next-1].End]) + " after it."
					end = e2
				}
			}
		}
	}
	t.add(NonApology, toks[rs].Start, end, text, reason, true)
}

// afterContrast returns the first word after the run of contrast words and
// commas that starts at token c ("but unfortunately", ", however,"), in
// c's sentence, or c when there is none.
func (t *editDraft) afterContrast(c int) int {
	toks := t.d.Tokens
	next := c
	for next < len(toks) && toks[next].Sentence == toks[c].Sentence {
		if n := t.contrastAt(next); n > 0 {
			next += n
			continue
		}
		if toks[next].Norm == "," {
			next++
			continue
		}
		break
	}
	if next >= len(toks) || toks[next].Sentence != toks[c].Sentence || !t.isWord(next) {
		return c
	}
	return next
}

// apologyObject returns what the direct apology is for, taken from the
// non-apology's clause (tokens [i0, re)) when it names it.
func (t *editDraft) apologyObject(i0, re int) string {
	toks := t.d.Tokens
	for k := i0; k < re; k++ {
		switch n := toks[k].Norm; {
		case strings.HasPrefix(n, "confus"), n == "clear", strings.HasPrefix(n, "misunderst"):
			return "for the confusion"
		case n == "inconvenience", n == "inconvenienced":
			return "for the inconvenience"
		}
	}
	// "sorry if the pizza was ...", "sorry you feel the fine is unfair" →
	// "sorry about the pizza", "sorry about the fine".
	for k := i0 + 1; k+1 < re; k++ {
		switch toks[k].Norm {
		case "if", "think", "thinks", "thought", "feel", "feels", "felt", "believe", "believes":
		default:
			continue
		}
		d := k + 1
		if toks[d].Norm == "that" && d+1 < re {
			d++
		}
		switch toks[d].Norm {
		case "the", "your", "our", "my":
			for v := d + 1; v < re && v <= d+3; v++ {
				switch toks[v].Norm {
				case "was", "were", "is", "are", "did", "has", "have", "had", "came", "seemed", "does":
					return "about " + t.s[toks[d].Start:toks[v-1].End]
				}
			}
		}
		break
	}
	// "... disappointed with your stay" → "for the trouble with your stay".
	for k := re - 2; k > i0; k-- {
		n := toks[k].Norm
		if n != "with" && n != "by" && n != "about" && n != "during" && n != "at" {
			continue
		}
		np := t.s[toks[k+1].Start:toks[re-1].End]
		if re-k-1 > 6 || strings.ContainsAny(np, "\n") {
			break
		}
		switch toks[k+1].Norm {
		case "the", "your", "our", "my", "this", "that":
		default:
			return "this happened"
		}
		switch n {
		case "by", "about":
			return "about " + np
		}
		return "for the trouble " + n + " " + np
	}
	return "this happened"
}

// --- sorry, but ---------------------------------------------------------------------

// editContrast take an apology back.
func editContrast(w string) bool {
	switch w {
	case "but", "however", "unfortunately", "unfortunatly", "unfortunetly", "regrettably", "sadly",
		"nevertheless", "nonetheless", "though", "although", "yet":
		return true
	}
	return false
}

// editContrastAdverbs can stand inside a clause ("we unfortunately can't").
func editContrastAdverbs(w string) bool {
	switch w {
	case "unfortunately", "unfortunatly", "unfortunetly", "regrettably", "sadly":
		return true
	}
	return false
}

// contrastAt returns the length in tokens of a contrast opener at token
// k ("but", "however", "that said", "I'm afraid"), or 0.
func (t *editDraft) contrastAt(k int) int {
	n := t.norm(k)
	switch {
	case editContrast(n):
		return 1
	case n == "that" && t.norm(k+1) == "said":
		return 2
	case n == "having" && t.norm(k+1) == "said" && t.norm(k+2) == "that":
		return 3
	case n == "that" && t.norm(k+1) == "being" && t.norm(k+2) == "said":
		return 3
	case n == "with" && t.norm(k+1) == "that" && t.norm(k+2) == "said":
		return 3
	case (n == "i" || n == "we") && (t.norm(k+1) == "am" || t.norm(k+1) == "are") && t.norm(k+2) == "afraid":
		return 3
	}
	return 0
}

// sorryBut suggests letting an apology stand: the contrast that takes it
// back is removed, and what followed starts a sentence of its own.
func (t *editDraft) sorryBut(es, ee int) {
	i0, i1, ok := t.span(es, ee)
	if !ok {
		return
	}
	toks := t.d.Tokens
	c := -1
	for k := i0 + 1; k <= i1; k++ {
		if t.contrastAt(k) > 0 {
			c = k
			break
		}
	}
	if c < 0 {
		return
	}
	// The run of contrast words and commas: "but unfortunately", ", however,".
	next := t.afterContrast(c)
	if next == c {
		return
	}
	s := toks[c].Sentence
	reason := "The apology is taken back by " + editQuote(t.s[toks[c].Start:toks[next-1].End]) + "; let it stand on its own, then say what happens next."
	sen := t.d.Sentences[s]
	if c == sen.First || c > sen.First && t.isFinal(c-1) {
		// "Sorry. However, we ..." → "Sorry. We ..."
		end, text := t.capFirst(next)
		t.add(SorryBut, toks[c].Start, end, text, reason, true)
		return
	}
	prev := c - 1
	for prev > sen.First && toks[prev].Kind == phrases.Punct && !t.isFinal(prev) {
		prev--
	}
	if editContrastAdverbs(toks[c].Norm) && next == c+1 && t.isWord(c-1) && !editApologyOrThanks(toks[c-1].Norm) && toks[c-1].Norm != "apologise" {
		// "we unfortunately can't" → "we can't"
		t.add(SorryBut, toks[c].Start, toks[next].Start, "", reason, true)
		return
	}
	if !t.isWord(prev) {
		return
	}
	end, up := t.capFirst(next)
	text := ". " + up
	if up == "" {
		end = toks[next].Start
	}
	t.add(SorryBut, toks[prev].End, end, text, reason, true)
}

// --- inserts ---------------------------------------------------------------------------

// inserts suggests the closing steps the draft misses: an offer to follow
// up and thanks, and a validation when the customer is upset.
func (t *editDraft) inserts() {
	if f, ok := t.ev.Finding(Validate); ok && f.Status == rubric.Missed && t.ev.Customer != nil && t.ev.Customer.Level >= Annoyed {
		t.insertValidation()
	}
	pos, para := t.closing()
	if pos < 0 {
		return
	}
	followUp := false
	if f, ok := t.ev.Finding(FollowUp); ok && f.Status == rubric.Missed {
		followUp = true
	}
	thank := false
	if f, ok := t.ev.Finding(Thank); ok && f.Status == rubric.Missed {
		thank = true
	}
	again := false
	if f, ok := t.ev.Finding("thanks_at_end"); ok && f.Status == rubric.Missed {
		again = true
	}
	// A closing thanks sentence already there: follow up before it.
	if followUp && !thank && !again {
		if s, ok := t.closingThanks(pos); ok {
			sen := t.d.Sentences[s]
			lead, _ := t.lead(s)
			if lead == sen.First {
				t.add(FollowUp, sen.Start, sen.Start, t.sentence(t.followUpText())+" ",
					"Offer to check back that the fix worked (seeds 002, 003, 004: \"ask these customers if you can follow up to make sure they're satisfied\").", true)
				followUp = false
			}
		}
	}
	sep := " "
	if para {
		sep = "\n\n"
		if t.crlf {
			sep = "\r\n\r\n"
		}
	}
	if followUp {
		t.addClosing(FollowUp, pos, t.sentence(t.followUpText()), sep,
			"Offer to check back that the fix worked (seeds 002, 003, 004: \"ask these customers if you can follow up to make sure they're satisfied\").")
	}
	if thank || again {
		text, reason := t.thanksText(again && !thank)
		t.addClosing(Thank, pos, t.sentence(text), sep, reason)
	}
}

// sentence returns an inserted sentence in the draft's case: with a
// lower-case first letter when the draft writes its sentences so.
func (t *editDraft) sentence(s string) string {
	if !t.lower || strings.HasPrefix(s, "I ") || strings.HasPrefix(s, "I'") {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// lastTokenBefore returns the last token ending at or before pos, or -1.
func (t *editDraft) lastTokenBefore(pos int) int {
	toks := t.d.Tokens
	return sort.Search(len(toks), func(i int) bool { return toks[i].End > pos }) - 1
}

func (t *editDraft) followUpText() string {
	who := "I"
	if t.we {
		who = "we"
	}
	if t.long {
		return "Would it be all right if " + who + " checked in with you in a few days to make sure everything is sorted?"
	}
	if t.contr {
		return "Mind if " + who + " check back in a couple of days to make sure it's all sorted?"
	}
	return "Mind if " + who + " check back in a couple of days to make sure it is all sorted?"
}

func (t *editDraft) thanksText(again bool) (string, string) {
	me := "my"
	us := "me"
	if t.we {
		me, us = "our", "us"
	}
	if again {
		if t.long {
			return "Thank you again for bringing this to " + me + " attention.", "Close with thanks, as one last validation (seed 004); the draft thanks the customer only early on."
		}
		return "Thanks again for letting " + us + " know.", "Close with thanks, as one last validation (seed 004); the draft thanks the customer only early on."
	}
	reason := "Thank the customer for raising it (seed 004: \"Thank you for bringing this to my attention\")."
	if t.long {
		return "Thank you for bringing this to " + me + " attention.", reason
	}
	return "Thanks for letting " + us + " know.", reason
}

// closingThanks returns the sentence of the draft's closing thanks: a
// thank-you among the last two sentences before pos.
func (t *editDraft) closingThanks(pos int) (int, bool) {
	f, ok := t.ev.Finding(Thank)
	if !ok || len(f.Evidence) == 0 {
		return 0, false
	}
	e := f.Evidence[len(f.Evidence)-1]
	if e.End > pos {
		return 0, false
	}
	i0, i1, ok := t.span(e.Start, e.End)
	if !ok {
		return 0, false
	}
	s := t.d.Tokens[i0].Sentence
	// Only a sentence of thanks closes: "Thanks for your patience.", not
	// "Thanks for waiting, the refund is on its way."
	sen := t.d.Sentences[s]
	if len(t.lost(sen.First, sen.Last, i0, i1)) > 2 {
		return 0, false
	}
	last := t.lastTokenBefore(pos)
	if last < 0 {
		return 0, false
	}
	if t.d.Tokens[last].Sentence == s {
		return s, true
	}
	return 0, false
}

// validation returns a validation sized to the customer's anger.
func (t *editDraft) validation() string {
	switch {
	case t.ev.Customer.Level >= Furious:
		if t.contr {
			return "I completely understand why you're angry, and you have every right to be."
		}
		return "I completely understand why you are angry, and you have every right to be."
	case t.ev.Customer.Level >= Angry:
		if t.contr {
			return "I completely understand why you're upset."
		}
		return "I completely understand why you are upset."
	}
	return "I understand how frustrating this is."
}

// insertValidation inserts a validation at the start of the body: after
// @mentions and a greeting.
func (t *editDraft) insertValidation() {
	if len(t.d.Sentences) == 0 {
		return
	}
	reason := "Acknowledge the feeling before anything else (seed 004: \"I can understand why you're upset\"; seed 003: calm the customer first)."
	s := 0
	if t.isGreetingSentence(0) {
		if len(t.d.Sentences) == 1 {
			return
		}
		s = 1
	}
	sen := t.d.Sentences[s]
	lead, _ := t.lead(s)
	if lead >= sen.Last || !t.isWord(lead) {
		return
	}
	pos := t.d.Tokens[lead].Start
	if end, up := t.capFirst(lead); up != "" {
		// "Hi Sam, we're on it" → "Hi Sam, I understand ... We're on it"
		t.add(Validate, pos, end, t.validation()+" "+up, reason, true)
		return
	}
	t.add(Validate, pos, pos, t.sentence(t.validation())+" ", reason, true)
}

// isGreetingSentence reports whether sentence s is a greeting alone:
// "Hi Sam,", "Dear Mr. Okafor,", "Hello!".
func (t *editDraft) isGreetingSentence(s int) bool {
	sen := t.d.Sentences[s]
	i := sen.First
	for i < sen.Last && t.d.Tokens[i].Kind == phrases.Mention {
		i++
	}
	if i >= sen.Last || !t.greetingAt(i) {
		return false
	}
	return sen.Last-i <= 6
}

// --- sign-offs --------------------------------------------------------------------------

// editValedictions close a letter: "Best regards,", "Thanks,", "Cheers,".
var editValedictions = []string{
	"best regards", "kind regards", "kindest regards", "warm regards", "warmest regards", "regards",
	"best wishes", "all the best", "best", "many thanks", "thanks", "thank you", "thanks again",
	"thank you again", "cheers", "sincerely", "yours sincerely", "yours faithfully", "yours truly",
	"take care", "with thanks", "with best wishes", "respectfully", "warm wishes", "speak soon",
	"talk soon", "thanks so much", "thank you so much", "many thanks again", "with kind regards",
	"with best regards", "best regards and thanks", "warmly", "warm wishes", "thanks and regards",
	"regards and thanks", "all best", "kind wishes", "with gratitude", "yours", "cordially", "many thanks and best wishes",
	"best,", "thanks again,", "have a good day", "have a great day", "have a nice day",
}

// closing returns where closing sentences go: before the sign-off, or at
// the end of the text; and whether they go in a paragraph of their own
// (an e-mail with paragraphs and a sign-off). It returns -1 for a draft
// with no text.
func (t *editDraft) closing() (int, bool) {
	end := len(t.s)
	for end > 0 && editIsSpace(t.s[end-1]) {
		end--
	}
	if end == 0 || len(t.d.Tokens) == 0 {
		return -1, false
	}
	body := end
	signed := false
	if p, ok := t.signOffLines(end); ok {
		body, signed = p, true
	} else if p, ok := t.signature(end); ok {
		body, signed = p, true
	} else if p, ok := t.signOffInline(end); ok {
		body = p
	}
	for body > 0 && editIsSpace(t.s[body-1]) {
		body--
	}
	if body == 0 {
		return -1, false
	}
	para := signed && (strings.Contains(t.s[:body], "\n\n") || strings.Contains(t.s[:body], "\n\r\n"))
	return body, para
}

// signOffLines finds a sign-off block of lines at the end of s[:end]: a
// valediction line ("Best regards,", "Thanks,", "- Anna"), then at most
// three short lines (a name, a title, a phone number). It returns where
// the block starts.
func (t *editDraft) signOffLines(end int) (int, bool) {
	lineEnd := end
	for n := 0; n < 4 && lineEnd > 0; n++ {
		ls := strings.LastIndexByte(t.s[:lineEnd], '\n') + 1
		line := strings.TrimSpace(t.s[ls:lineEnd])
		if ls == 0 {
			// The first line of the text is never a sign-off.
			return 0, false
		}
		if line != "" {
			if editIsValediction(line) {
				return ls, true
			}
			if n > 0 && editIsDashName(line) {
				return ls, true
			}
			if n == 0 && editIsDashName(line) {
				return ls, true
			}
			if !editIsShortLine(line) {
				return 0, false
			}
		} else {
			n--
		}
		lineEnd = ls - 1
	}
	return 0, false
}

// signature finds a signature without a valediction at the end of
// s[:end]: a last paragraph of one or two short lines that are not
// sentences ("Billing Team", "Anna\nCustomer Care"), after a body of
// other paragraphs. It returns where it starts.
func (t *editDraft) signature(end int) (int, bool) {
	p, q := lastBlankLine(t.s[:end])
	if p < 0 || strings.TrimSpace(t.s[:p]) == "" {
		return 0, false
	}
	block := strings.TrimSpace(t.s[q:end])
	lines := strings.Split(block, "\n")
	if len(lines) > 2 {
		return 0, false
	}
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || !editIsShortLine(l) || strings.HasSuffix(l, ".") || len(strings.Fields(l)) > 4 {
			return 0, false
		}
		if r, _ := utf8.DecodeRuneInString(l); !unicode.IsUpper(r) {
			return 0, false
		}
	}
	return q, true
}

// lastBlankLine returns where the last paragraph break of s starts and
// ends: "\n\n", or "\n\r\n" in text with CRLF line ends; -1 if none.
func lastBlankLine(s string) (int, int) {
	for i := len(s) - 1; i > 0; i-- {
		if s[i] != '\n' {
			continue
		}
		switch {
		case s[i-1] == '\n':
			return i - 1, i + 1
		case s[i-1] == '\r' && i > 1 && s[i-2] == '\n':
			return i - 2, i + 1
		}
	}
	return -1, -1
}

// editIsValediction reports whether a line is a valediction, alone or with a
// name after it ("Best, Anna", "Cheers, Tom").
func editIsValediction(line string) bool {
	l := strings.ToLower(strings.TrimRight(line, ",.!; "))
	l = strings.Join(strings.Fields(l), " ")
	for _, v := range editValedictions {
		if l == v {
			return true
		}
		if rest, ok := strings.CutPrefix(l, v+","); ok && len(strings.Fields(rest)) <= 3 {
			return true
		}
	}
	return false
}

// editIsDashName reports whether a line is a signature like "- Anna", "—Sam
// B.", "^JB".
func editIsDashName(line string) bool {
	for _, p := range []string{"-", "–", "—", "~", "^"} {
		if rest, ok := strings.CutPrefix(line, p); ok {
			f := strings.Fields(rest)
			return len(f) >= 1 && len(f) <= 3 && !strings.ContainsAny(rest, ".?!") || len(f) >= 1 && len(f) <= 3 && strings.HasSuffix(rest, ".") && len(rest) <= 20
		}
	}
	return false
}

// editIsShortLine reports whether a line can be part of a signature: a name,
// a title, a team, a phone number or an address, not a sentence.
func editIsShortLine(line string) bool {
	f := strings.Fields(line)
	if len(f) == 0 || len(f) > 6 {
		return false
	}
	last := line[len(line)-1]
	return last != '.' && last != '?' && last != '!' || len(f) <= 2 && last == '.'
}

// signOffInline finds a signature at the end of the last line: " -AB",
// " ^JB", " /FN", " - Anna", " –Sam". It returns where it starts.
func (t *editDraft) signOffInline(end int) (int, bool) {
	toks := t.d.Tokens
	last := t.lastTokenBefore(end)
	if last < 1 {
		return 0, false
	}
	// one or two name tokens, after a dash or caret
	k := last
	names := 0
	for k >= 0 && names < 2 && toks[k].Kind == phrases.Word {
		r, _ := utf8.DecodeRuneInString(t.s[toks[k].Start:])
		if !unicode.IsUpper(r) {
			break
		}
		names++
		k--
	}
	if names == 0 || k < 1 {
		return 0, false
	}
	switch toks[k].Norm {
	case "-", "–", "—", "~", "^", "*", "/":
	default:
		return 0, false
	}
	if toks[k].Start == 0 || !editIsSpace(t.s[toks[k].Start-1]) {
		return 0, false
	}
	return toks[k].Start, true
}
