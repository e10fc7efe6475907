package phrases

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// An ErrorCode says what is wrong with a pattern. Callers can switch on it
// after [errors.As] gives them the [*Error].
type ErrorCode string

// The error codes.
const (
	ErrEmpty              ErrorCode = "empty pattern"
	ErrMatchesEmpty       ErrorCode = "pattern can only match empty text"
	ErrMissingClose       ErrorCode = "missing closing bracket"
	ErrUnexpected         ErrorCode = "unexpected character"
	ErrEmptyGroup         ErrorCode = "empty group or alternative"
	ErrUnknownTag         ErrorCode = "unknown tag"
	ErrUnknownClass       ErrorCode = "unknown class"
	ErrBadGap             ErrorCode = "invalid gap"
	ErrMisplacedNegation  ErrorCode = "negation must be at the start or end of a pattern"
	ErrBadNegation        ErrorCode = "invalid negation"
	ErrMultipleMarks      ErrorCode = "more than one marked part"
	ErrTooDeep            ErrorCode = "groups nested too deeply"
	ErrTooManyAlternates  ErrorCode = "pattern expands to too many alternatives"
	ErrTooLong            ErrorCode = "pattern too long"
	ErrTrailingBackslash  ErrorCode = "trailing backslash"
	ErrNothingAfterPrefix ErrorCode = "nothing to match"
	ErrSentenceEnd        ErrorCode = "pattern spans a sentence end"
)

// Limits on a single pattern.
const (
	// MaxDepth is how deeply groups may nest.
	MaxDepth = 16
	// MaxAlternatives is how many alternative token sequences one pattern
	// may expand to (each optional part doubles them, each group of n
	// alternatives multiplies them by n).
	MaxAlternatives = 4096
	// MaxGap is the largest gap, in tokens.
	MaxGap = 32
	// MaxLength is the longest pattern source, in bytes.
	MaxLength = 4096
)

// An Error reports a bad pattern: what is wrong, where, and in which pattern.
type Error struct {
	Code    ErrorCode // what is wrong; callers can switch on it
	Pattern string    // the pattern's source
	Offset  int       // byte offset of the problem in Pattern
	Line    int       // 1-based line in a list file; 0 when not from a file
	Detail  string    // the offending text, when there is one: a tag, a class, a bracket
}

// Error returns the message, for example
// `phrases: unknown tag "VBX" at offset 7`, with "line N: " before the
// code when the pattern came from a list file.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("phrases: ")
	if e.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(": ")
	}
	b.WriteString(string(e.Code))
	if e.Detail != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(e.Detail))
	}
	b.WriteString(" at offset ")
	b.WriteString(strconv.Itoa(e.Offset))
	return b.String()
}

// Caret renders the pattern with a caret under the problem:
//
//	sorry @VBX
//	      ^
//
// The caret column counts runes, so it lines up for non-ASCII patterns in a
// monospaced font. Tabs in the pattern are kept in the padding.
func (e *Error) Caret() string {
	off := e.Offset
	if off < 0 {
		off = 0
	}
	if off > len(e.Pattern) {
		off = len(e.Pattern)
	}
	for off > 0 && off < len(e.Pattern) && !utf8.RuneStart(e.Pattern[off]) {
		off--
	}
	var pad strings.Builder
	for _, r := range e.Pattern[:off] {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return e.Pattern + "\n" + pad.String() + "^"
}

// ErrorList is a list of pattern errors, as [ParseList] returns for a file.
type ErrorList []*Error

// Error joins the messages, one per line.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "phrases: no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil when the list is empty, and the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap returns the errors, for [errors.Is] and [errors.As].
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}
