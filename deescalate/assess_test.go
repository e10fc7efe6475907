package deescalate

import (
	"bufio"
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// testAssessor is shared by the tests, as a program would share one.
var testAssessor = sync.OnceValue(NewAssessor)

// signalTexts returns "kind:text" for each signal.
func signalTexts(a Assessment) []string {
	var out []string
	for _, s := range a.Signals {
		out = append(out, s.Kind+":"+s.Text)
	}
	return out
}

func TestAssessSignals(t *testing.T) {
	tests := []struct {
		msg  string
		want []string // kind:text that must be among the signals
		not  []string // kinds that must not be
	}{
		{"I WANT MY MONEY BACK", []string{"shouting:I WANT MY MONEY BACK"}, nil},
		{"This is UNACCEPTABLE.", []string{"shouting:UNACCEPTABLE"}, nil},
		{"UPS lost my ID card in the USA.", nil, []string{SignalShouting}},
		{"Call me ASAP about the NHS form.", nil, []string{SignalShouting}},
		{"Worst. Service. Ever.", []string{"shouting:Worst. Service. Ever."}, nil},
		{"Where is my parcel?!?", []string{"repeated_punctuation:?!?"}, nil},
		{"Seriously!!! Again!!", []string{"repeated_punctuation:!!!", "repeated_punctuation:!!"}, nil},
		{"Is this right? Yes.", nil, []string{SignalRepeatedPunctuation}},
		{"what the fuck is this", []string{"profanity:what the fuck"}, nil},
		{"you are useless and incompetent", []string{"insult:useless", "insult:incompetent"}, nil},
		{"This company is a scam.", []string{"insult:scam"}, nil},
		{"What a joke.", []string{"insult:What a joke"}, nil},
		{"I'm taking my business elsewhere.", []string{"threat_leave:taking my business elsewhere"}, nil},
		{"I will never order from you again.", []string{"threat_leave:never order from you again"}, nil},
		{"I'll sue you for this.", []string{"threat_legal:I'll sue"}, nil},
		{"My lawyer will be in touch.", []string{"threat_legal:My lawyer"}, nil},
		{"I'm going to the press with this.", []string{"threat_public:going to the press"}, nil},
		{"I'll post about this all over social media.", []string{"threat_public:post about this all over social media"}, nil},
		{"Expect a one-star review.", []string{"threat_review:one-star review"}, nil},
		{"This is the third time I've called.", []string{"repeat_contact:third time"}, nil},
		{"For the 5th time, my name is spelt wrong.", []string{"repeat_contact:5th time"}, nil},
		{"It is still not fixed.", []string{"repeat_contact:still not"}, nil},
		{"Nobody ever answers.", []string{"absolute:Nobody"}, nil},
		{"It fails every single time.", []string{"absolute:every single time"}, nil},
		{"I've been waiting three weeks.", []string{"waiting:been waiting three weeks"}, nil},
		{"I was on hold for 2 hours.", []string{"waiting:for 2 hours"}, nil},
		{"Nothing has happened since March.", []string{"waiting:since March"}, nil},
		{"Thanks for nothing.", []string{"sarcasm:Thanks for nothing"}, []string{SignalCalming}},
		{"Oh wonderful, it broke again.", []string{"sarcasm:Oh wonderful"}, nil},
		{"Great job, guys. It arrived broken, again.", []string{"sarcasm:Great job, guys"}, nil},
		{"Great job, thank you so much!", []string{"positive:Great job", "calming:thank you so much"}, []string{SignalSarcasm}},
		{"Yeah right, like that will happen 🙄", []string{"sarcasm:Yeah right", "sarcasm:🙄"}, nil},
		{"I want to speak to a manager.", []string{"demand_manager:speak to a manager"}, nil},
		{"Put me through to your supervisor now.", []string{"demand_manager:Put me through to your supervisor"}, nil},
		{"I'm absolutely furious.", []string{"negative_emotion:absolutely furious"}, nil},
		{"So fed up with this.", []string{"negative_emotion:So fed up"}, nil},
		{"slightly disappointed", []string{"negative_emotion:slightly disappointed"}, nil},
		{"parcel lost again #angry #fuming", []string{"negative_emotion:#angry", "negative_emotion:#fuming"}, nil},
		{"sooo angryyyy", []string{"negative_emotion:sooo angryyyy"}, nil},
		{"Fix it now.", []string{"demand:Fix it now"}, nil},
		{"Why is it so hard to get a refund?", []string{"rhetorical_question:Why is it so hard"}, nil},
		{"There's a smell of gas in the kitchen.", []string{"safety:smell of gas"}, nil},
		{"The charger caught fire.", []string{"safety:caught fire"}, nil},
		{"I'll kill you if this happens again.", []string{"threat_harm:I'll kill you"}, nil},
		{"Please could you check? Thank you.", []string{"calming:Please", "calming:Thank you"}, nil},
		{"I'm worried my card was stolen.", []string{"distress:worried"}, nil},
		{"I love this app!", []string{"positive:love"}, nil},
		{"The parcel arrived broken.", []string{"complaint:arrived broken"}, nil},
	}
	a := testAssessor()
	for _, tt := range tests {
		got := a.Assess(tt.msg)
		texts := signalTexts(got)
		for _, w := range tt.want {
			if !slices.Contains(texts, w) {
				t.Errorf("Assess(%q): missing %q; got %q", tt.msg, w, texts)
			}
		}
		for _, k := range tt.not {
			if got.Has(k) {
				t.Errorf("Assess(%q): unexpected %s; got %q", tt.msg, k, texts)
			}
		}
	}
}

// TestAssessSpans pins the byte offsets of signals, multibyte text
// included.
func TestAssessSpans(t *testing.T) {
	msg := "Café order: I'm FURIOUS, this is the 3rd time!!! 😡 f*ck"
	got := testAssessor().Assess(msg)
	want := []Signal{
		{Kind: SignalNegativeEmotion, Start: 17, End: 24, Text: "FURIOUS"},
		{Kind: SignalShouting, Start: 17, End: 24, Text: "FURIOUS"},
		{Kind: SignalRepeatContact, Start: 38, End: 46, Text: "3rd time"},
		{Kind: SignalRepeatedPunctuation, Start: 46, End: 49, Text: "!!!"},
		{Kind: SignalNegativeEmotion, Start: 50, End: 54, Text: "😡"},
		{Kind: SignalProfanity, Start: 55, End: 59, Text: "f*ck"},
	}
	if len(got.Signals) != len(want) {
		t.Fatalf("Assess(%q): %d signals %q, want %d", msg, len(got.Signals), signalTexts(got), len(want))
	}
	for i, w := range want {
		g := got.Signals[i]
		if g.Kind != w.Kind || g.Start != w.Start || g.End != w.End || g.Text != w.Text {
			t.Errorf("signal %d = %s [%d:%d] %q, want %s [%d:%d] %q", i, g.Kind, g.Start, g.End, g.Text, w.Kind, w.Start, w.End, w.Text)
		}
	}
}

func TestAssessNegation(t *testing.T) {
	a := testAssessor()
	for _, tt := range []struct {
		msg  string
		kind string
		want bool
	}{
		{"I'm not angry, just checking.", SignalNegativeEmotion, false},
		{"I am angry.", SignalNegativeEmotion, true},
		{"No rush at all.", SignalCalming, true},
		{"I'm not happy with this.", SignalNegativeEmotion, true},      // a negated positive word
		{"I'm not very happy with this.", SignalNegativeEmotion, true}, // negated through an intensifier
		{"Don't worry be happy", SignalNegativeEmotion, false},         // the negation is worry's, not happy's
		{"I'm not going to sue anyone.", SignalThreatLegal, false},
		{"I don't want to cancel my account.", SignalThreatLeave, false},
		{"It's not a scam, I know.", SignalInsult, false},
		{"I don't want to speak to a manager.", SignalDemandManager, false},
		{"not fucking happy", SignalProfanity, true}, // negation never cancels swearing
		{"No one is upset.", SignalNegativeEmotion, false},
		{"wrong address, not my fault #fuming", SignalNegativeEmotion, true}, // a hashtag stands apart
	} {
		if got := a.Assess(tt.msg).Has(tt.kind); got != tt.want {
			t.Errorf("Assess(%q).Has(%s) = %v, want %v; signals %q", tt.msg, tt.kind, got, tt.want, signalTexts(a.Assess(tt.msg)))
		}
	}
	calm := a.Assess("No rush, whenever you get a chance. Thanks!")
	if calm.Anger >= Baseline || calm.Level != Calm {
		t.Errorf("polite message: anger %.3f level %v, want below the baseline %.2f and calm", calm.Anger, calm.Level, Baseline)
	}
}

// TestAssessEmotionNouns checks that a noun naming anger is evidence of
// it, and that a hashtag of one ("#anger", a topic) weighs less than a
// hashtag of the writer's state ("#angry"), while the writer's own
// ("my anger") weighs more than a mention.
func TestAssessEmotionNouns(t *testing.T) {
	a := testAssessor()
	topic := a.Assess("a thought for today #anger")
	label := a.Assess("a thought for today #angry")
	if !topic.Has(SignalNegativeEmotion) {
		t.Fatalf("#anger: signals %q, want negative_emotion", signalTexts(topic))
	}
	if topic.Anger >= label.Anger {
		t.Errorf("#anger scores %.3f, #angry %.3f: want the topic below the label", topic.Anger, label.Anger)
	}
	mine := a.Assess("I can feel my anger rising")
	theirs := a.Assess("they talked about anger in class")
	if mine.Anger <= theirs.Anger {
		t.Errorf("my anger %.3f, anger as a topic %.3f: want the writer's own higher", mine.Anger, theirs.Anger)
	}
}

// TestAssessTears checks that crying is reported as distress but, unlike
// sadness, does not pull an angry message down.
func TestAssessTears(t *testing.T) {
	a := testAssessor()
	angry := a.Assess("I am so angry with this company")
	crying := a.Assess("I am so angry with this company 😭")
	sad := a.Assess("I am so angry with this company, so sad")
	if !crying.Has(SignalDistress) {
		t.Errorf("crying: signals %q, want distress", signalTexts(crying))
	}
	if crying.Anger < angry.Anger {
		t.Errorf("with 😭 %.3f, without %.3f: want tears not to lower the score", crying.Anger, angry.Anger)
	}
	if sad.Anger >= angry.Anger {
		t.Errorf("with \"so sad\" %.3f, without %.3f: want sadness to lower the score", sad.Anger, angry.Anger)
	}
}

func TestAssessMaskedProfanity(t *testing.T) {
	a := testAssessor()
	for _, w := range []string{"f*ck", "f**k", "fu*k", "F*CK", "f***", "f*cking", "sh!t", "s**t", "sh1t", "$hit", "a$$", "a**", "b!tch", "b*tch", "cr*p", "d*mn", "fuuuuck", "shiiiit", "wtf", "ffs", "stfu"} {
		msg := "oh " + w + " this"
		got := a.Assess(msg)
		if !slices.Contains(signalTexts(got), "profanity:"+w) {
			t.Errorf("Assess(%q): no profanity %q; got %q", msg, w, signalTexts(got))
		}
	}
	for _, msg := range []string{"my p@ss word", "it costs $55", "AT&T and T-Mobile", "a*b = c", "@fuckjerry posted", "class act", "Scunthorpe", "assess the passage", "h3ll0 there", "#hashtag", "email j@ss.com"} {
		if got := a.Assess(msg); got.Has(SignalProfanity) {
			t.Errorf("Assess(%q): unexpected profanity %q", msg, signalTexts(got))
		}
	}
}

// TestAssessLevels checks that messages a person would rank calm,
// annoyed, angry and furious get rising scores and those levels.
func TestAssessLevels(t *testing.T) {
	a := testAssessor()
	msgs := []struct {
		msg  string
		want Level
	}{
		{"Hi, could you tell me when my order will ship? Thanks.", Calm},
		{"My order is a bit late and I'm slightly annoyed.", Annoyed},
		{"This is ridiculous, the third time I've had to call.", Angry},
		{"THIS IS THE THIRD TIME!!! You useless idiots, I'm furious. Get me a manager or I'll call my lawyer.", Furious},
	}
	prev := -1.0
	for _, m := range msgs {
		got := a.Assess(m.msg)
		if got.Level != m.want {
			t.Errorf("Assess(%q).Level = %v (anger %.3f), want %v; signals %q", m.msg, got.Level, got.Anger, m.want, signalTexts(got))
		}
		if got.Anger <= prev {
			t.Errorf("Assess(%q).Anger = %.3f, not above the previous message's %.3f", m.msg, got.Anger, prev)
		}
		prev = got.Anger
	}
}

func TestLevelOf(t *testing.T) {
	for _, tt := range []struct {
		anger float64
		want  Level
	}{
		{0, Calm}, {AnnoyedThreshold - 1e-9, Calm}, {AnnoyedThreshold, Annoyed},
		{AngryThreshold, Angry}, {FuriousThreshold - 1e-9, Angry}, {FuriousThreshold, Furious}, {1, Furious},
	} {
		if got := LevelOf(tt.anger); got != tt.want {
			t.Errorf("LevelOf(%v) = %v, want %v", tt.anger, got, tt.want)
		}
	}
	if !(0 < Baseline && Baseline < AnnoyedThreshold && AnnoyedThreshold < AngryThreshold && AngryThreshold < FuriousThreshold && FuriousThreshold < 1) {
		t.Error("thresholds out of order")
	}
}

func TestAssessEscalate(t *testing.T) {
	a := testAssessor()
	for _, tt := range []struct {
		msg    string
		reason string // "" for no escalation
	}{
		{"If this isn't fixed by Friday my solicitor will be in touch.", ReasonLegal},
		{"Please could a supervisor review my account? Thank you.", ReasonManager},
		{"I'm going to the local paper with this.", ReasonPublic},
		{"I swear I'll punch you if you hang up again.", ReasonHarm},
		{"Hello, there is a faint smell of gas near the new boiler.", ReasonSafety},
		{"FOURTH time I've called!!! You useless lot, I'm absolutely livid.", ReasonRepeated},
		{"I'm really annoyed, the parcel is late.", ""},
		{"This is the second time I've asked. Could someone please sort it?", ""},
		{"I'm furious. You've ruined my holiday.", ""}, // anger alone calls for de-escalation, not a supervisor
		{"What time do you open on Sunday?", ""},
	} {
		got := a.Assess(tt.msg)
		if tt.reason == "" {
			if got.Escalate {
				t.Errorf("Assess(%q): escalates %q, want no escalation", tt.msg, got.Reasons)
			}
			continue
		}
		if !got.Escalate || !slices.Contains(got.Reasons, tt.reason) {
			t.Errorf("Assess(%q): Escalate %v, Reasons %q, want reason %q; signals %q", tt.msg, got.Escalate, got.Reasons, tt.reason, signalTexts(got))
		}
	}
}

func TestLevelText(t *testing.T) {
	for l := Calm; l <= Furious; l++ {
		b, err := l.MarshalText()
		if err != nil || string(b) != l.String() {
			t.Errorf("%d.MarshalText() = %q, %v", l, b, err)
		}
		var back Level
		if err := back.UnmarshalText(b); err != nil || back != l {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", b, back, err, l)
		}
	}
	if got := Level(7).String(); got != "level(7)" {
		t.Errorf("Level(7).String() = %q", got)
	}
	if _, err := Level(7).MarshalText(); err == nil {
		t.Error("Level(7).MarshalText(): no error")
	}
	l := Angry
	err := l.UnmarshalText([]byte("livid"))
	var le *LevelError
	if !errors.As(err, &le) || le.Text != "livid" || l != Angry {
		t.Errorf("UnmarshalText(livid) = %v (level %v), want *LevelError and level unchanged", err, l)
	}
	if err == nil || err.Error() != `deescalate: unknown anger level "livid"` {
		t.Errorf("error text %q", err)
	}
}

func TestAssessmentJSON(t *testing.T) {
	a := testAssessor().Assess("I'll sue you!!")
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"level":"`, `"signals":[{"kind":"threat_legal","start":0,"end":8,"text":"I'll sue","weight":`, `"escalate":true`, `"reasons":["the customer threatens legal action"]`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON %s: missing %s", s, want)
		}
	}
	var back Assessment
	if err := json.Unmarshal(b, &back); err != nil || back.Level != a.Level || len(back.Signals) != len(a.Signals) {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	calm, _ := json.Marshal(testAssessor().Assess("hello"))
	if strings.Contains(string(calm), "reasons") || !strings.Contains(string(calm), `"signals":[]`) {
		t.Errorf("calm JSON %s: want empty signals and no reasons", calm)
	}
}

