from typing import SupportsIndex

__version__: str

def pascal_row(n: SupportsIndex, /) -> list[int]:
    """Row n of Pascal's triangle: [C(n, 0), ..., C(n, n)] as exact ints."""

def comb(n: SupportsIndex, k: SupportsIndex, /) -> int:
    """C(n, k) as an exact int; 0 when k > n (same contract as math.comb)."""

def library_path() -> str:
    """Path of libpascalrow (the C library) shipped inside this package, for ctypes/cffi."""
