"""pascalrow against every peer, measured side by side in one run.

Rows: row n of Pascal's triangle as a list of n + 1 Python ints, by
pascalrow and by each peer (PARI's binomial(n), the whole row at once,
among them), for n in SIZES.  Scalars: comb(n, n // 2).  The comb sweep:
comb(n, k) for n in SWEEP_NS and the k of SWEEP_KS (64 to n/2) against
PARI, gmpy2, flint and math.comb, with the issue's targets at the largest
n; comb(BIG_N, BIG_N // 17), a slice and a multinomial at SLICE_N, timed once.
Slices: pascal_row(n, start, stop) for the (n, start, stop) in SLICES,
against the whole row sliced and gmpy2's comb per k.
Dask: row DASK_N mod DASK_MOD as uint64 in this process against
pascalrow.dask on a LocalCluster of DASK_WORKERS worker processes (started
once, outside the timing): its blocks gathered into one array, and the
blocks reduced where they lie (each one's sum mod p; nothing gathered).
Arrays: comb_array over 10**6 pairs of four kinds against the math.comb
and gmpy2.comb loops a user writes (math.comb also over plain lists), and
the output floor, with the issue's targets; valuation,
valuation_array and binomial against sympy and gmpy2.
Rows mod m: pascal_row(10**7, mod=m) as uint64 in ns per value for the
moduli of MOD_CASES, into a new pascalrow.WordArray (dtype="uint64") and into
numpy.empty (out=), on one thread and on get_num_threads() threads, beside
the algorithm pascalrow had at 107cd49 (bench/peers: old_row_mod, one
thread) in the same run, against the issue's targets, and beside the cost
of creating each output alone (the floors); the list of ints against ints
made from the uint64 array (array.tolist(), the floor); and row 10**8 mod
10**9 + 7 on one thread against all threads, both ways; with the issue's
targets for the new array (mod_targets): within WORD_ARRAY_RATIO of
numpy.empty at row 10**7 mod p, and WORD_ARRAY_SPEEDUP on 2 threads at row
10**8.

Every peer's answer is first checked against math.comb (✓, or ✗ where it is
wrong); then it is timed: a warm-up call, calls batched to ≥ 2 ms, batches
repeated within a time budget, the median kept.  A peer whose next size
would take over ~10 s (extrapolated from its previous size) shows "—".

Prints markdown tables, writes the raw numbers to bench/results/bench.json
and log-log plots to bench/results/bench-rows.png (time against n) and
bench/results/bench-comb-sweep.png (comb: time against k/n).  bench/README.md explains the
peers, the floor, and where pascalrow's time goes.

    python bench/bench_rows.py            # the full run (make bench)
    python bench/bench_rows.py --quick    # ~2 min (make bench-quick)
"""
import argparse
import array
import gc
import importlib
import json
import math
import os
import pathlib
import platform
import statistics
import sys
import time

import pascalrow

HERE = pathlib.Path(__file__).resolve().parent
SIZES = [10, 34, 67, 100, 999, 3000, 10000, 50000]
QUICK_SIZES = [10, 34, 67, 100, 999, 3000, 10000]
COMB_SIZES = [100, 10**4, 10**6]
# Slices (n, start, stop): a short one in a small row, most of the bits of
# row 10**5's half, and 100 values deep in row 10**6.
SLICES = [(10**4, 1000, 1100), (10**5, 20000, 40000), (10**6, 400000, 400100)]
QUICK_SLICES = SLICES[:2]
# Rows mod m (n, row for the thread speed-up) and the moduli with their
# ns-per-value targets (issue 15): primes < 2^62, composites, many small primes.
MOD_N, MOD_BIG_N = 10**7, 10**8
QUICK_MOD_N, QUICK_MOD_BIG_N = 10**6, 10**7
# Targets (issue 25) of a new array (dtype="uint64"): at most this times the
# time into numpy.empty (out=) at row MOD_N mod each prime of MOD_CASES, and
# at least this speed-up on 2 threads over 1 at row MOD_BIG_N.
WORD_ARRAY_RATIO, WORD_ARRAY_SPEEDUP = 1.2, 1.5
MOD_CASES = [(10**9 + 7, "prime", 4), (2**61 - 1, "prime", 4), (998244353, "prime", 4),
             (2**32, "composite", 8), (10**9 + 6, "composite", 8), (720720, "2^4·3^2·5·7·11·13", 12)]
TOO_LONG = 10.0        # seconds: a peer predicted slower than this prints "—"
REFERENCE_MAX_N = 10000  # above this, the reference is checked at sampled k
ONE_BY_ONE_N = 1000      # from this n on, rows are timed call by call (cold memory)


# ------------------------------------------------------------------ peers

