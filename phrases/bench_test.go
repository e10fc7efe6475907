package phrases

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jdkato/prose/v2"
)

// Benchmarks run on realistic support text: the project's own labelled
// replies and customer messages (testdata/), and the real twcs
// conversations when ../shared is present. Run them on one core:
//
//	go test -run '^$' -bench . -cpu 1 ./phrases/
//
// Ratios (ours against prose, 10,000 patterns against 100, ours against
// a loop of regexps) are measured inside one benchmark, interleaving both
// sides, so that a noisy machine affects both alike.

// projectTexts returns the texts of the project's own corpus.
func projectTexts(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, name := range []string{"../testdata/replies.jsonl", "../testdata/messages.jsonl", "../testdata/complaints.jsonl"} {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var row map[string]any
			if json.Unmarshal(sc.Bytes(), &row) != nil {
				continue
			}
			for _, k := range []string{"reply", "customer", "message", "complaint"} {
				if s, ok := row[k].(string); ok && s != "" {
					out = append(out, s)
				}
			}
		}
		f.Close()
	}
	if len(out) == 0 {
		tb.Skip("no corpus in ../testdata")
	}
	return out
}

func corpora(b *testing.B) map[string][]string {
	c := map[string][]string{"project": projectTexts(b)}
	if _, err := os.Stat(sharedDir); err == nil {
		c["twcs"] = twcsTexts(b)
	}
	return c
}

func totalBytes(texts []string) int64 {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	return int64(n)
}

// ngrams returns up to n distinct word sequences of two to four words
// taken from texts, in a fixed pseudo-random order.
func ngrams(texts []string, n int) []string {
	all, _ := textNgrams(texts)
	for len(all) < n {
		// A small corpus: add invented sequences that never match.
		all = append(all, fmt.Sprintf("zq%d xv%d", len(all), len(all)))
	}
	return all[:n]
}

