package deescalate

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// applyBackToFront is the reference for applying edits: one by one, from
// the last to the first, each on the text the later ones left.
func applyBackToFront(draft string, edits []Edit) string {
	b := []byte(draft)
	for i := len(edits) - 1; i >= 0; i-- {
		e := edits[i]
		b = slices.Concat(b[:e.Start], []byte(e.Text), b[e.End:])
	}
	return string(b)
}

// FuzzRewrite checks Suggest and Rewrite on any text: edits sorted, not
// overlapping, within bounds, Old == draft[Start:End], on rune
// boundaries; Rewrite equal to the safe edits applied back to front (and
// to Suggest's safe edits); valid UTF-8 in, valid UTF-8 out; no panic.
func FuzzRewrite(f *testing.F) {
	for _, tc := range suggestCases {
		f.Add(tc.draft, tc.customer)
	}
	f.Add("Sorry, but.", "")
	f.Add("However, sorry. But however, unfortunately.", "")
	f.Add("calm down\xff, as I already said\xc3\x28 obviously", "I'm FURIOUS")
	f.Add("Best regards,\nAnna", "")
	f.Add("-AB", "")
	f.Add("Hi,\n\nIt's our policy not to\n\nThanks,\n- Sam", "")
	f.Add("Sorry you feel that way. However,", "")
	f.Add("\u00e9\u0301 sorry if you were upset by the caf\u00e9 \U0001F600 ^JB", "where is my order")
	// Build the default evaluator before fuzzing: its first use compiles
	// the rubric, which under load can take long enough for the fuzzer to
	// call the first input hung.
	defaultEvaluator()
	f.Fuzz(func(t *testing.T, draft, customer string) {
		var opts []EvalOption
		if customer != "" {
			opts = append(opts, WithCustomer(customer))
		}
		edits := Suggest(draft, opts...)
		checkSuggestEdits(t, draft, edits)
		out, applied := Rewrite(draft, opts...)
		safe := safeOf(edits)
		if !slices.Equal(applied, safe) {
			t.Fatalf("Rewrite applied %+v, want the safe edits of Suggest %+v", applied, safe)
		}
		if want := applyBackToFront(draft, safe); out != want {
			t.Fatalf("Rewrite(%q) = %q, want %q", draft, out, want)
		}
		if utf8.ValidString(draft) && !utf8.ValidString(out) {
			t.Fatalf("Rewrite(%q) = %q: invalid UTF-8", draft, out)
		}
	})
}
