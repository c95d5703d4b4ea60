"""comb_array and valuation_array: pascalrow over NumPy arrays.

NumPy (>= 2) is imported on the first call, never by ``import pascalrow``.
The work is done by the ufuncs of pascalrow._ufuncs, with NumPy's
broadcasting, casting and ``out=``; this module checks the arguments,
chooses the ufunc and turns the ufuncs' per-element flags into exceptions
naming the first pair (in C order) they concern.
"""

from __future__ import annotations

import operator
from typing import TYPE_CHECKING, Any, SupportsIndex

from . import _pascalrow

if TYPE_CHECKING:
    # NumPy is optional: without it the array arguments type-check as Any
    import numpy.typing as npt  # type: ignore[import-not-found, unused-ignore]

_U64_LIMIT = 1 << 64
_U64: Any = None            # numpy.dtype("uint64"), set by _numpy()

# _check_flags' messages
_NOT_U64 = "{what}: C({n}, {k}){at} does not fit uint64; dtype=object gives exact Python ints"
_NO_VALUATION = "{what}: k must not exceed n{at}: comb({n}, {k}) = 0 has no valuation"


_loaded: tuple[Any, Any] | None = None


def _numpy() -> tuple[Any, Any]:
    """numpy and pascalrow._ufuncs (imported on the first call), or
    ImportError saying what to install."""
    global _loaded
    if _loaded is not None:
        return _loaded
    try:
        import numpy
    except ImportError:
        raise ImportError(
            "pascalrow's array functions need NumPy >= 2: pip install 'pascalrow[numpy]'"
        ) from None
    if int(numpy.__version__.split(".")[0]) < 2:
        raise ImportError(
            f"pascalrow's array functions need NumPy >= 2, found {numpy.__version__}: "
            "pip install 'pascalrow[numpy]'"
        )
    from . import _ufuncs

    global _U64
    _U64 = numpy.dtype(numpy.uint64)
    _loaded = numpy, _ufuncs
    return _loaded


def _integers(np: Any, x: Any, name: str, what: str) -> Any:
    """x as an array of integers: any integer or bool dtype as it is; an
    object array, or a list NumPy would make floats of, checked element by
    element (Python ints of any size); an empty one as an empty uint64
    array; anything else a TypeError."""
    a = np.asarray(x)
    if a.dtype.kind in "iub":
        return a
    if not isinstance(x, np.ndarray):
        # a list such as [1, 2**64 - 1] becomes float64 in NumPy: its ints
        # are taken as they are instead (and a float in it is refused below)
        a = np.asarray(x, dtype=object)
    if a.size == 0:
        return a.astype(np.uint64)
    if a.dtype.kind == "O":
        out = np.empty(a.shape, dtype=object)
        for i, v in np.ndenumerate(a):
            try:
                out[i] = operator.index(v)
            except TypeError:
                raise TypeError(
                    f"{what}: {name} must hold integers, not {type(v).__name__}"
                ) from None
        return out
    raise TypeError(f"{what}: {name} must be integers, not an array of {a.dtype}")


def _first(np: Any, bad: Any, arrays: list[Any]) -> tuple[tuple[int, ...], list[int]]:
    """The index (C order) of the first true element of bad, and the values
    of the broadcast arrays there."""
    bad = np.asarray(bad)
    flat = int(np.argmax(bad.reshape(-1)))
    index = np.unravel_index(flat, bad.shape) if bad.ndim else ()
    index = tuple(int(i) for i in index)
    values = [int(np.broadcast_to(a, bad.shape)[index]) for a in arrays]
    return index, values


def _at(index: tuple[int, ...]) -> str:
    return f" at index {index}" if index else ""


