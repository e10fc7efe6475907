package deescalate

import (
	"cmp"
	"embed"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/empathy-go/empathy/phrases"
)

// Level is a customer's anger level, from [Calm] to [Furious]. Levels are
// ordered: a higher value is angrier. It marshals to and from its name
// ("calm", "annoyed", "angry", "furious") as text and in JSON.
type Level uint8

// The anger levels.
const (
	Calm    Level = iota // no sign of anger, or politeness outweighs it
	Annoyed              // irritation: a complaint, a mild word, a sigh
	Angry                // clear anger: strong words, insults, threats, repeated failures
	Furious              // the top of the scale: several strong signals at once
)

// The anger thresholds of the levels: an [Assessment] with Anger at or
// above AnnoyedThreshold is [Annoyed], at or above AngryThreshold [Angry],
// at or above FuriousThreshold [Furious]; below AnnoyedThreshold it is
// [Calm]. See [LevelOf].
const (
	AnnoyedThreshold = 0.2
	AngryThreshold   = 0.55
	FuriousThreshold = 0.75
)

var levelNames = [...]string{"calm", "annoyed", "angry", "furious"}

// String returns the level's name: "calm", "annoyed", "angry" or
// "furious". Values out of range print as "level(N)".
func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return "level(" + strconv.Itoa(int(l)) + ")"
}

// MarshalText returns the level's name. A value out of range is an error.
func (l Level) MarshalText() ([]byte, error) {
	if int(l) >= len(levelNames) {
		return nil, &LevelError{Text: l.String()}
	}
	return []byte(levelNames[l]), nil
}

// UnmarshalText sets the level from its name, as written by
// [Level.MarshalText]. An unknown name is a [*LevelError] and leaves l
// unchanged.
func (l *Level) UnmarshalText(b []byte) error {
	for i, n := range levelNames {
		if string(b) == n {
			*l = Level(i)
			return nil
		}
	}
	return &LevelError{Text: string(b)}
}

// LevelError reports a level name (or value) that is not one of
// "calm", "annoyed", "angry" and "furious".
type LevelError struct {
	Text string // the name that was given
}

// Error returns the message, naming the level that was given.
func (e *LevelError) Error() string {
	return "deescalate: unknown anger level " + strconv.Quote(e.Text)
}

// Baseline is the anger score of a message with no evidence either way
// ("Where is my parcel?"). Calming and positive words take a message
// below it, towards 0; signs of anger above it, towards 1.
const Baseline = 0.05

// LevelOf returns the level of an anger score, by the thresholds
// [AnnoyedThreshold], [AngryThreshold] and [FuriousThreshold].
func LevelOf(anger float64) Level {
	switch {
	case anger >= FuriousThreshold:
		return Furious
	case anger >= AngryThreshold:
		return Angry
	case anger >= AnnoyedThreshold:
		return Annoyed
	}
	return Calm
}

// The kinds of [Signal]. Most raise the anger score; [SignalCalming],
// [SignalPositive] and [SignalDistress] lower it (their Weight is
// negative). The phrase lists behind each kind are embedded data files,
// deescalate/anger/*.txt, readable by non-programmers.
const (
	// SignalShouting: a run of words in capitals ("I WANT MY MONEY
	// BACK"), or one long word ("UNACCEPTABLE"). Short isolated acronyms
	// ("UPS", "ID", "USA") are not shouting.
	SignalShouting = "shouting"
	// SignalRepeatedPunctuation: "!!", "!!!", "?!?", "??".
	SignalRepeatedPunctuation = "repeated_punctuation"
	// SignalProfanity: swearing, including masked and stretched forms
	// ("f*ck", "sh!t", "a$$", "fuuuck") and abbreviations ("wtf", "ffs").
	// Negation does not cancel it.
	SignalProfanity = "profanity"
	// SignalInsult: an insult aimed at the company or the agent
	// ("useless", "incompetent", "idiots", "scam", "what a joke").
	SignalInsult = "insult"
	// SignalThreatLeave: a threat to leave, cancel or switch ("I'm taking
	// my business elsewhere", "never ordering again").
	SignalThreatLeave = "threat_leave"
	// SignalThreatLegal: a threat of legal or formal action (suing,
	// lawyers, court, regulators, chargebacks).
	SignalThreatLegal = "threat_legal"
	// SignalThreatPublic: a threat to go public (press, social media,
	// telling everyone).
	SignalThreatPublic = "threat_public"
	// SignalThreatReview: a threat to post a bad review or rating.
	SignalThreatReview = "threat_review"
	// SignalThreatHarm: a threat of violence.
	SignalThreatHarm = "threat_harm"
	// SignalRepeatContact: contact about the same problem before, or a
	// failure that keeps happening ("third time I've called", "for the
	// 5th time", "I already told you", "still not fixed", "yet again").
	SignalRepeatContact = "repeat_contact"
	// SignalAbsolute: sweeping words ("never", "nobody", "always",
	// "every single time", "nothing works").
	SignalAbsolute = "absolute"
	// SignalWaiting: how long the customer has waited ("three weeks",
	// "for 2 hours", "since March", "on hold for 40 minutes").
	SignalWaiting = "waiting"
	// SignalSarcasm: sarcasm markers ("thanks for nothing", "oh great",
	// "/s", "🙄"), and praise in an otherwise angry message ("great job").
	SignalSarcasm = "sarcasm"
	// SignalDemandManager: a request for a manager, supervisor or
	// someone senior.
	SignalDemandManager = "demand_manager"
	// SignalDemand: insisting on immediate action ("I demand",
	// "immediately", "fix it now").
	SignalDemand = "demand"
	// SignalNegativeEmotion: words of anger, frustration, disgust or
	// disappointment ("furious", "fed up", "unacceptable", "annoyed",
	// "#angry"), and negated positive words ("not happy"). Negated
	// anger words ("not angry") do not count.
	SignalNegativeEmotion = "negative_emotion"
	// SignalComplaint: a negative judgement or a reported failure
	// ("terrible service", "not working", "charged twice").
	SignalComplaint = "complaint"
	// SignalRhetorical: a question that accuses rather than asks ("why
	// is it so hard to ...", "how is that fair?", "what kind of company
	// ...", "is anyone actually reading these?").
	SignalRhetorical = "rhetorical_question"
	// SignalSafety: a danger to health, life or property ("caught
	// fire", "smell of gas", "allergic reaction"), or a person at risk.
	SignalSafety = "safety"
	// SignalCalming: politeness and patience ("please", "thank you",
	// "no rush"); lowers the score.
	SignalCalming = "calming"
	// SignalPositive: contentment and praise ("happy", "love it", "great
	// service" in a message without anger), and laughter ("lol", "haha",
	// "😂"); lowers the score.
	SignalPositive = "positive"
	// SignalDistress: worry, fear or sadness ("worried", "scared",
	// "heartbroken"): upset, but not anger; lowers the score. Crying
	// ("in tears", "😭") is reported as distress too, but weighs
	// nothing: tears come with anger as often as with sadness.
	SignalDistress = "distress"
)

