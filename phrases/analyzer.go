package phrases

import "sync"

// An Analyzer turns text into a [Doc]: tokens with offsets, normalised
// forms and stems, and sentences. It caches stems (a fixed-size cache of
// 65,536 words, about 512 KiB of slots), which is what makes analysis fast.
//
// An Analyzer is safe for concurrent use by multiple goroutines. The zero
// value is ready to use.
type Analyzer struct {
	once  sync.Once
	cache *wordCache
}

// NewAnalyzer returns a ready Analyzer.
func NewAnalyzer() *Analyzer {
	a := new(Analyzer)
	a.words()
	return a
}

func (a *Analyzer) words() *wordCache {
	a.once.Do(func() { a.cache = newWordCache() })
	return a.cache
}

// Analyze tokenizes text and returns the analysed document. Any input is
// accepted: invalid UTF-8 bytes and control characters separate tokens and
// are never part of one.
func (a *Analyzer) Analyze(text string) *Doc {
	d := new(Doc)
	a.AnalyzeInto(d, text)
	return d
}

// AnalyzeInto analyses text into d, reusing d's memory. Tokens and
// sentences from an earlier use of d are discarded; slices returned by
// earlier calls must not be used afterwards.
func (a *Analyzer) AnalyzeInto(d *Doc, text string) {
	tokenize(d, text)
	c := a.words()
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind == Word {
			t.Stem = c.stem(t.Norm)
		} else {
			t.Stem = t.Norm
		}
	}
}
