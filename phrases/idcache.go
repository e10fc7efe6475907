package phrases

import (
	"hash/maphash"
	"strings"
	"sync/atomic"
)

// idCache caches, for one Matcher, a normalised word's stem and its key
// ids in the Matcher's vocabulary, so analysing and matching a token costs
// one hash lookup. Like wordCache it is two-way set-associative and lock-free, and
// safe for concurrent use.
type idCache struct {
	seed    maphash.Seed
	m       *Matcher
	entries [cacheSize]atomic.Pointer[idEntry]
}

type idEntry struct {
	word   string
	stem   string
	isWord bool
	norm   int32 // key id of the normalised form, 0 when no pattern has it
	cue    bool  // the form is one of the Matcher's negation cues
	stop   bool  // the form ends a negation scope
	stemID int32 // key id of the stem, 0 when no pattern has it
}

// get returns the entry for a normalised form; isWord says whether the
// token is a Word, whose stem is looked up too.
func (c *idCache) get(norm string, isWord bool) *idEntry {
	h := maphash.String(c.seed, norm)
	slot := &c.entries[h&(cacheSize-1)]
	if e := slot.Load(); e != nil && e.word == norm && e.isWord == isWord {
		return e
	}
	alt := &c.entries[(h^1)&(cacheSize-1)]
	if e := alt.Load(); e != nil && e.word == norm && e.isWord == isWord {
		return e
	}
	if slot.Load() != nil {
		slot = alt
	}
	e := &idEntry{word: strings.Clone(norm), isWord: isWord}
	e.stem = e.word
	e.norm = c.m.normIDs[norm]
	e.cue = c.m.cues[norm]
	e.stop = scopeStop(norm)
	if isWord {
		e.stem = c.m.an.words().stem(norm)
		e.stemID = c.m.stemIDs[e.stem]
	}
	slot.Store(e)
	return e
}
