//go:build !race

package deescalate

const raceEnabled = false
