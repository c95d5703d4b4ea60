"""python -m pascalrow: rows of Pascal's triangle on standard output.

    python -m pascalrow 10                        row 10: 1 10 45 ... 10 1
    python -m pascalrow 10 --start 2 --stop 5     C(10, 2), C(10, 3), C(10, 4)
    python -m pascalrow 1000 --mod 1000000007     row 1000 modulo 10**9 + 7
    python -m pascalrow 10 --format json          [1, 10, 45, ...]
    python -m pascalrow check MODULE:FUNCTION     property-tests your function (pascalrow.testing)

Big rows are streamed: computed in slices of about a megabyte, each written
as soon as it is ready, so neither the row nor its text is ever held whole.
The first slice is computed before anything is written: refused arguments
leave standard output empty.  Ints of any size are printed (GMP converts
them; Python's own str() refuses ints over 4300 digits).  Exit statuses
and error lines: pascalrow/_console.py.
"""
import itertools
import sys

from . import __version__, pascal_row
from ._console import ArgumentParser, check_parser, error, run
from ._pascalrow import C_VERSION_NUMBER, _decimal

# Bits of output per computed slice: a few MB of ints in memory at a time.
CHUNK_BITS = 1 << 24

FORMATS = {
    # name: (opening, separator, closing)
    "plain": ("", " ", "\n"),
    "csv": ("", ",", "\n"),
    "json": ("[", ", ", "]\n"),
}


def _decimal_str(v):
    # str() is quick for small ints and limited to 4300 digits; GMP does the rest.
    return str(v) if v.bit_length() < 10_000 else _decimal(v)


def _slices(n, start, stop, mod):
    """The values C(n, k) (mod m) for k in [start, stop), in lists small
    enough to hold: each value of row n has at most n bits.  The first list
    comes even when the slice is empty: computing it validates the arguments."""
    stop = n + 1 if stop is None else min(stop, n + 1)
    bits = 64 if mod is not None else max(n, 64)
    step = max(1, CHUNK_BITS // bits)
    yield pascal_row(n, start, min(start + step, stop), mod=mod)
    for a in range(start + step, stop, step):
        yield pascal_row(n, a, min(a + step, stop), mod=mod)


def write_row(out, n, start=0, stop=None, mod=None, fmt="plain"):
    """Write the row (or slice) to the text stream out, slice by slice.
    Refused arguments raise before anything is written."""
    opening, sep, closing = FORMATS[fmt]
    slices = _slices(n, start, stop, mod)
    first_slice = next(slices)          # raises on refused arguments
    out.write(opening)
    first = True
    for values in itertools.chain([first_slice], slices):
        if not values:
            continue
        if not first:
            out.write(sep)
        out.write(sep.join(map(_decimal_str, values)))
        out.flush()
        first = False
    out.write(closing)


def _version():
    major, minor_patch = divmod(C_VERSION_NUMBER, 10000)
    minor, patch = divmod(minor_patch, 100)
    return f"pascalrow {__version__} (C library {major}.{minor}.{patch})"


def _parser():
    p = ArgumentParser(
        prog="python -m pascalrow",
        description="Print row N of Pascal's triangle, C(N, 0) ... C(N, N), exactly "
        "or modulo M, or a slice of it.",
        epilog="'python -m pascalrow check MODULE:FUNCTION' property-tests your own "
        "function for rows or binomial coefficients against pascalrow "
        "(see 'python -m pascalrow check --help').  "
        "Exit status: 0 done, 2 error (the reason on stderr), 130 interrupted, "
        "141 the reader left early (e.g. '| head').",
    )
    p.add_argument("n", type=int, metavar="N", help="the row (0 is [1])")
    p.add_argument("--start", type=int, default=0, metavar="A",
                   help="first k (default 0)")
    p.add_argument("--stop", type=int, default=None, metavar="B",
                   help="one past the last k (default N + 1; larger values are clipped)")
    p.add_argument("--mod", type=int, default=None, metavar="M",
                   help="print C(N, k) modulo M, 1 <= M < 2**63")
    p.add_argument("--format", choices=sorted(FORMATS), default="plain",
                   help="plain: space-separated (default); csv: comma-separated; "
                   "json: a JSON array")
    p.add_argument("--version", action="version", version=_version(),
                   help="print the versions of pascalrow and of its C library, and exit")
    return p


def _check(argv):
    try:
        from .testing._cli import main as check_main   # needs hypothesis
    except ImportError as exc:
        check_parser().parse_args(argv)   # --help and usage errors need no hypothesis
        return error(str(exc))
    return check_main(argv)


def _main(argv):
    if argv[:1] == ["check"]:
        return _check(argv[1:])
    args = _parser().parse_args(argv)   # exits with status 2 on bad usage
    try:
        write_row(sys.stdout, args.n, args.start, args.stop, args.mod, args.format)
    except (ValueError, OverflowError, TypeError, MemoryError) as e:
        return error(str(e) or type(e).__name__)   # a bare MemoryError has no message
    return 0


def main(argv=None):
    """The command line; returns the exit status."""
    return run(_main, sys.argv[1:] if argv is None else list(argv))


if __name__ == "__main__":
    sys.exit(main())
