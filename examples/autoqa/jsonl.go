package main

// Fast paths for reading input lines and writing output lines. They give
// exactly what encoding/json gives (tests compare them on every shape and
// fuzz the decoder against json.Unmarshal), without reflection and with
// few allocations; on anything unusual they step aside and encoding/json
// does the work, so its results and error messages stay the contract.

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/empathy-go/empathy/deescalate"
	"github.com/empathy-go/empathy/rubric"
)

// decodeLine decodes an input line into in as json.Unmarshal would, when
// the line is an object whose known keys are spelled exactly, once each,
// with values of the expected types (no null) and strings in valid UTF-8.
// On anything else (a syntax error, a key matching a field only when case
// is folded, a wrong type, an unpaired surrogate escape, deep nesting) it
// returns false and leaves in partly filled: the caller then resets in
// and uses json.Unmarshal, for its result or its error.
func decodeLine(line []byte, in *inputLine) bool {
	d := decoder{b: line}
	d.space()
	if !d.eat('{') {
		return false
	}
	var seen uint8
	d.space()
	if !d.eat('}') {
		for {
			d.space()
			key, ok := d.key()
			if !ok {
				return false
			}
			d.space()
			if !d.eat(':') {
				return false
			}
			d.space()
			var bit uint8
			switch string(key) {
			case "id":
				bit = 1
				start := d.i
				if !d.skip(0) {
					return false
				}
				in.ID = json.RawMessage(line[start:d.i])
			case "agent":
				bit = 2
				if in.Agent, ok = d.str(); !ok {
					return false
				}
			case "reply":
				bit = 4
				s, ok := d.str()
				if !ok {
					return false
				}
				in.Reply = &s
			case "customer":
				bit = 8
				if in.Customer, ok = d.str(); !ok {
					return false
				}
			case "message":
				bit = 16
				s, ok := d.str()
				if !ok {
					return false
				}
				in.Message = &s
			case "turns":
				bit = 32
				if in.Turns, ok = d.turns(); !ok {
					return false
				}
			default:
				if foldsTo(key, "id", "agent", "reply", "customer", "message", "turns") || !d.skip(0) {
					return false
				}
			}
			if seen&bit != 0 {
				return false // a repeated key: json.Unmarshal merges, leave it to it
			}
			seen |= bit
			d.space()
			if d.eat(',') {
				continue
			}
			if d.eat('}') {
				break
			}
			return false
		}
	}
	d.space()
	return d.i == len(d.b)
}

// foldsTo reports whether key, not one of names, might still name one of
// them for encoding/json, which matches keys to fields case-insensitively
// (with Unicode folding: a key with any non-ASCII byte might match).
func foldsTo(key []byte, names ...string) bool {
	for _, c := range key {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	for _, n := range names {
		if strings.EqualFold(string(key), n) {
			return true
		}
	}
	return false
}

// maxDepth is the deepest nesting the decoder skips; deeper values are left
// to encoding/json.
const maxDepth = 100

type decoder struct {
	b []byte
	i int
}

func (d *decoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *decoder) eat(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

// plain[c] says that c stands for itself in a JSON string and is ASCII.
var plain = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// token scans a string token at d.i and returns its contents, without the
// quotes, and whether they hold an escape or a non-ASCII byte.
func (d *decoder) token() (s []byte, escaped, high, ok bool) {
	if !d.eat('"') {
		return nil, false, false, false
	}
	start := d.i
	for d.i < len(d.b) {
		c := d.b[d.i]
		switch {
		case plain[c]:
			d.i++
		case c == '"':
			s = d.b[start:d.i]
			d.i++
			return s, escaped, high, true
		case c == '\\':
			escaped = true
			d.i++
			if d.i >= len(d.b) {
				return nil, false, false, false
			}
			switch d.b[d.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				d.i++
			case 'u':
				if d.i+5 > len(d.b) {
					return nil, false, false, false
				}
				if _, ok := hex4(d.b[d.i+1 : d.i+5]); !ok {
					return nil, false, false, false
				}
				d.i += 5
			default:
				return nil, false, false, false
			}
		case c < ' ':
			return nil, false, false, false
		default:
			high = true
			d.i++
		}
	}
	return nil, false, false, false
}

// key reads an object key, when it has no escape.
func (d *decoder) key() ([]byte, bool) {
	s, escaped, _, ok := d.token()
	return s, ok && !escaped
}

// str reads a string value in valid UTF-8.
func (d *decoder) str() (string, bool) {
	s, escaped, high, ok := d.token()
	if !ok || high && !utf8.Valid(s) {
		return "", false
	}
	if !escaped {
		return string(s), true
	}
	return unescape(s)
}

// unescape decodes the contents of a string token holding escapes, which
// token has checked. An escaped surrogate that is not half of a pair gives
// false (encoding/json replaces it; leave that to it).
func unescape(s []byte) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			j := i + 1
			for j < len(s) && s[j] != '\\' {
				j++
			}
			b.Write(s[i:j])
			i = j
			continue
		}
		switch e := s[i+1]; e {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, _ := hex4(s[i+2 : i+6])
			i += 6
			if utf16.IsSurrogate(r) {
				if i+6 > len(s) || s[i] != '\\' || s[i+1] != 'u' {
					return "", false
				}
				r2, _ := hex4(s[i+2 : i+6])
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return "", false
				}
				i += 6
			}
			b.WriteRune(r)
			continue
		default: // '"', '\\', '/'
			b.WriteByte(e)
		}
		i += 2
	}
	return b.String(), true
}

