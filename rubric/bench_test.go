package rubric

import (
	"fmt"
	"testing"
	"time"

	"github.com/empathy-go/empathy/phrases"
)

// benchReply is a typical support reply of about 400 bytes.
const benchReply = "Hi Maria, I'm so sorry your order arrived damaged, and I completely " +
	"understand how frustrating that must be after waiting two weeks. I can send a " +
	"replacement today by express delivery, or refund the full $49.99 to your card, " +
	"whichever you prefer. I've also logged this with our warehouse team so it doesn't " +
	"happen again. You can reach me directly at 555-014-2266. Thank you for letting us " +
	"know, and again, my apologies."

// benchWords are the vocabulary the benchmark patterns are made from.
var benchWords = [...]string{
	"order", "parcel", "refund", "replacement", "delivery", "account", "charge", "invoice",
	"warehouse", "team", "manager", "supervisor", "credit", "discount", "voucher", "address",
	"password", "login", "subscription", "plan", "card", "payment", "package", "courier",
	"tracking", "number", "email", "phone", "call", "message", "problem", "issue",
	"mistake", "delay", "damage", "error", "experience", "service", "support", "patience",
}

var benchVerbs = [...]string{
	"send", "fix", "check", "update", "cancel", "process", "resolve", "arrange",
	"replace", "escalate", "review", "confirm", "track", "return", "apply", "help",
}

// benchPattern returns a plausible pattern chosen by seed: plain phrases,
// stems, alternatives, optional words, gaps and classes.
func benchPattern(seed uint32) string {
	next := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>8) % n
	}
	w := func() string { return benchWords[next(len(benchWords))] }
	v := func() string { return benchVerbs[next(len(benchVerbs))] }
	switch next(10) {
	case 0:
		return "i will " + v() + " your " + w()
	case 1:
		return "~" + v() + " the " + w()
	case 2:
		return "we (can | will | could) " + v() + " [the | your] " + w()
	case 3:
		return "your " + w() + " ..2 " + w()
	case 4:
		return "[so | very | really] sorry about the " + w()
	case 5:
		return "(" + w() + " | " + w() + ") " + v()
	case 6:
		return "i have " + v() + "ed [your] " + w()
	case 7:
		return "<number> " + w() + " " + w()
	case 8:
		return "thank you for [your] " + w() + " " + w()
	default:
		return "the " + w() + " (was | is) " + v() + "ed"
	}
}

// benchRubric builds a rubric of 20 criteria and 500 patterns: expect and
// avoid criteria of 25 patterns each, two of them combinators. A few
// patterns per criterion are ones a reply like benchReply contains.
func benchRubric(tb testing.TB) *Rubric {
	tb.Helper()
	real := [][]string{
		{"i am [so | very] sorry", "my apologies"},
		{"~understand ..3 frustrating"},
		{"send a replacement", "~refund"},
		{"<phone>"},
		{"thank you for letting us know"},
		{"i have logged this"},
		{"calm down"},
		{"our policy"},
	}
	seen := map[string]bool{}
	seed := uint32(1)
	patterns := func(k int) []string {
		ps := []string{}
		if k < len(real) {
			ps = append(ps, real[k]...)
		}
		for len(ps) < 25 {
			p := benchPattern(seed)
			seed++
			if !seen[p] {
				seen[p] = true
				ps = append(ps, p)
			}
		}
		return ps
	}
	var cs []Criterion
	for k := range 20 {
		id := fmt.Sprintf("c%02d", k)
		switch {
		case k == 18:
			ps := patterns(k)
			cs = append(cs, AtLeast(id, 1, Expect(id+"a", ps[:12]...), Expect(id+"b", ps[12:]...)))
		case k == 19:
			ps := patterns(k)
			cs = append(cs, Before(id, Expect(id+"a", ps[:12]...), Expect(id+"b", ps[12:]...)))
		case k == 6 || k == 7 || k%5 == 4:
			cs = append(cs, Avoid(id, patterns(k)...).With(Critical()))
		default:
			cs = append(cs, Expect(id, patterns(k)...).With(Weight(float64(1+k%3))))
		}
	}
	r, err := New("bench", cs)
	if err != nil {
		tb.Fatal(err)
	}
	if got := r.prog.m.Len(); got != 500 {
		tb.Fatalf("matcher has %d distinct patterns, want 500", got)
	}
	return r
}

// BenchmarkEvaluate measures a whole evaluation: analysis, matching,
// routing, findings and score.
func BenchmarkEvaluate(b *testing.B) {
	r := benchRubric(b)
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	for b.Loop() {
		r.Evaluate(benchReply)
	}
}

