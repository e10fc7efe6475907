package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func runAutoqa(t *testing.T, input string, workers int) ([]map[string]any, *summary) {
	t.Helper()
	var out, progress bytes.Buffer
	sum, err := process(strings.NewReader(input), &out, &progress, workers, 0)
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		var row map[string]any
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("output line is not JSON: %v: %s", err, line)
		}
		rows = append(rows, row)
	}
	return rows, sum
}

func TestContractShapes(t *testing.T) {
	input := strings.Join([]string{
		`{"id": "r1", "reply": "I'm so sorry your order arrived broken. I can send a replacement today or refund you, whichever you prefer.", "customer": "My order arrived broken!"}`,
		`{"id": "m1", "message": "This is the THIRD time I'm calling!!! I want a manager or I will sue."}`,
		`{"id": "c1", "agent": "sam", "turns": [{"role": "customer", "text": "You charged me twice!!"}, {"role": "agent", "text": "I'm so sorry about that. I've refunded the second charge. Thanks for letting us know."}]}`,
		`{"id": 7, "reply": "It's our policy."}`,
	}, "\n")
	rows, sum := runAutoqa(t, input, 2)
	if len(rows) != 4 {
		t.Fatalf("%d output lines for 4 input lines", len(rows))
	}
	r := rows[0]
	if r["id"] != "r1" || r["passed"] == nil || r["score"] == nil || r["findings"] == nil {
		t.Errorf("reply output lacks contract fields: %v", r)
	}
	if tech, _ := r["techniques"].([]any); !containsAny(tech, "apologize") || !containsAny(tech, "options") {
		t.Errorf("techniques = %v", r["techniques"])
	}
	m := rows[1]
	if m["id"] != "m1" || m["level"] != "furious" || m["escalate"] != true || m["anger"].(float64) < 0.7 {
		t.Errorf("message output: %v", m)
	}
	c := rows[2]
	if c["id"] != "c1" || len(c["turns"].([]any)) != 2 || c["findings"] == nil || c["trajectory"] == nil {
		t.Errorf("conversation output: %v", c)
	}
	if rows[3]["id"] != float64(7) || rows[3]["passed"] != false || !containsAny(rows[3]["antipatterns"].([]any), "policy") {
		t.Errorf("numeric id or policy reply: %v", rows[3])
	}
	if sum.Replies != 2 || sum.Messages != 1 || sum.Conversations != 1 || sum.Errors != 0 {
		t.Errorf("summary counts: %+v", sum)
	}
	if av, ok := sum.Agents["sam"]; !ok || av.Scored != 1 {
		t.Errorf("per-agent summary: %+v", sum.Agents)
	}
	if len(sum.AntiPatterns) == 0 || sum.AntiPatterns[0].ID != "policy" {
		t.Errorf("most frequent anti-patterns: %+v", sum.AntiPatterns)
	}
}

func containsAny(xs []any, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestMalformedLinesAreKept(t *testing.T) {
	input := strings.Join([]string{
		`not json at all`,
		`{"id": "broken", "reply": "unterminated`,
		`{"id": "x1"}`,
		`{"id": "t1", "turns": [{"role": "bot", "text": "hi"}]}`,
		`{"id": "t2", "turns": []}`,
		`{"id": {"nested": true}, "message": "fine"}`,
		`[1, 2, 3]`,
		`{"id": "ok", "message": "Thanks, all sorted now."}`,
	}, "\n")
	rows, sum := runAutoqa(t, input, 3)
	if len(rows) != 8 {
		t.Fatalf("%d output lines for 8 input lines", len(rows))
	}
	wantErr := []bool{true, true, true, true, true, false, true, false}
	for i, row := range rows {
		_, isErr := row["error"]
		if isErr != wantErr[i] {
			t.Errorf("line %d: error=%v, want %v: %v", i+1, isErr, wantErr[i], row)
		}
	}
	if rows[1]["id"] != "broken" {
		t.Errorf("the id of a truncated line should be salvaged: %v", rows[1])
	}
	if rows[0]["id"] != nil {
		t.Errorf("a line with no id gives null: %v", rows[0])
	}
	if rows[5]["id"] != nil {
		t.Errorf("an object id is not copied: %v", rows[5])
	}
	if sum.Errors != 6 || sum.Lines != 8 {
		t.Errorf("summary: %+v", sum)
	}
}

func TestOrderKeptAcrossWorkers(t *testing.T) {
	var b strings.Builder
	const n = 300
	for i := 0; i < n; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "{\"id\": %d, \"reply\": \"Sorry for the wait, I've issued a refund.\"}\n", i)
		case 1:
			fmt.Fprintf(&b, "{\"id\": %d, \"message\": \"WHERE IS MY ORDER???\"}\n", i)
		default:
			fmt.Fprintf(&b, "{\"id\": %d, bad json}\n", i)
		}
	}
	rows, _ := runAutoqa(t, b.String(), 4)
	if len(rows) != n {
		t.Fatalf("%d output lines for %d", len(rows), n)
	}
	for i, row := range rows {
		if row["id"] != float64(i) {
			t.Fatalf("line %d has id %v: order not kept", i, row["id"])
		}
	}
}

func TestLongLine(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"id": "big", "reply": "`)
	b.WriteString(strings.Repeat("sorry ", 200000))
	b.WriteString("\"}\n{\"id\": \"after\", \"message\": \"ok\"}\n")
	rows, _ := runAutoqa(t, b.String(), 2)
	if len(rows) != 2 || rows[0]["id"] != "big" || rows[1]["id"] != "after" {
		t.Fatalf("a 1.2 MB line: %d rows", len(rows))
	}
}
