package phrases

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordInfo is what one pass over a word learns.
type wordInfo struct {
	end        int
	digitsOnly bool // digits joined only by . , : / -
	apostrophe bool // an apostrophe inside
	dot, slash bool // a dot or slash inside
	ascii      bool // ASCII only
	upper      int  // upper-case letters
	lower      int  // lower-case letters
	firstUpper bool // the first cased letter is upper case
}

func (w *wordInfo) shape() Shape {
	switch {
	case w.upper+w.lower == 0:
		return NoLetters
	case w.upper == 0:
		return Lower
	case w.lower == 0:
		return Upper
	case w.firstUpper && w.upper == 1:
		return Title
	}
	return Mixed
}

// word scans the token that starts with a letter or digit at i and emits it,
// split into its contraction parts when it has any. It returns the end.
func (s *scanner) word(i int) int {
	if s.slow {
		return s.anyWord(i)
	}
	if j, shape := plainWord(s.text, i); j > i {
		if s.ids != nil {
			// The keys and stem from the Matcher's cache, at once.
			var e *idEntry
			if shape == Lower {
				e = s.ids.lookup(s.text[i:j], modeWord)
			} else if j-i <= 8 {
				e = s.ids.lookupFolded(s.text[i:j])
			}
			if e != nil && !e.chat {
				s.emitKeyed(i, j, shape, e)
				return j
			}
		}
		if j-i <= 8 && s.chatPlain(i, j, shape) {
			return j
		}
		if shape == Lower {
			s.emitLower(i, j)
		} else {
			s.emit(i, j, Word, "", shape)
		}
		return j
	}
	if j := s.contraction(i); j > i {
		return j
	}
	return s.anyWord(i)
}

// contraction emits the commonest contraction at i, ASCII letters and a
// straight apostrophe ("don't", "I'm", "it's"), that nothing after it can
// join or extend, and returns its end; otherwise it returns i, and the
// word is left to anyWord, which would split it the same way.
func (s *scanner) contraction(i int) int {
	text := s.text
	k := i
	if asciiClass[text[k]]&cUpper != 0 {
		k++
	}
	k = lowerRun(text, k)
	if k == i || k+1 >= len(text) || text[k] != '\'' {
		return i
	}
	e := k + 1
	for e < len(text) && e-k <= 3 && asciiClass[text[e]]&(cLetter|cUpper) == cLetter {
		e++
	}
	if n := e - k - 1; n < 1 || n > 2 || !endsWord(text, e) {
		return i
	}
	if s.splitContraction(i, e) {
		return e
	}
	return i
}

// lowerRun returns the end of the run of lower-case ASCII letters at k,
// looking at eight bytes at a time while eight are left.
func lowerRun(text string, k int) int {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	for k+8 <= len(text) {
		x := load64(text[k:])
		// Per byte, with no carry into the next: at least 'a', above
		// 'z', or not ASCII.
		y := x &^ high
		ge := y + (0x80-'a')*ones
		gt := y + (0x80-'z'-1)*ones
		if bad := (^ge | gt | x) & high; bad != 0 {
			return k + bits.TrailingZeros64(bad)>>3
		}
		k += 8
	}
	for k < len(text) && asciiClass[text[k]]&(cLetter|cUpper) == cLetter {
		k++
	}
	return k
}

// endsWord reports whether nothing at j can join or extend the word that
// ends there: the end of the text, a space, or punctuation that never
// joins words (a dot only when no letter or digit follows it).
func endsWord(text string, j int) bool {
	if j == len(text) {
		return true
	}
	switch text[j] {
	case ' ', '\n', '\t', '\r', ',', ';', '!', '?', ')', ']', '"', '(':
		return true
	case '.':
		return j+1 == len(text) || asciiClass[text[j+1]]&(cLetter|cDigit|cSpace) == cSpace ||
			asciiClass[text[j+1]]&cPunct != 0
	}
	return false
}

