package phrases

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// Each pattern's expanded sequences, as renderChains writes them.
var compileTests = []struct {
	pattern, want string
}{
	{"sorry", "sorry"},
	{"SORRY", "sorry"},
	{"i am sorry", "i am sorry"},
	{"I'm sorry", "i am sorry"},
	{"i’m sorry", "i am sorry"},
	{"can't", "can not"},
	{"cannot", "can not"},
	{"dont", "do not"},
	{"gonna", "going to"},
	{"~apologize", "~apolog"},
	{"~apologised", "~apolog"},
	{"~Felt", "~feel"},
	{"~follow-ups", "~follow-up"},
	{"~sorry,", "~sorri ,"},
	{`"Sorry"`, `"Sorry"`},
	{`"Thank You"`, `"Thank" "You"`},
	{`"I'm"`, `"I" "'m"`},
	{`"a\"b"`, `"a" """ "b"`},
	{"how can i help ?", "how can i help ?"},
	{"sorry, but", "sorry , but"},
	{"(refund | store credit)", "refund | store credit"},
	{"[so | very | truly] sorry", "so sorry | very sorry | truly sorry | sorry"},
	{"i [am] [so] sorry", "i am so sorry | i am sorry | i so sorry | i sorry"},
	{"[a] [a] b", "a a b | a b | b"},
	{"((a | b) | (c | (d e)))", "a | b | c | d e"},
	{"i know {why you are upset}", "i know {why you are upset}"},
	{"i know {why}", "i know {why}"},
	{"{sorry} for", "{sorry} for"},
	{"{(a | b c)} d", "{a} d | {b c} d"},
	{"sorry _ for", "sorry 1..1 for"},
	{"sorry _ _ for", "sorry 2..2 for"},
	{"sorry ..3 for", "sorry 0..3 for"},
	{"sorry 0..3 for", "sorry 0..3 for"},
	{"sorry 1..3 for", "sorry 1..3 for"},
	{"sorry ..2 ..3 for", "sorry 0..5 for"},
	{"sorry ..32 for", "sorry 0..32 for"},
	{"sorry ..20 ..20 for", "sorry 0..32 for"},
	{"a [..2] b", "a 0..2 b | a b"},
	{"[x] ..2 b", "x 0..2 b | b"},
	{"a {..2} b", "a {0..2} b"},
	{"@VB", "@VB"},
	{"book@VB", "book@VB"},
	{`"Book"@VB`, `"Book"@VB`},
	{"@PRP$", "@PRP$"},
	{"@NOUN", "@NN,NNS,NNP,NNPS"},
	{"@VERB", "@MD,VB,VBD,VBG,VBN,VBP,VBZ"},
	{"@ADJ", "@JJ,JJR,JJS"},
	{"@ADV", "@RB,RBR,RBS,WRB"},
	{"@PRON", "@PRP,PRP$,WP,WP$"},
	{"<number> items", "<number> items"},
	{"<number>@CD", "<number>@CD"},
	{"<email> <phone> <url> <name> <mention> <hashtag> <emoji> <word> <punct>", "<email> <phone> <url> <name> <mention> <hashtag> <emoji> <word> <punct>"},
	{`\(sorry\)`, "( sorry )"},
	{`\[ \{ \| \~ \< \_ \\`, `[ { | ~ < _ \`},
	{`a \! ..1 !(b)`, "a !"},
	{`sorry \@ you`, "sorry @ you"},
	{`mail me\@example.com`, "mail me@example.com"},
	{"sorry !", "sorry !"},
	{"call 555-123-4567", "call 555-123-4567"},
	{"see example.com/help", "see example.com/help"},
	{"日本語 ok", "日本語 ok"},
	{"  sorry \t ", "sorry"},
	{"!(not | never) ..2 sorry", "sorry"},
	{"thank you ..1 !(for nothing)", "thank you"},
}

// tagInChains finds a tag test in renderChains output.
var tagInChains = regexp.MustCompile(`@[A-Z]`)

func TestCompile(t *testing.T) {
	for _, tt := range compileTests {
		p, err := Compile(tt.pattern)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.pattern, err)
			continue
		}
		if got := renderChains(p.expanded()); got != tt.want {
			t.Errorf("Compile(%q) expands to\n %s\nwant\n %s", tt.pattern, got, tt.want)
		}
		if p.String() != tt.pattern {
			t.Errorf("Compile(%q).String() = %q", tt.pattern, p.String())
		}
		wantTags := tagInChains.MatchString(tt.want)
		if p.UsesTags() != wantTags {
			t.Errorf("Compile(%q).UsesTags() = %v, want %v", tt.pattern, p.UsesTags(), wantTags)
		}
	}
}

// TestCompileLooks checks the look-arounds a pattern carries.
func TestCompileLooks(t *testing.T) {
	tests := []struct {
		pattern        string
		behind, ahead  string // chains of each look, "" when none
		bmin, bmax     int
		amin, amax     int
		wantMarked     bool
		wantBodyChains string
	}{
		{pattern: "!(not | never) ..2 sorry", behind: "not | never", bmax: 2, wantBodyChains: "sorry"},
		{pattern: "!(not) sorry", behind: "not", wantBodyChains: "sorry"},
		{pattern: "!(not) 1..2 sorry", behind: "not", bmin: 1, bmax: 2, wantBodyChains: "sorry"},
		{pattern: "thank you ..1 !(for nothing)", ahead: "for nothing", amax: 1, wantBodyChains: "thank you"},
		{pattern: "thank you !(for nothing | not)", ahead: "for nothing | not", wantBodyChains: "thank you"},
		{pattern: "!(no) {sorry} ..3 !(not)", behind: "no", ahead: "not", amax: 3, wantMarked: true, wantBodyChains: "{sorry}"},
	}
	for _, tt := range tests {
		p, err := Compile(tt.pattern)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.pattern, err)
			continue
		}
		if got := renderChains(p.expanded()); got != tt.wantBodyChains {
			t.Errorf("Compile(%q): body %s, want %s", tt.pattern, got, tt.wantBodyChains)
		}
		check := func(which string, lk *look, want string, min, max int) {
			t.Helper()
			if want == "" {
				if lk != nil {
					t.Errorf("Compile(%q): unexpected look-%s %s", tt.pattern, which, renderChains(lk.chains))
				}
				return
			}
			if lk == nil {
				t.Errorf("Compile(%q): no look-%s", tt.pattern, which)
				return
			}
			if got := renderChains(lk.chains); got != want || lk.min != min || lk.max != max {
				t.Errorf("Compile(%q): look-%s %s %d..%d, want %s %d..%d", tt.pattern, which, got, lk.min, lk.max, want, min, max)
			}
		}
		check("behind", p.behind, tt.behind, tt.bmin, tt.bmax)
		check("ahead", p.ahead, tt.ahead, tt.amin, tt.amax)
		if p.marked != tt.wantMarked {
			t.Errorf("Compile(%q): marked = %v", tt.pattern, p.marked)
		}
	}
}

var compileErrorTests = []struct {
	pattern string
	code    ErrorCode
	offset  int
	detail  string
}{
	{"", ErrEmpty, 0, ""},
	{" \t ", ErrEmpty, 0, ""},
	{"[..2]", ErrMatchesEmpty, 0, ""},
	{"(sorry", ErrMissingClose, 0, ")"},
	{"very [sorry", ErrMissingClose, 5, "]"},
	{"{sorry", ErrMissingClose, 0, "}"},
	{`"sorry`, ErrMissingClose, 0, `"`},
	{"<number", ErrMissingClose, 0, ">"},
	{"!(not sorry", ErrMissingClose, 11, ")"},
	{"sorry)", ErrUnexpected, 5, ")"},
	{"(sorry]", ErrUnexpected, 6, "]"},
	{"sorry]", ErrUnexpected, 5, "]"},
	{"sorry}", ErrUnexpected, 5, "}"},
	{"~ sorry", ErrUnexpected, 1, " "},
	{"~(a | b)", ErrUnexpected, 1, "("},
	{"()", ErrEmptyGroup, 1, ""},
	{"[]", ErrEmptyGroup, 1, ""},
	{"{}", ErrEmptyGroup, 1, ""},
	{"(a |)", ErrEmptyGroup, 4, ""},
	{"a || b", ErrEmptyGroup, 3, ""},
	{"| a", ErrEmptyGroup, 0, ""},
	{"!(not)", ErrEmptyGroup, 6, ""},
	{"@vb", ErrUnknownTag, 1, "vb"},
	{"sorry @VBX", ErrUnknownTag, 7, "VBX"},
	{"book@VB1", ErrUnknownTag, 5, "VB1"},
	{"@", ErrUnknownTag, 1, ""},
	{"@NOUNS", ErrUnknownTag, 1, "NOUNS"},
	{"<nums>", ErrUnknownClass, 0, "nums"},
	{"a <Number>", ErrUnknownClass, 2, "Number"},
	{"<>", ErrUnknownClass, 0, ""},
	{"..2 sorry", ErrBadGap, 0, "at the start"},
	{"_ sorry", ErrBadGap, 0, "at the start"},
	{"sorry ..2", ErrBadGap, 9, "at the end"},
	{"sorry _", ErrBadGap, 7, "at the end"},
	{"a ..0 b", ErrBadGap, 2, "..0"},
	{"a 0..0 b", ErrBadGap, 2, "0..0"},
	{"a 3..1 b", ErrBadGap, 2, "3..1"},
	{"a ..33 b", ErrBadGap, 2, "..33"},
	{"a ..99999 b", ErrBadGap, 2, "..99999"},
	{"a 1.. b", ErrBadGap, 2, "1.."},
	{"a !(b) c", ErrMisplacedNegation, 2, ""},
	{"(a !(b))", ErrMisplacedNegation, 3, ""},
	{"a !(b) | c", ErrMisplacedNegation, 2, ""},
	{"a !(b) !(c)", ErrMisplacedNegation, 2, ""},
	{"!(a ..2 b) c", ErrBadNegation, 0, "a gap inside"},
	{"!(a _ b) c", ErrBadNegation, 0, "a gap inside"},
	{"c !(a ..2 b)", ErrBadNegation, 2, "a gap inside"},
	{"{a} {b}", ErrMultipleMarks, 4, ""},
	{"{a {b}}", ErrMultipleMarks, 0, ""},
	{"sorry \\", ErrTrailingBackslash, 6, ""},
	{`"sorry\`, ErrTrailingBackslash, 6, ""},
	{`""`, ErrNothingAfterPrefix, 0, `""`},
	{`" "`, ErrNothingAfterPrefix, 0, `""`},
	{"~", ErrNothingAfterPrefix, 0, ""},
	{"thanks . bye", ErrSentenceEnd, 0, "thanks . bye"},
	{`a \! b`, ErrSentenceEnd, 2, "! b"},
	{"sorry ~", ErrNothingAfterPrefix, 6, ""},
	{"\x01", ErrNothingAfterPrefix, 0, "\x01"},
	{strings.Repeat("(", MaxDepth+1) + "a" + strings.Repeat(")", MaxDepth+1), ErrTooDeep, MaxDepth + 1, ""},
	{strings.Repeat("[a] ", 13), ErrTooManyAlternates, 0, ""},
	{strings.Repeat("a ", MaxLength/2) + "a", ErrTooLong, MaxLength, ""},
}

func TestCompileErrors(t *testing.T) {
	for _, tt := range compileErrorTests {
		p, err := Compile(tt.pattern)
		if err == nil {
			t.Errorf("Compile(%q) = %s, want error %q", tt.pattern, renderChains(p.expanded()), tt.code)
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Compile(%q): error %T %v, want *Error", tt.pattern, err, err)
			continue
		}
		if e.Code != tt.code || e.Offset != tt.offset || e.Detail != tt.detail {
			t.Errorf("Compile(%q): code %q offset %d detail %q\nwant code %q offset %d detail %q", tt.pattern, e.Code, e.Offset, e.Detail, tt.code, tt.offset, tt.detail)
		}
		if e.Pattern != tt.pattern || e.Line != 0 {
			t.Errorf("Compile(%q): Pattern %q Line %d", tt.pattern, e.Pattern, e.Line)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "phrases: "+string(tt.code)) || !strings.HasSuffix(msg, fmt.Sprintf(" at offset %d", tt.offset)) {
			t.Errorf("Compile(%q): message %q", tt.pattern, msg)
		}
		if tt.detail != "" && !strings.Contains(msg, fmt.Sprintf("%q", tt.detail)) {
			t.Errorf("Compile(%q): message %q does not quote %q", tt.pattern, msg, tt.detail)
		}
		if p != nil {
			t.Errorf("Compile(%q): a pattern and an error", tt.pattern)
		}
	}
}

// TestEveryErrorCode makes sure the table exercises every code.
func TestEveryErrorCode(t *testing.T) {
	seen := map[ErrorCode]bool{}
	for _, tt := range compileErrorTests {
		seen[tt.code] = true
	}
	for _, code := range []ErrorCode{ErrEmpty, ErrMatchesEmpty, ErrMissingClose, ErrUnexpected, ErrEmptyGroup,
		ErrUnknownTag, ErrUnknownClass, ErrBadGap, ErrMisplacedNegation, ErrBadNegation, ErrMultipleMarks,
		ErrTooDeep, ErrTooManyAlternates, ErrTooLong, ErrTrailingBackslash, ErrNothingAfterPrefix} {
		if !seen[code] {
			t.Errorf("no compile error test for %q", code)
		}
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := Compile("sorry @VBX")
	if got, want := err.Error(), `phrases: unknown tag "VBX" at offset 7`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e := &Error{Code: ErrEmpty, Line: 3}
	if got, want := e.Error(), "phrases: line 3: empty pattern at offset 0"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestCaret(t *testing.T) {
	tests := []struct {
		pattern string
		want    string
	}{
		{"sorry @VBX", "sorry @VBX\n       ^"},
		{"(sorry", "(sorry\n^"},
		{"sorry ..2", "sorry ..2\n         ^"},
		{"é日本 @VBX", "é日本 @VBX\n     ^"},         // runes, not bytes
		{"a\t@VBX", "a\t@VBX\n \t ^"},            // tabs kept in the padding
		{"\t\tsorry)", "\t\tsorry)\n\t\t     ^"}, // ErrUnexpected at the ')'
	}
	for _, tt := range tests {
		_, err := Compile(tt.pattern)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Compile(%q): %v", tt.pattern, err)
		}
		if got := e.Caret(); got != tt.want {
			t.Errorf("Compile(%q).Caret():\n%s\nwant\n%s", tt.pattern, got, tt.want)
		}
	}
	// Offsets out of range or inside a rune are clamped, never a panic.
	for _, off := range []int{-5, 0, 1, 2, 3, 4, 100} {
		e := &Error{Pattern: "a日", Offset: off}
		c := e.Caret()
		lines := strings.Split(c, "\n")
		if len(lines) != 2 || lines[0] != "a日" || !strings.HasSuffix(lines[1], "^") || utf8.RuneCountInString(lines[1]) > 3 {
			t.Errorf("offset %d: Caret() = %q", off, c)
		}
	}
}

func TestMustCompile(t *testing.T) {
	p := MustCompile("i am sorry")
	if p.String() != "i am sorry" {
		t.Errorf("String() = %q", p.String())
	}
	defer func() {
		r := recover()
		msg, ok := r.(string)
		if !ok {
			t.Fatalf("MustCompile panicked with %T %v, want a string", r, r)
		}
		want := "phrases: Compile(`sorry @VBX`): phrases: unknown tag \"VBX\" at offset 7"
		if msg != want {
			t.Errorf("panic %q\nwant  %q", msg, want)
		}
	}()
	MustCompile("sorry @VBX")
	t.Error("MustCompile did not panic")
}

// TestStringRoundTrip: compiling a pattern's String gives the same pattern.
func TestStringRoundTrip(t *testing.T) {
	for _, tt := range compileTests {
		p := MustCompile(tt.pattern)
		q := MustCompile(p.String())
		if renderChains(p.expanded()) != renderChains(q.expanded()) || q.String() != p.String() {
			t.Errorf("%q: round trip gives %s, want %s", tt.pattern, renderChains(q.expanded()), renderChains(p.expanded()))
		}
	}
}

func TestLimits(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("(", n) + "a" + strings.Repeat(")", n) }
	if _, err := Compile(nest(MaxDepth)); err != nil {
		t.Errorf("%d nested groups: %v", MaxDepth, err)
	}
	if _, err := Compile(nest(MaxDepth + 1)); !isCode(err, ErrTooDeep) {
		t.Errorf("%d nested groups: %v, want %q", MaxDepth+1, err, ErrTooDeep)
	}
	// Every kind of group counts towards the depth, and so does a negation.
	mixed := strings.Repeat("([", MaxDepth/2) + "a" + strings.Repeat("])", MaxDepth/2)
	if _, err := Compile(mixed); err != nil {
		t.Errorf("%d nested mixed groups: %v", MaxDepth, err)
	}
	if _, err := Compile("!(" + nest(MaxDepth) + ") b"); !isCode(err, ErrTooDeep) {
		t.Errorf("negation around %d nested groups: %v, want %q", MaxDepth, err, ErrTooDeep)
	}

	// Twelve optional parts make 4096 sequences; thirteen are too many.
	opts := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[w%d] ", i)
		}
		return b.String() + "end"
	}
	p, err := Compile(opts(12))
	if err != nil {
		t.Fatalf("12 optional parts: %v", err)
	}
	if len(p.expanded()) != MaxAlternatives {
		t.Errorf("12 optional parts: %d sequences, want %d", len(p.expanded()), MaxAlternatives)
	}
	if _, err := Compile(opts(13)); !isCode(err, ErrTooManyAlternates) {
		t.Errorf("13 optional parts: %v, want %q", err, ErrTooManyAlternates)
	}
	// Alternatives multiply: 2^6 × 4^3 = 4096, one more pair doubles it.
	alts := strings.Repeat("(a | b) ", 6) + strings.Repeat("(c | d | e | f) ", 3)
	if _, err := Compile(alts); err != nil {
		t.Errorf("4096 alternatives: %v", err)
	}
	if _, err := Compile(alts + "(g | h)"); !isCode(err, ErrTooManyAlternates) {
		t.Errorf("8192 alternatives: %v, want %q", err, ErrTooManyAlternates)
	}
	// A negation's alternatives are limited too.
	if _, err := Compile("!(" + opts(13) + ") x"); !isCode(err, ErrTooManyAlternates) {
		t.Errorf("negation with 8192 alternatives: %v, want %q", err, ErrTooManyAlternates)
	}

	if _, err := Compile(fmt.Sprintf("a ..%d b", MaxGap)); err != nil {
		t.Errorf("gap of %d: %v", MaxGap, err)
	}
	if _, err := Compile(fmt.Sprintf("a ..%d b", MaxGap+1)); !isCode(err, ErrBadGap) {
		t.Errorf("gap of %d: %v, want %q", MaxGap+1, err, ErrBadGap)
	}
	if _, err := Compile(fmt.Sprintf("a %d..%d b", MaxGap, MaxGap)); err != nil {
		t.Errorf("gap of exactly %d: %v", MaxGap, err)
	}

	long := strings.Repeat("a", MaxLength)
	if _, err := Compile(long); err != nil {
		t.Errorf("pattern of %d bytes: %v", MaxLength, err)
	}
	if _, err := Compile(long + "a"); !isCode(err, ErrTooLong) {
		t.Errorf("pattern of %d bytes: %v, want %q", MaxLength+1, err, ErrTooLong)
	}
}

