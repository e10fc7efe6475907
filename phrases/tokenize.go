package phrases

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Byte classes for the ASCII fast path.
const (
	cSpace = 1 << iota
	cNewline
	cLetter
	cDigit
	cUpper
	cPunct
	cSymbol
)

// asciiClass is computed by the compiler from a constant expression: no init work.
// It has 256 entries, 0 for every byte of a multi-byte sequence, so that
// any byte indexes it without a bounds check.
var asciiClass = [256]uint8{
	'\t': cSpace, '\n': cSpace | cNewline, '\v': cSpace, '\f': cSpace, '\r': cSpace, ' ': cSpace,
	0: cSpace, 1: cSpace, 2: cSpace, 3: cSpace, 4: cSpace, 5: cSpace, 6: cSpace, 7: cSpace, 8: cSpace,
	14: cSpace, 15: cSpace, 16: cSpace, 17: cSpace, 18: cSpace, 19: cSpace, 20: cSpace, 21: cSpace,
	22: cSpace, 23: cSpace, 24: cSpace, 25: cSpace, 26: cSpace, 27: cSpace, 28: cSpace, 29: cSpace,
	30: cSpace, 31: cSpace, 127: cSpace,
	'0': cDigit, '1': cDigit, '2': cDigit, '3': cDigit, '4': cDigit,
	'5': cDigit, '6': cDigit, '7': cDigit, '8': cDigit, '9': cDigit,
	'a': cLetter, 'b': cLetter, 'c': cLetter, 'd': cLetter, 'e': cLetter, 'f': cLetter, 'g': cLetter,
	'h': cLetter, 'i': cLetter, 'j': cLetter, 'k': cLetter, 'l': cLetter, 'm': cLetter, 'n': cLetter,
	'o': cLetter, 'p': cLetter, 'q': cLetter, 'r': cLetter, 's': cLetter, 't': cLetter, 'u': cLetter,
	'v': cLetter, 'w': cLetter, 'x': cLetter, 'y': cLetter, 'z': cLetter,
	'A': cLetter | cUpper, 'B': cLetter | cUpper, 'C': cLetter | cUpper, 'D': cLetter | cUpper,
	'E': cLetter | cUpper, 'F': cLetter | cUpper, 'G': cLetter | cUpper, 'H': cLetter | cUpper,
	'I': cLetter | cUpper, 'J': cLetter | cUpper, 'K': cLetter | cUpper, 'L': cLetter | cUpper,
	'M': cLetter | cUpper, 'N': cLetter | cUpper, 'O': cLetter | cUpper, 'P': cLetter | cUpper,
	'Q': cLetter | cUpper, 'R': cLetter | cUpper, 'S': cLetter | cUpper, 'T': cLetter | cUpper,
	'U': cLetter | cUpper, 'V': cLetter | cUpper, 'W': cLetter | cUpper, 'X': cLetter | cUpper,
	'Y': cLetter | cUpper, 'Z': cLetter | cUpper,
	'!': cPunct, '"': cPunct, '\'': cPunct, '(': cPunct, ')': cPunct, ',': cPunct, '-': cPunct,
	'.': cPunct, ':': cPunct, ';': cPunct, '?': cPunct, '[': cPunct, ']': cPunct, '{': cPunct,
	'}': cPunct, '_': cPunct, '`': cPunct, '/': cPunct, '\\': cPunct, '@': cPunct, '#': cPunct,
	'*': cPunct, '&': cPunct,
	'$': cSymbol, '%': cSymbol, '+': cSymbol, '<': cSymbol, '=': cSymbol, '>': cSymbol, '^': cSymbol,
	'|': cSymbol, '~': cSymbol,
}

// scanner holds the state of one tokenization.
type scanner struct {
	text  string
	d     *Doc
	refs  []normRef // tokens whose Norm lives in d.norms
	sent  int       // current sentence index
	first int       // first token of the current sentence
	// pending is set after a sentence-final punctuation token: the next
	// token that is not a closing quote or bracket starts a new sentence.
	pending bool
	// pendingUpper is set after "a.m." and "p.m.", which end a sentence
	// when the next word is capitalised ("at 4 p.m. That's ...").
	pendingUpper bool
	// slow turns the fast paths for common words off (tests).
	slow bool
	// ids, when set, is the cache of the Matcher the text is analysed
	// for: a word of ASCII letters then gets its stem and keys from it as
	// it is emitted (see emitKeyed), and every other token zero keys and
	// a place in d.unkeyed, for keysFor to fill in. d.keys then grows
	// with d.Tokens.
	ids *idCache
}

