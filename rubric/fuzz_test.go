package rubric_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/empathy-go/empathy/rubric"
)

// FuzzParseJSON checks that reading any file never panics, that every
// error names a path, and that every rubric read writes back to a file
// that reads into the same rubric.
func FuzzParseJSON(f *testing.F) {
	if data, err := os.ReadFile("../testdata/sample-rubric.json"); err == nil {
		f.Add(data)
	}
	for _, s := range []string{
		`{"id": "r", "criteria": [{"id": "a", "expect": ["sorry"]}]}`,
		`{"id": "r", "threshold": 50, "critical_cap": 10, "criteria": [{"id": "a", "weight": 2, "critical": true, "avoid": ["x @VBX"]}]}`,
		`{"id": "r", "criteria": [{"id": "a", "at_least": {"n": 2, "of": [{"flag": "f"}, {"id": "b", "not": {"id": "c", "expect": ["<number>"]}}]}}]}`,
		`{"id": "r", "criteria": [{"id": "a", "when": {"context": {"id": "q", "expect": ["?"]}}, "before": [{"id": "x", "expect": ["a"]}, {"id": "y", "expect": ["b"]}]}]}`,
		`{"id": "r", "criteria": [{"id": "t", "criteria": [{"id": "a", "any": [{"id": "b", "expect": ["{x} y"]}]}]}]}`,
		`{"id": "r", "criteria": [{"id": "a", "expect": ["x",]}]}`,
		`{"id": "r", "criteria": [{"id": "a", "expect": ["x"], "id": "b", "wieght": "1"}]}`,
		`[{"id": 1}]`,
		`{"id": "r", "criteria": [{"id": "a", "all": [null, 1, "x", {"expect": ["x"], "avoid": []}]}]}`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := rubric.ParseJSON(data)
		if err != nil {
			checkErrors(t, err)
			return
		}
		out, err := r.MarshalJSON()
		if err != nil {
			t.Fatalf("a rubric read from a file does not write back: %v", err)
		}
		back, err := rubric.ParseJSON(out)
		if err != nil {
			t.Fatalf("a written rubric does not read back: %v\n%s", err, out)
		}
		again, err := back.MarshalJSON()
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("round trip changed the rubric:\n%s\n%s", out, again)
		}
		rep := r.EvaluateInput(rubric.Input{Text: "I'm so sorry. 3 refunds? Call 555-123-4567.", Context: "Why?", Flags: []string{"f", "vip"}})
		if rep.Score < 0 || rep.Score > 100 {
			t.Fatalf("score %v out of range", rep.Score)
		}
		var b bytes.Buffer
		if err := rep.WriteText(&b, "x"); err != nil {
			t.Fatal(err)
		}
	})
}

func checkErrors(t *testing.T, err error) {
	t.Helper()
	var list rubric.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %v (%T) is not a non-empty ErrorList", err, err)
	}
	for _, e := range list {
		if e == nil || e.Path == "" || e.Code == "" || e.Msg == "" {
			t.Fatalf("error without a path, code or message: %#v", e)
		}
		if msg := e.Error(); !strings.HasPrefix(msg, "rubric: "+e.Path+": ") {
			t.Fatalf("message %q does not start with its path", msg)
		}
	}
	_ = list.Error()
}

// FuzzEvaluate checks that any text and context evaluate without panicking,
// into a report whose evidence points into the text and whose renderings
// succeed.
func FuzzEvaluate(f *testing.F) {
	r := sampleRubric(f)
	for _, in := range goldenInputs(f) {
		f.Add(in.Text, in.Context)
	}
	f.Add("", "")
	f.Add("\xff\xfe sorry \x00 refund", "?")
	f.Fuzz(func(t *testing.T, text, context string) {
		rep := r.EvaluateInput(rubric.Input{Text: text, Context: context, Flags: []string{"escalated"}})
		if rep.Score < 0 || rep.Score > 100 || len(rep.Findings) != len(r.Criteria()) {
			t.Fatalf("score %v, %d findings", rep.Score, len(rep.Findings))
		}
		var walk func(fs []rubric.Finding)
		walk = func(fs []rubric.Finding) {
			for _, f := range fs {
				for _, ev := range append(append([]rubric.Evidence{}, f.Evidence...), f.Negated...) {
					if ev.Start < 0 || ev.Start > ev.End || ev.End > len(text) || text[ev.Start:ev.End] != ev.Text {
						t.Fatalf("%s: evidence %+v does not point into the text", f.ID, ev)
					}
				}
				walk(f.Children)
			}
		}
		walk(rep.Findings)
		var b bytes.Buffer
		if err := rep.WriteText(&b, "x"); err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteMarkdown(&b); err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
	})
}
