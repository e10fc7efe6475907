// Command playground serves a one-page web app for trying the de-escalation
// rubric by hand: paste a customer's message and a reply, and see the
// reply's score, each finding with its evidence highlighted in the text,
// the customer's anger assessment, and the suggested edits.
//
// Usage:
//
//	go run ./examples/playground [-addr 127.0.0.1:8080] [-max-bytes 65536]
//
// Then open http://127.0.0.1:8080/ in a browser. The server listens on the
// loopback interface unless -addr says otherwise; the page, its script and
// its style sheet are embedded in the binary (go:embed) and load nothing
// from anywhere else. SIGINT or SIGTERM shuts it down gracefully.
//
// # API
//
// The page calls one JSON endpoint, which is usable on its own:
//
//	POST /api/evaluate
//	{"customer": "My order is LATE again!!", "reply": "I'm so sorry ..."}
//
// "reply" is required and must not be blank; "customer", the message the
// reply answers, is optional context (see deescalate.WithCustomer). Any
// other field is an error. The answer:
//
//	{"reply": "I'm so sorry ...",
//	 "customer": "My order is LATE again!!",
//	 "evaluation": {"score": 62.5, "threshold": 70, "passed": false,
//	                "techniques": [...], "antipatterns": [...],
//	                "findings": [{"id": "apologize", "status": "met",
//	                              "evidence": [{"start": 0, "end": 12, "text": "I'm so sorry"}]}, ...],
//	                "customer": {"anger": 0.61, "level": "angry", "signals": [...], "escalate": false}},
//	 "edits": [{"kind": "insert", "start": 0, "end": 0, "old": "", "text": "...", "id": "validate",
//	            "reason": "...", "safe": true}, ...],
//	 "rewrite": "..."}
//
// "evaluation" is a deescalate.Evaluation as it writes itself to JSON; its
// "customer" member is the customer message's deescalate.Assessment, present
// when a message was given. "edits" are the edits deescalate.Suggest proposes
// for the reply, and "rewrite" the reply with its safe edits applied
// (deescalate.Rewrite). "reply" and "customer" echo the texts evaluated.
// Every "start" and "end" is a UTF-8 byte offset: evidence into "reply",
// signals into "customer"; a JavaScript client converts them to string
// indexes (UTF-16) itself, as the page does.
//
// Errors are {"error": "..."} with status 400 (bad JSON, an unknown field, a
// blank reply), 405 with an Allow header (a method other than POST), or 413
// (a body over -max-bytes).
package main

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/empathy-go/empathy/deescalate"
)

// defaultMaxBytes is the default limit on a request body: far more than
// any reply or customer message, small enough that an evaluation stays
// quick.
const defaultMaxBytes = 64 << 10

// The server's timeouts. An evaluation takes well under a millisecond;
// these bound slow or stalled clients.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 10 * time.Second
	idleTimeout       = 60 * time.Second
	shutdownTimeout   = 5 * time.Second
)

//go:embed static
var static embed.FS

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr))
}

// run is the program: it parses args, serves until ctx is done, then shuts
// down gracefully. It returns the exit status: 0 after a clean shutdown,
// 1 when the server fails, 2 on a usage error.
func run(ctx context.Context, args []string, stderr io.Writer) int {
	fset := flag.NewFlagSet("playground", flag.ContinueOnError)
	fset.SetOutput(stderr)
	addr := fset.String("addr", "127.0.0.1:8080", "`address` to listen on (host:port)")
	maxBytes := fset.Int64("max-bytes", defaultMaxBytes, "largest request body accepted, in `bytes`")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: playground [-addr host:port] [-max-bytes N]")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return 2
	}
	if fset.NArg() > 0 || *maxBytes < 1 {
		fset.Usage()
		return 2
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "playground:", err)
		return 1
	}
	if !isLoopback(ln.Addr()) {
		fmt.Fprintf(stderr, "playground: warning: listening on %s, which is not a loopback address: anyone who can reach it can use the playground\n", ln.Addr())
	}
	srv := &http.Server{
		Handler:           newServer(*maxBytes),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    16 << 10,
	}
	fmt.Fprintf(stderr, "playground: serving on http://%s/\n", ln.Addr())
	go warmUp()

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		fmt.Fprintln(stderr, "playground:", err)
		return 1
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		fmt.Fprintln(stderr, "playground: shutdown:", err)
		return 1
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "playground:", err)
		return 1
	}
	fmt.Fprintln(stderr, "playground: stopped")
	return 0
}

// warmUp evaluates and rewrites a reply, so that the rubric, the anger
// lexicons and the rewriting rules, compiled on first use, are ready
// before the first request rather than during it.
func warmUp() {
	opt := deescalate.WithCustomer("Hello.")
	deescalate.Evaluate("Thank you.", opt)
	deescalate.Rewrite("Thank you.", opt)
}

// isLoopback reports whether a listener's address is a loopback address.
func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// server serves the page, its assets and the API. It holds no mutable
// state and is safe for concurrent use.
type server struct {
	maxBytes int64
}

// newServer returns the playground's handler: the page at /, its assets
// under /static/, and the API at /api/evaluate, whose request bodies are
// limited to maxBytes.
func newServer(maxBytes int64) http.Handler {
	s := &server{maxBytes: maxBytes}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/evaluate", s.evaluate)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path+"; the API is POST /api/evaluate")
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		serveAsset(w, r, "index.html")
	})
	mux.HandleFunc("GET /static/{name}", func(w http.ResponseWriter, r *http.Request) {
		serveAsset(w, r, r.PathValue("name"))
	})
	return secureHeaders(mux)
}

