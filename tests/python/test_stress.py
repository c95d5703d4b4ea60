"""Stress: big rows on many threads, many Python threads at once, the thread
count changed under running calls, Ctrl-C in the middle of all that.

Every workload runs in a child process (sys.executable -c SCRIPT SEED), so a
crash fails its test with the signal named ("child killed by SIGSEGV") and
the child's stderr (faulthandler prints every thread's Python stack there)
instead of taking pytest down.  Each test draws its own seed;
a failure names it, and PASCALROW_STRESS_SEED=<seed> replays the same rows
(the interleaving of threads is up to the scheduler, so a replay makes a
crash likelier, not certain).

Every row is checked exactly in the child: its length, sum == 2**n,
symmetry, increasing up to the middle, C(n,k+1)·(k+1) == C(n,k)·(n−k) at
sampled k (at every k for rows mod m), and sampled values against an
independent exact C(n, k) (a product of prime powers by Legendre's formula:
math.comb(10**6, 5*10**5) alone takes ~10 s on CPython 3.11).

The crash these were written for (df12e11: helper threads writing to memory
the caller had freed) was a race: on two cores some test here failed with
SIGSEGV in 9 or 10 runs of the file out of 10, any one test in 1-7 of 10.

No timing is asserted except that Ctrl-C is answered within 2 s.
Runtime: ~45-60 s on two cores (CPython 3.11-3.13).
"""
import os
import random
import signal
import textwrap

import pytest
from sigint import parse, python_child

CHILD_TIMEOUT = 180   # seconds; a child normally takes 5-15 s


@pytest.fixture
def seed():
    value = os.environ.get("PASCALROW_STRESS_SEED")
    return int(value) if value else random.SystemRandom().randrange(2**32)


def describe(returncode):
    if returncode is None:
        return "child still running"
    if returncode < 0:
        try:
            return f"child killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"child killed by signal {-returncode}"
    return f"child exited with status {returncode}"