def _check_non_negative(np: Any, arrays: list[Any], names: str, what: str) -> None:
    """ValueError naming the first element (C order, after broadcasting)
    where one of arrays is negative."""
    if not any(a.dtype.kind in "iO" and a.size and a.min() < 0 for a in arrays):
        return
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    bad = np.zeros(shape, dtype=bool)
    for a in arrays:
        if a.dtype.kind in "iO":
            bad |= np.broadcast_to(a < 0, shape)
    index, values = _first(np, bad, arrays)
    raise ValueError(f"{what}: {names} must be non-negative integers; got {tuple(values)}{_at(index)}")


def _check_flags(np: Any, ok: Any, inputs: list[Any], names: str, what: str,
                 error: type[Exception], template: str) -> None:
    """Nothing when every one of a ufunc's flags ok is true; else error with
    template formatted for the first false one (C order): {what}, {n} and
    {k} there, {at} its " at index ..." text (_at).  A negative input
    anywhere is the error instead (ValueError, _check_non_negative)."""
    if ok.all():
        return
    _check_non_negative(np, inputs, names, what)
    index, (nv, kv) = _first(np, ~np.asarray(ok), inputs[:2])
    raise error(template.format(what=what, n=nv, k=kv, at=_at(index)))


def _fits_u64(a: Any) -> bool:
    """Whether an object array of non-negative ints fits uint64."""
    return not a.size or a.max() < _U64_LIMIT


def _out_dtype(np: Any, dtype: Any, out: Any, what: str) -> Any:
    """The result's dtype, uint64 or object: from dtype, else from out, else uint64."""
    if dtype is None:
        if out is None:
            return np.dtype(np.uint64)
        dt = getattr(out, "dtype", None)
        if dt is None:
            raise TypeError(f"{what}: out must be a numpy.ndarray, not {type(out).__name__}")
    else:
        try:
            dt = np.dtype(dtype)
        except TypeError:
            raise TypeError(f"{what}: dtype must be 'uint64' or object, not {dtype!r}") from None
    if dt not in (np.dtype(np.uint64), np.dtype(object)):
        raise TypeError(f"{what}: dtype must be uint64 or object, not {dt}")
    return dt


def _check_out(np: Any, out: Any, dt: Any, what: str) -> None:
    if out is None:
        return
    if not isinstance(out, np.ndarray):
        raise TypeError(f"{what}: out must be a numpy.ndarray, not {type(out).__name__}")
    if out.dtype != dt:
        raise TypeError(f"{what}: out has dtype {out.dtype}, the result is {dt}")


def _loop(np: Any, inputs: list[Any], outs: tuple[Any, ...], what: str, names: str,
          threads: bool = True) -> tuple[list[Any], dict[str, Any]]:
    """A ufunc's inputs and the keywords that choose its loop, and last the
    number of threads (the package's knob, pascalrow.get_num_threads).

    int64 inputs (NumPy's default integers; any that cast to int64 safely)
    go to the int64 loop as they are, which flags an element with a negative
    input itself (threads=False: the object loop, checked here first).
    Otherwise they are cast to uint64, after a check that none is negative,
    so that the cast keeps every value."""
    signed = all(a.dtype == np.int64 for a in inputs)
    if not threads or not (signed or all(np.can_cast(a.dtype, np.int64) for a in inputs)):
        # the inputs names names, "(n, k)" say; a modulus after them is positive
        _check_non_negative(np, inputs[:names.count(",") + 1], names, what)
    wide = np.int64 if signed or all(np.can_cast(a.dtype, np.int64) for a in inputs) else np.uint64
    kw: dict[str, Any] = {}
    if not signed:
        kw = {"casting": "unsafe", "signature": (wide,) * len(inputs) + ((np.int64,) if threads else ()) + outs}
    if threads:
        inputs = inputs + [np.int64(_pascalrow.get_num_threads())]
    return inputs, kw


def _check_mod(mod: Any, what: str) -> int:
    m = operator.index(mod)
    if m < 1:
        raise ValueError(f"{what}: mod must be a positive integer")
    if m > _pascalrow.MOD_MAX:
        raise OverflowError(f"{what}: mod must be less than 2**63")
    return m


