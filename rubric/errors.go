package rubric

import (
	"strconv"
	"strings"
)

// ErrorCode says what kind of problem an [Error] reports: callers can
// switch on it after [errors.As]. It is a constant string.
type ErrorCode string

// The problems a rubric can have, whether built in Go with [New] or read
// from a rubric file with [ParseJSON].
const (
	ErrSyntax       ErrorCode = "invalid json"         // the file is not well-formed JSON
	ErrType         ErrorCode = "wrong type"           // a field holds the wrong kind of JSON value
	ErrUnknownField ErrorCode = "unknown field"        // a field the file format does not define
	ErrDuplicate    ErrorCode = "duplicate"            // a field given twice, or an id used twice among siblings
	ErrMissing      ErrorCode = "missing"              // a required field or value is absent
	ErrKind         ErrorCode = "ambiguous criterion"  // a criterion object names no kind, or several
	ErrInvalidID    ErrorCode = "invalid id"           // an id with characters other than letters, digits, '_', '-', '.'
	ErrValue        ErrorCode = "invalid value"        // a number out of range, an empty list, a nil criterion
	ErrPattern      ErrorCode = "invalid pattern"      // a phrase pattern does not compile; Err is the *phrases.Error
	ErrMisplaced    ErrorCode = "misplaced"            // a setting or criterion where it has no meaning
	ErrDepth        ErrorCode = "too deeply nested"    // criteria nested more than MaxDepth levels
	ErrFunc         ErrorCode = "function criterion"   // a function criterion cannot be written to a rubric file
	ErrMatcher      ErrorCode = "matcher construction" // building the phrase matcher failed; Err is the cause
)

// An Error is one problem in a rubric, located by its path.
//
// Path names the offending value the way a rubric file spells it, from the
// rubric itself: "threshold", "criteria[2].avoid[0]",
// "criteria[0].when.context.expect[1]". Rubrics built in Go get the same
// paths as the file they would be written to. "$" is the whole document,
// and keys that are not plain names are quoted in brackets:
// `criteria[0]["odd key"]`.
//
// An Error is a plain value, not modified after it is returned: reading it
// from several goroutines is safe.
type Error struct {
	// Path locates the problem.
	Path string
	// Code classifies the problem.
	Code ErrorCode
	// Msg is the lower-case description of the problem, without the path,
	// such as `duplicate id "apologize" (first at criteria[0])` or, for
	// [ErrPattern], the phrases error message.
	Msg string
	// Err is the underlying error, if any: a *phrases.Error for ErrPattern,
	// a *json.SyntaxError for ErrSyntax.
	Err error
}

// Error returns "rubric: path: message", for example
//
//	rubric: criteria[2].avoid[0]: phrases: unknown tag "VBX" at offset 7
func (e *Error) Error() string {
	return "rubric: " + e.Path + ": " + e.Msg
}

// Unwrap returns the underlying error, or nil.
func (e *Error) Unwrap() error { return e.Err }

// ErrorList is the list of every problem found in a rubric, in the order
// they appear (document order for rubric files). [New] and [ParseJSON]
// return one, as an error, when it is not empty.
//
// An ErrorList is a plain slice: not safe for concurrent modification.
type ErrorList []*Error

// Err returns the list as an error, or nil when it is empty. Return it,
// not the list itself, so that an empty list is a nil error.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error returns the first error's message and the number of others, in the
// style of go/scanner.ErrorList; print the elements for the full list.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "rubric: no errors"
	case 1:
		return l[0].Error()
	case 2:
		return l[0].Error() + " (and 1 more error)"
	}
	return l[0].Error() + " (and " + strconv.Itoa(len(l)-1) + " more errors)"
}

// Unwrap returns the errors in the list, so that [errors.Is] and
// [errors.As] look at each of them (and through them, at a
// *phrases.Error).
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// add appends an error; msg is built from the code and detail.
func (l *ErrorList) add(path string, code ErrorCode, msg string, err error) {
	*l = append(*l, &Error{Path: path, Code: code, Msg: msg, Err: err})
}

// join builds a child path: join("criteria[2]", "avoid") is
// "criteria[2].avoid"; join("", "threshold") is "threshold".
func join(path, field string) string {
	if path == "" || path == "$" {
		return field
	}
	return path + "." + field
}

// index builds an element path: index("criteria", 2) is "criteria[2]".
func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// rootPath is the path of the whole document, used when the problem has
// no better location.
func rootPath(path string) string {
	if path == "" {
		return "$"
	}
	return path
}

// quote quotes s for an error message.
func quote(s string) string { return strconv.Quote(s) }

// validID reports whether id is a usable criterion id: non-empty, made of
// ASCII letters, digits, '_', '-' and '.', starting with a letter or digit.
func validID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case (c == '_' || c == '-' || c == '.') && i > 0:
		default:
			return false
		}
	}
	return true
}

// describeID is used in messages about a bad id.
func describeID(id string) string {
	if id == "" {
		return "empty id"
	}
	var b strings.Builder
	b.WriteString("invalid id ")
	b.WriteString(quote(id))
	b.WriteString(": use letters, digits, '_', '-' and '.', starting with a letter or digit")
	return b.String()
}