def excerpt(text, chars=4000):
    """text, or its start and end if long: after a crash faulthandler puts
    "Fatal Python error: ..." and the crashing thread first, the other
    threads after it; an exception's traceback comes last."""
    text = text.strip()
    if len(text) <= chars:
        return text
    return text[:chars // 2] + "\n[...]\n" + text[-chars // 2:]


def run_child(script, seed, *args, timeout=CHILD_TIMEOUT):
    """Run CHECKS + script in a fresh interpreter with argv [seed, *args]
    (sigint.python_child: a child past its time writes every thread's stack
    to stderr and exits).  Fail (naming the seed, the signal or exit status
    and the child's stderr) unless the child exits with status 0.  Returns
    the lines of its stdout."""
    status, out, stderr, timed_out = python_child(CHECKS + textwrap.dedent(script), seed, *args,
                                                  timeout=timeout)
    if status == 0:
        return out.splitlines()
    how = (f"child timed out after {timeout} s (its threads' stacks in its stderr)"
           if timed_out else describe(status))
    message = [f"{how}; seed {seed} (rerun with PASCALROW_STRESS_SEED={seed})"]
    if out:
        message.append("child's stdout:\n" + excerpt(out, 1500))
    message.append("child's stderr:\n" + (excerpt(stderr) or "(empty)"))
    pytest.fail("\n".join(message), pytrace=False)


def last_line(lines, word):
    """The child's closing line `word key=value ...` as a dict of ints."""
    assert lines and lines[-1].split()[0] == word, lines[-5:]
    return {k: int(v) for k, v in (f.split("=") for f in lines[-1].split()[1:])}


# Prepended to every child script: the checks, and the helpers the scripts share.
CHECKS = textwrap.dedent('''
    import math, mmap, random, sys, threading, time, traceback
    import pascalrow

    SEED = int(sys.argv[1])
    RELEASE_GIL_N = 2000     # from here on rows are built with the GIL released
    SPLIT_N = 4825           # from about here on rows are split across threads
    COUNTS = (1, 2, 3, 4, 8)

    def _primes(limit):
        sieve = bytearray([1]) * (limit + 1)
        sieve[:2] = b"\\0\\0"
        for p in range(2, math.isqrt(limit) + 1):
            if sieve[p]:
                sieve[p * p::p] = bytes(len(range(p * p, limit + 1, p)))
        return [p for p in range(limit + 1) if sieve[p]]

    PRIMES_UP_TO = 10**6
    PRIMES = _primes(PRIMES_UP_TO)

    def exact_comb(n, k):
        """C(n, k), independently of pascalrow: the product of p**e over the
        primes p <= n, e from Legendre's formula (fast where math.comb of a
        big middle coefficient is not, on CPython 3.11)."""
        if not 0 <= k <= n:
            return 0
        assert n <= PRIMES_UP_TO
        k = min(k, n - k)
        factors = []
        for p in PRIMES:
            if p > n:
                break
            e, q = 0, p
            while q <= n:
                e += n // q - k // q - (n - k) // q
                q *= p
            if e:
                factors.append(p ** e)
        while len(factors) > 1:
            factors = [math.prod(factors[i:i + 2]) for i in range(0, len(factors), 2)]
        return factors[0] if factors else 1

    assert all(exact_comb(n, k) == math.comb(n, k) for n in range(60) for k in range(n + 2))
    assert exact_comb(3000, 1234) == math.comb(3000, 1234)

    def sample(n, rng, count):
        """The ends, the middle and count random k of row n."""
        ks = {0, 1, n // 2, n - 1, n} | {rng.randint(0, n) for _ in range(count)}
        return sorted(k for k in ks if 0 <= k <= n)

    def check_row(row, n, rng, mod=None):
        """row is row n of Pascal's triangle (each value % mod if mod)."""
        what = f"row {n}" + (f" mod {mod}" if mod else "")
        assert type(row) is list, (what, type(row))
        assert len(row) == n + 1, (what, "length", len(row))
        if mod is None:
            assert sum(row) == 1 << n, (what, "sum is not 2**n")
        else:
            assert min(row) >= 0 and max(row) < mod, (what, "values outside [0, mod)")
            assert sum(row) % mod == pow(2, n, mod), (what, "sum is not 2**n mod m")
        if row != row[::-1]:
            k = next(k for k in range(n + 1) if row[k] != row[n - k])
            raise AssertionError((what, "not symmetric at k =", k))
        if mod is None:
            # increasing up to the middle (cheap: big ints compare from the
            # top), so no two values are swapped, a thing the sum misses
            if not all(a < b for a, b in zip(row, row[1:n // 2 + 1])):
                k = next(k for k in range(n // 2) if not row[k] < row[k + 1])
                raise AssertionError((what, "not increasing at k =", k))
            for k in sample(n, rng, 24):
                if k < n:
                    assert row[k + 1] * (k + 1) == row[k] * (n - k), \
                        (what, "C(n,k+1)(k+1) != C(n,k)(n-k) at k =", k)
        else:                               # small values: the recurrence at every k
            for k, a, b in zip(range(n), row, row[1:]):
                if (b * (k + 1) - a * (n - k)) % mod:
                    raise AssertionError((what, "C(n,k+1)(k+1) != C(n,k)(n-k) at k =", k))
        for k in sample(n, rng, 2):
            want = exact_comb(n, k) if mod is None else exact_comb(n, k) % mod
            assert row[k] == want, (what, "wrong value at k =", k)

    def check_slice(values, n, start, stop):
        """values is pascal_row(n, start, stop): every value follows from
        C(n, start) by the recurrence, and both ends are exact."""
        stop = min(stop, n + 1)
        what = f"row {n}[{start}:{stop}]"
        assert type(values) is list, (what, type(values))
        assert len(values) == max(0, stop - start), (what, "length", len(values))
        if values:
            assert values[0] == exact_comb(n, start), (what, "first value")
            for i in range(len(values) - 1):
                k = start + i
                assert values[i + 1] * (k + 1) == values[i] * (n - k), (what, "recurrence at k =", k)
            assert values[-1] == exact_comb(n, stop - 1), (what, "last value")

    def check_triangle(n):
        """pascal_triangle(n) gives rows 0..n, each the sums of the one before."""
        prev = None
        count = 0
        for i, row in enumerate(pascalrow.pascal_triangle(n)):
            want = [1] if prev is None else [1, *map(sum, zip(prev, prev[1:])), 1]
            assert row == want, (f"triangle {n}", "row", i)
            prev = row
            count += 1
        assert count == n + 1, (f"triangle {n}", "rows", count)

    def some_n(rng):
        """Mostly 2000..40000 (GIL released, split on >= 2 threads); some small,
        some up to 70000."""
        r = rng.random()
        if r < 0.1:
            return rng.randint(0, 100)
        if r < 0.2:
            return rng.randint(101, RELEASE_GIL_N + 10)
        if r < 0.8:
            return rng.randint(RELEASE_GIL_N, 40000)
        return rng.randint(40001, 70000)

    def churn(stop, rng):
        """Until stop is set: map, fill (from /dev/zero, GIL released) and
        unmap 1-16 MB at a time while rows are being built, as any program
        might; returns the bytes churned.  Page faults and munmap here slow
        the helpers' own faults down: on df12e11 this made the crash several
        times likelier per row."""
        churned = 0
        with open("/dev/zero", "rb", buffering=0) as zero:
            while not stop.is_set():
                size = rng.randint(1, 16) << 20
                with mmap.mmap(-1, size) as m:
                    assert zero.readinto(m) == size
                churned += size
        return churned

    def run_threads(targets):
        """Start one Python thread per target, all released at once by a
        barrier; join them; re-raise the first exception any of them hit."""
        barrier = threading.Barrier(len(targets))
        errors = []

        def wrap(target):
            try:
                barrier.wait()
                target()
            except BaseException:
                errors.append(traceback.format_exc())

        threads = [threading.Thread(target=wrap, args=(t,)) for t in targets]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise AssertionError(f"{len(errors)} thread(s) failed; the first:\\n{errors[0]}")
''')


THREAD_COUNTS = """
    ROWS = int(sys.argv[2])
    rows = []                                  # (n, threads)
    stop = threading.Event()

    def build():
        rng = random.Random(SEED)
        try:
            for i in range(ROWS):
                # a different count for nearly every call; every other call
                # a big row on 3+ threads (the crash needed both)
                threads = rng.choice(COUNTS if i % 2 else (3, 4, 8))
                pascalrow.set_num_threads(threads)
                assert pascalrow.get_num_threads() == threads
                n = some_n(rng) if i % 2 else rng.randint(20000, 70000)
                check_row(pascalrow.pascal_row(n), n, rng)
                rows.append((n, threads))
        finally:
            stop.set()

    run_threads([build, lambda: churn(stop, random.Random(f"{SEED}-churn"))])
    split = sum(n >= SPLIT_N and threads >= 3 for n, threads in rows)
    print(f"ok rows={len(rows)} split3={split}")
"""


def test_thread_counts_changed_between_calls(seed):
    """1, 2, 3, 4 and 8 threads (more than the cores), set before each call,
    on random rows big and small, one Python thread; another one allocates
    and frees big buffers meanwhile."""
    done = last_line(run_child(THREAD_COUNTS, seed, 80), "ok")
    assert done["rows"] == 80 and done["split3"] >= 40, done


ISSUE_ONE_THREAD = """
    stop = threading.Event()
    churned = []
    if sys.argv[2] == "churn":
        churner = threading.Thread(target=lambda: churned.append(churn(stop, random.Random(SEED + 1))))
        churner.start()
    rng = random.Random(SEED)
    pascalrow.set_num_threads(3)
    try:
        for _ in range(60):
            n = rng.randint(2000, 70000)
            check_row(pascalrow.pascal_row(n), n, rng)
    finally:
        stop.set()
    if sys.argv[2] == "churn":
        churner.join()
        assert churned and churned[0] > 0, churned
    print("ok rows=60")
"""

ISSUE_PYTHON_THREADS = """
    workers = int(sys.argv[2])
    pascalrow.set_num_threads(None)
    sizes = list(range(7000, 20001, 1000))
    counted = []

    def worker(i):
        rng = random.Random(f"{SEED}-{i}")
        for n in sizes[i:] + sizes[:i]:     # rotated: different sizes at the same moment
            check_row(pascalrow.pascal_row(n), n, rng)
            counted.append(n)

    run_threads([lambda i=i: worker(i) for i in range(workers)])
    print(f"ok threads={pascalrow.get_num_threads()} rows={len(counted)}")
"""


@pytest.mark.parametrize("meanwhile", ["alone", "churn"])
def test_issue_three_threads_in_a_loop(seed, meanwhile):
    """The issue's first reproduction: set_num_threads(3), then big rows of
    random n in a loop in one Python thread (segfaulted within a few dozen
    rows); alone, and with another Python thread mapping and unmapping
    memory meanwhile (which made the crash likelier)."""
    assert last_line(run_child(ISSUE_ONE_THREAD, seed, meanwhile), "ok") == {"rows": 60}


@pytest.mark.parametrize("workers", [6, 8])
def test_issue_python_threads_at_once(seed, workers):
    """The issue's second reproduction: the default thread count, several
    Python threads each building rows 7000..20000 at the same time."""
    done = last_line(run_child(ISSUE_PYTHON_THREADS, seed, workers), "ok")
    assert done["rows"] == workers * 14, done


EVERYTHING_AT_ONCE = """
    WORKERS, OPS = 8, 14
    pascalrow.set_num_threads(None)
    DEFAULT = pascalrow.get_num_threads()
    BIG = [(10**6, 5 * 10**5), (10**6, 1234), (8 * 10**5, 123456), (60000, 30000)]
    BIG_WANT = {nk: exact_comb(*nk) for nk in BIG}   # before any thread starts
    MODS = [2, 3, 12, 27, 1000003, 10**9 + 6, 10**9 + 7, 2**32, 2**61 - 1, 2**63 - 25]
    stop = threading.Event()
    done = []                                # op names (list.append is atomic)
    knob_turns = []
    churned = []

    def whole_row(rng):
        n = some_n(rng) if rng.random() < 0.5 else rng.randint(20000, 70000)
        check_row(pascalrow.pascal_row(n), n, rng)

    def a_slice(rng):
        n = rng.randint(RELEASE_GIL_N, 70000)
        start = rng.randint(0, n)
        stop_ = start + rng.randint(0, 1500)
        check_slice(pascalrow.pascal_row(n, start, stop_), n, start, stop_)

    def a_comb(rng):
        if rng.random() < 0.4:
            nk = rng.choice(BIG)
            assert pascalrow.comb(*nk) == BIG_WANT[nk], ("comb", nk)
        else:
            n = rng.randint(0, 70000)
            k = rng.randint(0, n + 2)
            assert pascalrow.comb(n, k) == exact_comb(n, k), ("comb", n, k)
        n = rng.randint(0, 70000)
        k, m = rng.randint(0, n), rng.choice(MODS)
        assert pascalrow.comb(n, k, mod=m) == exact_comb(n, k) % m, ("comb", n, k, "mod", m)

    def mod_row(rng):
        n, m = some_n(rng), rng.choice(MODS)
        check_row(pascalrow.pascal_row(n, mod=m), n, rng, mod=m)

    def triangle(rng):
        check_triangle(rng.randint(0, 500) if rng.random() < 0.8 else rng.randint(1990, 2010))

    OPERATIONS = [whole_row, whole_row, a_slice, a_comb, mod_row, triangle]

    def worker(i):
        rng = random.Random(f"{SEED}-{i}")
        for j in range(OPS):
            op = OPERATIONS[(i + j) % len(OPERATIONS)] if j < len(OPERATIONS) else rng.choice(OPERATIONS)
            op(rng)
            done.append(op.__name__)

    def knob():
        rng = random.Random(f"{SEED}-knob")
        while not stop.is_set():
            threads = rng.choice([*COUNTS, None, 3, 4, 8])
            pascalrow.set_num_threads(threads)
            assert pascalrow.get_num_threads() == (threads or DEFAULT)
            knob_turns.append(threads)
            time.sleep(rng.uniform(0, 0.01))

    def knob_until_done():
        try:
            knob()
        finally:
            stop.set()

    def churn_until_done():
        try:
            churned.append(churn(stop, random.Random(f"{SEED}-churn")))
        finally:
            stop.set()

    def workers_then_stop():
        try:
            run_threads([lambda i=i: worker(i) for i in range(WORKERS)])
        finally:
            stop.set()

    run_threads([workers_then_stop, knob_until_done, churn_until_done])
    print(f"ok ops={len(done)} turns={len(knob_turns)} churned_mb={sum(churned) >> 20}",
          *(f"{op.__name__}={done.count(op.__name__)}" for op in OPERATIONS[1:]))
"""


def test_everything_at_once_while_the_thread_count_changes(seed):
    """Eight Python threads building whole rows, slices, comb (up to
    C(10**6, 5*10**5)), rows and comb mod m and triangles at once, while
    another one keeps changing set_num_threads and another allocates and
    frees big buffers; every result checked."""
    done = last_line(run_child(EVERYTHING_AT_ONCE, seed), "ok")
    assert done["ops"] == 8 * 14 and done["turns"] >= 10 and done["churned_mb"] > 0, done
    for op in ("whole_row", "a_slice", "a_comb", "mod_row", "triangle"):
        assert done[op] >= 1, done


CTRL_C = """
    from sigint import interrupt_call
    N = int(sys.argv[2])
    ROUNDS = [int(t) for t in sys.argv[3].split(",")]
    WHEN = float(sys.argv[4])
    rng = random.Random(SEED)
    for r, threads in enumerate(ROUNDS):
        pascalrow.set_num_threads(threads)
        stop = threading.Event()
        other = {"rows": 0, "errors": []}

        def other_rows(orng=random.Random(f"{SEED}-other-{r}")):
            while not stop.is_set():
                m = orng.randint(20000, 60000)
                try:
                    check_row(pascalrow.pascal_row(m), m, orng)
                    other["rows"] += 1
                except BaseException:
                    other["errors"].append(traceback.format_exc())

        t = threading.Thread(target=other_rows)
        t.start()
        t0 = time.monotonic()                 # how long the big row takes, the other thread going
        row = pascalrow.pascal_row(N)
        full = time.monotonic() - t0
        check_row(row, N, rng)
        del row
        result = interrupt_call(lambda: pascalrow.pascal_row(N), after=full * WHEN)
        stop.set()
        t.join()
        assert not other["errors"], other["errors"][0]
        assert other["rows"] >= 1, "the other thread finished no row"
        more = [rng.randint(SPLIT_N, 40000) for _ in range(3)]
        for n in more:                         # still works, on several threads
            check_row(pascalrow.pascal_row(n), n, rng)
        print(result.line(), flush=True)
        print(f"round threads={threads} other_rows={other['rows']} more_rows={len(more)}", flush=True)
    check_row(pascalrow.pascal_row(N), N, rng)  # the interrupted row, built to the end
    print("ok")
"""


@pytest.mark.serial             # times a response: run alone (tests/tools/all_pythons.sh)
def test_ctrl_c_during_a_big_row_while_another_thread_builds_one(seed):
    """SIGINT part-way through a big row split over several threads, while
    another Python thread builds other rows: KeyboardInterrupt in the main
    thread within 2 s, the other thread's rows exact, rows afterwards exact
    (several rounds with different thread counts in one process; the signal
    sent by sigint.interrupt_call, only while the row is being built)."""
    n, rounds = 100000, [3, 2, 4, 8, 3]
    when = random.Random(seed).uniform(0.2, 0.4)     # of the time the row takes
    lines = run_child(CTRL_C, seed, n, ",".join(map(str, rounds)), when)
    assert len(lines) == 2 * len(rounds) + 1 and lines[-1] == "ok", lines
    for threads, result, line in zip(rounds, map(parse, lines[0::2]), lines[1::2]):
        assert result.landed, f"round {threads}: SIGINT {when:.2f} of the way through; {result}"
        assert result.answered < 2.0, f"round {threads}: KeyboardInterrupt after {result.answered:.2f} s"
        assert line.split()[:2] == ["round", f"threads={threads}"], line


MOD_ROWS_AT_ONCE = """
    ROWS = int(sys.argv[2])
    MODULI = [10**9 + 7, 998244353, 2**61 - 1, 2**32, 10**9 + 6, 720720, 27, 2**63 - 1]
    done = []
    stop = threading.Event()

    def build(i):
        rng = random.Random(f"{SEED}-{i}")
        for _ in range(ROWS):
            # 1 to 8 threads (more than the cores), set by whichever Python
            # thread called last: every row must come out the same anyway
            pascalrow.set_num_threads(rng.choice((1, 2, 3, 4, 8)))
            n, m = rng.randint(2**17, 2**19), rng.choice(MODULI)
            a = rng.randint(0, n)
            b = rng.randint(a, n + 1)
            got = pascalrow.pascal_row(n, a, b, mod=m, dtype="uint64" if rng.random() < 0.7 else None)
            for k in {a, b - 1, (a + b) // 2, rng.randint(a, max(a, b - 1))}:
                if a <= k < b:
                    assert got[k - a] == pascalrow.comb(n, k, mod=m), (n, a, b, k, m)
            done.append(n)

    finished = []

    def builder(i):
        def run():
            try:
                build(i)
            finally:
                finished.append(i)
                if len(finished) == 4:
                    stop.set()          # the churn ends with the last builder
        return run

    try:
        run_threads([builder(i) for i in range(4)] + [lambda: churn(stop, random.Random(SEED + 9))])
    finally:
        stop.set()
    print(f"ok rows={len(done)}")
"""


def test_rows_mod_m_from_python_threads_at_once(seed):
    """Four Python threads building slices of rows mod m at once, each split
    over 1-8 threads (the count changed before nearly every call), while a
    fifth allocates and frees big buffers: every value checked against comb."""
    done = last_line(run_child(MOD_ROWS_AT_ONCE, seed, 12), "ok")
    assert done["rows"] == 48, done
