package deescalate

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The calibration data: the WASSA-2017 EmoInt emotion-intensity tweets
// (Mohammad and Bravo-Marquez, 2017), kept outside the module because
// their licence allows research use only. The tests skip when it is
// absent.
const emointDir = "../../shared/data/emoint"

// The targets of issue 4 on the dev split, and the floors the test
// enforces. The AUC target is met, the Pearson target is not: dev r
// 0.636, AUC 0.852; training split r 0.675, AUC 0.863; five-fold
// cross-validation of the fit on the training split r 0.656, AUC 0.859.
// Before angry faces (">:(", ":@") stopped counting as sad ":(" and
// escaped negation, the lists gained idioms, scolding, slang and
// interjection spellings, the senses of anger words that are not anger
// were set apart ("bitter coffee", "mad tired", "rip it off", "don't!"
// read as sarcasm), and the weights were refitted: dev r 0.634, AUC
// 0.851; training r 0.679, AUC 0.860; cross-validation r 0.659, AUC
// 0.859. Before crying got a weight of its own (tears.txt), a positive
// word counted as negated only where the negation stands by it, and the
// nouns that name anger got theirs (emotion_noun.txt): dev r 0.643, AUC
// 0.848; training r 0.678, AUC 0.851; cross-validation r 0.664, AUC
// 0.849. The anger tweets that carry no anger word at all, or carry one
// of the collection's query words in another sense ("sting", "snap",
// "fiery", "relentless"), and the joy, fear and sadness tweets that are
// angry too, bound what a word-list scorer can reach, and with 84 anger
// tweets the dev r moves by 0.01 to 0.02 between weightings the training
// split cannot tell apart. The floors, the figures less a margin, catch
// regressions on both splits; TestEmoIntCalibration logs how far the
// targets are.
const (
	targetDevPearson = 0.65 // anger score vs annotated anger intensity, anger tweets
	targetDevAUC     = 0.85 // anger tweets vs joy, fear and sadness tweets
	minDevPearson    = 0.62
	minDevAUC        = 0.83
	minTrainPearson  = 0.66
	minTrainAUC      = 0.85
)

var fitFlag = flag.Bool("fit", false, "run TestFitAngerParams: fit the tweet-borne anger weights on the EmoInt training split")

type emointTweet struct {
	text    string
	emotion string
	score   float64
}

// readEmoint reads the tweets of one emotion and split ("train" or
// "dev.gold"), skipping the test when the data is absent.
func readEmoint(t testing.TB, emotion, split string) []emointTweet {
	t.Helper()
	name := filepath.Join(emointDir, emotion+"-ratings-0to1."+split+".txt")
	f, err := os.Open(name)
	if err != nil {
		if os.IsNotExist(err) {
			t.Skipf("EmoInt data not found (%s); skipping", name)
		}
		t.Fatal(err)
	}
	defer f.Close()
	var out []emointTweet
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) != 4 {
			continue
		}
		score, err := strconv.ParseFloat(strings.TrimSpace(cols[3]), 64)
		if err != nil {
			continue // a header
		}
		out = append(out, emointTweet{text: unescapeTweet(cols[1]), emotion: cols[2], score: score})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no tweets", name)
	}
	return out
}

// unescapeTweet turns the literal "\n" of the data files into line breaks.
func unescapeTweet(s string) string { return strings.ReplaceAll(s, `\n`, "\n") }

// emointSplit is one split: anger tweets with their intensity, and the
// joy, fear and sadness tweets as controls.
type emointSplit struct {
	anger, others []emointTweet
}

func readEmointSplit(t testing.TB, split string) emointSplit {
	var s emointSplit
	s.anger = readEmoint(t, "anger", split)
	for _, e := range []string{"joy", "fear", "sadness"} {
		s.others = append(s.others, readEmoint(t, e, split)...)
	}
	return s
}

// pearson returns the Pearson correlation of x and y.
func pearson(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

// auc returns the ROC AUC of pos against neg: the probability that a
// positive scores above a negative, ties counting half (Mann-Whitney).
func auc(pos, neg []float64) float64 {
	type item struct {
		v   float64
		pos bool
	}
	all := make([]item, 0, len(pos)+len(neg))
	for _, v := range pos {
		all = append(all, item{v, true})
	}
	for _, v := range neg {
		all = append(all, item{v, false})
	}
	slices.SortFunc(all, func(a, b item) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	// Sum of the positives' ranks, ties given their mean rank.
	var rankSum float64
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].v == all[i].v {
			j++
		}
		mean := float64(i+j+1) / 2 // ranks i+1..j
		for k := i; k < j; k++ {
			if all[k].pos {
				rankSum += mean
			}
		}
		i = j
	}
	np, nn := float64(len(pos)), float64(len(neg))
	return (rankSum - np*(np+1)/2) / (np * nn)
}

// emointEvidence is a split's evidence, collected once: scoring under
// other weights then costs no text analysis.
type emointEvidence struct {
	anger, others [][]found
	intensity     []float64
}

