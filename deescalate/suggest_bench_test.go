package deescalate

import (
	"strings"
	"testing"
)

// BenchmarkSuggest measures Suggest on a chat draft, an e-mail, and a long
// draft with an anti-pattern in every sentence (hundreds of edits): the
// cost grows with the length of the draft, not with its square.
func BenchmarkSuggest(b *testing.B) {
	drafts := []struct{ name, text string }{
		{"chat", "I'm sorry, but our system doesn't allow refunds after 30 days. Like I said, it's our policy."},
		{"email", "Dear Mr. Patel,\n\nI'm sorry, but the courier has not scanned your parcel since Monday. " +
			"As I already explained, I have opened a trace and will call you by 5pm tomorrow.\n\nKind regards,\nAnna\nCustomer Care"},
		{"long", strings.Repeat("Calm down, we will fix it. Like I said, the refund takes five days. ", 100)},
	}
	Evaluate("") // build the default evaluator outside the timings
	for _, d := range drafts {
		b.Run(d.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(d.text)))
			for b.Loop() {
				Suggest(d.text)
			}
		})
	}
}
