"""The Python binding's threads under ThreadSanitizer (make test-tsan-py).

Run by a CPython whose pascalrow extension is built with -fsanitize=thread,
with the TSan runtime preloaded: every access the extension and the library
make is checked (CPython itself is not instrumented; its GIL hand-offs go
through pthread calls TSan sees).  Any report ends the process with TSan's
exit code; a wrong value is an AssertionError.

The workload: Python threads calling pascal_row (whole rows on 1 to 8
threads, around the GIL and thread thresholds and above), slices, rows mod
m, comb (GIL held, GIL released, and on a thread of its own from
2^17 bits of C(n, k), n ≥ 2^64 too), pascal_triangle and the array ufuncs
(comb_array, valuation_array, their loops split over threads) at once, then
Ctrl-C in the middle of a multi-threaded row and of a comb running on its
own thread while another Python thread builds a row.
"""
import math
import random
import sys
import threading
import time

import numpy

import pascalrow
from pascalrow._pascalrow import _abandoned_running
from sigint import interrupt_call


def check_row(row, n, rng):
    assert len(row) == n + 1 and sum(row) == 1 << n, n
    assert row == row[::-1], n
    for k in {0, 1, n // 2, rng.randint(0, n)}:
        assert row[k] == math.comb(n, k), (n, k)


def calls(seed, rounds):
    rng = random.Random(seed)
    for _ in range(rounds):
        pascalrow.set_num_threads(rng.choice([1, 2, 3, 4, 8]))
        n = rng.choice([rng.randint(68, 1999), rng.randint(2000, 4820), rng.randint(4826, 12000)])
        row = pascalrow.pascal_row(n)
        check_row(row, n, rng)
        a = rng.randint(0, n)
        assert pascalrow.pascal_row(n, a, a + 40) == row[a:a + 40], (n, a)
        m = rng.choice([2, 1_000_003, 2**61 - 1, 3**20 * 7])
        assert pascalrow.pascal_row(n, a, a + 40, mod=m) == [v % m for v in row[a:a + 40]], (n, m)
        # a row mod m split over the threads (parts of 2^16 values), against comb
        nm = rng.randint(2**17, 2**18)
        m = rng.choice([10**9 + 7, 2**61 - 1, 2**32, 10**9 + 6, 720720])
        got = pascalrow.pascal_row(nm, mod=m, dtype="uint64")
        # the same row into fresh numpy memory (out=), faulted in by the threads
        fresh = pascalrow.pascal_row(nm, mod=m, out=numpy.empty(nm + 1, numpy.uint64))
        for k in (0, 1, nm // 3, nm // 2, rng.randint(0, nm)):
            assert got[k] == pascalrow.comb(nm, k, mod=m) == fresh[k], (nm, k, m)
        # combs on a thread of their own (over 2^17 bits), below 2^64 and beyond
        nn = rng.randint(2 * 10**5, 3 * 10**5)
        k = nn // 2 - rng.randint(0, 99)
        v = pascalrow.comb(nn, k)
        assert v * (nn - k) == pascalrow.comb(nn, k + 1) * (k + 1), (nn, k)
        assert v % 1_000_003 == pascalrow.comb(nn, k, mod=1_000_003), (nn, k)
        nn, k = 2**64 + rng.randint(0, 99), rng.randint(2500, 3000)
        assert pascalrow.comb(nn, k) == math.comb(nn, k), (nn, k)
        rows = list(pascalrow.pascal_triangle(rng.randint(0, 60)))
        assert all(r == [math.comb(len(r) - 1, j) for j in range(len(r))] for r in rows)
        # the array ufuncs: long enough to be split over the threads
        size = rng.randint(70_000, 200_000)
        ns = numpy.arange(size, dtype=numpy.int64) % 1900
        ks = numpy.arange(size, dtype=numpy.int64) % 8
        c = pascalrow.comb_array(ns, ks)
        cm = pascalrow.comb_array(ns, ks, mod=m)
        vs = pascalrow.valuation_array(ns + ks, ks, 3)
        for i in (0, rng.randrange(size), size - 1):
            nv, kv = int(ns[i]), int(ks[i])
            assert int(c[i]) == math.comb(nv, kv) and int(cm[i]) == math.comb(nv, kv) % m, (nv, kv)
            assert int(vs[i]) == pascalrow.valuation(nv + kv, kv, 3), (nv, kv)


def run_threads(count, rounds):
    errors = []

    def work(seed):
        try:
            calls(seed, rounds)
        except BaseException as e:          # noqa: BLE001 - reported below
            errors.append(f"seed {seed}: {e!r}")

    threads = [threading.Thread(target=work, args=(s,)) for s in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def interrupts():
    """Ctrl-C in a row on 3 threads, in a row mod m on 3 threads and in a
    comb on its own thread, while
    another Python thread builds rows; then everything still works."""
    other_rows = []
    stop = threading.Event()

    def other():
        rng = random.Random(7)
        while not stop.is_set():
            n = rng.randint(7000, 12000)
            row = pascalrow.pascal_row(n)
            check_row(row, n, rng)
            other_rows.append(n)

    t = threading.Thread(target=other)
    t.start()
    try:
        pascalrow.set_num_threads(3)
        # sigint.interrupt_call: each call again until a SIGINT lands in one
        results = [interrupt_call(lambda: pascalrow.pascal_row(60000), 0.2 + 0.1 * i) for i in range(3)]
        results.append(interrupt_call(lambda: pascalrow.comb(10**8, 5 * 10**7), 0.3))
        results.append(interrupt_call(lambda: pascalrow.pascal_row(3 * 10**6, mod=720720, dtype="uint64"), 0.2))
    finally:
        stop.set()
        t.join()
    assert all(r.landed for r in results), results
    hits = len(results)
    assert other_rows, "the other thread built no row"
    deadline = time.monotonic() + 300
    while _abandoned_running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _abandoned_running() == 0
    run_threads(2, 1)
    return hits


def main():
    t0 = time.monotonic()
    run_threads(6, 2)
    hits = interrupts()
    pascalrow.set_num_threads(None)
    print(f"tsan workload: {sys.version.split()[0]}, {hits} interrupted calls, "
          f"{time.monotonic() - t0:.1f} s, no report")


if __name__ == "__main__":
    main()