def python_recurrence(n):
    """C(n,k+1) = C(n,k)·(n−k)/(k+1), filling both halves."""
    row = [1] * (n + 1)
    c = 1
    for k in range(n // 2):
        c = c * (n - k) // (k + 1)
        row[k + 1] = row[n - k - 1] = c
    return row


def math_comb_loop(n):
    return [math.comb(n, k) for k in range(n + 1)]


def make_peers(floor_sizes, stored):
    """name → (function of n, or None where the peer does not apply)."""
    import flint
    import gmpy2
    from cypari2.convert import gen_to_python
    from sympy.ntheory.multinomial import binomial_coefficients_list

    import _benchpeers
    gp = pari()

    def gmpy2_comb_loop(n):
        comb = gmpy2.comb
        return [int(comb(n, k)) for k in range(n + 1)]

    def gmpy2_mpz_recurrence(n):
        row = [1] * (n + 1)
        c = gmpy2.mpz(1)
        for k in range(n // 2):
            c = c * (n - k) // (k + 1)
            row[k + 1] = row[n - k - 1] = int(c)
        return row

    def flint_loop(n):
        b = flint.fmpz.bin_uiui
        return [int(b(n, k)) for k in range(n + 1)]

    def pari_row(n):
        # GP's binomial(n): the whole row as a vector of t_INT, made a list
        # of ints by cypari2's own converter (faster than int() of each entry)
        return gen_to_python(gp.binomial(n))

    def floor(n):
        return _benchpeers.floor_row(floor_sizes[n], n)

    def stored_tuple(n):
        return list(stored[n])

    def one_thread(n):
        pascalrow.set_num_threads(1)
        try:
            return pascalrow.pascal_row(n)
        finally:
            pascalrow.set_num_threads(None)

    return {
        "pascalrow": pascalrow.pascal_row,
        "pascalrow, 1 thread": one_thread,
        "floor": floor,
        "list(stored tuple)": stored_tuple,
        "seed-style C ext": _benchpeers.seed_pascal_row,
        "python recurrence": python_recurrence,
        "math.comb loop": math_comb_loop,
        "sympy binomial_coefficients_list": binomial_coefficients_list,
        "gmpy2 comb loop": gmpy2_comb_loop,
        "gmpy2 mpz recurrence": gmpy2_mpz_recurrence,
        "flint fmpz.bin_uiui loop": flint_loop,
        "PARI binomial(n)": pari_row,
    }


# Peers that are yardsticks rather than answers: not checked against math.comb
# (the floor's values are placeholders of the right sizes).
YARDSTICKS = {"floor"}
# Where a peer applies at all.
APPLIES = {"list(stored tuple)": lambda n: n <= 67,
           "pascalrow, 1 thread": lambda n: n >= 100}


# ----------------------------------------------------------------- timing

def _malloc_trim():
    """glibc's malloc_trim(0), or None where there is none."""
    try:
        import ctypes
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    return lambda: trim(0)


MALLOC_TRIM = _malloc_trim()
COLD = True   # give freed memory back to the OS before each timed call (--memory cold)


def median_time(f, arg, budget, first=None, one_by_one=False):
    """Median seconds per call of f(arg).  `first` is the duration of a call
    already made (it doubles as the warm-up).

    one_by_one (or a call over 2 ms): every call is timed on its own, its
    result freed outside the timing, and in the cold memory regime (the
    default) preceded by malloc_trim(0), so the memory it writes is fresh
    from the kernel, as in a new process: the first touch of each page is
    part of every peer's time.  Otherwise calls are batched to ~2 ms (each
    result freed before the next call, inside the timing) and the memory is
    whatever the allocator kept from the previous call."""
    if first is None:
        t0 = time.perf_counter()
        f(arg)
        first = time.perf_counter() - t0
    if first > 2.0:                     # slow: the call already made is the sample
        return first, 1
    number = 1 if one_by_one else max(1, int(2e-3 / max(first, 1e-9)))
    repeats = max(3 if first > 0.2 else 5, min(41 if number > 1 else 201, int(budget / max(first * number, 1e-9))))
    times = []
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            if number == 1:
                if COLD and MALLOC_TRIM:
                    MALLOC_TRIM()
                t0 = time.perf_counter()
                result = f(arg)
                times.append(time.perf_counter() - t0)
                del result
                continue
            t0 = time.perf_counter()
            for _ in range(number):
                f(arg)
            times.append((time.perf_counter() - t0) / number)
    finally:
        if gc_was:
            gc.enable()
    return statistics.median(times), repeats


def predicted_loop(step, items, total, sample):
    """Seconds a loop of step(item) over `total` items would take, predicted
    from its first `sample` items (taken from the iterable items)."""
    t0 = time.perf_counter()
    done = 0
    for item in items:
        if done == sample:
            break
        step(item)
        done += 1
    return (time.perf_counter() - t0) * total / max(done, 1)


def checked_time(f, arg, budget):
    """f(arg) once (its result, the warm-up), then its median time:
    (result, median seconds, repeats)."""
    t0 = time.perf_counter()
    got = f(arg)
    first = time.perf_counter() - t0
    t, reps = median_time(f, arg, budget, first)
    return got, t, reps


def fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


# -------------------------------------------------------------- reference

def reference_row(n, log):
    """Row n, checked against math.comb: the math.comb loop itself up to
    REFERENCE_MAX_N; beyond, the Python recurrence, whose values are then
    compared with math.comb at 101 evenly spaced k (ends and middle included)
    and which satisfies C(n,k+1)·(k+1) = C(n,k)·(n−k) for every k by
    construction."""
    if n <= REFERENCE_MAX_N:
        t0 = time.perf_counter()
        row = math_comb_loop(n)
        return row, time.perf_counter() - t0
    row = python_recurrence(n)
    ks = sorted({0, n // 2, n} | {n * i // 100 for i in range(101)})
    for k in ks:
        if row[k] != math.comb(n, k):
            sys.exit(f"reference row {n} is wrong at k={k}")
    log(f"  reference row {n}: Python recurrence, equal to math.comb at {len(ks)} sampled k")
    return row, None


# ------------------------------------------------------------------- rows

def bench_rows(sizes, budget, log):
    stored = {n: tuple(math_comb_loop(n)) for n in range(68)}
    floor_sizes = {}
    results = {}
    peers = None
    last = {}          # name → (n, seconds) of its last measured size
    for n in sizes:
        log(f"row {n} ...")
        want, comb_loop_time = reference_row(n, log)
        floor_sizes[n] = array.array("I", [max(1, -(-v.bit_length() // 30)) for v in want[: n // 2 + 1]])
        if peers is None:
            peers = make_peers(floor_sizes, stored)
        for name, f in peers.items():
            cell = results.setdefault(name, {})
            if not APPLIES.get(name, lambda n: True)(n):
                continue
            reused = name == "math.comb loop" and comb_loop_time is not None
            if name in last and not reused:
                n0, t0 = last[name]
                # extrapolate cubically (every peer here is at least quadratic)
                if t0 * (n / n0) ** 3 > 3 * TOO_LONG:
                    cell[n] = {"skipped": True}
                    continue
            if reused:                  # the reference was this very loop
                got, first = want, comb_loop_time
            else:
                t0 = time.perf_counter()
                got = f(n)
                first = time.perf_counter() - t0
            last[name] = (n, first)
            if first > TOO_LONG:
                cell[n] = {"skipped": True, "seconds_one_call": first}
                continue
            ok = None if name in YARDSTICKS else got == want
            del got
            t, reps = median_time(f, n, budget, first, one_by_one=n >= ONE_BY_ONE_N)
            cell[n] = {"median_s": t, "repeats": reps, "ok": ok}
            last[name] = (n, t)
        del want
    return results


# The targets for the rows (issue 25), as ratios in this run:
# (n, peer, bound, kind): kind "floor" — pascalrow's time at most `bound`
# times the floor's; kind "faster" — at least `bound` times faster than peer.
ROW_TARGETS = [(100, "floor", 1.6, "floor"), (999, "floor", 2.0, "floor"), (3000, "floor", 2.0, "floor"),
               (999, "seed-style C ext", 5.0, "faster")]


def row_targets(results):
    """The row targets: [(target, measured, met, reason)], reason "" when
    met; a target whose sizes were not run is left out."""
    out = []
    ours, one = results["pascalrow"], results.get("pascalrow, 1 thread", {})
    for n, peer, bound, kind in ROW_TARGETS:
        mine, theirs = ours.get(n, {}), results.get(peer, {}).get(n, {})
        if "median_s" not in mine or "median_s" not in theirs:
            continue
        t, p = mine["median_s"], theirs["median_s"]
        single = one.get(n, {}).get("median_s")
        if kind == "floor":
            ratio, met = t / p, t / p <= bound
            what = f"row {n} within {bound:g}× the floor"
            measured = f"{ratio:.2f}× the floor ({fmt(t)} against {fmt(p)})"
            reason = (f"the {fmt(t - p)} beyond the floor is the walk's arithmetic, a multiply-and-exact-"
                      f"divide kernel near the core's multiplier throughput (bench/README.md: where the "
                      f"time goes); rows below n ≈ 4820 run on one thread, since a split measured "
                      f"slower on 2 cores (the calling thread makes every int, with the GIL, while the "
                      f"helpers wait for theirs: src/digits.c, THREADS_MIN_BITS)"
                      + (f"; on 1 thread {single / p:.2f}× the floor" if single else ""))
        else:
            ratio, met = p / t, p / t >= bound
            what = f"row {n} at least {bound:g}× faster than the {peer}"
            measured = f"{ratio:.2f}× ({fmt(t)} against {fmt(p)})"
            reason = (f"the {peer} does only additions of 32-bit words and {n + 1} small ints; "
                      f"pascalrow's ints are {fmt(results['floor'][n]['median_s'])} of it (the floor)"
                      if "median_s" in results.get("floor", {}).get(n, {}) else "")
        out.append((what, measured, met, "" if met else reason))
    return out


def row_target_lines(results):
    """Markdown: a line per row target, ✓ met or ✗ not met with the reason."""
    lines = []
    for what, measured, met, reason in row_targets(results):
        lines.append(f"- {what}: {measured} — " + ("met ✓" if met else f"not met ✗ ({reason})"))
    return "\n".join(lines)


def table(results, sizes, base_name, heading):
    """Markdown: a row per peer, a column per size; each cell the median,
    its ratio to base_name's (higher = base faster) and ✓/✗ against math.comb."""
    base = results[base_name]
    lines = ["| peer | " + " | ".join(heading(n) for n in sizes) + " |",
             "|:---|" + "---:|" * len(sizes)]
    for name, cells in results.items():
        out = []
        for n in sizes:
            c = cells.get(n)
            if c is None:
                out.append("")
            elif c.get("skipped"):
                out.append("—")
            else:
                mark = {True: " ✓", False: " ✗", None: ""}[c["ok"]]
                if name == base_name:
                    out.append(f"**{fmt(c['median_s'])}**{mark}")
                else:
                    out.append(f"{fmt(c['median_s'])} ({c['median_s'] / base[n]['median_s']:.2g}×){mark}")
        lines.append(f"| {name} | " + " | ".join(out) + " |")
    return "\n".join(lines)


# ----------------------------------------------------------------- scalar

def bench_comb(sizes, budget, log):
    import flint
    import gmpy2
    peers = {
        "pascalrow.comb": pascalrow.comb,
        "math.comb": math.comb,
        "int(gmpy2.comb)": lambda n, k: int(gmpy2.comb(n, k)),
        "int(fmpz.bin_uiui)": lambda n, k: int(flint.fmpz.bin_uiui(n, k)),
    }
    results = {name: {} for name in peers}
    for n in sizes:
        log(f"comb({n}, {n // 2}) ...")
        k = n // 2
        t0 = time.perf_counter()
        want = math.comb(n, k)
        math_first = time.perf_counter() - t0
        for name, f in peers.items():
            if name == "math.comb":
                got, first = want, math_first
            else:
                t0 = time.perf_counter()
                got = f(n, k)
                first = time.perf_counter() - t0
            t, reps = median_time(lambda a: f(*a), (n, k), budget, first)
            results[name][n] = {"median_s": t, "repeats": reps, "ok": got == want}
    return results


# ----------------------------------------------------------------- slices

def bench_slices(slices, budget, log):
    """pascal_row(n, start, stop) against the whole row sliced (what a slice
    saves) and gmpy2's comb per k; ✓ = equal to gmpy2's values."""
    import gmpy2
    peers = {
        "pascal_row(n, start, stop)": lambda a: pascalrow.pascal_row(*a),
        "pascal_row(n)[start:stop]": lambda a: pascalrow.pascal_row(a[0])[a[1]:a[2]],
        "gmpy2 comb loop": lambda a: [int(gmpy2.comb(a[0], k)) for k in range(a[1], a[2])],
    }
    results = {name: {} for name in peers}
    for nab in slices:
        log(f"slice {nab} ...")
        want = None
        for name, f in reversed(peers.items()):          # gmpy2 first: the reference
            t0 = time.perf_counter()
            try:
                got = f(nab)
            except MemoryError:                         # the whole of row 10**6: ~50 GB
                results[name][nab] = {"skipped": True, "memory_error": True}
                continue
            first = time.perf_counter() - t0
            if want is None:
                want = got
            t, reps = median_time(f, nab, budget, first, one_by_one=True)
            results[name][nab] = {"median_s": t, "repeats": reps, "ok": got == want}
            del got
    return results


# --------------------------------------------------------------- row sums

ROW_SUMS = [(10**4, 0, 5001), (10**5, 20000, 40000), (10**6, 400000, 400100)]


def bench_row_sum(cases, budget, log):
    """row_sum(n, a, b) against the sum of the slice pascal_row builds and a
    math.comb loop; ✓ = equal to the slice's sum.  The loop is left out ("—")
    when its first 20 terms predict more than TOO_LONG."""
    peers = {
        "row_sum(n, a, b)": lambda a: pascalrow.row_sum(*a),
        "sum(pascal_row(n, a, b))": lambda a: sum(pascalrow.pascal_row(*a)),
        "math.comb loop": lambda a: sum(math.comb(a[0], k) for k in range(a[1], a[2])),
    }
    results = {name: {} for name in peers}
    for nab in cases:
        log(f"row_sum {nab} ...")
        n, a, b = nab
        predicted = predicted_loop(lambda k: math.comb(n, k), range(a, b), b - a, 20)
        want = None
        for name, f in reversed(peers.items()):          # the slice's sum first: the reference
            if name == "math.comb loop" and predicted > TOO_LONG:
                results[name][nab] = {"skipped": True}
                continue
            got, t, reps = checked_time(f, nab, budget)
            if want is None and name == "sum(pascal_row(n, a, b))":
                want = got
            results[name][nab] = {"median_s": t, "repeats": reps, "ok": None if want is None else got == want}
        if "median_s" in results["math.comb loop"].get(nab, {}):
            results["math.comb loop"][nab]["ok"] = peers["math.comb loop"](nab) == want
    return results


# ---------------------------------------------------------------- arrays

ARRAY_PAIRS = 10**6
QUICK_ARRAY_PAIRS = 10**5
# C(n, j) < 2**64 exactly for n <= U64_MAX_N[j] (2 <= j <= 33; tests/python/test_comb_array.py
# finds the same bounds with math.comb)
U64_MAX_N = [2**64 - 1, 2**64 - 1, 6074001000, 4801280, 145056, 18580, 4868, 1913, 967, 577, 386, 282, 218,
             177, 150, 130, 116, 105, 97, 91, 86, 82, 78, 76, 74, 72, 71, 70, 69, 68, 68, 67, 67, 67]


# comb_array's targets (peer time / comb_array time) on the kinds of pairs of
# array_cases: {label: [(peer, target)]}
UNIFORM_K = "n < 68, k uniform in [0, 67]"
EXACT = "68 ≤ n < 1000, exact (dtype=object)"
ARRAY_TARGETS = {
    "n < 68": [("math.comb loop", 50)],
    "n < 2³², C(n, k) < 2⁶⁴": [("math.comb loop", 20)],
    UNIFORM_K: [("math.comb loop", 50), ("math.comb loop over lists", 12)],
    EXACT: [("gmpy2.comb loop", 1)],
}


def array_cases(pairs):
    """The pairs comb_array is measured on, four kinds of pairs (n, k)."""
    import numpy as np
    rng = np.random.default_rng(2026)
    small_n = rng.integers(0, 68, pairs)
    small_k = (rng.random(pairs) * (small_n + 1)).astype(np.int64)
    # k independent of n, as in a broadcast grid: about half the pairs have k > n (C = 0)
    uniform_k = rng.integers(0, 68, pairs)
    # n log-uniform in [68, 2**32); the lower index up to the largest that fits, at either end
    wide_n = np.exp(rng.uniform(math.log(68), math.log(2**32), pairs)).astype(np.int64)
    bounds = np.array(U64_MAX_N[2:])
    jmax = np.searchsorted(-bounds, -wide_n, side="right") + 1      # largest j with wide_n <= bound[j]
    j = (rng.random(pairs) * (jmax + 1)).astype(np.int64)
    wide_k = np.where(rng.random(pairs) < 0.5, j, wide_n - j)
    big_n = rng.integers(68, 1000, pairs)
    big_k = (rng.random(pairs) * (big_n + 1)).astype(np.int64)
    return {
        "n < 68": (small_n, small_k, {}),
        UNIFORM_K: (small_n, uniform_k, {}),
        "n < 2³², C(n, k) < 2⁶⁴": (wide_n, wide_k, {}),
        EXACT: (big_n, big_k, {"dtype": object}),
    }


def bench_comb_array(pairs, budget, log):
    """comb_array over `pairs` pairs against the loops a user writes today:
    math.comb and gmpy2.comb on each pair of the arrays (int() of NumPy's
    scalars, as the loop must), math.comb over the same pairs as plain lists
    of ints (made outside the timing), and against the floor: a uint64 output
    of the same length written without computing anything.  ✓ = equal to the
    gmpy2 loop's values (the first measured: the reference)."""
    import gmpy2

    def with_threads(threads, f):
        def run(a):
            before = pascalrow.get_num_threads()
            pascalrow.set_num_threads(threads)
            try:
                return f(a)
            finally:
                pascalrow.set_num_threads(before)
        return run

    import numpy as np

    ours = lambda a: pascalrow.comb_array(a[0], a[1], **a[2])
    peers = {
        "comb_array": ours,
        "comb_array, 1 thread": with_threads(1, ours),
        # the floor: writing an output of the same size, nothing computed
        "floor: numpy.ones(pairs, uint64)": lambda a: np.ones(len(a[0]), np.uint64),
        "math.comb loop": lambda a: [math.comb(int(x), int(y)) for x, y in zip(a[0], a[1])],
        "math.comb loop over lists": lambda a: [math.comb(x, y) for x, y in zip(*a[3])],
        "gmpy2.comb loop": lambda a: [gmpy2.comb(int(x), int(y)) for x, y in zip(a[0], a[1])],
    }
    cases = array_cases(pairs)
    results = {name: {} for name in peers}
    for label, (n, k, kw) in cases.items():
        log(f"comb_array {label} ...")
        case = (n, k, kw, (n.tolist(), k.tolist()))
        predicted = predicted_loop(lambda xy: math.comb(int(xy[0]), int(xy[1])), zip(n, k), pairs, 2000)
        want = None
        for name in ["gmpy2.comb loop", "math.comb loop", "math.comb loop over lists", "comb_array",
                     "comb_array, 1 thread", "floor: numpy.ones(pairs, uint64)"]:
            f = peers[name]
            if name.startswith("floor"):
                t, reps = median_time(f, case, budget)
                results[name][label] = {"median_s": t, "repeats": reps, "ok": None}
                continue
            if name == "math.comb loop over lists" and kw:
                continue                        # exact values: the loop's cost is the arithmetic
            if name.startswith("math.comb loop") and predicted > TOO_LONG:
                results[name][label] = {"skipped": True}
                continue
            got, t, reps = checked_time(f, case, budget)
            got = [int(v) for v in (got.tolist() if hasattr(got, "tolist") else got)]
            if want is None:
                want = got
            results[name][label] = {"median_s": t, "repeats": reps, "ok": got == want}
            del got
        del case
    return results, list(cases)


def array_target_lines(results, labels, pairs):
    """A line per kind of pairs: comb_array's ns a pair (default threads and
    one) against the floor's, and its ratio to each loop, with the targets
    of ARRAY_TARGETS met ✓ or not ✗ (judged on the default threads; the
    ratio on one thread beside it)."""
    ours, one = results["comb_array"], results["comb_array, 1 thread"]
    floor = results["floor: numpy.ones(pairs, uint64)"]
    lines = []
    for label in labels:
        t, t1 = ours[label]["median_s"], one[label]["median_s"]
        line = f"- {label}: {t / pairs * 1e9:.3g} ns a pair ({t1 / pairs * 1e9:.3g} on 1 thread)"
        if label != EXACT:                      # the floor of a uint64 output
            f = floor[label]["median_s"]
            line += f"; the floor {f / pairs * 1e9:.2g} ns, {t / f:.2g}× it ({t1 / f:.2g}× on 1 thread)"
        targets = dict(ARRAY_TARGETS[label])
        for peer in ["math.comb loop", "math.comb loop over lists", "gmpy2.comb loop"]:
            c = results[peer].get(label, {})
            if "median_s" not in c:
                continue
            ratio, ratio1 = c["median_s"] / t, c["median_s"] / t1
            line += f"; {ratio:.3g}× the {peer} ({ratio1:.3g}× on 1 thread)"
            if peer in targets:
                line += f" (target ≥ {targets[peer]}×: {'met ✓' if ratio >= targets[peer] else 'not met ✗'})"
        lines.append(line)
    return lines


def bench_valuation_binomial(budget, log):
    """valuation and binomial against what a user has without them: the
    exponent of p counted in math.comb's value (sympy.multiplicity), and
    gmpy2's / sympy's binomial of a negative n; valuation_array over 10**6
    pairs against a loop of pascalrow.valuation."""
    import gmpy2
    import numpy as np
    import sympy

    rng = np.random.default_rng(7)
    vn = rng.integers(0, 2**40, 10**6)
    vk = (rng.random(10**6) * (vn + 1)).astype(np.int64)
    cases = {
        "valuation(10⁵, 5·10⁴, 3)": {
            "pascalrow": lambda: pascalrow.valuation(10**5, 5 * 10**4, 3),
            "sympy.multiplicity(3, math.comb(...))": lambda: sympy.multiplicity(3, math.comb(10**5, 5 * 10**4)),
        },
        "valuation_array, 10⁶ pairs n < 2⁴⁰, p = 3": {
            "pascalrow": lambda: pascalrow.valuation_array(vn, vk, 3),
            "pascalrow.valuation loop": lambda: [pascalrow.valuation(int(a), int(b), 3) for a, b in zip(vn, vk)],
        },
        "binomial(-10⁵, 5·10⁴)": {
            "pascalrow": lambda: pascalrow.binomial(-10**5, 5 * 10**4),
            "int(gmpy2.comb(...))": lambda: int(gmpy2.comb(-10**5, 5 * 10**4)),
            "sympy.binomial(...)": lambda: int(sympy.binomial(-10**5, 5 * 10**4)),
        },
        "binomial(-10⁶, 5·10⁵)": {
            "pascalrow": lambda: pascalrow.binomial(-10**6, 5 * 10**5),
            "int(gmpy2.comb(...))": lambda: int(gmpy2.comb(-10**6, 5 * 10**5)),
        },
    }
    results = {}
    for label, peers in cases.items():
        log(f"{label} ...")
        want = None
        for name, f in reversed(peers.items()):          # the peer first: the reference
            t0 = time.perf_counter()
            got = f()
            first = time.perf_counter() - t0
            got = [int(v) for v in got.tolist()] if hasattr(got, "tolist") else got
            if want is None:
                want = got
            t, reps = median_time(lambda a: f(), None, budget, first)
            results.setdefault(name, {})[label] = {"median_s": t, "repeats": reps, "ok": got == want}
    order = ["pascalrow"] + [name for name in results if name != "pascalrow"]
    return {name: results[name] for name in order}, list(cases)


# ------------------------------------------------------------ PARI/GP

PARI_STACK = 1 << 28        # bytes: PARI's stack at the start (row 5·10**4 needs ~250 MB)
PARI_STACK_MAX = 1 << 33    # bytes: the most it may grow to (address space, touched only as used)
_PARI = []


def pari():
    """The cypari2.Pari instance, its stack sized for the largest binomials
    and rows here (set quietly: no "stack size set" message, and no warning
    when the stack grows)."""
    if not _PARI:
        import cypari2
        p = cypari2.Pari()
        p.allocatemem(PARI_STACK, PARI_STACK_MAX, silent=True)
        p.default("debugmem", 0)
        _PARI.append(p)
    return _PARI[0]


# ------------------------------------------------------- comb, k swept

# comb(n, k) for k from tiny to the middle: GMP's mpz_bin_uiui is quadratic
# for 70 < k <= n/16, so the sweep samples that range and both sides of it.
SWEEP_NS = [10**6, 10**7]
QUICK_SWEEP_NS = [10**5, 10**6]
SWEEP_KS = [("64", lambda n: 64), ("1000", lambda n: 1000), ("n/3000", lambda n: n // 3000),
            ("n/300", lambda n: n // 300), ("n/50", lambda n: n // 50), ("n/17", lambda n: n // 17),
            ("n/8", lambda n: n // 8), ("n/2", lambda n: n // 2)]
# The targets: no slower than PARI at every k; >= 5x gmpy2 for n/300 <= k <= n/16;
# >= 1.3x gmpy2 at n/2 with the default thread count.
GMPY2_RANGE = ("n/300", "n/50", "n/17")
GMPY2_RANGE_TARGET, GMPY2_HALF_TARGET = 5.0, 1.3
# comb(BIG_N, BIG_N // 17), the slice and the multinomial at SLICE_N: timed once
BIG_N, SLICE_N = 10**8, 10**7
QUICK_BIG_N, QUICK_SLICE_N = 10**7, 10**6
BIG_CAP = 60.0       # seconds: pascalrow's comb(BIG_N, ...) is stopped after this
PEER_CAP = 30.0      # seconds: a peer of the big cases predicted or taking longer is left out
QUICK_TOO_LONG = 1.0  # seconds: --quick's bound for math.comb in the sweep and for the big cases' peers
SLICE_LEN = 100


def comb_bits(n, k):
    """log2 C(n, k), from lgamma."""
    return (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)) / math.log(2)


def bench_comb_sweep(ns, budget, log, too_long=TOO_LONG):
    """comb(n, k) for the k of SWEEP_KS at each n in ns, every peer's value
    checked equal to pascalrow's (pascalrow's own: to PARI's).  math.comb is
    left out ("—") where its time, predicted from its last k at the same n
    (quadratic in the bits of the result), is over too_long.
    n → peer → label → cell (with k)."""
    import flint
    import gmpy2
    gp = pari()

    def one_thread(n, k):
        pascalrow.set_num_threads(1)
        try:
            return pascalrow.comb(n, k)
        finally:
            pascalrow.set_num_threads(None)

    peers = {
        "pascalrow.comb": pascalrow.comb,
        "pascalrow.comb, 1 thread": one_thread,
        "int(pari.binomial)": lambda n, k: int(gp.binomial(n, k)),
        "int(gmpy2.comb)": lambda n, k: int(gmpy2.comb(n, k)),
        "int(fmpz.bin_uiui)": lambda n, k: int(flint.fmpz.bin_uiui(n, k)),
        "math.comb": math.comb,
    }
    results = {}
    for n in ns:
        res = results[n] = {name: {} for name in peers}
        math_last = None            # (bits, seconds) of math.comb's last k
        for label, kf in SWEEP_KS:
            k = kf(n)
            bits = comb_bits(n, k)
            log(f"comb({n}, {k}) [{label}] ...")
            want = pari_value = None
            for name, f in peers.items():
                if name == "math.comb" and math_last is not None and (
                        math_last[1] > too_long or math_last[1] * (bits / math_last[0]) ** 2 > too_long):
                    res[name][label] = {"k": k, "skipped": True}
                    continue
                got, t, reps = checked_time(lambda a: f(*a), (n, k), budget)
                if want is None:
                    want = got
                if name == "int(pari.binomial)":
                    pari_value = got
                res[name][label] = {"k": k, "median_s": t, "repeats": reps, "ok": got == want}
                if name == "math.comb":
                    math_last = (bits, t)
                del got
            res["pascalrow.comb"][label]["ok"] = want == pari_value
            del want, pari_value
    return results


def sweep_table(res):
    """Markdown: a row per peer, a column per k (its label and value); each
    cell the median, its ratio to pascalrow.comb's and ✓/✗."""
    labels = [label for label, _ in SWEEP_KS]
    ks = {label: res["pascalrow.comb"][label]["k"] for label in labels}
    return table(res, labels, "pascalrow.comb", lambda label: f"k={label} ({ks[label]})")


def sweep_targets(res, n):
    """The issue's targets at row n: [(target, measured, met)].  Ratios are
    peer time / pascalrow time (above 1: pascalrow faster)."""
    ours = res["pascalrow.comb"]

    def ratio(peer, label):
        c = res[peer].get(label, {})
        return c["median_s"] / ours[label]["median_s"] if "median_s" in c else None

    out = []
    labels = [label for label, _ in SWEEP_KS]
    r = {label: ratio("int(pari.binomial)", label) for label in labels}
    worst = min(labels, key=lambda label: r[label])
    out.append((f"n = {n}: pascalrow.comb no slower than PARI at every k",
                f"lowest {r[worst]:.2g}× at k = {worst}; "
                + ", ".join(f"{label}: {r[label]:.2g}×" for label in labels),
                all(v >= 1 for v in r.values())))
    g = {label: ratio("int(gmpy2.comb)", label) for label in GMPY2_RANGE}
    worst = min(GMPY2_RANGE, key=lambda label: g[label])
    out.append((f"n = {n}: ≥ {GMPY2_RANGE_TARGET:g}× gmpy2 for n/300 ≤ k ≤ n/16",
                f"lowest {g[worst]:.2g}× at k = {worst}; "
                + ", ".join(f"{label}: {g[label]:.2g}×" for label in GMPY2_RANGE),
                all(v >= GMPY2_RANGE_TARGET for v in g.values())))
    h = ratio("int(gmpy2.comb)", "n/2")
    out.append((f"n = {n}: ≥ {GMPY2_HALF_TARGET:g}× gmpy2 at k = n/2, {pascalrow.get_num_threads()} threads "
                f"(default)", f"{h:.2f}×", h >= GMPY2_HALF_TARGET))
    return out


def _comb_in_child(n, k, cap):
    """pascalrow.comb(n, k) timed in a child process, stopped after cap
    seconds: (seconds, value mod 2**61 - 1, bit length), or None if stopped."""
    import subprocess
    code = ("import sys, time, pascalrow\n"
            "n, k = int(sys.argv[1]), int(sys.argv[2])\n"
            "t0 = time.perf_counter(); v = pascalrow.comb(n, k); t = time.perf_counter() - t0\n"
            "print(t, v % (2**61 - 1), v.bit_length())\n")
    try:
        out = subprocess.run([sys.executable, "-c", code, str(n), str(k)], capture_output=True, text=True,
                             timeout=cap, check=True).stdout.split()
    except subprocess.TimeoutExpired:
        return None
    return float(out[0]), int(out[1]), int(out[2])


def bench_comb_big(big_n, slice_n, sweep, log, peer_cap=PEER_CAP):
    """Timed once each: comb(big_n, big_n // 17) by pascalrow (in a child
    process, stopped after BIG_CAP) and by PARI (stopped after peer_cap);
    pascal_row(slice_n, a, a + SLICE_LEN) and multinomial(a, slice_n - a)
    for a = slice_n // 17, with gmpy2's comb loop for the slice when SLICE_LEN
    times one of its calls (from the sweep, or timed here) is under peer_cap.
    Values: the comb against PARI's (mod 2**61 - 1 and bit length), the
    slice against the recurrence from PARI's C(slice_n, a), the multinomial
    against PARI's C(slice_n, a)."""
    import gmpy2
    from cysignals.alarm import AlarmInterrupt, alarm, cancel_alarm
    gp = pari()
    out = {}
    k = big_n // 17
    log(f"comb({big_n}, {k}): pascalrow in a child process (stopped after {BIG_CAP:g} s) ...")
    child = _comb_in_child(big_n, k, BIG_CAP)
    log(f"comb({big_n}, {k}): PARI (stopped after {peer_cap:g} s) ...")
    try:
        alarm(peer_cap)
        t0 = time.perf_counter()
        v = int(gp.binomial(big_n, k))
        pari_t = time.perf_counter() - t0
        cancel_alarm()
        pari_check = (v % (2**61 - 1), v.bit_length())
        del v
    except AlarmInterrupt:
        pari_t = pari_check = None
    ok = None if child is None or pari_check is None else tuple(child[1:]) == pari_check
    out["comb"] = {"n": big_n, "k": k, "cap_s": BIG_CAP, "peer_cap_s": peer_cap,
                   "pascalrow_s": child and child[0], "pari_s": pari_t, "ok": ok}

    a = slice_n // 17
    b = a + SLICE_LEN
    want_a = int(gp.binomial(slice_n, a))
    want = [want_a]
    for j in range(a, b - 1):
        want.append(want[-1] * (slice_n - j) // (j + 1))
    log(f"pascal_row({slice_n}, {a}, {b}) ...")
    t0 = time.perf_counter()
    got = pascalrow.pascal_row(slice_n, a, b)
    slice_t = time.perf_counter() - t0
    s = {"n": slice_n, "start": a, "stop": b, "pascalrow_s": slice_t, "ok": got == want}
    del got
    one = sweep.get(slice_n, {}).get("int(gmpy2.comb)", {}).get("n/17", {})
    if one.get("k") == a and "median_s" in one:
        per_call = one["median_s"]
    else:
        t0 = time.perf_counter()
        int(gmpy2.comb(slice_n, a))
        per_call = time.perf_counter() - t0
    s["gmpy2_predicted_s"] = per_call * SLICE_LEN
    if s["gmpy2_predicted_s"] < peer_cap:
        log(f"gmpy2 comb loop over the slice ...")
        t0 = time.perf_counter()
        got = [int(gmpy2.comb(slice_n, j)) for j in range(a, b)]
        s["gmpy2_s"] = time.perf_counter() - t0
        s["gmpy2_ok"] = got == want
        del got
    out["slice"] = s
    log(f"multinomial({a}, {slice_n - a}) ...")
    t0 = time.perf_counter()
    got = pascalrow.multinomial(a, slice_n - a)
    out["multinomial"] = {"args": [a, slice_n - a], "pascalrow_s": time.perf_counter() - t0,
                          "ok": got == want_a}
    return out


def big_lines(big):
    """Markdown list of the cases timed once."""
    mark = {True: " ✓", False: " ✗", None: ""}
    c, s, m = big["comb"], big["slice"], big["multinomial"]
    ours = fmt(c["pascalrow_s"]) if c["pascalrow_s"] is not None else f"over {c['cap_s']:g} s (stopped)"
    theirs = fmt(c["pari_s"]) if c["pari_s"] is not None else f"over {c['peer_cap_s']:g} s (stopped)"
    ratio = (f" (PARI / pascalrow {c['pari_s'] / c['pascalrow_s']:.2g}×)"
             if c["pascalrow_s"] and c["pari_s"] else "")
    gm = (f"; gmpy2 comb loop {fmt(s['gmpy2_s'])}{mark[s['gmpy2_ok']]} ({s['gmpy2_s'] / s['pascalrow_s']:.2g}×)"
          if "gmpy2_s" in s else f"; gmpy2 comb loop — (predicted {fmt(s['gmpy2_predicted_s'])})")
    return "\n".join([
        f"- comb({c['n']}, {c['k']}): pascalrow {ours}, PARI {theirs}{ratio}{mark[c['ok']]} "
        f"(gmpy2 not run: GMP's mpz_bin_uiui takes minutes at n = 10⁸)",
        f"- pascal_row({s['n']}, {s['start']}, {s['stop']}): {fmt(s['pascalrow_s'])}{mark[s['ok']]}{gm}",
        f"- multinomial({m['args'][0]}, {m['args'][1]}): {fmt(m['pascalrow_s'])}{mark[m['ok']]}",
    ])


def plot_sweep(sweep, path):
    """Log-log, time against k/n, a panel per n, a line per peer."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(sweep), figsize=(7 * len(sweep), 5.5), squeeze=False)
    for ax, (n, res) in zip(axes[0], sweep.items()):
        colors = iter(plt.cm.tab10.colors)
        for name, cells in res.items():
            pts = sorted((c["k"] / n, c["median_s"]) for c in cells.values() if "median_s" in c)
            if not pts:
                continue
            style = {"pascalrow.comb": dict(lw=3, color="black"),
                     "pascalrow.comb, 1 thread": dict(lw=2, ls="--", color="gray")}.get(name) \
                or dict(color=next(colors))
            ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=name, **style)
        ax.axvspan(1 / 300, 1 / 16, color="orange", alpha=0.1, label="n/300 ≤ k ≤ n/16")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("k / n")
        ax.set_ylabel("median time per call (s)")
        ax.set_title(f"comb({n}, k) as a Python int")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


# ------------------------------------------------------------------- dask

DASK_N = 10**7
DASK_MOD = 10**9 + 7
DASK_WORKERS = 2
# blocks of the row: one per worker, and 8 (smaller tasks, more seeds)
DASK_BLOCKS = [DASK_WORKERS, 8]


def bench_dask(budget, log):
    """Row DASK_N mod DASK_MOD, dtype uint64: pascal_row in this process,
    then pascalrow.dask.pascal_row(...).compute() on the LocalCluster, one
    entry per block count; ✓ = equal to this process's row.  name → (median
    seconds, repeats, ok)."""
    import numpy
    from dask.distributed import Client, LocalCluster

    import pascalrow.dask

    n, p = DASK_N, DASK_MOD
    log(f"row {n} mod {p}: this process ...")
    t0 = time.perf_counter()
    want = numpy.asarray(pascalrow.pascal_row(n, mod=p, dtype="uint64"))
    first = time.perf_counter() - t0
    t, reps = median_time(lambda a: pascalrow.pascal_row(*a, mod=p, dtype="uint64"), (n,), budget, first,
                          one_by_one=True)
    results = {"pascal_row(n, mod=p, dtype='uint64')": {"median_s": t, "repeats": reps, "ok": None}}
    log(f"row {n} mod {p}: LocalCluster of {DASK_WORKERS} worker processes ...")
    with LocalCluster(n_workers=DASK_WORKERS, processes=True, threads_per_worker=1,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.wait_for_workers(DASK_WORKERS)
        client.run(importlib.import_module, "pascalrow.dask")   # each worker's imports, untimed
        for blocks in DASK_BLOCKS:
            chunks = -(-(n + 1) // blocks)

            def compute(n):
                return pascalrow.dask.pascal_row(n, mod=p, chunks=chunks).compute()

            t0 = time.perf_counter()
            got = compute(n)
            first = time.perf_counter() - t0
            ok = bool(numpy.array_equal(got, want))
            del got
            t, reps = median_time(compute, n, budget, first, one_by_one=True)
            name = f"pascalrow.dask, {blocks} blocks, .compute()"
            results[name] = {"median_s": t, "repeats": reps, "ok": ok, "blocks": blocks}

        # each block summed on its worker: values < p < 2**30, blocks of at
        # most 5 * 10**6 values, so no uint64 sum wraps before % p
        def block_sums(n):
            row = pascalrow.dask.pascal_row(n, mod=p, chunks=-(-(n + 1) // DASK_WORKERS))
            sums = row.map_blocks(lambda b: b.sum(keepdims=True) % p, chunks=((1,) * DASK_WORKERS,))
            return sum(int(s) for s in sums.compute()) % p

        t0 = time.perf_counter()
        ok = block_sums(n) == pow(2, n, p)
        first = time.perf_counter() - t0
        t, reps = median_time(block_sums, n, budget, first, one_by_one=True)
        name = f"pascalrow.dask, {DASK_WORKERS} blocks, each block's sum mod p (nothing gathered)"
        results[name] = {"median_s": t, "repeats": reps, "ok": ok, "blocks": DASK_WORKERS}
    return results


def dask_table(results):
    """Markdown: time, values per second and the ratio to this process's
    time (above 1: slower); ✓ = equal to this process's row, or (sums) to
    2**n mod p."""
    base = results["pascal_row(n, mod=p, dtype='uint64')"]["median_s"]
    lines = ["| computed by | time | values/s | ratio |", "|:---|---:|---:|---:|"]
    for name, c in results.items():
        mark = {True: " ✓", False: " ✗", None: ""}[c["ok"]]
        lines.append(f"| {name} | {fmt(c['median_s'])}{mark} | {(DASK_N + 1) / c['median_s']:.3g} "
                     f"| {c['median_s'] / base:.2g}× |")
    return "\n".join(lines)


# ---------------------------------------------------------- rows mod m

def bench_mod_rows(n, big_n, budget, log):
    """Rows mod m (see the module's docstring); every answer checked equal
    to the old algorithm's (ok) before it is timed."""
    import _benchpeers
    import numpy

    threads = pascalrow.get_num_threads()

    def row(m, t, dtype="uint64", size=n):
        pascalrow.set_num_threads(t)
        return pascalrow.pascal_row(size, mod=m, dtype=dtype)

    def into(m, t, size=n):
        pascalrow.set_num_threads(t)
        return pascalrow.pascal_row(size, mod=m, out=numpy.empty(size + 1, numpy.uint64))

    def old(m, size=n):
        out = array.array("Q", bytes(8 * (size + 1)))
        _benchpeers.old_row_mod(size, m, out)
        return out

    def ns(f):
        return median_time(lambda _: f(), None, budget, one_by_one=True)[0] / (n + 1) * 1e9

    cases = []
    try:
        floors = {"array_ns": ns(lambda: array.array("Q", [0]) * (n + 1)),
                  "numpy_ns": ns(lambda: numpy.ones(n + 1, numpy.uint64))}
        for m, kind, target in MOD_CASES:
            log(f"row {n} mod {m} ...")
            want = old(m)
            ok = (row(m, 1) == want and row(m, threads) == want and row(m, threads, None) == want.tolist()
                  and into(m, 1).tolist() == want.tolist() and into(m, threads).tolist() == want.tolist())
            cell = {"m": m, "kind": kind, "target_ns": target, "ok": ok,
                    "old_ns": ns(lambda: old(m)), "one_ns": ns(lambda: row(m, 1)),
                    "all_ns": ns(lambda: row(m, threads)),
                    "out_one_ns": ns(lambda: into(m, 1)), "out_all_ns": ns(lambda: into(m, threads))}
            pascalrow.set_num_threads(None)
            cell["list_ns"] = ns(lambda: pascalrow.pascal_row(n, mod=m))
            cell["floor_ns"] = ns(want.tolist)
            cases.append(cell)
        m = 10**9 + 7
        big = {"n": big_n, "m": m, "threads": threads}
        for name, f in [("array", row), ("out", into)]:
            log(f"row {big_n} mod 10**9 + 7 ({name}) ...")
            big[name] = {"one_s": median_time(lambda _: f(m, 1, size=big_n), None, budget, one_by_one=True)[0],
                         "all_s": median_time(lambda _: f(m, threads, size=big_n), None, budget,
                                              one_by_one=True)[0]}
        a, b = into(m, 1, size=big_n), into(m, threads, size=big_n)
        big["ok"] = bool((a == b).all()) and row(m, 1, size=big_n) == array.array("Q", a.tobytes())
        del a, b
    finally:
        pascalrow.set_num_threads(None)
    return {"n": n, "threads": threads, "cases": cases, "big": big, **floors}


def mod_targets(r):
    """The new array's targets: [(target, measured, met, reason when not)].
    The ratio, on 1 and on get_num_threads() threads, is the new array's
    time over the time into numpy.empty summed over the primes of MOD_CASES
    (medians of one run; a sum, so that one noisy median does not decide)."""
    primes = [c for c in r["cases"] if c["kind"] == "prime"]
    ratio = {t: sum(c[a] for c in primes) / sum(c[o] for c in primes)
             for t, a, o in ((1, "one_ns", "out_one_ns"), (r["threads"], "all_ns", "out_all_ns"))}
    each = [c[a] / c[o] for c in primes for a, o in (("one_ns", "out_one_ns"), ("all_ns", "out_all_ns"))]
    worst = max(ratio, key=ratio.get)
    out = [(f"new WordArray within {WORD_ARRAY_RATIO}× of into numpy.empty, row {r['n']} mod p",
            " / ".join(f"{ratio[t]:.2f}× on {t} thread{'s' if t > 1 else ''}" for t in ratio)
            + f" (each prime: {min(each):.2f}–{max(each):.2f}×)",
            max(ratio.values()) <= WORD_ARRAY_RATIO,
            f"{ratio[worst]:.2f}× on {worst} thread(s); a spread of the primes' ratios around 1 is this "
            f"machine's noise, a spread above it the new array's cost (see the floors)")]
    b = r["big"]
    speedup, out_speedup = b["array"]["one_s"] / b["array"]["all_s"], b["out"]["one_s"] / b["out"]["all_s"]
    if b["threads"] < 2:
        reason = "one thread only on this machine (get_num_threads() = 1)"
    elif out_speedup < WORD_ARRAY_SPEEDUP:
        reason = f"into numpy.empty gains only {out_speedup:.2f}× as well: the cores are busy or memory-bound"
    else:
        reason = f"into numpy.empty gains {out_speedup:.2f}×: the new array's memory is not faulted in on every core"
    out.append((f"new WordArray ≥ {WORD_ARRAY_SPEEDUP}× on {b['threads']} threads over 1, row {b['n']} mod {b['m']}",
                f"{speedup:.2f}× (into numpy.empty {out_speedup:.2f}×)",
                b["threads"] >= 2 and speedup >= WORD_ARRAY_SPEEDUP, reason))
    return out


def mod_tables(r):
    t = r["threads"]
    lines = [f"| m | kind | old (107cd49), 1 thread | new WordArray, 1 thread | new WordArray, {t} threads "
             f"| into numpy.empty (out=), 1 thread | into numpy.empty, {t} threads "
             f"| target | old / new (1 thread) | list of ints / floor | ok |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|"]
    for c in r["cases"]:
        lines.append(f"| {c['m']} | {c['kind']} | {c['old_ns']:.1f} | {c['one_ns']:.1f} | {c['all_ns']:.1f} "
                     f"| {c['out_one_ns']:.1f} | {c['out_all_ns']:.1f} "
                     f"| ≤ {c['target_ns']} | {c['old_ns'] / c['one_ns']:.1f}× "
                     f"| {c['list_ns'] / c['floor_ns']:.2f} | {'✓' if c['ok'] else '✗'} |")
    lines += ["", f"Creating the output alone, ns per value: a zeroed array.array {r['array_ns']:.2f}, "
                  f"numpy.ones (numpy.empty and every page touched) {r['numpy_ns']:.2f}."]
    b = r["big"]
    for name, what in [("array", "new WordArray (dtype='uint64')"), ("out", "into numpy.empty (out=)")]:
        x, per = b[name], (b["n"] + 1) / 1e9
        lines += ["", f"Row {b['n']} mod {b['m']}, {what}: 1 thread {fmt(x['one_s'])} "
                      f"({x['one_s'] / per:.2f} ns/value), {b['threads']} threads {fmt(x['all_s'])} "
                      f"({x['all_s'] / per:.2f} ns/value): speed-up {x['one_s'] / x['all_s']:.2f}× "
                      f"{'✓' if b['ok'] else '✗ (values differ)'}"]
    lines += ["", "The new array's targets (ratio = new WordArray time / into numpy.empty time, "
                  "medians of this run):", "", "| target | measured | |", "|---|---|---|"]
    for what, measured, met, reason in mod_targets(r):
        lines.append(f"| {what} | {measured} | {'✓ met' if met else '✗ not met: ' + reason} |")
    return "\n".join(lines)


# ------------------------------------------------------------------- plot

def plot(results, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 6))
    colors = iter(plt.cm.tab10.colors[:7] + plt.cm.tab10.colors[8:] + plt.cm.Dark2.colors)
    for name, cells in results.items():
        pts = sorted((n, c["median_s"]) for n, c in cells.items() if "median_s" in c)
        if not pts:
            continue
        style = {"pascalrow": dict(lw=3, color="black"),
                 "floor": dict(lw=2, ls="--", color="gray")}.get(name) or dict(color=next(colors))
        ax.plot([p[0] for p in pts], [p[1] for p in pts], marker="o", label=name, **style)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("n (row n has n + 1 values)")
    ax.set_ylabel("median time per row (s)")
    ax.set_title("Row n of Pascal's triangle as Python ints")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


# ------------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller sizes and budget (~2 min)")
    ap.add_argument("--sizes", type=int, nargs="+", help="row sizes (default: all, or the quick ones)")
    ap.add_argument("--comb-sizes", type=int, nargs="*", help="n for comb(n, n//2)")
    ap.add_argument("--no-slices", action="store_true", help="leave out the slice table")
    ap.add_argument("--no-dask", action="store_true", help="leave out the dask table")
    ap.add_argument("--no-mod", action="store_true", help="leave out the rows mod m")
    ap.add_argument("--sweep-sizes", type=int, nargs="*",
                    help="n for comb(n, k) swept over k (default: 10**6 10**7, quick 10**5 10**6; none: no sweep)")
    ap.add_argument("--no-big", action="store_true",
                    help="leave out comb(10**8, 10**8 // 17), the slice and the multinomial timed once")
    ap.add_argument("--budget", type=float, help="seconds per measurement")
    ap.add_argument("--out", type=pathlib.Path, default=HERE / "results", help="where JSON and PNG go")
    ap.add_argument("--memory", choices=["cold", "warm"], default="cold",
                    help="cold: malloc_trim(0) before each sample, so outputs land in fresh pages "
                         "(default); warm: reuse whatever the allocator kept")
    args = ap.parse_args(argv)
    global COLD
    COLD = args.memory == "cold"
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    comb_sizes = args.comb_sizes if args.comb_sizes is not None else (COMB_SIZES[:2] if args.quick else COMB_SIZES)
    budget = args.budget or (0.1 if args.quick else 0.5)
    sweep_ns = args.sweep_sizes if args.sweep_sizes is not None else (QUICK_SWEEP_NS if args.quick else SWEEP_NS)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    started = time.time()
    rows = bench_rows(sizes, budget, log)
    combs = bench_comb(comb_sizes, budget, log) if comb_sizes else {}
    too_long = QUICK_TOO_LONG if args.quick else None
    sweep = bench_comb_sweep(sweep_ns, budget, log, too_long or TOO_LONG) if sweep_ns else {}
    big = None if args.no_big else bench_comb_big(QUICK_BIG_N if args.quick else BIG_N,
                                                  QUICK_SLICE_N if args.quick else SLICE_N, sweep, log,
                                                  too_long or PEER_CAP)
    slices = [] if args.no_slices else (QUICK_SLICES if args.quick else SLICES)
    slice_results = bench_slices(slices, budget, log) if slices else {}
    row_sums = [] if args.no_slices else (ROW_SUMS[:2] if args.quick else ROW_SUMS)
    row_sum_results = bench_row_sum(row_sums, budget, log) if row_sums else {}
    pairs = QUICK_ARRAY_PAIRS if args.quick else ARRAY_PAIRS
    array_results, array_labels = bench_comb_array(pairs, budget, log)
    other_results, other_labels = bench_valuation_binomial(budget, log)
    dask_results = {} if args.no_dask else bench_dask(budget, log)
    mod_results = None if args.no_mod else bench_mod_rows(QUICK_MOD_N if args.quick else MOD_N,
                                                          QUICK_MOD_BIG_N if args.quick else MOD_BIG_N,
                                                          budget, log)

    threads = pascalrow.get_num_threads() if hasattr(pascalrow, "get_num_threads") else 1
    print(f"\n## Rows: median time per call (ratio = peer / pascalrow; ✓ = equal to math.comb)\n")
    print(f"pascalrow {pascalrow.__version__}, {threads} thread(s); Python {platform.python_version()}; "
          f"{platform.machine()}, {os.cpu_count()} CPUs; memory {args.memory}"
          f"{'' if MALLOC_TRIM or not COLD else ' (no malloc_trim here: warm)'}\n")
    print(table(rows, sizes, "pascalrow", lambda n: f"n={n}"))
    if row_targets(rows):
        print(f"\nThe row targets (issue 25; ratios in this run, pascalrow on {threads} thread(s)):\n")
        print(row_target_lines(rows))
    if combs:
        print("\n## comb(n, n // 2): median time per call\n")
        print(table(combs, comb_sizes, "pascalrow.comb", lambda n: f"comb({n}, {n // 2})"))
    targets = []
    for n, res in sweep.items():
        print(f"\n## comb({n}, k) swept over k: median time per call (ratio = peer / pascalrow.comb; "
              f"✓ = equal to pascalrow's value, pascalrow's own to PARI's)\n")
        print(sweep_table(res))
    if sweep:
        n = max(sweep)
        targets = sweep_targets(sweep[n], n)
        print(f"\nThe comb targets at n = {n} (ratio = peer time / pascalrow time):\n")
        print("| target | measured | |\n|---|---|---|")
        for what, measured, met in targets:
            print(f"| {what} | {measured} | {'met' if met else 'not met'} |")
    if big:
        print("\nTimed once:\n")
        print(big_lines(big))
    if slice_results:
        print("\n## Slices: median time per call (✓ = equal to gmpy2's values)\n")
        print(table(slice_results, slices, "pascal_row(n, start, stop)",
                    lambda nab: f"({nab[0]}, {nab[1]}, {nab[2]})"))
    if row_sum_results:
        print("\n## row_sum: median time per call (✓ = equal to sum(pascal_row(n, a, b)))\n")
        print(table(row_sum_results, row_sums, "row_sum(n, a, b)",
                    lambda nab: f"({nab[0]}, {nab[1]}, {nab[2]})"))
    print(f"\n## comb_array over {pairs:,} pairs: median time per call (ratio = peer / comb_array; "
          "✓ = the same values)\n")
    print(table(array_results, array_labels, "comb_array", lambda label: label))
    print("\n" + "\n".join(array_target_lines(array_results, array_labels, pairs)))
    print("\n## valuation and binomial: median time per call (ratio = peer / pascalrow)\n")
    print(table(other_results, other_labels, "pascalrow", lambda label: label))
    if dask_results:
        print(f"\n## Row {DASK_N} mod {DASK_MOD} as uint64: this process against pascalrow.dask "
              f"on a LocalCluster of {DASK_WORKERS} worker processes (✓ = equal to this process's)\n")
        print(dask_table(dask_results))
    if mod_results:
        print(f"\n## Rows mod m, row {mod_results['n']}, uint64: median ns per value "
              f"(✓ = equal to the old algorithm's values)\n")
        print(mod_tables(mod_results))
    print(f"\n— = not run: predicted or measured over ~{TOO_LONG:g} s, or (slices) a whole row "
          f"beyond this machine's memory; blank = does not apply. "
          f"Total benchmark time {time.time() - started:.0f} s.")

    args.out.mkdir(parents=True, exist_ok=True)
    data = {
        "python": sys.version, "platform": platform.platform(), "cpus": os.cpu_count(),
        "pascalrow": pascalrow.__version__, "threads": threads, "quick": args.quick,
        "memory": args.memory, "malloc_trim": bool(MALLOC_TRIM),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "rows": {name: {str(n): c for n, c in cells.items()} for name, cells in rows.items()},
        "row_targets": [{"target": what, "measured": measured, "met": met, "reason": reason}
                        for what, measured, met, reason in row_targets(rows)],
        "comb": {name: {str(n): c for n, c in cells.items()} for name, cells in combs.items()},
        "comb_sweep": {str(n): res for n, res in sweep.items()},
        "comb_targets": [{"target": what, "measured": measured, "met": met} for what, measured, met in targets],
        "comb_big": big,
        "slices": {name: {",".join(map(str, nab)): c for nab, c in cells.items()}
                   for name, cells in slice_results.items()},
        "row_sum": {name: {",".join(map(str, nab)): c for nab, c in cells.items()}
                    for name, cells in row_sum_results.items()},
        "comb_array": {"pairs": pairs, **array_results},
        "valuation_binomial": other_results,
        "dask": {"n": DASK_N, "mod": DASK_MOD, "workers": DASK_WORKERS, "results": dask_results},
        "mod_rows": mod_results,
    }
    stem = ("bench-quick" if args.quick else "bench") + ("" if COLD else "-warm")
    (args.out / f"{stem}.json").write_text(json.dumps(data, indent=1) + "\n")
    plot(rows, args.out / f"{stem}-rows.png")
    plots = [args.out / f"{stem}-rows.png"]
    if sweep:
        plot_sweep(sweep, args.out / f"{stem}-comb-sweep.png")
        plots.append(args.out / f"{stem}-comb-sweep.png")
    print(f"\nraw results: {args.out / (stem + '.json')}; plots: {', '.join(map(str, plots))}")


if __name__ == "__main__":
    main()
