package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/empathy-go/empathy/deescalate"
	"github.com/empathy-go/empathy/examples/autoqa/internal/twcsjsonl"
	"github.com/empathy-go/empathy/rubric"
)

// edgeLines are input lines for the decoder's edge cases: each must decode
// as json.Unmarshal decodes it, or be left to it.
var edgeLines = []string{
	`{"id": "r1", "reply": "Sorry", "customer": "Broken!"}`,
	`  {"id":7,"message":"ok"}  ` + "\r\n",
	`{"id": -1.5e+3, "message": "x"}`,
	`{"id": "a<b>&c\u2028", "message": "<b>&amp;</b> \u2029"}`,
	`{"id": {"nested": [1, {"a": null}]}, "message": "fine"}`,
	`{"id": null, "message": "m"}`,
	`{"id": true, "message": "m"}`,
	`{"message": "no id"}`,
	`{}`,
	`{"ID": "upper", "Message": "case folded"}`,
	`{"id": "k", "meſsage": "long s folds to s"}`,
	`{"id": "e", "mess\u0061ge": "escaped key"}`,
	`{"id": "d", "message": "one", "message": "two"}`,
	`{"id": "d", "id": "twice", "message": "m"}`,
	`{"id": "n", "reply": null, "message": "null reply"}`,
	`{"id": "n", "turns": null, "message": "null turns"}`,
	`{"id": "n", "agent": null, "message": "null agent"}`,
	`{"id": "t", "reply": 5}`,
	`{"id": "t", "turns": {}}`,
	`{"id": "t", "turns": []}`,
	`{"id": "t", "turns": [null]}`,
	`{"id": "t", "turns": [1]}`,
	`{"id": "t", "agent": "sam", "turns": [{"role": "customer", "text": "Hi!!", "at": [1, 2.5e-3, "x"]}, {"text": "Hello", "role": "agent"}]}`,
	`{"id": "t", "turns": [{"Role": "customer", "text": "folded"}]}`,
	`{"id": "t", "turns": [{"role": "customer", "role": "agent", "text": "dup"}]}`,
	`{"id": "t", "turns": [{}]}`,
	`{"id": "s", "message": "tab\there \"quoted\" back\\slash \/ \b\f\n\r \u00e9 \uD83D\uDE00 \u0000"}`,
	`{"id": "s", "message": "lone \uD83D surrogate"}`,
	`{"id": "s", "message": "reversed \uDE00\uD83D pair"}`,
	`{"id": "s", "message": "bad \x escape"}`,
	`{"id": "s", "message": "short \u12 escape"}`,
	"{\"id\": \"s\", \"message\": \"raw\tcontrol\"}",
	"{\"id\": \"s\", \"message\": \"invalid \xff utf-8\"}",
	"{\"id\": \"s\", \"note\": \"invalid \xff utf-8 in a skipped value\", \"message\": \"ok\"}",
	"{\"id\": \"\xff\", \"message\": \"invalid utf-8 in the id\"}",
	`{"id": "s", "message": "é ü 日本語 🙂"}`,
	`{"id": 01, "message": "leading zero"}`,
	`{"id": 1., "message": "bad number"}`,
	`{"id": -, "message": "bad number"}`,
	`{"id": 1e, "message": "bad number"}`,
	`{"id": 0.5E-7, "message": "small"}`,
	`{"id": "x", "message": "m"} trailing`,
	`{"id": "x", "message": "m"}{}`,
	`{"id": "x", "message": "m",}`,
	`{"id": "x" "message": "m"}`,
	`{"id": "x", "message": "m"`,
	`{"id": "x", "extra": [tru]}`,
	`{"id": "x", "extra": nul, "message": "m"}`,
	`{"id": "x", "extra": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]], "message": "deep"}`,
	`[1, 2, 3]`,
	`"string"`,
	`not json`,
	"\ufeff{\"id\": \"bom\", \"message\": \"m\"}",
	``,
}

// checkDecode compares decodeLine with json.Unmarshal on one line.
func checkDecode(t *testing.T, line []byte) {
	t.Helper()
	var fast, want inputLine
	ok := decodeLine(line, &fast)
	err := json.Unmarshal(line, &want)
	if !ok {
		return // left to json.Unmarshal
	}
	if err != nil {
		t.Fatalf("decodeLine accepts a line json.Unmarshal rejects (%v): %q", err, line)
	}
	if !reflect.DeepEqual(fast, want) {
		t.Fatalf("decodeLine and json.Unmarshal differ on %q:\n fast %s\n want %s", line, dump(fast), dump(want))
	}
}

func dump(in inputLine) string {
	s := fmt.Sprintf("id=%q agent=%q customer=%q turns=%#v", in.ID, in.Agent, in.Customer, in.Turns)
	if in.Reply != nil {
		s += fmt.Sprintf(" reply=%q", *in.Reply)
	}
	if in.Message != nil {
		s += fmt.Sprintf(" message=%q", *in.Message)
	}
	return s
}