type normRef struct {
	tok      int
	off, end int
}

// tokenize fills d with the tokens and sentences of text. Stems are not
// set (a reused Doc's tokens keep their old ones): the caller sets every
// token's.
func tokenize(d *Doc, text string) {
	tokenizeWith(d, text, false, nil)
}

// tokenizeWith is tokenize; with slow set, every word takes the general
// scan, which tests compare the fast paths with. With ids set, d.keys
// gets an entry per token, and lower-case words their stems and keys from
// ids (see scanner.ids).
func tokenizeWith(d *Doc, text string, slow bool, ids *idCache) {
	d.Text = text
	d.Tokens = d.Tokens[:0]
	d.Sentences = d.Sentences[:0]
	d.norms = d.norms[:0]
	d.tagged = false
	d.keyOwner = nil
	d.keys = d.keys[:0]
	d.unkeyed = d.unkeyed[:0]
	s := scanner{text: text, d: d, refs: d.refs[:0], slow: slow, ids: ids}
	s.run()
	if len(d.norms) > 0 {
		all := string(d.norms)
		for _, r := range s.refs {
			d.Tokens[r.tok].Norm = all[r.off:r.end]
		}
	}
	d.refs = s.refs[:0]
}

func (s *scanner) run() {
	text := s.text
	n := len(text)
	newlines := 0 // newlines seen since the last token
	for i := 0; i < n; {
		c := text[i]
		if c < utf8.RuneSelf {
			cl := asciiClass[c]
			switch {
			case cl&cSpace != 0:
				if c == '\n' {
					newlines++
				}
				i++
				continue
			case cl&(cLetter|cDigit) != 0:
				if newlines != 0 {
					s.lineBreak(newlines, i)
					newlines = 0
				}
				i = s.word(i)
				continue
			default:
				s.lineBreak(newlines, i)
				newlines = 0
				i = s.punct(i)
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			// Invalid UTF-8: a separator, never part of a token.
			i++
			continue
		case unicode.IsSpace(r) || isFormat(r) || (r >= 0x80 && r <= 0x9F):
			// Spaces, C1 control characters and invisible format characters
			// (zero-width spaces and joiners, direction marks, soft hyphens)
			// separate tokens and are never part of one.
			if r == 0x2028 || r == 0x2029 || r == 0x85 {
				newlines++
			}
			i += size
			continue
		}
		s.lineBreak(newlines, i)
		newlines = 0
		switch {
		case isApostrophe(r):
			i = s.punct(i)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			i = s.word(i)
		case isEmoji(r):
			i = s.emoji(i)
		default:
			i = s.punct(i)
		}
	}
	s.closeSentence()
}

// lineBreak decides, before the token at byte i, whether the line breaks
// since the previous token end a sentence: a blank line always does, a
// single line break does when the next line starts with anything but a
// lower-case letter.
func (s *scanner) lineBreak(newlines, i int) {
	if newlines == 0 || len(s.d.Tokens) == s.first {
		return
	}
	if newlines >= 2 {
		s.newSentence()
		return
	}
	r, _ := utf8.DecodeRuneInString(s.text[i:])
	if !unicode.IsLower(r) {
		s.newSentence()
	}
}

func (s *scanner) newSentence() {
	if len(s.d.Tokens) == s.first {
		s.pending = false
		return
	}
	s.closeSentence()
	s.sent++
	s.first = len(s.d.Tokens)
	s.pending = false
}

func (s *scanner) closeSentence() {
	toks := s.d.Tokens
	if len(toks) == s.first {
		return
	}
	s.d.Sentences = append(s.d.Sentences, Sentence{
		Start: toks[s.first].Start, End: toks[len(toks)-1].End,
		First: s.first, Last: len(toks),
	})
}

// emit appends a token. norm is its normalised form when known (a constant
// for contraction parts); otherwise it is computed from the surface.
func (s *scanner) emit(start, end int, kind Kind, norm string, shape Shape) {
	if s.pendingUpper {
		s.pendingUpper = false
		if r, _ := utf8.DecodeRuneInString(s.text[start:]); unicode.IsUpper(r) {
			s.pending = true
		}
	}
	if s.pending {
		if !(kind == Punct && isCloser(s.text[start:end])) {
			s.newSentence()
		}
	}
	d := s.d
	n := len(d.Tokens)
	if n == cap(d.Tokens) {
		d.Tokens = slices.Grow(d.Tokens, 1)
	}
	d.Tokens = d.Tokens[:n+1]
	if s.ids != nil {
		d.keys = append(d.keys, tokKeys{})
		d.unkeyed = append(d.unkeyed, int32(n))
	}
	t := &d.Tokens[n]
	s.fill(t, start, end, kind, shape)
	if norm != "" {
		t.Norm = norm
		return
	}
	surface := s.text[start:end]
	if shape == Lower || shape == NoLetters {
		if isPlainASCII(surface) {
			t.Norm = surface
			return
		}
	}
	off := len(d.norms)
	d.norms = appendNorm(d.norms, surface)
	if string(d.norms[off:]) == surface {
		d.norms = d.norms[:off]
		t.Norm = surface
		return
	}
	s.refs = append(s.refs, normRef{tok: len(d.Tokens) - 1, off: off, end: len(d.norms)})
}

// emitLower emits the word text[i:j], which is its own normalised form,
// as emit does, with the common case written out.
func (s *scanner) emitLower(i, j int) {
	d := s.d
	n := len(d.Tokens)
	if s.pending || s.pendingUpper || n == cap(d.Tokens) || s.ids != nil {
		s.emit(i, j, Word, s.text[i:j], Lower)
		return
	}
	d.Tokens = d.Tokens[:n+1]
	t := &d.Tokens[n]
	s.fill(t, i, j, Word, Lower)
	t.Norm = s.text[i:j]
}

// emitKeyed emits the word text[i:j], of ASCII letters of the shape,
// whose normalised form is e's word, with its stem and keys from e, as
// emit and keysFor would. A lower-case word's normalised form is its
// surface; another's is e's word, so that it takes no memory of the
// Doc's.
func (s *scanner) emitKeyed(i, j int, shape Shape, e *idEntry) {
	d := s.d
	n := len(d.Tokens)
	norm := e.word
	if shape == Lower {
		norm = s.text[i:j]
	}
	if s.pending || s.pendingUpper || n == cap(d.Tokens) || n == cap(d.keys) {
		s.emit(i, j, Word, norm, shape)
		d.unkeyed = d.unkeyed[:len(d.unkeyed)-1] // its keys are set below
	} else {
		d.Tokens = d.Tokens[:n+1]
		d.keys = d.keys[:n+1]
		t := &d.Tokens[n]
		s.fill(t, i, j, Word, shape)
		t.Norm = norm
	}
	d.Tokens[n].Stem = e.stem
	k := &d.keys[n]
	*k = e.keys
	k.classes |= 1 << classWord
	if shape != Lower {
		s.ids.casedKeys(k, s.text[i:j], shape)
	}
}

// fill sets every field of a new token of the current sentence but Norm
// and Stem. It writes them one by one into the token's place in
// Doc.Tokens: a composite literal would be built and then copied. Tag is
// written only when a reused token has one: a string written into the
// heap costs a write barrier while a garbage collection is in progress.
func (s *scanner) fill(t *Token, start, end int, kind Kind, shape Shape) {
	t.Start, t.End, t.Sentence, t.Kind, t.Shape = start, end, s.sent, kind, shape
	if t.Tag != "" {
		t.Tag = ""
	}
}

// isPlainASCII reports whether s has only ASCII bytes and no quote that
// normalisation would fold.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == '`' {
			return false
		}
	}
	return true
}