// textNgrams returns the distinct two- to four-word sequences of texts in
// a fixed pseudo-random order, and the distinct words.
func textNgrams(texts []string) (grams, vocab []string) {
	an := NewAnalyzer()
	seen := map[string]bool{}
	words := map[string]bool{}
	for _, t := range texts {
		d := an.Analyze(t)
		var ws []string
		for _, tk := range d.Tokens {
			if tk.Kind == Word && !strings.ContainsAny(tk.Norm, "'\\") {
				ws = append(ws, tk.Norm)
				if !words[tk.Norm] {
					words[tk.Norm] = true
					vocab = append(vocab, tk.Norm)
				}
			}
		}
		for i := range ws {
			for l := 2; l <= 4 && i+l <= len(ws); l++ {
				g := strings.Join(ws[i:i+l], " ")
				if !seen[g] {
					seen[g] = true
					grams = append(grams, g)
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(grams), func(i, j int) { grams[i], grams[j] = grams[j], grams[i] })
	return grams, vocab
}

// scalingSet returns n literal patterns of which the same 50 occur in
// texts and the rest are sequences of the texts' own words that never
// occur in them. Both sizes then find the same matches, so the ratio
// measures what the extra patterns cost, not a larger output; and the
// fillers are real words, so they start partial matches all along the text.
func scalingSet(texts []string, n int) []string {
	grams, vocab := textNgrams(texts)
	occurs := make(map[string]bool, len(grams))
	for _, g := range grams {
		occurs[g] = true
	}
	const core = 50
	out := append([]string(nil), grams[:min(core, len(grams), n)]...)
	r := rand.New(rand.NewPCG(3, 4))
	seen := map[string]bool{}
	for len(out) < n {
		l := 2 + r.IntN(3)
		ws := make([]string, l)
		for i := range ws {
			ws[i] = vocab[r.IntN(len(vocab))]
		}
		g := strings.Join(ws, " ")
		if occurs[g] || seen[g] {
			continue
		}
		seen[g] = true
		out = append(out, g)
	}
	return out
}

// mixed turns literal sequences into patterns with stems, alternatives,
// optional parts and gaps.
func mixed(lits []string) []string {
	out := make([]string, len(lits))
	for i, l := range lits {
		w := strings.Fields(l)
		switch i % 4 {
		case 0:
			w[0] = "~" + w[0]
		case 1:
			w[0] = "(" + w[0] + " | qqq" + fmt.Sprint(i) + ")"
			if len(w) > 2 {
				w[len(w)-1] = "[" + w[len(w)-1] + "]"
			}
		case 2:
			w = append(w[:1], append([]string{"..2"}, w[1:]...)...)
		}
		out[i] = strings.Join(w, " ")
	}
	return out
}

func compileSet(tb testing.TB, srcs []string) *Matcher {
	rules := make([]Rule, len(srcs))
	for i, s := range srcs {
		p, err := Compile(s)
		if err != nil {
			tb.Fatalf("%q: %v", s, err)
		}
		rules[i] = Rule{Label: "r", Pattern: p}
	}
	m, err := NewMatcher(rules)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// runOurs analyses and matches every text, reusing one Doc and one
// match buffer as a steady caller would.
func runOurs(m *Matcher, texts []string, d *Doc, buf []Match) ([]Match, int) {
	n := 0
	for _, t := range texts {
		m.AnalyzeInto(d, t)
		buf = m.AppendMatches(buf[:0], d, false)
		n += len(buf)
	}
	return buf, n
}

func runProse(texts []string) {
	for _, t := range texts {
		_, _ = prose.NewDocument(t, prose.WithTagging(false), prose.WithSegmentation(false), prose.WithExtraction(false))
	}
}

// BenchmarkAnalyzeMatch measures analysis (tokens, normal forms, stems;
// no tags) plus matching of 1,000 mixed patterns shaped like a lexicon: 50
// that occur in the text, 950 sequences of its words that do not.
func BenchmarkAnalyzeMatch(b *testing.B) {
	for name, texts := range corpora(b) {
		m := compileSet(b, mixed(scalingSet(texts, 1000)))
		b.Run(name, func(b *testing.B) {
			b.SetBytes(totalBytes(texts))
			b.ReportAllocs()
			d := new(Doc)
			var buf []Match
			for b.Loop() {
				buf, _ = runOurs(m, texts, d, buf)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(texts)), "ns/text")
		})
	}
}

// BenchmarkAnalyze measures analysis alone.
func BenchmarkAnalyze(b *testing.B) {
	for name, texts := range corpora(b) {
		b.Run(name, func(b *testing.B) {
			a := NewAnalyzer()
			b.SetBytes(totalBytes(texts))
			b.ReportAllocs()
			d := new(Doc)
			for b.Loop() {
				for _, t := range texts {
					a.AnalyzeInto(d, t)
				}
			}
		})
	}
}

// BenchmarkProseTokenize is the baseline: prose's tokenizer alone, with
// tagging, segmentation and extraction off.
func BenchmarkProseTokenize(b *testing.B) {
	for name, texts := range corpora(b) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(totalBytes(texts))
			b.ReportAllocs()
			for b.Loop() {
				runProse(texts)
			}
		})
	}
}

// interleave runs base and ours alternately and reports how many times
// faster ours is, as the metric named unit.
func interleave(b *testing.B, unit string, base, ours func()) {
	var tb, to time.Duration
	for b.Loop() {
		t0 := time.Now()
		base()
		t1 := time.Now()
		ours()
		to += time.Since(t1)
		tb += t1.Sub(t0)
	}
	b.ReportMetric(float64(tb)/float64(to), unit)
}

// BenchmarkVsProse reports (prose tokenizer time) / (our analysis plus
// matching of 1,000 patterns) on the same texts: target ≥ 18.
func BenchmarkVsProse(b *testing.B) {
	for name, texts := range corpora(b) {
		m := compileSet(b, mixed(scalingSet(texts, 1000)))
		b.Run(name, func(b *testing.B) {
			d := new(Doc)
			var buf []Match
			interleave(b, "x-faster", func() { runProse(texts) }, func() { buf, _ = runOurs(m, texts, d, buf) })
		})
	}
}

