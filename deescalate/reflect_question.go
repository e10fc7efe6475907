package deescalate

import (
	"strings"

	"github.com/empathy-go/empathy/phrases"
)

// reshapeRequest turns a question or a request in the imperative into the
// statement an agent says back; see [Restatement]. A clause that is
// neither is returned as it is, and one that cannot be reshaped (a bare
// "why not") as nil.
func reshapeRequest(ps []wordPiece, isQuestion bool) []wordPiece {
	if len(ps) == 0 {
		return ps
	}
	w0 := ps[0].norm
	// "WHERE IS MY FOOD." is a question whatever its mark.
	if !isQuestion && len(ps) > 1 && (isWhWord(w0) || w0 == "why") && w0 != "if" && w0 != "whether" &&
		isAuxiliary(ps[1].norm) {
		isQuestion = true
	}
	if isQuestion {
		switch {
		case w0 == "why":
			k := 1
			switch {
			case hasWordsAt(ps, k, "on", "earth"), hasWordsAt(ps, k, "the", "hell"), hasWordsAt(ps, k, "the", "heck"):
				k += 2
			case hasWordsAt(ps, k, "exactly"), hasWordsAt(ps, k, "again"):
				k++
			}
			if k < len(ps) && isAuxiliary(ps[k].norm) {
				return putSubjectFirst(ps[k:], true)
			}
			return nil
		case w0 == "how" && hasWordsAt(ps, 1, "come"):
			return joinPieces(ps[2:])
		case w0 == "how" && hasWordsAt(ps, 1, "is", "it", "that"):
			return joinPieces(ps[4:])
		case w0 == "is" && hasWordsAt(ps, 1, "there") && len(ps) > 3 && (hasWordsAt(ps, 2, "a", "reason") ||
			hasWordsAt(ps, 2, "any", "reason") || hasWordsAt(ps, 2, "a", "good", "reason")):
			// "Is there a reason (why) my parcel was sent back?" asks why.
			k := 4
			if ps[3].norm == "good" {
				k = 5
			}
			if hasWordsAt(ps, k, "why") || hasWordsAt(ps, k, "that") {
				k++
			}
			if countWordPieces(ps[k:]) >= minRestateWords {
				return joinPieces(ps[k:])
			}
			return ps
		case (w0 == "can" || w0 == "could" || w0 == "would" || w0 == "will") && len(ps) > 1 && isRequestee(ps[1].norm):
			k := 2
			for k < len(ps) && (ps[k].norm == "please" || ps[k].norm == "just" || ps[k].norm == "kindly" ||
				ps[k].norm == "possibly" || ps[k].norm == "maybe") {
				k++
			}
			if k < len(ps) && (ps[k].norm == "explain" || ps[k].norm == "tell") {
				j := k + 1
				if j < len(ps) && (ps[j].norm == "me" || ps[j].norm == "us") {
					j++
				}
				switch {
				case hasWordsAt(ps, j, "why"):
					return joinPieces(ps[j+1:])
				case j < len(ps) && isWhWord(ps[j].norm):
					return joinPieces(insertedWords("you'd", "like", "to", "know"), ps[j:])
				}
			}
			if k < len(ps) {
				return joinPieces(insertedWords("you'd", "like", "us", "to"), ps[k:])
			}
			return nil
		case (w0 == "can" || w0 == "could" || w0 == "may") && len(ps) > 1 && (ps[1].norm == "i" || ps[1].norm == "we"):
			k := 2
			for k < len(ps) && (ps[k].norm == "please" || ps[k].norm == "just") {
				k++
			}
			return joinPieces(insertedWords("you'd", "like", "to"), ps[k:])
		case isWhWord(w0):
			// The wh-phrase: "what", "what time", "how long", "which bus
			// route".
			k := 1
			for k < len(ps) && k < 5 && !isAuxiliary(ps[k].norm) && inWhPhrase(&ps[k]) {
				k++
			}
			lead := insertedWords("you'd", "like", "to", "know")
			if k < len(ps) && isAuxiliary(ps[k].norm) && !verbAfterAux(ps, k) {
				return joinPieces(lead, ps[:k], putSubjectFirst(ps[k:], false))
			}
			// The wh-word is the subject: "what happened to my refund",
			// "what's going on with my order".
			return joinPieces(lead, ps)
		case isAuxiliary(w0) && len(ps) > 1:
			// A yes/no question: "Is there a block on my card?"
			return joinPieces(insertedWords("you'd", "like", "to", "know", "whether"), putSubjectFirst(ps, false))
		}
		return ps
	}
	// A request in the imperative.
	if (w0 == "please" || w0 == "kindly") && len(ps) > 1 {
		// "Please cancel my account", "Kindly resolve my issue": the word
		// after it is a verb whatever its tag; otherwise "please" goes.
		rest := ps[1:]
		rest[0].first = ps[0].first
		if isImperativeVerb(&rest[0]) || rest[0].tag == "VB" || rest[0].tag == "VBP" {
			return imperative(rest)
		}
		return rest
	}
	if w0 == "let" && len(ps) > 2 && (ps[1].norm == "me" || ps[1].norm == "us") {
		// "Let me talk to your manager" → "you'd like to talk to our
		// manager".
		return joinPieces(insertedWords("you'd", "like", "to"), ps[2:])
	}
	if w0 == "do" && hasWordsAt(ps, 1, "not") {
		if len(ps) > 2 && isImperativeVerb(&ps[2]) {
			ps[2].first = false
			return joinPieces(insertedWords("you'd", "like", "us", "not", "to"), ps[2:])
		}
		return nil // "Don't you dare ...", "Don't 'dear customer' me"
	}
	if isImperativeVerb(&ps[0]) {
		return imperative(ps)
	}
	return ps
}

