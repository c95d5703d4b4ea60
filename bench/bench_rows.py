"""pascalrow against the plain-Python ways of computing a row, in one run.

Prints a markdown table: median time of each way for each n, and its ratio to
pascalrow (higher = pascalrow faster). Every way is checked equal to
math.comb before it is timed.
"""
import argparse
import math
import statistics
import sys
import time

import pascalrow


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


PEERS = {
    "pascalrow": pascalrow.pascal_row,
    "python recurrence": python_recurrence,
    "math.comb loop": math_comb_loop,
}


def median_time(f, n, budget):
    """Median seconds per call: calls batched to ~1 ms, batches repeated
    within `budget` seconds (at least 5), after one warm-up call."""
    f(n)
    t0 = time.perf_counter()
    f(n)
    one = max(time.perf_counter() - t0, 1e-7)
    number = max(1, int(1e-3 / one))
    repeats = max(5, min(101, int(budget / (one * number))))
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            f(n)
        times.append((time.perf_counter() - t0) / number)
    return statistics.median(times)


def fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[67, 999, 10000])
    ap.add_argument("--budget", type=float, default=0.5, help="seconds per measurement")
    args = ap.parse_args(argv)

    for n in args.sizes:
        want = math_comb_loop(n)
        for name, f in PEERS.items():
            if f(n) != want:
                sys.exit(f"{name} is wrong at n={n}")

    print("| n | " + " | ".join(PEERS) + " |")
    print("|---:|" + "---:|" * len(PEERS))
    for n in args.sizes:
        times = {name: median_time(f, n, args.budget) for name, f in PEERS.items()}
        base = times["pascalrow"]
        cells = [fmt(base)] + [f"{fmt(t)} ({t / base:.1f}×)" for name, t in times.items() if name != "pascalrow"]
        print(f"| {n} | " + " | ".join(cells) + " |")
    print("\nmedian time per call; (×) = that way's time / pascalrow's. All ways checked equal to math.comb.")


if __name__ == "__main__":
    main()
