package phrases

// negated reports whether a match sits in a negation scope: the default
// scope of the Matcher's cues, or the pattern's own look-arounds. It reads
// the token flags keysFor set: d's keys belong to m.
func (m *Matcher) negated(d *Doc, mt Match) bool {
	start := mt.Tokens.Start
	sent := d.Sentences[d.Tokens[start].Sentence]
	if m.cfg.window > 0 && len(m.cues) > 0 {
		words := 0
		for i := start - 1; i >= sent.First && words < m.cfg.window; i-- {
			k := &d.keys[i]
			if k.stop {
				break
			}
			if k.punct {
				continue
			}
			words++
			if k.cue {
				return true
			}
		}
	}
	if m.looks == nil {
		return false
	}
	lk := &m.looks[mt.Rule]
	if lk.behind != nil && m.lookBehind(d, start, sent.First, lk.behind) {
		return true
	}
	if lk.ahead != nil && m.lookAhead(d, mt.Tokens.End, sent.Last, lk.ahead) {
		return true
	}
	return false
}

// scopeStop reports whether a normalised form ends a negation scope: a
// clause break, or a word that turns the sentence ("but", "however").
func scopeStop(norm string) bool {
	switch norm {
	case ",", ";", ":", "-", "\u2014", "\u2013", "(", ")", "but", "however":
		return true
	}
	return false
}

// ruleLooks holds a rule's look-arounds, compiled to key ids.
type ruleLooks struct {
	behind, ahead *clook
}

// clook is a look-around whose elements carry their key ids.
type clook struct {
	chains   [][]predEdge // el and id set; child and flags unused
	min, max int
	// The chains grouped by the norm id of the element next to the match
	// (the last for a look-behind, the first for a look-ahead) when that
	// is a plain word, so only those a token can start are tried; the
	// others are always tried.
	byNorm map[int32][]int32
	others []int32
}

// compileLook interns lk's keys and returns it compiled, or nil for nil.
func (m *Matcher) compileLook(lk *look, behind bool) *clook {
	if lk == nil {
		return nil
	}
	c := &clook{min: lk.min, max: lk.max, chains: make([][]predEdge, len(lk.chains))}
	for i, chain := range lk.chains {
		c.chains[i] = make([]predEdge, len(chain))
		for j, st := range chain {
			var id int32
			if st.el.kind != keyExact {
				// Exact forms are compared as strings: interning them
				// would make every token of every text look its surface
				// up in one more map.
				id = m.keyID(st.el)
			}
			c.chains[i][j] = predEdge{el: st.el, id: id}
		}
	}
	c.byNorm = map[int32][]int32{}
	for i, chain := range c.chains {
		if len(chain) == 0 {
			c.others = append(c.others, int32(i))
			continue
		}
		a := &chain[0]
		if behind {
			a = &chain[len(chain)-1]
		}
		if a.el.kind == keyNorm && a.el.class == classNone && a.el.tags == 0 {
			c.byNorm[a.id] = append(c.byNorm[a.id], int32(i))
		} else {
			c.others = append(c.others, int32(i))
		}
	}
	return c
}

// lookBehind reports whether one of lk's sequences ends between lk.min and
// lk.max words before token start (punctuation not counted).
func (m *Matcher) lookBehind(d *Doc, start, first int, lk *clook) bool {
	end := start
	for g := 0; g <= lk.max; g++ {
		if g >= lk.min && m.tryBehind(d, end, first, lk) {
			return true
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
func (m *Matcher) lookAhead(d *Doc, end, last int, lk *clook) bool {
	start := end
	for g := 0; g <= lk.max; g++ {
		if g >= lk.min && m.tryAhead(d, start, last, lk) {
			return true
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

// tryBehind reports whether one of lk's sequences ends just before token
// end. A sequence anchored on a word can only end on a token with that
// normal form, either the first word before end or punctuation between.
func (m *Matcher) tryBehind(d *Doc, end, first int, lk *clook) bool {
	for _, c := range lk.others {
		if m.matchBackward(d, lk.chains[c], end, first) {
			return true
		}
	}
	for i := end - 1; i >= first; i-- {
		if n := d.keys[i].norm; n != 0 {
			for _, c := range lk.byNorm[n] {
				if m.matchBackward(d, lk.chains[c], end, first) {
					return true
				}
			}
		}
		if !d.keys[i].punct {
			break
		}
	}
	return false
}

// tryAhead reports whether one of lk's sequences starts at token start,
// or after punctuation there.
func (m *Matcher) tryAhead(d *Doc, start, last int, lk *clook) bool {
	for _, c := range lk.others {
		if m.matchForward(d, lk.chains[c], start, last) {
			return true
		}
	}
	for i := start; i < last; i++ {
		if n := d.keys[i].norm; n != 0 {
			for _, c := range lk.byNorm[n] {
				if m.matchForward(d, lk.chains[c], start, last) {
					return true
				}
			}
		}
		if !d.keys[i].punct {
			break
		}
	}
	return false
}

// matchBackward reports whether chain matches tokens ending just before
// end, skipping punctuation the chain does not name.
func (m *Matcher) matchBackward(d *Doc, chain []predEdge, end, first int) bool {
	i := end - 1
	for k := len(chain) - 1; k >= 0; k-- {
		for {
			if i < first {
				return false
			}
			if m.lookTest(&chain[k], d, i) {
				break
			}
			if !d.keys[i].punct {
				return false
			}
			i--
		}
		i--
	}
	return true
}

// matchForward reports whether chain matches tokens from start on.
func (m *Matcher) matchForward(d *Doc, chain []predEdge, start, last int) bool {
	i := start
	for k := range chain {
		for {
			if i >= last {
				return false
			}
			if m.lookTest(&chain[k], d, i) {
				break
			}
			if !d.keys[i].punct {
				return false
			}
			i++
		}
		i++
	}
	return true
}

// lookTest reports whether token i satisfies a look-around element.
func (m *Matcher) lookTest(p *predEdge, d *Doc, i int) bool {
	k := &d.keys[i]
	switch p.el.kind {
	case keyNorm:
		if k.norm != p.id {
			return false
		}
	case keyStem:
		if k.stem != p.id {
			return false
		}
	case keyExact:
		t := &d.Tokens[i]
		if d.Text[t.Start:t.End] != p.el.key {
			return false
		}
	}
	if p.el.class != classNone && !k.in(p.el.class, d, i) {
		return false
	}
	return p.el.tags == 0 || tagBit(d.Tokens[i].Tag)&p.el.tags != 0
}
