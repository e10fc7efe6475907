// Command analyze tokenizes a text and finds phrase patterns in it: the
// phrases package on its own. It prints each sentence's tokens (surface,
// normalised form, stem) and every match of the patterns, marking negated
// ones.
//
// Usage:
//
//	go run ./examples/analyze [-patterns FILE] [FILE]
//
// With no FILE it reads standard input. -patterns names a lexicon file (one
// pattern per line, # comments); without it a few built-in patterns are used.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/empathy-go/empathy/phrases"
)

const builtin = `# apologies, and a few things agents say
i am [so | very | truly | really] sorry
[please] accept [our | my] apologies
i ~apologize
thank you for {[your] patience}
(refund | replacement | store credit)
you can reach me [directly] at (<phone> | <email>)
understand why you are (upset | frustrated | angry)
`

func main() {
	patterns := flag.String("patterns", "", "lexicon `file`: one pattern per line")
	flag.Parse()
	if err := run(*patterns, flag.Args(), os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "analyze:", err)
		os.Exit(2)
	}
}

func run(patternFile string, args []string, stdin io.Reader, out io.Writer) error {
	src := builtin
	if patternFile != "" {
		b, err := os.ReadFile(patternFile)
		if err != nil {
			return err
		}
		src = string(b)
	}
	pats, err := phrases.ParseList(src)
	if err != nil {
		var list phrases.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				fmt.Fprintf(os.Stderr, "%s:%v\n%s\n", patternFile, e, e.Caret())
			}
		}
		return fmt.Errorf("%d bad patterns", len(list))
	}
	rules := make([]phrases.Rule, len(pats))
	for i, p := range pats {
		rules[i] = phrases.Rule{Label: p.String(), Pattern: p}
	}
	m, err := phrases.NewMatcher(rules)
	if err != nil {
		return err
	}
	var text []byte
	switch len(args) {
	case 0:
		text, err = io.ReadAll(stdin)
	case 1:
		text, err = os.ReadFile(args[0])
	default:
		return errors.New("at most one file")
	}
	if err != nil {
		return err
	}
	d := m.Analyze(string(text))
	for i, s := range d.Sentences {
		fmt.Fprintf(out, "sentence %d [%d:%d]\n", i+1, s.Start, s.End)
		var b strings.Builder
		for _, t := range d.Tokens[s.First:s.Last] {
			surface := d.Text[t.Start:t.End]
			fmt.Fprintf(&b, " %s", surface)
			if t.Norm != surface || t.Stem != t.Norm {
				fmt.Fprintf(&b, "(%s|%s)", t.Norm, t.Stem)
			}
		}
		fmt.Fprintf(out, " %s\n", strings.TrimSpace(b.String()))
	}
	fmt.Fprintln(out, "matches:")
	for _, mt := range m.Match(d) {
		neg := ""
		if mt.Negated {
			neg = " (negated)"
		}
		fmt.Fprintf(out, "  [%d:%d] %q  <- %s%s\n", mt.Bytes.Start, mt.Bytes.End, d.Text[mt.Bytes.Start:mt.Bytes.End], mt.Label, neg)
	}
	return nil
}
