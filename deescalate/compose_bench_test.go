package deescalate

import "testing"

// benchComposeRequest is a typical request: a three-sentence complaint,
// two remedies, names, contact and a time.
var benchComposeRequest = Request{
	Message:      "You sent me a lamp that arrived damaged after I waited two weeks for it. The box was crushed and the lamp inside is broken. I want this sorted today!",
	CustomerName: "Maria", AgentName: "Sam", Contact: "555-0142",
	Remedies: []string{"a replacement sent by express delivery", "a full refund"},
	By:       "by Friday",
}

// BenchmarkCompose composes chat replies with the default Composer,
// checking included, to the customer messages of testdata/messages.jsonl
// in turn (calm questions to furious rants, one to eight sentences), and
// reports replies per second.
//
//	go test -run '^$' -bench Compose -benchtime 1s -count 3 ./deescalate/
func BenchmarkCompose(b *testing.B) {
	c := defaultComposer()
	var reqs []Request
	for _, m := range composeMessages(b)[:200] {
		req := benchComposeRequest
		req.Message = m
		reqs = append(reqs, req)
	}
	for _, req := range reqs {
		if _, err := c.Compose(req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		req := reqs[i%len(reqs)]
		req.Seed = uint64(i)
		i++
		if _, err := c.Compose(req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}

// BenchmarkComposeOne composes chat replies to one three-sentence
// complaint.
func BenchmarkComposeOne(b *testing.B) {
	c := defaultComposer()
	if _, err := c.Compose(benchComposeRequest); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	req := benchComposeRequest
	for b.Loop() {
		req.Seed++
		if _, err := c.Compose(req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}

// BenchmarkComposeEmail is BenchmarkCompose in the e-mail register.
func BenchmarkComposeEmail(b *testing.B) {
	c := defaultComposer()
	req := benchComposeRequest
	req.Register = Email
	if _, err := c.Compose(req); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		req.Seed++
		if _, err := c.Compose(req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}

// BenchmarkComposeParallel composes from every core with one Composer.
func BenchmarkComposeParallel(b *testing.B) {
	c := defaultComposer()
	if _, err := c.Compose(benchComposeRequest); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		req := benchComposeRequest
		for pb.Next() {
			req.Seed++
			if _, err := c.Compose(req); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "replies/s")
}

// BenchmarkRestatement picks out, trims and reflects the problem of a
// message.
func BenchmarkRestatement(b *testing.B) {
	Restatement(benchComposeRequest.Message)
	b.ReportAllocs()
	for b.Loop() {
		Restatement(benchComposeRequest.Message)
	}
}
