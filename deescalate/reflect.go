package deescalate

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/empathy-go/empathy/phrases"
)

// Reflect rewrites a customer's words from the agent's side of the
// conversation: the customer's "I", "me", "my", "mine", "myself", "we",
// "us", "our" become "you", "your", "yours", "yourself"; the customer's
// "you" and "your", which mean the company, become "we" or "us" and
// "our":
//
//	my order arrived broken and nobody answered my emails
//	→ your order arrived broken and nobody answered your emails
//	you charged me twice → we charged you twice
//	I told you twice → you told us twice
//	I'm still waiting, I wasn't told → you're still waiting, you weren't told
//
// The verb agrees with the new subject ("I was", "I'm", "was I" become
// "you were", "you're", "were you"), contractions keep their form
// ("I've" → "you've", "you're" → "we're"), a "you" is "we" as a subject
// and "us" as an object (decided from the words around it and their
// part-of-speech tags), and "my husband and I" becomes "you and your
// husband". Text inside quotation marks is left alone, and so is
// everything that is not a pronoun or a verb agreeing with one: names,
// numbers, spacing and punctuation are kept as written. A pronoun that
// starts a sentence keeps its capital.
//
// Reflect does not pick out the problem, trim greetings or turn questions
// into statements; [Restatement] does. The first call in a process loads
// the part-of-speech tagger (a few hundred milliseconds). Reflect is safe
// for concurrent use.
func Reflect(text string) string {
	if strings.TrimSpace(text) == "" {
		return text
	}
	d := defaultReflectAnalyzer().Analyze(text)
	if len(d.Tokens) == 0 {
		return text
	}
	_ = d.Tag() // without tags the rules fall back on word lists alone
	ps := wordPieces(d, 0, len(d.Tokens), true)
	ps = reflectWords(ps)
	var b strings.Builder
	b.Grow(len(text) + 16)
	b.WriteString(text[:d.Tokens[0].Start])
	for i := range ps {
		b.WriteString(ps[i].gap)
		b.WriteString(ps[i].text)
	}
	b.WriteString(text[d.Tokens[len(d.Tokens)-1].End:])
	return b.String()
}

// defaultReflectAnalyzer is the Analyzer behind [Reflect] and
// [Restatement], built on first use.
var defaultReflectAnalyzer = sync.OnceValue(phrases.NewAnalyzer)

// wordPiece is one token of a clause being rewritten: its text as it will be
// written, the space before it, and what is known about the token it
// came from.
type wordPiece struct {
	text  string // as it will be written
	gap   string // the space before it; "" when attached ("I" + "'m")
	norm  string // normalised form of the source token, or of an inserted word
	tag   string // part-of-speech tag
	kind  phrases.Kind
	shape phrases.Shape
	sent  int // sentence index of the source token
	// start and end are the byte offsets of the source token; both are
	// -1 for an inserted word.
	start, end int
	first      bool // the first word of its sentence
	// quoted marks a piece inside quotation marks, which is left alone.
	quoted bool
	// done marks a piece already rewritten, or inserted by a rewrite, so
	// that reflection does not touch it again.
	done bool
	// subject marks a reflected pronoun that is a subject ("I" → "you").
	subject bool
	// insult marks a word of an insult found by the assessment.
	insult bool
}

// pieces returns the pieces of tokens [first, last) of d. With
// keepGaps the gaps are the text between the tokens as written;
// otherwise each gap is "" or one space, line breaks folded.
func wordPieces(d *phrases.Doc, first, last int, keepGaps bool) []wordPiece {
	ps := make([]wordPiece, 0, last-first)
	inQuote := false
	for i := first; i < last; i++ {
		t := &d.Tokens[i]
		gap := ""
		if i > first {
			gap = d.Text[d.Tokens[i-1].End:t.Start]
			if !keepGaps && gap != "" {
				gap = " "
			}
		}
		p := wordPiece{
			text: d.Text[t.Start:t.End], gap: gap, norm: t.Norm, tag: t.Tag,
			kind: t.Kind, shape: t.Shape, sent: t.Sentence, start: t.Start, end: t.End,
		}
		if t.Kind == phrases.Punct && isQuoteMark(d, i) {
			// A quotation mark that opens or closes a quote is not itself
			// quoted.
			if was := inQuote; quoteStateAfter(d, i, was) != was {
				inQuote = !was
				ps = append(ps, p)
				continue
			}
		}
		p.quoted = inQuote
		ps = append(ps, p)
	}
	// Mark the first word of each sentence (after any opening marks).
	sent := -1
	for k := range ps {
		ps[k].first = false
		if ps[k].sent != sent && ps[k].kind != phrases.Punct {
			sent = ps[k].sent
			ps[k].first = true
		}
	}
	return ps
}

