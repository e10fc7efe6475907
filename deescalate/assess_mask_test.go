package deescalate

import "testing"

func TestMaskStopTable(t *testing.T) {
	for c := 0; c < 256; c++ {
		want := !(isASCIILetter(byte(c)) || !maskRunByte(byte(c)))
		if maskStop[c] != want {
			t.Errorf("maskStop[%q] = %v, want %v", c, maskStop[c], want)
		}
	}
}

// needsRewriteRef is the plain form of needsRewrite: a '#', or a letter
// three times in a row.
func needsRewriteRef(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' {
			return true
		}
		if i >= 2 && isASCIILetter(s[i]) && s[i] == s[i-1] && s[i] == s[i-2] {
			return true
		}
	}
	return false
}

func TestNeedsRewrite(t *testing.T) {
	for _, s := range []string{"", "a", "aa", "aaa", "xaaa", "aaax", "xaaax", "xxaaa", "sooo", "soo", "AAA", "aAa",
		"!!!", "111", "I'm fine", "#tag", "a#", "hmmm ok", "ok hmmm", "booked a room", "zzz", "éééé"} {
		if got, want := needsRewrite(s), needsRewriteRef(s); got != want {
			t.Errorf("needsRewrite(%q) = %v, want %v", s, got, want)
		}
	}
}

func FuzzNeedsRewrite(f *testing.F) {
	for _, s := range []string{"sooo", "xaaax", "booked", "#x", "abcabc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := needsRewrite(s), needsRewriteRef(s); got != want {
			t.Errorf("needsRewrite(%q) = %v, want %v", s, got, want)
		}
	})
}
