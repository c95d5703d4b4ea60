"""pascalrow.testing catches real bugs: each deliberately wrong implementation
in wrong_impls.py fails with the right diagnosis at the right smallest input,
and the right implementations pass."""
import math
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings

import pascalrow
import wrong_impls as wrong
from pascalrow.testing import (CheckFailure, boundary_rows, check_comb_function,
                               check_row_function, coefficients, moduli, row_indices)
from pascalrow.testing import _strategies


def row_failure(f, **kw) -> CheckFailure:
    with pytest.raises(CheckFailure) as info:
        check_row_function(f, **kw)
    return info.value


def comb_failure(f, **kw) -> CheckFailure:
    with pytest.raises(CheckFailure) as info:
        check_comb_function(f, **kw)
    return info.value


def text(e: CheckFailure) -> str:
    """The report with its line wrapping undone."""
    return " ".join(str(e).split())


# ------------------------------------------------------------------ rows

def test_u32_row_like_the_talk_fails_at_row_35():
    e = row_failure(wrong.pascal_row_u32, convention="seed")
    assert isinstance(e, AssertionError)
    assert (e.diagnosis, e.row, e.n) == ("wrapped-uint32", 35, 36)
    # C(35, 16) = 4059928950 still fits; C(35, 17) = 4537567650 is the first that does not
    assert (e.index, e.expected, e.actual) == (17, 4537567650, 4537567650 - 2**32)
    report = text(e)
    assert "f(36), row 35; every row below it is right" in report
    assert "C(35, 17) = 4537567650 at index 17" in report
    assert "wrapped modulo 2**32" in report and "Row 34 is the last row that fits uint32" in report


def test_u64_row_fails_at_row_68():
    e = row_failure(wrong.row_u64)
    assert (e.diagnosis, e.row, e.n) == ("wrapped-uint64", 68, 68)
    assert e.expected == math.comb(68, e.index) and e.actual == e.expected % 2**64
    assert all(math.comb(68, k) < 2**64 for k in range(e.index))   # the first wrong index


def test_signed_int64_row_fails_at_row_67():
    e = row_failure(wrong.row_signed_i64)
    assert (e.diagnosis, e.row) == ("wrapped-int64", 67)
    assert e.actual < 0 and e.actual == e.expected - 2**64


def test_float_row_is_float_rounding():
    e = row_failure(wrong.row_float)
    assert e.diagnosis == "float-rounding"
    # the smallest row where rounding shows: every row below it is right
    assert all(wrong.row_float(n) == pascalrow.pascal_row(n) for n in range(e.row))
    assert e.expected > 2**50 and e.actual != e.expected


def test_off_by_one_row_is_diagnosed_and_passes_as_seed():
    e = row_failure(wrong.row_off_by_one)
    assert (e.diagnosis, e.row) == ("off-by-one-row", 1)
    assert 'convention="seed"' in text(e)
    # what it computes is the seed convention: checked so, it holds
    assert "every property holds" in check_row_function(wrong.row_off_by_one, convention="seed",
                                                        max_n=300, max_examples=30)


def test_dropped_last_entry_is_wrong_length():
    e = row_failure(wrong.row_drops_last)
    assert (e.diagnosis, e.row, e.index) == ("wrong-length", 0, 0)
    assert "the last entry C(n, n) = 1 is missing" in text(e)


def test_asymmetric_row():
    e = row_failure(wrong.row_asymmetric)
    assert (e.diagnosis, e.row, e.index) == ("asymmetric", 5, 4)


def test_exception_raised_by_f():
    e = row_failure(wrong.row_raises)
    assert (e.diagnosis, e.row) == ("exception", 51)
    assert isinstance(e.actual, IndexError)
    assert "f(51) raised IndexError: row buffer holds 51 values" in text(e)


def test_floats_are_the_wrong_type():
    e = row_failure(wrong.row_floats)
    assert (e.diagnosis, e.row, e.actual) == ("wrong-type", 0, 1.0)


def test_not_a_sequence():
    e = row_failure(lambda n: 2**n)
    assert e.diagnosis == "wrong-type" and "not a sequence of ints" in text(e)


def test_hypothesis_finds_and_shrinks_a_failure_between_boundaries():
    # Wrong from row 700 on: no boundary row in 0..699 shows it, the boundary
    # pass stops at 767, hypothesis finds a row in 700..766 and shrinks it to 700.
    def late(n):
        row = pascalrow.pascal_row(n)
        if n >= 700:
            row[1] = row[n - 1] = n + 1
        return row
    e = row_failure(late)
    assert (e.diagnosis, e.row, e.index, e.actual) == ("wrong-value", 700, 1, 701)
    assert "hypothesis shrank to this row" in text(e)


