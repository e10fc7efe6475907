//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/empathy-go/empathy/rubric"
)

var screenshotDir = flag.String("screenshots", "", "also save the browser test's screenshots in this `directory`")

// requireBrowserEnv, set to 1, makes the browser test fail instead of
// skipping when no browser is found. CI sets it once it has installed
// Chromium, so that the test cannot skip there unnoticed.
const requireBrowserEnv = "EMPATHY_REQUIRE_BROWSER"

// findBrowser returns the path of a Chromium-based browser: $CHROME, or
// the first of chromium, chromium-browser, google-chrome and
// google-chrome-stable on $PATH. Without one, the test skips, or fails
// when EMPATHY_REQUIRE_BROWSER=1.
func findBrowser(t *testing.T) string {
	t.Helper()
	required := os.Getenv(requireBrowserEnv) == "1"
	if c := os.Getenv("CHROME"); c != "" {
		path, err := exec.LookPath(c)
		if err != nil {
			t.Fatalf("CHROME=%s: %v", c, err)
		}
		return path
	}
	names := []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			if testing.Short() && !required {
				t.Skip("skipping the browser test in -short mode")
			}
			return path
		}
	}
	msg := fmt.Sprintf("no headless browser found: set CHROME to one, or put one of %s on PATH (Debian: apt-get install chromium)",
		strings.Join(names, ", "))
	if required {
		t.Fatalf("%s; %s=1 requires the browser test to run", msg, requireBrowserEnv)
	}
	t.Skip(msg)
	return ""
}

// pageState is what the page shows after an evaluation, read from its DOM.
type pageState struct {
	State        string
	Runs         int
	Score        string // the score element's data-score
	ScoreText    string // and its text
	Verdict      string
	ReplyText    string // the highlighted reply's text
	CustomerText string
	ReplyMarks   []markState
	SignalMarks  []markState
	Findings     []struct{ ID, Status, Text string }
	Level        string
	AngerText    string
	Edits        []struct{ Kind, ID, Text string }
	EditsOld     string // the edits view without its insertions
	EditsNew     string // the edits view as the safe edits leave it
	ApplyShown   bool
	ReplyInput   string // the reply's text box
	Error        string
	Status       string   // the live region screen readers announce
	Tags         []string // the element names inside the highlighted texts
}

type markState struct {
	Keys       []string
	Start, End int
	Text       string
}

const readPage = `(() => {
	const $ = (id) => document.getElementById(id);
	const marks = (sel, attr) => Array.from(document.querySelectorAll(sel)).map((m) => ({
		Keys: (m.getAttribute(attr) || "").split(" ").filter(Boolean),
		Start: Number(m.dataset.start), End: Number(m.dataset.end), Text: m.textContent,
	}));
	return {
		State: $("results").dataset.state,
		Runs: Number($("results").dataset.runs),
		Score: $("score").dataset.score || "",
		ScoreText: $("score").textContent,
		Verdict: $("verdict").textContent,
		ReplyText: $("reply-view").textContent,
		CustomerText: $("customer-view").textContent,
		ReplyMarks: marks("#reply-view mark", "data-findings"),
		SignalMarks: marks("#customer-view mark", "data-signals"),
		Findings: Array.from(document.querySelectorAll("#results li.finding")).map((li) => ({
			ID: li.dataset.finding, Status: li.dataset.status, Text: li.textContent,
		})),
		Level: $("anger-level").textContent,
		AngerText: $("anger-score").textContent,
		Edits: Array.from(document.querySelectorAll("#edits li")).map((li) => ({
			Kind: li.dataset.kind, ID: li.dataset.id, Text: li.textContent,
		})),
		EditsOld: (() => {
			const c = $("edits-view").cloneNode(true);
			c.querySelectorAll("ins").forEach((e) => e.remove());
			return c.textContent;
		})(),
		EditsNew: (() => {
			const c = $("edits-view").cloneNode(true);
			c.querySelectorAll("del:not(.unsafe), ins.unsafe").forEach((e) => e.remove());
			return c.textContent;
		})(),
		ApplyShown: !$("apply-safe").hidden,
		ReplyInput: $("reply").value,
		Error: $("error").hidden ? "" : $("error").textContent,
		Status: $("status").textContent,
		Tags: Array.from(document.querySelectorAll("#reply-view *, #customer-view *")).map((e) => e.localName),
	};
})()`

