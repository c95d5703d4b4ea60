"""pascalrow._pascalrow, the C extension: the stub of every name it defines
(each function's signature is its docstring's first line, in _row.c,
_row_sum.c, _comb.c, _triangle.c, _multinomial.c, _binomial.c, _valuation.c, _mod_stream.c,
_module.c and _convert.c; WordArray's in _word_array.c)."""

from array import array
from collections.abc import Iterable, Iterator
from typing import ClassVar, Literal, Protocol, Self, SupportsIndex, TypeVar, final, overload

__version__: str
C_VERSION_NUMBER: int   # pascalrow_version_number(): major * 10000 + minor * 100 + patch
U32_MAX_N: int          # the last row whose values all fit 32 bits
U64_MAX_N: int          # the last row whose values all fit 64 bits
MAX_THREADS: int        # the most threads set_num_threads and PASCALROW_THREADS accept
MIN_VALUES_PER_THREAD: int  # the fewest values a thread of a mod row or an array takes
MOD_MAX: int            # the largest modulus, 2**63 - 1
MOD_COST_LIMIT: int     # the most steps of modular arithmetic a request may take

class _DType(Protocol):
    """What pascal_row reads of a dtype object: numpy.dtype has both, so a
    numpy.dtype("uint32") or numpy.dtype("uint64") matches structurally.

    dtype= takes numpy's forms without naming numpy here: this Protocol for
    its dtype objects and `type[object]` for its scalar types (numpy.uint32,
    numpy.uint64 are classes).  Naming numpy would make the stub depend on
    numpy being installed wherever a caller is type-checked.  The forms are
    wider than what the run time takes: any other class or object here is a
    TypeError or ValueError when called.
    """

    @property
    def name(self) -> str: ...
    @property
    def byteorder(self) -> str: ...

@final
class WordArray:
    """A fixed-length array of unsigned 32-bit ('I') or 64-bit ('Q') ints,
    what pascal_row(..., dtype=...) returns: read and written as an
    array.array of that typecode, its memory exported through the buffer
    protocol (numpy.asarray, memoryview)."""

    def __new__(
        cls,
        typecode: Literal["I", "Q"] | str,
        initializer: bytes | bytearray | Iterable[SupportsIndex] = ...,
        byteorder: Literal["little", "big"] | None = None,
        /,
    ) -> Self: ...
    @property
    def typecode(self) -> Literal["I", "Q"]: ...
    @property
    def itemsize(self) -> Literal[4, 8]: ...
    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, key: SupportsIndex, /) -> int: ...
    @overload
    def __getitem__(self, key: slice, /) -> WordArray: ...
    def __setitem__(self, key: SupportsIndex, value: SupportsIndex, /) -> None: ...
    def __iter__(self) -> Iterator[int]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def tolist(self) -> list[int]: ...
    def tobytes(self) -> bytes: ...
    def buffer_info(self) -> tuple[int, int]: ...
    def __reduce__(self) -> tuple[type[WordArray], tuple[str, bytes, str]]: ...
    def __buffer__(self, flags: int, /) -> memoryview: ...

# out's type: any object, since numpy.ndarray's stubs do not declare the
# buffer protocol (collections.abc.Buffer); the run time checks the buffer.
_Out = TypeVar("_Out")

@overload
def pascal_row(
    n: SupportsIndex,
    /,
    start: SupportsIndex | None = 0,
    stop: SupportsIndex | None = None,
    *,
    mod: SupportsIndex | None = None,
    dtype: Literal["uint32", "uint64"] | _DType | type[object] | str | None = None,
    out: _Out,
) -> _Out:
    """The values written into out, a writable 1-D contiguous buffer of
    unsigned 32- or 64-bit integers of the slice's length, which is returned
    (numpy.empty(n + 1, numpy.uint64), array.array("Q"), ...)."""

@overload
def pascal_row(
    n: SupportsIndex,
    /,
    start: SupportsIndex | None = 0,
    stop: SupportsIndex | None = None,
    *,
    mod: SupportsIndex | None = None,
    dtype: None = None,
    out: None = None,
) -> list[int]:
    """Row n of Pascal's triangle: [C(n, 0), ..., C(n, n)] as exact ints;
    with start/stop the slice C(n, start..stop-1), with mod each value % mod."""

@overload
def pascal_row(
    n: SupportsIndex,
    /,
    start: SupportsIndex | None = 0,
    stop: SupportsIndex | None = None,
    *,
    mod: SupportsIndex | None = None,
    dtype: Literal["uint32", "uint64"] | _DType | type[object],
    out: None = None,
) -> WordArray:
    """The same values in a WordArray of that width (buffer protocol); dtype
    is "uint32" or "uint64", numpy.uint32 or numpy.uint64, or a native-order
    numpy.dtype of either."""

@overload
def pascal_row(
    n: SupportsIndex,
    /,
    start: SupportsIndex | None = 0,
    stop: SupportsIndex | None = None,
    *,
    mod: SupportsIndex | None = None,
    dtype: str,
    out: None = None,
) -> WordArray:
    """A dtype name known only at run time: "uint32" or "uint64", else ValueError."""

def row_sum(
    n: SupportsIndex,
    /,
    start: SupportsIndex | None = 0,
    stop: SupportsIndex | None = None,
    *,
    mod: SupportsIndex | None = None,
) -> int:
    """sum(pascal_row(n, start, stop)) as an exact int, without the slice;
    with mod, that sum % mod."""

def comb(n: SupportsIndex, k: SupportsIndex, /, *, mod: SupportsIndex | None = None) -> int:
    """C(n, k) as an exact int; 0 when k > n (same contract as math.comb);
    with mod, C(n, k) % mod."""

def pascal_triangle(n: SupportsIndex, /) -> Iterator[list[int]]:
    """Rows 0, 1, ..., n of Pascal's triangle, each a list of exact ints."""

def multinomial(*ks: SupportsIndex) -> int:
    """(k1 + k2 + ...)! / (k1! * k2! * ...) as an exact int."""

def binomial(n: SupportsIndex, k: SupportsIndex, /, *, mod: SupportsIndex | None = None) -> int:
    """C(n, k) for every integer n (GMP's convention): comb(n, k) for n >= 0,
    (-1)**k * comb(k - n - 1, k) for n < 0, 0 for k < 0; with mod, that % mod."""

def valuation(n: SupportsIndex, k: SupportsIndex, p: SupportsIndex, /) -> int:
    """The exponent of the prime p in comb(n, k), k <= n, p < 2**64."""

def set_num_threads(n: SupportsIndex | None, /) -> None:
    """Use at most n threads for one big row; None or 0 = the default."""

def get_num_threads() -> int:
    """The number of threads a big row would use now."""

def _decimal(x: int, /) -> str:
    """str(x) for an int of any size, by GMP (used by the command line)."""

def _slice_end(n: SupportsIndex, start: SupportsIndex, stop: SupportsIndex | None, /) -> int:
    """One past the last k of pascal_row(n, start, stop), clipped to the row
    (used by the command line)."""

def _mod_stream(n: SupportsIndex, start: SupportsIndex, mod: SupportsIndex, /) -> object:
    """A reader of row n mod m from k = start on (used by the command line)."""

def _mod_stream_read(stream: object, out: array[int] | memoryview, /) -> int:
    """The next values of the stream into out (uint64); how many were written."""

def _abandoned_running() -> int:
    """How many computations abandoned on Ctrl-C are still running (for the tests)."""
