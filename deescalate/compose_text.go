package deescalate

import (
	"strconv"
	"strings"
	"sync"
)

// The phrasings the composer chooses from. A phrasing is a sentence with
// slots in braces: {clause} (the restated problem), {list} (the
// remedies), {by} (the time), {contact}, {customer} and {agent}. Each
// one is checked by the package's tests to count for its technique, and
// for nothing the catalogue warns against, in the default rubric.

// Indexes into the picks of a draft: one random number per choice, drawn in
// this order whatever the request, so that a seed makes the same choices
// for every request.
const (
	pickGreeting = iota
	pickRestate
	pickValidate
	pickApologize
	pickCalmOrder
	pickEscalate
	pickOptions
	pickCommit
	pickDocument
	pickFollowUp
	pickContact
	pickThank
	pickSignOff
	numPicks
)

// phraseChoices are the choices for one step, by register.
type phraseChoices struct {
	chat, email []string
}

// pick returns the phrasing the pick chooses for the register.
func (p *phraseChoices) pick(r Register, n uint32) string {
	list := p.chat
	if r == Email && len(p.email) > 0 {
		list = p.email
	}
	return list[n%uint32(len(list))]
}

// all returns every phrasing of both registers.
func (p *phraseChoices) all() []string {
	return append(append([]string(nil), p.chat...), p.email...)
}

// composeText holds every phrasing. It is built once, on first use, and
// never changed.
type composeText struct {
	greetName, greetNameAgent, greetAgent, greetNone phraseChoices
	restate                                          phraseChoices
	validate                                         [4]phraseChoices // by Level
	validateWorry                                    phraseChoices
	apologize                                        [4]phraseChoices // by Level
	escalate                                         phraseChoices
	optionsOne, optionsMany                          phraseChoices
	ask, askQuestion                                 phraseChoices
	commitBy, commitChoiceBy, commit, commitChoice   phraseChoices
	document                                         phraseChoices
	followUp                                         phraseChoices
	contact                                          phraseChoices
	thank, thankQuestion                             phraseChoices
	signOff                                          []string
}

