package deescalate

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unicode/utf8"
)

// composeMessages returns every distinct customer message of the
// project's corpora: testdata/messages.jsonl ("message"),
// testdata/replies.jsonl ("customer") and testdata/complaints.jsonl
// ("complaint"), in that order.
func composeMessages(t testing.TB) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	for _, src := range []struct{ path, field string }{
		{"../testdata/messages.jsonl", "message"},
		{"../testdata/replies.jsonl", "customer"},
		{"../testdata/complaints.jsonl", "complaint"},
	} {
		f, err := os.Open(src.path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for line := 1; sc.Scan(); line++ {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var row map[string]any
			if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
				t.Fatalf("%s:%d: %v", src.path, line, err)
			}
			m, _ := row[src.field].(string)
			if strings.TrimSpace(m) == "" || seen[m] {
				continue
			}
			seen[m] = true
			out = append(out, m)
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// composeRemedySets are the remedies the closed-loop test offers, in turn.
var composeRemedySets = [][]string{
	{"a full refund", "a replacement sent by express delivery"},
	nil,
	{"a full refund", "store credit of $20", "a free upgrade to the next plan"},
	{"a £15 credit on your next bill"},
}

// composeRequestFor returns the closed-loop test's request for a message,
// a seed and a register: the remedies, names, contact and time vary with
// the seed.
func composeRequestFor(msg string, seed int, reg Register) Request {
	req := Request{
		Message:  msg,
		Remedies: composeRemedySets[seed%len(composeRemedySets)],
		Register: reg,
		Seed:     uint64(seed),
	}
	if seed%3 != 0 {
		req.CustomerName = "Maria"
	}
	if seed%5 != 1 {
		req.AgentName = "Sam"
	}
	if seed%4 < 2 {
		req.Contact = "555-0142"
	}
	switch seed % 3 {
	case 0:
		req.By = "by Friday"
	case 1:
		req.By = "within 24 hours"
	}
	return req
}

// composeLoopSeeds is how many seeds the closed-loop test composes with,
// in each register, for every message.
const composeLoopSeeds = 20

// TestComposeClosedLoop composes replies to every customer message in
// the corpora, with composeLoopSeeds seeds in both registers, with and
// without remedies, names, contact and a time, and checks that each
// passes the default rubric with no anti-pattern, judged afresh by
// Evaluate with the message as context, and that its plan holds
// together. With -short it uses 2 seeds. go test -run
// TestComposeClosedLoop -v prints how many replies were checked.
func TestComposeClosedLoop(t *testing.T) {
	msgs := composeMessages(t)
	seeds := composeLoopSeeds
	if testing.Short() || raceEnabled {
		seeds = 2
	}
	type job struct {
		msg  string
		seed int
		reg  Register
	}
	jobs := make(chan job)
	var checked, failed atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if failed.Load() > 20 {
					continue
				}
				req := composeRequestFor(j.msg, j.seed, j.reg)
				rep, err := Compose(req)
				if err != nil {
					failed.Add(1)
					t.Errorf("Compose(%q, seed %d, %s): %v", j.msg, j.seed, j.reg, err)
					continue
				}
				checked.Add(1)
				ev := Evaluate(rep.Text, WithCustomer(j.msg))
				if len(ev.AntiPatterns) > 0 || !ev.Report.Passed {
					failed.Add(1)
					t.Errorf("reply to %q (seed %d, %s) scores %.1f, passed %v, anti-patterns %v:\n%s",
						j.msg, j.seed, j.reg, ev.Report.Score, ev.Report.Passed, ev.AntiPatterns, rep.Text)
				}
				if problem := checkPlan(rep, ev, j.msg); problem != "" {
					failed.Add(1)
					t.Errorf("reply to %q (seed %d, %s): %s:\n%s", j.msg, j.seed, j.reg, problem, rep.Text)
				}
			}
		}()
	}
	for _, msg := range msgs {
		for seed := range seeds {
			for _, reg := range []Register{Chat, Email} {
				jobs <- job{msg, seed, reg}
			}
		}
	}
	close(jobs)
	wg.Wait()
	t.Logf("%d messages × %d seeds × 2 registers: %d replies checked, %d failures", len(msgs), seeds, checked.Load(), failed.Load())
	if n := int64(len(msgs) * seeds * 2); checked.Load() != n && failed.Load() <= 20 {
		t.Errorf("%d replies checked, want %d", checked.Load(), n)
	}
}

