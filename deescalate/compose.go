package deescalate

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/empathy-go/empathy/phrases"
	"github.com/empathy-go/empathy/rubric"
)

// Register is the style of a composed reply. It marshals to and from its
// name ("chat", "email") as text and in JSON.
type Register uint8

// The registers.
const (
	// Chat is a reply for live chat or a messaging app: one paragraph,
	// an optional "Hi <name>." and no sign-off. It is the zero value.
	Chat Register = iota
	// Email is a reply by e-mail or letter: a salutation, paragraphs, a
	// closing and the agent's name. It also asks permission to document
	// the case, which the default rubric expects of long replies.
	Email
)

// String returns "chat" or "email"; a value out of range prints as
// "register(N)".
func (r Register) String() string {
	switch r {
	case Chat:
		return "chat"
	case Email:
		return "email"
	}
	return "register(" + strconv.Itoa(int(r)) + ")"
}

// MarshalText returns the register's name. A value out of range is a
// [*ComposeError] with code [ErrRegister].
func (r Register) MarshalText() ([]byte, error) {
	if r > Email {
		return nil, &ComposeError{Code: ErrRegister, Field: "Register", Detail: r.String()}
	}
	return []byte(r.String()), nil
}

// UnmarshalText sets the register from its name, in any case ("chat",
// "Email"). An unknown name is a [*ComposeError] with code [ErrRegister]
// and leaves r unchanged.
func (r *Register) UnmarshalText(b []byte) error {
	for _, c := range [...]Register{Chat, Email} {
		if strings.EqualFold(string(b), c.String()) {
			*r = c
			return nil
		}
	}
	return &ComposeError{Code: ErrRegister, Field: "Register", Detail: strconv.Quote(string(b))}
}

// Request is what [Composer.Compose] needs to write a reply.
type Request struct {
	// Message is the customer's message: required, not blank. Any
	// length and any text are accepted; the problem is looked for in its
	// first 8 KiB.
	Message string `json:"message"`
	// CustomerName greets the customer ("Hi Maria."); optional.
	CustomerName string `json:"customer_name,omitempty"`
	// AgentName introduces the agent in a chat ("this is Sam") and signs
	// an e-mail; optional.
	AgentName string `json:"agent_name,omitempty"`
	// Contact is the agent's direct line, e-mail address or extension,
	// given as "you can reach me directly at <Contact>"; optional.
	Contact string `json:"contact,omitempty"`
	// Remedies are what the business can offer, each a noun phrase that
	// completes "I can offer you ...": "a full refund", "a replacement
	// sent by express delivery". Typically two or three, offered as a
	// choice; at most MaxRemedies. With none, the reply asks what would
	// put things right instead.
	Remedies []string `json:"remedies,omitempty"`
	// By is the time the agent commits to, as it completes "I'll make
	// sure it's done ...": "by Friday", "within 24 hours", "today". A
	// bare day or time ("Friday", "5pm") gets "by" put before it.
	// Optional: without it the commitment has no time.
	By string `json:"by,omitempty"`
	// Register is the style: [Chat] (the zero value) or [Email].
	Register Register `json:"register"`
	// Seed chooses among the phrasings: the same request gives the same
	// reply, and different seeds give different ones.
	Seed uint64 `json:"seed"`
}

// Limits on a [Request].
const (
	// MaxRemedies is how many remedies a request may offer.
	MaxRemedies = 5
	// MaxFieldBytes is the longest name, contact, remedy or time, in
	// bytes.
	MaxFieldBytes = 200
	// maxMessageScan is how much of the customer's message is searched
	// for the problem to restate.
	maxMessageScan = 8 << 10
	// maxRestateTries is how many restatements Compose tries before it
	// writes a reply without one.
	maxRestateTries = 3
)

