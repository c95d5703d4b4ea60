from typing import SupportsIndex

__version__: str

def pascal_row(n: SupportsIndex, /) -> list[int]:
    """Row n of Pascal's triangle: [C(n, 0), ..., C(n, n)] as exact ints."""

def comb(n: SupportsIndex, k: SupportsIndex, /) -> int:
    """C(n, k) as an exact int; 0 when k > n (same contract as math.comb)."""

def set_num_threads(n: SupportsIndex | None, /) -> None:
    """Use at most n threads for one big row; None or 0 = the default."""

def get_num_threads() -> int:
    """The number of threads a big row would use now."""