// Signal is one piece of evidence about a customer's anger.
type Signal struct {
	// Kind is one of the Signal* constants ([SignalShouting], ...).
	Kind string `json:"kind"`
	// Start and End are byte offsets in the message: message[Start:End]
	// is Text.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Weight is the signal's contribution to the sum behind the score
	// (see [Assessor]), rounded to three decimals; negative for signals
	// that calm.
	Weight float64 `json:"weight"`
}

// Assessment is the result of [Assess]: how angry a customer message is,
// why, and whether a supervisor should step in.
type Assessment struct {
	// Anger is the anger score, from 0 (no sign of anger) to 1.
	Anger float64 `json:"anger"`
	// Level is [LevelOf](Anger).
	Level Level `json:"level"`
	// Signals is the evidence, in text order (by Start, then End).
	Signals []Signal `json:"signals"`
	// Escalate reports that a supervisor should step in.
	Escalate bool `json:"escalate"`
	// Reasons says why Escalate is set, in plain words; empty when it is
	// not.
	Reasons []string `json:"reasons,omitempty"`
}

// Has reports whether the assessment has a signal of the kind.
func (a Assessment) Has(kind string) bool {
	for i := range a.Signals {
		if a.Signals[i].Kind == kind {
			return true
		}
	}
	return false
}

// The reasons an [Assessment] gives for escalating, in this order.
const (
	ReasonLegal    = "the customer threatens legal action"
	ReasonManager  = "the customer asks for a manager or someone senior"
	ReasonPublic   = "the customer threatens to go public"
	ReasonHarm     = "the customer threatens violence"
	ReasonSafety   = "the customer reports a safety issue"
	ReasonRepeated = "the customer is furious after repeated contact without a fix"
)

// escalateReasons is the number of Reason* constants.
const escalateReasons = 6

// An Assessor scores customer messages for anger. It holds the embedded
// phrase lists (deescalate/anger/*.txt) compiled into one
// [phrases.Matcher]; a message is analysed and matched once, and scanned
// once more as raw text for capitals, "!!!" and masked swearing.
//
// # Scoring
//
// Every signal has a weight: the weight of its list (a strong anger word
// like "furious" weighs about three times an ordinary one like "angry",
// which weighs more than a mild one like "annoyed"; a noun that names
// anger, "rage", "revenge", weighs a little more than "angry"), times 2
// after an intensifier ("so angry", "absolutely useless"), times 1/2
// after a softener ("a bit frustrating"), times 1.8 when the writer owns
// the feeling ("I'm furious", "it makes me mad", "it irritates me",
// "Fuming!", "my anger") and 1.9 when the writer tags it ("#furious", and
// likewise "#sad", "#happy": a hashtag of a noun, "#anger", "#revenge",
// is a topic rather than a label of the writer's state, and is not
// multiplied), and times a strength for shouting (longer runs count more)
// and repeated punctuation ("!!!" more than "!!", "??" less). A positive
// word negated where it stands ("not happy", "not very helpful") is mild
// anger; under a negation further off ("don't worry, be happy") it
// counts for nothing.
//
// Some evidence is anger only beside other evidence of it. A capitalised
// word, "!!", absolutes ("never", "always") and bare stretches of time
// ("three weeks") are as much joy's as anger's and count at 0.6 without
// it; swearing marks strong feeling of any kind ("fucking brilliant",
// "scared as hell") and counts at 0.5 without it, unless aimed at someone
// ("fuck you"); words of bad feeling ("terrible", "awful") are as much
// fear's and sadness's and count only with it, and in a message with
// nothing else that would raise the score ("The news tonight is awful.")
// they count a little below zero, since there they are fear's and
// sadness's more often than anger's. Calming and positive words
// count at 0.5 in an angry message. Within a kind the strongest signal
// counts in full and each further one at 0.15 of the one before, so ten
// exclamation marks are not ten times the anger.
//
// The weights add up to S. The score is 1 - (1-[Baseline])·exp(-S) when
// S is positive, saturating towards 1, and [Baseline]·exp(S) when calming
// evidence outweighs the rest, so a polite message scores below a neutral
// one and politeness cannot cancel a strong signal. Assessment.Signals
// reports each signal's final contribution to S as its Weight.
//
// The weights of the lists that tweets carry (anger, positive, laughter
// and distress words, swearing, derogatory and calming words) and the
// factors above were fitted on the WASSA-2017 EmoInt training tweets by a
// simple documented search (assess_calibration_test.go); the
// customer-service signals (insults, complaints, threats, repeat contact,
// waiting, demands, shouting) are weighted by hand so that each moves a message the way the
// guidance describes: a legal threat alone makes a customer angry, a
// threat of violence furious, waiting time or an absolute alone only
// annoyed.
//
// # Escalation
//
// Escalate is set, with plain-word reasons, when a supervisor should step
// in (seed 001: "have a supervisor or a person that can make a difference
// take a few minutes to communicate with the client"): a legal threat, a
// request for a manager or someone senior, a threat to go public, a threat
// of violence, a safety issue (however calm the message), or a furious
// customer who has been in touch before without a fix. Anger alone, a
// threat to leave or a bad review do not escalate: they call for the
// de-escalation techniques.
//
// An Assessor is read-only after [NewAssessor] and safe for concurrent use
// by multiple goroutines.
type Assessor struct {
	m      *phrases.Matcher
	cats   []angerCat // category of each rule of m, by rule index
	swears []string   // single plain words of profanity.txt, for the masked scan
	boosts modifiers  // intensifier.txt
	softs  modifiers  // softener.txt
	p      angerParams
	pool   sync.Pool // *assessScratch
}

//go:embed anger/*.txt
var angerFS embed.FS

// angerCat is a category of evidence: a list file or a scan.
type angerCat uint8

const (
	catNone angerCat = iota
	catEmotionStrong
	catEmotionMedium
	catEmotionMild
	catEmotionNoun     // a noun that names anger: "rage", "fury"
	catNegatedPositive // a positive word under negation: "not happy"
	catProfanity
	catProfanityMild
	catAbuse // swearing aimed at someone: "fuck you", "f off", "stfu"
	catInsult
	catDerogatory // "stupid", "trash", "worst" said of anything
	catComplaint
	catJudgement // a bare word of bad feeling: "terrible", "awful"
	catShouting
	catPunct
	catSarcasm
	catSarcasmContext // praise that is sarcasm only in an angry message
	catAbsolute
	catRepeat
	catWaiting
	catDuration // a stretch of time, "three weeks": waiting only with other anger
	catDemand
	catManager
	catLeave
	catLegal
	catPublic
	catReview
	catHarm
	catSafety
	catRhetorical
	catPositive
	catLaughter // "lol", "haha", "😂": positive, but as much irony's as joy's
	catCalming
	catDistress
	catTears   // crying: distress, but as much any strong feeling's
	catNeutral // not a signal: set phrases that hide anger words
	numCats
)

