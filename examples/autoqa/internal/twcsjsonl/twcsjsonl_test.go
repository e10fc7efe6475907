package twcsjsonl

import (
	"bytes"
	"encoding/json"
	"testing"
)

// twcsPath is the twcs development data set, beside the checkout; the test
// skips when it is absent.
const twcsPath = "../../../../../shared/data/twcs/conversations.json"

func TestWrite(t *testing.T) {
	convs, err := Load(twcsPath)
	if err != nil {
		t.Skipf("development data not available: %v", err)
	}
	var one bytes.Buffer
	c1, err := Write(&one, convs, 0)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	c, err := Write(&buf, convs, c1.Bytes+1)
	if err != nil {
		t.Fatal(err)
	}
	if c.Replicas != 2 || c.Bytes != int64(buf.Len()) || c.Bytes != 2*c1.Bytes || c.Lines != 2*c1.Lines {
		t.Fatalf("two replicas: %v; one: %v; %d bytes written", c, c1, buf.Len())
	}
	ids := map[string]bool{}
	var shapes [3]int
	for line := range bytes.Lines(buf.Bytes()) {
		var v struct {
			ID      string
			Reply   *string
			Message *string
			Turns   []Turn
		}
		if err := json.Unmarshal(line, &v); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if ids[v.ID] {
			t.Fatalf("id %q twice", v.ID)
		}
		ids[v.ID] = true
		n := 0
		if v.Reply != nil {
			shapes[0]++
			n++
		}
		if v.Message != nil {
			shapes[1]++
			n++
		}
		if v.Turns != nil {
			shapes[2]++
			n++
			for _, tr := range v.Turns {
				if tr.Role != "customer" && tr.Role != "agent" || tr.Text == "" {
					t.Fatalf("turn %+v in %s", tr, v.ID)
				}
			}
		}
		if n != 1 {
			t.Fatalf("line %s has %d shapes", v.ID, n)
		}
	}
	if shapes != [3]int{c.Replies, c.Messages, c.Conversations} || len(ids) != c.Lines {
		t.Errorf("counted %v lines by shape (%d ids), Write says %v", shapes, len(ids), c)
	}
}
