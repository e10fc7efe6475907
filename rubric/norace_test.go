//go:build !race

package rubric_test

const raceEnabled = false
