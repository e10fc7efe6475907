package phrases

import (
	"fmt"
	"os"
	"testing"
)

func TestZZ4(t *testing.T) {
	if os.Getenv("SCRATCH4") == "" {
		t.Skip()
	}
	m, _ := NewMatcher([]Rule{{"sorry", MustCompile("sorry")}, {"thanks", MustCompile("thanks")}})
	d := m.Analyze("so sorry")
	fmt.Println(m.Match(d))
	NewAnalyzer().AnalyzeInto(d, "many thanks")
	fmt.Println(m.Match(d))
	// different token count
	NewAnalyzer().AnalyzeInto(d, "thanks")
	fmt.Println(m.Match(d))
	// Doc.Tagged
	m2, _ := NewMatcher([]Rule{{"v", MustCompile("@VB")}})
	d2 := NewAnalyzer().Analyze("please help me")
	fmt.Println(d2.Tagged(), m2.Match(d2), d2.Tagged())
	d3 := NewAnalyzer().Analyze("please help me")
	m.Match(d3)
	fmt.Println(d3.Tagged())
	// marks nondeterminism
	show("a ..2 {b} ..1 b", "a b b b")
	show("[{x}] y", "x y")
	show("sorry [{very}] much", "sorry much")
}
