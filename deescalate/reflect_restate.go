package deescalate

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/empathy-go/empathy/phrases"
)

// Restatement returns the customer's problem as an agent would say it
// back: the sentence of the message that states the problem, trimmed and
// reflected ([Reflect]), in lower case, without its final punctuation.
// It is "" when the message states nothing an agent could say back (a
// greeting, an insult, a bare threat).
//
//	"Hi, my parcel says delivered but I never got it."
//	→ "your parcel says delivered but you never got it"
//	"Why does your website keep logging me out?"
//	→ "our website keeps logging you out"
//	"Cancel my subscription today."
//	→ "you'd like us to cancel your subscription today"
//
// # The problem sentence
//
// Of a message of several sentences, the one that states the problem is
// chosen: a statement rather than a question, with words that report a
// failure ("broken", "charged twice", "never arrived", a negated verb, the
// complaint, waiting and repeat-contact signals of [Assess]), with the
// customer's own pronouns and with content words; sentences that carry
// threats, insults, swearing, sarcasm or demands for a manager count
// against, and greetings, sign-offs and sentences of one or two words are
// never chosen. Ties go to the earlier sentence. A sentence of more than
// 32 words is cut at the last comma, semicolon or dash before its 32nd
// word, or passed over when it has none.
//
// # Trimming
//
// Greetings ("Hi Sam,", "Dear team,"), openers ("Honestly,", "So",
// "OK so", "Sorry to bother you, but") and closers ("please", "thanks",
// "tbh") are dropped, and so is swearing ("2 f***ing hours" → "2 hours")
// and an insult aimed at the reader at the end ("... you incompetent
// idiots"). Words written in capitals for emphasis are put in lower case
// ("I HAVE CALLED SEVEN TIMES" → "you have called seven times"); short
// capitalised words that are not common words ("BBC", "A&E", "ID") are
// kept.
//
// # Questions and requests
//
// Questions become statements, which is how the agent says them back:
//
//	Why does your website keep logging me out?  → our website keeps logging you out
//	Why haven't I received my refund?           → you haven't received your refund
//	How come my order hasn't arrived?           → your order hasn't arrived
//	Can you explain why my bill went up?        → your bill went up
//	Can you send me a new charger?              → you'd like us to send you a new charger
//	Can I change my delivery day?               → you'd like to change your delivery day
//	When will my refund arrive?                 → you'd like to know when your refund will arrive
//	Is there a block on my card?                → you'd like to know whether there is a block on your card
//
// Requests in the imperative ("Refund me now", "Please cancel my
// account", "Don't send me another survey") become "you'd like us to
// ..." ("... not to ...").
//
// Restatement does not check the result against the anti-patterns: a
// customer who writes "don't tell me to calm down" gets "don't tell you
// to calm down" back. [Composer.Compose] checks every reply it writes and
// passes over such a restatement. Restatement uses the default assessor
// and tagger, loaded on first use, and is safe for concurrent use.
func Restatement(message string) string {
	a := defaultAssessor().Assess(message)
	return newRestatements(defaultReflectAnalyzer(), message, &a).next()
}

// Limits of a restatement.
const (
	// maxRestateWords is the most words a restated clause has; a longer
	// sentence is cut at a clause boundary.
	maxRestateWords = 32
	// minRestateWords is the fewest words of a sentence worth saying back.
	minRestateWords = 3
)

// restatements yields the restatements of a message, best first: the
// clauses of its likeliest problem sentences, each trimmed, reshaped and
// reflected when it is asked for, so that only the sentences used are
// tagged.
type restatements struct {
	an    *phrases.Analyzer
	d     *phrases.Doc
	a     *Assessment
	order []int // sentence indexes, best first
	given []string
}

// newRestatements scores the sentences of message, whose assessment is a.
func newRestatements(an *phrases.Analyzer, message string, a *Assessment) *restatements {
	r := &restatements{an: an, a: a}
	if strings.TrimSpace(message) == "" {
		return r
	}
	r.d = an.Analyze(message)
	type cand struct{ s, score int }
	cands := make([]cand, 0, len(r.d.Sentences))
	for s := range r.d.Sentences {
		if sc, ok := problemSentenceScore(r.d, s, a); ok {
			cands = append(cands, cand{s, sc})
		}
	}
	slices.SortStableFunc(cands, func(x, y cand) int { return cmp.Compare(y.score, x.score) })
	for _, c := range cands {
		r.order = append(r.order, c.s)
	}
	return r
}