// imperative turns a request in the imperative into what the customer
// would like: "Cancel my account" → "you'd like us to cancel my account";
// "Explain why my bill went up" → "my bill went up", as for "Can you
// explain why ...".
func imperative(ps []wordPiece) []wordPiece {
	if ps[0].norm == "explain" || ps[0].norm == "tell" {
		j := 1
		if j < len(ps) && (ps[j].norm == "me" || ps[j].norm == "us") {
			j++
		}
		if hasWordsAt(ps, j, "why") && countWordPieces(ps[j+1:]) >= minRestateWords {
			return joinPieces(ps[j+1:])
		}
	}
	return joinPieces(insertedWords("you'd", "like", "us", "to"), ps)
}

// hasWordsAt reports whether the pieces from i on start with the normalised
// words.
func hasWordsAt(ps []wordPiece, i int, words ...string) bool {
	if i+len(words) > len(ps) {
		return false
	}
	for k, w := range words {
		if ps[i+k].norm != w {
			return false
		}
	}
	return true
}

// isRequestee reports whether a word after "can" or "could" makes the
// question a request to the company: "can you", "could someone".
func isRequestee(w string) bool {
	switch w {
	case "you", "u", "someone", "somebody", "anyone", "anybody":
		return true
	}
	return false
}

// isWhWord reports whether a normalised word opens a wh-question.
func isWhWord(w string) bool {
	switch w {
	case "what", "where", "when", "who", "which", "how", "whose", "whom", "whether", "if":
		return true
	}
	return false
}

// inWhPhrase reports whether a piece may follow a wh-word in its
// phrase: "what time", "how long", "which bus route", "what exactly".
func inWhPhrase(p *wordPiece) bool {
	switch p.norm {
	case "exactly", "long", "much", "many", "often", "soon", "late", "far", "on", "earth":
		return true
	}
	switch p.tag {
	case "NN", "NNS", "JJ":
		return !isCommonVerb(p.norm)
	}
	return false
}