// appendNorm appends the normalised form of s: lower case, quotes folded,
// soft hyphens and word joiners (inside a word: see scanWord) dropped.
func appendNorm(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			} else if c == '`' {
				c = '\''
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u02BC', '\uFF07', '\u00B4':
			dst = append(dst, '\'')
		case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB', '\uFF02':
			dst = append(dst, '"')
		case '\u00AD', '\u2060':
			// A soft hyphen or word joiner inside a word: invisible, dropped.
		default:
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// isFormat reports whether r is an invisible format character: zero-width
// space, joiners outside emoji, direction marks, word joiner, soft hyphen,
// byte-order mark.
func isFormat(r rune) bool {
	switch {
	case r == 0x00AD || r == 0x061C || r == 0xFEFF || r == 0x180E:
		return true
	case r >= 0x200B && r <= 0x200F:
		return true
	case r >= 0x202A && r <= 0x202E:
		return true
	case r >= 0x2060 && r <= 0x2069:
		return true
	}
	return false
}

// isApostrophe reports whether r is a straight or curly apostrophe.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02BC' || r == '`' || r == '\uFF07'
}

func isCloser(s string) bool {
	switch s {
	case ")", "]", "}", "\"", "'", "\u201D", "\u2019", "\u00BB":
		return true
	}
	return false
}

