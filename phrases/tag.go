package phrases

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// taggerModel loads prose's tagging model once per process, on first use.
// The model is read-only afterwards, and prose's tagger only reads it, so
// one model serves every goroutine.
var taggerModel = sync.OnceValues(func() (model *prose.Model, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("phrases: loading the tagging model: %v", r)
		}
	}()
	doc, err := prose.NewDocument("", prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	if doc.Model == nil {
		return nil, errors.New("phrases: prose returned no model")
	}
	return doc.Model, nil
})

// Tag fills in the part-of-speech tag of every token, with prose's
// averaged-perceptron tagger (Penn Treebank tags). The first call in a
// process loads the model (a few hundred milliseconds); later calls reuse
// it. Tagging a tagged document again does nothing. The error is non-nil
// only when the model cannot be loaded, and then no token is tagged.
func (d *Doc) Tag() error {
	if d.tagged || len(d.Tokens) == 0 {
		d.tagged = true
		return nil
	}
	model, err := taggerModel()
	if err != nil {
		return err
	}
	// Give prose our tokens, one per space-separated word, so its
	// tokenizer keeps them as they are, then align its tokens to ours.
	var b strings.Builder
	surfaces := make([]string, len(d.Tokens))
	for i := range d.Tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		s := taggable(d.Text[d.Tokens[i].Start:d.Tokens[i].End])
		surfaces[i] = s
		b.WriteString(s)
	}
	pd, err := prose.NewDocument(b.String(), prose.UsingModel(model),
		prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return err
	}
	ptoks := pd.Tokens()
	j := 0
	for i := range d.Tokens {
		want := surfaces[i]
		tag := ""
		got := ""
		for j < len(ptoks) && len(got) < len(want) {
			if !strings.HasPrefix(want[len(got):], ptoks[j].Text) {
				// prose lost or changed text: resynchronise on the next token.
				break
			}
			if got == "" {
				tag = ptoks[j].Tag
			}
			got += ptoks[j].Text
			j++
		}
		d.Tokens[i].Tag = tag
	}
	d.tagged = true
	return nil
}

// taggable folds curly quotes (prose rewrites them anyway) and turns
// spaces inside a token (phone numbers) into hyphens.
func taggable(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == ' ' || s[i] == '\t' {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\u2018', '\u2019', '\u02BC':
			b.WriteByte('\'')
		case '\u201C', '\u201D':
			b.WriteByte('"')
		case ' ', '\t', '\u00A0':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
