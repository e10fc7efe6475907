package phrases

// negated reports whether a match sits in a negation scope: the default
// scope of the Matcher's cues, or the pattern's own look-arounds.
func (m *Matcher) negated(d *Doc, mt Match) bool {
	start := mt.Tokens.Start
	sent := d.Sentences[d.Tokens[start].Sentence]
	if m.cfg.window > 0 && len(m.cues) > 0 {
		words := 0
		for i := start - 1; i >= sent.First && words < m.cfg.window; i-- {
			t := &d.Tokens[i]
			if t.Kind == Punct {
				if clauseBreak(t.Norm) {
					break
				}
				continue
			}
			if t.Norm == "but" || t.Norm == "however" {
				break
			}
			words++
			if m.cues[t.Norm] {
				return true
			}
		}
	}
	p := m.rules[mt.Rule].Pattern
	if p.behind != nil && lookBehind(d, start, sent.First, p.behind) {
		return true
	}
	if p.ahead != nil && lookAhead(d, mt.Tokens.End, sent.Last, p.ahead) {
		return true
	}
	return false
}

func clauseBreak(norm string) bool {
	switch norm {
	case ",", ";", ":", "-", "\u2014", "\u2013", "(", ")":
		return true
	}
	return false
}

// lookBehind reports whether one of lk's sequences ends between lk.min and
// lk.max words before token start (punctuation not counted).
func lookBehind(d *Doc, start, first int, lk *look) bool {
	end := start
	for g := 0; g <= lk.max; g++ {
		if g >= lk.min {
			for _, c := range lk.chains {
				if matchBackward(d, c, end, first) {
					return true
				}
			}
		}
		// Step over one more word, and the punctuation before it.
		end--
		for end > first && d.Tokens[end].Kind == Punct {
			end--
		}
		if end < first {
			return false
		}
	}
	return false
}

// lookAhead reports whether one of lk's sequences starts between lk.min
// and lk.max words after token end.
func lookAhead(d *Doc, end, last int, lk *look) bool {
	start := end
	for g := 0; g <= lk.max; g++ {
		if g >= lk.min {
			for _, c := range lk.chains {
				if matchForward(d, c, start, last) {
					return true
				}
			}
		}
		for start < last && d.Tokens[start].Kind == Punct {
			start++
		}
		start++
		if start >= last {
			return false
		}
	}
	return false
}

// matchBackward reports whether chain matches tokens ending just before
// end, skipping punctuation the chain does not name.
func matchBackward(d *Doc, chain []step, end, first int) bool {
	i := end - 1
	for k := len(chain) - 1; k >= 0; k-- {
		for {
			if i < first {
				return false
			}
			if elemMatches(&chain[k].el, d, i) {
				break
			}
			if d.Tokens[i].Kind != Punct {
				return false
			}
			i--
		}
		i--
	}
	return true
}

// matchForward reports whether chain matches tokens from start on.
func matchForward(d *Doc, chain []step, start, last int) bool {
	i := start
	for k := range chain {
		for {
			if i >= last {
				return false
			}
			if elemMatches(&chain[k].el, d, i) {
				break
			}
			if d.Tokens[i].Kind != Punct {
				return false
			}
			i++
		}
		i++
	}
	return true
}

// elemMatches tests an element against token i by string comparison; it
// serves look-arounds and the reference matcher, off the hot path.
func elemMatches(el *elem, d *Doc, i int) bool {
	t := &d.Tokens[i]
	switch el.kind {
	case keyNorm:
		if t.Norm != el.key {
			return false
		}
	case keyStem:
		if t.Kind != Word || t.Stem != el.key {
			return false
		}
	case keyExact:
		if d.Text[t.Start:t.End] != el.key {
			return false
		}
	}
	if el.class != classNone && !inClass(el.class, d, i) {
		return false
	}
	if el.tags != 0 && tagBit(t.Tag)&el.tags == 0 {
		return false
	}
	return true
}