// phrasebook returns the composer's phrasings, built on first use.
var phrasebook = sync.OnceValue(func() *composeText {
	return &composeText{
		greetName: phraseChoices{
			chat:  []string{"Hi {customer}.", "Hello {customer}.", "Hi {customer}, thanks for getting in touch."},
			email: []string{"Dear {customer},", "Hello {customer},", "Hi {customer},"},
		},
		greetNameAgent: phraseChoices{
			chat:  []string{"Hi {customer}, this is {agent}.", "Hello {customer}, {agent} here.", "Hi {customer}, it's {agent} here."},
			email: []string{"Dear {customer},", "Hello {customer},", "Hi {customer},"},
		},
		greetAgent: phraseChoices{
			chat:  []string{"Hi, this is {agent}.", "Hello, {agent} here.", "Hi there, it's {agent}."},
			email: []string{"Hello,", "Hi there,", "Good day,"},
		},
		greetNone: phraseChoices{
			chat:  []string{"", "Hi there.", "Hello."},
			email: []string{"Hello,", "Hi there,", "Good day,"},
		},
		restate: phraseChoices{
			chat: []string{
				"So, if I understand correctly, {clause}.",
				"Just to make sure I've got this right: {clause}.",
				"If I've understood you correctly, {clause}.",
				"From what you've said, {clause}.",
				"So {clause}, is that right?",
				"Let me check I understand: {clause}.",
			},
			email: []string{
				"If I have understood your message correctly, {clause}.",
				"Just to make sure I have this right: {clause}.",
				"From what you have told us, {clause}.",
				"So, if I understand correctly, {clause}.",
				"Let me check I understand: {clause}.",
			},
		},
		validate: [4]phraseChoices{
			Calm: {chat: []string{
				"I can see why that's frustrating.",
				"That sounds frustrating.",
				"I can imagine how inconvenient that is.",
				"I can understand how annoying that must be.",
			}},
			Annoyed: {chat: []string{
				"I completely understand why you're frustrated.",
				"That must be really frustrating.",
				"I can see how frustrating this has been.",
				"I'd be frustrated too.",
			}},
			Angry: {chat: []string{
				"You have every right to be upset about this.",
				"I completely understand why you're so upset.",
				"I can only imagine how frustrating this has been for you.",
				"Your frustration is completely understandable.",
			}},
			Furious: {chat: []string{
				"You have every right to be angry, and I'd feel exactly the same in your place.",
				"I can only imagine how stressful this has been, and you're right to be angry.",
				"This is not what you deserve, and I completely understand your anger.",
				"Your anger is completely justified, and I would feel the same.",
			}},
		},
		validateWorry: phraseChoices{chat: []string{
			"I can imagine how worrying this is.",
			"That sounds really worrying.",
			"I completely understand why you're concerned.",
			"I can only imagine how stressful this is.",
		}},
		apologize: [4]phraseChoices{
			Calm: {
				chat:  []string{"I'm sorry for the trouble.", "I'm sorry this happened.", "Sorry about that.", "My apologies for the trouble."},
				email: []string{"I'm sorry for the trouble.", "I'm sorry this happened.", "Please accept my apologies for the trouble.", "My apologies for the trouble."},
			},
			Annoyed: {chat: []string{
				"I'm really sorry about this.",
				"I'm sorry we let you down here.",
				"I apologise for the trouble this has caused.",
				"I'm so sorry this happened.",
			}},
			Angry: {chat: []string{
				"I'm so sorry; this should never have happened.",
				"I sincerely apologise; we got this wrong.",
				"I'm truly sorry, and that's on us.",
				"I'm very sorry we let you down.",
			}},
			Furious: {chat: []string{
				"I'm truly sorry; we let you down, and that's on us.",
				"I sincerely apologise; this should never have happened, and I take full responsibility for putting it right.",
				"I'm so sorry; we got this badly wrong.",
				"I'm deeply sorry; this should never have happened.",
			}},
		},
		escalate: phraseChoices{chat: []string{
			"I've also brought my supervisor in on this, so someone senior is looking at it with me.",
			"I'm bringing in my team leader so that someone senior is looking at this with me.",
			"I've asked my manager to review your case with me.",
		}},
		optionsOne: phraseChoices{
			chat: []string{
				"To put this right, I can offer you {list}.",
				"I can offer you {list} to put this right.",
				"I'd like to put this right, and I can offer you {list}.",
			},
			email: []string{
				"To put things right, I can offer you {list}.",
				"I would like to put this right, and I can offer you {list}.",
				"I can offer you {list} to put this right.",
			},
		},
		optionsMany: phraseChoices{
			chat: []string{
				"I can offer you {list}, whichever you prefer.",
				"I can offer you {list}; which would you prefer?",
				"To put this right, I can offer you {list}, whichever suits you best.",
				"Here are your options: {list}, whichever you prefer.",
			},
			email: []string{
				"To put things right, I can offer you {list}, whichever you would prefer.",
				"I can offer you {list}; which would you prefer?",
				"I can offer you {list}, whichever suits you best.",
				"Here are your options: {list}, whichever you prefer.",
			},
		},
		ask: phraseChoices{chat: []string{
			"What would help most to put this right for you?",
			"How can we make this right for you?",
			"What would you like us to do to put this right?",
		}},
		askQuestion: phraseChoices{chat: []string{
			"How can I help you further with this?",
			"What would help you most with this?",
			"What would you like us to do next?",
		}},
		commitBy: phraseChoices{chat: []string{
			"I'll personally make sure it's done {by}.",
			"I'll take care of it myself and have it done {by}.",
			"I'll handle this personally and have it sorted {by}.",
		}},
		commitChoiceBy: phraseChoices{chat: []string{
			"Once you've chosen, I'll make sure it's done {by}.",
			"As soon as you tell me which you'd like, I'll personally make sure it's done {by}.",
			"Whichever you choose, I'll handle it personally and have it done {by}.",
		}},
		commit: phraseChoices{chat: []string{
			"I'll handle this personally from here.",
			"Leave it with me; I'll handle this personally.",
			"I'll take care of this myself and see it through.",
		}},
		commitChoice: phraseChoices{chat: []string{
			"Once you've chosen, I'll take care of it personally.",
			"Whichever you choose, I'll handle it personally from there.",
			"As soon as you tell me which you'd like, I'll take care of it myself.",
		}},
		document: phraseChoices{chat: []string{
			"With your permission, I'd also like to log what happened with our team so it doesn't happen again.",
			"If you're happy for me to, I'll also record this with the team so that it doesn't happen to anyone else.",
			"I'd also like to document this, with your permission, so that it doesn't happen again.",
		}},
		followUp: phraseChoices{chat: []string{
			"Would it be okay if I checked in with you afterwards to make sure everything's sorted?",
			"Would you mind if I followed up afterwards to make sure it's all resolved?",
			"May I check back with you afterwards to make sure everything is working as it should?",
			"Would you like me to follow up afterwards to make sure everything's resolved?",
		}},
		contact: phraseChoices{chat: []string{
			"You can reach me directly at {contact}.",
			"If anything else comes up, you can reach me directly at {contact}.",
			"You can always contact me directly at {contact}.",
		}},
		thank: phraseChoices{
			chat: []string{
				"Thank you for bringing this to my attention.",
				"Thanks for your patience while I sort this out.",
				"Thank you for letting us know.",
				"Thanks for raising this with us.",
			},
			email: []string{
				"Thank you for bringing this to my attention.",
				"Thank you for taking the time to write to us.",
				"Thank you for your patience while I put this right.",
				"Thank you for raising this with us.",
			},
		},
		thankQuestion: phraseChoices{
			chat:  []string{"Thanks for getting in touch.", "Thank you for reaching out.", "Thanks for your message."},
			email: []string{"Thank you for getting in touch.", "Thank you for reaching out to us.", "Thank you for your message."},
		},
		signOff: []string{"Kind regards,", "Best wishes,", "Warm regards,", "Best regards,"},
	}
})