// negMode says what a negated match of a category means.
type negMode uint8

const (
	negDrop   negMode = iota // a negated match does not count
	negIgnore                // negation does not matter
	negFlip                  // a negated positive word is mild negative emotion
)

// angerCatInfo describes a category: its signal kind, its list file (none
// for the scans) and how negation affects it.
var angerCatInfo = [numCats]struct {
	kind string
	file string
	neg  negMode
}{
	catEmotionStrong:   {SignalNegativeEmotion, "emotion_strong", negDrop},
	catEmotionMedium:   {SignalNegativeEmotion, "emotion_medium", negDrop},
	catEmotionMild:     {SignalNegativeEmotion, "emotion_mild", negDrop},
	catEmotionNoun:     {SignalNegativeEmotion, "emotion_noun", negDrop},
	catNegatedPositive: {SignalNegativeEmotion, "", negDrop},
	catProfanity:       {SignalProfanity, "profanity", negIgnore},
	catProfanityMild:   {SignalProfanity, "profanity_mild", negIgnore},
	catAbuse:           {SignalProfanity, "profanity_abuse", negIgnore},
	catInsult:          {SignalInsult, "insult", negDrop},
	catDerogatory:      {SignalInsult, "derogatory", negDrop},
	catComplaint:       {SignalComplaint, "complaint", negDrop},
	catJudgement:       {SignalComplaint, "judgement", negDrop},
	catShouting:        {SignalShouting, "", negIgnore},
	catPunct:           {SignalRepeatedPunctuation, "", negIgnore},
	catSarcasm:         {SignalSarcasm, "sarcasm", negDrop},
	catSarcasmContext:  {SignalSarcasm, "sarcasm_context", negDrop},
	catAbsolute:        {SignalAbsolute, "absolute", negDrop},
	catRepeat:          {SignalRepeatContact, "repeat_contact", negDrop},
	catWaiting:         {SignalWaiting, "waiting", negIgnore},
	catDuration:        {SignalWaiting, "duration", negIgnore},
	catDemand:          {SignalDemand, "demand", negDrop},
	catManager:         {SignalDemandManager, "demand_manager", negDrop},
	catLeave:           {SignalThreatLeave, "threat_leave", negDrop},
	catLegal:           {SignalThreatLegal, "threat_legal", negDrop},
	catPublic:          {SignalThreatPublic, "threat_public", negDrop},
	catReview:          {SignalThreatReview, "threat_review", negDrop},
	catHarm:            {SignalThreatHarm, "threat_harm", negDrop},
	catSafety:          {SignalSafety, "safety", negDrop},
	catRhetorical:      {SignalRhetorical, "rhetorical", negDrop},
	catPositive:        {SignalPositive, "positive", negFlip},
	catLaughter:        {SignalPositive, "laughter", negIgnore},
	catCalming:         {SignalCalming, "calming", negDrop},
	catDistress:        {SignalDistress, "distress", negDrop},
	catTears:           {SignalDistress, "tears", negDrop},
	catNeutral:         {"", "neutral", negIgnore},
}

// angerParams are the scoring constants.
type angerParams struct {
	w          [numCats]float64 // weight of one signal of the category
	intensify  float64          // factor after an intensifier
	self       float64          // factor for an emotion the writer owns ("I'm furious")
	hashtag    float64          // factor for an emotion hashtag ("#furious")
	alone      float64          // factor for amplifiers in a message with no other anger
	swearAlone float64          // factor for swearing in a message with no other anger
	soften     float64          // factor after a softener ("slightly", "a bit")
	calmCore   float64          // factor for calming evidence in a message with anger
	decay      float64          // factor for each further signal of a kind
	judgeAlone float64          // weight of a word of bad feeling ("awful") with nothing else that raises the score
}

// defaultAngerParams are the weights the package ships with.
//
// The values marked "fit" come from fitAngerParams in
// assess_calibration_test.go: coordinate ascent from the hand-set values
// of fitStart, each weight in turn tried at every multiple of 0.1 in its
// range with the others held (a coarse grid: finer steps only fit the
// training tweets' noise), maximising the mean of the Pearson
// correlation with the annotated anger intensity of the EmoInt anger
// training tweets and the ROC AUC of those tweets against the joy, fear
// and sadness training tweets. No dev tweet was used. To reproduce:
//
//	go test -run TestFitAngerParams -v ./deescalate/ -args -fit
//
// The others are set by hand (see [Assessor]).
var defaultAngerParams = angerParams{
	w: [numCats]float64{
		// Words of anger in three grades: a strong word ("furious") is
		// worth about three medium ones ("angry"), five mild ones
		// ("annoyed"). The nouns that name anger ("rage", "revenge")
		// weigh on their own.
		catEmotionStrong: 1.5, // fit
		catEmotionMedium: 0.5, // fit
		catEmotionMild:   0.3, // fit
		catEmotionNoun:   0.6, // fit
		// "not happy": mild dissatisfaction.
		catNegatedPositive: 0.35,
		// Swearing is strong feeling (on its own it counts at swearAlone);
		// aimed at someone it is abuse, about swearing and an insult.
		catProfanity:     1.9, // fit
		catProfanityMild: 1.6, // fit
		catAbuse:         1.5,
		catInsult:        1.0,
		catDerogatory:    0.5, // fit: everyday scorn, well below an insult
		catComplaint:     0.25,
		// Bad feeling ("terrible"): a little with anger, nothing beside
		// "!!" or capitals alone, and below zero with nothing else
		// (judgeAlone).
		catJudgement:      0.25,
		catShouting:       0.45,
		catPunct:          0.3,
		catSarcasm:        0.6,
		catSarcasmContext: 0.5,
		catAbsolute:       0.15,
		catRepeat:         0.6,
		catWaiting:        0.35,
		catDuration:       0.35,
		catDemand:         0.35,
		catManager:        0.6,
		catLeave:          0.8,
		catLegal:          1.0,
		catPublic:         0.9,
		catReview:         0.7,
		catHarm:           1.6,
		catSafety:         0.1,
		catRhetorical:     0.35,
		// Contentment, laughter (as much irony's as joy's), politeness and
		// fear or sadness pull the score down; crying (as much anger's
		// as sadness's) does not.
		catPositive: -0.9, // fit
		catLaughter: -0.5, // fit
		catCalming:  -0.4, // fit
		catDistress: -1.0, // fit
		catTears:    0,    // fit
	},
	intensify:  2.0, // fit: "so angry" is twice "angry"
	self:       1.8, // fit: "I'm angry" says more than "an angry man"
	hashtag:    1.9, // fit: "#angry" is the writer's own label
	alone:      0.6, // fit: "!!", capitals, "never" without anger
	swearAlone: 0.5, // fit: swearing without anger ("fucking brilliant")
	soften:     0.5,
	calmCore:   0.5, // fit: politeness in an angry message
	// Each further signal of a kind: the fit is flat from 0.15 to 0.4 on
	// tweets; the low end keeps repeats in one customer message ("asked
	// three times", "keeps happening") from piling up.
	decay: 0.15,
	// fit: "The news tonight is awful." is fear's or sadness's more often
	// than anger's; the search stops at -0.5, the weight of a word of
	// bad feeling staying below that of a word of fear or sadness.
	judgeAlone: -0.5,
}