// TestBrowser drives the page in headless Chromium: it types a customer
// message and a reply, with accents and emoji before the evidence so that
// byte and UTF-16 offsets differ, clicks the button, and checks that the
// page shows what the API answers for the same input: the score, one mark
// per evidence span holding exactly reply[start:end], the findings, the
// anger level and its signals marked in the message, and the suggested
// edits. It applies the safe edits with the page's button and checks the
// new evaluation; submits a reply holding HTML with Ctrl+Enter and checks
// that it shows as text; and submits a blank reply, which the page
// refuses. The page must log no error or warning. A screenshot of the
// first evaluation is saved in the test's temporary directory (and with
// -screenshots DIR, in DIR).
func TestBrowser(t *testing.T) {
	bin := findBrowser(t)
	srv := httptest.NewServer(newServer(defaultMaxBytes))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// Compile the rubric while the browser starts, rather than in the
	// first request.
	go warmUp()
	start := time.Now()
	b := startBrowser(t, bin)
	p, err := b.newPage(ctx, 1280, 900)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.navigate(ctx, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s started and loaded the page in %v", filepath.Base(bin), time.Since(start).Round(time.Millisecond))

	var ready struct {
		Title    string
		Unlabled []string
	}
	err = p.eval(ctx, `({
		Title: document.title,
		Unlabled: Array.from(document.querySelectorAll("textarea, input, select, meter"))
			.filter((e) => e.labels.length === 0).map((e) => e.id),
	})`, &ready)
	if err != nil {
		t.Fatal(err)
	}
	if ready.Title != "Empathy playground" {
		t.Errorf("title %q", ready.Title)
	}
	if len(ready.Unlabled) > 0 {
		t.Errorf("form controls without a label: %v", ready.Unlabled)
	}

	// First evaluation, with the mouse.
	const customer = "Ça suffit!!! 😡 This is the THIRD time I'm writing about my café order. It arrived broken and nobody answers my emails. I want a refund NOW or I'm taking my business elsewhere."
	const reply = "Bonjour Zoë 👋🏽 — I'm so sorry your café order arrived broken, and I can understand why you're frustrated. " +
		"You should have checked the box on delivery, though. I can send a replacement today or refund you, whichever you prefer. " +
		"Thank you for letting us know."
	if err := p.typeInto(ctx, "#customer", customer); err != nil {
		t.Fatal(err)
	}
	if err := p.typeInto(ctx, "#reply", reply); err != nil {
		t.Fatal(err)
	}
	if err := p.click(ctx, "#evaluate"); err != nil {
		t.Fatal(err)
	}
	got := waitForRun(ctx, t, p, 1)
	want := apiEvaluate(t, srv.URL, customer, reply)
	checkPage(t, got, want, true)

	shot, err := p.screenshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(shot, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("the screenshot is not a PNG (%d bytes)", len(shot))
	}
	path := filepath.Join(t.TempDir(), "playground.png")
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(shot))
	if *screenshotDir != "" {
		if err := os.WriteFile(filepath.Join(*screenshotDir, "playground.png"), shot, 0o644); err != nil {
			t.Error(err)
		}
	}

	// The safe edits, applied with the button, are evaluated again.
	if len(want.Edits) == 0 || want.Rewrite == reply {
		t.Fatalf("no safe edits for the test reply (edits %+v): the test does not check them", want.Edits)
	}
	if err := p.click(ctx, "#apply-safe"); err != nil {
		t.Fatal(err)
	}
	got = waitForRun(ctx, t, p, 2)
	rewritten := apiEvaluate(t, srv.URL, customer, want.Rewrite)
	checkPage(t, got, rewritten, true)
	if got.ReplyInput != want.Rewrite {
		t.Errorf("after applying the safe edits the reply box holds %q, want %q", got.ReplyInput, want.Rewrite)
	}
	if rewritten.Evaluation.Report.Score < want.Evaluation.Report.Score {
		t.Errorf("the safe edits lowered the score from %v to %v", want.Evaluation.Report.Score, rewritten.Evaluation.Report.Score)
	}

	// Third evaluation, with the keyboard: markup in the reply is text.
	const markup = `<img src=x onerror="window.pwned=1"><b>I'm so sorry</b> & thank you <script>window.pwned=2</script>`
	if err := p.typeInto(ctx, "#reply", markup); err != nil {
		t.Fatal(err)
	}
	if err := p.pressCtrlEnter(ctx); err != nil {
		t.Fatal(err)
	}
	got = waitForRun(ctx, t, p, 3)
	checkPage(t, got, apiEvaluate(t, srv.URL, customer, markup), false)
	var pwned bool
	if err := p.eval(ctx, `"pwned" in window`, &pwned); err != nil {
		t.Fatal(err)
	}
	if pwned || got.ReplyText != markup {
		t.Errorf("markup in the reply was not shown as text: pwned %v, shown %q", pwned, got.ReplyText)
	}

	// A blank reply is refused by the page, with a message.
	if err := p.typeInto(ctx, "#reply", "   "); err != nil {
		t.Fatal(err)
	}
	if err := p.click(ctx, "#evaluate"); err != nil {
		t.Fatal(err)
	}
	if err := p.waitFor(ctx, `!document.getElementById("error").hidden`); err != nil {
		t.Fatal(err)
	}
	if err := p.eval(ctx, readPage, &got); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Error, "reply") || got.Runs != 3 {
		t.Errorf("blank reply: error %q, runs %d (want a message and no request)", got.Error, got.Runs)
	}

	if probs := b.Problems(); len(probs) > 0 {
		t.Errorf("the page logged problems:\n%s", strings.Join(probs, "\n"))
	}
	t.Logf("browser test done in %v", time.Since(start).Round(time.Millisecond))
}