// checkPlan returns what is wrong with a reply's plan, or "": the
// sentences must cover the text in order, each the bytes it says, and
// every technique the plan claims must be one the evaluation found, but
// for a restatement of a message that only asks, which the rubric does
// not count.
func checkPlan(rep *Reply, ev *Evaluation, msg string) string {
	last := 0
	for i, s := range rep.Sentences {
		if s.Start < last || s.End < s.Start || s.End > len(rep.Text) || rep.Text[s.Start:s.End] != s.Text {
			return "sentence " + s.Text + " has bad offsets"
		}
		if strings.TrimSpace(rep.Text[last:s.Start]) != "" {
			return "text between sentences is not in the plan"
		}
		last = s.End
		if s.Technique == Restate && !ev.Has(Restate) && !statesContent(defaultReflectAnalyzer(), msg) {
			continue // the rubric does not count restatements of questions
		}
		if s.Technique != "" && !ev.Has(s.Technique) {
			return fmt.Sprintf("plan sentence %d claims %s, which the rubric does not find: %s", i, s.Technique, s.Text)
		}
	}
	if last != len(rep.Text) {
		return "text after the last sentence"
	}
	return ""
}

// TestComposeDeterministic checks that a request always gets the same
// reply, from the default Composer and a new one.
func TestComposeDeterministic(t *testing.T) {
	c, err := NewComposer()
	if err != nil {
		t.Fatal(err)
	}
	for k := range 8 {
		req := composeRequestFor("You charged me twice for the same order!", k, Register(k%2))
		a, err1 := Compose(req)
		b, err2 := c.Compose(req)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if a.Text != b.Text || !slices.Equal(a.Sentences, b.Sentences) {
			t.Errorf("seed %d: two replies:\n%s\n%s", k, a.Text, b.Text)
		}
	}
}

// composeVarietyFloor is the fewest distinct replies 100 seeds must give
// for one complaint.
const composeVarietyFloor = 90

// TestComposeVariety composes a reply to one complaint with seeds 0 to
// 99 and counts the distinct replies (go test -run TestComposeVariety -v
// prints the figure).
func TestComposeVariety(t *testing.T) {
	for _, reg := range []Register{Chat, Email} {
		distinct := map[string]bool{}
		for seed := range uint64(100) {
			rep, err := Compose(Request{
				Message:  "My order arrived broken and nobody answered my emails.",
				Remedies: []string{"a full refund", "a replacement sent today"},
				By:       "by Friday", CustomerName: "Maria", AgentName: "Sam", Contact: "555-0142",
				Register: reg, Seed: seed,
			})
			if err != nil {
				t.Fatal(err)
			}
			distinct[rep.Text] = true
		}
		t.Logf("%s: %d distinct replies from 100 seeds", reg, len(distinct))
		if len(distinct) < composeVarietyFloor {
			t.Errorf("%s: %d distinct replies from 100 seeds, want at least %d", reg, len(distinct), composeVarietyFloor)
		}
	}
}

