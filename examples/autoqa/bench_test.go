package main

import (
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/empathy-go/empathy/deescalate"
	"github.com/empathy-go/empathy/examples/autoqa/internal/twcsjsonl"
)

// twcsPath is the twcs development data set, beside the checkout. Tests and
// benchmarks that use it skip when it is absent.
const twcsPath = "../../../shared/data/twcs/conversations.json"

// twcsInput builds about size bytes of autoqa input from twcs (whole
// replicas of the data set), or skips.
func twcsInput(tb testing.TB, size int64) ([]byte, twcsjsonl.Counts) {
	tb.Helper()
	convs, err := twcsjsonl.Load(twcsPath)
	if err != nil {
		tb.Skipf("development data not available: %v", err)
	}
	var buf bytes.Buffer
	c, err := twcsjsonl.Write(&buf, convs, size)
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), c
}

// BenchmarkProcessTWCS runs autoqa over about 3 MB of JSON Lines built
// from the twcs conversations (replies with context, customer messages,
// whole conversations), with one worker and with two. The "library"
// sub-benchmark is the baseline: the same lines decoded beforehand and
// evaluated one after the other with no JSON and no output, so
// workers=1 against library is autoqa's own overhead, and workers=2
// against workers=1 its parallel speed-up.
//
//	go test -run '^$' -bench ProcessTWCS -benchtime 3x ./examples/autoqa/
func BenchmarkProcessTWCS(b *testing.B) {
	data, counts := twcsInput(b, 3e6)
	b.Logf("input: %v", counts)
	// Build the engine (once per process) and warm the library's word
	// caches with one pass, outside the timings, so that the first
	// sub-benchmark does not pay for what the others get for free.
	eng, err := loadEngine()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := eng.process(bytes.NewReader(data), io.Discard, io.Discard, 2, 0); err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := process(bytes.NewReader(data), io.Discard, io.Discard, workers, 0); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(counts.Lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
		})
	}
	b.Run("library", func(b *testing.B) {
		var lines []inputLine
		for line := range bytes.Lines(data) {
			var in inputLine
			if err := json.Unmarshal(line, &in); err != nil {
				b.Fatal(err)
			}
			lines = append(lines, in)
		}
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			for _, in := range lines {
				switch {
				case in.Turns != nil:
					eng.ev.Review(in.Turns)
				case in.Reply != nil:
					eng.ev.Evaluate(*in.Reply, deescalate.WithCustomer(in.Customer))
				default:
					eng.as.Assess(*in.Message)
				}
			}
		}
		b.ReportMetric(float64(counts.Lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	})
}
