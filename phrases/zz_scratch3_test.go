package phrases

import (
	"fmt"
	"os"
	"testing"
)

func show(pat, text string, opts ...Option) {
	p, err := Compile(pat)
	if err != nil {
		fmt.Printf("%q: %v\n", pat, err)
		return
	}
	m, _ := NewMatcher([]Rule{{"r", p}}, opts...)
	d := m.Analyze(text)
	fmt.Printf("%q on %q:", pat, text)
	for _, mt := range m.MatchAll(d) {
		fmt.Printf(" [%q tok%v mark%q neg=%v]", text[mt.Bytes.Start:mt.Bytes.End], mt.Tokens, text[mt.Mark.Start:mt.Mark.End], mt.Negated)
	}
	fmt.Println()
}

func TestZZ3(t *testing.T) {
	if os.Getenv("SCRATCH3") == "" {
		t.Skip()
	}
	show("sorry ..2 ?", "sorry?")
	show("sorry ..2 ?", "sorry it is?")
	show(`"?"`, "Really?")
	show(`"?" | ?`, "Really?")
	show("<name> <name>", "I spoke to Mr. Chen today")
	show("<name>", "I spoke to Mr. Chen today")
	show("a | b ..2", "a b")
	show("b ..2", "a b")
	show("thanks | thank you ..1 !(for nothing)", "thank you so for nothing")
	show("(thanks | thank you) ..1 !(for nothing)", "thank you so for nothing")
	show("~apologize enough", "I can't apologize enough")
	show("i can't ~apologize enough", "I can't apologize enough")
	show("sorry", "I can't tell you how sorry I am")
	show("sorry", "I'm not sorry")
	show("understand why you are upset", "I don't understand why you're upset")
	show("~apologize", "apologised apologizing apologies apology apologize apologise")
	show("i am sorry", "I'm sorry. i’m sorry. I am sorry. IM SORRY")
	show("sorry but", "sorry, but")
	show("how can i help ?", "How can I help? How can I help you?")
	show("{why you are upset}", "I know why you're upset")
	show("sorry {..2} for", "sorry about that for")
	show("sorry {..2} for", "sorry for")
	show("{sorry ..2} for", "sorry about that for")
	show("<number> items", "three items, 3 items, 1,200 items, dozen items")
	show("!(not | never) ..2 sorry", "not really very sorry. never, sorry. not sorry")
	show("thank you ..1 !(for nothing)", "thank you for nothing. thank you so much. thank you very for nothing")
	show("sorry", "I'm not sorry", WithNegation(nil, 0))
	show(`"Thank You"`, "thank you. Thank You")
}
