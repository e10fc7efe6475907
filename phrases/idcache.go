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
	norm   int32 // key id of the normalised form, 0 when no pattern has it
	cue    bool  // the form is one of the Matcher's negation cues
	stop   bool  // the form ends a negation scope
	stemID int32 // key id of the stem, 0 when no pattern has it
	// exact is the key id of word as an exact form: a token whose surface
	// is its normalised form has it as its exact key.
	exact int32
	// classes has the bits of the classes that the token's kind and
	// normalised form decide alone (see normClasses).
	classes uint16
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
	e.exact = m.exactIDs[word]
	if mode == modeSurface {
		return e
	}
	e.stem = e.word
	e.norm = m.normIDs[word]
	e.cue = m.cues[word]
	e.stop = scopeStop(word)
	if mode == modeWord {
		e.stem = m.an.words().stem(word)
		e.stemID = m.stemIDs[e.stem]
		if numberWord(word) {
			e.classes |= 1 << classNumber
		}
	}
	if isTime(word) {
		e.classes |= 1 << classTime
	}
	return e
}
