//go:build unix

package main

// A minimal Chrome DevTools Protocol client for the browser test, so that
// driving a real browser adds no dependency to go.mod. Chromium started
// with --remote-debugging-pipe reads protocol messages (JSON, each ended
// by a NUL byte) from its file descriptor 3 and writes its answers and
// events to descriptor 4. See https://chromedevtools.github.io/devtools-protocol/.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"
)

// cdpMessage is a protocol message in either direction: a command (ID,
// Method, Params), its answer (ID, Result or Error), or an event (Method,
// Params).
type cdpMessage struct {
	ID        int64           `json:"id,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *cdpError       `json:"error,omitempty"`
}

type cdpError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    string `json:"data,omitempty"`
}

func (e *cdpError) Error() string {
	if e.Data != "" {
		return fmt.Sprintf("cdp error %d: %s (%s)", e.Code, e.Message, e.Data)
	}
	return fmt.Sprintf("cdp error %d: %s", e.Code, e.Message)
}

// browser is a running Chromium and the connection to it.
type browser struct {
	cmd *exec.Cmd
	out *os.File // our end of the pipe Chromium reads commands from
	in  *os.File // our end of the pipe Chromium writes to

	writeMu sync.Mutex

	mu       sync.Mutex
	nextID   int64
	pending  map[int64]chan cdpMessage
	problems []string // console errors and exceptions reported by pages
	closed   bool     // the connection is gone; readErr says why
	readErr  error

	done chan struct{} // closed when the reader stops
}

// browserArgs returns Chromium's flags for the test: headless, no sandbox
// (CI containers run as root), a fresh profile in the directory profile,
// and nothing that reaches for the network, which is closed on the
// machines the test runs on.
func browserArgs(profile string) []string {
	return []string{
		"--headless",
		"--no-sandbox",
		"--disable-gpu",
		"--disable-quic",
		"--no-first-run",
		"--no-default-browser-check",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
		"--disable-extensions",
		"--disable-default-apps",
		"--disable-dev-shm-usage",
		"--disable-features=Translate,MediaRouter,OptimizationHints",
		"--hide-scrollbars",
		"--mute-audio",
		"--force-color-profile=srgb",
		"--lang=en-US",
		"--user-data-dir=" + profile,
		"--remote-debugging-pipe",
		"about:blank",
	}
}

// startBrowser starts Chromium at path with a fresh profile in a temporary
// directory and connects to it. The browser, and every process it starts,
// is killed when the test ends.
func startBrowser(t *testing.T, path string) *browser {
	t.Helper()
	profile := t.TempDir()
	cmdR, cmdW, err := os.Pipe() // commands: we write, Chromium reads (its fd 3)
	if err != nil {
		t.Fatal(err)
	}
	evR, evW, err := os.Pipe() // answers and events: Chromium writes (its fd 4), we read
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, browserArgs(profile)...)
	cmd.ExtraFiles = []*os.File{cmdR, evW}
	logs := &limitedBuffer{max: 64 << 10}
	cmd.Stdout = logs
	cmd.Stderr = logs
	// Its own process group, so that the renderers and helpers it forks
	// are killed with it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.WaitDelay = 2 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	cmdR.Close()
	evW.Close()
	b := &browser{
		cmd:     cmd,
		out:     cmdW,
		in:      evR,
		pending: map[int64]chan cdpMessage{},
		done:    make(chan struct{}),
	}
	go b.read()
	t.Cleanup(func() {
		// Ask politely, then make sure.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		b.call(ctx, "", "Browser.close", nil)
		cancel()
		exited := make(chan struct{})
		go func() {
			cmd.Wait()
			close(exited)
		}()
		select {
		case <-exited:
		case <-time.After(3 * time.Second):
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
		b.out.Close()
		b.in.Close()
		if t.Failed() {
			t.Logf("browser output (first %d bytes):\n%s", logs.max, logs.String())
		}
	})
	return b
}

// read reads messages from the browser until the pipe closes, handing
// answers to their callers and keeping the events the test looks at.
func (b *browser) read() {
	r := bufio.NewReaderSize(b.in, 1<<20)
	var err error
	for {
		var data []byte
		data, err = r.ReadBytes(0)
		if err != nil {
			break
		}
		var msg cdpMessage
		if err = json.Unmarshal(data[:len(data)-1], &msg); err != nil {
			err = fmt.Errorf("bad message from the browser: %v", err)
			break
		}
		b.mu.Lock()
		if msg.ID != 0 {
			if ch, ok := b.pending[msg.ID]; ok {
				delete(b.pending, msg.ID)
				ch <- msg
			}
		} else if p := problem(msg); p != "" {
			b.problems = append(b.problems, p)
		}
		b.mu.Unlock()
	}
	if errors.Is(err, io.EOF) || errors.Is(err, os.ErrClosed) {
		err = errors.New("the browser closed the connection")
	}
	b.mu.Lock()
	b.closed = true
	b.readErr = err
	b.mu.Unlock()
	close(b.done)
}

// problem describes an event that shows something wrong in a page: an
// uncaught exception, a console error or warning, a browser log error
// (a failed load, a blocked resource). It returns "" for other events.
func problem(msg cdpMessage) string {
	switch msg.Method {
	case "Runtime.exceptionThrown":
		var p struct {
			ExceptionDetails struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		json.Unmarshal(msg.Params, &p)
		return "exception: " + p.ExceptionDetails.Text + " " + p.ExceptionDetails.Exception.Description
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
		}
		json.Unmarshal(msg.Params, &p)
		if p.Type != "error" && p.Type != "warning" && p.Type != "assert" {
			return ""
		}
		return fmt.Sprintf("console.%s: %+v", p.Type, p.Args)
	case "Log.entryAdded":
		var p struct {
			Entry struct {
				Level  string `json:"level"`
				Source string `json:"source"`
				Text   string `json:"text"`
				URL    string `json:"url"`
			} `json:"entry"`
		}
		json.Unmarshal(msg.Params, &p)
		if p.Entry.Level != "error" && p.Entry.Level != "warning" {
			return ""
		}
		return fmt.Sprintf("log %s (%s): %s %s", p.Entry.Level, p.Entry.Source, p.Entry.Text, p.Entry.URL)
	}
	return ""
}

// Problems returns what problem has collected so far.
func (b *browser) Problems() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.problems...)
}

// call sends a command, to the browser when session is "" and to an
// attached target otherwise, and waits for its result.
func (b *browser) call(ctx context.Context, session, method string, params any) (json.RawMessage, error) {
	var raw json.RawMessage
	if params != nil {
		var err error
		if raw, err = json.Marshal(params); err != nil {
			return nil, err
		}
	}
	ch := make(chan cdpMessage, 1)
	b.mu.Lock()
	if b.closed {
		err := b.readErr
		b.mu.Unlock()
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	b.nextID++
	id := b.nextID
	b.pending[id] = ch
	b.mu.Unlock()
	defer func() {
		b.mu.Lock()
		delete(b.pending, id)
		b.mu.Unlock()
	}()

	data, err := json.Marshal(cdpMessage{ID: id, SessionID: session, Method: method, Params: raw})
	if err != nil {
		return nil, err
	}
	b.writeMu.Lock()
	_, err = b.out.Write(append(data, 0))
	b.writeMu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", method, err)
	}
	select {
	case msg := <-ch:
		if msg.Error != nil {
			return nil, fmt.Errorf("%s: %w", method, msg.Error)
		}
		return msg.Result, nil
	case <-b.done:
		b.mu.Lock()
		err := b.readErr
		b.mu.Unlock()
		return nil, fmt.Errorf("%s: %w", method, err)
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// page is a tab of the browser, attached with a flat session.
type page struct {
	b       *browser
	session string
}

// newPage opens a blank tab, attaches to it, and enables the events the
// test watches (exceptions, console and log messages).
func (b *browser) newPage(ctx context.Context, width, height int) (*page, error) {
	res, err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"})
	if err != nil {
		return nil, err
	}
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := json.Unmarshal(res, &target); err != nil {
		return nil, err
	}
	res, err = b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true})
	if err != nil {
		return nil, err
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	if err := json.Unmarshal(res, &attached); err != nil {
		return nil, err
	}
	p := &page{b: b, session: attached.SessionID}
	for _, m := range []string{"Page.enable", "Runtime.enable", "Log.enable"} {
		if _, err := p.call(ctx, m, nil); err != nil {
			return nil, err
		}
	}
	_, err = p.call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false,
	})
	return p, err
}

func (p *page) call(ctx context.Context, method string, params any) (json.RawMessage, error) {
	return p.b.call(ctx, p.session, method, params)
}

// navigate loads url and waits until the document has loaded.
func (p *page) navigate(ctx context.Context, url string) error {
	res, err := p.call(ctx, "Page.navigate", map[string]any{"url": url})
	if err != nil {
		return err
	}
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := json.Unmarshal(res, &nav); err != nil {
		return err
	}
	if nav.ErrorText != "" {
		return fmt.Errorf("navigating to %s: %s", url, nav.ErrorText)
	}
	return p.waitFor(ctx, `document.readyState === "complete"`)
}

// eval evaluates a JavaScript expression in the page, awaiting it if it
// is a promise, and stores its value, as JSON, in out (when out is not
// nil). An exception is an error.
func (p *page) eval(ctx context.Context, expr string, out any) error {
	res, err := p.call(ctx, "Runtime.evaluate", map[string]any{
		"expression":    expr,
		"awaitPromise":  true,
		"returnByValue": true,
		"userGesture":   true,
	})
	if err != nil {
		return err
	}
	var r struct {
		Result struct {
			Type  string          `json:"type"`
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	if err := json.Unmarshal(res, &r); err != nil {
		return err
	}
	if r.ExceptionDetails != nil {
		return fmt.Errorf("evaluating %q: %s %s", expr, r.ExceptionDetails.Text, r.ExceptionDetails.Exception.Description)
	}
	if out == nil {
		return nil
	}
	if len(r.Result.Value) == 0 {
		return fmt.Errorf("evaluating %q: no value (type %s)", expr, r.Result.Type)
	}
	return json.Unmarshal(r.Result.Value, out)
}

// waitFor polls a JavaScript condition until it is true or ctx is done.
func (p *page) waitFor(ctx context.Context, cond string) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		var ok bool
		if err := p.eval(ctx, "Boolean("+cond+")", &ok); err != nil {
			return err
		}
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for %s: %w", cond, ctx.Err())
		case <-tick.C:
		}
	}
}

// click clicks, with the mouse, the middle of the element the selector
// finds, after scrolling it into view; it fails when another element
// covers that point.
func (p *page) click(ctx context.Context, selector string) error {
	var pt struct {
		X, Y float64
		Hit  bool
	}
	expr := fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		e.scrollIntoView({block: "center"});
		const r = e.getBoundingClientRect();
		const x = r.left + r.width / 2, y = r.top + r.height / 2;
		const top = document.elementFromPoint(x, y);
		return {X: x, Y: y, Hit: top === e || e.contains(top)};
	})()`, selector)
	if err := p.eval(ctx, expr, &pt); err != nil {
		return err
	}
	if !pt.Hit {
		return fmt.Errorf("%s is covered by another element at (%g, %g)", selector, pt.X, pt.Y)
	}
	for _, typ := range []string{"mouseMoved", "mousePressed", "mouseReleased"} {
		params := map[string]any{"type": typ, "x": pt.X, "y": pt.Y, "button": "left", "clickCount": 1}
		if typ == "mouseMoved" {
			params = map[string]any{"type": typ, "x": pt.X, "y": pt.Y}
		}
		if _, err := p.call(ctx, "Input.dispatchMouseEvent", params); err != nil {
			return err
		}
	}
	return nil
}