// corpusLines are the project's own corpora as autoqa input (replies with
// context, messages, and conversations built from them), the edge cases,
// and the twcs lines when the development data is there.
func corpusLines(t testing.TB) [][]byte {
	var lines [][]byte
	for _, s := range edgeLines {
		lines = append(lines, []byte(s))
	}
	var msgs, replies []string
	for _, name := range []string{"replies", "messages"} {
		raw, err := os.ReadFile("../../testdata/" + name + ".jsonl")
		if err != nil {
			t.Fatal(err)
		}
		for line := range bytes.Lines(raw) {
			lines = append(lines, line)
			var v struct{ Message, Reply string }
			if err := json.Unmarshal(line, &v); err != nil {
				t.Fatal(err)
			}
			if v.Message != "" {
				msgs = append(msgs, v.Message)
			}
			if v.Reply != "" {
				replies = append(replies, v.Reply)
			}
		}
	}
	for i := 0; i+1 < len(msgs) && i+1 < len(replies); i += 2 {
		turns := []deescalate.Turn{{Role: deescalate.Customer, Text: msgs[i]}, {Role: deescalate.Agent, Text: replies[i]}}
		if i%4 == 0 {
			turns = append(turns, deescalate.Turn{Role: deescalate.Customer, Text: msgs[i+1]}, deescalate.Turn{Role: deescalate.Agent, Text: replies[i+1]})
		}
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("conv%d", i), "agent": "a", "turns": turns})
		lines = append(lines, line)
	}
	if convs, err := twcsjsonl.Load(twcsPath); err == nil {
		var buf bytes.Buffer
		if _, err := twcsjsonl.Write(&buf, convs, 0); err != nil {
			t.Fatal(err)
		}
		for line := range bytes.Lines(buf.Bytes()) {
			lines = append(lines, line)
		}
	}
	return lines
}

func TestDecodeLineMatchesEncodingJSON(t *testing.T) {
	fast := 0
	lines := corpusLines(t)
	for _, line := range lines {
		checkDecode(t, line)
		var in inputLine
		if decodeLine(line, &in) {
			fast++
		}
	}
	t.Logf("%d of %d lines decoded by the fast path", fast, len(lines))
	if fast < len(lines)/2 {
		t.Errorf("the fast path decodes only %d of %d lines", fast, len(lines))
	}
}

func FuzzDecodeLine(f *testing.F) {
	for _, s := range edgeLines {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		checkDecode(t, line)
	})
}

// TestEncoderMatchesMarshal compares each output line written by the
// encoder with json.Marshal of the output types, on the corpus: the whole
// pipeline, line by line.
func TestEncoderMatchesMarshal(t *testing.T) {
	eng, err := loadEngine()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range corpusLines(t) {
		out, _ := eng.handle([]byte("previous line\n"), line, nil)
		got := strings.TrimPrefix(string(out), "previous line\n")
		want := string(referenceLine(eng, line))
		if got != want {
			t.Fatalf("line %q:\n got  %s\n want %s", line, got, want)
		}
	}
}

// referenceLine is the output line for an input line by encoding/json
// alone, as autoqa wrote it before it had fast paths.
func referenceLine(eng *engine, line []byte) []byte {
	var in inputLine
	if err := json.Unmarshal(line, &in); err != nil {
		return marshalLine(nil, errorOut{ID: idOrNull(salvageID(line)), Error: "invalid JSON: " + err.Error()})
	}
	id := idOrNull(in.ID)
	switch {
	case in.Turns != nil:
		for i, t := range in.Turns {
			if t.Role != deescalate.Customer && t.Role != deescalate.Agent {
				return marshalLine(nil, errorOut{ID: id, Error: fmt.Sprintf("turns[%d].role: %q is neither \"customer\" nor \"agent\"", i, t.Role)})
			}
		}
		if len(in.Turns) == 0 {
			return marshalLine(nil, errorOut{ID: id, Error: "turns: empty conversation"})
		}
		return marshalLine(nil, conversationFields(id, eng.ev.Review(in.Turns)))
	case in.Reply != nil:
		var opts []deescalate.EvalOption
		if in.Customer != "" {
			opts = append(opts, deescalate.WithCustomer(in.Customer))
		}
		ro := replyFields(eng.ev.Evaluate(*in.Reply, opts...))
		ro.ID = id
		return marshalLine(nil, ro)
	case in.Message != nil:
		mo := messageFields(eng.as.Assess(*in.Message))
		mo.ID = id
		return marshalLine(nil, mo)
	}
	return marshalLine(nil, errorOut{ID: id, Error: `the line has none of "reply", "message" or "turns"`})
}