// putSubjectFirst takes a clause that opens with an auxiliary ("does your website
// keep ...", "haven't I received ...", "is my internet ...") and puts its
// subject first: "your website keeps ...", "I haven't received ...", "my
// internet is ...". A "do" that only carries the tense goes, and the
// verb takes its tense: "did you cancel" → "you cancelled". In a
// why-question, "would you" is taken as "did you": "why would you charge
// me" → "you charged me".
func putSubjectFirst(ps []wordPiece, why bool) []wordPiece {
	if len(ps) < 2 {
		return nil
	}
	aux := ps[:1]
	k := 1
	neg := ps[k].norm == "not"
	if neg {
		aux = ps[:2]
		k++
	}
	end := subjectEnd(ps, k)
	if end <= k {
		return nil
	}
	subj := append([]wordPiece(nil), ps[k:end]...)
	rest := append([]wordPiece(nil), ps[end:]...)
	dropped := false // the negation went into the subject
	if neg && len(subj) == 1 {
		// "Why hasn't anyone called me?" → "nobody has called me".
		if no := negativeOf(subj[0].norm); no != "" {
			subj[0].text, subj[0].norm = no, no
			aux, neg = ps[:1], false
			dropped = true
		}
	}
	subj[0].first = ps[0].first
	auxCopy := append([]wordPiece(nil), aux...)
	auxCopy[0].first = false
	auxCopy[0].text = strings.ToLower(auxCopy[0].text)
	auxCopy[0].shape = phrases.Lower
	if dropped || strings.HasPrefix(auxCopy[0].text, "'") || strings.HasPrefix(auxCopy[0].text, "’") {
		// "won't anyone" → "nobody will";
		// "what's your returns window" → "what your returns window is"
		auxCopy[0].text = auxCopy[0].norm
	}
	auxCopy[0].gap = " "
	a := ps[0].norm
	if a == "would" && !neg && len(subj) == 1 && subj[0].norm == "you" && why {
		// "Why would you charge me twice?" → "we charged you twice".
		a = "did"
	}
	switch {
	case (a == "do" || a == "does" || a == "did") && !neg:
		// Do-support: the main verb takes the tense.
		for i := range rest {
			p := &rest[i]
			if midVerbAdverb(p) || p.tag == "RB" || p.kind != phrases.Word {
				continue
			}
			switch a {
			case "does":
				if !pluralSubject(subj) {
					p.text = thirdPersonForm(p.text)
					p.tag = "VBZ"
				}
			case "did":
				p.text = pastForm(p.text)
				p.tag = "VBD"
			}
			break // only the first verb
		}
		return joinPieces(subj, rest)
	}
	return joinPieces(subj, auxCopy, rest)
}

// negativeOf returns the negative form of a word that takes its
// meaning from a negation before it: "anyone" → "nobody", or "".
func negativeOf(w string) string {
	switch w {
	case "anyone", "anybody":
		return "nobody"
	case "anything":
		return "nothing"
	}
	return ""
}

// subjectEnd returns where the subject starting at ps[k] ends: one
// pronoun, or a short noun phrase up to its verb.
func subjectEnd(ps []wordPiece, k int) int {
	if k >= len(ps) {
		return k
	}
	switch ps[k].norm {
	case "i", "you", "we", "they", "he", "she", "it", "there", "this", "that", "someone", "somebody",
		"anyone", "anybody", "nobody", "everyone", "everybody", "everything", "nothing", "something",
		"me", "u":
		if ps[k].norm == "you" && k+1 < len(ps) {
			switch ps[k+1].norm {
			case "guys", "people", "lot", "lads", "folks":
				return k + 2
			}
		}
		return k + 1
	}
	j, noun := k, false
	for j < len(ps) && j < k+6 {
		q := &ps[j]
		if q.kind == phrases.Punct && q.norm != "'s" {
			break
		}
		if j > k && (isFiniteVerb(q) || strings.HasPrefix(q.tag, "VB") || isCommonVerb(q.norm) ||
			midVerbAdverb(q) || q.tag == "RB" || q.tag == "IN" || q.tag == "TO" || q.tag == "WRB" ||
			q.tag == "WDT" || predicateWord(q.norm) || noun && (q.tag == "JJ" || q.tag == "RP")) {
			break
		}
		if strings.HasPrefix(q.tag, "NN") || q.kind == phrases.Number {
			noun = true
		}
		j++
	}
	return j
}

// verbAfterAux reports whether the word after the auxiliary at k (past
// "not" and adverbs) is a participle, so that the auxiliary has no
// subject after it: "what's going on", "who has taken my seat".
func verbAfterAux(ps []wordPiece, k int) bool {
	for j := k + 1; j < len(ps); j++ {
		p := &ps[j]
		if p.norm == "not" || midVerbAdverb(p) {
			continue
		}
		return p.tag == "VBG" || p.tag == "VBN" || strings.HasSuffix(p.norm, "ing") && p.tag != "NN"
	}
	return false
}

// predicateWord reports whether a word starts the predicate after a
// subject in a question such as "is the app down?" or "is my order
// ready?".
func predicateWord(w string) bool {
	switch w {
	case "down", "up", "out", "off", "on", "over", "back", "away", "available", "open", "closed", "working",
		"broken", "ready", "possible", "late", "free", "safe", "ok", "okay", "fine", "right", "wrong",
		"normal", "included", "still", "so", "too", "very", "really", "not", "n't", "going", "here", "there":
		return true
	}
	return false
}

