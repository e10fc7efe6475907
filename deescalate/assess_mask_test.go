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