// TestEncoderEdgeValues compares the encoder with json.Marshal on values
// the library rarely gives: escapes, invalid UTF-8, extreme floats, empty
// and nil lists; and checks that it steps aside on values json.Marshal
// rejects.
func TestEncoderEdgeValues(t *testing.T) {
	texts := []string{"", "plain", `"quoted" \back\ <b>&amp;</b>`, "\x00\x01\b\f\n\r\t\x1f\x7f", "é日本🙂", "bad \xff\xfe utf-8 \xe2\x80", "\u2028 and \u2029"}
	floats := []float64{0, math.Copysign(0, -1), 0.1, 1, -2.5, 87.5, 1e-6, 9.99e-7, 1e-7, 1.5e-10, 1e20, 1e21, 1.2345e25, -3e-9, 0.12522913403603564, math.MaxFloat64, math.SmallestNonzeroFloat64}
	ids := []json.RawMessage{json.RawMessage(`"r1"`), json.RawMessage(`7`), json.RawMessage(`-1.5e+3`), json.RawMessage(`"a<b>&c` + "\u2028\u2029" + `\u003c"`), json.RawMessage(`null`)}
	check := func(name string, write func(*encoder), v any) {
		t.Helper()
		enc := encoder{ok: true}
		write(&enc)
		want, err := json.Marshal(v)
		if err != nil {
			if enc.ok {
				t.Errorf("%s: json.Marshal fails (%v) but the encoder does not step aside", name, err)
			}
			return
		}
		if !enc.ok {
			t.Errorf("%s: the encoder steps aside on a value json.Marshal writes: %s", name, want)
			return
		}
		if string(enc.b) != string(want) {
			t.Errorf("%s:\n got  %s\n want %s", name, enc.b, want)
		}
	}
	for i := range max(len(texts), len(floats)) {
		text := texts[i%len(texts)]
		f := floats[i%len(floats)]
		id := ids[i%len(ids)]
		a := deescalate.Assessment{Anger: f, Level: deescalate.Level(i % 5), Escalate: i%2 == 0}
		if i%3 != 0 {
			a.Signals = []deescalate.Signal{{Kind: text, Start: i, End: i + 3, Text: text, Weight: -f}}
			a.Reasons = []string{text, "x"}
		}
		check(fmt.Sprintf("message %d", i), func(e *encoder) { e.message(id, 0, &a) }, func() messageOut { m := messageFields(a); m.ID = id; return m }())
		ev := &deescalate.Evaluation{Report: &rubric.Report{Score: f, Passed: i%2 == 1}}
		if i%2 == 0 {
			ev.Techniques = []deescalate.ID{deescalate.ID(text)}
			ev.AntiPatterns = []deescalate.ID{"policy", deescalate.ID(text)}
			ev.Report.CriticalFailures = []string{text}
			ev.Report.Findings = []rubric.Finding{
				{ID: text, Status: rubric.Met, Evidence: []rubric.Evidence{{Start: 1, End: 2, Text: text}, {Text: text}}},
				{ID: "x", Status: rubric.Status(i)},
			}
		}
		check(fmt.Sprintf("reply %d", i), func(e *encoder) { e.reply(id, 0, ev) }, func() replyOut { r := replyFields(ev); r.ID = id; return r }())
		cr := &deescalate.ConversationReview{Score: f, Deescalated: i%2 == 0}
		if i%2 == 1 {
			cr.Trajectory = []float64{f, 0.5}
			cr.Turns = []deescalate.TurnReview{{Index: 0, Role: deescalate.Customer, Assessment: &a}, {Index: 1, Role: "other"}, {Index: 2, Role: deescalate.Agent, Evaluation: ev}}
			cr.Findings = []deescalate.ConversationFinding{{ID: text, Status: rubric.Missed, Note: text}, {ID: "y", Status: rubric.NotApplicable}}
		}
		check(fmt.Sprintf("conversation %d", i), func(e *encoder) { e.conversation(id, cr) }, conversationFields(id, cr))
		check(fmt.Sprintf("error %d", i), func(e *encoder) { e.errorLine(id, text) }, errorOut{ID: id, Error: text})
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		a := deescalate.Assessment{Anger: f}
		check(fmt.Sprint("message ", f), func(e *encoder) { e.message(ids[0], 0, &a) }, func() messageOut { m := messageFields(a); m.ID = ids[0]; return m }())
	}
}

// TestEncoderFallback checks that a line the encoder cannot write (a NaN
// score) gives the error line json.Marshal gave.
func TestEncoderFallback(t *testing.T) {
	ev := &deescalate.Evaluation{Report: &rubric.Report{Score: math.NaN()}}
	enc := encoder{ok: true}
	enc.reply(json.RawMessage(`"r"`), 0, ev)
	if enc.ok {
		t.Fatal("the encoder writes NaN")
	}
	got := string(marshalLine(nil, replyFields(ev)))
	if !strings.Contains(got, `"error":"encoding output: json: unsupported value: NaN"`) {
		t.Errorf("fallback line: %s", got)
	}
}