// next returns the next restatement, or "" when there are no more.
func (r *restatements) next() string {
	for len(r.order) > 0 {
		s := r.order[0]
		r.order = r.order[1:]
		if cl := restatedClause(r.an, r.d, s, r.a); cl != "" && !slices.Contains(r.given, cl) {
			r.given = append(r.given, cl)
			return cl
		}
	}
	return ""
}

// problemSentenceScore rates how well sentence s of d states the customer's
// problem, and reports false for a sentence never worth restating.
func problemSentenceScore(d *phrases.Doc, s int, a *Assessment) (int, bool) {
	sen := d.Sentences[s]
	words, content, person, problem := 0, 0, false, false
	var seen [8]string
	for i := sen.First; i < sen.Last; i++ {
		t := &d.Tokens[i]
		if t.Kind != phrases.Word && t.Kind != phrases.Number {
			continue
		}
		words++
		switch t.Norm {
		case "i", "me", "my", "mine", "we", "us", "our", "you", "your":
			person = true
		}
		if problemWord(t.Norm) || isNegationWord(t.Norm) || complaintFamily(t.Norm) != "" {
			problem = true
		}
		if k, ok := contentKey(t); ok && content < len(seen) && !slices.Contains(seen[:content], k) {
			seen[content] = k
			content++
		}
	}
	if words < minRestateWords || content == 0 {
		return 0, false
	}
	switch firstContentWord(d, sen) {
	case "because", "which", "although", "though", "unless", "cause", "cos", "coz":
		return 0, false // a fragment that leans on the sentence before
	}
	score := min(content, 6)
	if person {
		score += 2
	}
	if problem {
		score += 3
	}
	if a != nil {
		var good, bad bool
		for _, sig := range a.Signals {
			if sig.End <= sen.Start || sig.Start >= sen.End {
				continue
			}
			switch sig.Kind {
			case SignalComplaint, SignalWaiting, SignalRepeatContact, SignalSafety:
				good = true
			case SignalThreatLeave, SignalThreatLegal, SignalThreatPublic, SignalThreatReview, SignalThreatHarm,
				SignalSarcasm:
				// A threat or sarcasm is not the problem, and saying it
				// back would provoke.
				return 0, false
			case SignalInsult, SignalProfanity, SignalDemandManager, SignalRhetorical:
				bad = true
			case SignalCalming, SignalPositive:
				score--
			}
		}
		if good {
			score += 3
		}
		if bad {
			score -= 4
		}
	}
	if question(d, sen) {
		first := firstContentWord(d, sen)
		if first == "why" || first == "how" {
			score--
		} else {
			score -= 3
		}
	}
	return score, true
}

// isNegationWord reports whether a normalised word negates: "not" (from
// "n't" too), "never", "no", "nobody", "nothing".
func isNegationWord(w string) bool {
	switch w {
	case "not", "never", "no", "nobody", "nothing", "none", "nowhere":
		return true
	}
	return false
}

// firstContentWord returns the normalised first word of a sentence, past
// greetings and punctuation.
func firstContentWord(d *phrases.Doc, sen phrases.Sentence) string {
	for i := sen.First; i < sen.Last; i++ {
		t := &d.Tokens[i]
		if t.Kind != phrases.Word || isGreetingWord(t.Norm) || isInterjection(t.Norm) {
			continue
		}
		return t.Norm
	}
	return ""
}

// restatedClause returns the restatement of sentence s of d, or "".
func restatedClause(an *phrases.Analyzer, d *phrases.Doc, s int, a *Assessment) string {
	sen := d.Sentences[s]
	isQuestion := question(d, sen)
	// The sentence is analysed again on its own and tagged: tagging the
	// whole message would cost more than everything else.
	base := d.Tokens[sen.First].Start
	sub := an.Analyze(d.Text[base:d.Tokens[sen.Last-1].End])
	if needsTags(sub, isQuestion) {
		_ = sub.Tag() // without tags the rules fall back on word lists
	}
	ps := wordPieces(sub, 0, len(sub.Tokens), false)
	for i := range ps {
		ps[i].start += base
		ps[i].end += base
	}
	if !englishClause(ps) {
		return "" // a sentence in another language is not said back
	}
	ps, ok := dropSwearing(ps, a)
	if !ok {
		return ""
	}
	ps = trimRestatement(ps)
	ps = quietShouting(ps)
	if len(ps) == 0 {
		return ""
	}
	ps, isQuestion = focusClause(ps, isQuestion)
	ps = reshapeRequest(ps, isQuestion)
	ps = capRestatement(ps)
	if countWordPieces(ps) < minRestateWords-1 || danglingEnd(ps) {
		return ""
	}
	ps = reflectWords(ps)
	return renderRestatement(ps)
}