func isCode(err error, code ErrorCode) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

func TestParseList(t *testing.T) {
	src := "# apologies\n" +
		"i am sorry\n" +
		"\n" +
		"   \t\n" +
		"  ~apologize   # stems too\n" +
		"sorry @VBX\n" +
		"#indented comment below\n" +
		"    # indented comment\n" +
		"(oops\r\n" +
		"thank you\r\n" +
		"{a} {b} # two marks\n" +
		"last line without newline"
	pats, err := ParseList(src)
	var got []string
	for _, p := range pats {
		got = append(got, p.String())
	}
	if want := []string{"i am sorry", "~apologize", "thank you", "last line without newline"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("patterns %q, want %q", got, want)
	}
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %T %v, want ErrorList", err, err)
	}
	type lineErr struct {
		line   int
		code   ErrorCode
		offset int
	}
	var gotErrs []lineErr
	for _, e := range list {
		gotErrs = append(gotErrs, lineErr{e.Line, e.Code, e.Offset})
	}
	wantErrs := []lineErr{{6, ErrUnknownTag, 7}, {9, ErrMissingClose, 0}, {11, ErrMultipleMarks, 4}}
	if fmt.Sprint(gotErrs) != fmt.Sprint(wantErrs) {
		t.Errorf("errors %v, want %v", gotErrs, wantErrs)
	}
	wantMsg := "phrases: line 6: unknown tag \"VBX\" at offset 7\n" +
		"phrases: line 9: missing closing bracket \")\" at offset 0\n" +
		"phrases: line 11: more than one marked part at offset 4"
	if err.Error() != wantMsg {
		t.Errorf("Error():\n%s\nwant\n%s", err, wantMsg)
	}
	// errors.As finds the first *Error through the list.
	var first *Error
	if !errors.As(err, &first) || first.Line != 6 {
		t.Errorf("errors.As(*Error) = %v", first)
	}
	// Each error's Caret points into its own line.
	if got, want := list[0].Caret(), "sorry @VBX\n       ^"; got != want {
		t.Errorf("Caret of line 6:\n%s\nwant\n%s", got, want)
	}

	// A good file: no error at all, not a typed nil.
	pats, err = ParseList("# only good lines\nsorry\nthanks\n")
	if err != nil {
		t.Errorf("good file: error %#v", err)
	}
	if len(pats) != 2 {
		t.Errorf("good file: %d patterns", len(pats))
	}
	if pats, err := ParseList(""); err != nil || len(pats) != 0 {
		t.Errorf("empty file: %d patterns, %v", len(pats), err)
	}
	// One bad line: the message is that line's.
	_, err = ParseList("ok\n(bad")
	if got, want := fmt.Sprint(err), "phrases: line 2: missing closing bracket \")\" at offset 0"; got != want {
		t.Errorf("one bad line: %q, want %q", got, want)
	}
}

