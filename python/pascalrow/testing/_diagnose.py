"""Recognise how a wrong row or coefficient went wrong.

Each function compares one result against the exact value and returns None
when it is right, or a Finding: the first wrong index, the expected and
actual values there, and the diagnoses that fit, the most telling first.
Nothing here imports hypothesis.
"""
import operator
from dataclasses import dataclass
from typing import Any, Callable, Literal


class _Missing:
    """Stands for a value the result does not have (it is too short)."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Finding:
    index: int | None                      # first wrong index in a row; None for a scalar
    expected: Any
    actual: Any
    diagnoses: tuple[tuple[str, str], ...]  # (code, sentence), the primary one first


# ------------------------------------------------------------ fixed width

# (bits, signed) in the order they are tried: the narrowest explanation wins.
_WIDTHS = ((32, False), (32, True), (64, False), (64, True))


def _wrap(value: int, bits: int, signed: bool) -> int:
    """value as a bits-wide integer holds it: reduced mod 2**bits, read as
    two's complement when signed."""
    v = value % (1 << bits)
    if signed and v >> (bits - 1):
        v -= 1 << bits
    return v


def _width_name(bits: int, signed: bool) -> str:
    return f"{'int' if signed else 'uint'}{bits}"


def _last_row_fitting(bits: int, signed: bool) -> int:
    """The last row whose values all fit the type: C(n, n//2) < 2**usable."""
    limit = 1 << (bits - signed)
    n, c = 0, 1                     # c = C(n, n // 2), the row's largest value
    while True:
        # C(2m+1, m) = C(2m, m)·(2m+1)/(m+1);  C(2m+2, m+1) = 2·C(2m+1, m)
        nxt = c * (n + 1) // (n // 2 + 1) if n % 2 == 0 else 2 * c
        if nxt >= limit:
            return n
        n, c = n + 1, nxt


def wrap_width(actual: list[int], expected: list[int]) -> tuple[int, bool] | None:
    """The (bits, signed) fixed-width type that turns expected into actual
    value by value, if one does (and they differ)."""
    if len(actual) != len(expected) or actual == expected:
        return None
    for bits, signed in _WIDTHS:
        if all(a == _wrap(e, bits, signed) for a, e in zip(actual, expected)):
            return bits, signed
    return None


def _wrap_sentence(bits: int, signed: bool, what: str) -> str:
    name = _width_name(bits, signed)
    last = _last_row_fitting(bits, signed)
    other = _last_row_fitting(64, signed) if bits == 32 else None
    read = " read as signed" if signed else ""
    tail = f" (row {other} for {_width_name(64, signed)})" if other is not None else ""
    return (f"wrapped modulo 2**{bits}: {what} mod 2**{bits}{read} — fixed-width overflow "
            f"in {name}. Row {last} is the last row that fits {name}{tail}; beyond it, "
            f"compute with a wider type or exact integers.")


# ---------------------------------------------------------------- floats

_REL_TOL = 1e-9   # float64 products and gamma ratios stay far inside this


def _float_close(a: int, e: int) -> bool:
    return abs(a - e) <= _REL_TOL * max(abs(e), 1)


def _float_sentence(actual: list[int], expected: list[int], what: str) -> str:
    worst = max(abs(a - e) / max(e, 1) for a, e in zip(actual, expected))
    return (f"floating-point rounding: every wrong value is within a relative "
            f"{worst:.1e} of {what}, as values that went through float64 are "
            f"(53-bit significand: exact only below 2**53 ≈ 9.0e15).")


def _float_rounding(actual: list[int], expected: list[int]) -> bool:
    return (len(actual) == len(expected) and actual != expected
            and all(_float_close(a, e) for a, e in zip(actual, expected)))


# ----------------------------------------------------------------- types

def _type_problem(where: str, value: Any) -> tuple[str, str]:
    return ("wrong-type", f"{where} is {type(value).__name__} {value!r}, not an int "
                          f"(exact values need ints: a float holds only 53 bits)")


