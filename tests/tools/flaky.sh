#!/usr/bin/env bash
# make test-flaky: the tests whose outcome could depend on the machine's
# timing, ROUNDS times in a row while LOAD other processes keep every core
# busy (what a shared CI machine looks like on a slow day).  Each round runs
#   1. every pytest test marked `serial` (Ctrl-C, refusal timings, the GIL,
#      processes of their own), tests/python/test_sigint.py among them;
#   2. the stress tests (tests/python/test_stress.py) under the default
#      CPython and, when $PY313 is set, under CPython 3.13;
#   3. the TSan workload (tests/python/tsan_workload.py), when $TSAN_PY is set.
# Prints each part's result as it ends and, last,
#   test-flaky: N of ROUNDS rounds passed (...)
# and exits non-zero unless every round passed.  A failing part's output is
# kept in $LOG/round-R-PART.log.
#
# Environment (the Makefile sets them): VPY (the default venv's python),
# PY313, TSAN_PY and TSAN_PRELOAD (the TSan venv's python and the runtime
# to preload), ROUNDS (20), LOAD (busy processes; the core count), LOG.
set -uo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${ROUNDS:-20}
LOAD=${LOAD:-$(nproc)}
LOG=${LOG:-build/flaky}
PY313=${PY313:-}
TSAN_PY=${TSAN_PY:-}
mkdir -p "$LOG"

load=()
stop_load() { [[ ${#load[@]} -eq 0 ]] || kill "${load[@]}" 2>/dev/null; wait 2>/dev/null; }
trap stop_load EXIT
for _ in $(seq "$LOAD"); do
    python3 -c 'while True: pass' &
    load+=($!)
done
echo "test-flaky: $ROUNDS rounds, $LOAD busy processes beside them (pids ${load[*]})"

# part NAME COMMAND...: run it, log it, print one line; returns its status.
part() {
    local name=$1 start=$SECONDS
    shift
    if "$@" > "$LOG/round-$round-$name.log" 2>&1; then
        echo "  round $round $name: passed ($((SECONDS - start)) s)"
        rm -f "$LOG/round-$round-$name.log"
    else
        echo "  round $round $name: FAILED ($((SECONDS - start)) s), see $LOG/round-$round-$name.log"
        tail -n 30 "$LOG/round-$round-$name.log" | sed 's/^/    /'
        return 1
    fi
}

passed=0
begin=$SECONDS
for round in $(seq "$ROUNDS"); do
    ok=1
    part serial "$VPY" -m pytest tests/python -m serial -q -p no:cacheprovider || ok=0
    part stress "$VPY" -m pytest tests/python/test_stress.py -m "not serial" -q -p no:cacheprovider || ok=0
    if [[ -n $PY313 ]]; then
        part stress-3.13 "$PY313" -m pytest tests/python/test_stress.py -q -p no:cacheprovider || ok=0
    fi
    if [[ -n $TSAN_PY ]]; then
        part tsan-workload env TSAN_OPTIONS=halt_on_error=1:report_signal_unsafe=0 \
            LD_PRELOAD="$TSAN_PRELOAD" "$TSAN_PY" tests/python/tsan_workload.py || ok=0
    fi
    passed=$((passed + ok))
    echo "round $round: $([[ $ok == 1 ]] && echo passed || echo FAILED) ($passed of $round so far, $((SECONDS - begin)) s)"
done
echo "test-flaky: $passed of $ROUNDS rounds passed ($((SECONDS - begin)) s, $LOAD busy processes beside them)"
[[ $passed == "$ROUNDS" ]]
