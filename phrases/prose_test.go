package phrases

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// sharedDir is where the development data sets live, beside the checkout.
// Tests and benchmarks that use it skip when it is absent.
const sharedDir = "../../shared/data"

// twcsTexts returns every message and agent reply of the twcs conversations.
func twcsTexts(tb testing.TB) []string {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(sharedDir, "twcs", "conversations.json"))
	if err != nil {
		tb.Skipf("development data not available: %v", err)
	}
	var convs []struct {
		AgentURL struct {
			Utterance string `json:"url_utterance"`
		} `json:"agentURL"`
		Dialog []struct {
			Message string `json:"message"`
		} `json:"dialogContent"`
	}
	if err := json.Unmarshal(raw, &convs); err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, c := range convs {
		for _, m := range c.Dialog {
			out = append(out, m.Message)
		}
		if c.AgentURL.Utterance != "" {
			out = append(out, c.AgentURL.Utterance)
		}
	}
	return out
}

// proseFold rewrites what prose's tokenizer rewrites before splitting, so
// both tokenizers see the same bytes and offsets can be compared.
var proseFold = strings.NewReplacer("\u201c", `"`, "\u201d", `"`, "\u2018", "'", "\u2019", "'", "&rsquo;", "'")

// proseSpans tokenizes text with prose and recovers each token's byte span
// by searching for it from the end of the previous one. Tokens prose lost
// or rewrote are skipped.
func proseSpans(text string) []Span {
	doc, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	var spans []Span
	pos := 0
	for _, t := range doc.Tokens() {
		k := strings.Index(text[pos:], t.Text)
		if k < 0 {
			continue
		}
		spans = append(spans, Span{pos + k, pos + k + len(t.Text)})
		pos += k + len(t.Text)
	}
	return spans
}

// diffClass names the kind of a token on which the tokenizers disagree.
func diffClass(text string, sp Span, ours map[Span]bool, ourToks []Token) string {
	s := text[sp.Start:sp.End]
	lower := strings.ToLower(s)
	switch {
	case chatContraction(lower):
		return "chat contraction without apostrophe (split like its apostrophe form: im, dont, wont)"
	case strings.ContainsAny(s, "\u200b\u200c\u200d\ufeff"):
		return "zero-width characters (ours treats them as spaces)"
	case strings.ContainsAny(s, "^~+=|<>$%"):
		return "symbol attached to a word (ours splits symbols off: ^AB signatures, 50%, AppleCare+)"
	case strings.Contains(lower, "http") || strings.Contains(lower, "www.") || strings.Contains(s, "/"):
		return "url or path (prose splits at its own prefixes/suffixes inside a URL; ours keeps URLs whole and trims sentence punctuation)"
	case strings.Contains(s, "@"):
		return "mention or e-mail (kept whole, @ and trailing punctuation split off)"
	case strings.HasPrefix(s, "#"):
		return "hashtag"
	case strings.ContainsAny(s, "'"):
		return "contraction or apostrophe (prose loses words after n't+punct, keeps I've/I'd whole)"
	case hasEmoji(s):
		return "emoji (ours splits emoji from words)"
	case strings.ContainsAny(s, "0123456789"):
		return "number, phone, time or percentage"
	case strings.Count(s, ".") > 0 && utf8.RuneCountInString(s) > 1:
		return "inner or trailing dots (ellipses, abbreviations like 'Hi.')"
	case strings.ContainsAny(s, "!?,;:()[]\"*&-_…"):
		return "punctuation inside a word (ours splits it off)"
	case utf8.RuneCountInString(s) == 1:
		return "single character split differently"
	}
	return "other: " + s
}

func chatContraction(lower string) bool {
	_, _, _, ok := chatSplit(lower)
	return ok
}

func hasEmoji(s string) bool {
	for _, r := range s {
		if isEmoji(r) {
			return true
		}
	}
	return false
}

// TestProseAgreement measures how often our tokens are exactly prose's on
// real customer-care text, and classifies every difference. The repairs
// are listed in the package documentation.
func TestProseAgreement(t *testing.T) {
	texts := twcsTexts(t)
	a := NewAnalyzer()
	var total, same, ourTotal int
	classes := map[string]int{}
	examples := map[string]string{}
	for _, raw := range texts {
		text := proseFold.Replace(raw)
		d := a.Analyze(text)
		ours := make(map[Span]bool, len(d.Tokens))
		for _, tk := range d.Tokens {
			ours[Span{tk.Start, tk.End}] = true
		}
		ourTotal += len(d.Tokens)
		for _, sp := range proseSpans(text) {
			total++
			if ours[sp] {
				same++
				continue
			}
			c := diffClass(text, sp, ours, d.Tokens)
			classes[c]++
			if _, ok := examples[c]; !ok {
				examples[c] = text[sp.Start:sp.End]
			}
		}
	}
	agreement := float64(same) / float64(total)
	t.Logf("prose agreement on %d twcs texts: %d of %d prose tokens identical (%.1f%%); ours: %d tokens",
		len(texts), same, total, 100*agreement, ourTotal)
	keys := make([]string, 0, len(classes))
	for k := range classes {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return classes[keys[i]] > classes[keys[j]] })
	for _, k := range keys {
		t.Logf("  %5d  %s  (e.g. %q)", classes[k], k, examples[k])
	}
	if agreement < 0.90 {
		t.Errorf("agreement with prose fell to %.3f; every class of difference must be an intended repair", agreement)
	}
	for _, k := range keys {
		if strings.HasPrefix(k, "other") && classes[k] > total/200 {
			t.Errorf("unclassified differences: %d of %q", classes[k], k)
		}
	}
}
