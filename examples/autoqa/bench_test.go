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

// BenchmarkJSONTWCS times reading and writing the JSON of the lines
// BenchmarkProcessTWCS runs, by the fast paths and by encoding/json as
// autoqa did before it had them; MB/s are of input, as there.
//
//	go test -run '^$' -bench JSONTWCS ./examples/autoqa/
func BenchmarkJSONTWCS(b *testing.B) {
	data, counts := twcsInput(b, 3e6)
	eng, err := loadEngine()
	if err != nil {
		b.Fatal(err)
	}
	lines := bytes.SplitAfter(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	decoders := []struct {
		name   string
		decode func([]byte, *inputLine) bool
	}{
		{"decode/fast", decodeLine},
		{"decode/encoding-json", func(line []byte, in *inputLine) bool { return json.Unmarshal(line, in) == nil }},
	}
	for _, d := range decoders {
		b.Run(d.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				for _, line := range lines {
					var in inputLine
					if !d.decode(line, &in) {
						b.Fatalf("not decoded: %s", line)
					}
				}
			}
			b.ReportMetric(float64(counts.Lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
		})
	}

	// The library's results for every line, to encode.
	type output struct {
		id  json.RawMessage
		ev  *deescalate.Evaluation
		a   *deescalate.Assessment
		cr  *deescalate.ConversationReview
		out []byte
	}
	outs := make([]output, len(lines))
	for i, line := range lines {
		var in inputLine
		if err := json.Unmarshal(line, &in); err != nil {
			b.Fatal(err)
		}
		o := &outs[i]
		o.id = idOrNull(in.ID)
		switch {
		case in.Turns != nil:
			o.cr = eng.ev.Review(in.Turns)
		case in.Reply != nil:
			o.ev = eng.ev.Evaluate(*in.Reply, deescalate.WithCustomer(in.Customer))
		default:
			a := eng.as.Assess(*in.Message)
			o.a = &a
		}
	}
	b.Run("encode/fast", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			for i := range outs {
				o := &outs[i]
				enc := encoder{b: o.out[:0], ok: true}
				switch {
				case o.cr != nil:
					enc.conversation(o.id, o.cr)
				case o.ev != nil:
					enc.reply(o.id, 0, o.ev)
				default:
					enc.message(o.id, 0, o.a)
				}
				o.out = append(enc.b, '\n')
			}
		}
		b.ReportMetric(float64(counts.Lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	})
	b.Run("encode/encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			for i := range outs {
				o := &outs[i]
				var v any
				switch {
				case o.cr != nil:
					v = conversationFields(o.id, o.cr)
				case o.ev != nil:
					ro := replyFields(o.ev)
					ro.ID = o.id
					v = ro
				default:
					mo := messageFields(*o.a)
					mo.ID = o.id
					v = mo
				}
				o.out = marshalLine(o.out[:0], v)
			}
		}
		b.ReportMetric(float64(counts.Lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	})
}
