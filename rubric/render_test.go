package rubric_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/empathy-go/empathy/rubric"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sampleRubric loads the sample rubric file shared with the other packages.
func sampleRubric(t testing.TB) *rubric.Rubric {
	t.Helper()
	data, err := os.ReadFile("../testdata/sample-rubric.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := rubric.ParseJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// readInput reads a testdata/*.input file: optional "context:" and
// "flags:" header lines, a "---" line, then the text, verbatim.
func readInput(t testing.TB, name string) rubric.Input {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	head, text, ok := strings.Cut(string(data), "---\n")
	if !ok {
		t.Fatalf("%s: no --- line", name)
	}
	in := rubric.Input{Text: text}
	for _, line := range strings.Split(strings.TrimSpace(head), "\n") {
		key, val, _ := strings.Cut(line, ":")
		val = strings.TrimSpace(val)
		switch key {
		case "context":
			in.Context = val
		case "flags":
			in.Flags = strings.Fields(val)
		case "":
		default:
			t.Fatalf("%s: unknown header %q", name, key)
		}
	}
	return in
}

func inputFiles(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob("testdata/*.input")
	if err != nil || len(names) == 0 {
		t.Fatalf("no testdata/*.input files: %v", err)
	}
	return names
}

func goldenInputs(t testing.TB) []rubric.Input {
	var ins []rubric.Input
	for _, name := range inputFiles(t) {
		ins = append(ins, readInput(t, name))
	}
	return ins
}

// TestGolden renders the sample rubric's report on each testdata/*.input
// as text, JSON and Markdown, and compares them with the .golden files.
// Run with -update to rewrite them after an intended change.
func TestGolden(t *testing.T) {
	r := sampleRubric(t)
	for _, name := range inputFiles(t) {
		base := strings.TrimSuffix(name, ".input")
		rep := r.EvaluateInput(readInput(t, name))
		renderings := []struct {
			ext   string
			write func(*bytes.Buffer) error
		}{
			{".txt.golden", func(b *bytes.Buffer) error { return rep.WriteText(b, filepath.Base(name)) }},
			{".json.golden", func(b *bytes.Buffer) error { return rep.WriteJSON(b) }},
			{".md.golden", func(b *bytes.Buffer) error { return rep.WriteMarkdown(b) }},
		}
		for _, rd := range renderings {
			var b bytes.Buffer
			if err := rd.write(&b); err != nil {
				t.Fatal(err)
			}
			golden := base + rd.ext
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the rendering:\n%s\n(run go test -update if the change is intended)", golden, b.Bytes())
			}
		}
	}
}

// Evidence in the renderings is located by line and byte column, and
// quoted; the JSON rendering is the Report's fields.
func TestRenderings(t *testing.T) {
	r := rubric.MustNew("r", []rubric.Criterion{
		rubric.Expect("apology", "sorry").With(rubric.Title("Says | sorry")),
		rubric.Avoid("calm", "calm down").With(rubric.Suggest("Acknowledge\nthe feeling.")),
		rubric.Expect("thanks", "thank you").With(rubric.When(rubric.Flag("done"))),
	})
	rep := r.Evaluate("Héllo “there”.\n\tI'm sorry — \"calm down\".")
	var b bytes.Buffer
	if err := rep.WriteText(&b, ""); err != nil {
		t.Fatal(err)
	}
	want := `<input>: r: score 50.00/100, failed (threshold 80)
<input>:2:6: apology: met: "sorry"
<input>:2:17: calm: violated: "calm down"
	suggestion: Acknowledge the feeling.
<input>: thanks: not applicable
	note: condition "done" not met
`
	if b.String() != want {
		t.Errorf("text:\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := rep.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"| `apology` Says \\| sorry | met | 1 | 50.00 | \"sorry\" (2:6) |  |",
		"- `calm` (violated): Acknowledge the feeling.",
		"Criteria that are not applicable are left out of the score.",
	} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("markdown lacks %q:\n%s", s, b.String())
		}
	}
}
