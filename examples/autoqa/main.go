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
// Work runs on all cores (-workers, GOMAXPROCS by default); output stays in
// input order. Memory stays bounded whatever the input size: lines go
// through in batches of 32 (or 32 KB), at most 4 batches per worker are
// read and not yet written, and their buffers are reused. Progress (lines
// done, rate) goes to standard error every two seconds on long runs, and a
// summary at the end: the score distribution, the pass rate, the most
// frequent anti-patterns and, when lines carry "agent", per-agent
// averages. With -summary FILE the summary is also written there as JSON.
//
// # Performance
//
// Nearly all the time goes to the library (evaluating replies, reviewing
// conversations, assessing messages): reading and writing JSON take a few
// per cent, on fast paths that give exactly what encoding/json gives (and
// defer to it on anything unusual). Start-up compiles the default rubric,
// which takes under a second and sets the peak memory (114 MB of max RSS
// when this was written, on 100 MB and on 200 MB of input alike); the
// lines themselves need a few tens of MB on top of the compiled rubric,
// whatever the input size. On 100 MB built from twcs (231k lines) it ran
// in 3.8 s end to end with 2 workers: 26.5 MB/s, 61,100 lines/s (16.1 MB/s
// on one).
//
// To measure, with the twcs development data set beside the checkout
// (../shared/data/twcs):
//
//	examples/autoqa/bench.sh 100 200   # end to end on 100 and 200 MB: MB/s, lines/s, max RSS
//	go test -run '^$' -bench 'ProcessTWCS|JSONTWCS' -benchtime 5x ./examples/autoqa/
//
// bench.sh builds the twcsgen command (examples/autoqa/twcsgen), which
// writes a file of any size from the data set to a temporary directory:
// each customer tweet as a "message" line, each agent reply with the
// customer's tweets before it as a "reply" line, each conversation as a
// "turns" line, repeated with fresh ids; then it runs autoqa on it under
// /usr/bin/time -v with -workers 1 and 2, and prints wall time, MB/s,
// lines/s, CPU time, max RSS and the load average. BenchmarkProcessTWCS
// runs the pipeline on 3 MB of the same lines, against the library alone;
// BenchmarkJSONTWCS times the JSON fast paths against encoding/json.
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
	"runtime/debug"
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

// result is one processed line, for the summary.
type result struct {
	kind    string // "reply", "message", "conversation", "error"
	agent   string
	score   float64 // replies and conversations
	passed  bool
	scored  int // agent turns scored in a conversation, for per-agent sums
	antis   []deescalate.ID
	turnSum float64
}

// batch carries consecutive input lines through the pipeline: the reader
// fills it, a worker processes its lines, the writer writes their output
// and hands it back. Batches are reused, with their buffers, so their
// number bounds the lines in flight, and so memory, whatever the input
// size; and each batch is passed on a few times however many lines it
// holds, which keeps the cost of waking goroutines small.
type batch struct {
	in   []byte  // the lines, one after the other
	ends []int   // where each line ends in in
	errs []error // per line: set when it could not be read whole
	out  []byte  // the output lines
	res  []result
	done chan struct{}
}

// A batch is sent on when it holds batchLines lines or batchBytes bytes;
// 4 batches per worker are in flight at most. A batch keeps buffers up to
// maxKeep bytes for the next one.
const (
	batchLines = 32
	batchBytes = 32 << 10
	maxKeep    = 1 << 20
)

// engine is what every line is processed with: one Evaluator, and its
// Assessor for customer messages.
type engine struct {
	ev *deescalate.Evaluator
	as *deescalate.Assessor
}

// loadEngine builds the engine once per process: compiling the rubric
// takes a second or more, and much memory that is garbage once done. The
// library panics when its embedded lists are broken; that is an error here.
var loadEngine = sync.OnceValues(func() (eng *engine, err error) {
	defer func() {
		if p := recover(); p != nil {
			eng, err = nil, fmt.Errorf("%v", p)
		}
	}()
	a := deescalate.NewAssessor()
	ev, err := deescalate.NewEvaluator(deescalate.WithAssessor(a))
	if err != nil {
		return nil, err
	}
	// Collect the compile's garbage and give it back now, rather than let
	// the heap grow from the compile's size before the next collection.
	debug.FreeOSMemory()
	return &engine{ev: ev, as: a}, nil
})

