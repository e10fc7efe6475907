package deescalate

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// ID identifies a technique or an anti-pattern of the catalogue. IDs are
// stable: programs match on them and stored reports contain them.
type ID string

// The techniques: what the guidance asks an agent to do with an upset
// customer.
const (
	Restate   ID = "restate"   // say the problem back and check it was understood
	Validate  ID = "validate"  // acknowledge the feeling as reasonable
	Apologize ID = "apologize" // a direct apology for the trouble
	Ask       ID = "ask"       // an open question, or asking what would make it right
	Options   ID = "options"   // offer a remedy, ideally a choice
	Commit    ID = "commit"    // own a concrete next step, with a time
	Contact   ID = "contact"   // a name and a direct way to reach the agent
	FollowUp  ID = "follow_up" // offer, or ask permission, to follow up
	Document  ID = "document"  // ask to document the case so it does not recur
	Escalate  ID = "escalate"  // bring in someone who can make a difference
	Thank     ID = "thank"     // thank the customer for raising it
)

// The anti-patterns: what the guidance warns against.
const (
	NonApology    ID = "non_apology"    // "sorry if you feel that way"
	SorryBut      ID = "sorry_but"      // an apology taken back by "but"
	Policy        ID = "policy"         // "it's our policy", "nothing I can do"
	Blame         ID = "blame"          // blaming the company, colleagues, others
	BlameCustomer ID = "blame_customer" // "you should have"
	Dismiss       ID = "dismiss"        // "calm down", "it's not a big deal"
	Condescend    ID = "condescend"     // "obviously", "as I already said"
	Vague         ID = "vague"          // "we'll look into it"
)

// Kind says whether a catalogue entry is a technique or an anti-pattern.
type Kind uint8

// The kinds of catalogue entry.
const (
	// Technique is something the guidance asks for; a rubric expects it.
	Technique Kind = iota
	// AntiPattern is something the guidance warns against; a rubric
	// avoids it.
	AntiPattern
)

