// Command compose writes a de-escalating reply to an upset customer: it
// restates the problem in the customer's own words, validates, apologises,
// offers the remedies as a choice, commits to a time, asks to follow up
// and thanks, and checks the reply against the default rubric.
//
// Usage:
//
//	go run ./examples/compose [flags] [FILE]
//
// The customer's message is read from FILE, or from standard input when
// there is none. Flags:
//
//	-name NAME       the customer's name, for the greeting
//	-agent NAME      the agent's name: introduced in a chat, signed in an e-mail
//	-contact TEXT    the agent's direct line or e-mail address
//	-remedy TEXT     a remedy the business can offer ("a full refund");
//	                 repeat the flag to offer a choice
//	-by TEXT         the time the agent commits to ("by Friday", "within 24 hours")
//	-register NAME   chat (the default) or email
//	-seed N          chooses among the phrasings (default 1); the same seed
//	                 gives the same reply
//	-plan            after the reply, list the technique of each sentence
//	-json            write the reply, its plan and its score as one JSON object
//
// For example:
//
//	echo "My order arrived broken and nobody answered my emails!" |
//	    go run ./examples/compose -name Maria -agent Sam -contact 555-0142 \
//	    -remedy "a full refund" -remedy "a replacement sent today" -by "by Friday" -plan
//
// The exit status is 0 when a reply was written, 1 when the request
// cannot be answered (a remedy or time that would put an anti-pattern
// into the reply, too many remedies, a field that spans lines; the reason
// goes to standard error), and 2 on a usage or I/O error, an empty
// message included.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/empathy-go/empathy/deescalate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is the program, with its streams passed in so that tests can drive
// it. It returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("compose", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var req deescalate.Request
	fs.StringVar(&req.CustomerName, "name", "", "the customer's `name`, for the greeting")
	fs.StringVar(&req.AgentName, "agent", "", "the agent's `name`")
	fs.StringVar(&req.Contact, "contact", "", "the agent's direct line or e-mail `address`")
	fs.Func("remedy", "a `remedy` the business can offer; repeat for a choice", func(s string) error {
		req.Remedies = append(req.Remedies, s)
		return nil
	})
	fs.StringVar(&req.By, "by", "", "the `time` the agent commits to, such as \"by Friday\"")
	fs.TextVar(&req.Register, "register", deescalate.Chat, "`register` of the reply: chat or email")
	fs.Uint64Var(&req.Seed, "seed", 1, "`seed` choosing among the phrasings")
	plan := fs.Bool("plan", false, "list the technique of each sentence after the reply")
	asJSON := fs.Bool("json", false, "write the reply, its plan and its score as JSON")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: compose [-name NAME] [-agent NAME] [-contact TEXT] [-remedy TEXT ...] [-by TEXT] [-register chat|email] [-seed N] [-plan] [-json] [FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 1 {
		fmt.Fprintln(stderr, "compose: one message at a time: give one FILE, or none to read standard input")
		return 2
	}

	var data []byte
	var err error
	if fs.NArg() == 1 {
		data, err = os.ReadFile(fs.Arg(0))
	} else {
		data, err = io.ReadAll(stdin)
	}
	if err != nil {
		fmt.Fprintln(stderr, "compose:", err)
		return 2
	}
	req.Message = string(data)

	rep, err := deescalate.Compose(req)
	if err != nil {
		fmt.Fprintln(stderr, "compose:", err)
		var ce *deescalate.ComposeError
		if errors.As(err, &ce) && ce.Code == deescalate.ErrNoMessage {
			return 2
		}
		return 1
	}

	if *asJSON {
		err = json.NewEncoder(stdout).Encode(jsonReply{
			Text:         rep.Text,
			Sentences:    rep.Sentences,
			Level:        rep.Customer.Level,
			Score:        rep.Evaluation.Report.Score,
			Passed:       rep.Evaluation.Report.Passed,
			Techniques:   rep.Evaluation.Techniques,
			AntiPatterns: rep.Evaluation.AntiPatterns,
		})
	} else {
		err = writeText(stdout, rep, *plan)
	}
	if err != nil {
		fmt.Fprintln(stderr, "compose:", err)
		return 2
	}
	return 0
}

// jsonReply is what -json writes.
type jsonReply struct {
	Text         string                `json:"text"`
	Sentences    []deescalate.Sentence `json:"sentences"`
	Level        deescalate.Level      `json:"level"`
	Score        float64               `json:"score"`
	Passed       bool                  `json:"passed"`
	Techniques   []deescalate.ID       `json:"techniques"`
	AntiPatterns []deescalate.ID       `json:"antipatterns"`
}

// writeText writes the reply and, with plan, a table of its sentences and
// the technique each serves, with the customer's anger level and the
// reply's score under it.
func writeText(w io.Writer, rep *deescalate.Reply, plan bool) error {
	var b strings.Builder
	b.WriteString(rep.Text)
	b.WriteString("\n")
	if plan {
		b.WriteString("\n")
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, s := range rep.Sentences {
			tech := string(s.Technique)
			if tech == "" {
				tech = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\n", tech, strings.ReplaceAll(s.Text, "\n", " "))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		r := rep.Evaluation.Report
		fmt.Fprintf(&b, "\ncustomer: %s (anger %s); reply: score %s/100, passed %v\n",
			rep.Customer.Level, strconv.FormatFloat(rep.Customer.Anger, 'f', 2, 64),
			strconv.FormatFloat(r.Score, 'f', 2, 64), r.Passed)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