func hex4(s []byte) (rune, bool) {
	var r rune
	for _, c := range s {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// turns reads a non-null array of turn objects.
func (d *decoder) turns() ([]deescalate.Turn, bool) {
	if !d.eat('[') {
		return nil, false
	}
	ts := []deescalate.Turn{}
	d.space()
	if d.eat(']') {
		return ts, true
	}
	for {
		d.space()
		if !d.eat('{') {
			return nil, false
		}
		var t deescalate.Turn
		var seen uint8
		d.space()
		if !d.eat('}') {
			for {
				d.space()
				key, ok := d.key()
				if !ok {
					return nil, false
				}
				d.space()
				if !d.eat(':') {
					return nil, false
				}
				d.space()
				var bit uint8
				switch string(key) {
				case "role":
					bit = 1
					var r string
					r, ok = d.str()
					t.Role = deescalate.Role(r)
				case "text":
					bit = 2
					t.Text, ok = d.str()
				default:
					ok = !foldsTo(key, "role", "text") && d.skip(1)
				}
				if !ok || seen&bit != 0 {
					return nil, false
				}
				seen |= bit
				d.space()
				if d.eat(',') {
					continue
				}
				if d.eat('}') {
					break
				}
				return nil, false
			}
		}
		ts = append(ts, t)
		d.space()
		if d.eat(',') {
			continue
		}
		if d.eat(']') {
			return ts, true
		}
		return nil, false
	}
}

// skip checks and skips any value.
func (d *decoder) skip(depth int) bool {
	if depth > maxDepth || d.i >= len(d.b) {
		return false
	}
	switch c := d.b[d.i]; {
	case c == '"':
		_, _, _, ok := d.token()
		return ok
	case c == '{':
		d.i++
		d.space()
		if d.eat('}') {
			return true
		}
		for {
			d.space()
			if _, _, _, ok := d.token(); !ok {
				return false
			}
			d.space()
			if !d.eat(':') {
				return false
			}
			d.space()
			if !d.skip(depth + 1) {
				return false
			}
			d.space()
			if d.eat(',') {
				continue
			}
			return d.eat('}')
		}
	case c == '[':
		d.i++
		d.space()
		if d.eat(']') {
			return true
		}
		for {
			d.space()
			if !d.skip(depth + 1) {
				return false
			}
			d.space()
			if d.eat(',') {
				continue
			}
			return d.eat(']')
		}
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	default:
		return d.number()
	}
}

func (d *decoder) literal(s string) bool {
	if len(d.b)-d.i >= len(s) && string(d.b[d.i:d.i+len(s)]) == s {
		d.i += len(s)
		return true
	}
	return false
}

// number skips a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (d *decoder) number() bool {
	d.eat('-')
	switch {
	case d.eat('0'):
	case d.i < len(d.b) && '1' <= d.b[d.i] && d.b[d.i] <= '9':
		d.digits()
	default:
		return false
	}
	if d.eat('.') && !d.digits() {
		return false
	}
	if d.eat('e') || d.eat('E') {
		if !d.eat('+') {
			d.eat('-')
		}
		if !d.digits() {
			return false
		}
	}
	return true
}

func (d *decoder) digits() bool {
	start := d.i
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
	}
	return d.i > start
}

