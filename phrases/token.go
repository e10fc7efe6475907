package phrases

import "strconv"

// Kind says what sort of thing a token is.
type Kind uint8

// The kinds of token.
const (
	Word    Kind = iota // letters, digits mixed with letters, hyphenated words, contractions' parts
	Number              // digits with separators ("19.99", "1,200"); number words are Word
	Punct               // punctuation: . , ! ? ; : ' " ( ) [ ] - and the like
	Symbol              // other symbols: $ % & + = / * and the like
	Email               // an e-mail address
	URL                 // a web address, with or without a scheme
	Phone               // a phone number, possibly with spaces inside
	Mention             // an @handle
	Hashtag             // a #tag
	Emoji               // an emoji or a pictographic symbol
)

var kindNames = [...]string{"word", "number", "punct", "symbol", "email", "url", "phone", "mention", "hashtag", "emoji"}

// String returns the kind's lower-case name, as used in the <class> syntax.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Token is one token of an analysed text.
type Token struct {
	// Start and End are byte offsets into the analysed text:
	// text[Start:End] is the token's surface. They are always on rune
	// boundaries, and tokens are in order and never overlap.
	Start, End int
	// Norm is the normalised form: lower case, quotes folded, contractions
	// expanded ("'m" → "am", "n't" → "not").
	Norm string
	// Stem is the snowball stem of Norm, irregular forms mapped.
	Stem string
	// Tag is the part-of-speech tag (Penn Treebank); empty until the
	// document is tagged.
	Tag string
	// Sentence is the index of the token's sentence in Doc.Sentences.
	Sentence int
	// Kind is the sort of token.
	Kind Kind
	// Shape records the token's case: see the Shape constants.
	Shape Shape
}

// Shape describes the letter case of a token's surface.
type Shape uint8

// Token shapes.
const (
	NoLetters Shape = iota // no cased letters ("123", "!", "日本")
	Lower                  // all cased letters are lower case ("sorry")
	Title                  // the first letter is upper case, the rest lower ("Sorry")
	Upper                  // every cased letter is upper case ("SORRY", "I")
	Mixed                  // anything else ("iPhone", "McDonald")
)

// Sentence is a span of a document.
type Sentence struct {
	// Start and End are byte offsets into the text.
	Start, End int
	// First and Last are token indexes: Tokens[First:Last] are the
	// sentence's tokens.
	First, Last int
}

// Doc is an analysed text: its tokens and sentences.
//
// A Doc is not safe for concurrent use: tagging writes to it.
type Doc struct {
	// Text is the analysed input, unchanged.
	Text      string
	Tokens    []Token    // the tokens, in text order
	Sentences []Sentence // the sentences, in text order; every token is in one

	tagged bool
	norms  []byte    // backing store for normalised forms that differ from the surface
	refs   []normRef // scratch for tokenize

	keys     []tokKeys // key ids of the tokens in keyOwner's vocabulary
	unkeyed  []int32   // the tokens whose keys tokenizeWith left to keysFor
	keyOwner *Matcher
}

// Surface returns the text of token i.
func (d *Doc) Surface(i int) string {
	t := &d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// Tagged reports whether the tokens carry part-of-speech tags.
func (d *Doc) Tagged() bool { return d.tagged }
