package phrases

import "testing"

func TestTimeClass(t *testing.T) {
	for w, want := range map[string]bool{
		"3pm": true, "5:30pm": true, "10:30": true, "17:00": true, "noon": true, "12am": true,
		"13pm": false, "0pm": false, "10:75": false, "3": false, "1030": false, "pm": false, "5:3pm": false, "25:00": false,
	} {
		if got := isTime(w); got != want {
			t.Errorf("isTime(%q) = %v, want %v", w, got, want)
		}
	}
	m, err := NewMatcher([]Rule{{Label: "t", Pattern: MustCompile("by <time> [tomorrow | today]")}})
	if err != nil {
		t.Fatal(err)
	}
	d := m.Analyze("I'll call you by 5:30pm tomorrow, or by 4 p.m. today. Not by 13pm.")
	var got []string
	for _, mt := range m.Match(d) {
		got = append(got, d.Text[mt.Bytes.Start:mt.Bytes.End])
	}
	if len(got) != 2 || got[0] != "by 5:30pm tomorrow" || got[1] != "by 4" {
		t.Errorf("matches %q", got)
	}
}

func TestPerfectClitics(t *testing.T) {
	a := NewAnalyzer()
	for text, want := range map[string]string{
		"it's been a week":    "it has been a week",
		"it's broken":         "it is broken",
		"she'd got it":        "she had got it",
		"you'd better check":  "you had better check",
		"you'd like it":       "you would like it",
		"John's been waiting": "john 's been waiting",
	} {
		d := a.Analyze(text)
		got := ""
		for i, tk := range d.Tokens {
			if i > 0 {
				got += " "
			}
			got += tk.Norm
		}
		if got != want {
			t.Errorf("%q: norms %q, want %q", text, got, want)
		}
	}
}

// A clitic written apart from its word is the same token as attached, so
// a pattern can write it either way and a group may precede it.
func TestDetachedClitics(t *testing.T) {
	for _, c := range []struct{ pattern, text string }{
		{"restaurant 's food", "the restaurant's food"},
		{"(it | that)'s broken", "that's broken"},
		{"(it | that)'s been a week", "it's been a week"},
		{"(a | b)'s car", "b's car"},
		{"you 'd better", "you'd better"},
	} {
		m, err := NewMatcher([]Rule{{Label: "x", Pattern: MustCompile(c.pattern)}})
		if err != nil {
			t.Fatal(err)
		}
		if d := m.Analyze(c.text); len(m.Match(d)) != 1 {
			t.Errorf("%q does not match %q", c.pattern, c.text)
		}
	}
	d := NewAnalyzer().Analyze("it 's broken, say 'sorry'")
	if got := d.Tokens[1].Norm; got != "is" {
		t.Errorf(`detached "'s" after "it" normalises to %q, want "is"`, got)
	}
	if got := d.Surface(5); got != "'" {
		t.Errorf(`a quote before a word is punctuation, got %q`, got)
	}
}
