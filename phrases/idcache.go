package phrases

import (
	"strings"
	"sync/atomic"
)

// idCache caches, for one Matcher, a normalised word's stem and its key
// ids in the Matcher's vocabulary, so analysing and matching a token costs
// one hash lookup. Like wordCache it is two-way set-associative and lock-free, and
// safe for concurrent use.
type idCache struct {
	seed    uint64
	m       *Matcher
	entries [cacheSize]atomic.Pointer[idEntry]
}

type idEntry struct {
	word   string
	packed uint64 // word packed by hashWord
	stem   string
	mode   uint8 // what word is: see the entry modes
	// chat is set for a Word's normalised form that the tokenizer does not
	// keep as it is when it is a word's surface: a chat spelling ("u",
	// "dont"). The tokenizer looks a lower-case word up before it knows
	// its normalised form, and takes the entry only when chat is not set.
	chat bool
	// keys are the token keys that word decides: the key ids of the
	// normalised form and its stem, the negation flags, the classes the
	// form decides (a number word, a time), and, for a token whose surface is
	// its normalised form, the exact key id. keysFor adds what the token's
	// kind and surface decide.
	keys tokKeys
}

// The entry modes: an entry is looked up by the string and its mode.
const (
	modeOther   uint8 = iota // the normalised form of a token that is not a Word
	modeWord                 // the normalised form of a Word, which has a stem
	modeSurface              // a surface that differs from its normalised form: only exact is set
)

// lookup returns the entry for word in the mode, making it on a miss.
func (c *idCache) lookup(word string, mode uint8) *idEntry {
	h, packed := hashWord(word, c.seed)
	return c.lookupHashed(h, packed, word, mode, false)
}

// lookupFolded is lookup of w lower-cased, as a Word's normalised form,
// for w of one to eight ASCII letters. It lower-cases w only on a miss.
func (c *idCache) lookupFolded(w string) *idEntry {
	h, packed := hashFolded(w, c.seed)
	return c.lookupHashed(h, packed, w, modeWord, true)
}

// lookupHashed is lookup given word's hash and packed form; with fold
// set, the entry is word's lower case's, whose length and packed form
// word's are.
func (c *idCache) lookupHashed(h, packed uint64, word string, mode uint8, fold bool) *idEntry {
	slot := &c.entries[h&(cacheSize-1)]
	if e := slot.Load(); e != nil && e.mode == mode && sameWord(e.word, word, e.packed, packed) {
		return e
	}
	alt := &c.entries[(h^1)&(cacheSize-1)]
	if e := alt.Load(); e != nil && e.mode == mode && sameWord(e.word, word, e.packed, packed) {
		return e
	}
	if slot.Load() != nil {
		// Keep the older entry where it is preferred; use the other way.
		slot = alt
	}
	if fold {
		word = strings.ToLower(word)
	}
	e := c.make(word, mode)
	e.packed = packed
	slot.Store(e)
	return e
}

// exactOf returns the exact key id of a surface; the Matcher's exact forms
// are usually few, and then compared one by one.
func (c *idCache) exactOf(surface string) int32 {
	m := c.m
	switch {
	case m.exactIDs == nil:
		return 0
	case len(m.exactFew) > 0:
		for _, x := range m.exactFew {
			if x.form == surface {
				return x.id
			}
		}
		return 0
	}
	return c.lookup(surface, modeSurface).keys.exact
}

func (c *idCache) make(word string, mode uint8) *idEntry {
	m := c.m
	e := &idEntry{word: strings.Clone(word), mode: mode}
	k := &e.keys
	k.exact = m.exactIDs[word]
	if mode == modeSurface {
		return e
	}
	e.stem = e.word
	k.norm = m.normIDs[word]
	k.cue = m.cues[word]
	k.stop = scopeStop(word)
	k.known = decidedClasses
	if mode == modeWord {
		e.chat = isChat(word)
		e.stem = m.an.words().stem(word)
		k.stem = m.stemIDs[e.stem]
		if numberWord(word) {
			k.classes |= 1 << classNumber
		}
	}
	if isTime(word) {
		k.classes |= 1 << classTime
	}
	return e
}

// casedKeys sets the keys k of a Word token with upper-case letters, which
// emitKeyed took from the entry of its lower case, as keysFor does: the
// exact form is the surface's, and a capitalised word may be a name.
func (c *idCache) casedKeys(k *tokKeys, surface string, shape Shape) {
	k.exact = c.exactOf(surface)
	if shape == Title {
		k.known &^= 1 << className
	}
}
