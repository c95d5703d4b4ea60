"""Write the fuzz harness's seed corpus, tests/c/fuzz/corpus/ (checked in).

Each seed is one named case in the input format fuzz_pascalrow.c decodes:
a target byte, then the target's fields.  The seeds start libFuzzer at the
boundaries (rows 34/35 and 67/68, the middle of a row, n near 2^64, values
no memory can hold); `meson test` replays them in every build.

    python3 tests/c/fuzz/make_seeds.py
"""
import math
import pathlib
import struct

CORPUS = pathlib.Path(__file__).with_name("corpus")
TARGETS = ["comb", "walk", "row_mpz", "slice_mpz", "row_fixed", "step_u32", "step_u64",
           "bounds", "strerror", "slice_fixed", "slice_hull", "step_mod", "slice_mod", "comb_mod",
           "triangle", "multinomial", "comb_bytes", "limbs_to_digits", "valuation", "binomial",
           "row_sum", "comb_u64", "valuations", "slice_mod_threads", "mod_stream",
           "comb_threads"]
M_SPECIAL = [2, 3, 4, 6, 8, 9, 10, 12, 30, 1009, 2 ** 16, 65537, 2 * 3 * 5 * 7 * 11 * 13,
             1009 ** 3, 2 ** 62, 2 ** 63 - 1, 1000000007 * 1000000009 // 2, 0, 2 ** 63, 2 ** 64 - 1]


def le(value, nbytes):
    return (value % 2 ** (8 * nbytes)).to_bytes(nbytes, "little")


def n_field(n):
    """take_n: the shortest kind that encodes n exactly."""
    if n < 72:
        return bytes([0]) + le(n, 1)
    if n <= 3000:
        return bytes([1]) + le(n, 2)
    if n < 2 ** 24:
        return bytes([2]) + le(n, 3)
    if n < 2 ** 40:
        return bytes([3]) + le(n, 5)
    if n >= 2 ** 64 - 8:
        return bytes([4]) + le(2 ** 64 - 1 - n, 1)
    e = max(n.bit_length() - 1, 0)
    if abs(n - 2 ** e) <= 2:
        return bytes([5, e, n - 2 ** e + 2])
    return bytes([6]) + le(n, 8)


def k_field(n, k):
    """take_k: relative to 0, n/2 or n when close, else the raw value."""
    h = n // 2
    if k < 2 ** 16:
        return bytes([0]) + le(k, 2)
    if 0 <= k - h < 2 ** 15:
        return bytes([1]) + le(2 * (k - h) + 1, 2)
    if 0 < h - k < 2 ** 15:
        return bytes([1]) + le(2 * (h - k), 2)
    if 0 <= n - k < 2 ** 16:
        return bytes([2]) + le(n - k, 2)
    if 0 < k - n < 2 ** 16:
        return bytes([3]) + le(k - n, 2)
    return bytes([4, 0, 0]) + le(k, 8)


def m_field(m):
    """take_m: a listed modulus by its index, else the raw 8 bytes."""
    if m in M_SPECIAL:
        return bytes([1, M_SPECIAL.index(m)])
    return bytes([3]) + le(m, 8)


def range_fields(n, start, length):
    """take_range: start, then the length (< 255)."""
    return k_field(n, start) + le(length, 1)


def seed(target, name, payload):
    path = CORPUS / f"{target}-{name}"
    path.write_bytes(bytes([TARGETS.index(target)]) + payload)


def row_values(n, width):
    return b"".join(le(math.comb(n, k), width) for k in range(n + 1))


def main():
    CORPUS.mkdir(exist_ok=True)
    for old in CORPUS.iterdir():
        old.unlink()
    top = 2 ** 64 - 1
    for n, k, name in [(0, 0, "0-0"), (34, 17, "34-17"), (35, 17, "35-17"), (67, 33, "67-33"),
                       (68, 34, "68-34"), (1000, 500, "1000-500"), (5, 7, "k-beyond-n"),
                       (top, 2, "top-2"), (top, top - 1, "top-top"), (2 ** 62, 2 ** 61, "impossible"),
                       (10 ** 12, 300, "1e12-300")]:
        seed("comb", name, n_field(n) + k_field(n, k))
        seed("bounds", name, n_field(n) + k_field(n, k))
    for n, start, length, stop_after, name in [
            (1000, 0, 255, 0, "row-head"), (1000, 450, 100, 7, "interrupted"),
            (10 ** 12, 0, 50, 0, "1e12"), (2 ** 62, 2 ** 61, 1, 0, "impossible"),
            (top, 0, 1, 0, "n-max"), (100, 101, 10, 0, "past-end"), (100, 60, 0, 0, "empty")]:
        seed("walk", name, n_field(n) + k_field(n, start) + le(length, 2) + le(stop_after, 1))
    for n in [0, 1, 2, 34, 35, 67, 68, 999]:
        seed("row_mpz", str(n), le(n, 2))
    seed("row_mpz", "impossible", le(0x8000, 2) + n_field(2 ** 40))
    seed("row_mpz", "n-max", le(0x8000, 2) + n_field(top))
    for n, start, length, name in [(10, 3, 4, "10"), (10, 11, 5, "past-end"),
                                   (10 ** 6, 499995, 10, "1e6-middle"),
                                   (2 ** 62, 2 ** 61, 1, "impossible"), (top, 0, 1, "n-max")]:
        seed("slice_mpz", name, n_field(n) + k_field(n, start) + le(length, 1))
    for n in [0, 1, 34, 35, 67, 68, 70]:
        seed("row_fixed", str(n), le(n, 1))
    seed("row_fixed", "huge", bytes([0xF0]) + le(2 ** 63, 8))
    for target, width, last in [("step_u32", 4, 34), ("step_u64", 8, 67)]:
        for n in [last - 1, last]:          # row last fits, row last + 1 does not
            seed(target, f"row{n}", le(n, 1) + b"\0" + row_values(n, width))
        seed(target, "near-top", le(20, 1) + b"\1" + bytes(range(1, 90)))
    for status in [0, 5, 6, -1, 2 ** 31 - 1]:
        seed("strerror", str(status), struct.pack("<i", status))
    # slices in u32/u64: the rows where the widths end, the middle of a big
    # row (refused from the bound), the ends of a huge row
    for n, start, length, name in [(34, 0, 35, "row34"), (35, 0, 36, "row35"), (67, 0, 68, "row67"),
                                   (68, 30, 10, "row68-middle"), (10 ** 6, 499990, 20, "1e6-middle"),
                                   (2 ** 32, 0, 2, "2^32-head"), (top - 1, 0, 3, "top-head"),
                                   (top - 1, top - 3, 254, "top-tail"), (top, 0, 1, "n-max"),
                                   (10, 11, 5, "past-end"),
                                   # C(n, 2) just below 2^64 (2^32), and one row on
                                   (6074000999, 0, 3, "c2-fits-u64"), (6074001000, 0, 3, "c2-over-u64"),
                                   (92681, 0, 3, "c2-fits-u32"), (92682, 0, 3, "c2-over-u32")]:
        seed("slice_fixed", name, n_field(n) + range_fields(n, start, length))
    for n, start, stop, name in [(10, 0, 11, "whole"), (10, 3, 9, "across"), (11, 8, 12, "upper"),
                                 (10, 7, 3, "empty"), (top - 1, 0, top, "top-whole"), (top, 0, 1, "n-max")]:
        seed("slice_hull", name, n_field(n) + k_field(n, start) + k_field(n, stop))
    for m, i, name in [(7, 10, "7"), (2 ** 63 - 1, 30, "max"), (1, 5, "one"), (0, 3, "zero"),
                       (2 ** 63, 3, "2^63")]:
        seed("step_mod", name, m_field(m) + le(i, 1) + b"\1" + bytes(range(1, 120)))
    for n, start, length, m, name in [(1000, 0, 200, 30, "1000-30"), (1000, 450, 100, 1009 ** 3, "1009^3"),
                                      (10 ** 6, 499990, 20, 2 ** 63 - 1, "1e6-max"),
                                      (2 ** 62, 2 ** 61, 10, 2 * 3 * 5 * 7 * 11 * 13, "huge-n"),
                                      (100, 0, 101, 1, "m-one"), (100, 0, 10, 0, "m-zero"),
                                      (top, 0, 1, 7, "n-max")]:
        seed("slice_mod", name, n_field(n) + range_fields(n, start, length) + m_field(m))
    for n, k, m, name in [(1000, 500, 1009 ** 3, "1009^3"), (3000, 1000, 2 ** 62, "2^62"),
                          (10 ** 12, 300, 30030, "1e12-30030"), (2 ** 62, 2 ** 61, 12, "huge-12"),
                          (67, 33, 2 ** 63 - 1, "67-max"), (5, 7, 9, "k-beyond-n"),
                          (top, top - 1, 2 ** 16, "top"), (10, 5, 0, "m-zero"), (10, 5, 2 ** 63, "m-2^63")]:
        seed("comb_mod", name, n_field(n) + k_field(n, k) + m_field(m))
    for last, probe, name in [(0, 0, "row0"), (34, 20, "row34"), (35, 35, "row35"), (67, 50, "row67"),
                              (68, 68, "row68"), (159, 100, "row159")]:
        seed("triangle", name, le(last, 1) + le(probe, 1))
    seed("multinomial", "empty", b"\0\0")
    seed("multinomial", "3-4-5", b"\3\0" + le(3, 2) + le(4, 2) + le(5, 2))
    seed("multinomial", "zeros", b"\4\0" + le(0, 2) + le(7, 2) + le(0, 2) + le(7, 2))
    seed("multinomial", "six", b"\6\0" + b"".join(le(v, 2) for v in [399, 1, 200, 399, 17, 0]))
    seed("multinomial", "wraps", b"\2\1" + n_field(top) + n_field(1))
    seed("multinomial", "impossible", b"\2\1" + n_field(2 ** 62) + n_field(2 ** 62))
    seed("multinomial", "small-then-impossible", b"\3\1" + n_field(2 ** 62) + n_field(3) + n_field(2 ** 62))
    for n, k, name in [(0, 0, "0-0"), (200, 100, "200-100"), (3000, 1500, "3000-1500"),
                       (5, 7, "k-beyond-n"), (top, 1, "top-1"), (top, top // 2, "top-middle"),
                       (2 ** 62, 2 ** 61, "impossible"), (10 ** 12, 300, "1e12-300")]:
        seed("comb_bytes", name, n_field(n) + k_field(n, k))
    # values ending where the 30-bit fast path must stop (no slack past the
    # array), other widths, invalid widths, no limbs, zero top limbs
    for bits, limbs, name in [(30, [], "empty"), (30, [1], "one"), (30, [top] * 4, "ones-4"),
                              (30, [top] * 15, "ones-15"), (30, [0x0123456789abcdef] * 64 + [1], "65"),
                              (30, [5, 0, 0], "zero-top"), (15, [top] * 7, "15-bit"),
                              (32, [top, 3], "32-bit"), (33, [7], "bits-33"), (0, [7], "bits-0")]:
        width = 0 if bits == 30 else 128 + (bits - 128) % 40     # the harness: bits = width % 40
        seed("limbs_to_digits", name, le(width, 1) + le(len(limbs), 2) + b"".join(le(v, 8) for v in limbs))

    small_primes = [2, 3, 5, 7, 11, 13, 251, 65521, 4294967291, 2 ** 64 - 59]
    for n, k, p, name in [(10, 3, 2, "10-3-2"), (1000, 500, 3, "1000-500-3"), (2 ** 64 - 1, 2 ** 63, 2, "top-2"),
                          (2 ** 63, 2 ** 62, 2, "2e63"), (10 ** 12, 3 * 10 ** 11, 2 ** 64 - 59, "big-prime"),
                          (100, 30, 91, "composite"), (100, 30, 1, "one"), (5, 6, 3, "k-beyond-n"),
                          (2 ** 64 - 1, 2 ** 40, 2 ** 64 - 1, "p-max")]:
        pf = bytes([0, small_primes.index(p)]) if p in small_primes else (
            bytes([1]) + le(p, 2) if p < 2 ** 16 else bytes([2]) + le(p, 8))
        seed("valuation", name, n_field(n) + k_field(n, k) + pf)
    for n, k, name in [(-1, 5, "minus-1"), (-7, 3, "minus-7-3"), (-300, 200, "minus-300"), (40, 20, "40-20"),
                       (5, 9, "k-beyond-n"), (-2 ** 63, 2 ** 64 - 1, "impossible"), (-3, 2 ** 64 - 1, "top-past-2e64"),
                       (-2 ** 40, 2 ** 62, "impossible-fits")]:
        m = n if n >= 0 else -n - 1
        seed("binomial", name, n_field(2 * m) + bytes([n >= 0]) + k_field(m, k))
    for n, start, m, threads, polls, length, name in [
            (600000, 0, 10 ** 9 + 7, 2, 0, 2 ** 18, "split-2"), (600001, 1000, 2 ** 62, 8, 0, 2 ** 18, "split-8"),
            (300000, 0, 2 * 3 * 5 * 7 * 11 * 13, 3, 2, 2 ** 18, "stopped"), (1000, 0, 1009, 4, 0, 1001, "small"),
            (100, 0, 0, 2, 0, 10, "m-zero"), (2 ** 64 - 1, 0, 7, 2, 0, 1, "n-max")]:
        seed("slice_mod_threads", name, n_field(n) + m_field(m) + k_field(n, start) + bytes([threads, polls])
             + le(length, 3))

    for n, k, name in [(67, 33, "67-33"), (68, 34, "68-34"), (68, 30, "68-30"), (6074001000, 2, "max-2"),
                       (6074001001, 2, "past-max-2"), (top, 1, "top-1"), (top, 2, "top-2"), (5, 9, "k-beyond-n"),
                       (4801280, 3, "max-3"), (1913, 7, "max-7")]:
        seed("comb_u64", name, n_field(n) + k_field(n, k))
    for p, pairs, name in [(2, [(10, 3), (100, 50)], "two-pairs"), (91, [(10, 3)], "composite"),
                           (3, [(10, 3), (3, 10), (20, 5)], "k-beyond-n"), (2 ** 64 - 59, [(top, 2 ** 40)], "big-p")]:
        pf = bytes([1, small_primes.index(p)]) if p in small_primes else bytes([1, 10]) if p == 91 else (
            bytes([0]) + le(p, 8))
        seed("valuations", name, pf + le(len(pairs), 1) + b"".join(n_field(n) + k_field(n, k) for n, k in pairs))
    for n, start, m, length, pieces, name in [
            (10 ** 6, 499000, 10 ** 9 + 7, 2000, [7, 200, 255, 0, 1], "middle"), (1000, 900, 720720, 200, [50], "end"),
            (100, 0, 2 ** 32, 101, [], "small"), (10 ** 12, 10 ** 12 - 300, 1009 ** 3, 400, [100, 100], "huge-end"),
            (100, 0, 0, 10, [], "m-zero"), (2 ** 64 - 1, 0, 7, 1, [], "n-max")]:
        seed("mod_stream", name, n_field(n) + m_field(m) + k_field(n, start) + le(length, 2) + bytes(pieces))
    for n, k, threads, name in [(1000, 500, 2, "1000-500"), (1000, 90, 3, "stripped-side"),
                                (1000, 91, 3, "full-side"), (10 ** 12, 251, 8, "1e12-251"),
                                (top, 250, 0, "top-250"), (5, 7, 4, "k-beyond-n"),
                                (2 ** 62, 2 ** 61, 255, "impossible")]:
        seed("comb_threads", name, n_field(n) + k_field(n, k) + bytes([threads]))

if __name__ == "__main__":
    main()