// contentSecurityPolicy allows the page to load only its own assets and to
// call only its own API: no inline scripts or styles, nothing from
// elsewhere.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// secureHeaders sets the headers every response carries.
func secureHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

// contentType returns the type of an embedded asset, by its extension,
// and whether it is one the server serves. The types are set here rather
// than looked up with package mime, whose answers depend on the system's
// tables.
func contentType(name string) (string, bool) {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8", true
	case ".css":
		return "text/css; charset=utf-8", true
	case ".js":
		return "text/javascript; charset=utf-8", true
	case ".svg":
		return "image/svg+xml", true
	}
	return "", false
}

// serveAsset serves an embedded file of the static directory.
func serveAsset(w http.ResponseWriter, r *http.Request, name string) {
	ctype, known := contentType(name)
	data, err := fs.ReadFile(static, "static/"+name)
	if !known || err != nil || strings.Contains(name, "/") {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(data)
}

// evaluateRequest is the body of POST /api/evaluate.
type evaluateRequest struct {
	Customer string `json:"customer"`
	Reply    string `json:"reply"`
}

// evaluateResponse is the answer of POST /api/evaluate; see the package
// documentation.
type evaluateResponse struct {
	Reply      string                 `json:"reply"`
	Customer   string                 `json:"customer,omitempty"`
	Evaluation *deescalate.Evaluation `json:"evaluation"`
	Edits      []deescalate.Edit      `json:"edits"`   // never null
	Rewrite    string                 `json:"rewrite"` // Reply with the safe edits applied
}

// errorResponse is the body of every error the API returns.
type errorResponse struct {
	Error string `json:"error"`
}

// evaluate serves POST /api/evaluate.
func (s *server) evaluate(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" not allowed; use POST with a JSON body")
		return
	}
	req, status, err := s.decode(w, r)
	if err != nil {
		writeError(w, status, err.Error())
		return
	}
	var opts []deescalate.EvalOption
	if req.Customer != "" {
		opts = append(opts, deescalate.WithCustomer(req.Customer))
	}
	resp := evaluateResponse{
		Reply:      req.Reply,
		Customer:   req.Customer,
		Evaluation: deescalate.Evaluate(req.Reply, opts...),
		Edits:      deescalate.Suggest(req.Reply, opts...),
	}
	if resp.Edits == nil {
		resp.Edits = []deescalate.Edit{}
	}
	resp.Rewrite, _ = deescalate.Rewrite(req.Reply, opts...)
	writeJSON(w, http.StatusOK, resp)
}

// decode reads the request body: one JSON object with the fields of
// evaluateRequest, within s.maxBytes. On failure it returns the status to
// answer with and an error whose message says what is wrong.
func (s *server) decode(w http.ResponseWriter, r *http.Request) (evaluateRequest, int, error) {
	var req evaluateRequest
	body := http.MaxBytesReader(w, r.Body, s.maxBytes)
	dec := json.NewDecoder(body)
	var fields map[string]json.RawMessage
	err := dec.Decode(&fields)
	if err == nil {
		// Read to the end, so that trailing garbage and an oversized body
		// are reported.
		var extra json.RawMessage
		if derr := dec.Decode(&extra); derr != io.EOF {
			err = derr
			if err == nil {
				err = errors.New("more than one JSON value")
			}
		}
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		var syntax *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &tooBig):
			return req, http.StatusRequestEntityTooLarge, fmt.Errorf("request body larger than %d bytes", tooBig.Limit)
		case errors.Is(err, io.EOF):
			return req, http.StatusBadRequest, errors.New(`empty request body; send a JSON object such as {"customer": "...", "reply": "..."}`)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return req, http.StatusBadRequest, errors.New("bad JSON: the body ends in the middle of a value")
		case errors.As(err, &syntax):
			return req, http.StatusBadRequest, fmt.Errorf("bad JSON at byte %d: %v", syntax.Offset, err)
		case errors.As(err, &typ):
			return req, http.StatusBadRequest, fmt.Errorf(`the request must be a JSON object such as {"customer": "...", "reply": "..."}, not a JSON %s`, typ.Value)
		default:
			return req, http.StatusBadRequest, fmt.Errorf("bad JSON: %v", err)
		}
	}
	if fields == nil {
		return req, http.StatusBadRequest, errors.New(`the request must be a JSON object such as {"customer": "...", "reply": "..."}, not null`)
	}
	var unknown []string
	for k := range fields {
		if k != "customer" && k != "reply" {
			unknown = append(unknown, fmt.Sprintf("%q", k))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		noun := "field"
		if len(unknown) > 1 {
			noun = "fields"
		}
		return req, http.StatusBadRequest, fmt.Errorf(`unknown %s %s; the fields are "customer" and "reply"`,
			noun, strings.Join(unknown, ", "))
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{{"customer", &req.Customer}, {"reply", &req.Reply}} {
		raw, ok := fields[f.name]
		if !ok || string(raw) == "null" {
			continue
		}
		if err := json.Unmarshal(raw, f.dst); err != nil {
			return req, http.StatusBadRequest, fmt.Errorf("%q must be a string", f.name)
		}
	}
	if strings.TrimSpace(req.Reply) == "" {
		return req, http.StatusBadRequest, errors.New(`"reply" is missing or blank: give the reply to evaluate`)
	}
	return req, 0, nil
}

// writeJSON writes v as the JSON body of a response with the status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data, _ = json.Marshal(errorResponse{Error: "encoding the response: " + err.Error()})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	data = append(data, '\n')
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	w.Write(data)
}

// writeError writes an API error.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorResponse{Error: msg})
}