// englishClause reports whether ps has at least one of the commonest
// English function words, which nearly every English sentence of a few
// words has and sentences in other languages do not ("hola, mi pedido no
// ha llegado"). Words shared with other languages ("a", "no", "me") do
// not count.
func englishClause(ps []wordPiece) bool {
	for i := range ps {
		switch ps[i].norm {
		case "the", "my", "i", "you", "your", "we", "our", "us", "they", "it", "is", "are", "was", "were",
			"be", "been", "am", "have", "has", "had", "do", "does", "did", "not", "and", "to", "of", "for",
			"with", "this", "that", "will", "can", "would", "could", "what", "why", "when", "where", "how",
			"who", "at", "on", "an", "again", "still", "never", "just", "ordered", "order", "please":
			return true
		}
	}
	return false
}

// needsTags reports whether a sentence needs part-of-speech tags to be
// restated, which is most of the cost of a restatement: a "you" that may
// be a subject or an object, "and I" after a noun phrase, a question or
// a request to reshape, a first word that may be a name. Other sentences
// are restated from the word lists alone, with the same result.
func needsTags(d *phrases.Doc, isQuestion bool) bool {
	if isQuestion {
		return true
	}
	first := true
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != phrases.Word {
			continue
		}
		switch {
		case t.Norm == "you":
			return true
		case t.Norm == "i" && i > 0 && d.Tokens[i-1].Norm == "and":
			return true
		case first && (isGreetingWord(t.Norm) || isInterjection(t.Norm)):
			// "Hi Sarah, ...": the first word is after the greeting.
		case first:
			first = false
			if isWhWord(t.Norm) || isAuxiliary(t.Norm) || t.Norm == "why" || t.Norm == "please" ||
				t.Norm == "kindly" || t.Norm == "just" || t.Norm == "do" || t.Norm == "let" {
				return true
			}
			if t.Shape == phrases.Title && !stopword(t.Norm) && !isGreetingWord(t.Norm) && !isInterjection(t.Norm) &&
				numberWord(t.Norm) == "" {
				return true // a name, or an imperative to tell from one
			}
		}
	}
	return false
}

// danglingEnd reports whether a clause stops where it cannot, after an
// article, a possessive, a conjunction or a modifier ("what a complete",
// "twelve years with us and"), or is a short one ending in an auxiliary
// ("how are"), or opens as an exclamation ("what a ...").
func danglingEnd(ps []wordPiece) bool {
	if len(ps) == 0 {
		return true
	}
	if hasWordsAt(ps, 0, "what", "a") || hasWordsAt(ps, 0, "what", "an") {
		return true
	}
	last := &ps[len(ps)-1]
	switch last.norm {
	case "a", "an", "the", "my", "your", "our", "their", "his", "her", "its", "and", "or", "but", "because",
		"than", "if", "very", "such", "complete", "absolute", "total", "utter", "so":
		return true
	}
	return isAuxiliary(last.norm) && countWordPieces(ps) <= 3
}