// TestComposePlanSteps checks what a reader of the reply would notice:
// the restatement in the customer's terms, the remedies as a choice, the
// time, the names and contact, the register's form.
func TestComposePlanSteps(t *testing.T) {
	rep, err := Compose(Request{
		Message:      "Hi, I was charged twice for my subscription this month!!",
		CustomerName: "Maria", AgentName: "Sam", Contact: "sam@example.com",
		Remedies: []string{"A refund of the second charge", "a free month"},
		By:       "Friday",
		Register: Email, Seed: 7,
	})
	if err != nil {
		t.Fatal(err)
	}
	techniques := map[ID]string{}
	for _, s := range rep.Sentences {
		techniques[s.Technique] += s.Text
	}
	for _, want := range []struct {
		id   ID
		text string
	}{
		{Restate, "you were charged twice for your subscription this month"},
		{Options, "a refund of the second charge or a free month"},
		{Commit, "by Friday"},
		{Contact, "sam@example.com"},
		{"", "Maria"},
	} {
		if !strings.Contains(techniques[want.id], want.text) {
			t.Errorf("%s sentences %q lack %q", want.id, techniques[want.id], want.text)
		}
	}
	for _, id := range []ID{Validate, Apologize, FollowUp, Document, Thank} {
		if techniques[id] == "" {
			t.Errorf("no %s sentence in the plan:\n%s", id, rep.Text)
		}
	}
	if !strings.HasSuffix(rep.Text, "\nSam") || !strings.Contains(rep.Text, "\n\n") {
		t.Errorf("an e-mail should have paragraphs and end with the agent's name:\n%s", rep.Text)
	}

	chat, err := Compose(Request{Message: "my parcel never came", Register: Chat, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(chat.Text, "\n") {
		t.Errorf("a chat reply has line breaks:\n%s", chat.Text)
	}
	var ask bool
	for _, s := range chat.Sentences {
		ask = ask || s.Technique == Ask
		if s.Technique == Options {
			t.Errorf("options offered without remedies: %s", s.Text)
		}
	}
	if !ask {
		t.Errorf("no remedies, yet no question about what would help:\n%s", chat.Text)
	}
}

// TestComposeStrength checks that the validation and apology come from
// the phrasings for the customer's assessed anger, and so grow with it.
func TestComposeStrength(t *testing.T) {
	pb := phrasebook()
	var levels []Level
	for _, msg := range []string{
		"My parcel hasn't arrived yet, could you check where it is please?",
		"Come on, I've been on hold for 25 minutes just to change my address.",
		"I HAVE CALLED SEVEN TIMES. SEVEN. NOBODY HAS FIXED ANYTHING. I WANT YOUR MANAGER ON THE PHONE NOW.",
	} {
		for seed := range uint64(6) {
			rep, err := Compose(Request{Message: msg, Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			level := rep.Customer.Level
			if seed == 0 {
				levels = append(levels, level)
			}
			for _, s := range rep.Sentences {
				var bank []string
				switch s.Technique {
				case Validate:
					bank = pb.validate[level].all()
				case Apologize:
					bank = pb.apologize[level].all()
				default:
					continue
				}
				if !slices.Contains(bank, s.Text) {
					t.Errorf("%s reply to a %s customer: %q is not a %s phrasing", s.Technique, level, s.Text, level)
				}
			}
		}
	}
	if levels[0] != Calm || levels[2] != Furious {
		t.Errorf("levels %v: the test wants a calm message first and a furious one last", levels)
	}
}

// TestComposeErrors checks every error a request can get, through
// errors.As.
func TestComposeErrors(t *testing.T) {
	long := strings.Repeat("x", MaxFieldBytes+1)
	for _, c := range []struct {
		req   Request
		code  ComposeErrorCode
		field string
	}{
		{Request{Message: " \n\t"}, ErrNoMessage, "Message"},
		{Request{Message: "broken", Register: 7}, ErrRegister, "Register"},
		{Request{Message: "broken", Remedies: make([]string, MaxRemedies+1)}, ErrTooManyRemedies, "Remedies"},
		{Request{Message: "broken", Remedies: []string{"a refund", "  "}}, ErrEmptyField, "Remedies[1]"},
		{Request{Message: "broken", CustomerName: long}, ErrFieldTooLong, "CustomerName"},
		{Request{Message: "broken", Contact: "555\n0142"}, ErrFieldText, "Contact"},
		{Request{Message: "broken", AgentName: "S\xffm"}, ErrFieldText, "AgentName"},
		{Request{Message: "My order arrived broken.", Remedies: []string{"a refund", "a refund, but it's company policy to charge a fee"}}, ErrAntiPattern, "Remedies[1]"},
		{Request{Message: "My order arrived broken.", Remedies: []string{"a refund"}, By: "when we get round to it"}, ErrAntiPattern, "By"},
	} {
		_, err := Compose(c.req)
		var ce *ComposeError
		if !errors.As(err, &ce) {
			t.Errorf("%+v: error %v, want a *ComposeError", c.req, err)
			continue
		}
		if ce.Code != c.code || ce.Field != c.field {
			t.Errorf("%+v: %v, want code %q, field %q", c.req, err, c.code, c.field)
		}
		if !strings.HasPrefix(err.Error(), "deescalate: compose: ") {
			t.Errorf("message %q lacks the package prefix", err)
		}
	}
}

// TestComposeRestatementAntiPattern checks that a restatement that would
// bring an anti-pattern into the reply is passed over.
func TestComposeRestatementAntiPattern(t *testing.T) {
	for _, msg := range []string{
		"Your agent told me to calm down. My parcel is three weeks late.",
		"Your agent said it's company policy and there's nothing he can do.",
		"You should have told me the flight was cancelled!",
	} {
		for seed := range uint64(4) {
			rep, err := Compose(Request{Message: msg, Seed: seed, Remedies: []string{"a refund"}})
			if err != nil {
				t.Fatalf("%q: %v", msg, err)
			}
			if len(rep.Evaluation.AntiPatterns) > 0 {
				t.Errorf("%q: anti-patterns %v in\n%s", msg, rep.Evaluation.AntiPatterns, rep.Text)
			}
		}
	}
}

// TestComposeConcurrent composes from several goroutines with one
// Composer; the race detector checks the sharing.
func TestComposeConcurrent(t *testing.T) {
	c, err := NewComposer()
	if err != nil {
		t.Fatal(err)
	}
	want, err := c.Compose(composeRequestFor("I was charged twice!", 3, Email))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				got, err := c.Compose(composeRequestFor("I was charged twice!", 3, Email))
				if err != nil || got.Text != want.Text {
					t.Errorf("goroutine %d: %v, %q", g, err, got.Text)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestRegisterText checks the register's text form.
func TestRegisterText(t *testing.T) {
	for _, r := range []Register{Chat, Email} {
		b, err := r.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Register
		if err := back.UnmarshalText(b); err != nil || back != r {
			t.Errorf("%s: round trip gave %v, %v", r, back, err)
		}
	}
	var r Register
	if err := r.UnmarshalText([]byte("EMAIL")); err != nil || r != Email {
		t.Errorf("EMAIL: %v, %v", r, err)
	}
	if err := r.UnmarshalText([]byte("fax")); err == nil {
		t.Error("fax accepted as a register")
	}
	if _, err := Register(9).MarshalText(); err == nil {
		t.Error("Register(9) marshalled")
	}
	var req Request
	if err := json.Unmarshal([]byte(`{"message": "x", "register": "email"}`), &req); err != nil || req.Register != Email {
		t.Errorf("JSON request: %v, %v", req.Register, err)
	}
}

// TestPhrasingsCountForTheirTechnique checks every phrasing of the
// phrasebook, filled in, on its own: it must count for its technique in
// the default rubric and show no anti-pattern.
func TestPhrasingsCountForTheirTechnique(t *testing.T) {
	pb := phrasebook()
	v := &composeSlots{
		clause: "your order arrived broken and nobody answered your emails", customer: "Maria", agent: "Sam",
		contact: "555-0142", by: "by Friday", remedies: []string{"a full refund", "a replacement"},
	}
	check := func(id ID, list []string, remedies int) {
		t.Helper()
		for _, p := range list {
			vv := *v
			vv.remedies = v.remedies[:remedies]
			d := &composeDraft{}
			d.add(id, p, &vv)
			text := d.text.String()
			var ev *Evaluation
			if id == Restate {
				ev = Evaluate(text, WithCustomer("My order arrived broken and nobody answered my emails."))
			} else {
				ev = Evaluate(text)
			}
			if len(ev.AntiPatterns) > 0 {
				t.Errorf("%q shows %v", text, ev.AntiPatterns)
			}
			if id != "" && !ev.Has(id) {
				t.Errorf("%q does not count as %s (found %v)", text, id, ev.Techniques)
			}
		}
	}
	for _, g := range []*phraseChoices{&pb.greetName, &pb.greetNameAgent, &pb.greetAgent, &pb.greetNone} {
		check("", g.all(), 0)
	}
	check("", pb.signOff, 0)
	check(Restate, pb.restate.all(), 0)
	for l := range pb.validate {
		check(Validate, pb.validate[l].all(), 0)
		check(Apologize, pb.apologize[l].all(), 0)
	}
	check(Validate, pb.validateWorry.all(), 0)
	check(Escalate, pb.escalate.all(), 0)
	check(Options, pb.optionsOne.all(), 1)
	check(Options, pb.optionsMany.all(), 2)
	check(Ask, pb.ask.all(), 0)
	check(Ask, pb.askQuestion.all(), 0)
	check(Commit, pb.commitBy.all(), 1)
	check(Commit, pb.commitChoiceBy.all(), 2)
	check(Commit, pb.commit.all(), 1)
	check(Commit, pb.commitChoice.all(), 2)
	check(Document, pb.document.all(), 0)
	check(FollowUp, pb.followUp.all(), 0)
	check(Contact, pb.contact.all(), 0)
	check(Thank, pb.thank.all(), 0)
	check(Thank, pb.thankQuestion.all(), 0)
}

// FuzzCompose checks that any message gets a reply with no anti-pattern
// that passes, or ErrNoMessage for a blank one, and never a panic.
func FuzzCompose(f *testing.F) {
	for _, s := range []string{
		"My order arrived broken and nobody answered my emails.",
		"WHERE IS MY FOOD. 2 HOURS. 2 F***ING HOURS.",
		"Why does your website keep logging me out?",
		"\"I\" said 'you' me?! ... ,,, ''",
		"",
		"\xff\xfe I was charged",
	} {
		f.Add(s, uint64(1))
	}
	f.Fuzz(func(t *testing.T, msg string, seed uint64) {
		rep, err := Compose(Request{Message: msg, Seed: seed, Remedies: []string{"a refund", "a replacement"}, Register: Register(seed % 2)})
		if strings.TrimSpace(msg) == "" {
			var ce *ComposeError
			if !errors.As(err, &ce) || ce.Code != ErrNoMessage {
				t.Fatalf("blank message: %v", err)
			}
			return
		}
		if err != nil {
			t.Fatalf("%q: %v", msg, err)
		}
		if !utf8.ValidString(rep.Text) {
			t.Fatalf("invalid UTF-8 in %q", rep.Text)
		}
		if len(rep.Evaluation.AntiPatterns) > 0 || !rep.Evaluation.Report.Passed {
			t.Fatalf("%q: reply fails: %v\n%s", msg, rep.Evaluation.AntiPatterns, rep.Text)
		}
	})
}
