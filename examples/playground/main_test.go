package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/empathy-go/empathy/deescalate"
)

const (
	goodCustomer = "This is the THIRD time I'm writing!!! My order arrived broken and nobody answers."
	goodReply    = "I'm so sorry your order arrived broken, and I can understand why you're frustrated. " +
		"I can send a replacement today or refund you, whichever you prefer. Thank you for letting us know."
)

// do sends a request to a fresh server and returns the response and its body.
func do(t *testing.T, maxBytes int64, method, target, body string) (*http.Response, []byte) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	rec := httptest.NewRecorder()
	newServer(maxBytes).ServeHTTP(rec, req)
	resp := rec.Result()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

func post(t *testing.T, v any) (*http.Response, []byte) {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, defaultMaxBytes, http.MethodPost, "/api/evaluate", string(data))
}

func TestEvaluate(t *testing.T) {
	resp, body := post(t, evaluateRequest{Customer: goodCustomer, Reply: goodReply})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var got evaluateResponse
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("not an evaluateResponse: %v\n%s", err, body)
	}
	want := deescalate.Evaluate(goodReply, deescalate.WithCustomer(goodCustomer))
	ev := got.Evaluation
	if ev == nil || ev.Report == nil {
		t.Fatalf("no evaluation in %s", body)
	}
	if ev.Report.Score != want.Report.Score || ev.Report.Passed != want.Report.Passed || !ev.Report.Passed {
		t.Errorf("score %v passed %v, want %v %v (and a pass)", ev.Report.Score, ev.Report.Passed, want.Report.Score, want.Report.Passed)
	}
	if len(ev.Report.Findings) != len(want.Report.Findings) || !ev.Has("apologize") || !ev.Has("options") {
		t.Errorf("findings %d (want %d), techniques %v", len(ev.Report.Findings), len(want.Report.Findings), ev.Techniques)
	}
	if got.Reply != goodReply || got.Customer != goodCustomer {
		t.Errorf("texts not echoed: %q, %q", got.Reply, got.Customer)
	}
	// Evidence offsets are byte offsets into the echoed reply.
	n := 0
	for _, f := range ev.Report.Findings {
		for _, e := range f.Evidence {
			n++
			if e.Start < 0 || e.End > len(got.Reply) || got.Reply[e.Start:e.End] != e.Text {
				t.Errorf("%s: evidence [%d:%d] %q does not match the reply", f.ID, e.Start, e.End, e.Text)
			}
		}
	}
	if n == 0 {
		t.Error("no evidence in the findings")
	}
	a := ev.Customer
	if a == nil || a.Level < deescalate.Annoyed || len(a.Signals) == 0 {
		t.Fatalf("assessment of the customer's message: %+v", a)
	}
	for _, s := range a.Signals {
		if got.Customer[s.Start:s.End] != s.Text {
			t.Errorf("signal %s [%d:%d] %q does not match the message", s.Kind, s.Start, s.End, s.Text)
		}
	}
}

// The suggested edits are byte ranges of the reply, and the rewrite is
// the reply with the safe ones applied.
func TestEvaluateEdits(t *testing.T) {
	const reply = "Calm down 😀, sorry but it's our policy. You should have read the terms."
	_, body := post(t, evaluateRequest{Customer: goodCustomer, Reply: reply})
	var got evaluateResponse
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Edits) == 0 {
		t.Fatalf("no edits for %q", reply)
	}
	for _, e := range got.Edits {
		if e.Start < 0 || e.Start > e.End || e.End > len(reply) || reply[e.Start:e.End] != e.Old {
			t.Errorf("edit %+v does not match the reply", e)
		}
	}
	wantText, _ := deescalate.Rewrite(reply, deescalate.WithCustomer(goodCustomer))
	if got.Rewrite != wantText || got.Rewrite == reply {
		t.Errorf("rewrite %q, want %q (and a change)", got.Rewrite, wantText)
	}

	// No edits is [], not null.
	_, body = post(t, evaluateRequest{Reply: goodReply + " Would it be all right if I checked in on Friday?"})
	var raw map[string]json.RawMessage
	json.Unmarshal(body, &raw)
	if string(raw["edits"]) != "[]" {
		t.Errorf(`edits %s, want []`, raw["edits"])
	}
}

// The same request gets the same bytes back.
func TestEvaluateDeterministic(t *testing.T) {
	req := evaluateRequest{Customer: goodCustomer, Reply: "Calm down. It's our policy, sorry but there's nothing I can do. 😀 Thanks."}
	_, first := post(t, req)
	for i := 0; i < 5; i++ {
		if _, again := post(t, req); !bytes.Equal(again, first) {
			t.Fatalf("response %d differs:\n%s\n%s", i, first, again)
		}
	}
}

