package phrases

// class is a token class of the <class> syntax.
type class uint8

const (
	classNone class = iota
	classNumber
	classEmail
	classPhone
	classURL
	className
	classMention
	classHashtag
	classEmoji
	classWord
	classPunct
	classTime
)

func classByName(name string) (class, bool) {
	switch name {
	case "number":
		return classNumber, true
	case "email":
		return classEmail, true
	case "phone":
		return classPhone, true
	case "url":
		return classURL, true
	case "name":
		return className, true
	case "mention":
		return classMention, true
	case "hashtag":
		return classHashtag, true
	case "emoji":
		return classEmoji, true
	case "word":
		return classWord, true
	case "punct":
		return classPunct, true
	case "time":
		return classTime, true
	}
	return classNone, false
}

// inClass reports whether token i of d belongs to the class.
func inClass(c class, d *Doc, i int) bool {
	t := &d.Tokens[i]
	switch c {
	case classNumber:
		return t.Kind == Number || (t.Kind == Word && numberWord(t.Norm))
	case classEmail:
		return t.Kind == Email
	case classPhone:
		return t.Kind == Phone
	case classURL:
		return t.Kind == URL
	case classMention:
		return t.Kind == Mention
	case classHashtag:
		return t.Kind == Hashtag
	case classEmoji:
		return t.Kind == Emoji
	case classWord:
		return t.Kind == Word
	case classPunct:
		return t.Kind == Punct
	case className:
		return isName(d, i)
	case classTime:
		if isTime(t.Norm) {
			return true
		}
		// "4 p.m.": a small number before a separate am/pm.
		if t.Kind == Number && i+1 < len(d.Tokens) && d.Tokens[i+1].Sentence == t.Sentence {
			switch d.Tokens[i+1].Norm {
			case "a.m.", "p.m.", "am", "pm":
				return isTime(t.Norm + "pm")
			}
		}
		return false
	}
	return false
}

// isTime reports whether a normalised token is a clock time: "3pm",
// "5:30pm", "10:30", "17:00", "noon", "midnight". A time written "4 p.m."
// is two tokens, and <time> matches the number.
func isTime(w string) bool {
	switch w {
	case "noon", "midday", "midnight":
		return true
	}
	i, h := 0, 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		h = h*10 + int(w[i]-'0')
		i++
	}
	if i == 0 || i > 2 || h > 24 {
		return false
	}
	colon, dot := false, false
	if i < len(w) && (w[i] == ':' || w[i] == '.') {
		dot = w[i] == '.'
		j := i + 1
		for j < len(w) && w[j] >= '0' && w[j] <= '9' {
			j++
		}
		if j-i-1 != 2 || w[i+1] > '5' {
			return false
		}
		i, colon = j, true
	}
	switch w[i:] {
	case "am", "pm", "a.m.", "p.m.", "a.m", "p.m":
		return h >= 1 && h <= 12
	case "":
		// "10:30" is a time; "3.50" is a price or a decimal.
		return colon && !dot
	}
	return false
}

// isName reports whether token i looks like a person's name: a
// capitalised word that does not start its sentence and is not a common
// capitalised word (I, days, months, greetings).
func isName(d *Doc, i int) bool {
	t := &d.Tokens[i]
	if t.Kind != Word || t.Shape != Title || t.End-t.Start < 2 {
		return false
	}
	s := d.Sentences[t.Sentence]
	first := s.First
	for first < i && d.Tokens[first].Kind != Word && d.Tokens[first].Kind != Number {
		first++
	}
	if first == i {
		return false
	}
	switch t.Norm {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december",
		"hi", "hello", "hey", "dear", "thanks", "thank", "regards", "best", "sincerely", "cheers",
		"mr.", "mrs.", "ms.", "dr.", "prof.", "sir", "madam", "team", "support", "customer", "service":
		return false
	}
	return true
}

func numberWord(w string) bool {
	switch w {
	case "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
		"hundred", "thousand", "million", "billion", "dozen", "couple", "few", "several":
		return true
	}
	return false
}

// tagSet is a set of part-of-speech tags, one bit per tag.
type tagSet uint64

// pennTags lists the Penn Treebank tags prose's tagger produces, in bit order.
var pennTags = [...]string{
	"CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS",
	"PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG",
	"VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB",
}

// tagBit returns the bit of a tag, or 0 for punctuation and unknown tags.
func tagBit(tag string) tagSet {
	for i, t := range pennTags {
		if t == tag {
			return 1 << i
		}
	}
	return 0
}

func tagsByName(name string) (tagSet, bool) {
	family := func(prefix string) tagSet {
		var s tagSet
		for i, t := range pennTags {
			if len(t) >= len(prefix) && t[:len(prefix)] == prefix {
				s |= 1 << i
			}
		}
		return s
	}
	switch name {
	case "NOUN":
		return family("NN"), true
	case "VERB":
		return family("VB") | tagBit("MD"), true
	case "ADJ":
		return family("JJ"), true
	case "ADV":
		return family("RB") | tagBit("WRB"), true
	case "PRON":
		return tagBit("PRP") | tagBit("PRP$") | tagBit("WP") | tagBit("WP$"), true
	}
	if b := tagBit(name); b != 0 {
		return b, true
	}
	return 0, false
}
