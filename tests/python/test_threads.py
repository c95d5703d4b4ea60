"""Concurrency: many Python threads at once, the GIL released by big rows,
rows split across threads (set_num_threads / PASCALROW_THREADS), Ctrl-C.

No timing is asserted except that an interrupt is answered within a
generous bound (a second, and well before the call would have ended).  Runtime: ~10-15 s on two busy cores.
"""
import hashlib
import math
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pascalrow
from sigint import parse, run_python

# From this n on whole rows are built with the GIL released (python/pascalrow/
# _interruptible.h: pr_row_steps, PR_RELEASE_GIL_STEPS).
RELEASE_GIL_N = 2000
# Rows whose lower half holds more than 2^23 bits are split across threads
# (src/digits.c, THREADS_MIN_BITS): 0.36·n² > 2^23 from n ≈ 4822 on.
SPLIT_N = 4825


def check_row(row, n, ks=()):
    """row is row n: it starts at 1 and obeys C(n,k+1)·(k+1) = C(n,k)·(n−k) for
    every k (which determines the row), and equals math.comb at the ends, the
    middle and the given ks."""
    assert len(row) == n + 1 and row[0] == 1
    for k in range(n):
        assert row[k + 1] * (k + 1) == row[k] * (n - k), k
    for k in {0, 1, n // 3, n // 2, n - 1, n, *ks}:
        if 0 <= k <= n:
            assert row[k] == math.comb(n, k), k


def run_in_threads(count, work):
    """work(i) for i in range(count), each on its own Python thread, all
    released at once; fails with every thread's exception."""
    barrier = threading.Barrier(count)
    errors = []

    def run(i):
        try:
            barrier.wait()
            work(i)
        except BaseException as e:           # noqa: BLE001 - reported below
            errors.append((i, repr(e)))

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


@pytest.fixture
def threads_setting():
    """Restore the default thread count after a test changes it."""
    yield
    pascalrow.set_num_threads(None)


def test_eight_python_threads_at_once(threads_setting):
    pascalrow.set_num_threads(2)
    sizes = [68, 999, RELEASE_GIL_N - 1, RELEASE_GIL_N, 3001, SPLIT_N + 100, 12000, 20001]
    want = {n: pascalrow.pascal_row(n) for n in sizes}
    for n in sizes:
        check_row(want[n], n)

    def work(i):
        for j in range(4):
            n = sizes[(i + j) % len(sizes)]
            assert pascalrow.pascal_row(n) == want[n], (i, n)

    run_in_threads(8, work)


def ticks_while(work):
    """Run work() in another thread while this one loops; return the share of
    the milliseconds in the middle of the call (from 30 % to 90 % of its
    duration) in which this loop ran, and that window in ms; best of three.
    While a C function holds the GIL no bytecode runs here at all (only in
    the switch interval before the call starts, which the 30 % skips); with
    the GIL released this loop runs right through the call."""
    best = (0, 0)
    for _attempt in range(3):
        done = threading.Event()
        span = []

        def run():
            t0 = time.perf_counter()
            work()
            span.append((t0, time.perf_counter()))
            done.set()

        t = threading.Thread(target=run)
        ticks = []
        t.start()
        while not done.is_set():
            ticks.append(time.perf_counter())
        t.join()
        (t0, t1), = span
        lo, hi = t0 + 0.3 * (t1 - t0), t0 + 0.9 * (t1 - t0)
        busy = {int((x - t0) * 1000) for x in ticks if lo < x < hi}
        window = max(1, int((hi - lo) * 1000))
        best = max(best, (len(busy) / window, window))
        if best[0] > 0.5:
            break
    return best


@pytest.mark.serial             # times a response: run alone (tests/tools/all_pythons.sh)
def test_gil_is_released_during_a_big_row(threads_setting):
    """Another Python thread keeps running while a big row is being built
    (the ints are allocated with the GIL held, their digits written without)."""
    pascalrow.set_num_threads(1)
    n = 60000
    rows = []
    share, window = ticks_while(lambda: rows.append(pascalrow.pascal_row(n)))
    # holding the GIL the share would be 0; with both cores busy with other
    # processes this loop still ran in over 20 % of the milliseconds
    assert share > 0.05 and window >= 10, (share, window)
    assert rows[0][n // 3] == math.comb(n, n // 3)


@pytest.mark.serial             # times a response: run alone (tests/tools/all_pythons.sh)
def test_gil_is_released_during_a_big_comb():
    n = 8 * 10**6
    values = []
    share, window = ticks_while(lambda: values.append(pascalrow.comb(n, n // 2)))
    # holding the GIL the share would be 0; with both cores busy with other
    # processes this loop still ran in over 20 % of the milliseconds
    assert share > 0.05 and window >= 10, (share, window)
    k = n // 2                                   # C(n,k)·k = C(n,k−1)·(n−k+1)
    assert values[0] * k == pascalrow.comb(n, k - 1) * (n - k + 1)


@pytest.mark.parametrize("n", [SPLIT_N - 1, SPLIT_N + 1, 30001, 45000])
def test_thread_counts_give_identical_rows(n, threads_setting):
    rows = []
    for k in (1, 2, 3, 8):
        pascalrow.set_num_threads(k)
        assert pascalrow.get_num_threads() == k
        rows.append(pascalrow.pascal_row(n))
    assert all(r == rows[0] for r in rows[1:])
    check_row(rows[0], n, ks=range(0, n + 1, max(1, n // 50)))


@settings(max_examples=12)
@given(st.one_of(st.integers(RELEASE_GIL_N - 20, RELEASE_GIL_N + 20),
                 st.integers(SPLIT_N - 300, SPLIT_N + 300)),
       st.lists(st.integers(0, 10**6), max_size=8),
       st.sampled_from([1, 2, 4]))
@example(RELEASE_GIL_N - 1, [], 2)
@example(RELEASE_GIL_N, [], 2)
@example(SPLIT_N, [17], 2)
def test_rows_across_the_thresholds(n, ks, threads):
    pascalrow.set_num_threads(threads)
    try:
        check_row(pascalrow.pascal_row(n), n, ks=[k % (n + 1) for k in ks])
    finally:
        pascalrow.set_num_threads(None)


def test_thread_knob(monkeypatch, threads_setting):
    monkeypatch.setenv("PASCALROW_THREADS", "3")
    pascalrow.set_num_threads(None)
    assert pascalrow.get_num_threads() == 3
    pascalrow.set_num_threads(5)                  # the function wins over the variable
    assert pascalrow.get_num_threads() == 5
    pascalrow.set_num_threads(0)                  # 0 = back to the default
    assert pascalrow.get_num_threads() == 3
    monkeypatch.delenv("PASCALROW_THREADS")
    cpus = len(os.sched_getaffinity(0))
    assert pascalrow.get_num_threads() == min(cpus, 256)
    for bad in ("0", "-2", "two", "3.5", "100000"):
        monkeypatch.setenv("PASCALROW_THREADS", bad)
        with pytest.warns(RuntimeWarning, match="PASCALROW_THREADS"):
            assert pascalrow.get_num_threads() == min(cpus, 256)
    monkeypatch.setenv("PASCALROW_THREADS", "2")
    assert pascalrow.pascal_row(9000)[4500] == math.comb(9000, 4500)
    with pytest.raises(TypeError):
        pascalrow.set_num_threads(2.0)
    with pytest.raises(TypeError):
        pascalrow.set_num_threads("2")
    for bad in (-1, 257, 2**70):
        with pytest.raises(ValueError):
            pascalrow.set_num_threads(bad)
    pascalrow.set_num_threads(True)               # an __index__ object, like math.comb takes
    assert pascalrow.get_num_threads() == 1


def test_environment_variable_in_a_fresh_process():
    code = "import pascalrow; print(pascalrow.get_num_threads(), pascalrow.pascal_row(31000)[15000] % 1000003)"
    outs = []
    for value in ("1", "2"):
        env = dict(os.environ, PASCALROW_THREADS=value)
        outs.append(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                   text=True, check=True).stdout.split())
    assert [o[0] for o in outs] == ["1", "2"]
    assert outs[0][1] == outs[1][1] == str(math.comb(31000, 15000) % 1000003)


CHILD = textwrap.dedent("""
    import math, sys, time, tracemalloc
    import pascalrow
    from sigint import interrupt_call
    args, threads, when = [int(a) for a in sys.argv[1].split(",")], int(sys.argv[2]), float(sys.argv[3])
    pascalrow.set_num_threads(threads)
    tracemalloc.start()
    full = 1e9
    for _ in range(2):                          # how long the whole row takes
        t0 = time.monotonic()
        pascalrow.pascal_row(*args)
        full = min(full, time.monotonic() - t0)
    base = tracemalloc.get_traced_memory()[0]
    result = interrupt_call(lambda: pascalrow.pascal_row(*args), after=full * when)
    left = tracemalloc.get_traced_memory()[0] - base
    ok = pascalrow.pascal_row(100) == [math.comb(100, k) for k in range(101)]
    print(result.line())
    print(full, left, ok)
""")


def answered_in_time(result, full, when):
    """KeyboardInterrupt within 2 s of the signal, and in under 3/4 of the
    time the call still had to run ((1 - when)·full, full its shortest of two
    runs just before): a call that did not poll would have run to its end
    first.  The library polls every few milliseconds; with both cores busy
    with other processes the answer (the helper threads stopped and joined,
    what was built freed) took up to ~0.45 s, and 1.16 s once with the
    stress tests running beside it, so the signal goes early in the call."""
    return result.landed and result.answered < min(2.0, 0.75 * (1 - when) * full)


@pytest.mark.parametrize("args, threads, when", [("150000", 1, 0.2), ("150000", 2, 0.2),
                                                ("200000,40000,100000", 1, 0.2),
                                                ("200000,40000,100000", 3, 0.15)])
@pytest.mark.serial             # times a response: run alone (tests/tools/all_pythons.sh)
def test_ctrl_c_interrupts_a_big_row(args, threads, when):
    """SIGINT part-way through a ~0.5 s row (1 GB of digits) or slice: the
    calling thread checks for signals every ~1 MB of output, also while it
    allocates and while the GIL is released, so KeyboardInterrupt comes at
    once."""
    line, rest = run_python(CHILD, args, threads, when)
    result, (full, left, ok) = parse(line), rest.split()
    assert answered_in_time(result, float(full), when), (result, full)
    assert abs(int(left)) < 1 << 20, left       # everything it built was freed
    assert ok == "True"                         # and the module still works


OOM_CHILD = textwrap.dedent("""
    import math, resource, sys, tracemalloc
    import pascalrow
    n = int(sys.argv[1])
    pascalrow.set_num_threads(1)
    # Row n (~20 MB for n = 20000) is below the size checked up front (64 MB),
    # and the address space left is only sys.argv[2] bytes more than the
    # process maps now: the ints run out part-way through.
    tracemalloc.start()
    in_use = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
    limit = in_use + int(sys.argv[2])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    base = tracemalloc.get_traced_memory()[0]
    try:
        pascalrow.pascal_row(n)
        print("built")
    except MemoryError as e:
        left = tracemalloc.get_traced_memory()[0] - base
        ok = pascalrow.pascal_row(3000)[1500] == math.comb(3000, 1500)
        upfront = "needs about" in str(e)      # refused before any work: not this test
        print("MemoryError", left, ok, upfront)
""")


@pytest.mark.serial             # times a response: run alone (tests/tools/all_pythons.sh)
def test_memory_running_out_part_way_frees_everything():
    """A row whose ints cannot all be allocated: MemoryError, nothing kept,
    and the module still works (single thread: no GMP call after the start)."""
    n = 20000
    out = subprocess.run([sys.executable, "-c", OOM_CHILD, str(n), str(8 << 20)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    word, *rest = out.stdout.split()
    assert word == "MemoryError", out.stdout
    left, ok, upfront = int(rest[0]), rest[1], rest[2]
    assert upfront == "False", "refused up front: the limit no longer tests a half-built row"
    assert abs(left) < 1 << 20, left
    assert ok == "True"


# Where the ints of a row land depends on the allocator (pymalloc or not,
# glibc's thresholds, holes in a fragmented heap); the values must not.
# Each child builds row n on 1, 2 and 3 threads, twice each (the second call
# finds the first one's freed memory), and prints a digest of each.
def row_digest(row):
    h = hashlib.sha256()
    for v in row:
        h.update(v.to_bytes((v.bit_length() + 8) // 8, "little") + b"|")
    return h.hexdigest()


ALLOCATOR_CHILD = textwrap.dedent("""
    import hashlib, sys, pascalrow
    n = int(sys.argv[1])
    def row_digest(row):
        h = hashlib.sha256()
        for v in row:
            h.update(v.to_bytes((v.bit_length() + 8) // 8, "little") + b"|")
        return h.hexdigest()
    # holes in the heap between live objects: some ints come from them; the
    # live objects must stay untouched
    live = []
    if len(sys.argv) > 2:
        objs = [bytearray(100_000) for _ in range(900)]
        live = [o for i, o in enumerate(objs) if i % 3 == 2]
        del objs
    for threads in (1, 2, 3):
        pascalrow.set_num_threads(threads)
        for _ in range(2):            # the second call finds the first one's freed memory
            print(threads, row_digest(pascalrow.pascal_row(n)))
    assert all(o.count(0) == len(o) for o in live), "a live object was written to"
""")


@pytest.mark.parametrize("env", [
    {},                                          # pymalloc, then glibc's heap
    {"PYTHONMALLOC": "malloc"},                  # no pymalloc
    {"PYTHONMALLOC": "debug"},                   # debug hooks: guard bytes around every int
    {"MALLOC_MMAP_THRESHOLD_": "65536"},         # glibc maps the biggest ints one by one
    {"MALLOC_TOP_PAD_": str(64 << 20)},          # glibc keeps freed memory
    {"FRAGMENT": "1"},                           # holes in the heap
], ids=["default", "malloc", "debug", "mmap-threshold", "top-pad", "fragmented"])
def test_allocator_never_changes_values(env):
    n = 20011
    args = [str(n)] + (["fragment"] if env.pop("FRAGMENT", None) else [])
    out = subprocess.run([sys.executable, "-c", ALLOCATOR_CHILD, *args],
                         env={**os.environ, **env}, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    digests = {line.split()[1] for line in out.stdout.splitlines()}
    assert len(out.stdout.splitlines()) == 6 and len(digests) == 1, out.stdout
    row = pascalrow.pascal_row(n)
    check_row(row, n, ks=range(0, n + 1, 997))
    assert digests == {row_digest(row)}


COMB_CHILD = textwrap.dedent("""
    import math, os, sys, time
    import pascalrow
    from pascalrow._pascalrow import _abandoned_running
    from sigint import interrupt_call
    n, k = int(sys.argv[1]), int(sys.argv[2])
    t0 = time.monotonic()                       # how long the whole comb takes
    pascalrow.comb(n, k)
    full = time.monotonic() - t0
    result = interrupt_call(lambda: pascalrow.comb(n, k), after=full * 0.2)
    running = _abandoned_running()
    # the module works on while the abandoned value is still being computed
    ok = (pascalrow.comb(1000, 500) == math.comb(1000, 500)
          and pascalrow.comb(10**5, 3 * 10**4) == math.comb(10**5, 3 * 10**4)
          and pascalrow.comb(2**70, 5000) == math.comb(2**70, 5000))
    deadline = time.monotonic() + 240
    while _abandoned_running() and time.monotonic() < deadline:
        time.sleep(0.05)
    print(result.line())
    print(full, running, _abandoned_running(), ok)
""")


@pytest.mark.serial             # times a response: run alone (tests/tools/all_pythons.sh)
@pytest.mark.parametrize("n, k", [(10**8, 5 * 10**7), (2**70, 2**70 - 10**6)],
                         ids=["comb(1e8, 5e7)", "comb(2**70, 2**70 - 1e6)"])
def test_ctrl_c_interrupts_a_huge_comb(n, k):
    """SIGINT 20 % into a comb that takes a second or more: KeyboardInterrupt
    at once, the computation left to finish on its own thread, which then
    frees what it used; the module keeps working meanwhile."""
    line, rest = run_python(COMB_CHILD, n, k)
    result, (full, running_then, running_at_end, ok) = parse(line), rest.split()
    assert answered_in_time(result, float(full), 0.2), (result, full)
    assert running_then == "1"                  # abandoned, still computing
    assert running_at_end == "0"                # ... then ended and released
    assert ok == "True"


# GMP runs on a thread of its own from 2^17 bits of C(n, k) on (_interruptible.h:
# pr_comb_steps, PR_ON_THREAD_STEPS):
# cases on both sides of that, with n < 2^64 and n ≥ 2^64.
@pytest.mark.parametrize("n, k", [(10**5, 5 * 10**4), (2 * 10**5, 10**5), (10**6, 5 * 10**5),
                                  (2**64 - 1, 2100), (2**64 - 1, 2500), (2**70, 1800), (2**70, 2000)])
def test_combs_on_their_own_thread_are_exact(n, k):
    # Checked against math.comb where it is quick, else by the recurrence
    # C(n,k)·(n−k) = C(n,k+1)·(k+1) and against the modular path
    # (Lucas/Granville, no exact value).
    values = {kk: pascalrow.comb(n, kk) for kk in (k - 1, k, n - k)}
    assert values[n - k] == values[k]
    assert values[k - 1] * (n - k + 1) == values[k] * k
    for kk, v in values.items():
        if k <= 5000 or n <= 10**5:
            assert v == math.comb(n, kk)
        for p in (1_000_003, 2**61 - 1, 3**39):
            assert v % p == pascalrow.comb(n, kk, mod=p)


def test_combs_on_their_own_thread_from_many_python_threads():
    cases = [(150000 + i, 60000 + 7 * i) for i in range(12)] + [(2**66 + i, 2100 + i) for i in range(4)]
    want = {c: math.comb(*c) for c in cases}

    def work(i):
        for c in cases[i:] + cases[:i]:
            assert pascalrow.comb(*c) == want[c], c

    run_in_threads(8, work)


MOD_CHILD = textwrap.dedent("""
    import math, sys, time
    import pascalrow
    from sigint import interrupt_call
    n, m, threads = [int(a) for a in sys.argv[1:4]]
    dtype = sys.argv[4] if sys.argv[4] != "list" else None
    pascalrow.set_num_threads(threads)
    full = 1e9
    for _ in range(2):                          # how long the whole row takes
        t0 = time.monotonic()
        pascalrow.pascal_row(n, mod=m, dtype=dtype)
        full = min(full, time.monotonic() - t0)
    result = interrupt_call(lambda: pascalrow.pascal_row(n, mod=m, dtype=dtype), after=full * 0.2)
    ok = pascalrow.pascal_row(3 * 10**5, mod=m, dtype="uint64")[10**5] == pascalrow.comb(3 * 10**5, 10**5, mod=m)
    print(result.line())
    print(full, ok)
""")


@pytest.mark.parametrize("n, m, threads, dtype", [(10**8, 720720, 1, "uint64"),
                                                  (10**8, 720720, 2, "uint64"),
                                                  (2 * 10**7, 720720, 3, "list"),
                                                  (10**8, 3 * 7 * 11 * 13, 8, "uint32"),
                                                  (10**8, 10**9 + 6, 4, "uint64")])
@pytest.mark.serial             # times a response: run alone (tests/tools/all_pythons.sh)
def test_ctrl_c_interrupts_a_row_mod_m(n, m, threads, dtype):
    """SIGINT part-way through a row mod m: the calling thread polls for
    signals about every millisecond of work, also while it waits for its
    helpers, which stop at their next chunk; KeyboardInterrupt comes at once
    and the module still works."""
    line, rest = run_python(MOD_CHILD, n, m, threads, dtype)
    result, (full, ok) = parse(line), rest.split()
    assert answered_in_time(result, float(full), 0.2), (result, full)
    assert ok == "True"


@pytest.mark.parametrize("threads", [3, 4, 8])
def test_python_threads_at_once_on_rows_mod_m(threads_setting, threads):
    """Six Python threads building rows mod m at once, each split over
    `threads` threads (more than this machine's cores): every row equals the
    one built alone on one thread."""
    cases = [(2**18 + i * 977, m) for i, m in enumerate([10**9 + 7, 2**61 - 1, 2**32, 10**9 + 6, 720720, 27])]
    pascalrow.set_num_threads(1)
    want = {c: pascalrow.pascal_row(c[0], mod=c[1], dtype="uint64") for c in cases}
    pascalrow.set_num_threads(threads)
    errors = []

    def work(i):
        try:
            for rep in range(3):
                n, m = cases[(i + rep) % len(cases)]
                if rep % 2:
                    assert pascalrow.pascal_row(n, mod=m) == list(want[n, m]), (n, m)
                else:
                    assert pascalrow.pascal_row(n, mod=m, dtype="uint64") == want[n, m], (n, m)
        except BaseException as e:          # noqa: BLE001 - reported below
            errors.append(repr(e))

    ts = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors, errors