// isQuoteMark reports whether token i of d is a quotation mark rather than
// an apostrophe inside or at the end of a word.
func isQuoteMark(d *phrases.Doc, i int) bool {
	s := d.Text[d.Tokens[i].Start:d.Tokens[i].End]
	switch s {
	case "\"", "“", "”", "«", "»", "„":
		return true
	case "'", "‘", "’", "`":
		return true
	}
	return false
}

// quoteStateAfter returns the quoting state after quotation mark i. Double
// quotes always toggle. A single quote opens a quote only where one can
// open (after a space or the start, before a letter) and closes one only
// inside a quote, so the apostrophe of "kids' toys" does nothing.
func quoteStateAfter(d *phrases.Doc, i int, inQuote bool) bool {
	t := &d.Tokens[i]
	s := d.Text[t.Start:t.End]
	switch s {
	case "\"", "„":
		return !inQuote
	case "“", "«":
		return true
	case "”", "»":
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(d.Text[:t.Start])
	after, _ := utf8.DecodeRuneInString(d.Text[t.End:])
	if inQuote {
		return !(t.Start > 0 && !unicode.IsSpace(before))
	}
	canOpen := (t.Start == 0 || unicode.IsSpace(before) || strings.ContainsRune("([{", before)) &&
		t.End < len(d.Text) && (unicode.IsLetter(after) || unicode.IsDigit(after))
	return canOpen
}

// reflectWords swaps the persons of the pronouns in ps, and the verbs
// that agree with them, and returns ps.
func reflectWords(ps []wordPiece) []wordPiece {
	ps = reorderCoordinateI(ps)
	for i := range ps {
		p := &ps[i]
		if p.quoted || p.done || p.kind != phrases.Word {
			continue
		}
		var to string
		switch p.norm {
		case "i":
			to, p.subject = "you", true
		case "me":
			to = "you"
			// "Me and my wife were ..." is a subject.
			p.subject = i+1 < len(ps) && ps[i+1].norm == "and" && p.first
		case "my":
			to = "your"
		case "mine":
			to = "yours"
		case "myself":
			to = "yourself"
		case "we":
			to, p.subject = "you", true
		case "us":
			if p.text == "'s" || p.text == "’s" || p.text == "US" && !shoutedAround(ps, i) ||
				i > 0 && ps[i-1].norm == "the" {
				continue // "let's"; "the US"
			}
			to = "you"
		case "our":
			to = "your"
		case "ours":
			to = "yours"
		case "ourselves":
			to = "yourselves"
		case "you", "u", "ya":
			if (p.norm == "u" || p.norm == "ya") && p.text != strings.ToLower(p.text) {
				continue // "U" as a letter or a name
			}
			if youIsSubject(ps, i) {
				to, p.subject = "we", true
			} else {
				to = "us"
			}
			// "you guys", "you people", "you lot" are the company: "we".
			if i+1 < len(ps) && !ps[i+1].quoted {
				switch ps[i+1].norm {
				case "guys", "people", "lot", "lads", "folks":
					ps[i+1].text, ps[i+1].gap, ps[i+1].done = "", "", true
				}
			}
		case "your", "ur", "yer":
			to = "our"
		case "yours":
			to = "ours"
		case "yourself", "yourselves":
			to = "ourselves"
		default:
			continue
		}
		if p.text == "I" && shoutedAround(ps, i) {
			to = strings.ToUpper(to) // "I'M DONE" → "YOU'RE DONE"
		}
		p.text = pronounCase(to, p)
		p.done = true
		fixAttachedContraction(ps, i)
		if p.norm == "i" || (p.norm == "me" && p.subject) {
			agreeVerbAfter(ps, i)
			agreeVerbBefore(ps, i)
		}
	}
	return dropEmptyPieces(ps)
}

// shoutedAround reports whether the words next to piece i are written in
// capitals, so that a capitalised word among them may be shouted rather
// than an acronym ("GIVE US A REFUND", not "the US").
func shoutedAround(ps []wordPiece, i int) bool {
	n := 0
	for _, j := range [2]int{i - 1, i + 1} {
		if j >= 0 && j < len(ps) && ps[j].shape == phrases.Upper && len(ps[j].text) > 1 {
			n++
		}
	}
	return n > 0
}

// dropEmptyPieces removes pieces whose text was emptied.
func dropEmptyPieces(ps []wordPiece) []wordPiece {
	out := ps[:0]
	for _, p := range ps {
		if p.text != "" {
			out = append(out, p)
		}
	}
	return out
}

// pronounCase writes a replacement pronoun in the case of the piece it
// replaces: capitalised at the start of a sentence, in capitals when the
// original was shouted ("MY" → "YOUR"), lower case otherwise ("I" →
// "you").
func pronounCase(to string, p *wordPiece) string {
	switch {
	case p.shape == phrases.Upper && utf8.RuneCountInString(p.text) > 1:
		return strings.ToUpper(to)
	case p.first && (p.shape == phrases.Title || p.shape == phrases.Upper):
		return upperFirst(to)
	}
	return to
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// fixAttachedContraction gives an apostrophe to a contraction written
// without one after a pronoun that changed ("youre" → "we" + "'re", not
// "were"; "im" → "you" + "'re").
func fixAttachedContraction(ps []wordPiece, i int) {
	if i+1 >= len(ps) {
		return
	}
	c := &ps[i+1]
	if c.gap != "" || c.quoted || strings.ContainsAny(c.text, "'’") {
		return
	}
	switch c.norm {
	case "am":
		c.text, c.done = "'re", true
	case "are", "have", "will", "would", "had":
		c.text, c.done = "'"+c.text, true
	}
}

// midVerbAdverb reports whether a piece may stand between a subject and its
// verb: an adverb such as "never", "really", "still", "just".
func midVerbAdverb(p *wordPiece) bool {
	switch p.norm {
	case "never", "really", "just", "only", "also", "still", "already", "always", "actually", "even",
		"honestly", "literally", "then", "now", "simply", "certainly", "definitely", "genuinely", "truly",
		"seriously", "obviously", "clearly", "personally", "once", "ever", "recently", "originally":
		return true
	}
	return false
}

// agreeVerbAfter makes the verb after a reflected "I" agree with "you": "am"
// → "are", "'m" → "'re", "was" → "were".
func agreeVerbAfter(ps []wordPiece, i int) {
	for j, n := i+1, 0; j < len(ps) && n <= 2; j++ {
		p := &ps[j]
		if p.quoted || p.kind == phrases.Punct {
			return
		}
		if midVerbAdverb(p) {
			n++
			continue
		}
		agreeBe(p)
		return
	}
}

// agreeVerbBefore makes an inverted verb before a reflected "I" agree:
// "was I" → "were you", "am I" → "are you", "wasn't I" → "weren't you".
func agreeVerbBefore(ps []wordPiece, i int) {
	j := i - 1
	if j >= 0 && ps[j].norm == "not" && ps[j].gap == "" {
		j--
	}
	if j >= 0 && !ps[j].quoted {
		agreeBe(&ps[j])
	}
}

// agreeBe rewrites a first-person singular form of "be" for "you".
func agreeBe(p *wordPiece) {
	if p.done {
		return
	}
	var to string
	switch p.norm {
	case "am":
		switch {
		case strings.HasPrefix(p.text, "'") || strings.HasPrefix(p.text, "’"):
			to = "'re"
		case p.gap == "" && (p.text == "m" || p.text == "M"):
			to = "'re"
		default:
			to = "are"
		}
	case "was":
		to = "were"
	default:
		return
	}
	switch {
	case p.shape == phrases.Upper && len(p.text) > 1:
		to = strings.ToUpper(to)
	case p.shape == phrases.Title:
		to = upperFirst(to)
	}
	p.text, p.done = to, true
}

// youIsSubject decides whether the customer's "you" at i is a subject
// ("you charged me" → "we") or an object ("I told you" → "us").
func youIsSubject(ps []wordPiece, i int) bool {
	if i+1 < len(ps) && ps[i+1].gap == "" && ps[i+1].kind == phrases.Word {
		switch ps[i+1].norm {
		case "are", "have", "will", "would", "had":
			return true // you're, you've, you'll, you'd
		}
	}
	// The next word, past adverbs.
	next := -1
	for j, n := i+1, 0; j < len(ps) && n <= 2; j++ {
		if ps[j].kind == phrases.Punct {
			break
		}
		if midVerbAdverb(&ps[j]) || ps[j].norm == "not" {
			n++
			continue
		}
		next = j
		break
	}
	finite := next >= 0 && ps[next].kind == phrases.Word && isFiniteVerb(&ps[next])
	prev := i - 1
	if prev >= 0 && ps[prev].kind != phrases.Punct {
		switch {
		case isLexicalVerb(&ps[prev]):
			// "I told you", "let you know", "need you to"; but "I know you
			// charged me" is a subject.
			return finite && !isBaseVerb(&ps[next])
		case isPreposition(ps[prev].norm):
			return finite
		}
	}
	return true
}

// isFiniteVerb reports whether a piece is a verb that can follow a subject:
// a tensed verb or a modal.
func isFiniteVerb(p *wordPiece) bool {
	if isAuxiliary(p.norm) {
		return true
	}
	switch p.tag {
	case "VBD", "VBZ", "VBP", "MD", "VBN":
		return true
	case "VB":
		return true
	}
	return false
}

// isBaseVerb reports whether a piece is tagged as a verb's base form ("let
// you know", "made you wait").
func isBaseVerb(p *wordPiece) bool { return p.tag == "VB" && !isAuxiliary(p.norm) }

// isLexicalVerb reports whether a piece is a verb other than an auxiliary
// or a modal.
func isLexicalVerb(p *wordPiece) bool {
	if isAuxiliary(p.norm) {
		return false
	}
	if strings.HasPrefix(p.tag, "VB") {
		return true
	}
	switch p.norm {
	case "told", "tell", "asked", "ask", "called", "call", "emailed", "email", "paid", "pay", "gave", "give",
		"sent", "send", "let", "made", "make", "rang", "ring", "messaged", "contacted", "contact", "trusted",
		"need", "needed", "want", "wanted", "thank", "owe", "owed", "chased", "chase", "reminded", "remind",
		"warned", "warn", "informed", "inform", "showed", "show", "wrote":
		return true
	}
	return false
}

// isAuxiliary reports whether a normalised word is an auxiliary or modal
// verb.
func isAuxiliary(w string) bool {
	switch w {
	case "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do", "does", "did",
		"will", "would", "shall", "should", "can", "could", "may", "might", "must":
		return true
	}
	return false
}

// isPreposition reports whether a normalised word is a preposition that
// takes an object ("to you", "with you"); subordinating words such as
// "because" and "when" are not.
func isPreposition(w string) bool {
	switch w {
	case "to", "for", "with", "at", "from", "about", "by", "of", "on", "in", "into", "onto", "towards",
		"toward", "without", "against", "behind", "beside", "near", "like", "than", "through", "between",
		"among", "upon", "via", "off", "over", "under", "around", "round":
		return true
	}
	return false
}

// reorderCoordinateI turns "my husband and I" into "I and my husband",
// which reflects to the natural "you and your husband". It applies when
// "and I" follows a short noun phrase opened by "my" or "our".
func reorderCoordinateI(ps []wordPiece) []wordPiece {
	for i := 2; i < len(ps); i++ {
		if ps[i].norm != "i" || ps[i].quoted || ps[i-1].norm != "and" {
			continue
		}
		if i+1 < len(ps) && ps[i+1].gap == "" && ps[i+1].kind == phrases.Word {
			continue // "my account and I've": "I" opens a clause of its own
		}
		j := -1
		for k := i - 2; k >= 0 && k >= i-6; k-- {
			p := &ps[k]
			if p.kind == phrases.Punct || p.quoted {
				break
			}
			if p.norm == "my" || p.norm == "our" {
				j = k
				break
			}
			if !inNounPhrase(p) {
				break
			}
		}
		if j < 0 || !opensClause(ps, j) {
			continue
		}
		np := append([]wordPiece(nil), ps[j:i-1]...)
		iPiece, and := ps[i], ps[i-1]
		iPiece.gap, and.gap = np[0].gap, " "
		iPiece.first, np[0].first = np[0].first, false
		np[0].gap = " "
		iPiece.shape = np[0].shape
		if iPiece.shape == phrases.Lower {
			iPiece.shape = phrases.Upper // "I" is written in capitals
		}
		k := j
		ps[k], ps[k+1] = iPiece, and
		k += 2
		for _, p := range np {
			ps[k] = p
			k++
		}
	}
	return ps
}

// opensClause reports whether piece j opens a clause: the start of a
// sentence, or after a comma or a conjunction ("because my wife and I").
func opensClause(ps []wordPiece, j int) bool {
	if j == 0 || ps[j].first {
		return true
	}
	p := &ps[j-1]
	if p.kind == phrases.Punct {
		return true
	}
	switch p.norm {
	case "and", "but", "so", "because", "when", "while", "then", "since", "after", "before", "until",
		"although", "though", "as", "if", "that", "where":
		return true
	}
	return false
}

// inNounPhrase reports whether a piece can be part of a short noun
// phrase such as "my elderly mother" or "my son's teacher".
func inNounPhrase(p *wordPiece) bool {
	switch p.tag {
	case "NN", "NNS", "NNP", "NNPS", "JJ", "CD", "POS", "PRP$", "DT":
		return true
	}
	return p.norm == "'s"
}