// focusClause narrows a long or two-sided sentence to the part that
// states the problem. A short concession before ", but" goes ("I love the
// new update, but the toggle resets" → "the toggle resets"; "I get that
// things go wrong, but ..."), and so does a statement before a request
// that ends a question ("I understand the flight was delayed, but could
// you let me know ..." → the request). It reports whether what is left is
// a question.
func focusClause(ps []wordPiece, isQuestion bool) ([]wordPiece, bool) {
	// Openers ending in a colon: "Small thing:", "Quick question:".
	if k := clauseMarkWithin(ps, 0, 3); k >= 0 && ps[k].text == ":" && k+1 < len(ps) {
		ps = trimRestatement(ps[k+1:])
	}
	for i := 1; i+1 < len(ps); i++ {
		if ps[i].text != "," || ps[i+1].norm != "but" {
			continue
		}
		rest := ps[i+2:]
		if len(rest) == 0 {
			break
		}
		w := rest[0].norm
		request := isQuestion && (isAuxiliary(w) || isWhWord(w))
		short := countWordPieces(ps[:i]) <= 6
		if request || short && countWordPieces(rest) >= minRestateWords {
			rest[0].first = true
			return joinPieces(rest), isQuestion && request
		}
		break
	}
	if isQuestion && !isWhWord(ps[0].norm) && !isAuxiliary(ps[0].norm) && ps[0].norm != "why" {
		// "Hotel booking says breakfast included, is that right?": the
		// statement before a tag question.
		for i := 1; i+1 < len(ps); i++ {
			if ps[i].kind == phrases.Punct && (ps[i].text == "," || ps[i].text == ";") &&
				(isAuxiliary(ps[i+1].norm) || ps[i+1].norm == "and" || ps[i+1].norm == "so") {
				if countWordPieces(ps[:i]) >= minRestateWords {
					return ps[:i], false
				}
			}
		}
	}
	return ps, isQuestion
}

// countWordPieces counts the word and number pieces of ps.
func countWordPieces(ps []wordPiece) int {
	n := 0
	for i := range ps {
		if ps[i].kind != phrases.Punct && ps[i].text != "" {
			n++
		}
	}
	return n
}

// dropSwearing removes the swearing in ps, and an insult aimed at the
// reader that ends the clause ("you've ruined my holiday you incompetent
// idiots"). It reports false when an insult is left, or when dropping the
// swearing leaves a clause that opens with a preposition ("f off with
// your replies"): such a sentence is not restated.
func dropSwearing(ps []wordPiece, a *Assessment) ([]wordPiece, bool) {
	if a == nil {
		return ps, true
	}
	inside := func(p *wordPiece, sig *Signal) bool {
		return p.start >= 0 && p.start >= sig.Start && p.end <= sig.End
	}
	for i := range a.Signals {
		sig := &a.Signals[i]
		switch sig.Kind {
		case SignalProfanity:
			for k := range ps {
				if inside(&ps[k], sig) {
					ps[k].text = ""
				}
			}
		case SignalInsult:
			for k := range ps {
				if inside(&ps[k], sig) {
					ps[k].insult = true
				}
			}
		}
	}
	// Each run of insult words: kept when it describes how the customer
	// was served, dropped with the "you" it is aimed at when it ends the
	// clause, and otherwise the clause is not restated.
	for first := 0; first < len(ps); first++ {
		if !ps[first].insult {
			continue
		}
		last := first
		for last+1 < len(ps) && (ps[last+1].insult || ps[last+1].text == "") {
			last++
		}
		if describesService(ps[first : last+1]) {
			first = last
			continue // "your staff were rude to me" is the complaint
		}
		for k := last + 1; k < len(ps); k++ {
			if ps[k].kind != phrases.Punct && ps[k].text != "" {
				return ps, false // the insult is the clause's content
			}
		}
		// Back to the "you" it is aimed at, over nothing but words that
		// go with an insult: "you absolute clowns", "you lot of useless
		// idiots".
		you := -1
	back:
		for k := first - 1; k >= 0 && k >= first-4; k-- {
			switch ps[k].norm {
			case "you":
				you = k
				break back
			case "absolute", "complete", "total", "utter", "bunch", "lot", "of", "bloody", "pack", "load",
				"such", "a", "an", "people", "guys", "lazy":
				continue
			}
			if ps[k].text != "" {
				break
			}
		}
		if you < 0 {
			return ps, false
		}
		for k := you; k <= last; k++ {
			ps[k].text = ""
		}
		first = last
	}
	// Swearing at the start leaves the clause open: "f off with ...".
	opened := len(ps) > 0 && ps[0].text == ""
	out := dropEmptyPieces(ps)
	if len(out) > 0 && opened {
		k := 0
		for k < len(out) && out[k].kind == phrases.Punct {
			k++
		}
		if k < len(out) {
			// A clause left opening with a preposition or a verb: the
			// swearing was its head or its subject ("wtf is wrong with
			// your app" would be said back as "is wrong with our app").
			switch out[k].norm {
			case "with", "off", "and", "of",
				"is", "are", "was", "were", "has", "have", "had", "does", "do", "did", "happened", "going":
				return out, false
			}
		}
	}
	return out, true
}

