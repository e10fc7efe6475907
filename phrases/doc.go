// Package phrases turns text into tokens with byte offsets and finds
// labelled phrase patterns in them, thousands at a time, in one pass.
//
// It knows nothing about customers: it is the text machinery the rubric and
// deescalate packages stand on, and is usable on its own.
//
// # Tokens
//
// An [Analyzer] splits text into [Token] values. Each token keeps the byte
// offsets of its surface in the original input (text[t.Start:t.End] is the
// token, always on rune boundaries), and adds a normalised form, a snowball
// stem and a sentence index. Normalisation never moves offsets:
//
//   - the normalised form is lower case, with curly quotes and apostrophes
//     folded to straight ones;
//   - contractions are split and expanded: "I'm" is the two tokens "I" and
//     "'m" whose normalised forms are "i" and "am"; "can't" is "ca" + "n't"
//     ("can", "not"), "won't" is "wo" + "n't" ("will", "not"), "cannot" is
//     "can" + "not"; 've, 'll, 'd and 're become "have", "will", "would" and
//     "are"; 's after a pronoun (it, that, there, what, he, she, ...) becomes
//     "is" ("let's" gives "us"), and after other words it stays "'s";
//     before "been" or "got", 's is "has" and 'd is "had" ("it's been",
//     "you'd got"), and "'d better" is "had better";
//   - the apostrophe-less chat forms dont, cant, im, ive, youre, thats and
//     their kin are split the same way; gonna, wanna and gotta become
//     "going to", "want to" and "got to";
//   - stems come from the English snowball stemmer, with a table of irregular
//     and British forms it misses, so "felt" stems like "feel", "understood"
//     like "understand", "apologise" like "apologize", "was" like "be";
//     other British -ise verbs of seven letters or more stem like -ize ones.
//
// Where words split follows prose v2's tokenizer (github.com/jdkato/prose),
// repaired where it is wrong: it drops the word after a contraction that is
// followed by punctuation ("I don't." gives [I do]), does not split "I've"
// or "I'd", rewrites curly quotes so its tokens no longer match the input,
// and keeps no offsets. The tokenizer also recognises e-mail addresses,
// URLs, phone numbers, @mentions, #hashtags, emoji and numbers as single
// tokens of their own [Kind].
//
// Sentences end at . ! ? … and runs of them (an ellipsis followed by a
// lower-case word does not end one); abbreviations (Mr., Dr., e.g., U.S.,
// "No. 5") keep their dot and decimals are one token, so neither ends a
// sentence. A blank line always ends a sentence, and a single line break
// does unless the next line starts with a lower-case letter.
//
// Part-of-speech tags come from prose's averaged-perceptron tagger. They are
// computed only on demand ([Doc.Tag], or a [Matcher] whose patterns use tags);
// the model is loaded once per process, on first use, and shared.
//
// # Patterns
//
// A pattern is one line of text, compiled once with [Compile] like a regular
// expression, but over words rather than characters. Patterns go through the
// same tokenizer as the text they match, so they are written the way people
// write:
//
//	sorry                a word; matches its normalised form, in any case:
//	                     "Sorry", "SORRY"
//	i am sorry           a sequence; matches "I am sorry", "I'm sorry", "i’m sorry"
//	~apologize           a stem: apologize, apologizes, apologised, apologizing
//	"Sorry"              an exact surface form, case and all; the quotes may
//	                     hold several words: "Thank You"
//	?  ,  .  !           punctuation is literal; elsewhere it is skipped
//	(refund | store credit)   alternatives, each one or more words; nest freely
//	[so | very | truly]  optional: one of the alternatives, or nothing
//	{why you are upset}  the marked part of the match, reported as [Match].Mark
//	_                    any one token
//	..3  (or 0..3)       a gap of up to three tokens of any kind
//	1..3                 a gap of one to three tokens
//	@VB                  any token with that part-of-speech tag (Penn
//	                     Treebank: NN, NNS, VB, VBD, JJ, RB, PRP, MD, ...);
//	                     @NOUN, @VERB, @ADJ, @ADV, @PRON are the families
//	book@VB              the word "book" tagged as a verb
//	<number>             a token class: <number>, <time>, <email>, <phone>,
//	                     <url>, <name>, <mention>, <hashtag>, <emoji>, <word>,
//	                     <punct>
//	!(not | never) ..2 sorry   negation, looking behind: see below
//	sorry ..2 !(not)           negation, looking ahead
//	\(  \[  \{  \|  \"  \~  \@  \<  \!  \_  \\   a character the language
//	                     uses, taken literally
//
// Punctuation in the text is transparent: "sorry but" matches "sorry, but".
// A pattern that names punctuation needs it there: "how can i help ?" matches
// only the question. Gaps and _ count words, numbers and other tokens but
// never punctuation. A match never crosses a sentence boundary, so a run of
// words that holds a sentence end ("thanks . bye") is an error. A gap may
// not open or close a pattern.
//
// <number> matches digits ("3", "19.99", "1,200") and number words ("three",
// "twenty", "dozen"); <time> matches clock times ("3pm", "5:30pm", "17:00",
// "noon"; in "4 p.m." the number); <name> matches a capitalised word that is not the first
// word of its sentence and not a common function word (a person-like name:
// "Maria", in "Mr. Chen" only "Chen" is a <name>); <phone> matches numbers such
// as "555-123-4567", "+44 20 7946 0958" and "(555) 123-4567", which the
// tokenizer keeps as one token.
//
// # Negation
//
// Negation never changes what matches; it marks a match as negated, so a
// caller can tell "I'm sorry" from "I'm not sorry" instead of losing one.
// Every [Matcher] applies a default scope: a match whose first token comes
// within three words after a negation cue (not, n't, never, no, nobody,
// nothing, none, neither, nor, hardly, without, nowhere) in the same clause
// is negated. So "I don't understand why you're upset", matched by
// "understand why you are upset", is negated, and so is "I'm not sorry"
// matched by "sorry"; "I can't tell you how sorry I am" is not, because the
// cue stands four words before "sorry"; and a cue inside the match ("there
// is nothing i can do") never negates it. A comma, semicolon, colon, dash,
// bracket, "but" or "however" ends a clause. [WithNegation] replaces the
// cues or the window.
//
// A pattern may add its own look-behind at its start, "!(alternatives)"
// optionally followed by a gap, and its own look-ahead at its end, a gap
// optionally followed by "!(alternatives)". "!(not | never) ..2 sorry" is
// negated when "not" or "never" stands up to two tokens before "sorry";
// "thank you ..1 !(for nothing)" is negated when "for nothing" follows.
//
// # Matching
//
// [NewMatcher] compiles many labelled [Rule] values into one [Matcher]: a trie
// over token keys, walked once from left to right. Its cost grows with the
// number of tokens and with the partial matches alive at each token, not
// with the number of patterns as such, and it never backtracks: a set of
// 10,000 literal phrases costs about 1.2 times a set of 100 on the same
// text; patterns with many gaps and stems keep more partial matches alive
// and cost more. [Matcher.Match] returns the leftmost-longest matches that do
// not overlap; [Matcher.MatchAll] returns, for every rule and every start
// token, the longest match.
//
// A pattern expands to at most [MaxAlternatives] alternative sequences, and
// nests groups at most [MaxDepth] deep; larger ones are rejected with an
// [*Error].
//
// # Lexicon files
//
// [ParseList] reads a file with one pattern per line, # comments and blank
// lines, and reports every bad line at once.
//
// # Concurrency
//
// [Pattern], [Matcher] and [Analyzer] values are safe for concurrent use by
// multiple goroutines. A [Doc] is not: it belongs to the goroutine that
// made it, and [Doc.Tag] (or matching it against patterns that use tags)
// writes to it.
package phrases
