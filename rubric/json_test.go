package rubric_test

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/empathy-go/empathy/phrases"
	"github.com/empathy-go/empathy/rubric"
)

// everyKind is a rubric built in Go that uses every kind of criterion and
// every option a rubric file can hold.
func everyKind(t testing.TB) *rubric.Rubric {
	t.Helper()
	inner := rubric.MustNew("tone", []rubric.Criterion{
		rubric.Avoid("dismiss", "calm down", "not a big deal"),
		rubric.Not("hedge", rubric.Expect("hedging", "hopefully", "we will try")),
	}, rubric.Threshold(100), rubric.CriticalCap(20), rubric.Title("Tone"))
	r, err := rubric.New("every-kind", []rubric.Criterion{
		rubric.Expect("apology", "i am [so | very] sorry", "i ~apologize").With(
			rubric.Weight(2.5), rubric.Title("Apologises"), rubric.Suggest("Say sorry for the trouble.")),
		rubric.Avoid("blame", "you should have", "<name> ..2 your fault").With(rubric.Critical()),
		rubric.All("contact", rubric.Expect("phone", "<phone>"), rubric.Expect("mail", "<email>")).
			With(rubric.When(rubric.Flag("escalated")), rubric.Weight(0)),
		rubric.Any("thanks", rubric.Expect("thank", "thank you"), rubric.Expect("appreciate", "i ~appreciate")),
		rubric.AtLeast("remedy", 2,
			rubric.Expect("refund", "~refund"),
			rubric.Expect("replace", "(replacement | new one)"),
			rubric.Expect("credit", "store credit"),
		),
		rubric.Before("order", rubric.Expect("sorry", "sorry"), rubric.Expect("fix", "~refund")).
			With(rubric.When(rubric.All("both", rubric.Expect("sorry", "sorry"), rubric.Expect("fix", "~refund")))),
		rubric.Expect("answer", "to answer your question").
			With(rubric.When(rubric.InContext(rubric.Expect("asked", "?")))),
		rubric.Expect("named", "{<name>} here").
			With(rubric.When(rubric.InContext(rubric.Flag("vip").With(rubric.Title("renamed")))), rubric.Title("Gives a name")),
		inner.With(rubric.Weight(1.5)),
	}, rubric.Threshold(72.5), rubric.CriticalCap(35), rubric.Title("Every kind"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var roundTripInputs = []rubric.Input{
	{Text: "I'm so sorry. We will refund you or send a new one. Thank you! Sam here, on 555-014-2266.", Context: "Where is it?", Flags: []string{"escalated", "vip"}},
	{Text: "Calm down. You should have read it. Hopefully we can refund you. Sorry.", Context: "It broke."},
	{Text: ""},
}

// Go → JSON → Go gives the same rubric: the same file again, and the same
// reports.
func TestRoundTrip(t *testing.T) {
	for _, r := range []*rubric.Rubric{everyKind(t), sampleRubric(t)} {
		data, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		back, err := rubric.ParseJSON(data)
		if err != nil {
			t.Fatalf("%s: reading back: %v\n%s", r.ID(), err, data)
		}
		again, err := json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(data) {
			t.Errorf("%s: second encoding differs:\n%s\n%s", r.ID(), data, again)
		}
		ins := append(goldenInputs(t), roundTripInputs...)
		for i, in := range ins {
			if a, b := render(t, r.EvaluateInput(in)), render(t, back.EvaluateInput(in)); a != b {
				t.Errorf("%s: input %d: reports differ after a round trip:\n%s\n%s", r.ID(), i, a, b)
			}
		}
	}
}

// The written form leaves defaults out but always writes the threshold,
// and derived ids (flags, context) are left implicit.
func TestMarshalForm(t *testing.T) {
	r := rubric.MustNew("r", []rubric.Criterion{
		rubric.Expect("a", "<number> items").With(rubric.Weight(1)),
		rubric.Expect("b", "x").With(rubric.When(rubric.InContext(rubric.Expect("q", "?"))), rubric.Weight(0)),
		rubric.Flag("vip"),
	})
	data, err := r.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"r","threshold":80,"criteria":[{"id":"a","expect":["<number> items"]},{"id":"b","weight":0,"when":{"context":{"id":"q","expect":["?"]}},"expect":["x"]},{"flag":"vip"}]}`
	if string(data) != want {
		t.Errorf("MarshalJSON:\n%s\nwant\n%s", data, want)
	}
}

func TestMarshalFunc(t *testing.T) {
	fn := func(*rubric.Text, []phrases.Match) rubric.Result { return rubric.Result{Status: rubric.Met} }
	r := rubric.MustNew("r", []rubric.Criterion{
		rubric.Expect("a", "x"),
		rubric.All("b", rubric.Func("short", fn)),
		rubric.Func("long", fn),
	})
	_, err := r.MarshalJSON()
	var list rubric.ErrorList
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("error %v, want a list of 2", err)
	}
	if got := list[0].Error(); got != `rubric: criteria[1].all[0]: function criterion "short" cannot be written as JSON` {
		t.Errorf("first error %q", got)
	}
	if list[1].Code != rubric.ErrFunc || list[1].Path != "criteria[2]" {
		t.Errorf("second error %+v", list[1])
	}
	if _, err := json.Marshal(r); !errors.As(err, &list) {
		t.Errorf("json.Marshal error %v does not unwrap to the list", err)
	}
}

// A rubric can sit in a caller's configuration and be read with it.
func TestUnmarshalJSON(t *testing.T) {
	var cfg struct {
		Name   string
		Rubric *rubric.Rubric
	}
	err := json.Unmarshal([]byte(`{"Name": "x", "Rubric": {"id": "r", "criteria": [{"id": "a", "expect": ["sorry"]}]}}`), &cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep := cfg.Rubric.Evaluate("So sorry."); rep.Score != 100 || rep.ID != "r" {
		t.Errorf("report %+v", rep)
	}
	err = json.Unmarshal([]byte(`{"Rubric": {"id": "r", "criteria": [{"id": "a", "expect": ["@VBX"]}]}}`), &cfg)
	var pe *phrases.Error
	if !errors.As(err, &pe) || pe.Code != phrases.ErrUnknownTag {
		t.Errorf("error %v does not unwrap to the phrases error", err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"the issue's example", `{"id": "r", "criteria": [
			{"id": "a", "expect": ["sorry"]},
			{"id": "b", "expect": ["thanks"]},
			{"id": "c", "avoid": ["sorry @VBX"]}
		]}`, []string{
			`rubric: criteria[2].avoid[0]: phrases: unknown tag "VBX" at offset 7`,
		}},
		{"every problem at once, in document order", `{
			"id": "r", "threshold": 120, "colour": "blue",
			"criteria": [
				{"id": "a", "weight": "2", "expect": ["sorry", 3, "(x"]},
				{"id": "a", "avoid": ["ok"]},
				{"expect": ["x"], "avoid": ["y"]},
				{"id": "d"},
				{"id": "e f", "critical": "yes", "expect": []},
				{"id": "g", "at_least": {"n": 1.5, "of": [{"id": "h", "flag": "x y"}], "m": 1}},
				{"id": "i", "before": [{"id": "j", "expect": ["a"]}]},
				{"id": "k", "when": {"context": {"id": "l", "expect": ["<foo>"]}}, "expect": ["z"]},
				{"id": "m", "not": {"id": "n", "context": {"id": "o", "expect": ["q"]}}},
				{"id": "p", "threshold": 50, "expect": ["z"]},
				{"id": "q", "expect": ["z"], "id": "r"}
			]
		}`, []string{
			`rubric: threshold: threshold must be between 0 and 100, not 120`,
			`rubric: colour: unknown field "colour"`,
			`rubric: criteria[0].weight: want a number, got a string`,
			`rubric: criteria[0].expect[1]: want a string, got a number`,
			`rubric: criteria[0].expect[2]: phrases: missing closing bracket ")" at offset 0`,
			`rubric: criteria[1].id: duplicate id "a" (first at criteria[0])`,
			`rubric: criteria[2]: names several kinds of criterion (expect, avoid): give only one`,
			`rubric: criteria[3]: names no kind of criterion: give one of expect, avoid, all, any, not, at_least, before, flag, context or criteria`,
			`rubric: criteria[4].id: invalid id "e f": use letters, digits, '_', '-' and '.', starting with a letter or digit`,
			`rubric: criteria[4].critical: want true or false, got a string`,
			`rubric: criteria[4].expect: needs at least one pattern`,
			`rubric: criteria[5].at_least.n: n must be a whole number, not 1.5`,
			`rubric: criteria[5].at_least.of[0].flag: flag name: invalid id "x y": use letters, digits, '_', '-' and '.', starting with a letter or digit`,
			`rubric: criteria[5].at_least.m: unknown field "m"`,
			`rubric: criteria[6].before: needs exactly two criteria, not 1`,
			`rubric: criteria[7].when.context.expect[0]: phrases: unknown class "foo" at offset 0`,
			`rubric: criteria[8].not: a context criterion is only allowed in a condition (when)`,
			`rubric: criteria[9].threshold: only a rubric has a threshold`,
			`rubric: criteria[10].id: duplicate field "id"`,
		}},
		{"syntax error names its path and position", "{\"id\": \"r\", \"criteria\": [\n  {\"id\": \"a\", \"expect\": [\"x\",]}\n]}", []string{
			`rubric: criteria[0].expect[1]: invalid character ']' looking for beginning of value (line 2, column 30)`,
		}},
		{"truncated file", `{"id": "r", "criteria": [{"id": "a", "expect": ["x"`, []string{
			`rubric: criteria[0].expect[0]: unexpected end of JSON input (line 1, column 52)`,
		}},
		{"empty file", ``, []string{`rubric: $: unexpected end of JSON input (line 1, column 1)`}},
		{"not an object", `[1, 2]`, []string{`rubric: $: want an object, got an array`}},
		{"no criteria", `{"id": "r"}`, []string{`rubric: criteria: missing criteria`}},
		{"a criterion, not a rubric", `{"id": "r", "expect": ["x"]}`, []string{`rubric: $: a rubric file must hold a rubric, with criteria, not expect`}},
		{"odd keys are quoted", `{"id": "r", "criteria": [{"id": "a", "expect": ["x"], "we.ird key": 1}]}`, []string{
			`rubric: criteria[0]["we.ird key"]: unknown field "we.ird key"`,
		}},
		{"numbers", `{"id": "r", "critical_cap": 1e999, "criteria": [{"id": "a", "weight": -0.5, "expect": ["x"]}]}`, []string{
			`rubric: critical_cap: number out of range: 1e999`,
			`rubric: criteria[0].weight: weight must be a finite number, 0 or more, not -0.5`,
		}},
		{"a bad context criterion is reported once", `{"id": "r", "criteria": [{"id": "a", "expect": ["x"], "when": {"context": 5}}]}`, []string{
			`rubric: criteria[0].when.context: want an object, got a number`,
		}},
		{"problems found while compiling sort among those found while reading", `{"id": "r", "colour": 1, "criteria": [{"expect": ["x"]}, {"id": "b", "expect": [1]}]}`, []string{
			`rubric: colour: unknown field "colour"`,
			`rubric: criteria[0].id: missing id`,
			`rubric: criteria[1].expect[0]: want a string, got a number`,
		}},
		{"at_least needs n and of", `{"id": "r", "criteria": [{"id": "a", "at_least": {"of": [{"flag": "x"}]}}, {"id": "b", "at_least": {"n": 1}}, {"id": "c", "at_least": []}]}`, []string{
			`rubric: criteria[0].at_least.n: missing n`,
			`rubric: criteria[1].at_least.of: missing of`,
			`rubric: criteria[2].at_least: want an object, got an array`,
		}},
		{"null", `{"id": "r", "criteria": [null, {"id": "b", "when": null, "flag": "x"}]}`, []string{
			`rubric: criteria[0]: want an object, got null`,
			`rubric: criteria[1].when: want an object, got null`,
		}},
	}
	for _, tt := range tests {
		_, err := rubric.ParseJSON([]byte(tt.file))
		var list rubric.ErrorList
		if !errors.As(err, &list) {
			t.Fatalf("%s: error %v (%T), want an ErrorList", tt.name, err, err)
		}
		var got []string
		for _, e := range list {
			got = append(got, e.Error())
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: errors\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestSampleFile(t *testing.T) {
	r := sampleRubric(t)
	if r.ID() != "support-reply" || r.Threshold() != 70 || len(r.Criteria()) != 8 {
		t.Errorf("sample rubric: %q, threshold %v, %d criteria", r.ID(), r.Threshold(), len(r.Criteria()))
	}
	// The file is written by hand; check that it stays valid JSON a
	// generic tool can read, with the documented top-level fields only.
	data, err := os.ReadFile("../testdata/sample-rubric.json")
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		t.Fatal(err)
	}
	for k := range top {
		switch k {
		case "id", "title", "threshold", "critical_cap", "criteria":
		default:
			t.Errorf("sample file has undocumented top-level field %q", k)
		}
	}
}

// The examples in the package documentation compile and agree.
func TestDocExamples(t *testing.T) {
	file := `{
	  "id": "reply",
	  "title": "Reply quality",
	  "threshold": 75,
	  "criteria": [
	    {"id": "apology", "weight": 2, "expect": ["i am [so | very] sorry", "i ~apologize"]},
	    {"id": "blame", "critical": true, "avoid": ["you should have"],
	     "suggestion": "Say what you will do, not what they did wrong."},
	    {"id": "remedy", "at_least": {"n": 1, "of": [
	      {"id": "refund", "expect": ["refund"]},
	      {"id": "replacement", "expect": ["(replacement | new one)"]}
	    ]}},
	    {"id": "answer", "when": {"context": {"id": "asked", "expect": ["?"]}},
	     "expect": ["to answer your question"]}
	  ]
	}`
	fromFile, err := rubric.ParseJSON([]byte(file))
	if err != nil {
		t.Fatal(err)
	}
	inGo, err := rubric.New("reply", []rubric.Criterion{
		rubric.Expect("apology", "i am [so | very] sorry", "i ~apologize").With(rubric.Weight(2)),
		rubric.Avoid("blame", "you should have").With(rubric.Critical()),
		rubric.AtLeast("remedy", 1,
			rubric.Expect("refund", "refund"),
			rubric.Expect("replacement", "(replacement | new one)"),
		),
	}, rubric.Threshold(75))
	if err != nil {
		t.Fatal(err)
	}
	in := rubric.Input{Text: "I'm so sorry. A refund is on its way.", Context: "Where is it?"}
	a, b := fromFile.EvaluateInput(in), inGo.EvaluateInput(in)
	if a.Score != 80 || b.Score != 100 || find(t, a, "answer").Status != rubric.Missed {
		t.Errorf("scores %v and %v", a.Score, b.Score)
	}
}