// describesService reports whether the words of an insult judge how the
// customer was treated or served ("rude", "your service is the worst")
// rather than call names ("clowns", "a scam", "useless").
func describesService(ps []wordPiece) bool {
	judged := false
	for i := range ps {
		switch {
		case behaviourWord(ps[i].norm):
			judged = true
		case nameCalling(ps[i].norm):
			return false
		}
	}
	return judged
}

// nameCalling reports whether a normalised word calls names.
func nameCalling(w string) bool {
	switch w {
	case "idiot", "idiots", "idiotic", "moron", "morons", "moronic", "clown", "clowns", "circus", "cowboys",
		"amateur", "amateurs", "amateurish", "scam", "scams", "scammer", "scammers", "thief", "thieves",
		"crook", "crooks", "joke", "jokers", "muppets", "imbecile", "imbeciles", "halfwit", "stupid", "dumb",
		"useless", "incompetent", "clueless", "inept", "pathetic", "disgrace", "liars", "liar", "fraud",
		"frauds", "criminals", "robbery", "trash", "rubbish", "garbage", "shambles":
		return true
	}
	return false
}

// behaviourWord reports whether an insult word describes how the customer
// was treated or served ("rude", "unhelpful", "the worst"), which is part
// of the complaint, rather than calling names.
func behaviourWord(w string) bool {
	switch w {
	case "rude", "rudely", "unhelpful", "dismissive", "unprofessional", "disrespectful", "condescending",
		"patronising", "patronizing", "worst", "impolite", "arrogant", "careless", "slow":
		return true
	}
	return false
}

// isGreetingWord reports whether a normalised word opens a greeting.
func isGreetingWord(w string) bool {
	switch w {
	case "hi", "hello", "hey", "hiya", "heya", "dear", "greetings", "morning", "afternoon", "evening", "yo":
		return true
	}
	return false
}

// isInterjection reports whether a normalised word is an opener that
// carries nothing to restate ("so", "honestly", "ugh").
func isInterjection(w string) bool {
	switch w {
	case "so", "well", "ok", "okay", "right", "look", "listen", "honestly", "seriously", "frankly", "ugh",
		"urgh", "argh", "ah", "oh", "um", "erm", "hmm", "wow", "yes", "yeah", "also", "anyway", "and", "but",
		"basically", "plus", "sadly", "unfortunately", "hello?", "tbh", "fyi", "btw",
		"lol", "alright", "now", "again":
		return true
	}
	return false
}

// isSarcasticOpener reports whether a word opens a sarcastic aside when a
// comma or a full stop follows it ("Great, another price rise").
func isSarcasticOpener(w string) bool {
	switch w {
	case "great", "brilliant", "wonderful", "fantastic", "lovely", "cool", "nice", "perfect", "amazing",
		"unbelievable", "incredible", "seriously", "really", "wow", "sure", "thanks", "cheers":
		return true
	}
	return false
}

