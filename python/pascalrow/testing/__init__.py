"""pascalrow.testing — property tests for anyone's binomial code.

Checks any function that claims to return a row of Pascal's triangle, or a
binomial coefficient, against pascalrow's exact values, and says how it is
wrong: the smallest failing input, the first wrong value, and a diagnosis
(wrapped modulo 2**32 or 2**64, off by one row, floating-point rounding,
wrong length, asymmetric, an exception, too slow).

    from pascalrow.testing import check_row_function

    def test_my_pascal_row():
        check_row_function(my_module.pascal_row)

Needs hypothesis (``pip install pascalrow[testing]``); ``import pascalrow``
alone does not.  The strategies are usable in your own hypothesis tests:
row_indices(), coefficients() and moduli() are biased toward the inputs
where such code breaks.
"""
try:
    import hypothesis  # noqa: F401
except ImportError as exc:   # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "pascalrow.testing needs hypothesis: pip install 'pascalrow[testing]' "
        "(or pip install hypothesis)") from exc

from ._check import CheckFailure, check_comb_function, check_row_function
from ._strategies import boundary_rows, coefficients, moduli, row_indices

__all__ = ["CheckFailure", "boundary_rows", "check_comb_function", "check_row_function",
           "coefficients", "moduli", "row_indices"]
