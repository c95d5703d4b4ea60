"""Deliberately wrong implementations, written for
tests/python/test_testing.py: pascalrow.testing must catch each with the
right diagnosis.  Each models a real mistake; none is used anywhere else.
"""
import math

U32 = (1 << 32) - 1
U64 = (1 << 64) - 1


def _additive_row(n_values, mask):
    """The usual fixed-width loop: an in-place additive row in a fixed-width integer,
    C(i+1, j) = C(i, j) + C(i, j-1) walked from the top down, each sum
    reduced to the width as a C uint32_t/uint64_t would (no overflow check)."""
    row = [0] * n_values
    if n_values:
        row[0] = 1
    for i in range(1, n_values):
        for j in range(i, 0, -1):
            row[j] = (row[j] + row[j - 1]) & mask
    return row


def pascal_row_u32(n):
    """The "seed" convention: f(n) gives n values (row n - 1), computed in uint32.
    Right up to row 34; row 35 wraps."""
    return _additive_row(n, U32)


def row_u64(n):
    """Row n (n + 1 values) in uint64: right up to row 67; row 68 wraps."""
    return _additive_row(n + 1, U64)


def row_float(n):
    """Row n through floating point: round(n! / (k! (n-k)!)) with gamma."""
    return [round(math.gamma(n + 1) / (math.gamma(k + 1) * math.gamma(n - k + 1)))
            for k in range(n + 1)]


def row_off_by_one(n):
    """Meant to be row n; the loop stops one row early (range(1, n) for
    range(1, n + 1)), so it returns row n - 1."""
    row = [1]
    for _ in range(1, n):
        row = [1] + [a + b for a, b in zip(row, row[1:])] + [1]
    return row


def row_drops_last(n):
    """Row n without its last entry: the slice [0:n] for [0:n+1]."""
    return [math.comb(n, k) for k in range(n)]


def row_asymmetric(n):
    """Right for k <= n/2, but the right half is not the mirror of the left:
    C(n, n - 1) comes out one too big from row 5 on."""
    half = [math.comb(n, k) for k in range(n // 2 + 1)]
    return half + [math.comb(n, k) + (k == n - 1 and n > 4) for k in range(n // 2 + 1, n + 1)]


def row_raises(n):
    """Refuses rows past 50 (a fixed-size buffer)."""
    if n > 50:
        raise IndexError("row buffer holds 51 values")
    return [math.comb(n, k) for k in range(n + 1)]


def row_signed_i64(n):
    """Row n in int64 (a C long): wraps to negative values from row 67."""
    return [v - (1 << 64) if v >> 63 else v for v in _additive_row(n + 1, U64)]


def row_floats(n):
    """Exact while it can be, but returns floats, not ints."""
    return [float(math.comb(n, k)) for k in range(n + 1)]


def comb_u64(n, k):
    """The multiplicative recurrence C(n, j+1) = C(n, j)·(n - j)/(j + 1) in a
    uint64: the product overflows before the division, first at C(63, 29),
    whose value itself fits 64 bits."""
    if k > n:
        return 0
    k = min(k, n - k)
    c = 1
    for j in range(k):
        c = ((c * (n - j)) & U64) // (j + 1)
    return c


def comb_float(n, k):
    """C(n, k) through gamma in floats: wrong once C(n, k) passes about 2**53."""
    if k > n:
        return 0
    return round(math.gamma(n + 1) / (math.gamma(k + 1) * math.gamma(n - k + 1)))


def comb_factorial(n, k):
    """Exact for k <= n, but factorial(n - k) raises for k > n instead of 0."""
    return math.factorial(n) // (math.factorial(k) * math.factorial(n - k))


def comb_lenient(n, k):
    """Exact values, but int() takes floats and strings, and negatives are
    not refused: math.comb's contract for bad input is broken."""
    n, k = int(n), int(k)
    if k > n or n < 0 or k < 0:
        return 0
    return math.comb(n, k)