// trimRestatement drops the greetings, openers and closers around a clause,
// and its final punctuation.
func trimRestatement(ps []wordPiece) []wordPiece {
	for changed := true; changed && len(ps) > 0; {
		changed = false
		for len(ps) > 0 && ps[0].kind == phrases.Punct {
			ps, changed = ps[1:], true
		}
		if len(ps) == 0 {
			break
		}
		w := ps[0].norm
		switch {
		case isGreetingWord(w) || w == "good" && len(ps) > 1 && isGreetingWord(ps[1].norm):
			n := 1
			if w == "good" {
				n = 2
			}
			// "Hi Sam,", "Hi there,", "Dear support team,": the words up to
			// a comma go too, when there are few.
			if k := clauseMarkWithin(ps, n, 4); k >= 0 {
				n = k + 1
			} else {
				for n < len(ps) && (ps[n].norm == "there" || ps[n].norm == "team" || ps[n].norm == "all" ||
					ps[n].shape == phrases.Title && ps[n].tag == "NNP") {
					n++
				}
			}
			ps, changed = ps[n:], true
		case hasWordsAt(ps, 0, "just", "a", "heads", "up") || hasWordsAt(ps, 0, "a", "heads", "up") ||
			hasWordsAt(ps, 0, "heads", "up"):
			k := 0
			for k < len(ps) && ps[k].norm != "up" {
				k++
			}
			k++
			if k < len(ps) && (ps[k].norm == "that" || ps[k].kind == phrases.Punct) {
				k++
			}
			ps, changed = ps[k:], true
		case hasWordsAt(ps, 0, "just", "checking") || hasWordsAt(ps, 0, "just", "wondering") ||
			hasWordsAt(ps, 0, "i", "was", "wondering") || hasWordsAt(ps, 0, "i", "am", "wondering"):
			k := 2
			if ps[0].norm == "i" {
				k = 3
			}
			if k < len(ps) && (ps[k].norm == "whether" || ps[k].norm == "if") {
				ps = joinPieces(insertedWords("you'd", "like", "to", "know", "whether"), ps[k+1:])
				changed = true
			}
		case (hasWordsAt(ps, 0, "i", "will", "be") || hasWordsAt(ps, 0, "i", "have", "to", "be") ||
			hasWordsAt(ps, 0, "i", "must", "be") || hasWordsAt(ps, 0, "i", "have", "to", "say") ||
			hasWordsAt(ps, 0, "i", "must", "say") || hasWordsAt(ps, 0, "i", "got", "to", "say") ||
			hasWordsAt(ps, 0, "with", "respect") || hasWordsAt(ps, 0, "with", "all", "due", "respect") ||
			hasWordsAt(ps, 0, "let", "us", "be", "honest") || hasWordsAt(ps, 0, "let", "me", "be", "honest")) &&
			clauseMarkWithin(ps, 0, 5) >= 0:
			// "I'll be honest,", "I have to say,", "With respect,".
			ps, changed = ps[clauseMarkWithin(ps, 0, 5)+1:], true
		case hasWordsAt(ps, 0, "just") && len(ps) > 1 && isImperativeVerb(&ps[1]):
			ps, changed = ps[1:], true
		case w == "sorry" || w == "apologies" || w == "quick" || w == "just" && len(ps) > 1 && ps[1].norm == "a" ||
			w == "to" && len(ps) > 2 && ps[1].norm == "be" && ps[2].norm == "honest" ||
			w == "in" && len(ps) > 1 && ps[1].norm == "all":
			// "Sorry to bother you,", "Quick question:", "Just a heads
			// up,", "To be honest,", "In all honesty,".
			if k := clauseMarkWithin(ps, 1, 5); k >= 0 {
				ps, changed = ps[k+1:], true
			}
		case isInterjection(w):
			if len(ps) > 1 && (ps[1].norm == "come" || ps[1].norm == "what") && w == "so" {
				break
			}
			n := 1
			if w == "come" {
				n = 2
			}
			ps, changed = ps[n:], true
		case w == "come" && len(ps) > 1 && ps[1].norm == "on":
			ps, changed = ps[2:], true
		case isSarcasticOpener(w) && len(ps) > 1 && ps[1].kind == phrases.Punct:
			ps, changed = ps[2:], true
		}
	}
	// Closers and final punctuation.
	for changed := true; changed && len(ps) > 0; {
		changed = false
		last := &ps[len(ps)-1]
		switch {
		case last.kind == phrases.Emoji || last.kind == phrases.Punct && !closingMark(last.text):
			ps, changed = ps[:len(ps)-1], true
		case last.norm == "please" || last.norm == "thanks" || last.norm == "tbh" || last.norm == "lol" ||
			last.norm == "mate" || last.norm == "honestly" || last.norm == "cheers" || last.norm == "pls" ||
			last.norm == "plz" || last.norm == "thx":
			ps, changed = ps[:len(ps)-1], true
		case last.norm == "you" && len(ps) > 1 && ps[len(ps)-2].norm == "thank":
			ps, changed = ps[:len(ps)-2], true
		case last.norm == "honest" && len(ps) > 2 && ps[len(ps)-2].norm == "be" && ps[len(ps)-3].norm == "to":
			ps, changed = ps[:len(ps)-3], true
		}
	}
	return ps
}

// closingMark reports whether a mark closes a quotation or a bracket,
// which a clause keeps.
func closingMark(s string) bool {
	switch s {
	case "'", "’", "\"", "”", ")", "]", "»":
		return true
	}
	return false
}

// clauseMarkWithin returns the index of the first comma, colon, dash or "!"
// among the n words after ps[from], or -1.
func clauseMarkWithin(ps []wordPiece, from, n int) int {
	for k, words := from, 0; k < len(ps) && words <= n; k++ {
		if ps[k].kind == phrases.Punct {
			switch ps[k].text {
			case ",", ":", "-", "–", "—", "!", ";":
				return k
			}
			return -1
		}
		words++
	}
	return -1
}

