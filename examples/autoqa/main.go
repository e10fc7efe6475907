// Command autoqa reviews customer-service text in bulk: it reads JSON
// Lines and writes JSON Lines, one output line per input line, in the same
// order. It is the contract outside tools rely on (DESIGN.md, "examples/autoqa").
//
// Usage:
//
//	go run ./examples/autoqa [-in FILE] [-out FILE] [-summary FILE] [-workers N]
//
// Input lines take one of three shapes; "id" may be a string or a number
// and is copied to the output; an optional "agent" names who wrote the reply
// or the agent turns, for the summary:
//
//	{"id": "r1", "reply": "...", "customer": "..."}     a reply; customer is optional context
//	{"id": "m1", "message": "..."}                       a customer message alone
//	{"id": "c1", "turns": [{"role": "customer", "text": "..."}, {"role": "agent", "text": "..."}]}
//
// Output for a reply (findings are the default rubric's, top level only):
//
//	{"id": "r1", "score": 87.5, "passed": true, "techniques": ["apologize", "options"],
//	 "antipatterns": ["policy"], "critical_failures": ["policy"],
//	 "findings": [{"id": "apologize", "status": "met", "evidence": [{"start": 0, "end": 14, "text": "I'm so sorry"}]}]}
//
// Output for a customer message:
//
//	{"id": "m1", "anger": 0.82, "level": "angry", "signals": [{"kind": "shouting", "start": 0, "end": 4, "text": "WHY", "weight": 0.3}],
//	 "escalate": true, "reasons": ["the customer threatens legal action"]}
//
// Output for a conversation: "score" is the conversation review's score;
// "turns" has one entry per input turn, in order: agent turns carry the
// reply fields above (evaluated with the customer turn before them as
// context), customer turns the message fields; "trajectory" is the
// customer's anger turn by turn; "deescalated" says whether it fell; and
// "findings" are the conversation-level findings (order of techniques
// across turns, the close, escalation answered):
//
//	{"id": "c1", "score": 75, "deescalated": true, "trajectory": [0.8, 0.3],
//	 "turns": [{"index": 0, "role": "customer", "anger": 0.8, ...}, {"index": 1, "role": "agent", "score": 90, ...}],
//	 "findings": [{"id": "closed_with_thanks", "status": "met", "note": "..."}]}
//
// A line that cannot be read gives {"id": ..., "error": "..."} (id null when
// it cannot be found) and the run goes on: nothing is dropped, and the
// output has exactly as many lines as the input.
//
// Work runs on all cores; memory stays bounded whatever the input size,
// since at most a few lines per worker are in flight. Progress (lines done,
// rate) goes to standard error every two seconds on long runs, and a summary
// at the end: the score distribution, the pass rate, the most frequent
// anti-patterns and, when lines carry "agent", per-agent averages. With
// -summary FILE the summary is also written there as JSON.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/empathy-go/empathy/deescalate"
	"github.com/empathy-go/empathy/rubric"
)

// maxLine is the longest input line read; a longer one gives an error line.
const maxLine = 16 << 20

func main() {
	in := flag.String("in", "", "input `file` (JSON Lines); standard input when empty")
	out := flag.String("out", "", "output `file`; standard output when empty")
	summary := flag.String("summary", "", "also write the summary to this `file`, as JSON")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "number of parallel workers")
	flag.Parse()
	if flag.NArg() > 0 || *workers < 1 {
		flag.Usage()
		os.Exit(2)
	}
	r := io.Reader(os.Stdin)
	if *in != "" {
		f, err := os.Open(*in)
		if err != nil {
			fmt.Fprintln(os.Stderr, "autoqa:", err)
			os.Exit(2)
		}
		defer f.Close()
		r = f
	}
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "autoqa:", err)
			os.Exit(2)
		}
		defer f.Close()
		w = f
	}
	sum, err := process(r, w, os.Stderr, *workers, 2*time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, "autoqa:", err)
		os.Exit(2)
	}
	sum.writeText(os.Stderr)
	if *summary != "" {
		data, _ := json.MarshalIndent(sum, "", "  ")
		if err := os.WriteFile(*summary, append(data, '\n'), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "autoqa:", err)
			os.Exit(2)
		}
	}
}

// inputLine is one input object.
type inputLine struct {
	ID       json.RawMessage   `json:"id"`
	Agent    string            `json:"agent"`
	Reply    *string           `json:"reply"`
	Customer string            `json:"customer"`
	Message  *string           `json:"message"`
	Turns    []deescalate.Turn `json:"turns"`
}

type evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

type finding struct {
	ID       string     `json:"id"`
	Status   string     `json:"status"`
	Evidence []evidence `json:"evidence,omitempty"`
	Note     string     `json:"note,omitempty"`
}