// encoder appends output lines as json.Marshal writes the output types
// (replyOut, messageOut, conversationOut, errorOut). ok turns false on a
// value json.Marshal rejects (NaN, an infinity, a level out of range):
// the caller then uses json.Marshal, which reports it.
type encoder struct {
	b  []byte
	ok bool
}

const hexDigits = "0123456789abcdef"

func (e *encoder) raw(s string) { e.b = append(e.b, s...) }

// str appends s as encoding/json does, escaping HTML characters.
func (e *encoder) str(s string) {
	b := append(e.b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if htmlSafe[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	e.b = append(b, '"')
}

// htmlSafe[c] says that encoding/json writes c as is in a string and c is
// ASCII.
var htmlSafe = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// id appends an id kept by idOrNull (a string or a number, as read) as
// encoding/json writes a RawMessage: compacted, with HTML characters and
// U+2028, U+2029 escaped.
func (e *encoder) id(id json.RawMessage) {
	b := e.b
	start := 0
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c == '<' || c == '>' || c == '&' {
			b = append(b, id[start:i]...)
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			start = i + 1
		}
		if c == 0xE2 && i+2 < len(id) && id[i+1] == 0x80 && id[i+2]&^1 == 0xA8 {
			b = append(b, id[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[id[i+2]&0xF])
			start = i + 3
		}
	}
	e.b = append(b, id[start:]...)
}

// float appends f as encoding/json writes a float64.
func (e *encoder) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		e.ok = false
		return
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b := strconv.AppendFloat(e.b, f, format, -1, 64)
	if format == 'e' {
		// e-09 is written e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	e.b = b
}

func (e *encoder) int(i int) { e.b = strconv.AppendInt(e.b, int64(i), 10) }

func (e *encoder) bool(v bool) { e.b = strconv.AppendBool(e.b, v) }

// strs appends a list of strings; a nil list is null.
func strs[S ~string](e *encoder, ss []S) {
	if ss == nil {
		e.raw("null")
		return
	}
	e.b = append(e.b, '[')
	for i, s := range ss {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.str(string(s))
	}
	e.b = append(e.b, ']')
}

// head appends the fields a turn has before its own: the id of a line, or
// the index and role of a turn.
func (e *encoder) head(id json.RawMessage, index int, role deescalate.Role) {
	if id != nil {
		e.raw(`"id":`)
		e.id(id)
		e.b = append(e.b, ',')
		return
	}
	e.raw(`"index":`)
	e.int(index)
	e.raw(`,"role":`)
	e.str(string(role))
	e.b = append(e.b, ',')
}

// reply appends the object replyFields gives for ev, with id (a line) or
// index (an agent turn).
func (e *encoder) reply(id json.RawMessage, index int, ev *deescalate.Evaluation) {
	r := ev.Report
	e.b = append(e.b, '{')
	e.head(id, index, deescalate.Agent)
	e.raw(`"score":`)
	e.float(r.Score)
	e.raw(`,"passed":`)
	e.bool(r.Passed)
	e.raw(`,"techniques":`)
	strs(e, nonNil(ev.Techniques))
	e.raw(`,"antipatterns":`)
	strs(e, nonNil(ev.AntiPatterns))
	if len(r.CriticalFailures) > 0 {
		e.raw(`,"critical_failures":`)
		strs(e, r.CriticalFailures)
	}
	e.raw(`,"findings":[`)
	for i, f := range r.Findings {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.finding(f.ID, f.Status, f.Evidence, "")
	}
	e.raw("]}")
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (e *encoder) finding(id string, st rubric.Status, ev []rubric.Evidence, note string) {
	e.raw(`{"id":`)
	e.str(id)
	e.raw(`,"status":`)
	e.str(st.String())
	if len(ev) > 0 {
		e.raw(`,"evidence":[`)
		for i, x := range ev {
			if i > 0 {
				e.b = append(e.b, ',')
			}
			e.raw(`{"start":`)
			e.int(x.Start)
			e.raw(`,"end":`)
			e.int(x.End)
			e.raw(`,"text":`)
			e.str(x.Text)
			e.b = append(e.b, '}')
		}
		e.b = append(e.b, ']')
	}
	if note != "" {
		e.raw(`,"note":`)
		e.str(note)
	}
	e.b = append(e.b, '}')
}

// message appends the object messageFields gives for a, with id (a line)
// or index (a customer turn).
func (e *encoder) message(id json.RawMessage, index int, a *deescalate.Assessment) {
	e.b = append(e.b, '{')
	e.head(id, index, deescalate.Customer)
	e.raw(`"anger":`)
	e.float(a.Anger)
	level, err := a.Level.MarshalText()
	if err != nil {
		e.ok = false
		return
	}
	e.raw(`,"level":`)
	e.str(string(level))
	e.raw(`,"signals":[`)
	for i, s := range a.Signals {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.raw(`{"kind":`)
		e.str(s.Kind)
		e.raw(`,"start":`)
		e.int(s.Start)
		e.raw(`,"end":`)
		e.int(s.End)
		e.raw(`,"text":`)
		e.str(s.Text)
		e.raw(`,"weight":`)
		e.float(s.Weight)
		e.b = append(e.b, '}')
	}
	e.raw(`],"escalate":`)
	e.bool(a.Escalate)
	if len(a.Reasons) > 0 {
		e.raw(`,"reasons":`)
		strs(e, a.Reasons)
	}
	e.b = append(e.b, '}')
}

// conversation appends the conversationOut handle builds from cr.
func (e *encoder) conversation(id json.RawMessage, cr *deescalate.ConversationReview) {
	e.raw(`{"id":`)
	e.id(id)
	e.raw(`,"score":`)
	e.float(cr.Score)
	e.raw(`,"deescalated":`)
	e.bool(cr.Deescalated)
	e.raw(`,"trajectory":[`)
	for i, a := range cr.Trajectory {
		if i > 0 {
			e.b = append(e.b, ',')
		}
		e.float(a)
	}
	e.raw(`],"turns":`)
	n := 0
	for _, tr := range cr.Turns {
		if tr.Evaluation == nil && tr.Assessment == nil {
			continue
		}
		if n == 0 {
			e.b = append(e.b, '[')
		} else {
			e.b = append(e.b, ',')
		}
		n++
		if tr.Evaluation != nil {
			e.reply(nil, tr.Index, tr.Evaluation)
		} else {
			e.message(nil, tr.Index, tr.Assessment)
		}
	}
	if n == 0 {
		e.raw("null")
	} else {
		e.b = append(e.b, ']')
	}
	e.raw(`,"findings":`)
	if len(cr.Findings) == 0 {
		e.raw("null")
	} else {
		for i, f := range cr.Findings {
			if i == 0 {
				e.b = append(e.b, '[')
			} else {
				e.b = append(e.b, ',')
			}
			e.finding(f.ID, f.Status, nil, f.Note)
		}
		e.b = append(e.b, ']')
	}
	e.b = append(e.b, '}')
}

// errorLine appends an errorOut.
func (e *encoder) errorLine(id json.RawMessage, msg string) {
	e.raw(`{"id":`)
	e.id(id)
	e.raw(`,"error":`)
	e.str(msg)
	e.b = append(e.b, '}')
}