// composeDraft is a reply being written: its text, its plan, and where the
// request's fields went in it.
type composeDraft struct {
	text      strings.Builder
	sentences []Sentence
	spans     []composeSpan
	// sep is what goes before the next sentence: "" at the start, a
	// space, or a paragraph break.
	sep string
}

// composeSpan records the bytes of the reply that came from a field of the
// request (or the restated clause, restateField).
type composeSpan struct {
	start, end int
	field      string
}

// composeSlots are the values of a phrasing's slots.
type composeSlots struct {
	clause, customer, agent, contact, by string
	remedies                             []string
}

// paragraph makes the next sentence start a paragraph.
func (d *composeDraft) paragraph() {
	if d.text.Len() > 0 {
		d.sep = "\n\n"
	}
}

// add writes a sentence from a phrasing, its slots filled from v, as a
// step of the plan serving tech. An empty phrasing writes nothing.
func (d *composeDraft) add(tech ID, phrasing string, v *composeSlots) {
	if phrasing == "" {
		return
	}
	if d.text.Len() > 0 {
		if d.sep == "" {
			d.sep = " "
		}
		d.text.WriteString(d.sep)
	}
	d.sep = " "
	start := d.text.Len()
	for phrasing != "" {
		i := strings.IndexByte(phrasing, '{')
		if i < 0 {
			d.text.WriteString(phrasing)
			break
		}
		d.text.WriteString(phrasing[:i])
		j := strings.IndexByte(phrasing[i:], '}')
		name := phrasing[i+1 : i+j]
		phrasing = phrasing[i+j+1:]
		switch name {
		case "clause":
			d.field(restateField, v.clause)
		case "customer":
			d.field("CustomerName", v.customer)
		case "agent":
			d.field("AgentName", v.agent)
		case "contact":
			d.field("Contact", v.contact)
		case "by":
			d.field("By", v.by)
		case "list":
			for k, r := range v.remedies {
				switch {
				case k == 0:
				case k == len(v.remedies)-1:
					d.text.WriteString(" or ")
				default:
					d.text.WriteString(", ")
				}
				d.field("Remedies["+strconv.Itoa(k)+"]", r)
			}
		}
	}
	end := d.text.Len()
	text := d.text.String()[start:end]
	d.sentences = append(d.sentences, Sentence{Start: start, End: end, Text: text, Technique: tech})
}

// field writes a field's value and records where it went.
func (d *composeDraft) field(name, value string) {
	start := d.text.Len()
	d.text.WriteString(value)
	d.spans = append(d.spans, composeSpan{start: start, end: d.text.Len(), field: name})
}