// punct emits one punctuation or symbol token starting at i, or a special
// token (mention, hashtag, phone number) that starts with punctuation.
func (s *scanner) punct(i int) int {
	text := s.text
	c := text[i]
	if j := s.detachedClitic(i); j > i {
		return j
	}
	switch c {
	case '@':
		if j := scanHandle(text, i+1); j > i+1 && !prevIsWordChar(text, i) {
			s.emit(i, j, Mention, "", shapeOf(text[i:j]))
			return j
		}
	case '#', '*':
		if j := scanKeycap(text, i); j > i {
			s.emit(i, j, Emoji, "", NoLetters)
			return j
		}
		if c == '*' {
			break
		}
		if j := scanHandle(text, i+1); j > i+1 && hasLetter(text[i+1:j]) && !prevIsWordChar(text, i) {
			s.emit(i, j, Hashtag, "", shapeOf(text[i:j]))
			return j
		}
	case ':', ';', '=', '<', 'x', 'X':
		if j := scanEmoticon(text, i); j > i {
			s.emit(i, j, Emoji, "", NoLetters)
			return j
		}
	case '+', '(':
		if j := scanPhone(text, i); j > i {
			s.emit(i, j, Phone, "", NoLetters)
			return j
		}
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	kind := Punct
	if c < utf8.RuneSelf {
		if asciiClass[c]&cSymbol != 0 {
			kind = Symbol
		}
	} else if !unicode.IsPunct(r) && !isApostrophe(r) {
		kind = Symbol
	}
	end := i + size
	s.emit(i, end, kind, "", NoLetters)
	if isTerminal(r) {
		s.terminal(i, end)
	}
	return end
}

// detachedClitic emits a clitic written apart from its word ("it 's",
// "restaurant 's", or "'s" opening a pattern's literal run) as the same
// token it is when attached, and returns its end; otherwise it returns i.
func (s *scanner) detachedClitic(i int) int {
	text := s.text
	r, size := utf8.DecodeRuneInString(text[i:])
	if !isApostrophe(r) {
		return i
	}
	j := i + size
	k := j
	for k < len(text) && k-j < 2 && classOf(text[k])&cLetter != 0 {
		k++
	}
	if k == j || (k < len(text) && classOf(text[k])&(cLetter|cDigit) != 0) {
		return i
	}
	suffix := lowerASCII(text[j:k])
	base := ""
	if n := len(s.d.Tokens); n > 0 && s.d.Tokens[n-1].Kind == Word && s.d.Tokens[n-1].Sentence == s.sent {
		prev := s.d.Tokens[n-1]
		base = text[prev.Start:prev.End]
	}
	switch suffix {
	case "s", "m", "re", "ve", "ll", "d":
	default:
		return i
	}
	if base == "" && (i > 0 && !unicode.IsSpace(rune(text[i-1]))) {
		return i
	}
	norm := cliticNorm(suffix, base)
	if (suffix == "s" && norm == "is") || suffix == "d" {
		norm = perfectClitic(suffix, norm, text[k:])
	}
	s.emit(i, k, Word, norm, shapeOf(text[j:k]))
	return k
}

// isTerminal reports whether r ends a sentence.
func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '\u2026', '\u203C', '\u2049', '\uFF01', '\uFF1F', '\u3002',
		'\u061F', '\u06D4', '\u0964', '\u0965', '\u037E':
		return true
	}
	return false
}