// BenchmarkEvaluateInto is BenchmarkEvaluate reusing one report, as a
// steady caller does.
func BenchmarkEvaluateInto(b *testing.B) {
	r := benchRubric(b)
	var rep Report
	in := Input{Text: benchReply}
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	for b.Loop() {
		r.EvaluateInto(&rep, in)
	}
}

// BenchmarkAnalyzeMatch measures what an evaluation cannot do without:
// analysing the text and matching it with the rubric's matcher, reusing
// memory as Evaluate does.
func BenchmarkAnalyzeMatch(b *testing.B) {
	r := benchRubric(b)
	m := r.prog.m
	var d phrases.Doc
	var ms []phrases.Match
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	for b.Loop() {
		m.AnalyzeInto(&d, benchReply)
		ms = m.AppendMatches(ms[:0], &d, true)
	}
}

// BenchmarkOverhead runs analysis and matching alone, then a whole
// evaluation, in the same loop, and reports the share of an evaluation
// spent beyond analysing and matching (routing, findings, evidence,
// scoring, and the garbage collection their memory costs) as "%beyond":
// for Evaluate, which allocates its report, and for EvaluateInto, which
// reuses one. "%beyond" compares the mean times, which include the
// garbage collection that allocations cause; "%beyond-median" compares the
// median times, which a shared, busy machine disturbs less; "ns-beyond/op"
// is the difference of the mean times. Allocations are those of both
// steps.
//
// The two differ by the report Evaluate allocates for each call (24
// findings, about 4.5 KB), not by the rubric's work. On one core
// (-cpu 1) a garbage collection's mark phase lasts until the scheduler
// preempts the benchmark (about 10 ms), so a program that allocates even
// 1 KB per call has a collection in progress much of the time, with
// write barriers and assists slowing the whole pipeline: allocating six
// findings' worth beside EvaluateInto raised its share from 15% to about
// 24%, and 24 findings' worth to about 40%. Programs that evaluate in
// bulk should reuse a report with EvaluateInto.
func BenchmarkOverhead(b *testing.B) {
	for _, reuse := range []bool{false, true} {
		name := "Evaluate"
		if reuse {
			name = "EvaluateInto"
		}
		b.Run(name, func(b *testing.B) {
			r := benchRubric(b)
			m := r.prog.m
			var d phrases.Doc
			var ms []phrases.Match
			var rep Report
			in := Input{Text: benchReply}
			var base, total histogram
			var sumBase, sumTotal time.Duration
			b.ReportAllocs()
			for b.Loop() {
				t0 := time.Now()
				m.AnalyzeInto(&d, benchReply)
				ms = m.AppendMatches(ms[:0], &d, true)
				t1 := time.Now()
				if reuse {
					r.EvaluateInto(&rep, in)
				} else {
					r.Evaluate(benchReply)
				}
				t2 := time.Now()
				base.add(t1.Sub(t0))
				total.add(t2.Sub(t1))
				sumBase += t1.Sub(t0)
				sumTotal += t2.Sub(t1)
			}
			mb, mt := base.median(), total.median()
			b.ReportMetric(100*float64(sumTotal-sumBase)/float64(sumTotal), "%beyond")
			b.ReportMetric(100*float64(mt-mb)/float64(mt), "%beyond-median")
			b.ReportMetric(float64(sumTotal-sumBase)/float64(b.N), "ns-beyond/op")
		})
	}
}

// histogram counts durations in 25ns buckets up to 200µs, to find their
// median without storing them.
type histogram struct {
	n       int
	buckets [8000]int
}

const bucketWidth = 25 * time.Nanosecond

func (h *histogram) add(d time.Duration) {
	i := min(int(d/bucketWidth), len(h.buckets)-1)
	h.buckets[i]++
	h.n++
}

func (h *histogram) median() time.Duration {
	seen := 0
	for i, c := range h.buckets {
		seen += c
		if 2*seen >= h.n {
			return time.Duration(i)*bucketWidth + bucketWidth/2
		}
	}
	return 0
}

// BenchmarkEvaluateParallel evaluates with one shared rubric from
// GOMAXPROCS goroutines.
func BenchmarkEvaluateParallel(b *testing.B) {
	r := benchRubric(b)
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r.Evaluate(benchReply)
		}
	})
}

// BenchmarkCompile measures New on the 500-pattern rubric.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchRubric(b)
	}
}
