// Command lint scores customer-service replies with the default
// de-escalation rubric, or a rubric file, and prints the findings in the
// style of a linter: file:line:col, the finding, and the evidence
// highlighted in its line.
//
// Usage:
//
//	go run ./examples/lint [flags] [FILE ...]
//
// With no FILE it reads one reply from standard input. Flags:
//
//	-rubric FILE    a rubric file (JSON, see package rubric) instead of the default rubric
//	-customer FILE  the customer's message the replies answer, used as context
//	-json           write one JSON object per reply instead of text
//	-all            also list criteria that do not apply, anti-patterns
//	                that are absent, and the parts of combined criteria
//
// Evidence is highlighted in colour when standard output is a terminal and
// NO_COLOR is not set. The exit status is 0 when every reply passes, 1 when
// one fails, and 2 on a usage or I/O error.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/empathy-go/empathy/deescalate"
	"github.com/empathy-go/empathy/rubric"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, colorWanted(os.Stdout)))
}

// colorWanted reports whether to colour output: a terminal, and no NO_COLOR.
func colorWanted(f *os.File) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// run is the program, with its streams and terminal state passed in so
// that tests can drive it. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, color bool) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	rubricFile := fs.String("rubric", "", "rubric `file` (JSON) to use instead of the default rubric")
	customerFile := fs.String("customer", "", "`file` holding the customer's message the replies answer")
	asJSON := fs.Bool("json", false, "write one JSON object per reply")
	all := fs.Bool("all", false, "list every finding, not only what was found or is missing")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: lint [-rubric FILE] [-customer FILE] [-json] [-all] [FILE ...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}

	var opts []deescalate.Option
	if *rubricFile != "" {
		data, err := os.ReadFile(*rubricFile)
		if err != nil {
			fmt.Fprintln(stderr, "lint:", err)
			return 2
		}
		r, err := rubric.ParseJSON(data)
		if err != nil {
			var list rubric.ErrorList
			if errors.As(err, &list) {
				for _, e := range list {
					fmt.Fprintf(stderr, "%s: %v\n", *rubricFile, e)
				}
			} else {
				fmt.Fprintf(stderr, "%s: %v\n", *rubricFile, err)
			}
			return 2
		}
		opts = append(opts, deescalate.WithRubric(r))
	}
	ev, err := deescalate.NewEvaluator(opts...)
	if err != nil {
		fmt.Fprintln(stderr, "lint:", err)
		return 2
	}
	var evalOpts []deescalate.EvalOption
	if *customerFile != "" {
		data, err := os.ReadFile(*customerFile)
		if err != nil {
			fmt.Fprintln(stderr, "lint:", err)
			return 2
		}
		evalOpts = append(evalOpts, deescalate.WithCustomer(string(data)))
	}

	type input struct{ name, text string }
	var inputs []input
	if fs.NArg() == 0 {
		data, err := io.ReadAll(stdin)
		if err != nil {
			fmt.Fprintln(stderr, "lint:", err)
			return 2
		}
		inputs = append(inputs, input{"<stdin>", string(data)})
	}
	for _, name := range fs.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(stderr, "lint:", err)
			return 2
		}
		inputs = append(inputs, input{name, string(data)})
	}

	status := 0
	enc := json.NewEncoder(stdout)
	for _, in := range inputs {
		e := ev.Evaluate(in.text, evalOpts...)
		if !e.Report.Passed {
			status = 1
		}
		if *asJSON {
			err = enc.Encode(jsonResult{
				File: in.name, Score: e.Report.Score, Passed: e.Report.Passed,
				Techniques: e.Techniques, AntiPatterns: e.AntiPatterns, Report: e.Report,
			})
		} else {
			err = writeText(stdout, in.name, e, color, *all)
		}
		if err != nil {
			fmt.Fprintln(stderr, "lint:", err)
			return 2
		}
	}
	return status
}

// jsonResult is what -json writes for each reply.
type jsonResult struct {
	File         string          `json:"file"`
	Score        float64         `json:"score"`
	Passed       bool            `json:"passed"`
	Techniques   []deescalate.ID `json:"techniques"`
	AntiPatterns []deescalate.ID `json:"antipatterns"`
	Report       *rubric.Report  `json:"report"`
}