// terminal records sentence-final punctuation ending at end. An ellipsis
// (two or more dots, or "…") followed by a lower-case word does not end
// the sentence.
func (s *scanner) terminal(start, end int) {
	text := s.text
	// Let a run of terminal punctuation finish first.
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if isTerminal(r) {
			return
		}
	}
	dots := 0
	for j := end - 1; j >= 0 && text[j] == '.'; j-- {
		dots++
	}
	ellipsis := dots >= 2 || (end-start == 3 && text[start:end] == "\u2026")
	if ellipsis {
		j := end
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j < len(text) {
			r, _ := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLower(r) {
				return
			}
		}
	}
	s.pending = true
}

func prevIsWordChar(text string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// scanHandle scans the body of an @mention or #hashtag.
func scanHandle(text string, i int) int {
	j := i
	for j < len(text) {
		c := text[j]
		if c < utf8.RuneSelf {
			if asciiClass[c]&(cLetter|cDigit) != 0 || c == '_' {
				j++
				continue
			}
			break
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
			break
		}
		j += size
	}
	return j
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// emoji emits one emoji with its modifiers, joiners and variation selectors.
func (s *scanner) emoji(i int) int {
	text := s.text
	r, size := utf8.DecodeRuneInString(text[i:])
	j := i + size
	if isRegional(r) {
		if r2, size2 := utf8.DecodeRuneInString(text[j:]); isRegional(r2) {
			j += size2
		}
	}
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		switch {
		case r == 0xFE0F || r == 0xFE0E || r == 0x20E3 || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F):
			j += size
		case r == 0x200D:
			r2, size2 := utf8.DecodeRuneInString(text[j+size:])
			if !isEmoji(r2) {
				s.emit(i, j, Emoji, "", NoLetters)
				return j
			}
			j += size + size2
		default:
			s.emit(i, j, Emoji, "", NoLetters)
			return j
		}
	}
	s.emit(i, j, Emoji, "", NoLetters)
	return j
}

func isRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// isEmoji reports whether r is a pictographic symbol.
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF:
		return true
	case r >= 0x2600 && r <= 0x27BF:
		return true
	case r >= 0x2B00 && r <= 0x2BFF:
		return true
	case r >= 0x2300 && r <= 0x23FF:
		return true
	case r == 0x3030 || r == 0x303D || r == 0x3297 || r == 0x3299 || r == 0x2122 || r == 0x2139:
		return true
	}
	return false
}

// shapeOf computes the case shape of a surface.
func shapeOf(s string) Shape {
	upper, lower, firstUpper, n := 0, 0, false, 0
	for i := 0; i < len(s); {
		c := s[i]
		var isU, isL bool
		if c < utf8.RuneSelf {
			cl := asciiClass[c]
			isU = cl&cUpper != 0
			isL = cl&cLetter != 0 && !isU
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			isU = unicode.IsUpper(r) || unicode.IsTitle(r)
			isL = unicode.IsLower(r)
			i += size
		}
		if isU || isL {
			if n == 0 {
				firstUpper = isU
			}
			n++
		}
		if isU {
			upper++
		} else if isL {
			lower++
		}
	}
	switch {
	case n == 0:
		return NoLetters
	case upper == 0:
		return Lower
	case lower == 0:
		return Upper
	case firstUpper && upper == 1:
		return Title
	}
	return Mixed
}

// scanEmoticon returns the end of an ASCII emoticon (":)", ":-(", ";)",
// ":D", "<3", ...) at i, or i. An emoticon must stand alone: followed by
// a space, the end, or punctuation.
func scanEmoticon(text string, i int) int {
	for _, e := range [...]string{":-)", ":-(", ":-D", ":-P", ":-/", ":'(", ":')", ":)", ":(", ":D", ":P", ":p", ":/", ":|", ";)", ";-)", "=)", "=(", "<3", ":O", ":o"} {
		if strings.HasPrefix(text[i:], e) {
			j := i + len(e)
			if j == len(text) {
				return j
			}
			c := text[j]
			if c < utf8.RuneSelf && (asciiClass[c]&(cSpace|cPunct) != 0) && c != '/' {
				return j
			}
		}
	}
	return i
}

// scanKeycap returns the end of a keycap emoji ("#️⃣", "1️⃣") at i, or i.
func scanKeycap(text string, i int) int {
	j := i + 1
	if strings.HasPrefix(text[j:], "\uFE0F") {
		j += len("\uFE0F")
	}
	if strings.HasPrefix(text[j:], "\u20E3") {
		return j + len("\u20E3")
	}
	return i
}
