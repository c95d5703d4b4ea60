"""valuation and binomial against references that share nothing with them:
the exponent of p counted by dividing math.comb(n, k) for small n and
Legendre's formula on factorials for big n; binomial of a negative n as the
falling factorial n(n-1)...(n-k+1) / k! in Python ints."""
import math

from hypothesis import given, settings
from hypothesis import strategies as st

import pascalrow
from legendre import valuation_reference

PRIMES = [2, 3, 5, 7, 11, 13, 97, 65521, 4294967291, 2**61 - 1, 2**64 - 59]


def divisions(value, p):
    """How often p divides value > 0, by dividing."""
    count = 0
    while value % p == 0:
        value //= p
        count += 1
    return count




def falling_binomial(n, k):
    product = 1
    for i in range(k):
        product *= n - i
    return product // math.factorial(k)


@given(st.integers(0, 400), st.data(), st.sampled_from(PRIMES))
def test_valuation_divides_comb(n, data, p):
    k = data.draw(st.integers(0, n))
    assert pascalrow.valuation(n, k, p) == divisions(math.comb(n, k), p)


@given(st.integers(0, 2**300), st.data(), st.sampled_from(PRIMES))
def test_valuation_legendre(n, data, p):
    k = data.draw(st.integers(0, n))
    assert pascalrow.valuation(n, k, p) == valuation_reference(n, k, p)


@settings(max_examples=30)
@given(st.integers(2**64, 2**5000), st.data(), st.sampled_from(PRIMES))
def test_valuation_legendre_huge(n, data, p):
    k = data.draw(st.integers(0, n))
    assert pascalrow.valuation(n, k, p) == valuation_reference(n, k, p)


def test_valuation_at_the_word_edge():
    # n just below and above 2**64: the C path and the digit-sum path agree with Legendre
    for n in (2**64 - 1, 2**64, 2**64 + 1, 3**41, 3**41 + 5):
        for k in (0, 1, n // 3, n // 2, n - 1, n):
            for p in (2, 3, 2**64 - 59):
                assert pascalrow.valuation(n, k, p) == valuation_reference(n, k, p)


@given(st.integers(-300, -1), st.integers(0, 200))
def test_binomial_negative_n(n, k):
    assert pascalrow.binomial(n, k) == falling_binomial(n, k)


@given(st.integers(-2**100, -1), st.integers(0, 30))
def test_binomial_big_negative_n(n, k):
    assert pascalrow.binomial(n, k) == falling_binomial(n, k)


@given(st.integers(0, 2**70), st.integers(0, 400))
def test_binomial_nonnegative_n_is_comb(n, k):
    assert pascalrow.binomial(n, k) == math.comb(n, k)


@given(st.integers(-2**70, 2**70), st.integers(-2**70, -1))
def test_binomial_negative_k_is_zero(n, k):
    assert pascalrow.binomial(n, k) == 0


@given(st.integers(-500, 500), st.integers(1, 300))
def test_binomial_pascal_rule(n, k):
    # C(n, k) = C(n-1, k-1) + C(n-1, k) for every integer n (k >= 1)
    assert pascalrow.binomial(n, k) == pascalrow.binomial(n - 1, k - 1) + pascalrow.binomial(n - 1, k)


def test_binomial_past_2_64():
    # k - n - 1 >= 2**64 with a small lower index: -n - 1
    assert pascalrow.binomial(-3, 2**64 + 1) == -falling_binomial(2**64 + 3, 2)
    assert pascalrow.binomial(-1, 2**80) == 1
