package deescalate

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// esconvDir holds the ESConv emotional-support dialogues, outside the
// module: development data that a user's clone does not have.
const esconvDir = "../../shared/data/esconv"

// esconvLabels maps ESConv supporter strategies to catalogue techniques,
// as the data's README does. The other strategies (Self-disclosure,
// Affirmation and Reassurance, Information, Others) are negatives for all
// four.
var esconvLabels = map[string]ID{
	"Question":                    Ask,
	"Restatement or Paraphrasing": Restate,
	"Reflection of feelings":      Validate,
	"Providing Suggestions":       Options,
}

type esconvDialogue struct {
	Dialog []struct {
		Text     string `json:"text"`
		Speaker  string `json:"speaker"`
		Strategy string `json:"strategy"`
	} `json:"dialog"`
}

// minLift is how many times the prevalence of a label its precision must
// be on ESConv: when the evaluator reports a technique, the supporter must
// be clearly more likely than chance to have used it.
const minLift = 1.5

// TestESConvCalibration measures ask, restate, validate and options on the
// supporter utterances of ESConv (train and valid), each evaluated with
// the seeker's latest utterance before it as the customer's message.
//
//	go test -run TestESConvCalibration -v ./deescalate/
//
// ESConv is emotional support between peers, not customer service, and
// its labels are one crowd-sourced strategy per utterance, so the figures
// measure how the lexicons carry over to other language, not accuracy.
// Recall is low by design: ESConv's Question includes the closed
// questions ask leaves out, and its Providing Suggestions is mostly
// advice on the seeker's life, of which options counts the suggestion
// frames ("maybe you could talk to your boss", "it might help to ...")
// but not the questions ("have you tried talking to her?"), which the
// project's corpus reads as checks rather than offers. The test logs the
// figures, and requires each technique to be reported at least ten times
// with a precision of at least minLift times the label's prevalence.
func TestESConvCalibration(t *testing.T) {
	if testing.Short() {
		t.Skip("calibration run skipped in short mode")
	}
	var files []string
	for _, name := range []string{"train.jsonl", "valid.jsonl"} {
		path := filepath.Join(esconvDir, name)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("ESConv not available: %v", err)
		}
		files = append(files, path)
	}
	e := testEvaluator(t)
	cs := make(map[ID]*counts)
	for _, id := range esconvLabels {
		cs[id] = &counts{}
	}
	utterances := 0
	for _, path := range files {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var d esconvDialogue
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			seeker := ""
			for _, u := range d.Dialog {
				if u.Speaker != "sys" {
					seeker = u.Text
					continue
				}
				utterances++
				ev := e.Evaluate(u.Text, WithCustomer(seeker))
				for _, id := range esconvLabels {
					want, got := esconvLabels[u.Strategy] == id, ev.Has(id)
					c := cs[id]
					switch {
					case want && got:
						c.tp++
					case got:
						c.fp++
					case want:
						c.fn++
					}
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	ids := []ID{Ask, Restate, Validate, Options}
	t.Logf("%d supporter utterances\n%s", utterances, formatTable(cs, ids))
	for _, id := range ids {
		c := cs[id]
		p := float64(c.tp+c.fn) / float64(utterances)
		t.Logf("%s: prevalence %.3f, precision lift %.1f", id, p, c.precision()/p)
		if c.tp < 10 || c.precision() < minLift*p {
			t.Errorf("%s: %d found, precision %.3f; want at least 10, and precision ≥ %.1f × prevalence %.3f", id, c.tp, c.precision(), minLift, p)
		}
	}
}
