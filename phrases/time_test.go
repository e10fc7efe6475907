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
