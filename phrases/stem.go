package phrases

import (
	"math/rand/v2"
	"strings"
	"sync/atomic"

	"github.com/kljensen/snowball/english"
)

// Stem returns the stem of a normalised word: the English snowball stem,
// with irregular and British forms that snowball misses mapped first
// ("felt" → "feel", "understood" → "understand", "apologise" → "apolog").
// Stem is slow (about a microsecond a word); an [Analyzer] caches it.
func Stem(norm string) string {
	if norm == "" {
		return ""
	}
	if lemma := irregular(norm); lemma != "" {
		norm = lemma
	}
	if strings.IndexByte(norm, '-') > 0 {
		// Stem each part of a hyphenated word: "follow-ups" → "follow-up".
		parts := strings.Split(norm, "-")
		for i, p := range parts {
			parts[i] = english.Stem(p, true)
		}
		return strings.Join(parts, "-")
	}
	return english.Stem(britishToAmerican(norm), true)
}

// britishToAmerican maps -ise verb forms to -ize, so both spellings stem
// alike. Short words ("wise", "rise", "noise") are left alone.
func britishToAmerican(w string) string {
	if len(w) < 7 {
		return w
	}
	for _, suf := range [...]string{"isation", "isations", "ised", "ises", "ising", "ise"} {
		if strings.HasSuffix(w, suf) {
			stem := w[:len(w)-len(suf)]
			switch stem {
			case "adv", "compr", "desp", "exerc", "prem", "superv", "surpr", "merchand", "enterpr", "franch", "comprom", "prec", "conc", "exp", "otherw", "likew", "improv", "telev", "rev", "dev":
				return w
			}
			return stem + "iz" + suf[2:]
		}
	}
	return w
}

// irregular maps irregular verb and adjective forms to the form snowball
// stems like their base. It is a switch, not a map, so it costs nothing
// at start-up.
func irregular(w string) string {
	switch w {
	case "am", "is", "are", "was", "were", "been", "being", "be":
		return "be"
	case "has", "had", "having":
		return "have"
	case "does", "did", "done":
		return "do"
	case "went", "gone":
		return "go"
	case "felt":
		return "feel"
	case "understood":
		return "understand"
	case "misunderstood":
		return "misunderstand"
	case "bought":
		return "buy"
	case "brought":
		return "bring"
	case "thought":
		return "think"
	case "sought":
		return "seek"
	case "taught":
		return "teach"
	case "caught":
		return "catch"
	case "paid":
		return "pay"
	case "said":
		return "say"
	case "sent":
		return "send"
	case "spent":
		return "spend"
	case "lent":
		return "lend"
	case "meant":
		return "mean"
	case "made":
		return "make"
	case "took", "taken":
		return "take"
	case "gave", "given":
		return "give"
	case "got", "gotten":
		return "get"
	case "forgot", "forgotten":
		return "forget"
	case "came":
		return "come"
	case "became":
		return "become"
	case "saw", "seen":
		return "see"
	case "knew", "known":
		return "know"
	case "told":
		return "tell"
	case "sold":
		return "sell"
	case "held":
		return "hold"
	case "heard":
		return "hear"
	case "kept":
		return "keep"
	case "left":
		return "leave"
	case "lost":
		return "lose"
	case "found":
		return "find"
	case "spoke", "spoken":
		return "speak"
	case "broke", "broken":
		return "break"
	case "wrote", "written":
		return "write"
	case "chose", "chosen":
		return "choose"
	case "froze", "frozen":
		return "freeze"
	case "stole", "stolen":
		return "steal"
	case "began", "begun":
		return "begin"
	case "ran":
		return "run"
	case "sat":
		return "sit"
	case "met":
		return "meet"
	case "led":
		return "lead"
	case "fed":
		return "feed"
	case "fell", "fallen":
		return "fall"
	case "drove", "driven":
		return "drive"
	case "rode", "ridden":
		return "ride"
	case "shook", "shaken":
		return "shake"
	case "wore", "worn":
		return "wear"
	case "tore", "torn":
		return "tear"
	case "threw", "thrown":
		return "throw"
	case "grew", "grown":
		return "grow"
	case "flew", "flown":
		return "fly"
	case "drew", "drawn":
		return "draw"
	case "hung":
		return "hang"
	case "stuck":
		return "stick"
	case "won":
		return "win"
	case "dealt":
		return "deal"
	case "built":
		return "build"
	case "shipped":
		return "ship"
	case "apologise", "apologised", "apologises", "apologising":
		return "apologize"
	case "apologies":
		return "apology"
	case "sympathise", "sympathised", "sympathises", "sympathising":
		return "sympathize"
	case "empathise", "empathised", "empathises", "empathising":
		return "empathize"
	case "realise", "realised", "realises", "realising":
		return "realize"
	case "recognise", "recognised", "recognises", "recognising":
		return "recognize"
	case "prioritise", "prioritised", "prioritises", "prioritising":
		return "prioritize"
	case "cancelled", "cancelling":
		return "cancel"
	case "behaviour", "behaviours":
		return "behavior"
	case "colour", "colours":
		return "color"
	case "favour", "favours":
		return "favor"
	case "honour", "honours":
		return "honor"
	case "centre", "centres":
		return "center"
	case "better", "best":
		return "good"
	case "worse", "worst":
		return "bad"
	case "children":
		return "child"
	case "people":
		return "person"
	case "men":
		return "man"
	case "women":
		return "woman"
	}
	return ""
}

// wordCache is a fixed-size, two-way set-associative, lock-free cache
// from a normalised word to its stem. Entries are immutable once
// published, so readers never see a half-written one; a miss replaces the
// entry of the pair that the word's hash does not prefer, or the preferred
// one when that is empty. It is safe for concurrent use.
type wordCache struct {
	seed    uint64
	entries [cacheSize]atomic.Pointer[cacheEntry]
}

// cacheSize is the number of entries of a cache: 64Ki pointers, 512 KiB.
const cacheSize = 1 << 16

type cacheEntry struct {
	word, stem string
	packed     uint64 // word packed by hashWord
}

func newWordCache() *wordCache {
	return &wordCache{seed: rand.Uint64()}
}

// stem returns the stem of norm, from the cache when it is there.
func (c *wordCache) stem(norm string) string {
	h, packed := hashWord(norm, c.seed)
	slot := &c.entries[h&(cacheSize-1)]
	if e := slot.Load(); e != nil && sameWord(e.word, norm, e.packed, packed) {
		return e.stem
	}
	alt := &c.entries[(h^1)&(cacheSize-1)]
	if e := alt.Load(); e != nil && sameWord(e.word, norm, e.packed, packed) {
		return e.stem
	}
	if slot.Load() != nil {
		// Keep the older entry where it is preferred; use the other way.
		slot = alt
	}
	stem := Stem(norm)
	// The cache must not keep the caller's (possibly huge) text alive.
	word := strings.Clone(norm)
	if stem == norm {
		stem = word
	} else {
		stem = strings.Clone(stem)
	}
	slot.Store(&cacheEntry{word: word, stem: stem, packed: packed})
	return stem
}