// NewAssessor compiles the embedded phrase lists into an Assessor. It
// panics only if the embedded lists are broken, which the package's tests
// rule out; compile one Assessor and share it.
func NewAssessor() *Assessor {
	a, err := newAssessor(defaultAngerParams)
	if err != nil {
		panic(err)
	}
	return a
}

func newAssessor(p angerParams) (*Assessor, error) {
	var rules []phrases.Rule
	var cats []angerCat
	var swears []string
	for c := angerCat(1); c < numCats; c++ {
		info := angerCatInfo[c]
		if info.file == "" {
			continue
		}
		src, err := angerFS.ReadFile(path.Join("anger", info.file+".txt"))
		if err != nil {
			return nil, fmt.Errorf("deescalate: anger list %s: %w", info.file, err)
		}
		pats, err := phrases.ParseList(string(src))
		if err != nil {
			return nil, fmt.Errorf("deescalate: anger list %s: %w", info.file, err)
		}
		for _, pat := range pats {
			rules = append(rules, phrases.Rule{Label: info.file, Pattern: pat})
			cats = append(cats, c)
			if (c == catProfanity || c == catProfanityMild) && plainWord(pat.String()) {
				swears = append(swears, pat.String())
			}
		}
	}
	m, err := phrases.NewMatcher(rules)
	if err != nil {
		return nil, fmt.Errorf("deescalate: anger lists: %w", err)
	}
	a := &Assessor{m: m, cats: cats, swears: swears, p: p}
	if a.boosts, err = readModifiers("intensifier"); err != nil {
		return nil, err
	}
	if a.softs, err = readModifiers("softener"); err != nil {
		return nil, err
	}
	return a, nil
}

// modifiers are the entries of a list of words and short phrases
// (intensifiers, softeners), split into words and keyed by their last.
type modifiers map[string][][]string

// readModifiers reads a list of modifiers.
func readModifiers(name string) (modifiers, error) {
	src, err := angerFS.ReadFile(path.Join("anger", name+".txt"))
	if err != nil {
		return nil, fmt.Errorf("deescalate: anger list %s: %w", name, err)
	}
	mods := modifiers{}
	for n, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		words := strings.Fields(strings.ToLower(line))
		if len(words) > 3 {
			return nil, fmt.Errorf("deescalate: anger list %s: line %d: more than three words", name, n+1)
		}
		last := words[len(words)-1]
		mods[last] = append(mods[last], words)
	}
	return mods, nil
}

// before returns the first token of the longest entry that ends right
// before token i, in the same sentence, or -1.
func (mods modifiers) before(d *phrases.Doc, i int) int {
	if i == 0 {
		return -1
	}
	best := -1
	for _, words := range mods[d.Tokens[i-1].Norm] {
		k := i - len(words)
		if k < 0 || (best >= 0 && k >= best) {
			continue
		}
		ok := d.Tokens[k].Sentence == d.Tokens[i].Sentence
		for j := 0; ok && j < len(words)-1; j++ {
			ok = d.Tokens[k+j].Norm == words[j]
		}
		if ok {
			best = k
		}
	}
	return best
}

