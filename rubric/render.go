package rubric

import (
	"bufio"
	"encoding/json"
	"io"
	"sort"
	"strconv"
	"strings"
)

// WriteText writes the report for a text named name (a file name, or ""
// for "<input>") in the style of a linter: a summary line, then one line
// per finding, located at its evidence as name:line:column when it has
// any, with the evidence quoted. Lines and columns start at 1; columns
// count bytes, as the Go compiler's do. Suggestions and notes follow on
// lines indented by a tab. Findings inside combinators and nested rubrics
// follow their parent, with ids joined by "/".
//
//	reply.txt: reply: score 37.50/100, failed (threshold 80; critical: policy)
//	reply.txt:1:1: apologize: met: "I'm so sorry"
//	reply.txt:2:9: policy: violated, critical: "it's our policy"
//		suggestion: Remove or rephrase "it's our policy".
//	reply.txt: escalate: not applicable
//		note: condition "angry" not met
func (r *Report) WriteText(w io.Writer, name string) error {
	if name == "" {
		name = "<input>"
	}
	bw := bufio.NewWriter(w)
	lc := newLines(r.Text)
	bw.WriteString(name)
	bw.WriteString(": ")
	bw.WriteString(r.ID)
	bw.WriteString(": score ")
	bw.WriteString(fixed(r.Score))
	bw.WriteString("/100, ")
	bw.WriteString(passFail(r.Passed))
	bw.WriteString(" (threshold ")
	bw.WriteString(formatFloat(r.Threshold))
	if len(r.CriticalFailures) > 0 {
		bw.WriteString("; critical: ")
		bw.WriteString(strings.Join(r.CriticalFailures, ", "))
	}
	bw.WriteString(")\n")
	var walk func(prefix string, fs []Finding)
	walk = func(prefix string, fs []Finding) {
		for i := range fs {
			f := &fs[i]
			id := prefix + f.ID
			status := f.Status.words()
			if f.Critical {
				status += ", critical"
			}
			if len(f.Evidence) == 0 {
				bw.WriteString(name + ": " + id + ": " + status + "\n")
			}
			for _, ev := range f.Evidence {
				bw.WriteString(name + lc.pos(ev.Start) + ": " + id + ": " + status + ": " + strconv.Quote(ev.Text) + "\n")
			}
			if f.Suggestion != "" {
				bw.WriteString("\tsuggestion: " + oneLine(f.Suggestion) + "\n")
			}
			if f.Note != "" {
				bw.WriteString("\tnote: " + oneLine(f.Note) + "\n")
			}
			for _, ev := range f.Negated {
				bw.WriteString(name + lc.pos(ev.Start) + ": " + id + ": negated, not counted: " + strconv.Quote(ev.Text) + "\n")
			}
			walk(id+"/", f.Children)
		}
	}
	walk("", r.Findings)
	return bw.Flush()
}

// WriteJSON writes the report as indented JSON followed by a newline. The
// field names are those of the json tags on [Report], [Finding] and
// [Evidence], and are stable; statuses are written as "met", "missed",
// "violated" and "not_applicable". The evaluated text is not included.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteMarkdown writes the report as a Markdown section: a heading, the
// score, a table with one row per finding (children indented under their
// parent), and the suggestions of the criteria that were missed or
// violated. Evidence is quoted with its line:column.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	lc := newLines(r.Text)
	title := r.Title
	if title == "" {
		title = r.ID
	}
	bw.WriteString("## " + mdEscape(title) + "\n\n")
	bw.WriteString("Rubric `" + r.ID + "`: **" + fixed(r.Score) + "** / 100, **" + passFail(r.Passed) + "** (threshold " + formatFloat(r.Threshold) + ").")
	if len(r.CriticalFailures) > 0 {
		bw.WriteString(" Critical failure: `" + strings.Join(r.CriticalFailures, "`, `") + "`.")
	}
	bw.WriteString("\n\n| Criterion | Status | Weight | Points | Evidence | Note |\n| --- | --- | ---: | ---: | --- | --- |\n")
	var suggestions []string
	na := false
	var walk func(depth int, prefix string, fs []Finding)
	walk = func(depth int, prefix string, fs []Finding) {
		for i := range fs {
			f := &fs[i]
			id := prefix + f.ID
			cell := strings.Repeat("&nbsp;&nbsp;", depth) + "`" + id + "`"
			if f.Title != "" {
				cell += " " + mdEscape(f.Title)
			}
			status := f.Status.words()
			if f.Critical {
				status += " (critical)"
			}
			weight, points := "", ""
			if depth == 0 || f.Weight != 0 {
				weight, points = formatFloat(f.Weight), fixed(f.Contribution)
			}
			var ev []string
			for _, e := range f.Evidence {
				ev = append(ev, mdEscape(strconv.Quote(e.Text))+" ("+strings.TrimPrefix(lc.pos(e.Start), ":")+")")
			}
			for _, e := range f.Negated {
				ev = append(ev, "negated, not counted: "+mdEscape(strconv.Quote(e.Text))+" ("+strings.TrimPrefix(lc.pos(e.Start), ":")+")")
			}
			bw.WriteString("| " + cell + " | " + status + " | " + weight + " | " + points + " | " + strings.Join(ev, "<br>") + " | " + mdEscape(f.Note) + " |\n")
			if f.Suggestion != "" {
				suggestions = append(suggestions, "- `"+id+"` ("+f.Status.words()+"): "+mdEscape(f.Suggestion))
			}
			na = na || f.Status == NotApplicable
			walk(depth+1, id+"/", f.Children)
		}
	}
	walk(0, "", r.Findings)
	if na {
		bw.WriteString("\nCriteria that are not applicable are left out of the score.\n")
	}
	if len(suggestions) > 0 {
		bw.WriteString("\n### Suggestions\n\n" + strings.Join(suggestions, "\n") + "\n")
	}
	return bw.Flush()
}

func passFail(passed bool) string {
	if passed {
		return "passed"
	}
	return "failed"
}

// fixed formats a score with two decimals.
func fixed(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

// mdEscape makes s safe in a Markdown table cell and inline text.
func mdEscape(s string) string {
	if !strings.ContainsAny(s, "\\`*_[]<>|#\r\n") {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#':
			b.WriteByte('\\')
			b.WriteRune(c)
		case '\r', '\n':
			b.WriteByte(' ')
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// lines converts byte offsets to line:column positions.
type lines struct {
	n      int   // length of the text
	starts []int // offsets where lines start
}

func newLines(text string) lines {
	l := lines{n: len(text), starts: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// pos returns ":line:col" for an offset, or "" when it is outside the text.
func (l lines) pos(off int) string {
	if off < 0 || off > l.n {
		return ""
	}
	i := sort.SearchInts(l.starts, off+1) - 1
	return ":" + strconv.Itoa(i+1) + ":" + strconv.Itoa(off-l.starts[i]+1)
}