// Reply is a composed reply and its plan.
//
// It is a plain value: reading it from several goroutines is safe,
// modifying it is not.
type Reply struct {
	// Text is the reply.
	Text string `json:"text"`
	// Sentences is the plan: the sentences of Text in order, each with
	// the technique it serves. Greetings and sign-offs have no technique.
	Sentences []Sentence `json:"sentences"`
	// Customer is the assessment of the customer's message, which set the
	// strength of the validation and apology.
	Customer Assessment `json:"customer"`
	// Evaluation is the Composer's check of Text against its rubric, with
	// the customer's message as context. With the default rubric it
	// always passes with no anti-pattern; Compose returns an error
	// rather than a reply that does not.
	Evaluation *Evaluation `json:"evaluation"`
}

// Sentence is one sentence of a [Reply]'s plan.
type Sentence struct {
	// Start and End are byte offsets into Reply.Text:
	// Text[Start:End] is the sentence.
	Start int `json:"start"`
	End   int `json:"end"`
	// Text is the sentence.
	Text string `json:"text"`
	// Technique is the catalogue technique the sentence serves ([Restate],
	// [Validate], ...), or "" for a greeting or a sign-off.
	Technique ID `json:"technique,omitempty"`
}

// ComposeErrorCode says what is wrong with a [Request], or why no reply
// could be composed. Callers can switch on it after errors.As gives them
// the [*ComposeError].
type ComposeErrorCode string

// The compose error codes.
const (
	// ErrNoMessage: Request.Message is empty or blank.
	ErrNoMessage ComposeErrorCode = "no customer message"
	// ErrRegister: the register is not Chat or Email.
	ErrRegister ComposeErrorCode = "unknown register"
	// ErrTooManyRemedies: more than MaxRemedies remedies.
	ErrTooManyRemedies ComposeErrorCode = "too many remedies"
	// ErrEmptyField: a remedy that is empty or blank.
	ErrEmptyField ComposeErrorCode = "empty field"
	// ErrFieldTooLong: a name, contact, remedy or time longer than
	// MaxFieldBytes.
	ErrFieldTooLong ComposeErrorCode = "field too long"
	// ErrFieldText: a name, contact, remedy or time holding a line
	// break, a control character or invalid UTF-8.
	ErrFieldText ComposeErrorCode = "invalid text in field"
	// ErrAntiPattern: a field puts an anti-pattern into the reply (a
	// remedy "a refund, but only if it's our policy", a time "soon"). The
	// error's Detail names the anti-pattern.
	ErrAntiPattern ComposeErrorCode = "field brings an anti-pattern into the reply"
	// ErrNotPassing: no reply the Composer can write passes its rubric.
	// With the default rubric this does not happen; with a rubric of your
	// own ([WithRubric]) it may.
	ErrNotPassing ComposeErrorCode = "no composed reply passes the rubric"
)

// ComposeError reports a [Request] that [Composer.Compose] cannot answer,
// or a [Register] name that is not known.
type ComposeError struct {
	// Code says what is wrong; callers can switch on it.
	Code ComposeErrorCode
	// Field names the request field at fault, such as "Message",
	// "Remedies[1]" or "By"; "" when no one field is.
	Field string
	// Detail says more, when there is more to say: the anti-pattern's id,
	// the limit exceeded, the bad register name.
	Detail string
}