// pluralSubject reports whether a subject takes a plural verb.
func pluralSubject(subj []wordPiece) bool {
	last := &subj[len(subj)-1]
	switch last.norm {
	case "i", "you", "we", "they", "guys", "people", "lot", "folks", "u":
		return true
	}
	return last.tag == "NNS" || last.tag == "NNPS"
}

// isImperativeVerb reports whether a piece opening a sentence is a verb in
// the imperative: "Cancel my account", "Refund me", "Stop calling".
func isImperativeVerb(p *wordPiece) bool {
	switch p.norm {
	case "cancel", "refund", "give", "send", "stop", "fix", "sort", "call", "put", "get", "tell", "turn",
		"reverse", "close", "check", "explain", "help", "return", "remove", "take", "make", "change", "reply",
		"respond", "answer", "deliver", "replace", "repair", "reconnect", "restore", "unlock", "unblock",
		"switch", "pay", "release", "credit", "waive", "update", "delete", "confirm", "contact", "ring",
		"email", "phone", "escalate", "transfer", "connect", "bring", "collect", "move", "reinstate",
		"compensate", "reimburse", "resend", "reissue", "issue", "arrange", "book", "rebook", "process",
		"look", "find", "resolve", "investigate", "come", "ship", "install", "activate":
		return p.shape != phrases.Upper || len(p.text) > 1
	}
	return false
}

// isCommonVerb reports whether a normalised word is a common verb in its
// base form, which the tagger may take for a noun after a noun ("does
// your website keep logging me out").
func isCommonVerb(w string) bool {
	switch w {
	case "keep", "take", "make", "need", "have", "get", "charge", "send", "cancel", "let", "say", "tell",
		"ask", "put", "give", "go", "come", "want", "cost", "stop", "change", "move", "show", "work", "use",
		"leave", "lose", "look", "seem", "require", "expect", "think", "know", "allow", "mean", "happen",
		"crash", "fail", "break", "reset", "load", "freeze", "log", "sign", "ring", "call", "email", "arrive",
		"update", "refuse", "ignore", "block", "apply", "add", "list", "default", "revert":
		return true
	}
	return false
}

// thirdPersonForm returns the third-person singular present of a verb in its
// base form: "keep" → "keeps", "go" → "goes", "try" → "tries", "have" →
// "has".
func thirdPersonForm(v string) string {
	lower := strings.ToLower(v)
	switch lower {
	case "have":
		return matchWordCase("has", v)
	case "be":
		return matchWordCase("is", v)
	case "do", "go":
		return v + "es"
	}
	switch {
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"), strings.HasSuffix(lower, "o"):
		return v + "es"
	case len(lower) > 1 && strings.HasSuffix(lower, "y") && !asciiVowel(lower[len(lower)-2]):
		return v[:len(v)-1] + "ies"
	}
	return v + "s"
}

// pastForm returns the simple past of a verb in its base form, with the
// British spelling of a doubled final l ("cancel" → "cancelled").
func pastForm(v string) string {
	lower := strings.ToLower(v)
	if p := irregularPast(lower); p != "" {
		return matchWordCase(p, v)
	}
	n := len(lower)
	switch {
	case n == 0:
		return v
	case strings.HasSuffix(lower, "e"):
		return v + "d"
	case n > 1 && lower[n-1] == 'y' && !asciiVowel(lower[n-2]):
		return v[:n-1] + "ied"
	case doublesFinal(lower):
		return v + v[n-1:] + "ed"
	}
	return v + "ed"
}

// doublesFinal reports whether a verb doubles its last consonant before
// -ed: one-syllable words ending consonant-vowel-consonant ("stop",
// "plan"), a few stressed on the last syllable ("refer", "admit"), and,
// in British spelling, words ending in a single vowel and l ("cancel",
// "travel", "label").
func doublesFinal(w string) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	c1, v, c2 := w[n-3], w[n-2], w[n-1]
	if asciiVowel(c1) || !asciiVowel(v) || asciiVowel(c2) || c2 == 'w' || c2 == 'x' || c2 == 'y' {
		return false
	}
	if c2 == 'l' {
		return true
	}
	switch w {
	case "admit", "commit", "submit", "omit", "permit", "refer", "prefer", "occur", "transfer", "regret",
		"upset", "equip", "compel", "control", "patrol", "rebut", "incur", "deter", "confer", "unplug":
		return true
	}
	vowels := 0
	for i := 0; i < n; i++ {
		if asciiVowel(w[i]) && (i == 0 || !asciiVowel(w[i-1])) {
			vowels++
		}
	}
	return vowels == 1
}