// replyOut is the output for a reply, and for an agent turn.
type replyOut struct {
	ID               json.RawMessage `json:"id,omitempty"`
	Index            *int            `json:"index,omitempty"`
	Role             string          `json:"role,omitempty"`
	Score            float64         `json:"score"`
	Passed           bool            `json:"passed"`
	Techniques       []deescalate.ID `json:"techniques"`
	AntiPatterns     []deescalate.ID `json:"antipatterns"`
	CriticalFailures []string        `json:"critical_failures,omitempty"`
	Findings         []finding       `json:"findings"`
}

// messageOut is the output for a customer message, and for a customer turn.
type messageOut struct {
	ID       json.RawMessage     `json:"id,omitempty"`
	Index    *int                `json:"index,omitempty"`
	Role     string              `json:"role,omitempty"`
	Anger    float64             `json:"anger"`
	Level    deescalate.Level    `json:"level"`
	Signals  []deescalate.Signal `json:"signals"`
	Escalate bool                `json:"escalate"`
	Reasons  []string            `json:"reasons,omitempty"`
}

type conversationOut struct {
	ID          json.RawMessage `json:"id"`
	Score       float64         `json:"score"`
	Deescalated bool            `json:"deescalated"`
	Trajectory  []float64       `json:"trajectory"`
	Turns       []any           `json:"turns"`
	Findings    []finding       `json:"findings"`
}

type errorOut struct {
	ID    json.RawMessage `json:"id"`
	Error string          `json:"error"`
}

// result is one processed line, for the writer and the summary.
type result struct {
	seq     int
	out     []byte
	kind    string // "reply", "message", "conversation", "error"
	agent   string
	score   float64 // replies and conversations
	passed  bool
	scored  int // agent turns scored in a conversation, for per-agent sums
	antis   []deescalate.ID
	turnSum float64
}

// job is one input line.
type job struct {
	seq  int
	line []byte
	err  error // set when the line could not be read whole
}

// process reads r, writes one output line per input line to w, in order,
// and returns the summary. Progress goes to progress every tick on long runs.
func process(r io.Reader, w io.Writer, progress io.Writer, workers int, tick time.Duration) (*summary, error) {
	ev, err := deescalate.NewEvaluator()
	if err != nil {
		return nil, err
	}
	jobs := make(chan job, workers*4)
	results := make(chan result, workers*4)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- handle(ev, j)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		readErr <- readLines(r, jobs)
		close(jobs)
		wg.Wait()
		close(results)
	}()

	bw := bufio.NewWriterSize(w, 1<<16)
	sum := newSummary()
	pending := map[int]result{}
	next := 0
	start := time.Now()
	lastTick := start
	var werr error
	for res := range results {
		pending[res.seq] = res
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if werr == nil {
				if _, err := bw.Write(p.out); err != nil {
					werr = err
				}
			}
			sum.add(p)
			next++
		}
		if tick > 0 && time.Since(lastTick) >= tick {
			lastTick = time.Now()
			el := time.Since(start).Seconds()
			fmt.Fprintf(progress, "autoqa: %d lines done, %.0f lines/s\n", next, float64(next)/el)
		}
	}
	if err := <-readErr; err != nil && werr == nil {
		werr = err
	}
	if err := bw.Flush(); err != nil && werr == nil {
		werr = err
	}
	sum.finish(time.Since(start))
	return sum, werr
}

// readLines sends every line of r as a job, numbered from 0. A line longer
// than maxLine is sent with an error and skipped to its end.
func readLines(r io.Reader, jobs chan<- job) error {
	br := bufio.NewReaderSize(r, 1<<16)
	seq := 0
	for {
		line, err := br.ReadSlice('\n')
		var j job
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			buf := append([]byte(nil), line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				if len(buf) <= maxLine {
					buf = append(buf, line...)
				}
			}
			if len(buf) > maxLine {
				j = job{seq: seq, err: fmt.Errorf("line longer than %d bytes", maxLine)}
			} else {
				j = job{seq: seq, line: buf}
			}
		default:
			j = job{seq: seq, line: append([]byte(nil), line...)}
		}
		if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
		if len(bytes.TrimSpace(j.line)) > 0 || j.err != nil {
			jobs <- j
			seq++
		}
		if err == io.EOF {
			return nil
		}
	}
}

