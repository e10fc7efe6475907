package phrases

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func TestZZTags(t *testing.T) {
	if os.Getenv("SCRATCH2") == "" {
		t.Skip()
	}
	for _, s := range []string{`He said "stop it" and then he left the store.`, `I don't know. We can't help! I'm sorry you're upset.`, `“Great” service, I’d say… not.`, `Email jane@example.com or call 555-123-4567 now please.`} {
		d := NewAnalyzer().Analyze(s)
		d.Tag()
		var b strings.Builder
		for i, tk := range d.Tokens {
			fmt.Fprintf(&b, "%s/%s ", d.Surface(i), tk.Tag)
		}
		fmt.Println(b.String())
	}
}

func TestZZBlowup(t *testing.T) {
	if os.Getenv("SCRATCH2") == "" {
		t.Skip()
	}
	for _, k := range []int{2, 3, 4, 5} {
		src := "a" + strings.Repeat(" ..32 a", k)
		m, err := NewMatcher([]Rule{{"x", MustCompile(src)}})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{50, 100, 200} {
			d := m.Analyze(strings.TrimSpace(strings.Repeat("a ", n)))
			st := time.Now()
			ms := m.MatchAll(d)
			fmt.Println(src, n, len(ms), time.Since(st))
			if time.Since(st) > 5*time.Second {
				break
			}
		}
	}
}
