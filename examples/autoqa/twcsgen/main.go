// Command twcsgen writes a large autoqa input file built from the twcs
// development data set, for benchmarking autoqa (see examples/autoqa/bench.sh).
// The data set stays beside the checkout; write the output to a temporary
// directory, never into the project.
//
//	go run ./examples/autoqa/twcsgen -mb 100 -out /tmp/twcs.jsonl
//
// The counts (bytes, lines by shape) go to standard error, and with -counts
// FILE to that file as JSON.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/empathy-go/empathy/examples/autoqa/internal/twcsjsonl"
)

func main() {
	src := flag.String("src", "../shared/data/twcs/conversations.json", "the data set's conversations.json `file`")
	mb := flag.Float64("mb", 100, "write at least this many `megabytes` (10^6), in whole replicas of the data set")
	out := flag.String("out", "", "output `file`; standard output when empty")
	counts := flag.String("counts", "", "also write the counts to this `file`, as JSON")
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	convs, err := twcsjsonl.Load(*src)
	if err != nil {
		fail(err)
	}
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fail(err)
		}
		defer f.Close()
		w = f
	}
	c, err := twcsjsonl.Write(w, convs, int64(*mb*1e6))
	if err != nil {
		fail(err)
	}
	fmt.Fprintln(os.Stderr, "twcsgen:", c)
	if *counts != "" {
		data, _ := json.Marshal(c)
		if err := os.WriteFile(*counts, append(data, '\n'), 0o644); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "twcsgen:", err)
	os.Exit(2)
}
