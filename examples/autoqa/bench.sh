#!/bin/sh
# bench.sh measures autoqa end to end on a large JSON Lines file built from
# the twcs development data set (../shared/data/twcs beside the checkout):
# wall time, throughput (MB/s, lines/s) and peak memory (max RSS), with
# /usr/bin/time -v (Debian package "time").
#
#	examples/autoqa/bench.sh            # 100 MB, -workers 1 and 2
#	examples/autoqa/bench.sh 100 200    # also 200 MB: peak RSS should not grow
#	WORKERS="2" examples/autoqa/bench.sh 100
#	AUTOQA=/tmp/autoqa-old examples/autoqa/bench.sh 100   # another build, to compare
#
# It builds twcsgen and autoqa, writes the input to a temporary directory
# (removed at the end; KEEP=1 keeps it), runs autoqa on it once per size
# and worker count, checks that the output has one line per input line and
# prints one line of figures per run. "e2e" figures cover the whole process,
# start-up included (compiling the rubric takes under a second); "run"
# figures are autoqa's own timing of the lines, from its summary.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
src=${SRC:-$root/../shared/data/twcs/conversations.json}
workers=${WORKERS:-1 2}
[ $# -gt 0 ] || set -- 100
if [ ! -r "$src" ]; then
	echo "bench.sh: $src not found: the development data sets live in ../shared beside the checkout" >&2
	exit 1
fi
if [ ! -x /usr/bin/time ]; then
	echo "bench.sh: /usr/bin/time not found (apt-get install time)" >&2
	exit 1
fi

tmp=$(mktemp -d)
if [ "${KEEP:-}" = 1 ]; then
	echo "bench.sh: keeping $tmp" >&2
else
	trap 'rm -rf "$tmp"' EXIT
fi
(cd "$root" && go build -o "$tmp/twcsgen" ./examples/autoqa/twcsgen)
if [ -n "${AUTOQA:-}" ]; then
	cp "$AUTOQA" "$tmp/autoqa"
else
	(cd "$root" && go build -o "$tmp/autoqa" ./examples/autoqa)
fi

echo "go: $(go version | cut -d' ' -f3-), cpus: $(nproc), commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)"
for mb in "$@"; do
	in=$tmp/in-$mb.jsonl
	"$tmp/twcsgen" -src "$src" -mb "$mb" -out "$in" -counts "$tmp/counts.json" 2>"$tmp/gen.err" || { cat "$tmp/gen.err" >&2; exit 1; }
	sed 's/^twcsgen: /input: /' "$tmp/gen.err"
	bytes=$(wc -c <"$in")
	lines=$(wc -l <"$in")
	for w in $workers; do
		load=$(cut -d' ' -f1-3 /proc/loadavg)
		/usr/bin/time -v "$tmp/autoqa" -in "$in" -out "$tmp/out.jsonl" -workers "$w" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
		out=$(wc -l <"$tmp/out.jsonl")
		if [ "$out" -ne "$lines" ]; then
			echo "bench.sh: $out output lines for $lines input lines" >&2
			exit 1
		fi
		awk -v bytes="$bytes" -v lines="$lines" -v w="$w" -v load="$load" -v load2="$(cut -d' ' -f1-3 /proc/loadavg)" '
			/Elapsed \(wall clock\)/ {
				n = split($NF, t, ":"); wall = 0
				for (i = 1; i <= n; i++) wall = wall * 60 + t[i]
			}
			/User time/ { user = $NF }
			/System time/ { sys = $NF }
			/Maximum resident set size/ { rss = $NF }
			/^autoqa: [0-9]+ lines \(/ { for (i = 1; i <= NF; i++) if ($i == "in") run = $(i + 1) + 0 }
			END {
				printf "%.1f MB, %d lines, -workers %d: e2e %.1f s, %.2f MB/s, %.0f lines/s; run %.1f s, %.2f MB/s, %.0f lines/s; cpu %.1f s user + %.1f s sys; max RSS %.0f MB; load avg %s -> %s\n",
					bytes / 1e6, lines, w, wall, bytes / 1e6 / wall, lines / wall, run, bytes / 1e6 / run, lines / run, user, sys, rss / 1024, load, load2
			}' "$tmp/err"
	done
done
