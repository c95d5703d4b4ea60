# pascalrow.dask as dask.py defines it (needs dask; mypy.stubtest holds this
# stub to the run time, tests/python/test_typing.py).
from typing import Literal, SupportsIndex

import dask.array

__all__ = ["pascal_row", "DEFAULT_CHUNK"]

DEFAULT_CHUNK: int

def pascal_row(
    n: SupportsIndex,
    /,
    start: SupportsIndex | None = 0,
    stop: SupportsIndex | None = None,
    *,
    mod: SupportsIndex,
    chunks: int | tuple[int, ...] | tuple[tuple[int, ...]] | Literal["auto"] | None = None,
) -> dask.array.Array:
    """C(n, k) mod m for k in range(start, stop) as a 1-D dask array of
    uint64, one task per block: pascalrow.pascal_row(n, a, b, mod=mod, dtype="uint64")."""
