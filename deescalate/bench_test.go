package deescalate

import (
	"testing"

	"github.com/empathy-go/empathy/phrases"
)

// benchReply is a typical support reply of about 400 bytes.
const benchReply = "Hi Maria, I'm so sorry your order arrived damaged, and I completely " +
	"understand how frustrating that must be after waiting two weeks. I can send a " +
	"replacement today by express delivery, or refund the full $49.99 to your card, " +
	"whichever you prefer. I've also logged this with our warehouse team so it doesn't " +
	"happen again. You can reach me directly at 555-014-2266. Thank you for letting us " +
	"know, and again, my apologies."

// benchCustomer is the message benchReply answers.
const benchCustomer = "My order arrived damaged after I waited two weeks for it. " +
	"The box was crushed and the lamp inside is broken. I want this sorted today!"

// benchConversation is a short complaint handled over six turns.
var benchConversation = []Turn{
	{Customer, "My order arrived damaged after two weeks. The lamp is broken and I'm furious!"},
	{Agent, "I'm so sorry, that must be really frustrating after waiting so long. Could you tell me more about the damage?"},
	{Customer, "The base is cracked and the shade is torn. I want a replacement."},
	{Agent, "Thank you. I can send a replacement today by express, or refund the full $49.99, whichever you prefer."},
	{Customer, "A replacement please."},
	{Agent, "Done: it ships today and arrives Thursday. Would it be okay if I checked in on Friday to make sure it arrived safely? Thanks for your patience, Maria."},
}

func benchEvaluator(b *testing.B) *Evaluator {
	b.Helper()
	return testEvaluator(b)
}

// BenchmarkEvaluate evaluates a 400-byte reply with the default rubric and
// no customer message.
//
//	go test -run '^$' -bench Evaluate -cpu 1 ./deescalate/
func BenchmarkEvaluate(b *testing.B) {
	e := benchEvaluator(b)
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	for b.Loop() {
		e.Evaluate(benchReply)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}

// BenchmarkEvaluateInto is BenchmarkEvaluate reusing one Evaluation, as
// a program that writes out each evaluation before the next would.
func BenchmarkEvaluateInto(b *testing.B) {
	e := benchEvaluator(b)
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	var ev Evaluation
	for b.Loop() {
		e.EvaluateInto(&ev, benchReply)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}

// BenchmarkEvaluateCustomer evaluates the same reply with the customer's
// message: the message is assessed and the restatement judged against it.
func BenchmarkEvaluateCustomer(b *testing.B) {
	e := benchEvaluator(b)
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	for b.Loop() {
		e.Evaluate(benchReply, WithCustomer(benchCustomer))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}

// BenchmarkEvaluateParallel evaluates with one shared Evaluator from
// GOMAXPROCS goroutines.
func BenchmarkEvaluateParallel(b *testing.B) {
	e := benchEvaluator(b)
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			e.Evaluate(benchReply, WithCustomer(benchCustomer))
		}
	})
}

// BenchmarkReview reviews a six-turn conversation.
func BenchmarkReview(b *testing.B) {
	e := benchEvaluator(b)
	b.ReportAllocs()
	for b.Loop() {
		e.Review(benchConversation)
	}
}

// BenchmarkAnalyzeMatch measures the floor under Evaluate: analysing the
// reply and matching every catalogue pattern in it once, with one matcher
// built from the whole catalogue, reusing memory as the rubric does.
func BenchmarkAnalyzeMatch(b *testing.B) {
	var rules []phrases.Rule
	for _, e := range Catalogue() {
		for _, src := range e.Patterns {
			rules = append(rules, phrases.Rule{Label: string(e.ID), Pattern: phrases.MustCompile(src)})
		}
	}
	m, err := phrases.NewMatcher(rules)
	if err != nil {
		b.Fatal(err)
	}
	var d phrases.Doc
	var ms []phrases.Match
	b.SetBytes(int64(len(benchReply)))
	b.ReportAllocs()
	for b.Loop() {
		m.AnalyzeInto(&d, benchReply)
		ms = m.AppendMatches(ms[:0], &d, true)
	}
	b.ReportMetric(float64(len(ms)), "matches")
}