// waitForRun waits until the page has finished its n-th evaluation, and
// returns what it shows.
func waitForRun(ctx context.Context, t *testing.T, p *page, n int) pageState {
	t.Helper()
	cond := fmt.Sprintf(`document.getElementById("results").dataset.runs === "%d"`, n)
	if err := p.waitFor(ctx, cond); err != nil {
		t.Fatal(err)
	}
	var st pageState
	if err := p.eval(ctx, readPage, &st); err != nil {
		t.Fatal(err)
	}
	if st.State != "done" {
		t.Fatalf("evaluation %d ended in state %q, error %q", n, st.State, st.Error)
	}
	return st
}

// apiEvaluate asks the API directly.
func apiEvaluate(t *testing.T, base, customer, reply string) evaluateResponse {
	t.Helper()
	body, _ := json.Marshal(evaluateRequest{Customer: customer, Reply: reply})
	resp, err := http.Post(base+"/api/evaluate", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out evaluateResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("API: status %d, %v", resp.StatusCode, err)
	}
	return out
}

// checkPage compares what the page shows with the API's answer.
// With multibyte set, the texts must have spans after multibyte characters
// (or the test would not check the offset conversion).
func checkPage(t *testing.T, got pageState, want evaluateResponse, multibyte bool) {
	t.Helper()
	r := want.Evaluation.Report
	if score, err := strconv.ParseFloat(got.Score, 64); err != nil || score != r.Score {
		t.Errorf("page score %q, API score %v", got.Score, r.Score)
	}
	if shown, err := strconv.ParseFloat(got.ScoreText, 64); err != nil || shown != r.Score {
		t.Errorf("page shows score %q, API score %v", got.ScoreText, r.Score)
	}
	verdict := map[bool]string{true: "Passed", false: "Failed"}[r.Passed]
	if !strings.HasPrefix(got.Verdict, verdict) {
		t.Errorf("verdict %q, want %s", got.Verdict, verdict)
	}
	if want := "Score " + got.ScoreText + ", " + strings.ToLower(verdict); !strings.HasPrefix(got.Status, want) {
		t.Errorf("status for screen readers %q, want it to start %q", got.Status, want)
	}
	if got.ReplyText != want.Reply {
		t.Errorf("highlighted reply %q, want %q", got.ReplyText, want.Reply)
	}
	for _, tag := range got.Tags {
		if tag != "mark" {
			t.Errorf("a <%s> element in the highlighted text", tag)
		}
	}

	// Every evidence span of every finding is marked, and marks hold
	// nothing else.
	var spans []markSpan
	var walk func([]rubric.Finding)
	walk = func(fs []rubric.Finding) {
		for _, f := range fs {
			for _, ev := range f.Evidence {
				spans = append(spans, markSpan{f.ID, ev.Start, ev.End})
			}
			walk(f.Children)
		}
	}
	walk(r.Findings)
	checkMarks(t, "reply", want.Reply, got.ReplyMarks, spans)
	if multibyte && !afterMultibyte(want.Reply, spans) {
		t.Errorf("no evidence after a multibyte character of the reply: the test input does not check offset conversion")
	}

	shown := map[string]string{}
	for _, f := range got.Findings {
		shown[f.ID] = f.Status
	}
	if len(got.Findings) != len(r.Findings) {
		t.Errorf("the page lists %d findings, the API %d", len(got.Findings), len(r.Findings))
	}
	for _, f := range r.Findings {
		if shown[f.ID] != f.Status.String() {
			t.Errorf("finding %s: page shows %q, API %q", f.ID, shown[f.ID], f.Status)
		}
	}

	a := want.Evaluation.Customer
	if a == nil {
		t.Fatal("the API gave no assessment of the customer's message")
	}
	if got.Level != a.Level.String() || got.AngerText != strconv.FormatFloat(a.Anger, 'f', 2, 64) {
		t.Errorf("page shows level %q, anger %q; API: %s, %v", got.Level, got.AngerText, a.Level, a.Anger)
	}
	if got.CustomerText != want.Customer {
		t.Errorf("highlighted customer message %q, want %q", got.CustomerText, want.Customer)
	}
	var signals []markSpan
	for _, s := range a.Signals {
		signals = append(signals, markSpan{s.Kind, s.Start, s.End})
	}
	checkMarks(t, "customer message", want.Customer, got.SignalMarks, signals)
	if multibyte && !afterMultibyte(want.Customer, signals) {
		t.Errorf("no signal after a multibyte character of the customer message: the test input does not check offset conversion")
	}
	checkEdits(t, got, want)
}