// plainWord finds the commonest word of all at i: ASCII letters, lower
// case but perhaps the first, that nothing after it can join or extend
// (a space, the end, or punctuation that never joins words). It returns
// the word's end and shape, or i when the word at i is anything else,
// which anyWord then scans.
func plainWord(text string, i int) (int, Shape) {
	shape := Lower
	j := i
	switch cl := asciiClass[text[i]]; {
	case cl&cUpper != 0:
		shape = Upper // one letter: "I"
		j++
	case cl&cLetter == 0:
		return i, NoLetters
	}
	k := lowerRun(text, j)
	if shape == Upper && k > j {
		shape = Title
	}
	j = k
	if !endsWord(text, j) {
		return i, NoLetters
	}
	if j < len(text) && text[j] == '.' && j-i <= 5 && isAbbreviation(text[i:j], text[j+1:]) {
		// A short word may be an abbreviation that keeps its dot ("Mr.",
		// "no. 5").
		return i, NoLetters
	}
	return j, shape
}

// chat emits the ASCII word text[i:j] as the tokens of a chat spelling
// ("dont", "u", "pls") and reports whether it was one.
func (s *scanner) chat(i, j int, shape Shape) bool {
	if !chatLast(s.text[j-1]) {
		return false
	}
	key, ok := chatKey(s.text[i:j])
	return ok && s.chatByKey(i, j, key, shape)
}

// chatPlain is chat for a word that plainWord found: ASCII letters only,
// which it packs without looking at each.
func (s *scanner) chatPlain(i, j int, shape Shape) bool {
	text := s.text
	if !chatLast(text[j-1]) {
		return false
	}
	if i+8 > len(text) {
		return s.chat(i, j, shape)
	}
	mask := uint64(1)<<(8*(j-i)) - 1 // j-i < 8; an eight-letter word needs all
	if j-i == 8 {
		mask = ^uint64(0)
	}
	return s.chatByKey(i, j, (load64(text[i:])|0x2020202020202020)&mask, shape)
}

// chatByKey emits text[i:j], whose letters chatKey packs as key, as the
// tokens of a chat spelling, and reports whether it was one.
func (s *scanner) chatByKey(i, j int, key uint64, shape Shape) bool {
	text := s.text
	if a, an, bn, ok := chatSplitKey(key); ok {
		s.emit(i, i+a, Word, an, shapeOf(text[i:i+a]))
		s.emit(i+a, j, Word, bn, shapeOf(text[i+a:j]))
		return true
	}
	if n := chatWordKey(key); n != "" {
		s.emit(i, j, Word, n, shape)
		return true
	}
	return false
}

// anyWord is word for every word that plainWord leaves.
func (s *scanner) anyWord(i int) int {
	text := s.text
	if c := text[i]; c >= '0' && c <= '9' {
		if k := scanKeycap(text, i); k > i {
			s.emit(i, k, Emoji, "", NoLetters)
			return k
		}
	}
	w := scanWord(text, i)
	j := w.end
	if j <= i {
		// Cannot happen for a letter, digit or mark at i; never loop.
		return s.punct(i)
	}
	if j < len(text) {
		switch text[j] {
		case '@', '+':
			if k := scanEmail(text, i); k > i {
				s.emit(i, k, Email, "", shapeOf(text[i:k]))
				return k
			}
		case ':':
			if k := scanURL(text, i); k > i {
				s.emit(i, k, URL, "", shapeOf(text[i:k]))
				return k
			}
		}
	}
	if w.dot && (w.slash || text[i] == 'w' || text[i] == 'W') {
		if k := scanURL(text, i); k > i {
			s.emit(i, k, URL, "", shapeOf(text[i:k]))
			return k
		}
	}
	if c := text[i]; c >= '0' && c <= '9' {
		if k := scanPhone(text, i); k > i {
			s.emit(i, k, Phone, "", NoLetters)
			return k
		}
	}
	if w.digitsOnly {
		s.emitPlain(i, j, Number, NoLetters, w.ascii)
		return j
	}
	// An abbreviation keeps its final dot: "Mr.", "e.g.", "U.S.".
	if j < len(text) && text[j] == '.' && j-i <= 7 && isAbbreviation(text[i:j], text[j+1:]) {
		s.emit(i, j+1, Word, "", shapeOf(text[i:j+1]))
		if j-i == 3 && (text[i+1] == '.' && (text[i+2]|0x20) == 'm') && (text[i]|0x20 == 'a' || text[i]|0x20 == 'p') {
			s.pendingUpper = true
		}
		return j + 1
	}
	if w.apostrophe && s.splitContraction(i, j) {
		return j
	}
	if w.ascii && j-i <= 8 && s.chat(i, j, w.shape()) {
		return j
	}
	s.emitPlain(i, j, Word, w.shape(), w.ascii)
	return j
}