// checkAssessment checks the invariants of every assessment.
func checkAssessment(t *testing.T, msg string, a Assessment) {
	t.Helper()
	if !(a.Anger >= 0 && a.Anger <= 1) || math.IsNaN(a.Anger) {
		t.Fatalf("anger %v out of [0, 1]", a.Anger)
	}
	if a.Level != LevelOf(a.Anger) {
		t.Fatalf("level %v, want LevelOf(%v) = %v", a.Level, a.Anger, LevelOf(a.Anger))
	}
	if a.Escalate != (len(a.Reasons) > 0) {
		t.Fatalf("Escalate %v with reasons %q", a.Escalate, a.Reasons)
	}
	if a.Signals == nil {
		t.Fatal("nil Signals")
	}
	for i, s := range a.Signals {
		if s.Start < 0 || s.End > len(msg) || s.Start >= s.End {
			t.Fatalf("signal %d %s: span [%d:%d] out of the message (%d bytes)", i, s.Kind, s.Start, s.End, len(msg))
		}
		if msg[s.Start:s.End] != s.Text {
			t.Fatalf("signal %d: Text %q, message has %q", i, s.Text, msg[s.Start:s.End])
		}
		if utf8.ValidString(msg) && !utf8.ValidString(s.Text) {
			t.Fatalf("signal %d: span [%d:%d] splits a character", i, s.Start, s.End)
		}
		if i > 0 && (a.Signals[i-1].Start > s.Start || a.Signals[i-1].Start == s.Start && a.Signals[i-1].End > s.End) {
			t.Fatalf("signals out of order at %d", i)
		}
		if s.Kind == "" || math.IsNaN(s.Weight) {
			t.Fatalf("signal %d: kind %q weight %v", i, s.Kind, s.Weight)
		}
	}
}