// ANSI styles.
const (
	bold    = "\x1b[1m"
	red     = "\x1b[31m"
	green   = "\x1b[32m"
	yellow  = "\x1b[33m"
	reverse = "\x1b[7m"
	reset   = "\x1b[0m"
)

// writeText writes one reply's report: a summary line, then one line per
// finding at its first evidence, with the evidence's line shown and the
// evidence highlighted.
func writeText(w io.Writer, name string, e *deescalate.Evaluation, color, all bool) error {
	r := e.Report
	paint := func(style, s string) string {
		if !color {
			return s
		}
		return style + s + reset
	}
	verdict := paint(green, "passed")
	if !r.Passed {
		verdict = paint(red, "failed")
	}
	b := &strings.Builder{}
	fmt.Fprintf(b, "%s: score %.2f/100, %s (threshold %g)", name, r.Score, verdict, r.Threshold)
	if len(r.CriticalFailures) > 0 {
		fmt.Fprintf(b, "; critical: %s", strings.Join(r.CriticalFailures, ", "))
	}
	b.WriteByte('\n')
	var walk func(prefix string, fs []rubric.Finding)
	walk = func(prefix string, fs []rubric.Finding) {
		for _, f := range fs {
			st := f.Status.String()
			if !all && (st == "not_applicable" || (st == "met" && len(f.Evidence) == 0 && len(f.Children) == 0)) {
				// Not applicable, or an anti-pattern that is absent.
				continue
			}
			id := prefix + f.ID
			status := f.Status.String()
			switch f.Status.String() {
			case "met":
				status = paint(green, status)
			case "violated":
				status = paint(red, status)
			case "missed":
				status = paint(yellow, status)
			}
			if f.Critical && f.Status.String() != "met" && f.Status.String() != "not_applicable" {
				status += ", " + paint(bold, "critical")
			}
			if len(f.Evidence) == 0 {
				fmt.Fprintf(b, "%s: %s: %s\n", name, id, status)
			}
			for _, ev := range f.Evidence {
				line, col, lineText, lineStart := locate(r.Text, ev.Start)
				end := min(ev.End-lineStart, len(lineText))
				before, after := clip(lineText[:col-1], lineText[end:])
				shown := before + paint(reverse, lineText[col-1:end]) + after
				fmt.Fprintf(b, "%s:%d:%d: %s: %s\n\t%s\n", name, line, col, id, status, shown)
			}
			if f.Suggestion != "" {
				fmt.Fprintf(b, "\tsuggestion: %s\n", f.Suggestion)
			}
			if f.Note != "" {
				fmt.Fprintf(b, "\tnote: %s\n", f.Note)
			}
			if all {
				walk(id+"/", f.Children)
			}
		}
	}
	walk("", r.Findings)
	_, err := io.WriteString(w, b.String())
	return err
}

// context is how many characters of the line are shown on each side of
// the evidence.
const context = 30

// clip shortens the text before and after the evidence to about context
// characters each, on word boundaries where it can, marking cuts with "…".
func clip(before, after string) (string, string) {
	if r := []rune(before); len(r) > context {
		cut := string(r[len(r)-context:])
		if k := strings.IndexByte(cut, ' '); k >= 0 && k < context/2 {
			cut = cut[k+1:]
		}
		before = "…" + cut
	}
	if r := []rune(after); len(r) > context {
		cut := string(r[:context])
		if k := strings.LastIndexByte(cut, ' '); k > context/2 {
			cut = cut[:k]
		}
		after = cut + "…"
	}
	return before, after
}

// locate returns the 1-based line and byte column of offset off in text,
// the text of that line (without its newline) and the line's start offset.
func locate(text string, off int) (line, col int, lineText string, lineStart int) {
	lineStart = strings.LastIndexByte(text[:off], '\n') + 1
	lineEnd := strings.IndexByte(text[off:], '\n')
	if lineEnd < 0 {
		lineEnd = len(text)
	} else {
		lineEnd += off
	}
	line = strings.Count(text[:off], "\n") + 1
	return line, off - lineStart + 1, strings.TrimRight(text[lineStart:lineEnd], "\r"), lineStart
}