// BenchmarkMatchPatterns measures matching alone (documents analysed
// beforehand) against 100 and 10,000 patterns, literal and mixed, built by
// scalingSet.
func BenchmarkMatchPatterns(b *testing.B) {
	texts := projectTexts(b)
	for _, kind := range []string{"literal", "mixed"} {
		for _, n := range []int{100, 10000} {
			srcs := scalingSet(texts, n)
			if kind == "mixed" {
				srcs = mixed(srcs)
			}
			m := compileSet(b, srcs)
			docs := make([]*Doc, len(texts))
			for i, t := range texts {
				docs[i] = m.Analyze(t)
			}
			b.Run(fmt.Sprintf("%s/%d", kind, n), func(b *testing.B) {
				b.SetBytes(totalBytes(texts))
				b.ReportAllocs()
				var buf []Match
				for b.Loop() {
					for _, d := range docs {
						buf = m.AppendMatches(buf[:0], d, false)
					}
				}
			})
		}
	}
}

// BenchmarkPatternScaling reports (time with 10,000 patterns) / (time with
// 100) for analysis plus matching, and for matching alone: target ≤ 1.5.
func BenchmarkPatternScaling(b *testing.B) {
	texts := projectTexts(b)
	for _, kind := range []string{"literal", "mixed"} {
		small, large := scalingSet(texts, 100), scalingSet(texts, 10000)
		if kind == "mixed" {
			small, large = mixed(small), mixed(large)
		}
		m100, m10k := compileSet(b, small), compileSet(b, large)
		b.Run(kind+"/analyze+match", func(b *testing.B) {
			d := new(Doc)
			var buf []Match
			// base is the large set, so the metric is large/small.
			interleave(b, "x-10k/100", func() { buf, _ = runOurs(m10k, texts, d, buf) }, func() { buf, _ = runOurs(m100, texts, d, buf) })
		})
		b.Run(kind+"/match", func(b *testing.B) {
			d100 := make([]*Doc, len(texts))
			d10k := make([]*Doc, len(texts))
			for i, t := range texts {
				d100[i], d10k[i] = m100.Analyze(t), m10k.Analyze(t)
			}
			var buf []Match
			interleave(b, "x-10k/100",
				func() {
					for _, d := range d10k {
						buf = m10k.AppendMatches(buf[:0], d, false)
					}
				},
				func() {
					for _, d := range d100 {
						buf = m100.AppendMatches(buf[:0], d, false)
					}
				})
		})
	}
}

// BenchmarkVsRegexp compares the baseline a Go user would write without
// this library (one case-insensitive, word-bounded regexp per phrase,
// looped) with one Matcher, for 1,000 phrases: target ≥ 1,000.
func BenchmarkVsRegexp(b *testing.B) {
	texts := projectTexts(b)
	if len(texts) > 200 {
		texts = texts[:200]
	}
	lits := ngrams(texts, 1000)
	res := make([]*regexp.Regexp, len(lits))
	for i, l := range lits {
		res[i] = regexp.MustCompile(`(?i)\b` + strings.ReplaceAll(regexp.QuoteMeta(l), " ", `\s+`) + `\b`)
	}
	m := compileSet(b, lits)
	d := new(Doc)
	var buf []Match
	interleave(b, "x-faster",
		func() {
			for _, t := range texts {
				for _, re := range res {
					_ = re.FindAllStringIndex(t, -1)
				}
			}
		},
		func() { buf, _ = runOurs(m, texts, d, buf) })
}

// BenchmarkCompile measures compiling 10,000 mixed patterns into one Matcher.
func BenchmarkCompile(b *testing.B) {
	srcs := mixed(scalingSet(projectTexts(b), 10000))
	b.ReportAllocs()
	for b.Loop() {
		compileSet(b, srcs)
	}
}

// BenchmarkParallel matches from every core against one shared Matcher.
func BenchmarkParallel(b *testing.B) {
	texts := projectTexts(b)
	m := compileSet(b, mixed(scalingSet(texts, 1000)))
	b.SetBytes(totalBytes(texts))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		d := new(Doc)
		var buf []Match
		for pb.Next() {
			buf, _ = runOurs(m, texts, d, buf)
		}
	})
}
