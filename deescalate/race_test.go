//go:build race

package deescalate

// raceEnabled reports a -race build. The race detector slows the
// package's corpus-wide tests several times over; they then run on a
// sample (as with -short), since what they check is not about races.
const raceEnabled = true