// handle processes one line. It never panics on bad input: a line it
// cannot process becomes an error line.
func handle(ev *deescalate.Evaluator, j job) (res result) {
	res = result{seq: j.seq, kind: "error"}
	var in inputLine
	fail := func(msg string) result {
		res.kind = "error"
		res.out = marshalLine(errorOut{ID: idOrNull(in.ID), Error: msg})
		return res
	}
	defer func() {
		if p := recover(); p != nil {
			res = fail(fmt.Sprintf("internal error: %v", p))
		}
	}()
	if j.err != nil {
		return fail(j.err.Error())
	}
	if err := json.Unmarshal(j.line, &in); err != nil {
		in.ID = salvageID(j.line)
		return fail("invalid JSON: " + err.Error())
	}
	res.agent = in.Agent
	switch {
	case in.Turns != nil:
		for i, t := range in.Turns {
			if t.Role != deescalate.Customer && t.Role != deescalate.Agent {
				return fail(fmt.Sprintf("turns[%d].role: %q is neither \"customer\" nor \"agent\"", i, t.Role))
			}
		}
		if len(in.Turns) == 0 {
			return fail("turns: empty conversation")
		}
		cr := ev.Review(in.Turns)
		out := conversationOut{ID: idOrNull(in.ID), Score: cr.Score, Deescalated: cr.Deescalated, Trajectory: cr.Trajectory}
		if out.Trajectory == nil {
			out.Trajectory = []float64{}
		}
		for _, tr := range cr.Turns {
			idx := tr.Index
			if tr.Evaluation != nil {
				ro := replyFields(tr.Evaluation)
				ro.Index, ro.Role = &idx, string(deescalate.Agent)
				out.Turns = append(out.Turns, ro)
				res.scored++
				res.turnSum += tr.Evaluation.Report.Score
				res.antis = append(res.antis, tr.Evaluation.AntiPatterns...)
			} else if tr.Assessment != nil {
				mo := messageFields(*tr.Assessment)
				mo.Index, mo.Role = &idx, string(deescalate.Customer)
				out.Turns = append(out.Turns, mo)
			}
		}
		for _, f := range cr.Findings {
			out.Findings = append(out.Findings, finding{ID: f.ID, Status: f.Status.String(), Note: f.Note})
		}
		res.kind, res.score = "conversation", cr.Score
		res.out = marshalLine(out)
	case in.Reply != nil:
		var opts []deescalate.EvalOption
		if in.Customer != "" {
			opts = append(opts, deescalate.WithCustomer(in.Customer))
		}
		e := ev.Evaluate(*in.Reply, opts...)
		ro := replyFields(e)
		ro.ID = idOrNull(in.ID)
		res.kind, res.score, res.passed, res.antis = "reply", e.Report.Score, e.Report.Passed, e.AntiPatterns
		res.out = marshalLine(ro)
	case in.Message != nil:
		mo := messageFields(deescalate.Assess(*in.Message))
		mo.ID = idOrNull(in.ID)
		res.kind = "message"
		res.out = marshalLine(mo)
	default:
		return fail(`the line has none of "reply", "message" or "turns"`)
	}
	return res
}

func replyFields(e *deescalate.Evaluation) replyOut {
	ro := replyOut{
		Score: e.Report.Score, Passed: e.Report.Passed,
		Techniques: e.Techniques, AntiPatterns: e.AntiPatterns,
		CriticalFailures: e.Report.CriticalFailures,
		Findings:         findings(e.Report.Findings),
	}
	if ro.Techniques == nil {
		ro.Techniques = []deescalate.ID{}
	}
	if ro.AntiPatterns == nil {
		ro.AntiPatterns = []deescalate.ID{}
	}
	return ro
}

func messageFields(a deescalate.Assessment) messageOut {
	mo := messageOut{Anger: a.Anger, Level: a.Level, Signals: a.Signals, Escalate: a.Escalate, Reasons: a.Reasons}
	if mo.Signals == nil {
		mo.Signals = []deescalate.Signal{}
	}
	return mo
}

func findings(fs []rubric.Finding) []finding {
	out := make([]finding, 0, len(fs))
	for _, f := range fs {
		of := finding{ID: f.ID, Status: f.Status.String()}
		for _, e := range f.Evidence {
			of.Evidence = append(of.Evidence, evidence{Start: e.Start, End: e.End, Text: e.Text})
		}
		out = append(out, of)
	}
	return out
}

// idOrNull keeps a string or number id and turns anything else into null.
func idOrNull(id json.RawMessage) json.RawMessage {
	t := bytes.TrimSpace(id)
	if len(t) == 0 {
		return json.RawMessage("null")
	}
	switch t[0] {
	case '"', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return t
	}
	return json.RawMessage("null")
}

// salvageID finds the id of a line that is not valid JSON as a whole, when
// the line starts like an object with an id.
func salvageID(line []byte) json.RawMessage {
	dec := json.NewDecoder(bytes.NewReader(line))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		if key == "id" {
			return v
		}
	}
	return nil
}