func TestAssessHostileInput(t *testing.T) {
	a := testAssessor()
	r := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 1<<20)
	for i := range random {
		random[i] = byte(r.IntN(256))
	}
	words := make([]byte, 0, 1<<20)
	vocab := []string{"FURIOUS", "f*ck", "sh!t", "never", "#angry", "!!!", "?!", "useless", "not", "I'll", "sue", "third", "time", "😡", "a$$", "sooo", "angryyyy", "\xff", "\x00", "No.", "é", "#", "@x", "...", " ", "\n\n", "manager"}
	for len(words) < 1<<20 {
		words = append(words, vocab[r.IntN(len(vocab))]...)
		words = append(words, ' ')
	}
	for name, msg := range map[string]string{
		"empty":          "",
		"space":          " \t\n",
		"invalid utf-8":  "\xff\xfe\xfd angry \xc3\x28 f*ck \xe2\x80",
		"nul bytes":      "I'm\x00furious\x00!!!",
		"lone marks":     "! ? !? # @ * $ ‼ ⁉ ！？",
		"all caps 1MB":   strings.Repeat("I WANT MY MONEY BACK NOW ", 1<<20/25),
		"bangs":          strings.Repeat("!", 1<<16),
		"masks":          strings.Repeat("f*ck a$$ sh!t ", 1<<16/14),
		"stretched":      "f" + strings.Repeat("u", 1<<16) + "ck",
		"hashtags":       strings.Repeat("#angry", 1<<16/6),
		"one word 1MB":   strings.Repeat("a", 1<<20),
		"random 1MB":     string(random),
		"word salad 1MB": string(words),
		"emoji":          strings.Repeat("😡🙄👍🏽🇫🇷", 1000),
		"names 1MB":      strings.Repeat("a Fury and a Rage, ", 1<<20/19),
	} {
		t.Run(name, func(t *testing.T) {
			checkAssessment(t, msg, a.Assess(msg))
		})
	}
}