def comb_array(
    n: npt.ArrayLike,
    k: npt.ArrayLike,
    *,
    mod: SupportsIndex | None = None,
    dtype: npt.DTypeLike | None = None,
    out: npt.NDArray[Any] | None = None,
) -> Any:
    """C(n, k) for every pair of an array n and an array k, as a NumPy array.

    A ufunc in all but name: n and k broadcast against each other (any
    shapes, scalars, lists), any integer dtype is accepted (object arrays of
    Python ints too), and ``out=`` takes an array of the broadcast shape.
    The computing runs with the GIL released (not for dtype=object).

    dtype=None or "uint64": a uint64 array, each C(n, k) < 2**64 computed in
    a few nanoseconds whatever n is; OverflowError naming the first pair (in
    C order) whose value does not fit -- never a wrapped value.
    dtype=object: an object array of exact Python ints, any size (those past
    2**64 by pascalrow.comb).
    mod=m (1 <= m < 2**63): C(n, k) % m as uint64 (or as ints with
    dtype=object), without the exact value: OverflowError where, as for
    pascalrow.comb(..., mod=m), that residue is out of reach.

    Like math.comb, C(n, k) = 0 for k > n.  Raises TypeError for non-integer
    arrays or a dtype/out that is neither uint64 nor object, ValueError
    naming the first negative pair, and ImportError when NumPy >= 2 is
    missing (``import pascalrow`` itself never needs NumPy).

    >>> comb_array([10, 20, 30], 3)
    array([ 120, 1140, 4060], dtype=uint64)
    """
    what = "comb_array"
    np, uf = _numpy()
    dt = _U64 if dtype is None and out is None else _out_dtype(np, dtype, out, what)
    _check_out(np, out, dt, what)
    m = None if mod is None else _check_mod(mod, what)
    a, b = _integers(np, n, "n", what), _integers(np, k, "k", what)
    if a.dtype.kind == "O" or b.dtype.kind == "O":
        _check_non_negative(np, [a, b], "(n, k)", what)
        if not (_fits_u64(a) and _fits_u64(b)):
            return _comb_big(np, a, b, mod, dt, out)
        a, b = a.astype(np.uint64), b.astype(np.uint64)

    if m is not None:
        args, kw = _loop(np, [a, b, np.asarray(m, dtype=a.dtype if a.dtype == np.int64 else np.uint64)],
                         (np.uint64, np.bool_), what, "(n, k)")
        r, ok = uf.comb_mod(*args, out=(out if dt == _U64 else None, None), **kw)
        _check_flags(np, ok, [a, b], "(n, k)", what, OverflowError,
                     "{what}: C({n}, {k}) % mod{at} is out of reach (more than "
                     f"{_pascalrow.MOD_COST_LIMIT:.3g} steps of modular arithmetic by every known way)")
        return r if dt == _U64 else _as_object(np, r, out)
    if dt != _U64:
        args, kw = _loop(np, [a, b], (object,), what, "(n, k)", threads=False)
        return uf.comb_object(*args, out=out, **kw)
    args, kw = _loop(np, [a, b], (np.uint64, np.bool_), what, "(n, k)")
    r, fits = uf.comb_u64(*args, out=(out, None), **kw)
    _check_flags(np, fits, [a, b], "(n, k)", what, OverflowError, _NOT_U64)
    return r


def _as_object(np: Any, r: Any, out: Any) -> Any:
    """uint64 results as Python ints in an object array (into out if given)."""
    if out is None:
        return np.asarray(r).astype(object) if np.ndim(r) else int(r)
    out[...] = np.asarray(r).astype(object)
    return out


def _into(out: Any, r: Any) -> Any:
    """The result r, or (out=) out with r written into it."""
    if out is None:
        return r
    out[...] = r
    return out