func TestErrorList(t *testing.T) {
	var l ErrorList
	if l.Err() != nil {
		t.Errorf("empty ErrorList.Err() = %v", l.Err())
	}
	if l.Error() != "phrases: no errors" {
		t.Errorf("empty ErrorList.Error() = %q", l.Error())
	}
	e1 := &Error{Code: ErrEmpty, Line: 1}
	e2 := &Error{Code: ErrBadGap, Line: 2, Offset: 3, Detail: "..0"}
	l = ErrorList{e1, e2}
	if l.Err() == nil {
		t.Fatal("ErrorList.Err() = nil for two errors")
	}
	var got *Error
	if !errors.As(l.Err(), &got) || got != e1 {
		t.Errorf("errors.As gives %v, want the first error", got)
	}
	if !errors.Is(l.Err(), e2) {
		t.Error("errors.Is does not find the second error")
	}
}

// The parser is not confused by a negation-like "!" that is not followed by
// "(". (A "!" between words would end a sentence, so it ends the pattern.)
func TestCompileBang(t *testing.T) {
	p := MustCompile("wow , great !")
	if got := renderChains(p.expanded()); got != "wow , great !" {
		t.Errorf("got %s", got)
	}
	if p.behind != nil || p.ahead != nil {
		t.Error("a literal ! became a negation")
	}
}