// FuzzAssess checks the invariants of Assess on any input.
func FuzzAssess(f *testing.F) {
	for _, s := range []string{"", "I'm FURIOUS!!!", "f*ck sh!t a$$", "not angry", "#angry #fuming", "sooo angryyyy", "Worst. Service. Ever.", "\xff\xfe", "I'll sue you. My lawyer will call.", "smell of gas", "😡🙄", "‼⁉"} {
		f.Add(s)
	}
	a := testAssessor()
	f.Fuzz(func(t *testing.T, msg string) {
		got := a.Assess(msg)
		checkAssessment(t, msg, got)
		// Deterministic: the pooled scratch memory leaks nothing between calls.
		again := a.Assess(msg)
		if again.Anger != got.Anger || !slices.Equal(signalTexts(again), signalTexts(got)) {
			t.Fatalf("second assessment differs: %v %q vs %v %q", again.Anger, signalTexts(again), got.Anger, signalTexts(got))
		}
	})
}

// TestAssessConcurrent assesses from several goroutines at once with one
// Assessor and compares with serial results (run with -race).
func TestAssessConcurrent(t *testing.T) {
	a := testAssessor()
	msgs := []string{"I'm FURIOUS!!!", "thanks so much", "#angry #fuming", "I'll sue", "sooo angryyyy f*ck", "What time do you open?"}
	want := make([]Assessment, len(msgs))
	for i, m := range msgs {
		want[i] = a.Assess(m)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 200 {
				i := (g + k) % len(msgs)
				got := a.Assess(msgs[i])
				if got.Anger != want[i].Anger || !slices.Equal(signalTexts(got), signalTexts(want[i])) {
					t.Errorf("concurrent Assess(%q) differs", msgs[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	if got := Assess(msgs[0]); got.Anger != want[0].Anger {
		t.Errorf("Assess (default assessor) = %v, want %v", got.Anger, want[0].Anger)
	}
}

// TestAngerLists checks the embedded lists: every file is used, every
// file the categories name exists and compiles, and kindCat groups the
// categories by kind.
func TestAngerLists(t *testing.T) {
	if _, err := newAssessor(defaultAngerParams); err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{"intensifier.txt": true, "softener.txt": true}
	for c := angerCat(1); c < numCats; c++ {
		if f := angerCatInfo[c].file; f != "" {
			used[f+".txt"] = true
		}
	}
	entries, err := fs.ReadDir(angerFS, "anger")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !used[e.Name()] {
			t.Errorf("anger/%s is embedded but no category reads it", e.Name())
		}
		delete(used, e.Name())
	}
	for f := range used {
		t.Errorf("anger/%s is named but missing", f)
	}
	for c := angerCat(1); c < numCats; c++ {
		for d := angerCat(1); d < numCats; d++ {
			same := angerCatInfo[c].kind == angerCatInfo[d].kind
			if (kindCat(c) == kindCat(d)) != same {
				t.Errorf("kindCat groups %v and %v wrongly", c, d)
			}
		}
	}
}

// assessCorpusRow is one labelled customer message of
// testdata/messages.jsonl.
type assessCorpusRow struct {
	ID       string `json:"id"`
	Message  string `json:"message"`
	Level    Level  `json:"level"`
	Escalate bool   `json:"escalate"`
}

// Floors on the project's labelled messages (measured: see the log).
const (
	minCorpusExact    = 0.60 // level exactly right
	minCorpusAdjacent = 0.95 // level right or one off
	minCorpusEscP     = 0.85 // escalation precision
	minCorpusEscR     = 0.80 // escalation recall
)

// TestMessagesCorpus measures Assess on testdata/messages.jsonl: level
// accuracy, within-one accuracy and escalation precision and recall.
//
//	go test -run TestMessagesCorpus -v ./deescalate/
func TestMessagesCorpus(t *testing.T) {
	f, err := os.Open("../testdata/messages.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var rows []assessCorpusRow
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r assessCorpusRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("messages.jsonl: %v in %s", err, sc.Text())
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 100 {
		t.Skipf("only %d labelled messages", len(rows))
	}
	a := testAssessor()
	var exact, adjacent, tp, fp, fn int
	var confusion [4][4]int
	for _, r := range rows {
		got := a.Assess(r.Message)
		confusion[r.Level][got.Level]++
		if got.Level == r.Level {
			exact++
		}
		if d := int(got.Level) - int(r.Level); d >= -1 && d <= 1 {
			adjacent++
		}
		switch {
		case got.Escalate && r.Escalate:
			tp++
		case got.Escalate:
			fp++
		case r.Escalate:
			fn++
		}
	}
	n := float64(len(rows))
	ex, adj := float64(exact)/n, float64(adjacent)/n
	p, rec := float64(tp)/float64(max(1, tp+fp)), float64(tp)/float64(max(1, tp+fn))
	t.Logf("%d messages: level exact %.3f, within one %.3f; escalate precision %.3f, recall %.3f", len(rows), ex, adj, p, rec)
	t.Logf("confusion (rows: labelled calm, annoyed, angry, furious; columns: assessed): %v", confusion)
	if ex < minCorpusExact {
		t.Errorf("level accuracy %.3f < %.2f", ex, minCorpusExact)
	}
	if adj < minCorpusAdjacent {
		t.Errorf("within-one accuracy %.3f < %.2f", adj, minCorpusAdjacent)
	}
	if p < minCorpusEscP {
		t.Errorf("escalation precision %.3f < %.2f", p, minCorpusEscP)
	}
	if rec < minCorpusEscR {
		t.Errorf("escalation recall %.3f < %.2f", rec, minCorpusEscR)
	}
}

// benchAngry is a typical angry customer message of about 300 bytes.
const benchAngry = "This is the THIRD time I've called about my broken washing machine and I'm absolutely furious. " +
	"Nobody has called me back, I've been waiting for three weeks, and your so-called engineer never showed up!!! " +
	"Get me a manager or I'm cancelling my account and posting about this on Twitter."

// BenchmarkAssess measures one Assessor on a typical angry message:
//
//	go test -run '^$' -bench Assess -cpu 1 ./deescalate/
func BenchmarkAssess(b *testing.B) {
	a := NewAssessor()
	b.SetBytes(int64(len(benchAngry)))
	b.ReportAllocs()
	for b.Loop() {
		a.Assess(benchAngry)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// BenchmarkAssessCalm measures a short polite message.
func BenchmarkAssessCalm(b *testing.B) {
	a := NewAssessor()
	msg := "Hi, could you tell me when my order will ship? Thanks."
	b.SetBytes(int64(len(msg)))
	b.ReportAllocs()
	for b.Loop() {
		a.Assess(msg)
	}
}

// BenchmarkAssessParallel shares one Assessor between goroutines.
func BenchmarkAssessParallel(b *testing.B) {
	a := NewAssessor()
	b.SetBytes(int64(len(benchAngry)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			a.Assess(benchAngry)
		}
	})
}

// BenchmarkNewAssessor measures compiling the lists, which Assess does
// once per process.
func BenchmarkNewAssessor(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewAssessor()
	}
}