func marshalLine(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		data, _ = json.Marshal(errorOut{ID: json.RawMessage("null"), Error: "encoding output: " + err.Error()})
	}
	return append(data, '\n')
}

// summary is the end-of-run report.
type summary struct {
	Lines         int                `json:"lines"`
	Replies       int                `json:"replies"`
	Messages      int                `json:"messages"`
	Conversations int                `json:"conversations"`
	Errors        int                `json:"errors"`
	Seconds       float64            `json:"seconds"`
	LinesPerSec   float64            `json:"lines_per_second"`
	PassRate      float64            `json:"pass_rate"`
	MeanScore     float64            `json:"mean_score"`
	Histogram     [10]int            `json:"score_histogram"` // replies by score decile: [0,10), ..., [90,100]
	AntiPatterns  []count            `json:"antipatterns"`
	Agents        map[string]agentAv `json:"agents,omitempty"`

	passed int
	sum    float64
	antis  map[deescalate.ID]int
}

type count struct {
	ID    deescalate.ID `json:"id"`
	Count int           `json:"count"`
}

type agentAv struct {
	Scored    int     `json:"scored"`
	MeanScore float64 `json:"mean_score"`
	sum       float64
}

func newSummary() *summary {
	return &summary{antis: map[deescalate.ID]int{}, Agents: map[string]agentAv{}}
}

func (s *summary) add(r result) {
	s.Lines++
	for _, a := range r.antis {
		s.antis[a]++
	}
	switch r.kind {
	case "error":
		s.Errors++
	case "message":
		s.Messages++
	case "conversation":
		s.Conversations++
		if r.agent != "" && r.scored > 0 {
			av := s.Agents[r.agent]
			av.Scored += r.scored
			av.sum += r.turnSum
			s.Agents[r.agent] = av
		}
	case "reply":
		s.Replies++
		s.sum += r.score
		if r.passed {
			s.passed++
		}
		s.Histogram[min(int(r.score/10), 9)]++
		if r.agent != "" {
			av := s.Agents[r.agent]
			av.Scored++
			av.sum += r.score
			s.Agents[r.agent] = av
		}
	}
}

func (s *summary) finish(d time.Duration) {
	s.Seconds = d.Seconds()
	if s.Seconds > 0 {
		s.LinesPerSec = float64(s.Lines) / s.Seconds
	}
	if s.Replies > 0 {
		s.PassRate = float64(s.passed) / float64(s.Replies)
		s.MeanScore = s.sum / float64(s.Replies)
	}
	for id, n := range s.antis {
		s.AntiPatterns = append(s.AntiPatterns, count{id, n})
	}
	sort.Slice(s.AntiPatterns, func(i, j int) bool {
		a, b := s.AntiPatterns[i], s.AntiPatterns[j]
		return a.Count > b.Count || (a.Count == b.Count && a.ID < b.ID)
	})
	for name, av := range s.Agents {
		av.MeanScore = av.sum / float64(av.Scored)
		s.Agents[name] = av
	}
	if len(s.Agents) == 0 {
		s.Agents = nil
	}
}

func (s *summary) writeText(w io.Writer) {
	b := &strings.Builder{}
	fmt.Fprintf(b, "autoqa: %d lines (%d replies, %d messages, %d conversations, %d errors) in %.1fs, %.0f lines/s\n",
		s.Lines, s.Replies, s.Messages, s.Conversations, s.Errors, s.Seconds, s.LinesPerSec)
	if s.Replies > 0 {
		fmt.Fprintf(b, "replies: mean score %.1f, %.1f%% passed\nscores:", s.MeanScore, 100*s.PassRate)
		for i, n := range s.Histogram {
			fmt.Fprintf(b, " %d-%d:%d", i*10, i*10+10, n)
		}
		b.WriteByte('\n')
	}
	if len(s.AntiPatterns) > 0 {
		b.WriteString("most frequent anti-patterns:")
		for i, c := range s.AntiPatterns {
			if i == 5 {
				break
			}
			fmt.Fprintf(b, " %s (%d)", c.ID, c.Count)
		}
		b.WriteByte('\n')
	}
	if len(s.Agents) > 0 {
		names := make([]string, 0, len(s.Agents))
		for n := range s.Agents {
			names = append(names, n)
		}
		sort.Strings(names)
		b.WriteString("per agent:\n")
		for _, n := range names {
			fmt.Fprintf(b, "  %s: mean score %.1f over %d agent replies\n", n, s.Agents[n].MeanScore, s.Agents[n].Scored)
		}
	}
	io.WriteString(w, b.String())
}