// asciiVowel reports whether a lower-case ASCII letter is a vowel.
func asciiVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// matchWordCase writes w in the case of like: capitalised or in
// capitals when like is.
func matchWordCase(w, like string) string {
	switch {
	case like == "":
		return w
	case strings.ToUpper(like) == like && len(like) > 1:
		return strings.ToUpper(w)
	case like[0] >= 'A' && like[0] <= 'Z':
		return upperFirst(w)
	}
	return w
}

// irregularPast returns the simple past of an irregular verb, or "".
func irregularPast(v string) string {
	switch v {
	case "be":
		return "was"
	case "have":
		return "had"
	case "do":
		return "did"
	case "go":
		return "went"
	case "get":
		return "got"
	case "make":
		return "made"
	case "take":
		return "took"
	case "give":
		return "gave"
	case "send":
		return "sent"
	case "keep":
		return "kept"
	case "say":
		return "said"
	case "tell":
		return "told"
	case "pay":
		return "paid"
	case "lose":
		return "lost"
	case "leave":
		return "left"
	case "buy":
		return "bought"
	case "bring":
		return "brought"
	case "think":
		return "thought"
	case "come":
		return "came"
	case "know":
		return "knew"
	case "see":
		return "saw"
	case "put":
		return "put"
	case "let":
		return "let"
	case "cut":
		return "cut"
	case "set":
		return "set"
	case "shut":
		return "shut"
	case "hit":
		return "hit"
	case "cost":
		return "cost"
	case "hurt":
		return "hurt"
	case "quit":
		return "quit"
	case "read":
		return "read"
	case "spread":
		return "spread"
	case "break":
		return "broke"
	case "speak":
		return "spoke"
	case "steal":
		return "stole"
	case "choose":
		return "chose"
	case "forget":
		return "forgot"
	case "write":
		return "wrote"
	case "ride":
		return "rode"
	case "drive":
		return "drove"
	case "rise":
		return "rose"
	case "eat":
		return "ate"
	case "fall":
		return "fell"
	case "feel":
		return "felt"
	case "find":
		return "found"
	case "hold":
		return "held"
	case "hear":
		return "heard"
	case "meet":
		return "met"
	case "mean":
		return "meant"
	case "sell":
		return "sold"
	case "sit":
		return "sat"
	case "stand":
		return "stood"
	case "understand":
		return "understood"
	case "win":
		return "won"
	case "run":
		return "ran"
	case "begin":
		return "began"
	case "ring":
		return "rang"
	case "drink":
		return "drank"
	case "swim":
		return "swam"
	case "sing":
		return "sang"
	case "throw":
		return "threw"
	case "grow":
		return "grew"
	case "draw":
		return "drew"
	case "fly":
		return "flew"
	case "show":
		return "showed"
	case "wear":
		return "wore"
	case "tear":
		return "tore"
	case "hang":
		return "hung"
	case "dig":
		return "dug"
	case "stick":
		return "stuck"
	case "lend":
		return "lent"
	case "spend":
		return "spent"
	case "build":
		return "built"
	case "bend":
		return "bent"
	case "catch":
		return "caught"
	case "teach":
		return "taught"
	case "seek":
		return "sought"
	case "fight":
		return "fought"
	case "sleep":
		return "slept"
	case "feed":
		return "fed"
	case "lead":
		return "led"
	case "shoot":
		return "shot"
	case "light":
		return "lit"
	case "slide":
		return "slid"
	case "hide":
		return "hid"
	case "bite":
		return "bit"
	case "freeze":
		return "froze"
	case "wake":
		return "woke"
	case "forgive":
		return "forgave"
	case "mislead":
		return "misled"
	case "overcharge":
		return "overcharged"
	case "undertake":
		return "undertook"
	case "withdraw":
		return "withdrew"
	case "upset":
		return "upset"
	case "can":
		return "could"
	case "will":
		return "would"
	}
	return ""
}
