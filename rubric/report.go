package rubric

import (
	"errors"
	"strconv"
)

// Status is the outcome of one criterion. The zero value is not a valid
// status. A Status is a plain value, safe for concurrent use.
type Status uint8

// The statuses of a finding.
const (
	// Met: the criterion is satisfied (an expected phrase is there, an
	// avoided one is not).
	Met Status = iota + 1
	// Missed: something the criterion expects is absent.
	Missed
	// Violated: something the criterion rules out is present.
	Violated
	// NotApplicable: the criterion's condition does not hold; it is left
	// out of the score.
	NotApplicable
)

// String returns the status as written in JSON reports: "met", "missed",
// "violated" or "not_applicable".
func (s Status) String() string {
	switch s {
	case Met:
		return "met"
	case Missed:
		return "missed"
	case Violated:
		return "violated"
	case NotApplicable:
		return "not_applicable"
	}
	return "status(" + strconv.Itoa(int(s)) + ")"
}

func (s Status) valid() bool { return s >= Met && s <= NotApplicable }

// words returns the status for people: "not applicable" with a space.
func (s Status) words() string {
	if s == NotApplicable {
		return "not applicable"
	}
	return s.String()
}

// MarshalText encodes the status as its String form; the zero value and
// other invalid statuses are an error.
func (s Status) MarshalText() ([]byte, error) {
	if !s.valid() {
		return nil, errors.New("rubric: invalid status " + strconv.Itoa(int(s)))
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a status written by MarshalText.
func (s *Status) UnmarshalText(b []byte) error {
	for i := Met; i <= NotApplicable; i++ {
		if string(b) == i.String() {
			*s = i
			return nil
		}
	}
	return errors.New("rubric: unknown status " + strconv.Quote(string(b)))
}

// Evidence is a span of the evaluated text that a finding rests on. It is
// a plain value: reading it from several goroutines is safe.
type Evidence struct {
	// Start and End are byte offsets into the evaluated text
	// ([Report.Text]): Text == Report.Text[Start:End].
	Start int `json:"start"`
	End   int `json:"end"` // see Start
	// Text is the matched text, unchanged.
	Text string `json:"text"`
	// Pattern is the source of the pattern that matched; empty for
	// evidence given by a function criterion.
	Pattern string `json:"pattern,omitempty"`
}

// Finding is the outcome of one criterion on one text. It is a plain
// value, part of a [Report]: reading it from several goroutines is safe,
// modifying it is not.
type Finding struct {
	// ID is the criterion's id.
	ID string `json:"id"`
	// Title is the criterion's title, if it has one.
	Title string `json:"title,omitempty"`
	// Status is the outcome.
	Status Status `json:"status"`
	// Critical reports that the criterion is critical (see [Critical]).
	Critical bool `json:"critical,omitempty"`
	// Weight is the criterion's weight in the rubric it belongs to
	// directly; 0 for criteria inside combinators, which are scored as a
	// whole.
	Weight float64 `json:"weight"`
	// Contribution is the number of points, out of 100, that the finding
	// adds to the score of the rubric it belongs to directly, rounded to
	// two decimals: Weight × credit / (total weight of the applicable
	// criteria) × 100, where credit is 1 for met, 0 for missed or violated,
	// and a nested rubric's score / 100. Contributions add up to the score
	// before any critical cap (up to rounding). Not-applicable findings
	// and findings inside combinators contribute 0.
	Contribution float64 `json:"contribution"`
	// Evidence is the spans the finding rests on, in text order: for
	// expect and avoid criteria, every occurrence of their patterns
	// outside negation scopes (spans nested in another are dropped); for
	// function criteria, the spans the function gave; for before, the
	// first occurrence of each side. Other combinators leave evidence to
	// their Children.
	Evidence []Evidence `json:"evidence,omitempty"`
	// Negated is the occurrences of an expect or avoid criterion's
	// patterns inside a negation scope ("I'm not sorry"). They never count
	// as the phrase being present; they are reported so that a reader can
	// see why an expected phrase was not accepted.
	Negated []Evidence `json:"negated,omitempty"`
	// Suggestion is advice in plain words; present only when the status is
	// missed or violated.
	Suggestion string `json:"suggestion,omitempty"`
	// Note explains the outcome when the status alone does not: why a
	// criterion is not applicable, the order a before criterion found, a
	// nested rubric's score.
	Note string `json:"note,omitempty"`
	// Children is the findings of the criteria a combinator or a nested
	// rubric is made of, in order. Children of a criterion that is not
	// applicable are not applicable too.
	Children []Finding `json:"children,omitempty"`
}

// Report is the outcome of evaluating a text against a rubric.
//
// A Report is a plain value: reading it from several goroutines is safe,
// modifying it is not.
type Report struct {
	// ID is the rubric's id.
	ID string `json:"rubric"`
	// Title is the rubric's title, if it has one.
	Title string `json:"title,omitempty"`
	// Score is the weighted score from 0 to 100, rounded to two decimals.
	// A rubric with no applicable weighted criterion scores 100.
	Score float64 `json:"score"`
	// Threshold is the rubric's pass mark.
	Threshold float64 `json:"threshold"`
	// Passed reports that Score reached Threshold and no critical criterion
	// failed.
	Passed bool `json:"passed"`
	// CriticalFailures lists the ids of the rubric's critical criteria that
	// were missed or violated, in rubric order. When it is not empty the
	// rubric failed and Score is at most the rubric's critical cap.
	CriticalFailures []string `json:"critical_failures,omitempty"`
	// Findings has one finding per criterion of the rubric, in rubric
	// order.
	Findings []Finding `json:"findings"`
	// Text is the evaluated text; evidence offsets point into it. It is
	// not written to JSON.
	Text string `json:"-"`

	// Memory kept for Rubric.EvaluateInto to reuse.
	findings []Finding
	evidence []Evidence
}