// Error returns the message, for example
// `deescalate: compose: Remedies[1]: field brings an anti-pattern into the reply: vague`.
func (e *ComposeError) Error() string {
	var b strings.Builder
	b.WriteString("deescalate: compose: ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(string(e.Code))
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// A Composer writes replies to customer messages that restate the
// problem, validate, apologise, offer the remedies, commit, ask to follow
// up and thank, and checks each against its rubric.
//
// A Composer is read-only once built and safe for concurrent use by
// multiple goroutines.
type Composer struct {
	ev *Evaluator
	an *phrases.Analyzer
}

// NewComposer returns a Composer that checks its replies with an
// [Evaluator] built from opts ([NewEvaluator]'s options): by default,
// [DefaultRubric] and the default assessor, whose anger level also sets
// the strength of the validation.
func NewComposer(opts ...Option) (*Composer, error) {
	ev, err := NewEvaluator(opts...)
	if err != nil {
		return nil, err
	}
	return &Composer{ev: ev, an: phrases.NewAnalyzer()}, nil
}

// defaultComposer is the Composer behind [Compose], built on first use.
var defaultComposer = sync.OnceValue(func() *Composer {
	return &Composer{ev: defaultEvaluator(), an: defaultReflectAnalyzer()}
})

// Compose writes a reply with a process-wide Composer that checks replies
// against [DefaultRubric], built on the first call and shared. The first
// call also loads the part-of-speech tagger (a few hundred milliseconds).
// It is safe for concurrent use. See [Composer.Compose].
func Compose(req Request) (*Reply, error) {
	return defaultComposer().Compose(req)
}

// Compose writes a reply to req.Message.
//
// The reply is built from these steps, each one or more sentences, in
// this order (seed 004's five steps, with seed 003's "calm first, then
// solve"):
//
//   - a greeting, with the customer's name and, in a chat, the agent's;
//   - [Restate]: the problem in the customer's own terms, pronouns
//     reflected ("my order arrived broken" → "your order arrived broken"),
//     in a frame that checks it was understood ("So, if I understand
//     correctly, ..."). See [Restatement] for how the problem is picked
//     out. When the message states nothing to say back, or what it says
//     would put an anti-pattern into the reply ("don't tell me to calm
//     down"), the next best sentence is tried, then none;
//   - [Validate] and [Apologize], when the message is a complaint (see
//     [FlagComplaint]), at a strength that fits the anger [Assess] finds:
//     "I can see why that's frustrating" for a calm customer, "You have
//     every right to be angry, and I'd feel exactly the same in your place"
//     for a furious one, never more; worry rather than anger when the
//     message reports a danger or distress;
//   - [Escalate], when the assessment says a supervisor should step in;
//   - [Options]: the remedies, offered as a choice ("I can offer you a
//     refund or a replacement, whichever you prefer"); or, with no
//     remedies, [Ask]: "What would help most to put this right for you?";
//   - [Commit]: the agent takes the next step personally, with req.By
//     when it is given;
//   - [Document], in an e-mail about a problem: permission to log it so
//     it does not happen again;
//   - [FollowUp]: permission to check back afterwards;
//   - [Contact], when req.Contact is given;
//   - [Thank], then, in an e-mail, the closing and the agent's name.
//
// Every step has several phrasings for each register; req.Seed chooses
// among them with a PCG generator (math/rand/v2), so a request always gets
// the same reply and different seeds get different ones.
//
// The reply is then evaluated with the Composer's [Evaluator] and the
// customer's message. A reply with an anti-pattern, or one that does not
// pass, is never returned: an anti-pattern that comes from a field of the
// request is a [*ComposeError] with code [ErrAntiPattern] naming the
// field, and a reply that cannot be made to pass is an [ErrNotPassing]
// error. A request with no message, too many remedies or a field that is
// too long or spans lines is rejected with the matching code before
// anything is written.
func (c *Composer) Compose(req Request) (*Reply, error) {
	f, err := cleanRequest(&req)
	if err != nil {
		return nil, err
	}
	a := c.ev.assessor.Assess(req.Message)
	flags := appendSituationFlags(nil, false, req.Message, &a)
	sit := composeSituation{
		level:     a.Level,
		worry:     a.Has(SignalSafety) || a.Has(SignalDistress),
		complaint: hasSituationFlag(flags, FlagComplaint),
		problem:   hasSituationFlag(flags, FlagProblem),
		escalate:  a.Escalate,
	}
	scan := req.Message
	if len(scan) > maxMessageScan {
		scan = strings.ToValidUTF8(truncateAtRune(scan, maxMessageScan), "")
	}
	clauses := newRestatements(c.an, scan, &a)

	rng := rand.New(rand.NewPCG(req.Seed, 0x5eed_c0de_d00d_f00d))
	var picks [numPicks]uint32
	for i := range picks {
		picks[i] = rng.Uint32()
	}
	// Up to maxRestateTries restatements are tried, then none.
	for try := 0; try <= maxRestateTries; try++ {
		clause := ""
		if try < maxRestateTries {
			clause = clauses.next()
		}
		d := composeDraftFor(&req, f, sit, clause, &picks)
		ev := c.ev.evaluate(d.text.String(), req.Message, &a)
		bad, field := d.antiPatterns(ev)
		switch {
		case bad == "" && ev.Report.Passed && clause != "" && !ev.Has(Restate) && statesContent(c.an, req.Message):
			// The rubric does not hear a restatement in it (it shares too
			// little with what the customer stated): try the next. A
			// message that states nothing, only asks ("Could you tell me
			// when my refund will arrive?"), is said back all the same,
			// though the rubric does not count restatements of questions.
			continue
		case bad == "" && ev.Report.Passed:
			return &Reply{Text: d.text.String(), Sentences: d.sentences, Customer: a, Evaluation: ev}, nil
		case field != "" && field != restateField:
			return nil, &ComposeError{Code: ErrAntiPattern, Field: field, Detail: bad}
		case clause == "":
			return nil, &ComposeError{Code: ErrNotPassing, Detail: composeFailure(ev)}
		}
		// Try the next restatement, or none.
	}
	return nil, &ComposeError{Code: ErrNotPassing}
}

// statesContent reports whether a customer message states something a
// restatement can share words with, as the rubric's restate criterion
// sees it: a content word in a sentence that is not a question.
func statesContent(an *phrases.Analyzer, message string) bool {
	var t contentTable
	t.build(an.Analyze(message))
	for i := 0; i < t.n; i++ {
		if t.flags[i]&stated != 0 {
			return true
		}
	}
	return false
}

// composeFailure says why an evaluation failed: its anti-patterns, or its
// score.
func composeFailure(ev *Evaluation) string {
	if len(ev.AntiPatterns) > 0 {
		ids := make([]string, len(ev.AntiPatterns))
		for i, id := range ev.AntiPatterns {
			ids[i] = string(id)
		}
		return strings.Join(ids, ", ")
	}
	if ev.Report != nil {
		return "score " + strconv.FormatFloat(ev.Report.Score, 'f', -1, 64)
	}
	return ""
}

// hasSituationFlag reports whether flags holds f.
func hasSituationFlag(flags []string, f string) bool {
	for _, x := range flags {
		if x == f {
			return true
		}
	}
	return false
}

// composeSituation is what the composer knows about the customer's message.
type composeSituation struct {
	level     Level
	worry     bool // a danger or distress rather than anger
	complaint bool // FlagComplaint
	problem   bool // FlagProblem
	escalate  bool // a supervisor should step in
}

// requestFields are a request's fields, cleaned up for writing.
type requestFields struct {
	customer, agent, contact, by string
	remedies                     []string
}

// cleanRequest checks a request and returns its fields as they will be
// written: spaces folded, final punctuation dropped,
// a remedy's capital taken off its first word when it is a common one.
func cleanRequest(req *Request) (requestFields, error) {
	var f requestFields
	if strings.TrimSpace(req.Message) == "" {
		return f, &ComposeError{Code: ErrNoMessage, Field: "Message"}
	}
	if req.Register > Email {
		return f, &ComposeError{Code: ErrRegister, Field: "Register", Detail: req.Register.String()}
	}
	if len(req.Remedies) > MaxRemedies {
		return f, &ComposeError{Code: ErrTooManyRemedies, Field: "Remedies",
			Detail: strconv.Itoa(len(req.Remedies)) + " > " + strconv.Itoa(MaxRemedies)}
	}
	var err error
	one := func(name, s string) string {
		if err != nil {
			return ""
		}
		var v string
		v, err = cleanField(name, s)
		return v
	}
	f.customer = strings.TrimRight(one("CustomerName", req.CustomerName), ".,;:!")
	f.agent = strings.TrimRight(one("AgentName", req.AgentName), ".,;:!")
	f.contact = strings.TrimRight(one("Contact", req.Contact), ".,;:!")
	f.by = strings.TrimRight(one("By", req.By), ".,;:!")
	for i, r := range req.Remedies {
		name := "Remedies[" + strconv.Itoa(i) + "]"
		v := strings.TrimRight(one(name, r), ".,;:!")
		if err == nil && v == "" {
			err = &ComposeError{Code: ErrEmptyField, Field: name}
		}
		f.remedies = append(f.remedies, lowerCommonFirst(v))
	}
	if err != nil {
		return requestFields{}, err
	}
	f.by = byPhrase(f.by)
	return f, nil
}

// cleanField checks a one-line field and folds its spaces.
func cleanField(name, s string) (string, error) {
	if len(s) > MaxFieldBytes {
		return "", &ComposeError{Code: ErrFieldTooLong, Field: name,
			Detail: strconv.Itoa(len(s)) + " bytes > " + strconv.Itoa(MaxFieldBytes)}
	}
	if !utf8.ValidString(s) {
		return "", &ComposeError{Code: ErrFieldText, Field: name, Detail: "invalid UTF-8"}
	}
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || (unicode.IsControl(r) && r != '\t') {
			return "", &ComposeError{Code: ErrFieldText, Field: name, Detail: "line break or control character"}
		}
	}
	return strings.Join(strings.Fields(s), " "), nil
}

// lowerCommonFirst takes the capital off a remedy's first word when it
// is a common word ("A full refund" → "a full refund"), not a name
// ("Amazon vouchers").
func lowerCommonFirst(s string) string {
	w, rest, _ := strings.Cut(s, " ")
	lw := strings.ToLower(w)
	if lw == w || w != upperFirst(lw) {
		return s
	}
	switch {
	case stopword(lw), numberWord(lw) != "", lw == "free", lw == "full", lw == "partial", lw == "store",
		lw == "express", lw == "complimentary", lw == "priority", lw == "next", lw == "same", lw == "new":
	default:
		return s
	}
	if rest == "" {
		return lw
	}
	return lw + " " + rest
}

// byPhrase puts "by" before a bare day, date or time ("Friday" → "by
// Friday", "5pm" → "by 5pm").
func byPhrase(s string) string {
	if s == "" {
		return s
	}
	w, _, _ := strings.Cut(s, " ")
	switch strings.ToLower(w) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "noon", "midday",
		"midnight", "the", "end", "close":
		return "by " + s
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsDigit(r) {
		return "by " + s
	}
	return s
}

// truncateAtRune returns s cut to at most n bytes, on a rune boundary.
func truncateAtRune(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// restateField is the pseudo-field that names the restated clause in a
// draft's spans.
const restateField = "restatement"

// antiPatterns returns the first anti-pattern found in ev and the field
// of the draft its evidence falls in ("" when it falls in none).
func (d *composeDraft) antiPatterns(ev *Evaluation) (id, field string) {
	if len(ev.AntiPatterns) == 0 {
		return "", ""
	}
	id = string(ev.AntiPatterns[0])
	for _, ap := range ev.AntiPatterns {
		f, ok := ev.Finding(ap)
		if !ok || f.Status != rubric.Violated {
			continue
		}
		for _, e := range f.Evidence {
			for _, s := range d.spans {
				if e.Start < s.end && s.start < e.End {
					if s.field == restateField {
						return string(ap), restateField
					}
					if field == "" {
						id, field = string(ap), s.field
					}
				}
			}
		}
	}
	return id, field
}