// String returns "technique" or "anti_pattern".
func (k Kind) String() string {
	switch k {
	case Technique:
		return "technique"
	case AntiPattern:
		return "anti_pattern"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText encodes the kind as its String form.
func (k Kind) MarshalText() ([]byte, error) {
	if k > AntiPattern {
		return nil, fmt.Errorf("deescalate: invalid kind %d", uint8(k))
	}
	return []byte(k.String()), nil
}

// UnmarshalText decodes a kind written by MarshalText.
func (k *Kind) UnmarshalText(b []byte) error {
	switch string(b) {
	case "technique":
		*k = Technique
	case "anti_pattern":
		*k = AntiPattern
	default:
		return fmt.Errorf("deescalate: unknown kind %q", b)
	}
	return nil
}

// Entry is one technique or anti-pattern of the catalogue.
type Entry struct {
	// ID is the stable identifier.
	ID ID `json:"id"`
	// Kind says whether the entry is a technique or an anti-pattern.
	Kind Kind `json:"kind"`
	// Title is a short name for people.
	Title string `json:"title"`
	// Description says in one line what the entry is, in the words of the
	// guidance it comes from.
	Description string `json:"description"`
	// Patterns are the entry's phrase patterns, in the language of package
	// phrases, in the order of its lexicon file.
	Patterns []string `json:"patterns"`
}

// entryInfo is the part of an entry written in Go: everything but the
// patterns, which come from the lexicon file lexicon/<id>.txt.
type entryInfo struct {
	id          ID
	kind        Kind
	title       string
	description string
}

// catalogueInfo is the catalogue, in catalogue order. The descriptions
// trace each entry to the guidance in the project's seed articles
// (numbered 000 to 004 in the design brief).
var catalogueInfo = [...]entryInfo{
	{Restate, Technique, "Restate the problem",
		"Say the customer's problem back in your own words and check you understood it (\"restating what they said and verifying that you heard them correctly\")."},
	{Validate, Technique, "Validate the feeling",
		"Acknowledge the customer's feeling as reasonable (\"I can understand why you're upset\"; \"I understand your frustration\")."},
	{Apologize, Technique, "Apologize",
		"Give a direct, sincere apology for the trouble (\"make sure to apologize for their trouble\")."},
	{Ask, Technique, "Ask an open question",
		"Ask open-ended questions to understand the problem, or ask what would make it right (\"What could we do to improve the experience?\")."},
	{Options, Technique, "Offer a remedy",
		"Offer a concrete solution, ideally two or three options the customer picks from (\"the best solution is the one they get to pick\")."},
	{Commit, Technique, "Commit to a next step",
		"Take ownership of a concrete next step, with a time (\"give him the certainty that you commit to act on his complaint\")."},
	{Contact, Technique, "Give direct contact",
		"Give your name and a direct way to reach you (\"give the customer your name and phone number again\")."},
	{FollowUp, Technique, "Follow up",
		"Offer, or ask permission, to follow up and check the solution worked (\"ask these customers if you can follow up\")."},
	{Document, Technique, "Document the case",
		"Ask permission to document the case so it does not happen again (\"Would you mind that I document your case?\")."},
	{Escalate, Technique, "Escalate",
		"Bring in a supervisor or someone who can make a difference (\"have a supervisor ... take a few minutes to communicate with the client\")."},
	{Thank, Technique, "Thank the customer",
		"Thank the customer for raising it (\"Thank you for bringing this to my attention\")."},
	{NonApology, AntiPattern, "Non-apology",
		"An apology aimed at the customer's feelings or hedged with \"if\" (\"I'm sorry if you feel that way\" \"is not the same as a direct apology\")."},
	{SorryBut, AntiPattern, "Apology taken back",
		"An apology cancelled by \"but\" or \"however\" right after it, which excuses the problem away instead of owning it."},
	{Policy, AntiPattern, "Hiding behind policy",
		"Hiding behind rules or helplessness (\"Never say 'it's our policy'\"; \"all policies should be flexible\")."},
	{Blame, AntiPattern, "Blaming others",
		"Blaming the company, colleagues or another department (\"be careful not to blame your company or your colleagues\")."},
	{BlameCustomer, AntiPattern, "Blaming the customer",
		"Telling the customer it is their fault (\"you should have\"), getting defensive instead of owning the problem."},
	{Dismiss, AntiPattern, "Dismissing the feeling",
		"Minimising the problem or the feeling (\"calm down\", \"it's not a big deal\") instead of taking the grievance seriously."},
	{Condescend, AntiPattern, "Condescending",
		"Talking down to the customer (\"obviously\", \"as I already said\") instead of showing kindness and respect."},
	{Vague, AntiPattern, "Vague promise",
		"A hedged or open-ended promise (\"we'll look into it\") that leaves the customer unsure (\"never leave a customer with a sense of ambiguity\")."},
}

//go:embed lexicon/*.txt
var lexiconFS embed.FS

// catalogue is the loaded catalogue: entries in catalogue order, with the
// patterns of their lexicon files.
type catalogue struct {
	entries []Entry
}

// loadCatalogue reads the embedded lexicon files, once per process. The
// result is never modified.
var loadCatalogue = sync.OnceValue(func() *catalogue {
	c := &catalogue{entries: make([]Entry, len(catalogueInfo))}
	for i, info := range catalogueInfo {
		c.entries[i] = Entry{
			ID:          info.id,
			Kind:        info.kind,
			Title:       info.title,
			Description: info.description,
			Patterns:    readLexicon(info.id),
		}
	}
	return c
})

// readLexicon returns the patterns of the lexicon file of id, in file
// order. It reads lines as [phrases.ParseList] does (blank lines, lines
// starting with # and anything after " #" are skipped) but does not compile
// them: the rubric compiles them once, and reports a bad one with its path.
func readLexicon(id ID) []string {
	b, err := lexiconFS.ReadFile("lexicon/" + string(id) + ".txt")
	if err != nil {
		// Every catalogue id has a file (a test checks it); a missing one
		// gives an entry without patterns, which the rubric rejects.
		return nil
	}
	var pats []string
	for line := range strings.SplitSeq(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if k := strings.Index(line, " #"); k >= 0 {
			line = line[:k]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		pats = append(pats, line)
	}
	return pats
}

// Catalogue returns every technique and anti-pattern, techniques first, in
// catalogue order: restate, validate, apologize, ask, options, commit,
// contact, follow_up, document, escalate, thank, then non_apology,
// sorry_but, policy, blame, blame_customer, dismiss, condescend, vague.
//
// The patterns come from the lexicon files embedded in the package, one
// per entry (lexicon/<id>.txt), read once per process. Each call returns a
// fresh copy that the caller may modify.
func Catalogue() []Entry {
	c := loadCatalogue()
	out := make([]Entry, len(c.entries))
	for i, e := range c.entries {
		e.Patterns = slices.Clone(e.Patterns)
		out[i] = e
	}
	return out
}

// Lookup returns the catalogue entry with the given id, as a fresh copy,
// and whether there is one.
func Lookup(id ID) (Entry, bool) {
	i := catalogueIndex(id)
	if i < 0 {
		return Entry{}, false
	}
	e := loadCatalogue().entries[i]
	e.Patterns = slices.Clone(e.Patterns)
	return e, true
}

// catalogueIndex returns the position of id in the catalogue, or -1.
func catalogueIndex(id ID) int {
	for i := range catalogueInfo {
		if catalogueInfo[i].id == id {
			return i
		}
	}
	return -1
}

// patternsOf returns the patterns of id, shared: callers must not modify
// them.
func patternsOf(id ID) []string {
	return loadCatalogue().entries[catalogueIndex(id)].Patterns
}

// String returns the id as a string.
func (id ID) String() string { return string(id) }

// Kind returns the kind of a catalogue id, and false for an id that is not
// in the catalogue.
func (id ID) Kind() (Kind, bool) {
	i := catalogueIndex(id)
	if i < 0 {
		return 0, false
	}
	return catalogueInfo[i].kind, true
}

// title returns an entry's title.
func (id ID) title() string { return catalogueInfo[catalogueIndex(id)].title }