// process reads r, writes one output line per input line to w, in order,
// and returns the summary. Progress goes to progress every tick on long runs.
func process(r io.Reader, w io.Writer, progress io.Writer, workers int, tick time.Duration) (*summary, error) {
	eng, err := loadEngine()
	if err != nil {
		return nil, err
	}
	return eng.process(r, w, progress, workers, tick)
}

func (e *engine) process(r io.Reader, w io.Writer, progress io.Writer, workers int, tick time.Duration) (*summary, error) {
	// The reader fills a free batch and sends it both to the workers and,
	// in input order, to the writer, which waits for each in turn.
	window := 4 * workers
	free := make(chan *batch, window)
	for range window {
		free <- &batch{done: make(chan struct{}, 1)}
	}
	jobs := make(chan *batch, window)
	order := make(chan *batch, window)
	for range workers {
		go func() {
			for b := range jobs {
				start := 0
				for i, end := range b.ends {
					var res result
					b.out, res = e.handle(b.out, b.in[start:end], b.errs[i])
					b.res = append(b.res, res)
					start = end
				}
				b.done <- struct{}{}
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		b := <-free
		send := func() {
			jobs <- b
			order <- b
			b = <-free
		}
		err := readLines(r, func(line []byte, err error) {
			b.in = append(b.in, line...)
			b.ends = append(b.ends, len(b.in))
			b.errs = append(b.errs, err)
			if len(b.ends) == batchLines || len(b.in) >= batchBytes {
				send()
			}
		})
		if len(b.ends) > 0 {
			jobs <- b
			order <- b
		}
		close(jobs)
		close(order)
		readErr <- err
	}()

	bw := bufio.NewWriterSize(w, 1<<16)
	sum := newSummary()
	start := time.Now()
	lastTick := start
	var werr error
	for b := range order {
		<-b.done
		if werr == nil {
			if _, err := bw.Write(b.out); err != nil {
				werr = err
			}
		}
		for _, res := range b.res {
			sum.add(res)
		}
		clear(b.res)
		clear(b.errs)
		b.res, b.errs, b.ends = b.res[:0], b.errs[:0], b.ends[:0]
		b.in, b.out = reuse(b.in), reuse(b.out)
		free <- b
		if tick > 0 && time.Since(lastTick) >= tick {
			lastTick = time.Now()
			el := time.Since(start).Seconds()
			fmt.Fprintf(progress, "autoqa: %d lines done, %.0f lines/s\n", sum.Lines, float64(sum.Lines)/el)
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

// reuse empties a buffer for the next batch, or drops it when a long line
// made it large.
func reuse(buf []byte) []byte {
	if cap(buf) > maxKeep {
		return nil
	}
	return buf[:0]
}

// readLines calls emit with every line of r that is not blank, in order;
// the slice is valid only during the call. A line longer than maxLine is
// emitted empty with an error, and skipped to its end.
func readLines(r io.Reader, emit func(line []byte, err error)) error {
	br := bufio.NewReaderSize(r, 1<<16)
	var long []byte
	for {
		line, err := br.ReadSlice('\n')
		var lineErr error
		if errors.Is(err, bufio.ErrBufferFull) {
			long = append(long[:0], line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = br.ReadSlice('\n')
				if len(long) <= maxLine {
					long = append(long, line...)
				}
			}
			line = long
			if len(long) > maxLine {
				line, lineErr = nil, fmt.Errorf("line longer than %d bytes", maxLine)
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		if len(bytes.TrimSpace(line)) > 0 || lineErr != nil {
			emit(line, lineErr)
		}
		if cap(long) > maxKeep {
			long = nil
		}
		if err == io.EOF {
			return nil
		}
	}
}

// handle processes one line, appends its output line to out and returns
// it with the line's result for the summary. lineErr is set when the line
// could not be read whole. It never panics on bad input: a line it cannot
// process gives an error line.
func (e *engine) handle(out, line []byte, lineErr error) (buf []byte, res result) {
	mark := len(out)
	var in inputLine
	fail := func(msg string) ([]byte, result) {
		enc := encoder{b: out[:mark], ok: true}
		enc.errorLine(idOrNull(in.ID), msg)
		return append(enc.b, '\n'), result{kind: "error"}
	}
	defer func() {
		if p := recover(); p != nil {
			buf, res = fail(fmt.Sprintf("internal error: %v", p))
		}
	}()
	if lineErr != nil {
		return fail(lineErr.Error())
	}
	if !decodeLine(line, &in) {
		in = inputLine{}
		if err := json.Unmarshal(line, &in); err != nil {
			in.ID = salvageID(line)
			return fail("invalid JSON: " + err.Error())
		}
	}
	res.agent = in.Agent
	id := idOrNull(in.ID)
	enc := encoder{b: out, ok: true}
	var slow func() any // the output for json.Marshal, when enc cannot write it
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
		cr := e.ev.Review(in.Turns)
		for _, tr := range cr.Turns {
			if tr.Evaluation != nil {
				res.scored++
				res.turnSum += tr.Evaluation.Report.Score
				res.antis = append(res.antis, tr.Evaluation.AntiPatterns...)
			}
		}
		res.kind, res.score = "conversation", cr.Score
		enc.conversation(id, cr)
		slow = func() any { return conversationFields(id, cr) }
	case in.Reply != nil:
		var ev *deescalate.Evaluation
		if in.Customer != "" {
			ev = e.ev.Evaluate(*in.Reply, deescalate.WithCustomer(in.Customer))
		} else {
			ev = e.ev.Evaluate(*in.Reply)
		}
		res.kind, res.score, res.passed, res.antis = "reply", ev.Report.Score, ev.Report.Passed, ev.AntiPatterns
		enc.reply(id, 0, ev)
		slow = func() any {
			ro := replyFields(ev)
			ro.ID = id
			return ro
		}
	case in.Message != nil:
		a := e.as.Assess(*in.Message)
		res.kind = "message"
		enc.message(id, 0, &a)
		slow = func() any {
			mo := messageFields(a)
			mo.ID = id
			return mo
		}
	default:
		return fail(`the line has none of "reply", "message" or "turns"`)
	}
	if enc.ok {
		return append(enc.b, '\n'), res
	}
	return marshalLine(enc.b[:mark], slow()), res
}

// conversationFields is the output for a conversation review.
func conversationFields(id json.RawMessage, cr *deescalate.ConversationReview) conversationOut {
	out := conversationOut{ID: id, Score: cr.Score, Deescalated: cr.Deescalated, Trajectory: cr.Trajectory}
	if out.Trajectory == nil {
		out.Trajectory = []float64{}
	}
	for _, tr := range cr.Turns {
		idx := tr.Index
		if tr.Evaluation != nil {
			ro := replyFields(tr.Evaluation)
			ro.Index, ro.Role = &idx, string(deescalate.Agent)
			out.Turns = append(out.Turns, ro)
		} else if tr.Assessment != nil {
			mo := messageFields(*tr.Assessment)
			mo.Index, mo.Role = &idx, string(deescalate.Customer)
			out.Turns = append(out.Turns, mo)
		}
	}
	for _, f := range cr.Findings {
		out.Findings = append(out.Findings, finding{ID: f.ID, Status: f.Status.String(), Note: f.Note})
	}
	return out
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

func marshalLine(buf []byte, v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		data, _ = json.Marshal(errorOut{ID: json.RawMessage("null"), Error: "encoding output: " + err.Error()})
	}
	return append(append(buf, data...), '\n')
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

// plural writes n and the noun, plural unless n is 1: "1 reply", "2 replies".
func plural(n int, noun string) string {
	if n != 1 {
		if strings.HasSuffix(noun, "y") {
			noun = noun[:len(noun)-1] + "ies"
		} else {
			noun += "s"
		}
	}
	return fmt.Sprintf("%d %s", n, noun)
}

func (s *summary) writeText(w io.Writer) {
	b := &strings.Builder{}
	fmt.Fprintf(b, "autoqa: %s (%s, %s, %s, %s) in %.1fs, %.0f lines/s\n",
		plural(s.Lines, "line"), plural(s.Replies, "reply"), plural(s.Messages, "message"),
		plural(s.Conversations, "conversation"), plural(s.Errors, "error"), s.Seconds, s.LinesPerSec)
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
			fmt.Fprintf(b, "  %s: mean score %.1f over %s\n", n, s.Agents[n].MeanScore, plural(s.Agents[n].Scored, "agent reply"))
		}
	}
	io.WriteString(w, b.String())
}