def as_int(value: Any) -> int | None:
    """value as an exact int if it is an integer type (has __index__)."""
    try:
        return operator.index(value)
    except TypeError:
        return None


def exception_finding(call: str, error: BaseException, expected: Any,
                      extra: tuple[tuple[str, str], ...] = ()) -> Finding:
    text = f"{call} raised {type(error).__name__}: {error}".rstrip(": ")
    return Finding(None, expected, error, (("exception", text),) + extra)


# ------------------------------------------------------------------- rows

def _first_difference(actual: list[Any], expected: list[Any]) -> int:
    for k, (a, e) in enumerate(zip(actual, expected)):
        if a != e:
            return k
    return min(len(actual), len(expected))


def _length_sentence(actual: list[int], expected: list[int], call: str) -> str:
    m, n1 = len(actual), len(expected)
    what = f"wrong length: {call} returned {m} values, the row has {n1}"
    if actual == expected[:-1]:
        return what + "; the last entry C(n, n) = 1 is missing"
    if actual == expected[1:]:
        return what + "; the first entry C(n, 0) = 1 is missing"
    if m < n1 and actual == expected[:m]:
        return what + f"; the first {m} are right, the rest are missing"
    if m > n1 and actual[:n1] == expected:
        return what + f"; the row is right but followed by {m - n1} extra values"
    return what