// typeInto focuses the element the selector finds, selects its content,
// and replaces it with text as the keyboard would: typed text replaces the
// selection, and an empty text is a press of the Delete key.
func (p *page) typeInto(ctx context.Context, selector, text string) error {
	expr := fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.focus(); e.select(); return true; })()`, selector)
	if err := p.eval(ctx, expr, nil); err != nil {
		return err
	}
	if text != "" {
		_, err := p.call(ctx, "Input.insertText", map[string]any{"text": text})
		return err
	}
	for _, typ := range []string{"rawKeyDown", "keyUp"} {
		if _, err := p.call(ctx, "Input.dispatchKeyEvent", map[string]any{
			"type": typ, "key": "Delete", "code": "Delete", "windowsVirtualKeyCode": 46,
		}); err != nil {
			return err
		}
	}
	return nil
}

// pressCtrlEnter presses Ctrl+Enter in the focused element.
func (p *page) pressCtrlEnter(ctx context.Context) error {
	const ctrl = 2
	for _, typ := range []string{"rawKeyDown", "keyUp"} {
		if _, err := p.call(ctx, "Input.dispatchKeyEvent", map[string]any{
			"type": typ, "modifiers": ctrl, "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13,
		}); err != nil {
			return err
		}
	}
	return nil
}

// screenshot returns a PNG of the whole page.
func (p *page) screenshot(ctx context.Context) ([]byte, error) {
	res, err := p.call(ctx, "Page.getLayoutMetrics", nil)
	if err != nil {
		return nil, err
	}
	var m struct {
		CSSContentSize struct {
			Width  float64 `json:"width"`
			Height float64 `json:"height"`
		} `json:"cssContentSize"`
	}
	if err := json.Unmarshal(res, &m); err != nil {
		return nil, err
	}
	res, err = p.call(ctx, "Page.captureScreenshot", map[string]any{
		"format":                "png",
		"captureBeyondViewport": true,
		"clip": map[string]any{
			"x": 0, "y": 0, "width": m.CSSContentSize.Width, "height": m.CSSContentSize.Height, "scale": 1,
		},
	})
	if err != nil {
		return nil, err
	}
	var shot struct {
		Data []byte `json:"data"` // base64 in JSON, decoded by encoding/json
	}
	err = json.Unmarshal(res, &shot)
	return shot.Data, err
}

// limitedBuffer keeps the first max bytes written to it and drops the
// rest; it is safe for concurrent use.
type limitedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := l.max - l.buf.Len(); room > 0 {
		l.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (l *limitedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
