//go:build race

package output

// raceEnabled reports a -race build: its instrumentation makes the memory test slow and
// its figures meaningless.
const raceEnabled = true