// emitPlain emits a token whose normal form is computed from its surface,
// skipping the work when the surface is already normal.
//
// ascii must be false when the surface holds a backquote, which
// normalises to an apostrophe: scanWord clears it for one.
func (s *scanner) emitPlain(i, j int, kind Kind, shape Shape, ascii bool) {
	if ascii && (shape == Lower || shape == NoLetters) {
		s.emit(i, j, kind, s.text[i:j], shape)
		return
	}
	s.emit(i, j, kind, "", shape)
}

// scanWord finds the end of a word starting at i: letters, digits and
// marks, joined by an apostrophe, hyphen, dot, slash, ampersand, asterisk
// or underscore when a letter or digit follows (commas and colons only
// inside numbers: 1,200 and 10:30). It records what it saw on the way.
func scanWord(text string, i int) wordInfo {
	w := wordInfo{digitsOnly: true, ascii: true}
	j := i
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			cl := asciiClass[c]
			if cl&cDigit != 0 {
				j++
				continue
			}
			if cl&cLetter != 0 {
				w.digitsOnly = false
				if cl&cUpper != 0 {
					if w.upper+w.lower == 0 {
						w.firstUpper = true
					}
					w.upper++
					j++
					continue
				}
				// A run of lower-case ASCII letters, the bulk of most
				// text, in one tight loop.
				k := j + 1
				for k < len(text) && text[k] < utf8.RuneSelf && asciiClass[text[k]]&(cLetter|cUpper) == cLetter {
					k++
				}
				w.lower += k - j
				j = k
				continue
			}
			if j == i || j+1 >= len(text) {
				break
			}
			next := rune(text[j+1])
			if next >= utf8.RuneSelf {
				next, _ = utf8.DecodeRuneInString(text[j+1:])
			}
			prev := rune(text[j-1])
			if prev >= utf8.RuneSelf {
				prev, _ = utf8.DecodeLastRuneInString(text[:j])
			}
			ok := false
			switch c {
			case ',', ':':
				ok = w.digitsOnly && isDigitRune(prev) && isDigitRune(next)
			case '\'', '`':
				ok = unicode.IsLetter(next)
				if ok {
					w.apostrophe = true
					w.digitsOnly = false
					w.ascii = w.ascii && c == '\''
				}
			case '*':
				ok = unicode.IsLetter(prev) && (unicode.IsLetter(next) || next == '*')
				w.digitsOnly = w.digitsOnly && !ok
			case '-', '&', '_':
				ok = isWordRune(next)
				w.digitsOnly = w.digitsOnly && !ok
			case '.':
				ok = isWordRune(next)
				w.dot = w.dot || ok
			case '/':
				ok = isWordRune(next)
				w.slash = w.slash || ok
			}
			if !ok {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case isApostrophe(r):
			next, _ := utf8.DecodeRuneInString(text[j+size:])
			if j == i || !unicode.IsLetter(next) {
				w.end = j
				return w
			}
			w.apostrophe = true
			w.digitsOnly = false
			w.ascii = false
		case r == 0x200C || r == 0x200D:
			// Joiners stay inside words, before a letter or mark.
			next, _ := utf8.DecodeRuneInString(text[j+size:])
			if !unicode.IsLetter(next) && !unicode.IsMark(next) {
				w.end = j
				return w
			}
			w.ascii = false
		case r == 0x00AD || r == 0x2060:
			// A soft hyphen or a word joiner between letters is inside the
			// word, and its normal form drops it: text hyphenated for
			// display ("re\u00ADfund") reads as the word ("refund").
			next, _ := utf8.DecodeRuneInString(text[j+size:])
			if j == i || !unicode.IsLetter(next) {
				w.end = j
				return w
			}
			w.ascii = false
		case isFormat(r):
			// Joiners stay inside words (Persian and Indic scripts use them);
			// other format characters end the word.
			w.end = j
			return w
		case unicode.IsLetter(r) || unicode.IsMark(r):
			w.digitsOnly = false
			w.ascii = false
			isU := unicode.IsUpper(r) || unicode.IsTitle(r)
			if isU {
				if w.upper+w.lower == 0 {
					w.firstUpper = true
				}
				w.upper++
			} else if unicode.IsLower(r) {
				w.lower++
			}
		case unicode.IsDigit(r):
			w.ascii = false
		default:
			w.end = j
			return w
		}
		j += size
	}
	w.end = j
	return w
}