def _asymmetry(actual: list[int]) -> tuple[int, int] | None:
    n = len(actual) - 1
    for k in range(len(actual) // 2):
        if actual[k] != actual[n - k]:
            return k, n - k
    return None


def diagnose_row(result: Any, row: int, call: str, convention: Literal["row", "seed"],
                 reference: Callable[[int], list[int]]) -> Finding | None:
    """Compare result, what call (e.g. "f(36)") returned, with row `row`."""
    expected = reference(row)
    try:
        items = list(result)
    except TypeError:
        return Finding(None, expected, result,
                       (("wrong-type", f"{call} returned {type(result).__name__} {result!r}, "
                                       f"not a sequence of ints"),))
    actual = []
    for k, v in enumerate(items):
        iv = as_int(v)
        if iv is None:
            want = expected[k] if k < len(expected) else MISSING
            return Finding(k, want, v, (_type_problem(f"{call}[{k}]", v),))
        actual.append(iv)
    if actual == expected:
        return None

    k = _first_difference(actual, expected)
    diags: list[tuple[str, str]] = []
    width = wrap_width(actual, expected)
    if width:
        diags.append((f"wrapped-{_width_name(*width)}",
                      _wrap_sentence(*width, f"every value equals C({row}, k)")))
    off = _off_by_one_row(actual, row, reference)
    if off:
        m, off_width = off
        diags.append(("off-by-one-row", _off_by_one_sentence(m, row, call, convention)))
        if off_width:
            diags.append((f"wrapped-{_width_name(*off_width)}",
                          _wrap_sentence(*off_width, f"the values equal row {m}")))
    if _float_rounding(actual, expected):
        diags.append(("float-rounding", _float_sentence(actual, expected, f"C({row}, k)")))
    if len(actual) != len(expected) and not off:
        diags.append(("wrong-length", _length_sentence(actual, expected, call)))
    pair = _asymmetry(actual) if len(actual) == len(expected) else None
    if pair:
        i, j = pair
        diags.append(("asymmetric", f"the row is not symmetric: {call}[{i}] = {actual[i]} but "
                                    f"{call}[{j}] = {actual[j]}, while C(n, k) = C(n, n - k)"))
    if not diags:
        diags.append(("wrong-value", f"no known pattern: {call} differs from row {row} "
                                     f"from index {k} on"))
    return Finding(k, expected[k] if k < len(expected) else MISSING,
                   actual[k] if k < len(actual) else MISSING, tuple(diags))


def _off_by_one_row(actual: list[int], row: int, reference: Callable[[int], list[int]]
                    ) -> tuple[int, tuple[int, bool] | None] | None:
    """(m, width) when actual is row m = row ± 1, exactly (width None) or as
    a fixed-width type would hold it."""
    for m in (row - 1, row + 1):
        if m < 0:
            continue
        other = reference(m)
        if actual == other:
            return m, None
        width = wrap_width(actual, other)
        if width:
            return m, width
    return None


def _off_by_one_sentence(m: int, row: int, call: str, convention: Literal["row", "seed"]) -> str:
    text = f"off by one row: {call} returned row {m} ({m + 1} value{'s' * (m > 0)}), not row {row}"
    if convention == "row" and m == row - 1:
        text += ('. If f(n) is meant to return the n values of row n - 1, check it '
                 'with convention="seed" (--convention seed)')
    elif convention == "seed" and m == row + 1:
        text += ('. If f(n) is meant to return row n itself, check it with '
                 'convention="row" (--convention row)')
    return text


# ------------------------------------------------------------------- comb

def diagnose_comb(result: Any, n: int, k: int, call: str,
                  reference: Callable[[int, int], int],
                  mirror: Callable[[], Any]) -> Finding | None:
    """Compare result, what call (e.g. "f(60, 30)") returned, with C(n, k).
    mirror() calls f(n, n - k), for the symmetry diagnosis only."""
    expected = reference(n, k)
    actual = as_int(result)
    if actual is None:
        return Finding(None, expected, result, (_type_problem(f"{call}", result),))
    if actual == expected:
        return None
    diags: list[tuple[str, str]] = []
    if k > n:
        diags.append(("k-greater-than-n", f"math.comb's contract: C(n, k) = 0 for k > n, "
                                          f"and {call} returned {actual}"))
    width = wrap_width([actual], [expected])
    if width:
        diags.append((f"wrapped-{_width_name(*width)}",
                      _wrap_sentence(*width, f"{call} equals C({n}, {k}) = {expected}")))
    elif expected < 1 << 64 and _intermediate_overflow(n, k):
        diags.append(("intermediate-overflow",
                      f"C({n}, {k}) fits 64 bits, but the multiplicative recurrence "
                      f"C(n, j+1) = C(n, j)·(n - j)/(j + 1) overflows a 64-bit integer "
                      f"before a division on the way to it (C({n}, j)·({n} - j) ≥ 2**64)"))
    for m, j, label in ((n - 1, k, f"C({n - 1}, {k})"), (n + 1, k, f"C({n + 1}, {k})"),
                        (n, k - 1, f"C({n}, {k - 1})"), (n, k + 1, f"C({n}, {k + 1})")):
        if m >= 0 and j >= 0 and actual == reference(m, j) and actual != expected:
            diags.append(("off-by-one", f"off by one: {call} returned {label}, not C({n}, {k})"))
            break
    if k <= n and _float_close(actual, expected):
        diags.append(("float-rounding", _float_sentence([actual], [expected], f"C({n}, {k})")))
    if 0 <= k <= n and n - k != k:
        other = as_int(mirror())
        if other is not None and other != actual:
            diags.append(("asymmetric", f"not symmetric: {call} = {actual} but "
                                        f"f({n}, {n - k}) = {other}, while C(n, k) = C(n, n - k)"))
    if not diags:
        diags.append(("wrong-value", f"no known pattern: {call} = {actual}, C({n}, {k}) = {expected}"))
    return Finding(None, expected, actual, tuple(diags))


def _intermediate_overflow(n: int, k: int) -> bool:
    """Whether C(n, j)·(n − j) reaches 2**64 for some j < min(k, n − k)."""
    k = min(k, n - k)
    c = 1
    for j in range(k):
        if c * (n - j) >> 64:
            return True
        c = c * (n - j) // (j + 1)     # C(n, j+1) = C(n, j)·(n − j)/(j + 1)
    return False