// Without a customer message there is no assessment, and the reply is
// judged on its own.
func TestEvaluateWithoutCustomer(t *testing.T) {
	for _, body := range []string{`{"reply": "I'm so sorry."}`, `{"reply": "I'm so sorry.", "customer": null}`, `{"reply": "I'm so sorry.", "customer": ""}`} {
		resp, data := do(t, defaultMaxBytes, http.MethodPost, "/api/evaluate", body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", body, resp.StatusCode, data)
		}
		var raw map[string]json.RawMessage
		json.Unmarshal(data, &raw)
		var ev map[string]json.RawMessage
		json.Unmarshal(raw["evaluation"], &ev)
		if _, ok := ev["customer"]; ok {
			t.Errorf("%s: an assessment without a customer message: %s", body, data)
		}
		if _, ok := raw["customer"]; ok {
			t.Errorf("%s: a customer text echoed without one: %s", body, data)
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		msg        string // in the error message
	}{
		{"empty body", "", 400, "empty request body"},
		{"bad JSON", `{"reply": "hi",}`, 400, "bad JSON at byte"},
		{"truncated", `{"reply": "hi`, 400, "ends in the middle"},
		{"trailing data", `{"reply": "hi"} {"reply": "again"}`, 400, "bad JSON"},
		{"trailing garbage", `{"reply": "hi"} x`, 400, "bad JSON"},
		{"not an object", `["hi"]`, 400, "must be a JSON object"},
		{"a string", `"hi"`, 400, "must be a JSON object"},
		{"null", `null`, 400, "must be a JSON object"},
		{"unknown field", `{"reply": "hi", "tone": "warm"}`, 400, `unknown field "tone"`},
		{"unknown fields", `{"Reply": "hi", "text": "x"}`, 400, `unknown fields "Reply", "text"`},
		{"reply not a string", `{"reply": 42}`, 400, `"reply" must be a string`},
		{"customer not a string", `{"reply": "hi", "customer": ["x"]}`, 400, `"customer" must be a string`},
		{"no reply", `{"customer": "Where is my order?"}`, 400, `"reply" is missing or blank`},
		{"empty reply", `{"reply": ""}`, 400, `"reply" is missing or blank`},
		{"blank reply", `{"reply": " \n\t "}`, 400, `"reply" is missing or blank`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, data := do(t, defaultMaxBytes, http.MethodPost, "/api/evaluate", tt.body)
			checkError(t, resp, data, tt.status, tt.msg)
		})
	}
}

