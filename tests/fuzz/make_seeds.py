"""Write the fuzz harness's seed corpus, tests/fuzz/corpus/ (checked in).

Each seed is one named case in the input format fuzz_pascalrow.c decodes:
a target byte, then the target's fields.  The seeds start libFuzzer at the
boundaries (rows 34/35 and 67/68, the middle of a row, n near 2^64, values
no memory can hold); `meson test` replays them in every build.

    python3 tests/fuzz/make_seeds.py
"""
import math
import pathlib
import struct

CORPUS = pathlib.Path(__file__).with_name("corpus")
TARGETS = ["comb", "walk", "row_mpz", "slice_mpz", "row_fixed", "step_u32", "step_u64",
           "bounds", "strerror"]


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


if __name__ == "__main__":
    main()
