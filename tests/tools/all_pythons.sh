#!/usr/bin/env bash
# The Python test suite under every CPython >= 3.11 on this machine, each in
# a venv of its own with the package built by meson-python into it
# (make test-py runs this).
#
# Found: $PYTHON (the default), every python3.N on PATH and, through pyenv,
# every $(pyenv root)/versions/*/bin/python3.N — one interpreter per minor
# version, the default first.  A name that does not run (a pyenv shim for a
# version that is not selected) is skipped.  Prints which interpreters it
# found and how each run ended; fails if any run fails or none was found.
#
# tests/tools/all_pythons.sh --list only prints the interpreters (make wheel);
# --install only makes each venv and installs the package into it (make
# test-flaky).
#
# Environment (the Makefile sets them): PYTHON, VENV (the default's venv),
# BUILD (build directory root), DEPS (packages each venv needs),
# PYTEST_ARGS (extra pytest arguments, e.g. -x) and PYTEST_WORKERS (the
# processes for the tests that time nothing; 2).
set -uo pipefail
cd "$(dirname "$0")/../.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
BUILD=${BUILD:-build}
DEPS=${DEPS:-meson-python meson ninja pytest pytest-xdist hypothesis numpy mypy dask distributed}
read -r -a PYTEST_EXTRA <<< "${PYTEST_ARGS:-}"
WORKERS=${PYTEST_WORKERS:-2}
MODE=${1:-}

# "major.minor full-version executable" of an interpreter, or nothing.
describe() {
    "$1" -c 'import sys, platform
if sys.implementation.name == "cpython" and sys.version_info >= (3, 11):
    print("%d.%d" % sys.version_info[:2], platform.python_version(), sys.executable)' 2>/dev/null
}

candidates=("$PYTHON")
for v in $(seq 11 30); do
    command -v "python3.$v" >/dev/null 2>&1 && candidates+=("python3.$v")
done
if command -v pyenv >/dev/null 2>&1; then
    for exe in "$(pyenv root)"/versions/*/bin/python3.[0-9]*; do
        [[ "$exe" =~ /python3\.[0-9]+$ && -x "$exe" ]] && candidates+=("$exe")
    done
fi

declare -A seen
found=()
for c in "${candidates[@]}"; do
    read -r minor full exe <<< "$(describe "$c")"
    [[ -n "${minor:-}" && -z "${seen[$minor]:-}" ]] || continue
    seen[$minor]=1
    found+=("$minor $full $exe")
done

# --list: the interpreters found, one executable a line, the default first.
if [[ $MODE == --list ]]; then
    for f in "${found[@]}"; do read -r minor full exe <<< "$f"; echo "$exe"; done
    [[ ${#found[@]} -gt 0 ]]
    exit
fi

if [[ ${#found[@]} -eq 0 ]]; then
    echo "all_pythons: no CPython >= 3.11 found (PYTHON=$PYTHON)" >&2
    exit 1
fi
echo "all_pythons: found ${#found[@]} CPython(s):"
for f in "${found[@]}"; do read -r minor full exe <<< "$f"; echo "  $full  $exe"; done

# One interpreter: venv, dependencies, the package, the suite.  The default
# keeps the venv and build directory `make install` and `make bench` use.
run_one() {
    local minor=$1 exe=$2 first=$3 venv build
    if [[ $first == 1 ]]; then venv=$VENV; build=$BUILD/py
    else venv=$VENV-$minor; build=$BUILD/py-$minor; fi
    local py=$PWD/$venv/bin/python
    [[ -x $py ]] || "$exe" -m venv "$venv" || return 1
    # the dependencies once per list of them
    if [[ "$(cat "$venv/.deps-list" 2>/dev/null)" != "$DEPS" ]]; then
        # shellcheck disable=SC2086  # DEPS is a list of names
        "$py" -m pip install -q --disable-pip-version-check $DEPS || return 1
        echo "$DEPS" > "$venv/.deps-list"
    fi
    PATH="$PWD/$venv/bin:$PATH" "$py" -m pip install -q --disable-pip-version-check \
        --no-build-isolation --no-deps "-Cbuild-dir=$build" . || return 1
    [[ $MODE != --install ]] || return 0
    # two workers for the tests that time nothing (pytest-xdist), then the
    # `serial` ones (Ctrl-C answered within a second, refusals, processes
    # of their own) alone, so that nothing else loads the machine meanwhile;
    # the `docs` ones read the built site, once, in make test-docs
    PATH="$PWD/$venv/bin:$PATH" "$py" -m pytest tests/python -n "$WORKERS" -m "not serial and not docs" "${PYTEST_EXTRA[@]}" \
        && PATH="$PWD/$venv/bin:$PATH" "$py" -m pytest tests/python -m "serial and not docs" "${PYTEST_EXTRA[@]}"
}

results=()
status=0
first=1
for f in "${found[@]}"; do
    read -r minor full exe <<< "$f"
    echo
    echo "================ CPython $full ($exe) ================"
    start=$SECONDS
    if run_one "$minor" "$exe" "$first"; then
        results+=("  CPython $full: $([[ $MODE == --install ]] && echo installed || echo passed) ($((SECONDS - start)) s)")
    else
        results+=("  CPython $full: FAILED ($((SECONDS - start)) s)")
        status=1
    fi
    first=0
done

echo
echo "all_pythons: the Python suite under every CPython found:"
printf '%s\n' "${results[@]}"
exit $status