// checkError checks that an API error has the status, a JSON body, and a
// message containing msg.
func checkError(t *testing.T, resp *http.Response, data []byte, status int, msg string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("status %d, want %d: %s", resp.StatusCode, status, data)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	var e errorResponse
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		t.Fatalf("error body is not {\"error\": ...}: %v: %s", err, data)
	}
	if !strings.Contains(e.Error, msg) {
		t.Errorf("error %q, want it to mention %q", e.Error, msg)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodHead} {
		resp, data := do(t, defaultMaxBytes, m, "/api/evaluate", "")
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
			t.Errorf("%s: status %d, Allow %q", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
		if m != http.MethodHead {
			checkError(t, resp, data, http.StatusMethodNotAllowed, "use POST")
		}
	}
	// The page accepts GET and HEAD only.
	resp, _ := do(t, defaultMaxBytes, http.MethodPost, "/", "x")
	if resp.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(resp.Header.Get("Allow"), "GET") {
		t.Errorf("POST /: status %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestBodyTooLarge(t *testing.T) {
	const limit = 1000
	reply := strings.Repeat("I'm so sorry. ", 100) // 1400 bytes
	body, _ := json.Marshal(evaluateRequest{Reply: reply})
	resp, data := do(t, limit, http.MethodPost, "/api/evaluate", string(body))
	checkError(t, resp, data, http.StatusRequestEntityTooLarge, "larger than 1000 bytes")

	// Trailing space past the limit counts too.
	resp, data = do(t, limit, http.MethodPost, "/api/evaluate", `{"reply": "sorry"}`+strings.Repeat(" ", limit))
	checkError(t, resp, data, http.StatusRequestEntityTooLarge, "larger than")

	// Exactly the limit is fine; one byte more is not.
	exact := `{"reply": "` + strings.Repeat("a", limit-len(`{"reply": ""}`)) + `"}`
	if resp, data := do(t, limit, http.MethodPost, "/api/evaluate", exact); resp.StatusCode != http.StatusOK {
		t.Errorf("%d bytes with a limit of %d: status %d: %s", len(exact), limit, resp.StatusCode, data)
	}
	resp, data = do(t, limit, http.MethodPost, "/api/evaluate", exact+" ")
	checkError(t, resp, data, http.StatusRequestEntityTooLarge, "larger than")
}

func TestUnknownAPIPath(t *testing.T) {
	resp, data := do(t, defaultMaxBytes, http.MethodPost, "/api/score", `{"reply": "hi"}`)
	checkError(t, resp, data, http.StatusNotFound, "POST /api/evaluate")
}

func TestPage(t *testing.T) {
	for _, m := range []string{http.MethodGet, http.MethodHead} {
		resp, data := do(t, defaultMaxBytes, m, "/", "")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s /: status %d", m, resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s /: Content-Type %q", m, ct)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("Content-Security-Policy %q", csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Error("no X-Content-Type-Options: nosniff")
		}
		if m == http.MethodHead {
			if len(data) != 0 {
				t.Errorf("HEAD /: %d bytes of body", len(data))
			}
			continue
		}
		page := string(data)
		for _, want := range []string{`<label for="customer">`, `<label for="reply">`, `id="evaluate"`, `src="static/app.js"`, `href="static/style.css"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the page lacks %s", want)
			}
		}
		// Nothing from elsewhere: no absolute URLs, no inline script or style.
		for _, bad := range []string{"http://", "https://", "//cdn", "<style", "style=", "<script>", "onclick"} {
			if strings.Contains(page, bad) {
				t.Errorf("the page contains %q", bad)
			}
		}
	}
	if resp, _ := do(t, defaultMaxBytes, http.MethodGet, "/nope", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /nope: status %d", resp.StatusCode)
	}
}

func TestAssets(t *testing.T) {
	assets := map[string]string{
		"/static/app.js":      "text/javascript; charset=utf-8",
		"/static/style.css":   "text/css; charset=utf-8",
		"/static/favicon.svg": "image/svg+xml",
		"/static/index.html":  "text/html; charset=utf-8",
	}
	for path, ctype := range assets {
		resp, data := do(t, defaultMaxBytes, http.MethodGet, path, "")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != ctype || len(data) == 0 {
			t.Errorf("GET %s: status %d, Content-Type %q, %d bytes", path, resp.StatusCode, resp.Header.Get("Content-Type"), len(data))
		}
		if !utf8.Valid(data) || strings.Contains(string(data), "https://") && path != "/static/favicon.svg" {
			t.Errorf("%s: not UTF-8, or refers to another site", path)
		}
	}
	for _, path := range []string{"/static/", "/static/nope.js", "/static/../main.go", "/static/%2e%2e/main.go", "/static/main.go"} {
		if resp, _ := do(t, defaultMaxBytes, http.MethodGet, path, ""); resp.StatusCode == http.StatusOK {
			t.Errorf("GET %s: status %d", path, resp.StatusCode)
		}
	}
	// The script builds the page with text, never with HTML.
	_, js := do(t, defaultMaxBytes, http.MethodGet, "/static/app.js", "")
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if bytes.Contains(js, []byte(bad)) {
			t.Errorf("app.js uses %s", bad)
		}
	}
}

// A real server on a loopback port, through a real client: the request
// limits hold end to end.
func TestServerEndToEnd(t *testing.T) {
	srv := httptest.NewServer(newServer(defaultMaxBytes))
	defer srv.Close()
	body, _ := json.Marshal(evaluateRequest{Reply: goodReply})
	resp, err := http.Post(srv.URL+"/api/evaluate", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status %d", resp.StatusCode)
	}
	big := bytes.Repeat([]byte(" "), defaultMaxBytes+1)
	resp, err = http.Post(srv.URL+"/api/evaluate", "application/json", bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	checkError(t, resp, data, http.StatusRequestEntityTooLarge, "larger than")
}

func TestRun(t *testing.T) {
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"-nosuchflag"}, &stderr); code != 2 {
		t.Errorf("bad flag: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"-max-bytes", "0"}, &stderr); code != 2 {
		t.Errorf("-max-bytes 0: exit %d, want 2", code)
	}
	if code := run(context.Background(), []string{"extra"}, &stderr); code != 2 {
		t.Errorf("an argument: exit %d, want 2", code)
	}
	stderr.Reset()
	if code := run(context.Background(), []string{"-addr", "127.0.0.1:-1"}, &stderr); code != 1 || !strings.Contains(stderr.String(), "playground:") {
		t.Errorf("bad address: exit %d, stderr %q", code, stderr.String())
	}
	// Cancelling the context shuts the server down cleanly.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stderr.Reset()
	if code := run(ctx, []string{"-addr", "127.0.0.1:0"}, &stderr); code != 0 {
		t.Errorf("shutdown: exit %d, stderr %q", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "serving on http://127.0.0.1:") || !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("stderr %q", stderr.String())
	}
}
