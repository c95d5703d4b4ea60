"""pascalrow.dask: a row of Pascal's triangle modulo m as a dask array.

Needs dask (pip install 'pascalrow[dask]'); ``import pascalrow`` alone does
not import it.

>>> import pascalrow.dask
>>> row = pascalrow.dask.pascal_row(10, mod=7, chunks=4)
>>> row.chunks
((4, 4, 3),)
>>> row.compute().tolist()
[1, 3, 3, 1, 0, 0, 0, 1, 3, 3, 1]

Each block is one task, pascalrow.pascal_row(n, a, b, mod=m, out=numpy.empty(...))
for its own range [a, b) of k, run by whichever worker takes it: the graph
holds four small ints per block, never a value or an array.
"""
import operator
from typing import Any

import dask.array as da
import numpy
from dask.base import tokenize
from dask.highlevelgraph import HighLevelGraph

from . import pascal_row as _pascal_row

__all__ = ["pascal_row", "DEFAULT_CHUNK"]

# Values per block when chunks is None: 2**24 uint64 values, 128 MiB, the
# size dask's own arrays aim at (its array.chunk-size setting).
DEFAULT_CHUNK = 1 << 24


def _block(n: int, start: int, stop: int, mod: int) -> Any:
    """C(n, k) mod m for k in [start, stop) as a NumPy array (the task of one
    block), written by pascal_row's threads straight into numpy.empty."""
    return _pascal_row(n, start, stop, mod=mod, out=numpy.empty(max(stop - start, 0), numpy.uint64))


def _bound(value: Any, name: str, default: int) -> int:
    """start or stop as an int: None gives default; pascal_row's errors
    for anything else that is not a non-negative integer."""
    if value is None:
        return default
    value = operator.index(value)
    if value < 0:
        raise ValueError(f"{name} must be a non-negative integer")
    return value


def pascal_row(n: Any, /, start: Any = 0, stop: Any = None, *, mod: Any,
               chunks: Any = None) -> da.Array:
    """C(n, k) mod m for k in range(start, stop) as a 1-D dask array of
    uint64, chunked along k.

    The bounds are pascalrow.pascal_row's, those of a Python slice of the
    whole row: stop None means n + 1, a stop past the end is clipped, and
    start >= stop gives an empty array; negative bounds raise ValueError.
    mod is required, 1 <= mod < 2**63 (the exact values do not fit 64
    bits); n < 2**64 - 1.  chunks takes what dask.array takes for one axis:
    a block length (DEFAULT_CHUNK, 2**24 values, when None), a tuple of
    lengths adding up to the slice's, -1 for one block, or "auto".

    Each block [a, b) is computed, when the array is, by
    pascalrow.pascal_row(n, a, b, mod=mod, out=numpy.empty(b - a, numpy.uint64))
    on whichever worker runs it; the graph holds only (n, a, b, mod).  Bad arguments
    raise here, as pascal_row raises them (TypeError, ValueError,
    OverflowError); a block out of every method's reach (deep in a huge row
    modulo a large prime power) raises OverflowError when it is computed.
    """
    if mod is None:
        raise TypeError("pascalrow.dask.pascal_row needs mod: the exact values do not fit uint64")
    # n and mod checked by pascal_row itself, on an empty slice
    _pascal_row(n, 0, 0, mod=mod, dtype="uint64")
    n, mod = operator.index(n), operator.index(mod)
    if n >= 2**64 - 1:       # pascal_row takes it; dask's chunks and shapes are 64-bit
        raise OverflowError("pascalrow.dask.pascal_row: n must be less than 2**64 - 1")
    start = _bound(start, "start", 0)
    stop = min(_bound(stop, "stop", n + 1), n + 1)
    length = max(stop - start, 0)
    if isinstance(chunks, int) and (chunks == 0 or chunks < -1):
        raise ValueError("chunks must be a positive block length, or -1 for one block")
    blocks = da.core.normalize_chunks(DEFAULT_CHUNK if chunks is None else chunks,
                                      shape=(length,), dtype=numpy.uint64)
    name = "pascal_row-" + tokenize(n, start, length, mod, blocks)
    layer = {}
    a = start
    for i, size in enumerate(blocks[0]):
        layer[(name, i)] = (_block, n, a, a + size, mod)
        a += size
    graph = HighLevelGraph.from_collections(name, layer, dependencies=())
    return da.Array(graph, name, blocks, dtype=numpy.uint64, meta=numpy.empty((0,), numpy.uint64))