def test_slow_is_reported_as_slow_not_wrong():
    def slow(n):
        if n >= 500:
            time.sleep(0.3)
        return pascalrow.pascal_row(n)
    e = row_failure(slow, max_n=600, max_examples=30, deadline=0.1)
    assert (e.diagnosis, e.diagnoses, e.row) == ("slow", ("slow",), 511)
    assert e.seconds >= 0.3
    assert "TOO SLOW (every value it returned is right)" in text(e)
    assert "f(511) took" in text(e) and "0.1 s deadline" in text(e)


def test_wrong_beats_slow():
    def both(n):
        if n >= 40:
            time.sleep(0.3)
        return wrong.pascal_row_u32(n)
    e = row_failure(both, convention="seed", max_n=100, max_examples=10, deadline=0.1)
    assert (e.diagnosis, e.row) == ("wrapped-uint32", 35)


@pytest.mark.parametrize("f,convention", [
    (pascalrow.pascal_row, "row"),
    (lambda n: [math.comb(n, k) for k in range(n + 1)], "row"),
    (lambda n: pascalrow.pascal_row(n - 1), "seed"),
    (lambda n: tuple(pascalrow.pascal_row(n)), "row"),
])
def test_right_rows_pass(f, convention):
    report = check_row_function(f, convention=convention)
    assert report.splitlines()[0].endswith(": OK")
    assert "boundary rows (0, 1, 2, 3" in report and "999, 1000)" in report


def test_bad_arguments():
    with pytest.raises(ValueError, match="convention"):
        check_row_function(pascalrow.pascal_row, convention="rows")
    with pytest.raises(ValueError, match="max_n"):
        check_row_function(pascalrow.pascal_row, max_n=-1)
    with pytest.raises(TypeError, match="callable"):
        check_row_function(42)
    with pytest.raises(ValueError, match="deadline"):
        check_comb_function(math.comb, deadline=0)


# ------------------------------------------------------------------ comb

@pytest.mark.parametrize("f", [pascalrow.comb, math.comb])
def test_right_combs_pass(f):
    assert "every property holds" in check_comb_function(f)


def test_u64_comb_overflows_before_dividing():
    e = comb_failure(wrong.comb_u64, contract=False)
    assert e.diagnosis == "intermediate-overflow"
    assert (e.n, e.k) == (63, 29) and e.expected == math.comb(63, 29) < 2**64
    # the smallest: every (n, k) with n < 63 is right
    assert all(wrong.comb_u64(n, k) == math.comb(n, k) for n in range(63) for k in range(n + 2))


def test_u64_comb_wraps_past_64_bits():
    e = comb_failure(lambda n, k: math.comb(n, k) % 2**64, contract=False)
    # C(68, 31) is the first value of the first row past 64 bits (row 68)
    assert (e.diagnosis, e.n, e.k) == ("wrapped-uint64", 68, 31)
    assert math.comb(68, 30) < 2**64 <= math.comb(68, 31)


def test_float_comb():
    e = comb_failure(wrong.comb_float, contract=False)
    assert e.diagnosis == "float-rounding" and (e.n, e.k) == (55, 24)


def test_comb_raising_for_k_greater_than_n():
    e = comb_failure(wrong.comb_factorial)
    assert e.diagnoses[:2] == ("exception", "k-greater-than-n") and (e.n, e.k) == (0, 1)
    assert "f(5, 6) raised ValueError" in text(e)


def test_comb_off_by_one():
    e = comb_failure(lambda n, k: math.comb(n + 1, k) if n > 10 else math.comb(n, k), contract=False)
    assert (e.diagnosis, e.n, e.k) == ("off-by-one", 11, 1)


def test_comb_contract_for_bad_input():
    e = comb_failure(wrong.comb_lenient)
    assert e.diagnoses == ("contract",) and e.n is None
    report = text(e)
    for problem in ("f(-1, 0) returned 0; math.comb raises ValueError",
                    "f(5.0, 2) returned 10; math.comb raises TypeError",
                    "f('5', 2) returned 10; math.comb raises TypeError"):
        assert problem in report
    assert "Index(10)" not in report      # it does accept __index__ objects
    assert "every property holds" in check_comb_function(wrong.comb_lenient, contract=False)