// line writes a line of an e-mail's closing: the sign-off, the agent's
// name.
func (d *composeDraft) line(s string) {
	if s == "" {
		return
	}
	d.sep = "\n"
	d.add("", s, &composeSlots{})
}

// composeDraftFor writes the reply to a request, restating clause ("" for none),
// with the choices picks makes. See [Composer.Compose] for the steps.
func composeDraftFor(req *Request, f requestFields, sit composeSituation, clause string, picks *[numPicks]uint32) *composeDraft {
	t := phrasebook()
	r := req.Register
	d := &composeDraft{}
	v := &composeSlots{clause: clause, customer: f.customer, agent: f.agent, contact: f.contact, by: f.by, remedies: f.remedies}

	// Greeting.
	var greet *phraseChoices
	switch {
	case f.customer != "" && f.agent != "":
		greet = &t.greetNameAgent
	case f.customer != "":
		greet = &t.greetName
	case f.agent != "":
		greet = &t.greetAgent
	default:
		greet = &t.greetNone
	}
	d.add("", greet.pick(r, picks[pickGreeting]), v)
	if r == Email {
		d.paragraph()
	}

	// Calm first: restate, validate, apologise.
	if clause != "" {
		d.add(Restate, t.restate.pick(r, picks[pickRestate]), v)
	}
	if sit.complaint {
		level := min(sit.level, Furious)
		val := &t.validate[level]
		apology := level
		if sit.worry && level < Furious {
			// A danger or distress calls for worry, not anger, and for
			// more than "Sorry about that".
			val = &t.validateWorry
			apology = max(level, Annoyed)
		}
		steps := [2]func(){
			func() { d.add(Validate, val.pick(r, picks[pickValidate]), v) },
			func() { d.add(Apologize, t.apologize[apology].pick(r, picks[pickApologize]), v) },
		}
		first := picks[pickCalmOrder] % 2
		steps[first]()
		steps[1-first]()
	}
	if r == Email {
		d.paragraph()
	}

	// Then solve: escalate, options or ask, commit, document.
	if sit.escalate {
		d.add(Escalate, t.escalate.pick(r, picks[pickEscalate]), v)
	}
	switch n := len(f.remedies); {
	case n == 1:
		d.add(Options, t.optionsOne.pick(r, picks[pickOptions]), v)
	case n > 1:
		d.add(Options, t.optionsMany.pick(r, picks[pickOptions]), v)
	case sit.complaint || sit.problem:
		d.add(Ask, t.ask.pick(r, picks[pickOptions]), v)
	default:
		d.add(Ask, t.askQuestion.pick(r, picks[pickOptions]), v)
	}
	if len(f.remedies) > 0 || sit.complaint || sit.problem {
		var c *phraseChoices
		switch {
		case len(f.remedies) > 1 && f.by != "":
			c = &t.commitChoiceBy
		case len(f.remedies) > 1:
			c = &t.commitChoice
		case f.by != "":
			c = &t.commitBy
		default:
			c = &t.commit
		}
		d.add(Commit, c.pick(r, picks[pickCommit]), v)
	}
	if r == Email && sit.problem {
		d.add(Document, t.document.pick(r, picks[pickDocument]), v)
	}
	if r == Email {
		d.paragraph()
	}

	// Close: follow up, contact, thanks.
	if len(f.remedies) > 0 || sit.complaint {
		d.add(FollowUp, t.followUp.pick(r, picks[pickFollowUp]), v)
	}
	if f.contact != "" {
		d.add(Contact, t.contact.pick(r, picks[pickContact]), v)
	}
	if r == Email {
		d.paragraph()
	}
	if sit.complaint {
		d.add(Thank, t.thank.pick(r, picks[pickThank]), v)
	} else {
		d.add(Thank, t.thankQuestion.pick(r, picks[pickThank]), v)
	}
	if r == Email {
		d.paragraph()
		d.sep = "\n\n"
		d.add("", t.signOff[picks[pickSignOff]%uint32(len(t.signOff))], v)
		if f.agent != "" {
			d.line(f.agent)
		}
	}
	return d
}