// classOf returns the ASCII class of a byte, and 0 for a non-ASCII byte.
func classOf(c byte) uint8 {
	if c >= utf8.RuneSelf {
		return 0
	}
	return asciiClass[c]
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// abbreviations keep their final dot. Lower-case keys, without the dot.
func isAbbreviation(w, after string) bool {
	// Letters separated by dots: e.g, i.e, a.m, U.S, U.K.
	if len(w) >= 3 && strings.Count(w, ".") == len(w)/2 {
		ok := true
		for k := 0; k < len(w); k++ {
			if (k%2 == 0) != (classOf(w[k])&cLetter != 0) || (k%2 == 1 && w[k] != '.') {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	if len(w) > 5 {
		return false
	}
	var b [5]byte
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			return false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[k] = c
	}
	switch string(b[:len(w)]) {
	case "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "inc", "ltd", "corp", "dept", "approx", "appt", "ave", "blvd":
		return true
	case "no", "ext", "nos", "ref", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		// "No. 5", "ext. 214", "ref. #1234", "Mar. 16": only before a
		// number, perhaps after an opening quote, bracket or '#'.
		k := 0
		for k < len(after) && after[k] == ' ' {
			k++
		}
		for _, open := range [...]string{"#", "(", "\"", "'", "\u201C", "\u2018"} {
			if strings.HasPrefix(after[k:], open) {
				k += len(open)
				break
			}
		}
		return k < len(after) && classOf(after[k])&cDigit != 0
	}
	return false
}

// splitContraction emits the word text[i:j] split at its last clitic
// ("n't", "'s", "'m", "'re", "'ve", "'ll", "'d") and reports whether it
// had one.
func (s *scanner) splitContraction(i, j int) bool {
	w := s.text[i:j]
	k, size := lastApostrophe(w)
	if k <= 0 {
		return false
	}
	suffix := w[k+size:]
	base := w[:k]
	if len(suffix) > 2 {
		return false
	}
	lower := lowerASCII(suffix)
	switch lower {
	case "t":
		// n't: the n belongs to the clitic.
		if len(base) > 1 && (base[len(base)-1] == 'n' || base[len(base)-1] == 'N') {
			b := base[:len(base)-1]
			s.emitBase(i, i+len(b), b)
			s.emit(i+len(b), j, Word, "not", shapeOf(s.text[i+len(b):j]))
			return true
		}
	case "s", "m", "re", "ve", "ll", "d":
		s.emitBase(i, i+k, base)
		norm := cliticNorm(lower, base)
		if (lower == "s" && norm == "is") || lower == "d" {
			norm = perfectClitic(lower, norm, s.text[j:])
		}
		s.emit(i+k, j, Word, norm, shapeOf(suffix))
		return true
	}
	return false
}

// emitBase emits the part of a contraction before its clitic.
func (s *scanner) emitBase(start, end int, base string) {
	if base == "" {
		return
	}
	norm := ""
	key, letters := chatKey(base) // one to eight ASCII letters, packed lower-cased
	if letters {
		switch key {
		case 'c' | 'a'<<8:
			norm = "can"
		case 'w' | 'o'<<8:
			norm = "will"
		case 's' | 'h'<<8 | 'a'<<16:
			norm = "shall"
		case 'a' | 'i'<<8:
			norm = "is"
		default:
			if s.ids != nil {
				// Its normalised form is its lower case, which the
				// Matcher's cache holds, with its keys.
				s.emitKeyed(start, end, shapeOf(base), s.ids.lookupFolded(base))
				return
			}
		}
	}
	// The base may itself end in n't: "shouldn't've".
	if norm == "" && len(base) > 3 {
		if k, size := lastApostrophe(base); k > 1 && lowerASCII(base[k+size:]) == "t" && (base[k-1] == 'n' || base[k-1] == 'N') {
			s.emitBase(start, start+k-1, base[:k-1])
			s.emit(start+k-1, end, Word, "not", shapeOf(base[k-1:]))
			return
		}
	}
	s.emit(start, end, Word, norm, shapeOf(base))
}

func lastApostrophe(w string) (int, int) {
	for k := len(w) - 1; k > 0; {
		r, size := utf8.DecodeLastRuneInString(w[:k+1])
		if size > 1 {
			k = k + 1 - size
		}
		if isApostrophe(r) {
			return k, size
		}
		if k == 0 {
			break
		}
		k--
	}
	return -1, 0
}

// pronounIs lists the words after which 's means "is".
func pronounIs(base string) bool {
	switch lowerASCII(base) {
	case "it", "that", "there", "here", "what", "who", "where", "when", "why", "how",
		"he", "she", "this", "everything", "nothing", "something", "anything",
		"everyone", "someone", "nobody", "somebody", "everybody", "anyone":
		return true
	}
	return false
}

func cliticNorm(suffix, base string) string {
	switch suffix {
	case "s":
		if pronounIs(base) {
			return "is"
		}
		if lowerASCII(base) == "let" {
			return "us"
		}
		return "'s"
	case "m":
		return "am"
	case "re":
		return "are"
	case "ve":
		return "have"
	case "ll":
		return "will"
	case "d":
		return "would"
	}
	return ""
}

// perfectClitic reads 's as "has" and 'd as "had" before "been", "got"
// or "gotten" ("it's been", "she'd got"), and 'd as "had" before
// "better"; otherwise it returns norm.
func perfectClitic(suffix, norm, rest string) string {
	k := 0
	for k < len(rest) && (rest[k] == ' ' || rest[k] == '\t') {
		k++
	}
	e := k
	for e < len(rest) && e-k < 7 && asciiClass[rest[e]&0x7f]&cLetter != 0 && rest[e] < utf8.RuneSelf {
		e++
	}
	switch lowerASCII(rest[k:e]) {
	case "been", "got", "gotten":
		if suffix == "s" {
			return "has"
		}
		return "had"
	case "better":
		if suffix == "d" {
			return "had"
		}
	}
	return norm
}

// chatLast reports whether a chat spelling can end with the letter c:
// most words are ruled out by their last letter alone.
func chatLast(c byte) bool {
	// Bit k stands for the letter 'a'+k: a, e, m, r, s, t, u, x and z.
	const last = 1 | 1<<('e'-'a') | 1<<('m'-'a') | 1<<('r'-'a') | 1<<('s'-'a') |
		1<<('t'-'a') | 1<<('u'-'a') | 1<<('x'-'a') | 1<<('z'-'a')
	return uint32(last)>>((c|0x20-'a')&31)&1 != 0
}

// chatKey packs w's letters, lower-cased, into a uint64, the first in the
// lowest byte, when w is one to eight ASCII letters; ok is false
// otherwise. The chat spellings are switched on as such keys: no
// lower-cased copy, no string comparisons.
func chatKey(w string) (key uint64, ok bool) {
	if len(w) == 0 || len(w) > 8 {
		return 0, false
	}
	for i := len(w) - 1; i >= 0; i-- {
		c := w[i] | 0x20
		if c < 'a' || c > 'z' {
			return 0, false
		}
		key = key<<8 | uint64(c)
	}
	return key, true
}

// isChat reports whether the tokenizer rewrites w, a word of ASCII
// letters, as a chat spelling (see chatSplit and chatWord).
func isChat(w string) bool {
	k, ok := chatKey(w)
	if !ok {
		return false
	}
	_, _, _, split := chatSplitKey(k)
	return split || chatWordKey(k) != ""
}

// chatSplit splits the apostrophe-less chat forms of contractions, and
// cannot, gonna, wanna and gotta: it returns the length of the first part
// and the normalised forms of both. It does not allocate.
func chatSplit(w string) (int, string, string, bool) {
	k, ok := chatKey(w)
	if !ok {
		return 0, "", "", false
	}
	return chatSplitKey(k)
}

// chatSplitKey is chatSplit for a word packed by chatKey.
func chatSplitKey(k uint64) (int, string, string, bool) {
	switch k {
	case 'd' | 'o'<<8 | 'n'<<16 | 't'<<24: // dont
		return 2, "do", "not", true
	case 'd' | 'o'<<8 | 'e'<<16 | 's'<<24 | 'n'<<32 | 't'<<40: // doesnt
		return 4, "does", "not", true
	case 'd' | 'i'<<8 | 'd'<<16 | 'n'<<24 | 't'<<32: // didnt
		return 3, "did", "not", true
	case 'i' | 's'<<8 | 'n'<<16 | 't'<<24: // isnt
		return 2, "is", "not", true
	case 'a' | 'r'<<8 | 'e'<<16 | 'n'<<24 | 't'<<32: // arent
		return 3, "are", "not", true
	case 'w' | 'a'<<8 | 's'<<16 | 'n'<<24 | 't'<<32: // wasnt
		return 3, "was", "not", true
	case 'w' | 'e'<<8 | 'r'<<16 | 'e'<<24 | 'n'<<32 | 't'<<40: // werent
		return 4, "were", "not", true
	case 'h' | 'a'<<8 | 'v'<<16 | 'e'<<24 | 'n'<<32 | 't'<<40: // havent
		return 4, "have", "not", true
	case 'h' | 'a'<<8 | 's'<<16 | 'n'<<24 | 't'<<32: // hasnt
		return 3, "has", "not", true
	case 'h' | 'a'<<8 | 'd'<<16 | 'n'<<24 | 't'<<32: // hadnt
		return 3, "had", "not", true
	case 'c' | 'o'<<8 | 'u'<<16 | 'l'<<24 | 'd'<<32 | 'n'<<40 | 't'<<48: // couldnt
		return 5, "could", "not", true
	case 'w' | 'o'<<8 | 'u'<<16 | 'l'<<24 | 'd'<<32 | 'n'<<40 | 't'<<48: // wouldnt
		return 5, "would", "not", true
	case 's' | 'h'<<8 | 'o'<<16 | 'u'<<24 | 'l'<<32 | 'd'<<40 | 'n'<<48 | 't'<<56: // shouldnt
		return 6, "should", "not", true
	case 'm' | 'u'<<8 | 's'<<16 | 't'<<24 | 'n'<<32 | 't'<<40: // mustnt
		return 4, "must", "not", true
	case 'c' | 'a'<<8 | 'n'<<16 | 't'<<24: // cant
		return 2, "can", "not", true
	case 'w' | 'o'<<8 | 'n'<<16 | 't'<<24: // wont
		return 2, "will", "not", true
	case 'a' | 'i'<<8 | 'n'<<16 | 't'<<24: // aint
		return 2, "is", "not", true
	case 'c' | 'a'<<8 | 'n'<<16 | 'n'<<24 | 'o'<<32 | 't'<<40: // cannot
		return 3, "can", "not", true
	case 'i' | 'm'<<8: // im
		return 1, "i", "am", true
	case 'i' | 'v'<<8 | 'e'<<16: // ive
		return 1, "i", "have", true
	case 'y' | 'o'<<8 | 'u'<<16 | 'r'<<24 | 'e'<<32: // youre
		return 3, "you", "are", true
	case 't' | 'h'<<8 | 'e'<<16 | 'y'<<24 | 'r'<<32 | 'e'<<40: // theyre
		return 4, "they", "are", true
	case 'y' | 'o'<<8 | 'u'<<16 | 'v'<<24 | 'e'<<32: // youve
		return 3, "you", "have", true
	case 't' | 'h'<<8 | 'e'<<16 | 'y'<<24 | 'v'<<32 | 'e'<<40: // theyve
		return 4, "they", "have", true
	case 't' | 'h'<<8 | 'a'<<16 | 't'<<24 | 's'<<32: // thats
		return 4, "that", "is", true
	case 'w' | 'h'<<8 | 'a'<<16 | 't'<<24 | 's'<<32: // whats
		return 4, "what", "is", true
	case 't' | 'h'<<8 | 'e'<<16 | 'r'<<24 | 'e'<<32 | 's'<<40: // theres
		return 5, "there", "is", true
	case 'g' | 'o'<<8 | 'n'<<16 | 'n'<<24 | 'a'<<32: // gonna
		return 3, "going", "to", true
	case 'w' | 'a'<<8 | 'n'<<16 | 'n'<<24 | 'a'<<32: // wanna
		return 3, "want", "to", true
	case 'g' | 'o'<<8 | 't'<<16 | 't'<<24 | 'a'<<32: // gotta
		return 3, "got", "to", true
	}
	return 0, "", "", false
}

// chatWord gives the normalised form of common chat spellings. It does not
// allocate.
func chatWord(w string) string {
	k, ok := chatKey(w)
	if !ok {
		return ""
	}
	return chatWordKey(k)
}

// chatWordKey is chatWord for a word packed by chatKey.
func chatWordKey(k uint64) string {
	switch k {
	case 'u': // u
		return "you"
	case 'u' | 'r'<<8: // ur
		return "your"
	case 'p' | 'l'<<8 | 's'<<16, 'p' | 'l'<<8 | 'z'<<16, 'p' | 'l'<<8 | 's'<<16 | 'e'<<24: // pls, plz, plse
		return "please"
	case 't' | 'h'<<8 | 'x'<<16, 't' | 'h'<<8 | 'n'<<16 | 'x'<<24, 't' | 'h'<<8 | 'a'<<16 | 'n'<<24 | 'x'<<32: // thx, thnx, thanx
		return "thanks"
	}
	return ""
}

// lowerASCII lower-cases ASCII letters; it allocates only when s has upper case.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for k := i; k < len(b); k++ {
				if 'A' <= b[k] && b[k] <= 'Z' {
					b[k] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// scanURL returns the end of a URL starting at i, or i.
func scanURL(text string, i int) int {
	rest := text[i:]
	n := 0
	switch {
	case hasPrefixFold(rest, "https://"):
		n = 8
	case hasPrefixFold(rest, "http://"):
		n = 7
	case hasPrefixFold(rest, "www."):
		n = 4
	default:
		// A bare domain with a path: example.com/help, amzn.to/x1.
		return scanBareURL(text, i)
	}
	if n >= len(rest) || !isURLChar(rest[n]) {
		return i
	}
	return i + trimURL(rest, urlEnd(rest, n))
}

func urlEnd(rest string, k int) int {
	for k < len(rest) && isURLChar(rest[k]) {
		k++
	}
	return k
}

// trimURL drops trailing punctuation that belongs to the sentence, and
// closing brackets that have no opening one in the URL.
func trimURL(rest string, k int) int {
	opens, closes := strings.Count(rest[:k], "("), strings.Count(rest[:k], ")")
	for k > 0 {
		switch rest[k-1] {
		case '.', ',', '!', '?', ';', ':', '\'', '"':
			k--
			continue
		case ')':
			if opens < closes {
				k--
				closes--
				continue
			}
		}
		break
	}
	return k
}

func isURLChar(c byte) bool {
	if c >= utf8.RuneSelf {
		return false
	}
	if asciiClass[c]&(cLetter|cDigit) != 0 {
		return true
	}
	return strings.IndexByte("-._~:/?#[]@!$&'()*+,;=%", c) >= 0
}

func scanBareURL(text string, i int) int {
	// letters/digits/hyphens, dot, known top-level domain, then '/'.
	k := i
	dots := 0
	for k < len(text) {
		c := text[k]
		if c < utf8.RuneSelf && (asciiClass[c]&(cLetter|cDigit) != 0 || c == '-') {
			k++
			continue
		}
		if c == '.' && k+1 < len(text) && k > i && asciiClass[text[k+1]&0x7f]&cLetter != 0 && text[k+1] < utf8.RuneSelf {
			dots++
			k++
			continue
		}
		break
	}
	if dots == 0 || k >= len(text) || text[k] != '/' {
		return i
	}
	host := text[i:k]
	tld := host[strings.LastIndexByte(host, '.')+1:]
	if !knownTLD(lowerASCII(tld)) {
		return i
	}
	return i + trimURL(text[i:], urlEnd(text[i:], k-i))
}

func knownTLD(t string) bool {
	switch t {
	case "com", "org", "net", "io", "co", "uk", "us", "ca", "au", "de", "fr", "in", "edu", "gov",
		"info", "biz", "me", "ly", "to", "gl", "app", "dev", "ie", "nz", "es", "it", "nl", "be", "ch", "jp":
		return true
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// scanEmail returns the end of an e-mail address starting at i, or i.
func scanEmail(text string, i int) int {
	k := i
	for k < len(text) && k-i <= 64 {
		c := text[k]
		if c < utf8.RuneSelf && (asciiClass[c]&(cLetter|cDigit) != 0 || c == '.' || c == '_' || c == '%' || c == '+' || c == '-') {
			k++
			continue
		}
		break
	}
	if k == i || k-i > 64 || k >= len(text) || text[k] != '@' {
		// An address's local part is at most 64 bytes (RFC 5321); the bound
		// also keeps a long run like "1+1+1+..." from costing quadratic time.
		return i
	}
	k++
	hostStart := k
	lastDot := -1
	for k < len(text) {
		c := text[k]
		if c < utf8.RuneSelf && (asciiClass[c]&(cLetter|cDigit) != 0 || c == '-') {
			k++
			continue
		}
		if c == '.' && k+1 < len(text) && text[k+1] < utf8.RuneSelf && asciiClass[text[k+1]]&(cLetter|cDigit) != 0 {
			lastDot = k
			k++
			continue
		}
		break
	}
	if lastDot < hostStart || k-lastDot-1 < 2 {
		return i
	}
	return k
}

// scanPhone returns the end of a phone number starting at i, or i. It
// accepts +country forms ("+44 20 7946 0958", "+15551234567"), "(555)
// 123-4567", and 3-3-4, 3-4 and 1-3-3-4 digit groups joined by one kind
// of separator (- . or space).
func scanPhone(text string, i int) int {
	k := i
	plus := false
	paren := false
	var groups [8]int
	ng := 0
	digits := 0
	var sep byte
	if text[k] == '+' {
		plus = true
		k++
		// A country code, then a bracketed area code: "+1 (555) 987-6543".
		c := k
		for c < len(text) && c-k < 3 && text[c] >= '0' && text[c] <= '9' {
			c++
		}
		if c > k && c+1 < len(text) && text[c] == ' ' && text[c+1] == '(' {
			digits = c - k
			k = c + 1
		}
	}
	if k < len(text) && text[k] == '(' {
		paren = true
		k++
	}
	end := i
	for k < len(text) && ng < len(groups) {
		g := 0
		for k < len(text) && text[k] >= '0' && text[k] <= '9' {
			g++
			k++
		}
		if g == 0 {
			break
		}
		groups[ng] = g
		ng++
		digits += g
		end = k
		if paren && ng == 1 {
			if k >= len(text) || text[k] != ')' || g != 3 {
				return i
			}
			k++
			end = k
			if k < len(text) && (text[k] == ' ' || text[k] == '-') {
				k++
			}
			continue
		}
		if k+1 >= len(text) {
			break
		}
		c := text[k]
		if c != '-' && c != '.' && c != ' ' {
			break
		}
		if text[k+1] < '0' || text[k+1] > '9' {
			break
		}
		if sep == 0 {
			sep = c
		} else if c != sep {
			break
		}
		if c == ' ' && !plus && !paren && ng >= 3 {
			break
		}
		k++
	}
	// Never end inside a longer word: "555-1234abc" is not a phone.
	if end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return i
		}
	}
	switch {
	case plus:
		if digits >= 8 && digits <= 15 {
			return end
		}
	case paren:
		if ng >= 3 && groups[1] == 3 && groups[2] == 4 && digits == 10 {
			return end
		}
		if ng == 2 && groups[1] == 7 {
			return end
		}
	case ng == 3 && groups[0] == 3 && groups[1] == 3 && groups[2] == 4:
		return end
	case ng == 2 && groups[0] == 3 && groups[1] == 4 && sep == '-':
		return end
	case ng == 4 && groups[0] == 1 && groups[1] == 3 && groups[2] == 3 && groups[3] == 4:
		return end
	}
	return i
}
