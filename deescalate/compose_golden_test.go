package deescalate

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The golden files of Compose: testdata/compose/<case>.json holds a
// Request, <case>.golden the reply and its plan. Rewrite them with
//
//	go test -run TestComposeGolden -update ./deescalate/
//
// The flag is looked up before it is defined, so that another golden test
// of the package may define "update" too.
var _ = composeUpdateFlag()

func composeUpdateFlag() bool {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
	return true
}

// updating reports whether -update was given.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// goldenReply writes a reply and its plan the way the golden files hold
// them: the text, then one line per sentence of the plan.
func goldenReply(rep *Reply) []byte {
	var b bytes.Buffer
	b.WriteString(rep.Text)
	b.WriteString("\n\n-- plan --\n")
	for _, s := range rep.Sentences {
		tech := string(s.Technique)
		if tech == "" {
			tech = "-"
		}
		b.WriteString(tech)
		b.WriteString("\t")
		b.WriteString(strings.ReplaceAll(s.Text, "\n", `\n`))
		b.WriteString("\n")
	}
	return b.Bytes()
}

func TestComposeGolden(t *testing.T) {
	inputs, err := filepath.Glob("../testdata/compose/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no golden inputs in ../testdata/compose")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			var req Request
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&req); err != nil {
				t.Fatalf("%s: %v", in, err)
			}
			rep, err := Compose(req)
			if err != nil {
				t.Fatal(err)
			}
			got := goldenReply(rep)
			golden := strings.TrimSuffix(in, ".json") + ".golden"
			if updating() {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the composed reply:\n--- got ---\n%s\n--- want ---\n%s", golden, got, want)
			}
		})
	}
}
