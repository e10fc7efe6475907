package phrases_test

import (
	"errors"
	"fmt"

	"github.com/empathy-go/empathy/phrases"
)

func ExampleAnalyzer_Analyze() {
	a := phrases.NewAnalyzer()
	d := a.Analyze("I’m sorry, Maria. We can't refund it.")
	for i, t := range d.Tokens {
		fmt.Printf("%2d-%-2d %-8q norm=%-8q stem=%-7q %-5v sentence %d\n", t.Start, t.End, d.Surface(i), t.Norm, t.Stem, t.Kind, t.Sentence)
	}
	// Output:
	//  0-1  "I"      norm="i"      stem="i"     word  sentence 0
	//  1-5  "’m"     norm="am"     stem="be"    word  sentence 0
	//  6-11 "sorry"  norm="sorry"  stem="sorri" word  sentence 0
	// 11-12 ","      norm=","      stem=","     punct sentence 0
	// 13-18 "Maria"  norm="maria"  stem="maria" word  sentence 0
	// 18-19 "."      norm="."      stem="."     punct sentence 0
	// 20-22 "We"     norm="we"     stem="we"    word  sentence 1
	// 23-25 "ca"     norm="can"    stem="can"   word  sentence 1
	// 25-28 "n't"    norm="not"    stem="not"   word  sentence 1
	// 29-35 "refund" norm="refund" stem="refund" word  sentence 1
	// 36-38 "it"     norm="it"     stem="it"    word  sentence 1
	// 38-39 "."      norm="."      stem="."     punct sentence 1
}

func ExampleCompile() {
	p, err := phrases.Compile("i [am] {so sorry} for ..3 ~inconvenience")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p)
	fmt.Println("uses tags:", p.UsesTags())
	// Output:
	// i [am] {so sorry} for ..3 ~inconvenience
	// uses tags: false
}

func ExampleCompile_error() {
	_, err := phrases.Compile("sorry for the @VBX")
	fmt.Println(err)
	var e *phrases.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code == phrases.ErrUnknownTag, e.Offset, e.Detail)
		fmt.Println(e.Caret())
	}
	// Output:
	// phrases: unknown tag "VBX" at offset 15
	// true 15 VBX
	// sorry for the @VBX
	//                ^
}

func ExampleNewMatcher() {
	m, err := phrases.NewMatcher([]phrases.Rule{
		{Label: "apology", Pattern: phrases.MustCompile("i am [so | very] sorry")},
		{Label: "validate", Pattern: phrases.MustCompile("i understand {why you are upset}")},
		{Label: "refund", Pattern: phrases.MustCompile("(refund | store credit)")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := m.Analyze("I'm so sorry. I understand why you're upset, and I can't refund it.")
	for _, mt := range m.Match(d) {
		fmt.Printf("%-8s %q mark %q negated %v\n", mt.Label, d.Text[mt.Bytes.Start:mt.Bytes.End], d.Text[mt.Mark.Start:mt.Mark.End], mt.Negated)
	}
	// Output:
	// apology  "I'm so sorry" mark "I'm so sorry" negated false
	// validate "I understand why you're upset" mark "why you're upset" negated false
	// refund   "refund" mark "refund" negated true
}

func ExampleMatcher_Match() {
	m, err := phrases.NewMatcher([]phrases.Rule{
		{Label: "sorry", Pattern: phrases.MustCompile("sorry")},
		{Label: "sorry-for", Pattern: phrases.MustCompile("sorry for ..2 delay")},
		{Label: "thanks", Pattern: phrases.MustCompile("thank you ..1 !(for nothing)")},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := m.Analyze("Sorry for the delay! I'm not sorry. Thank you for nothing.")
	for _, mt := range m.Match(d) {
		fmt.Printf("%s tokens %v bytes %v %q negated=%v\n", mt.Label, mt.Tokens, mt.Bytes, d.Text[mt.Bytes.Start:mt.Bytes.End], mt.Negated)
	}
	// MatchAll also reports the shorter "sorry" inside the first match.
	fmt.Println(len(m.MatchAll(d)), "with MatchAll")
	// Output:
	// sorry-for tokens {0 4} bytes {0 19} "Sorry for the delay" negated=false
	// sorry tokens {8 9} bytes {29 34} "sorry" negated=true
	// thanks tokens {10 12} bytes {36 45} "Thank you" negated=true
	// 4 with MatchAll
}

func ExampleParseList() {
	src := `# apologies
i am sorry
~apologize   # any form: apologise, apologies, ...

sorry @VBX
(refund | credit
`
	pats, err := phrases.ParseList(src)
	for _, p := range pats {
		fmt.Println("ok:", p)
	}
	var list phrases.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Println(e)
			fmt.Println(e.Caret())
		}
	}
	// Output:
	// ok: i am sorry
	// ok: ~apologize
	// phrases: line 5: unknown tag "VBX" at offset 7
	// sorry @VBX
	//        ^
	// phrases: line 6: missing closing bracket ")" at offset 0
	// (refund | credit
	// ^
}