// quietShouting puts words written in capitals for emphasis into lower
// case. In a sentence written mostly in capitals every word with a vowel
// goes to lower case; elsewhere, words of four letters or more and
// common short words do ("SIX days", "I PAID", "NOT"), while other short
// ones ("BBC", "UPS", "ID") are kept as acronyms.
func quietShouting(ps []wordPiece) []wordPiece {
	upper, cased := 0, 0
	for i := range ps {
		p := &ps[i]
		if p.kind != phrases.Word || p.text == "I" {
			continue
		}
		switch p.shape {
		case phrases.Upper:
			if utf8.RuneCountInString(p.text) > 1 {
				upper++
				cased++
			}
		case phrases.Lower, phrases.Title, phrases.Mixed:
			cased++
		}
	}
	shouted := cased > 0 && upper*10 >= cased*6
	for i := range ps {
		p := &ps[i]
		if p.kind != phrases.Word || p.shape != phrases.Upper || p.text == "I" || p.quoted {
			continue
		}
		n := utf8.RuneCountInString(p.text)
		lower := false
		switch {
		case strings.ContainsAny(p.text, "0123456789&"):
		case p.text == "US" && i > 0 && ps[i-1].norm == "the":
			// "the US" is a country.
		case n == 1:
			lower = shouted && p.text == "A"
		case shouted:
			lower = hasVowel(p.text)
		case n >= 4:
			lower = hasVowel(p.text)
		default:
			lower = stopword(p.norm) || numberWord(p.norm) != "" || commonShortWord(p.norm)
		}
		if lower {
			p.text = strings.ToLower(p.text)
			p.shape = phrases.Lower
		}
	}
	// The second part of a contraction follows its first: "I'M", "DON'T".
	for i := 1; i < len(ps); i++ {
		p := &ps[i]
		if p.gap == "" && p.shape == phrases.Upper && !p.quoted &&
			(shouted || ps[i-1].shape != phrases.Upper || ps[i-1].text == "I") &&
			(strings.ContainsAny(p.text, "'’") || p.norm != strings.ToLower(p.text)) {
			p.text = strings.ToLower(p.text)
			p.shape = phrases.Lower
		}
	}
	return ps
}

// hasVowel reports whether s has a vowel letter (y included).
func hasVowel(s string) bool { return strings.ContainsAny(s, "AEIOUYaeiouy") }

// commonShortWord reports whether a word of two or three letters is a
// common English word rather than an acronym.
func commonShortWord(w string) bool {
	switch w {
	case "bad", "big", "yet", "new", "old", "day", "two", "six", "ten", "one", "now", "why", "who", "way",
		"lot", "pay", "act", "sue", "far", "few", "god", "got", "let", "put", "ask", "add", "buy", "far ",
		"off", "own", "use", "end", "fee", "due", "hot", "low", "top", "red", "bit", "car", "job", "joke":
		return true
	}
	return false
}

// capRestatement cuts a clause of more than maxRestateWords words down
// to the run of its parts (split at commas, semicolons, colons and dashes)
// that best states the problem and fits: the part with the most words
// that report a failure, the part after "but" preferred to the one
// before it, one that praises ("better", "love") the least. A clause with
// no such place is dropped.
func capRestatement(ps []wordPiece) []wordPiece {
	if countWordPieces(ps) <= maxRestateWords {
		return ps
	}
	// The parts: [start, end) piece ranges between boundary marks.
	type part struct{ start, end, words, score int }
	var parts []part
	start := 0
	for i := 0; i <= len(ps); i++ {
		if i < len(ps) && !(ps[i].kind == phrases.Punct && boundaryMark(ps[i].text)) {
			continue
		}
		if i > start {
			pt := part{start: start, end: i}
			for k := start; k < i; k++ {
				p := &ps[k]
				if p.kind == phrases.Punct {
					continue
				}
				pt.words++
				switch {
				case problemWord(p.norm) || isNegationWord(p.norm) || complaintFamily(p.norm) != "":
					pt.score += 3
				case praiseWord(p.norm):
					pt.score -= 2
				}
			}
			if ps[start].norm == "but" || ps[start].norm == "however" {
				pt.score += 2
			}
			parts = append(parts, pt)
		}
		start = i + 1
	}
	best, bestScore := [2]int{-1, -1}, 0
	for i := range parts {
		words, score := 0, 0
		for j := i; j < len(parts); j++ {
			words += parts[j].words
			if words > maxRestateWords {
				break
			}
			score += parts[j].score
			if words >= minRestateWords+2 && (best[0] < 0 || score*100+words > bestScore) {
				best, bestScore = [2]int{i, j}, score*100+words
			}
		}
	}
	if best[0] < 0 {
		return nil
	}
	out := append([]wordPiece(nil), ps[parts[best[0]].start:parts[best[1]].end]...)
	for len(out) > 0 && (out[0].norm == "but" || out[0].norm == "and" || out[0].norm == "so" ||
		out[0].norm == "however") {
		out = out[1:]
	}
	if len(out) == 0 {
		return nil
	}
	out[0].gap = ""
	return trimRestatement(out)
}

