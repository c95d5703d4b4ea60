"""Legendre's formula, the reference the valuation tests share.

v_p(n!) = sum over i >= 1 of n // p**i, so
v_p(C(n, k)) = v_p(n!) - v_p(k!) - v_p((n - k)!) for 0 <= k <= n.
"""
import operator


def factorial_valuation(n, p):
    """v_p(n!) for n >= 0 and p >= 2."""
    v = 0
    while n:
        n //= p
        v += n
    return v


def valuation_reference(n, k, p):
    """v_p(C(n, k)) for integers (anything with __index__) 0 <= k <= n."""
    n, k, p = operator.index(n), operator.index(k), operator.index(p)
    return factorial_valuation(n, p) - factorial_valuation(k, p) - factorial_valuation(n - k, p)