func collectEmoint(a *Assessor, s emointSplit) emointEvidence {
	var ev emointEvidence
	sc := new(assessScratch)
	grab := func(text string) []found {
		return slices.Clone(a.collect(sc, text, nil))
	}
	for _, tw := range s.anger {
		ev.anger = append(ev.anger, grab(tw.text))
		ev.intensity = append(ev.intensity, tw.score)
	}
	for _, tw := range s.others {
		ev.others = append(ev.others, grab(tw.text))
	}
	return ev
}

// metrics returns the Pearson r of the anger score with the intensity on
// the anger tweets, and the AUC of anger tweets against the others.
func (ev *emointEvidence) metrics(p *angerParams) (r, area float64) {
	var order []int
	scores := func(docs [][]found) []float64 {
		out := make([]float64, len(docs))
		for i, fs := range docs {
			var sum float64
			sum, order = weigh(fs, p, order)
			out[i] = angerOf(sum)
		}
		return out
	}
	as := scores(ev.anger)
	return pearson(as, ev.intensity), auc(as, scores(ev.others))
}

// TestEmoIntCalibration checks the anger score against the EmoInt tweets:
// on the dev split, the Pearson r of the anger score with the annotated
// anger intensity of the anger tweets, and the ROC AUC of the anger tweets
// against the joy, fear and sadness tweets. It logs the figures and the
// targets, and the same figures on the training split (the weights were
// fitted there); it fails when either split falls below its floors.
//
//	go test -run TestEmoIntCalibration -v ./deescalate/
func TestEmoIntCalibration(t *testing.T) {
	dev := readEmointSplit(t, "dev.gold")
	train := readEmointSplit(t, "train")
	a := NewAssessor()
	p := defaultAngerParams
	evTrain := collectEmoint(a, train)
	evDev := collectEmoint(a, dev)
	rt, at := evTrain.metrics(&p)
	rd, ad := evDev.metrics(&p)
	t.Logf("train: %d anger, %d other tweets: Pearson r %.3f, AUC %.3f", len(train.anger), len(train.others), rt, at)
	t.Logf("dev:   %d anger, %d other tweets: Pearson r %.3f (target %.2f), AUC %.3f (target %.2f)",
		len(dev.anger), len(dev.others), rd, targetDevPearson, ad, targetDevAUC)
	if rd < targetDevPearson || ad < targetDevAUC {
		t.Logf("dev figures below the targets of issue 4")
	}
	if rd < minDevPearson {
		t.Errorf("dev Pearson r = %.3f, want >= %.2f", rd, minDevPearson)
	}
	if ad < minDevAUC {
		t.Errorf("dev AUC = %.3f, want >= %.3f", ad, minDevAUC)
	}
	if rt < minTrainPearson {
		t.Errorf("train Pearson r = %.3f, want >= %.2f", rt, minTrainPearson)
	}
	if at < minTrainAUC {
		t.Errorf("train AUC = %.3f, want >= %.3f", at, minTrainAUC)
	}
}

// fitCats are the categories whose weights are fitted on tweets: the
// evidence that tweets carry. The customer-service categories (threats,
// repeat contact, waiting, demands, safety) hardly occur in them and keep
// their hand-set weights.
var fitCats = []angerCat{
	catEmotionStrong, catEmotionMedium, catEmotionMild, catEmotionNoun,
	catProfanity, catProfanityMild, catDerogatory,
	catPositive, catLaughter, catCalming, catDistress, catTears,
}

// fitStart is where the fit starts: the weights first set by hand, from
// the meaning of each list (a strong anger word about twice a medium
// one, a medium one twice a mild one, a noun that names anger like a
// medium word; swearing between; calming words, and distress and tears, a
// little below zero; factors of 1.2 to 1.5 for intensifiers, ownership
// and hashtags; half weight for amplifiers or swearing alone and for
// calming words in an angry message; nothing for a word of bad feeling
// alone). The other weights, and the decay
// for each further signal of a kind (which the tweets leave undecided:
// see defaultAngerParams), are those of defaultAngerParams.
func fitStart() angerParams {
	p := defaultAngerParams
	for c, w := range map[angerCat]float64{
		catEmotionStrong: 1.2, catEmotionMedium: 0.7, catEmotionMild: 0.35, catEmotionNoun: 0.7,
		catProfanity: 0.6, catProfanityMild: 0.3, catDerogatory: 0.5,
		catPositive: -0.3, catLaughter: -0.15, catCalming: -0.2, catDistress: -0.15, catTears: -0.15,
	} {
		p.w[c] = w
	}
	p.intensify, p.self, p.hashtag = 1.5, 1.2, 1.2
	p.alone, p.calmCore, p.swearAlone = 0.5, 0.5, 0.5
	p.judgeAlone = 0
	return p
}

