package deescalate

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/empathy-go/empathy/phrases"
)

// TestLexiconsCompile compiles every lexicon file and reports each bad line
// with its file and line number.
func TestLexiconsCompile(t *testing.T) {
	for _, info := range catalogueInfo {
		b, err := lexiconFS.ReadFile("lexicon/" + string(info.id) + ".txt")
		if err != nil {
			t.Errorf("%s: %v", info.id, err)
			continue
		}
		pats, err := phrases.ParseList(string(b))
		var list phrases.ErrorList
		if errors.As(err, &list) {
			for _, e := range list {
				t.Errorf("lexicon/%s.txt:%v\n%s", info.id, e, e.Caret())
			}
		} else if err != nil {
			t.Errorf("lexicon/%s.txt: %v", info.id, err)
		}
		if len(pats) == 0 && len(list) == 0 {
			t.Errorf("lexicon/%s.txt has no patterns", info.id)
		}
	}
}

// TestLexiconFiles checks that the lexicon directory holds one file per
// catalogue entry and nothing else, each opening with "# <id>: <title>"
// and a description, as the lexicon README asks.
func TestLexiconFiles(t *testing.T) {
	names, err := fs.Glob(lexiconFS, "lexicon/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, info := range catalogueInfo {
		want = append(want, "lexicon/"+string(info.id)+".txt")
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("lexicon files:\n got %v\nwant %v", names, want)
	}
	for _, name := range names {
		b, _ := lexiconFS.ReadFile(name)
		id := strings.TrimSuffix(path.Base(name), ".txt")
		first, rest, _ := strings.Cut(string(b), "\n")
		if !strings.HasPrefix(first, "# "+id+": ") {
			t.Errorf("%s: first line %q, want \"# %s: <title>\"", name, first, id)
		}
		if !strings.HasPrefix(rest, "# ") {
			t.Errorf("%s: no description comment after the title line", name)
		}
	}
}

func TestCatalogue(t *testing.T) {
	c := Catalogue()
	want := []ID{Restate, Validate, Apologize, Ask, Options, Commit, Contact, FollowUp, Document, Escalate, Thank,
		NonApology, SorryBut, Policy, Blame, BlameCustomer, Dismiss, Condescend, Vague}
	if len(c) != len(want) {
		t.Fatalf("Catalogue() has %d entries, want %d", len(c), len(want))
	}
	for i, e := range c {
		if e.ID != want[i] {
			t.Errorf("entry %d is %q, want %q", i, e.ID, want[i])
		}
		wantKind := Technique
		if i >= 11 {
			wantKind = AntiPattern
		}
		if e.Kind != wantKind {
			t.Errorf("%s: kind %v, want %v", e.ID, e.Kind, wantKind)
		}
		if e.Title == "" || e.Description == "" || strings.Contains(e.Description, "\n") {
			t.Errorf("%s: title %q, description %q: want both, on one line", e.ID, e.Title, e.Description)
		}
		if len(e.Patterns) < 5 {
			t.Errorf("%s: only %d patterns", e.ID, len(e.Patterns))
		}
		for _, p := range e.Patterns {
			if p != strings.TrimSpace(p) || strings.HasPrefix(p, "#") || strings.Contains(p, " #") {
				t.Errorf("%s: pattern %q keeps a comment or spaces", e.ID, p)
			}
		}
		got, ok := Lookup(e.ID)
		if !ok || got.ID != e.ID || !slices.Equal(got.Patterns, e.Patterns) {
			t.Errorf("Lookup(%q) = %v, %v; want the catalogue entry", e.ID, got.ID, ok)
		}
		if k, ok := e.ID.Kind(); !ok || k != e.Kind {
			t.Errorf("%s.Kind() = %v, %v", e.ID, k, ok)
		}
	}
	if _, ok := Lookup("smile"); ok {
		t.Error(`Lookup("smile") found an entry`)
	}
}

// TestCatalogueIsACopy checks that callers cannot change the catalogue.
func TestCatalogueIsACopy(t *testing.T) {
	c := Catalogue()
	first := c[0].Patterns[0]
	c[0].Patterns[0] = "changed"
	c[0].Title = "changed"
	e, _ := Lookup(c[0].ID)
	e.Patterns[0] = "changed too"
	if d := Catalogue(); d[0].Patterns[0] != first || d[0].Title == "changed" {
		t.Errorf("modifying a returned catalogue changed the next one: %q, %q", d[0].Patterns[0], d[0].Title)
	}
}

func TestKindText(t *testing.T) {
	for _, k := range []Kind{Technique, AntiPattern} {
		b, err := k.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Kind
		if err := back.UnmarshalText(b); err != nil || back != k {
			t.Errorf("%v: round trip gave %v, %v", k, back, err)
		}
	}
	if _, err := Kind(7).MarshalText(); err == nil {
		t.Error("Kind(7).MarshalText: no error")
	}
	var k Kind
	if err := k.UnmarshalText([]byte("trick")); err == nil {
		t.Error(`UnmarshalText("trick"): no error`)
	}
}

// testEvaluator returns an Evaluator with the default rubric, leaving out,
// with a log line, any lexicon pattern that does not compile (which
// TestLexiconsCompile reports), so that the other tests still measure
// the rest while a lexicon is being edited.
var testEvaluator = func() func(t testing.TB) *Evaluator {
	var (
		once sync.Once
		e    *Evaluator
		bad  []string
		err  error
	)
	return func(t testing.TB) *Evaluator {
		t.Helper()
		once.Do(func() {
			ok := make(map[string]bool)
			keep := func(src string) bool {
				good, seen := ok[src]
				if !seen {
					_, cerr := phrases.Compile(src)
					good = cerr == nil
					ok[src] = good
					if !good {
						bad = append(bad, src)
					}
				}
				return good
			}
			r, rerr := newDefaultRubric()
			if rerr != nil {
				r, rerr = buildDefaultRubric(keep)
			}
			if rerr != nil {
				err = rerr
				return
			}
			e, err = NewEvaluator(WithRubric(r))
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, src := range bad {
			t.Logf("left out a pattern that does not compile: %.80s", src)
		}
		return e
	}
}()