// boundaryMark reports whether a mark separates the parts of a long
// sentence.
func boundaryMark(s string) bool {
	switch s {
	case ",", ";", ":", "-", "–", "—":
		return true
	}
	return false
}

// praiseWord reports whether a normalised word praises, which marks the
// part of a sentence that is not the complaint.
func praiseWord(w string) bool {
	switch w {
	case "better", "good", "great", "love", "loved", "like", "liked", "happy", "fine", "nice", "improved",
		"excellent", "brilliant", "thanks", "thank":
		return true
	}
	return false
}

// renderRestatement writes a restated clause: gaps folded to single spaces,
// the first word in lower case unless it is a name, "I" or an acronym.
func renderRestatement(ps []wordPiece) string {
	ps = dropEmptyPieces(ps)
	for len(ps) > 0 && ps[len(ps)-1].kind == phrases.Punct && !closingMark(ps[len(ps)-1].text) {
		ps = ps[:len(ps)-1]
	}
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	for i := range ps {
		p := &ps[i]
		if i > 0 {
			b.WriteString(p.gap)
		}
		text := p.text
		if i == 0 || p.first {
			text = lowerFirstWord(ps[i:])
		}
		b.WriteString(text)
	}
	return strings.TrimSpace(b.String())
}

// lowerFirstWord returns the text of the first piece of a clause with a
// capital that only marked the start of a sentence taken off.
func lowerFirstWord(ps []wordPiece) string {
	p := &ps[0]
	r, n := utf8.DecodeRuneInString(p.text)
	if !unicode.IsUpper(r) {
		return p.text
	}
	rest := p.text[n:]
	if rest != "" && strings.ToUpper(rest) == rest && strings.ToLower(rest) != rest {
		return p.text // an acronym: "BBC"
	}
	if !p.done && (p.tag == "NNP" || p.tag == "NNPS") && !stopword(p.norm) && numberWord(p.norm) == "" {
		if !p.first {
			return p.text // a name: "... to Sarah at your branch"
		}
		// A name opening the sentence is followed by its verb or a place:
		// "Sarah told me", "Sarah at your branch".
		if len(ps) > 1 {
			switch q := &ps[1]; {
			case q.tag == "VBD" || q.tag == "VBZ" || q.tag == "MD", q.norm == "at" || q.norm == "from":
				return p.text
			}
		}
	}
	return string(unicode.ToLower(r)) + rest
}

// insertedWord returns a piece for a word a rewrite adds, which reflection
// leaves alone.
func insertedWord(text, norm string) wordPiece {
	return wordPiece{text: text, gap: " ", norm: norm, kind: phrases.Word, shape: phrases.Lower, done: true, start: -1, end: -1}
}

// insertedWords returns the pieces of a few inserted words.
func insertedWords(words ...string) []wordPiece {
	ps := make([]wordPiece, len(words))
	for i, w := range words {
		ps[i] = insertedWord(w, strings.ToLower(w))
	}
	return ps
}

// joinPieces returns the pieces of the parts in order, the first with no gap
// and the others with one space before their first piece.
func joinPieces(parts ...[]wordPiece) []wordPiece {
	var out []wordPiece
	for _, part := range parts {
		if len(part) == 0 {
			continue
		}
		k := len(out)
		out = append(out, part...)
		if k == 0 {
			out[k].gap = ""
		} else if out[k].gap == "" && out[k].kind != phrases.Punct {
			out[k].gap = " "
		}
	}
	return out
}