// plainWord reports whether s is one lower-case ASCII word.
func plainWord(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// defaultAssessor is the Assessor behind [Assess], built on first use.
var defaultAssessor = sync.OnceValue(NewAssessor)

// Assess assesses a customer message with a process-wide default
// [Assessor], compiled once, on the first call (which therefore takes
// some tens of milliseconds longer), and shared; it is safe for concurrent use.
// See [Assessor.Assess].
func Assess(message string) Assessment {
	return defaultAssessor().Assess(message)
}

// found is a piece of evidence before scoring.
type found struct {
	cat        angerCat
	kind       angerCat // kindCat of the category in effect, set by weigh
	start, end int      // bytes
	scale      float64  // shouting and punctuation strength; 1 otherwise
	boost      bool     // after an intensifier
	soft       bool     // after a softener
	self       bool     // an emotion the writer owns: "I'm so angry", "makes me mad"
	hashtag    bool     // an emotion hashtag: "#angry"
	weight     float64  // final contribution
}

// assessScratch is the reusable memory of one assessment.
type assessScratch struct {
	doc     phrases.Doc
	matches []phrases.Match
	found   []found
	order   []int
	buf     []byte
}

// Assess scores message for anger and lists the evidence. Any input is
// accepted, including empty text, invalid UTF-8 and very long messages;
// the cost is linear in the length of the message.
func (a *Assessor) Assess(message string) Assessment {
	sc, _ := a.pool.Get().(*assessScratch)
	if sc == nil {
		sc = new(assessScratch)
	}
	sc.found = a.collect(sc, message, sc.found[:0])
	res := a.score(sc, message, &a.p)
	sc.doc.Text = "" // do not keep the message alive in the pool
	a.pool.Put(sc)
	return res
}

// collect appends the evidence in message to fs, in text order.
func (a *Assessor) collect(sc *assessScratch, message string, fs []found) []found {
	d := &sc.doc
	if needsRewrite(message) {
		// Hashtags and stretched words get new normal forms; the Matcher
		// computes its keys from those when it matches (a Doc from an
		// Analyzer has none yet).
		a.m.Analyzer().AnalyzeInto(d, message)
		sc.buf = rewriteTokens(d, sc.buf[:0])
	} else {
		a.m.AnalyzeInto(d, message)
	}
	sc.matches = a.m.AppendMatches(sc.matches[:0], d, false)

	// Matched phrases, with negation, intensifiers and softeners.
	titled := titleCase{sentence: -1}
	for _, mt := range sc.matches {
		c := a.cats[mt.Rule]
		if c == catNeutral {
			continue
		}
		// A hashtag stands apart from the sentence before it: "not my
		// address #fuming" is not negated; nor is a face, drawn or typed
		// ("not happy 😡", "no refund >:(").
		if mt.Negated && message[mt.Bytes.Start] != '#' && !face(d.Tokens[mt.Tokens.Start].Kind) {
			switch angerCatInfo[c].neg {
			case negDrop:
				continue
			case negFlip:
				// Only a positive word negated where it stands is
				// dissatisfaction ("not happy", "isn't very good"); under
				// a negation further off it means nothing either way
				// ("don't worry, be happy", "if you don't love yourself").
				if !a.negatedNear(d, mt.Tokens.Start) {
					continue
				}
				c = catNegatedPositive
			}
		}
		f := found{cat: c, start: mt.Bytes.Start, end: mt.Bytes.End, scale: 1}
		first := mt.Tokens.Start // with its modifier
		if c != catNegatedPositive && c != catProfanity && c != catProfanityMild && !clauseStart(d.Tokens[mt.Tokens.Start].Norm) {
			if k := a.boosts.before(d, mt.Tokens.Start); k >= 0 {
				f.boost, f.start, first = true, d.Tokens[k].Start, k
				// A swear word that intensifies a word of another feeling
				// ("fucking brilliant", "so damn scared") is only that.
				if n := len(fs); n > 0 && swearing(fs[n-1].cat) && fs[n-1].start == f.start && (a.p.w[c] < 0 || c == catSarcasmContext) {
					fs = fs[:n-1]
				}
			} else if k := a.softs.before(d, mt.Tokens.Start); k >= 0 {
				f.soft, f.start, first = true, d.Tokens[k].Start, k
			}
		}
		if c == catEmotionStrong || c == catEmotionMedium || c == catEmotionMild || c == catEmotionNoun {
			if titled.properName(d, mt.Tokens.Start, mt.Tokens.End) {
				continue // "Tyson Fury", "Wrath of Khan", "Angry Birds"
			}
			f.hashtag = message[mt.Bytes.Start] == '#' && c != catEmotionNoun
			f.self = message[mt.Bytes.Start] != '#' && (ownsEmotion(d, mt.Tokens.Start) || experiencerAfter(d, mt.Tokens.End) || c != catEmotionMild && subjectless(d, first, mt.Tokens.End))
		} else if c == catDistress || c == catTears || c == catPositive {
			// "#sad", "#happy": the writer's own label of the feeling.
			f.hashtag = message[mt.Bytes.Start] == '#'
		}
		fs = append(fs, f)
	}
	matched := len(fs)
	fs = a.maskedProfanity(message, fs, matched)
	fs = a.shouting(d, fs)
	fs = laughter(d, fs)
	fs = repeatedPunct(message, fs)
	slices.SortFunc(fs, func(x, y found) int {
		if c := cmp.Compare(x.start, y.start); c != 0 {
			return c
		}
		return cmp.Compare(x.end, y.end)
	})
	return fs
}

// face reports whether a match that starts with a token of kind k is an
// emoji or an emoticon, which negation does not reach.
func face(k phrases.Kind) bool {
	return k == phrases.Emoji || k == phrases.Symbol || k == phrases.Punct
}

// negatedNear reports whether a negation ("not", "never", "no", ...)
// stands right before token i, or before an intensifier before it: "not
// happy", "not very good", "never so helpful".
func (a *Assessor) negatedNear(d *phrases.Doc, i int) bool {
	switch {
	case i >= 1 && negationCue(d.Tokens[i-1].Norm):
		return true
	case i >= 2 && negationCue(d.Tokens[i-2].Norm):
		_, boost := a.boosts[d.Tokens[i-1].Norm]
		return boost || d.Tokens[i-1].Norm == "that"
	}
	return false
}

// clauseStart reports whether a match that starts with the word w is a
// clause ("I'm done", "you are useless"), which a word before it such as
// "so" joins rather than intensifies ("so I'm done").
func clauseStart(w string) bool {
	switch w {
	case "i", "we", "you", "he", "she", "they", "it", "this", "that", "there":
		return true
	}
	return false
}

// subjectless reports whether the emotion words in tokens [i, j) open
// their sentence with no subject, which in a message is the writer:
// "So angry right now.", "Fuming!", "@acme absolutely livid". A word
// that opens a sentence as its subject ("Anger is cheap", "Rage makes
// you blind") is not one. Mild words are not asked: they are mostly
// interjections ("ugh", "come on"), the writer's by nature, and weigh
// as listed.
func subjectless(d *phrases.Doc, i, j int) bool {
	p := i - 1
	for p >= 0 && d.Tokens[p].Kind == phrases.Mention && d.Tokens[p].Sentence == d.Tokens[i].Sentence {
		p--
	}
	if p >= 0 && d.Tokens[p].Sentence == d.Tokens[i].Sentence {
		return false
	}
	if j < len(d.Tokens) && d.Tokens[j].Sentence == d.Tokens[i].Sentence {
		switch d.Tokens[j].Norm {
		case "is", "was", "are", "were", "has", "have", "had", "makes", "make", "made", "can", "could", "will", "would", "should", "does", "do", "did", "'s":
			return false
		}
	}
	return true
}

// experiencerAfter reports whether the emotion word ending before token
// i has the writer as its object, the one who feels it: "it irritates
// me", "that angers us", "you disgust me".
func experiencerAfter(d *phrases.Doc, i int) bool {
	if i == 0 || i >= len(d.Tokens) || d.Tokens[i].Sentence != d.Tokens[i-1].Sentence {
		return false
	}
	switch d.Tokens[i].Norm {
	case "me", "us", "myself":
		return true
	}
	return false
}

// ownsEmotion reports whether the writer owns the emotion word at token
// i: "I'm furious", "I feel so angry", "this makes me mad", "got me
// fuming" (one of i, me, my, am, feel, felt, makes, made, got within three
// words before it, in the same clause).
func ownsEmotion(d *phrases.Doc, i int) bool {
	sent := d.Tokens[i].Sentence
	for j, words := i-1, 0; j >= 0 && words < 3; j-- {
		t := &d.Tokens[j]
		if t.Sentence != sent {
			break
		}
		if t.Kind == phrases.Punct {
			switch t.Norm {
			case ",", ";", ":", "-":
				return false
			}
			continue
		}
		words++
		switch t.Norm {
		case "i", "me", "my", "myself", "am", "feel", "feeling", "felt", "feels", "makes", "made", "making", "got", "gets", "getting":
			return true
		}
	}
	return false
}

// titleCase remembers whether the last sentence looked at is written in
// Title Case, so that each sentence is counted once.
type titleCase struct {
	sentence int
	title    bool
}

// properName reports whether tokens [i, j) look like part of a name or a
// title: capitalised ("Fury", not "fury" or "FURY"), not the first word
// of a sentence or after an opening quote or bracket, and not in a
// sentence where most words are capitalised.
func (tc *titleCase) properName(d *phrases.Doc, i, j int) bool {
	if d.Text[d.Tokens[i].Start] == '#' {
		return false
	}
	for k := i; k < j; k++ {
		if d.Tokens[k].Shape != phrases.Title {
			return false
		}
	}
	t := &d.Tokens[i]
	// The first word of a sentence, after any @mentions that open it
	// ("@acme Smh"), is capitalised anyway.
	p := i - 1
	for p >= 0 && d.Tokens[p].Kind == phrases.Mention && d.Tokens[p].Sentence == t.Sentence {
		p--
	}
	if p < 0 || d.Tokens[p].Sentence != t.Sentence {
		return false
	}
	// In Title Case Writing every word is capitalised; names stand out.
	if tc.sentence != t.Sentence {
		sent := d.Sentences[t.Sentence]
		words, titles := 0, 0
		for k := sent.First; k < sent.Last; k++ {
			if d.Tokens[k].Kind == phrases.Word {
				words++
				if d.Tokens[k].Shape == phrases.Title {
					titles++
				}
			}
		}
		tc.sentence, tc.title = t.Sentence, 2*titles > words
	}
	if tc.title {
		return false
	}
	switch prev := &d.Tokens[i-1]; prev.Norm {
	case "\"", "'", "(", "[", ":", "-", "i", "am":
		return false
	}
	return true
}

// needsRewrite reports whether message has a hashtag or a letter repeated
// three times or more, whose tokens get new normal forms.
func needsRewrite(s string) bool {
	if strings.IndexByte(s, '#') >= 0 {
		return true
	}
	// A run of three holds a letter at an odd offset with an equal
	// neighbour: test every other byte, and look closer on a hit.
	for i := 1; i+1 < len(s); i += 2 {
		c := s[i]
		if c != s[i-1] && c != s[i+1] || !isASCIILetter(c) {
			continue
		}
		if c == s[i-1] && (c == s[i+1] || i >= 2 && c == s[i-2]) || c == s[i+1] && i+2 < len(s) && c == s[i+2] {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// rewriteTokens makes hashtags words ("#Angry" is matched as "angry";
// "#not" keeps its '#', so that it is a sarcasm marker rather than a
// negation) and collapses stretched letters ("angryyyy", "sooo", "fuuuck"
// are matched as "angry", "so", "fuck"). buf is scratch memory; the new
// forms are fresh strings.
func rewriteTokens(d *phrases.Doc, buf []byte) []byte {
	for i := range d.Tokens {
		t := &d.Tokens[i]
		norm := t.Norm
		if t.Kind == phrases.Hashtag {
			body := strings.TrimLeft(norm, "#")
			if body == "" || negationCue(body) {
				continue
			}
			norm = body
			t.Kind = phrases.Word
		} else if t.Kind != phrases.Word {
			continue
		}
		if stretched(norm) {
			buf = collapseRuns(buf[:0], norm)
			norm = string(buf)
		}
		t.Norm, t.Stem = norm, norm
	}
	return buf
}

func negationCue(w string) bool {
	switch w {
	case "not", "never", "no", "nobody", "nothing", "none", "neither", "nor", "hardly", "without", "nowhere":
		return true
	}
	return false
}

// stretched reports whether w has a letter three times in a row.
func stretched(w string) bool {
	for i := 2; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] == w[i-2] && isASCIILetter(w[i]) {
			return true
		}
	}
	return false
}

// collapseRuns appends w to buf with every run of three or more of the
// same letter cut to one.
func collapseRuns(buf []byte, w string) []byte {
	for i := 0; i < len(w); {
		j := i + 1
		for j < len(w) && w[j] == w[i] {
			j++
		}
		if j-i >= 3 && isASCIILetter(w[i]) {
			buf = append(buf, w[i])
		} else {
			buf = append(buf, w[i:j]...)
		}
		i = j
	}
	return buf
}

// shoutAcronym reports whether w, an upper-case word of four letters or
// more, is a common acronym rather than shouting when it stands alone.
func shoutAcronym(w string) bool {
	switch w {
	case "ASAP", "USPS", "HTTP", "HTTPS", "HTML", "NASA", "NATO", "FIFA", "UEFA", "IKEA",
		"OKAY", "LMAO", "LMFAO", "ROFL", "IMHO", "NCAA", "ESPN", "CNBC", "NYSE", "AMEX",
		"JSON", "VISA", "HMRC", "DVLA", "GDPR", "IBAN", "SWIFT", "PAYE", "FEDEX", "USMNT":
		return true
	}
	return false
}

// shouting appends a signal for each run of upper-case words: two or more
// words with six letters or more between them, or one word of four
// letters or more that is not a known acronym. Punctuation, numbers and
// emoji do not break a run; a word with lower-case letters does.
func (a *Assessor) shouting(d *phrases.Doc, fs []found) []found {
	first, last, words, letters := -1, -1, 0, 0
	flush := func() {
		if first < 0 {
			return
		}
		t0, t1 := &d.Tokens[first], &d.Tokens[last]
		ok := words >= 2 && letters >= 6
		if words == 1 {
			w := d.Text[t0.Start:t0.End]
			ok = letters >= 4 && !shoutAcronym(w)
		}
		if ok {
			fs = append(fs, found{cat: catShouting, start: t0.Start, end: t1.End,
				scale: min(2, 0.5*float64(words))})
		}
		first, last, words, letters = -1, -1, 0, 0
	}
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != phrases.Word || d.Text[t.Start] == '#' {
			continue // hashtags are often acronyms: #NBA, #BREXIT
		}
		switch t.Shape {
		case phrases.Upper:
			if first < 0 {
				first = i
			}
			last = i
			words++
			for j := t.Start; j < t.End; j++ {
				if isASCIILetter(d.Text[j]) || d.Text[j] >= 0x80 {
					letters++
				}
			}
		case phrases.NoLetters:
		default:
			flush()
		}
	}
	flush()
	return emphaticStops(d, fs)
}

// emphaticStops appends a shouting signal for each run of three or more
// one-word sentences: "Stop. Lying. To. Me.", "Worst. Service. Ever."
func emphaticStops(d *phrases.Doc, fs []found) []found {
	first, n := -1, 0
	flush := func(last int) {
		if n >= 3 {
			s0, s1 := d.Sentences[first], d.Sentences[last]
			fs = append(fs, found{cat: catShouting, start: s0.Start, end: s1.End, scale: min(2, 0.5*float64(n))})
		}
		first, n = -1, 0
	}
	for si, sent := range d.Sentences {
		words := 0
		for k := sent.First; k < sent.Last; k++ {
			if d.Tokens[k].Kind == phrases.Word {
				words++
			}
		}
		if words == 1 {
			if first < 0 {
				first = si
			}
			n++
			continue
		}
		flush(si - 1)
	}
	flush(len(d.Sentences) - 1)
	return fs
}

// laughter appends a signal for each word of written laughter: "haha",
// "ahahah", "hehehe", "bwahaha" (laughter.txt holds the fixed forms,
// "lol", "lmao", "😂").
func laughter(d *phrases.Doc, fs []found) []found {
	for i := range d.Tokens {
		t := &d.Tokens[i]
		if t.Kind != phrases.Word || len(t.Norm) < 4 {
			continue
		}
		// Laughter starts with "h", or "a", "b" or "m" before one.
		if c := t.Norm[0]; (c == 'h' || c == 'a' || c == 'b' || c == 'm') && isLaughter(t.Norm) {
			fs = append(fs, found{cat: catLaughter, start: t.Start, end: t.End, scale: 1})
		}
	}
	return fs
}

// isLaughter reports whether w, a normalised word, is written laughter:
// "ha" or "he" twice or more, with an optional leading "b", "bw", "mw" or
// "mu", then "a", and trailing "h"s ("haha", "ahahah", "hehe", "bwahaha").
func isLaughter(w string) bool {
	switch {
	case strings.HasPrefix(w, "bw"), strings.HasPrefix(w, "mw"), strings.HasPrefix(w, "mu"):
		w = w[2:]
	case w[0] == 'b':
		w = w[1:]
	}
	w = strings.TrimPrefix(w, "a")
	w = strings.TrimRight(w, "h")
	n := 0
	for len(w) >= 2 && w[0] == 'h' && (w[1] == 'a' || w[1] == 'e') {
		v := w[1]
		w = w[2:]
		for len(w) > 0 && w[0] == v {
			w = w[1:]
		}
		n++
	}
	return w == "" && n >= 2
}

// repeatedPunct appends a signal for each run of two or more '!' and '?'
// (and their full-width and double forms).
func repeatedPunct(s string, fs []found) []found {
	for i := 0; i < len(s); {
		for i < len(s) && !punctLead[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		n, bang, quest, j := 0, false, false, i
		for j < len(s) {
			c, w := punctAt(s, j)
			if c == 0 {
				break
			}
			switch c {
			case '!':
				bang = true
				n++
			case '?':
				quest = true
				n++
			case '‼':
				bang = true
				n += 2
			case '⁉', '⁈':
				bang, quest = true, true
				n += 2
			case '⁇':
				quest = true
				n += 2
			}
			j += w
		}
		if j == i {
			i++
			continue
		}
		if n >= 2 {
			scale := 1.0
			switch {
			case !bang:
				scale = 0.6
			case n >= 3 || quest:
				scale = 1.5
			}
			fs = append(fs, found{cat: catPunct, start: i, end: j, scale: scale})
		}
		i = j
	}
	return fs
}

// punctLead marks the bytes that can start an exclamation or question
// mark: '!', '?', and the lead bytes of their Unicode forms.
var punctLead = [256]bool{'!': true, '?': true, 0xE2: true, 0xEF: true}

// punctAt returns the exclamation or question mark at s[i:] and its
// length in bytes, or 0.
func punctAt(s string, i int) (rune, int) {
	switch c := s[i]; {
	case c == '!' || c == '?':
		return rune(c), 1
	case c == 0xE2 && i+2 < len(s):
		switch s[i : i+3] {
		case "‼":
			return '‼', 3
		case "⁉":
			return '⁉', 3
		case "⁈":
			return '⁈', 3
		case "⁇":
			return '⁇', 3
		}
	case c == 0xEF && i+2 < len(s):
		switch s[i : i+3] {
		case "！":
			return '!', 3
		case "？":
			return '?', 3
		}
	}
	return 0, 0
}

// maskedProfanity appends a signal for each masked swear word in s
// ("f*ck", "sh!t", "a$$", "b1tch"): a run of letters, digits and masking
// symbols that has a masking symbol, starts with the same letter as a word
// of profanity.txt, has its length, and differs from it only where a
// symbol stands. Evidence already found at the same place wins.
func (a *Assessor) maskedProfanity(s string, fs []found, matched int) []found {
	// fs[:matched] came from the Matcher: in text order, not overlapping.
	next := 0
	for i := 0; i < len(s); {
		// Find a masking byte, then the run of word bytes around it.
		for i < len(s) && !maskStop[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		start, end := i, i
		for start > 0 && maskRunByte(s[start-1]) {
			start--
		}
		for end < len(s) && maskRunByte(s[end]) {
			end++
		}
		i = end
		if s[start] == '@' { // a mention
			continue
		}
		for start < end && (s[start] == '#' || s[start] == '*') {
			start++
		}
		for end > start && (s[end-1] == '!' || s[end-1] == '?' || s[end-1] == '.' || s[end-1] == '#') {
			end--
		}
		w := s[start:end]
		if len(w) < 3 || len(w) > 16 || !(isASCIILetter(w[0]) || w[0] == '$') || !hasMask(w) {
			continue
		}
		if !a.isMaskedSwear(w) {
			continue
		}
		for next < matched && fs[next].end <= start {
			next++
		}
		overlaps := false
		for k := next; k < matched && fs[k].start < end; k++ {
			if angerCatInfo[fs[k].cat].kind == SignalProfanity {
				overlaps = true
				break
			}
		}
		if !overlaps {
			fs = append(fs, found{cat: catProfanity, start: start, end: end, scale: 1})
		}
	}
	return fs
}

// maskStop marks the bytes that can make a word a masked one: those of
// maskRunByte but letters (digits, mask symbols, '!', '$', '@'). A table,
// since maskedProfanity tests every byte of the message.
var maskStop = [256]bool{
	'0': true, '1': true, '2': true, '3': true, '4': true, '5': true, '6': true, '7': true, '8': true, '9': true,
	'*': true, '#': true, '%': true, '&': true, '_': true, '!': true, '$': true, '@': true,
}

func maskRunByte(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || maskSymbol(c) || c == '!' || c == '$' || c == '@'
}

// maskSymbol reports whether c stands for any letter in a masked word.
func maskSymbol(c byte) bool {
	switch c {
	case '*', '#', '%', '&', '_':
		return true
	}
	return false
}

// leet returns the letter a digit or symbol stands for in a masked word,
// or 0.
func leet(c byte) byte {
	switch c {
	case '!', '1', '|':
		return 'i'
	case '$', '5':
		return 's'
	case '@', '4':
		return 'a'
	case '0':
		return 'o'
	case '3':
		return 'e'
	case '7':
		return 't'
	}
	return 0
}

// hasMask reports whether w has a byte other than a letter.
func hasMask(w string) bool {
	for i := 0; i < len(w); i++ {
		if !isASCIILetter(w[i]) {
			return true
		}
	}
	return false
}

// isMaskedSwear reports whether w, which has a masking byte, spells a
// word of the profanity lists: the same length, the same letters where w
// has letters, a symbol that stands for any letter ("*") or for that
// letter ("!" for i, "$" for s) elsewhere, and at least one real letter.
func (a *Assessor) isMaskedSwear(w string) bool {
	for _, sw := range a.swears {
		if len(sw) != len(w) {
			continue
		}
		ok, letters := true, 0
		for k := 0; ok && k < len(w); k++ {
			switch c := w[k]; {
			case isASCIILetter(c):
				ok = c|0x20 == sw[k]
				letters++
			case maskSymbol(c):
				ok = k > 0 // "*uck" could be anything
			default:
				ok = leet(c) == sw[k]
			}
		}
		if ok && letters > 0 {
			return true
		}
	}
	return false
}

// weigh sets the weight of each piece of evidence in fs under p and
// returns their sum. Praise (catSarcasmContext) is sarcasm in a message
// with other anger evidence, and positive otherwise; a word of bad
// feeling (catJudgement) weighs p.judgeAlone in a message where nothing
// else raises the score.
func weigh(fs []found, p *angerParams, order []int) (float64, []int) {
	angry := hasCore(fs, p)
	bare := !angry && onlyBadFeeling(fs, p)
	order = order[:0]
	for i := range fs {
		x := &fs[i]
		b := p.w[effectiveCat(x.cat, angry)] * x.scale
		switch {
		case bare && x.cat == catJudgement:
			b = p.judgeAlone
		case !angry && x.cat == catJudgement:
			b = 0 // "terrible" alone is bad feeling, not anger
		case !angry && amplifier(x.cat) && !(x.cat == catShouting && x.scale >= 1.5):
			b *= p.alone
		case !angry && swearing(x.cat):
			b *= p.swearAlone
		case angry && b < 0:
			b *= p.calmCore
		}
		if x.soft {
			b *= p.soften
		}
		if x.boost {
			b *= p.intensify
		}
		if x.self {
			b *= p.self
		}
		if x.hashtag {
			b *= p.hashtag
		}
		x.weight = b
		x.kind = kindCat(effectiveCat(x.cat, angry))
		order = append(order, i)
	}
	// Within a kind, the strongest counts in full, the next by decay, and
	// so on.
	slices.SortFunc(order, func(x, y int) int {
		if c := cmp.Compare(fs[x].kind, fs[y].kind); c != 0 {
			return c
		}
		if c := cmp.Compare(math.Abs(fs[y].weight), math.Abs(fs[x].weight)); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	sum := 0.0
	prev, f := angerCat(numCats), 1.0
	for _, i := range order {
		if k := fs[i].kind; k != prev {
			prev, f = k, 1
		}
		fs[i].weight *= f
		sum += fs[i].weight
		f *= p.decay
	}
	return sum, order
}

// kindCat returns the first category of c's signal kind, so that
// categories compare equal exactly when their kinds are the same.
func kindCat(c angerCat) angerCat {
	switch c {
	case catEmotionMedium, catEmotionMild, catEmotionNoun, catNegatedPositive:
		return catEmotionStrong
	case catProfanityMild, catAbuse:
		return catProfanity
	case catJudgement:
		return catComplaint
	case catDerogatory:
		return catInsult
	case catDuration:
		return catWaiting
	case catLaughter:
		return catPositive
	case catSarcasmContext:
		return catSarcasm
	case catTears:
		return catDistress
	}
	return c
}

// hasCore reports whether fs has evidence of anger in its own right:
// anything that raises the score but an amplifier, praise, or a safety
// issue.
func hasCore(fs []found, p *angerParams) bool {
	for i := range fs {
		if c := fs[i].cat; c != catSarcasmContext && c != catSafety && c != catJudgement && !amplifier(c) && !swearing(c) && p.w[c] > 0 {
			return true
		}
	}
	return false
}

// onlyBadFeeling reports whether nothing in fs but words of bad feeling
// would raise the score.
func onlyBadFeeling(fs []found, p *angerParams) bool {
	for i := range fs {
		if c := effectiveCat(fs[i].cat, false); c != catJudgement && p.w[c] > 0 {
			return false
		}
	}
	return true
}

// amplifier reports whether evidence of category c amplifies anger
// expressed otherwise rather than expressing it: exclamation marks,
// capitals and absolutes are as much joy's as anger's.
func amplifier(c angerCat) bool {
	return c == catPunct || c == catShouting || c == catAbsolute || c == catDuration
}

// swearing reports whether evidence of category c is swearing, which
// marks strong feeling of any kind ("fucking brilliant", "scared as
// hell") and is anger only with other evidence of it.
func swearing(c angerCat) bool {
	return c == catProfanity || c == catProfanityMild
}

// effectiveCat resolves praise: sarcasm in an angry message, positive
// otherwise.
func effectiveCat(c angerCat, angry bool) angerCat {
	if c == catSarcasmContext && !angry {
		return catPositive
	}
	return c
}

// angerOf maps the sum of weights to the score: Baseline at 0, rising
// towards 1 as 1 - (1-Baseline)·exp(-sum), and falling towards 0 as
// Baseline·exp(sum) when calming evidence outweighs the rest.
func angerOf(sum float64) float64 {
	if sum <= 0 {
		return Baseline * math.Exp(sum)
	}
	return 1 - (1-Baseline)*math.Exp(-sum)
}

// score weighs the evidence in sc.found and builds the assessment.
func (a *Assessor) score(sc *assessScratch, message string, p *angerParams) Assessment {
	fs := sc.found
	var sum float64
	sum, sc.order = weigh(fs, p, sc.order)
	angry := hasCore(fs, p)
	res := Assessment{Anger: angerOf(sum)}
	res.Level = LevelOf(res.Anger)
	res.Signals = make([]Signal, len(fs))
	var has [numCats]bool
	for i := range fs {
		x := &fs[i]
		c := effectiveCat(x.cat, angry)
		has[c] = true
		res.Signals[i] = Signal{
			Kind:   angerCatInfo[c].kind,
			Start:  x.start,
			End:    x.end,
			Text:   message[x.start:x.end],
			Weight: math.Round(x.weight*1000) / 1000,
		}
	}
	res.Reasons = escalation(&has, res.Level)
	res.Escalate = len(res.Reasons) > 0
	return res
}

// escalation returns the reasons a supervisor should step in.
func escalation(has *[numCats]bool, l Level) []string {
	var r []string
	add := func(ok bool, reason string) {
		if ok {
			if r == nil {
				r = make([]string, 0, escalateReasons)
			}
			r = append(r, reason)
		}
	}
	add(has[catLegal], ReasonLegal)
	add(has[catManager], ReasonManager)
	add(has[catPublic], ReasonPublic)
	add(has[catHarm], ReasonHarm)
	add(has[catSafety], ReasonSafety)
	add(has[catRepeat] && l == Furious, ReasonRepeated)
	return r
}
