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
	slot := &c.entries[h&(cacheSize-1)]
	if e := slot.Load(); e != nil && e.mode == mode && sameWord(e.word, word, e.packed, packed) {
		return e
	}
	alt := &c.entries[(h^1)&(cacheSize-1)]
	if e := alt.Load(); e != nil && e.mode == mode && sameWord(e.word, word, e.packed, packed) {
		return e
	}
	if slot.Load() != nil {
		slot = alt
	}
	e := c.make(word, mode)
	e.packed = packed
	slot.Store(e)
	return e
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