def _comb_big(np: Any, a: Any, b: Any, mod: Any, dt: Any, out: Any) -> Any:
    """comb_array where some n or k is at least 2**64: pascalrow.comb on
    each pair (exact, or mod m)."""
    f = np.frompyfunc(lambda x, y: _pascalrow.comb(x, y, mod=mod), 2, 1)
    r = f(a.astype(object), b.astype(object))
    if dt == np.dtype(np.uint64):
        ra = np.asarray(r, dtype=object)
        fits = np.frompyfunc(lambda v: v < _U64_LIMIT, 1, 1)(ra).astype(bool)
        _check_flags(np, fits, [a, b], "(n, k)", "comb_array", OverflowError, _NOT_U64)
        r = ra.astype(np.uint64) if ra.ndim else np.uint64(int(r))
    return _into(out, r)


def valuation_array(
    n: npt.ArrayLike, k: npt.ArrayLike, p: npt.ArrayLike, *, out: npt.NDArray[Any] | None = None
) -> Any:
    """v_p(C(n, k)), the exponent of the prime p in C(n, k), over arrays.

    n, k and p broadcast against each other as in a ufunc (any integer
    dtypes, scalars, lists; ``out=`` a uint64 array of the broadcast shape);
    the result is a uint64 array.  Each value is pascalrow.valuation(n, k, p):
    Kummer's carries, without C(n, k); n and k may pass 2**64 (object
    arrays of ints: then element by element).  Raises ValueError naming the
    first pair with k > n, for a negative value or a p that is not prime,
    OverflowError for p >= 2**64, TypeError for non-integer arrays.

    >>> valuation_array([10, 100, 1000], 5, 2)
    array([2, 5, 3], dtype=uint64)
    """
    what = "valuation_array"
    np, uf = _numpy()
    _check_out(np, out, np.dtype(np.uint64), what)
    a, b, c = (_integers(np, x, name, what) for x, name in ((n, "n"), (k, "k"), (p, "p")))
    if "O" in (a.dtype.kind, b.dtype.kind, c.dtype.kind):
        _check_non_negative(np, [a, b, c], "(n, k, p)", what)
    if c.dtype.kind == "O" and not _fits_u64(c):
        index, values = _first(np, np.broadcast_to(c >= _U64_LIMIT, c.shape), [c])
        raise OverflowError(f"{what}: p must be less than 2**64; got {values[0]}{_at(index)}")
    primes = c.astype(np.uint64) if c.dtype.kind == "O" else c
    for q in (primes.reshape(1) if primes.size == 1 else np.unique(primes)):
        try:
            _pascalrow.valuation(1, 0, int(q))
        except ValueError:
            raise ValueError(f"{what}: p must be a prime; got {int(q)}") from None
    if c.dtype.kind == "O":
        c = c.astype(np.uint64)
    if (a.dtype.kind == "O" and not _fits_u64(a)) or (b.dtype.kind == "O" and not _fits_u64(b)):
        return _valuation_big(np, a, b, c, out)
    if a.dtype.kind == "O":
        a = a.astype(np.uint64)
    if b.dtype.kind == "O":
        b = b.astype(np.uint64)
    args, kw = _loop(np, [a, b, c], (np.uint64, np.bool_), what, "(n, k, p)")
    r, ok = uf.valuation(*args, out=(out, None), **kw)
    _check_flags(np, ok, [a, b, c], "(n, k, p)", what, ValueError, _NO_VALUATION)
    return r


def _valuation_big(np: Any, a: Any, b: Any, c: Any, out: Any) -> Any:
    """valuation_array where some n or k is at least 2**64: pascalrow.valuation
    on each triple."""
    a, b, c = np.broadcast_arrays(a.astype(object), b.astype(object), c.astype(object))
    ok = np.frompyfunc(lambda x, y: y <= x, 2, 1)(a, b).astype(bool)
    _check_flags(np, ok, [a, b, c], "(n, k, p)", "valuation_array", ValueError, _NO_VALUATION)
    r = np.frompyfunc(lambda x, y, q: _pascalrow.valuation(x, y, q), 3, 1)(a, b, c)
    r = np.asarray(r, dtype=object).astype(np.uint64) if np.ndim(r) else np.uint64(r)
    return _into(out, r)