// markSpan is a span the page must mark: a finding's evidence or a signal.
type markSpan struct {
	key        string
	start, end int
}

// checkMarks checks the marks the page put in text against the spans: the
// text of every mark is text[start:end] (byte offsets) of its own extent;
// every span is covered exactly by the marks carrying its key, in one
// piece or, where spans cross, in adjacent pieces; and every key of a mark
// belongs to a span around it.
func checkMarks(t *testing.T, what, text string, marks []markState, spans []markSpan) {
	t.Helper()
	if len(spans) == 0 {
		t.Errorf("%s: no spans to check (the test input should produce some)", what)
	}
	if len(marks) == 0 && len(spans) > 0 {
		t.Errorf("%s: no marks on the page for %d spans", what, len(spans))
	}
	for _, m := range marks {
		if m.Start < 0 || m.Start >= m.End || m.End > len(text) {
			t.Errorf("%s: mark %+v out of range", what, m)
			continue
		}
		if want := text[m.Start:m.End]; m.Text != want {
			t.Errorf("%s: mark [%d:%d] %v holds %q, want %q", what, m.Start, m.End, m.Keys, m.Text, want)
		}
		for _, k := range m.Keys {
			ok := false
			for _, s := range spans {
				ok = ok || (s.key == k && s.start <= m.Start && m.End <= s.end)
			}
			if !ok {
				t.Errorf("%s: mark [%d:%d] carries %q, which has no span there", what, m.Start, m.End, k)
			}
		}
	}
	for _, s := range spans {
		var pieces []markState
		for _, m := range marks {
			if s.start <= m.Start && m.End <= s.end && contains(m.Keys, s.key) {
				pieces = append(pieces, m)
			}
		}
		sort.Slice(pieces, func(i, j int) bool { return pieces[i].Start < pieces[j].Start })
		pos := s.start
		for _, m := range pieces {
			if m.Start != pos {
				break
			}
			pos = m.End
		}
		if pos != s.end || len(pieces) == 0 {
			t.Errorf("%s: %s [%d:%d] %q is not marked exactly (marks %+v)", what, s.key, s.start, s.end, text[s.start:s.end], pieces)
		}
	}
}

// afterMultibyte reports whether one of the spans starts after a
// multibyte character of text, where byte offsets and string indexes
// differ.
func afterMultibyte(text string, spans []markSpan) bool {
	first := strings.IndexFunc(text, func(r rune) bool { return r >= 0x80 })
	for _, s := range spans {
		if first >= 0 && s.start > first {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkEdits checks the suggested edits the page shows against the API's:
// one list item per edit, with its kind, id, reason and text, and the
// reply shown with the edits in place, which must give back the reply
// without the insertions and the rewrite with only the safe edits.
func checkEdits(t *testing.T, got pageState, want evaluateResponse) {
	t.Helper()
	if len(got.Edits) != len(want.Edits) {
		t.Fatalf("the page lists %d edits, the API %d: %+v", len(got.Edits), len(want.Edits), got.Edits)
	}
	for i, e := range want.Edits {
		g := got.Edits[i]
		if g.Kind != string(e.Kind) || g.ID != string(e.ID) || !strings.Contains(g.Text, e.Reason) ||
			!strings.Contains(g.Text, e.Text) || !strings.Contains(g.Text, e.Old) {
			t.Errorf("edit %d: the page shows %+v, the API %+v", i, g, e)
		}
	}
	if got.EditsOld != want.Reply {
		t.Errorf("the edits view without insertions is %q, want the reply %q", got.EditsOld, want.Reply)
	}
	if got.EditsNew != want.Rewrite {
		t.Errorf("the edits view with the safe edits is %q, want the rewrite %q", got.EditsNew, want.Rewrite)
	}
	if got.ApplyShown != (want.Rewrite != want.Reply) {
		t.Errorf("the apply button is shown: %v, but rewrite differs from the reply: %v", got.ApplyShown, want.Rewrite != want.Reply)
	}
}
