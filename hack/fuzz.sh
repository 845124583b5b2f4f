#!/usr/bin/env bash
# hack/fuzz.sh: run every fuzz target in the repository for FUZZTIME each (`make fuzz`; `make test`
# runs it at 10 s a target). Targets are found by their `func FuzzXxx(f *testing.F)` line, so a new
# one is fuzzed without editing this file. A failing input lands in the package's testdata/fuzz/,
# where every `go test` replays it from then on.
#
# Settings (environment):
#   FUZZTIME=10s          per target; FUZZTIME=10m for a long run
#   FUZZMINIMIZETIME=5s   how long the fuzzer may shrink an input (go test -fuzzminimizetime)
#
# Two things about Go's fuzzer that once looked like a hung FuzzParse worker:
#   - A worker that finds new coverage shrinks the input before going on, and reports its
#     executions only when done: "execs: N (0/sec)" for as long as that takes. The shrinking tries
#     every cut of the input, so for a 2,400-byte input it ran to Go's default limit of 60 s,
#     most of a short run. FUZZMINIMIZETIME bounds it.
#   - With a -fuzztime duration, Go before 1.27 may end a run that found nothing with
#     "context deadline exceeded" (go.dev/issue/75804: the coordinator sees its deadline before
#     the workers' context is cancelled). Seen here about once in 25 one-second runs of
#     FuzzLabelName, which cannot hang. Such a run, with no failing input written and no other
#     failure, is reported and counted as passed; any other failure fails.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

FUZZTIME=${FUZZTIME:-10s}
FUZZMINIMIZETIME=${FUZZMINIMIZETIME:-5s}
GO=${GO:-go}

minor=$($GO env GOVERSION | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
minor=${minor:-999} # a development toolchain: assume the race is fixed

log=$(mktemp "${TMPDIR:-/tmp}/netiso-fuzz.XXXXXX")
trap 'rm -f "$log"' EXIT

# spurious: the run in $log of target $1 failed only with go.dev/issue/75804's error.
spurious() {
	[ "$minor" -lt 27 ] || return 1
	! grep -q 'Failing input written' "$log" || return 1
	[ "$(grep -c -- '--- FAIL' "$log")" -eq 1 ] || return 1
	grep -A1 -- "^--- FAIL: $1 (" "$log" | tail -n1 | grep -qx '    context deadline exceeded'
}

files=$(git ls-files '*_test.go' 2>/dev/null || find . -name '*_test.go' -not -path './.cache/*')
# shellcheck disable=SC2086 # one argument a file
targets=$(grep -H '^func Fuzz[A-Za-z0-9_]*(f \*testing\.F)' $files |
	sed 's|^\(.*\)/[^/]*_test\.go:func \(Fuzz[A-Za-z0-9_]*\).*|./\1 \2|; s|^\./\./|./|' | sort -u)
if [ -z "$targets" ]; then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 1
fi

failed=()
while read -r pkg target; do
	echo "== $target ($pkg), $FUZZTIME"
	$GO test "$pkg" -run '^$' -fuzz "^$target\$" -fuzztime "$FUZZTIME" -fuzzminimizetime "$FUZZMINIMIZETIME" 2>&1 | tee "$log"
	status=${PIPESTATUS[0]}
	if [ "$status" -ne 0 ] && spurious "$target"; then
		echo "fuzz.sh: $target: \"context deadline exceeded\" at the end of the run, and no failing input:" \
			"Go's own race (go.dev/issue/75804, fixed in Go 1.27), not a finding; counted as passed"
	elif [ "$status" -ne 0 ]; then
		failed+=("$target ($pkg)")
	fi
done <<<"$targets"

if [ ${#failed[@]} -gt 0 ]; then
	printf 'fuzz.sh: failed: %s\n' "${failed[@]}" >&2
	exit 1
fi
echo "fuzz.sh: every target ran $FUZZTIME: $(echo "$targets" | awk '{print $2}' | paste -sd' ' -)"
