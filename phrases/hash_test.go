package phrases

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestSameWord checks the packed comparison of the word caches against ==
// on short strings that differ in one byte, in length, or not at all.
func TestSameWord(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	alphabet := "ab\x00\xff'é"
	word := func() string {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	const seed = 12345
	for range 200000 {
		a := word()
		b := word()
		if r.IntN(3) == 0 {
			b = a
		} else if r.IntN(2) == 0 && len(a) > 0 {
			c := []byte(a)
			c[r.IntN(len(c))] ^= 1
			b = string(c)
		}
		ha, pa := hashWord(a, seed)
		hb, pb := hashWord(b, seed)
		if got := sameWord(a, b, pa, pb); got != (a == b) {
			t.Fatalf("sameWord(%q, %q) = %v", a, b, got)
		}
		if a == b && ha != hb {
			t.Fatalf("hashWord(%q) differs between calls", a)
		}
	}
}

// TestHashWordSpread checks that the words of a vocabulary spread over the
// cache's slots: no slot of 64Ki takes more than a handful of 20,000
// distinct words, as a usable hash must, whether the words are short or
// long, and when long words differ only in their middle.
func TestHashWordSpread(t *testing.T) {
	for _, form := range []string{"w%s", "under%sstanding", "pre%s", "%s-the-counter"} {
		counts := make(map[uint64]int)
		worst := 0
		for i := range 20000 {
			mid := string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26))
			if i >= 17576 {
				mid += "x"
			}
			h, _ := hashWord(strings.Replace(form, "%s", mid, 1), 99)
			s := h & (cacheSize - 1)
			counts[s]++
			worst = max(worst, counts[s])
		}
		if worst > 6 {
			t.Errorf("%s: a slot takes %d of 20,000 words", form, worst)
		}
	}
}

// TestHashFolded checks that hashFolded of a word of ASCII letters, in any
// case, is hashWord of its lower case, hash and packed form alike.
func TestHashFolded(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	for range 100000 {
		b := make([]byte, 1+r.IntN(8))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		w := string(b)
		h, p := hashFolded(w, 77)
		wh, wp := hashWord(strings.ToLower(w), 77)
		if h != wh || p != wp {
			t.Fatalf("hashFolded(%q) = %x, %x; hashWord of its lower case = %x, %x", w, h, p, wh, wp)
		}
	}
}