# ------------------------------------------------------------ strategies

def _draws(strategy, count=300):
    seen = []

    @settings(max_examples=count, derandomize=True, database=None)
    @given(strategy)
    def collect(x):
        seen.append(x)

    collect()
    return seen


def test_boundary_rows():
    rows = boundary_rows(1000)
    for n in (0, 1, 2, 34, 35, 67, 68, 127, 128, 129, 511, 512, 513, 999, 1000):
        assert n in rows
    assert rows == sorted(set(rows)) and max(rows) == 1000 and 1023 not in rows
    assert boundary_rows(40, min_n=30) == [31, 32, 33, 34, 35, 36, 40]


def test_row_indices_are_in_range_and_biased():
    draws = _draws(row_indices(1000))
    assert all(0 <= n <= 1000 for n in draws)
    on_boundary = sum(n in set(boundary_rows(1000)) for n in draws)
    assert on_boundary >= 0.3 * len(draws)        # 36 of 1001 rows: 3.6% if uniform
    assert set(_draws(row_indices(5, min_n=3), 50)) <= {3, 4, 5}
    with pytest.raises(ValueError):
        row_indices(3, min_n=4)


def test_coefficients_include_k_beyond_n():
    draws = _draws(coefficients(1000))
    assert all(0 <= n <= 1000 and 0 <= k <= n + 2 for n, k in draws)
    assert any(k > n for n, k in draws) and any(k == n // 2 for n, k in draws if n > 10)
    big = _draws(coefficients(2**70, min_n=2**65), 100)
    assert all(2**65 <= n <= 2**70 and (k <= 64 or n - 64 <= k <= n + 2) for n, k in big)


def _is_prime(n):
    if n < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
    if n in small:
        return True
    if any(n % p == 0 for p in small):
        return False
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in small:          # deterministic for n < 3.3e24
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime_power(m):
    p = next(p for p in range(2, 1000) if m % p == 0)
    while m % p == 0:
        m //= p
    return m == 1


def test_moduli_lists_are_what_they_claim():
    assert all(_is_prime(p) for p in _strategies._PRIMES)
    assert all(_prime_power(m) and not _is_prime(m) for m in _strategies._PRIME_POWERS)
    assert not any(_is_prime(m) or _prime_power(m) for m in _strategies._COMPOSITES)
    # the primes nearest 2**31, 2**32, 2**63 - 1 (below and above)
    for edge in (2**31, 2**32, 2**63):
        below = next(p for p in range(edge - 1, 0, -1) if _is_prime(p))
        above = next(p for p in range(edge, 2 * edge) if _is_prime(p))
        assert below in _strategies._PRIMES and above in _strategies._PRIMES


def test_moduli_draws():
    draws = _draws(moduli())
    assert all(m >= 1 for m in draws)
    assert {1, 2, 2**31 - 1, 2**63 - 25} & set(draws)
    assert all(1 <= m <= 1000 for m in _draws(moduli(1000), 100))


# ----------------------------------------------------- optional hypothesis

def _python(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_import_pascalrow_does_not_import_hypothesis():
    r = _python("import sys, pascalrow; pascalrow.pascal_row(40); pascalrow.library_path();"
                "print('hypothesis' in sys.modules, 'pascalrow.testing' in sys.modules)")
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["False", "False"]


def test_pascalrow_testing_without_hypothesis_says_how_to_get_it():
    block = "import sys; sys.modules['hypothesis'] = None; import pascalrow; "
    r = _python(block + "import pascalrow.testing")
    assert r.returncode != 0 and "pip install 'pascalrow[testing]'" in r.stderr
    r = _python(block + "from pascalrow.__main__ import main; sys.exit(main(['check', 'math:comb']))")
    assert r.returncode == 2 and "pip install 'pascalrow[testing]'" in r.stderr


def test_nondeterministic_f_is_reported_wrong_and_flaky():
    calls = [0]

    def flaky(n):               # wrong on every third call, for rows 600..766 only
        calls[0] += 1
        row = pascalrow.pascal_row(n)
        if 600 <= n < 767 and calls[0] % 3 == 0:
            row[1] = row[n - 1] = 0
        return row
    e = row_failure(flaky)
    assert e.diagnosis == "wrong-value" and 600 <= e.row < 767 and e.actual == 0
    assert "flaky" in e.diagnoses and "not deterministic" in text(e)
