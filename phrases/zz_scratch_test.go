package phrases

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func dumpDoc(d *Doc) string {
	var b strings.Builder
	for i, t := range d.Tokens {
		fmt.Fprintf(&b, "%d [%d:%d] %q norm=%q stem=%q %v s%d %v\n", i, t.Start, t.End, d.Text[t.Start:t.End], t.Norm, t.Stem, t.Kind, t.Sentence, t.Shape)
	}
	for _, s := range d.Sentences {
		fmt.Fprintf(&b, "sent %+v %q\n", s, d.Text[s.Start:s.End])
	}
	return b.String()
}

func TestZZScratch(t *testing.T) {
	in := os.Getenv("SCRATCH")
	if in == "" {
		t.Skip()
	}
	for _, line := range strings.Split(in, "\n---\n") {
		d := NewAnalyzer().Analyze(line)
		fmt.Printf("== %q\n%s", line, dumpDoc(d))
	}
}