// fitAngerParams fits the tweet-borne weights on the evidence of the
// training split: coordinate ascent from start, each weight in turn tried
// at every multiple of fitStep in [lo, hi] (positive categories 0..2,
// calming ones -1..0, the intensifier factor 1..2.5, ownership and
// hashtags 1..2, the weight of bad feeling alone -0.5..0, the other
// factors 0..1) with the others held,
// keeping the value that maximises (r + AUC) / 2; passes repeat until no
// weight moves, at most ten. Deterministic.
func fitAngerParams(ev *emointEvidence, start angerParams, logf func(string, ...any)) angerParams {
	return fitAngerParamsStep(ev, start, fitStep, logf)
}

// fitStep is the grid step of fitAngerParams: coarse, since the weights
// are few and finer steps fit the noise of the training tweets (their
// five-fold cross-validation is no better).
var fitStep = 0.1

func fitAngerParamsStep(ev *emointEvidence, start angerParams, step float64, logf func(string, ...any)) angerParams {
	p := start
	objective := func(p *angerParams) float64 {
		r, a := ev.metrics(p)
		return (r + a) / 2
	}
	best := objective(&p)
	grid := func(lo, hi float64) []float64 {
		var g []float64
		for v := lo; v <= hi+1e-9; v += step {
			g = append(g, math.Round(v*100)/100)
		}
		return g
	}
	for pass := 0; pass < 10; pass++ {
		moved := false
		for _, c := range fitCats {
			lo, hi := 0.0, 2.0
			if defaultAngerParams.w[c] < 0 {
				lo, hi = -1, 0
			}
			for _, v := range grid(lo, hi) {
				q := p
				q.w[c] = v
				if o := objective(&q); o > best+1e-6 {
					best, p, moved = o, q, true
				}
			}
		}
		factors := []struct {
			field  func(*angerParams) *float64
			lo, hi float64
		}{
			{func(q *angerParams) *float64 { return &q.intensify }, 1, 2.5},
			{func(q *angerParams) *float64 { return &q.self }, 1, 2},
			{func(q *angerParams) *float64 { return &q.hashtag }, 1, 2},
			{func(q *angerParams) *float64 { return &q.alone }, 0, 1},
			{func(q *angerParams) *float64 { return &q.calmCore }, 0, 1},
			{func(q *angerParams) *float64 { return &q.swearAlone }, 0, 1},
			{func(q *angerParams) *float64 { return &q.judgeAlone }, -0.5, 0},
		}
		for _, f := range factors {
			for _, v := range grid(f.lo, f.hi) {
				q := p
				*f.field(&q) = v
				if o := objective(&q); o > best+1e-6 {
					best, p, moved = o, q, true
				}
			}
		}
		r, a := ev.metrics(&p)
		logf("pass %d: objective %.4f (r %.3f, AUC %.3f)", pass, best, r, a)
		if !moved {
			break
		}
	}
	return p
}

// TestFitAngerParams runs fitAngerParams on the training split and prints
// the weights to paste into defaultAngerParams, with the dev figures they
// give. It runs only with -fit:
//
//	go test -run TestFitAngerParams -fit -v ./deescalate/
func TestFitAngerParams(t *testing.T) {
	if !*fitFlag {
		t.Skip("run with -fit")
	}
	train := readEmointSplit(t, "train")
	dev := readEmointSplit(t, "dev.gold")
	a := NewAssessor()
	evTrain := collectEmoint(a, train)
	evDev := collectEmoint(a, dev)
	p := fitAngerParams(&evTrain, fitStart(), t.Logf)
	var b strings.Builder
	for _, c := range fitCats {
		fmt.Fprintf(&b, "\t%s: %.2f\n", angerCatInfo[c].file+"/"+strconv.Itoa(int(c)), p.w[c])
	}
	fmt.Fprintf(&b, "\tintensify: %.2f, self: %.2f, hashtag: %.2f, decay: %.2f, alone: %.2f, calmCore: %.2f, swearAlone: %.2f, judgeAlone: %.2f\n", p.intensify, p.self, p.hashtag, p.decay, p.alone, p.calmCore, p.swearAlone, p.judgeAlone)
	t.Logf("fitted weights:\n%s", b.String())
	rt, at := evTrain.metrics(&p)
	rd, ad := evDev.metrics(&p)
	t.Logf("fitted: train r %.3f AUC %.3f; dev r %.3f AUC %.3f", rt, at, rd, ad)

	// Five-fold cross-validation of the procedure on the training split:
	// how well weights fitted this way do on tweets they were not fitted on.
	var sr, sa float64
	for k := range 5 {
		fold := func(held bool) emointEvidence {
			var e emointEvidence
			for i := range evTrain.anger {
				if (i%5 == k) == held {
					e.anger = append(e.anger, evTrain.anger[i])
					e.intensity = append(e.intensity, evTrain.intensity[i])
				}
			}
			for i := range evTrain.others {
				if (i%5 == k) == held {
					e.others = append(e.others, evTrain.others[i])
				}
			}
			return e
		}
		fit, held := fold(false), fold(true)
		q := fitAngerParams(&fit, fitStart(), func(string, ...any) {})
		r, a := held.metrics(&q)
		sr, sa = sr+r, sa+a
	}
	t.Logf("five-fold cross-validation on train: held-out r %.3f, AUC %.3f", sr/5, sa/5)
}
