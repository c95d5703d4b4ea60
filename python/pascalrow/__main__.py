"""python -m pascalrow: rows of Pascal's triangle on standard output.

    python -m pascalrow 10                        row 10: 1 10 45 ... 10 1
    python -m pascalrow 10 --start 2 --stop 5     C(10, 2), C(10, 3), C(10, 4)
    python -m pascalrow 1000 --mod 1000000007     row 1000 modulo 10**9 + 7
    python -m pascalrow 10 --format json          [1, 10, 45, ...]
    python -m pascalrow check ...                 the self-check (pascalrow.testing)

Big rows are streamed: computed in slices of about a megabyte, each written
as soon as it is ready, so neither the row nor its text is ever held whole.
Ints of any size are printed (GMP converts them; Python's own str() refuses
ints over 4300 digits).  Errors go to standard error with exit status 2.
"""
import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from . import pascal_row
from ._pascalrow import _decimal

# Bits of output per computed slice: a few MB of ints in memory at a time.
CHUNK_BITS = 1 << 24

FORMATS = {
    # name: (opening, separator, closing)
    "plain": ("", " ", "\n"),
    "csv": ("", ",", "\n"),
    "json": ("[", ", ", "]\n"),
}


def _decimal_str(v: int) -> str:
    # str() is quick for small ints and limited to 4300 digits; GMP does the rest.
    return str(v) if v.bit_length() < 10_000 else _decimal(v)


def _slices(n: int, start: int, stop: int | None, mod: int | None) -> Iterator[list[int]]:
    """The values C(n, k) (mod m) for k in [start, stop), in lists small
    enough to hold: each value of row n has at most n bits."""
    stop = n + 1 if stop is None else min(stop, n + 1)
    bits = 64 if mod is not None else max(n, 64)
    step = max(1, CHUNK_BITS // bits)
    if start >= stop:
        yield pascal_row(n, start, stop, mod=mod)   # validates the arguments; []
    for a in range(start, stop, step):
        yield pascal_row(n, a, min(a + step, stop), mod=mod)


def write_row(out: TextIO, n: int, start: int = 0, stop: int | None = None, mod: int | None = None,
              fmt: str = "plain") -> None:
    """Write the row (or slice) to the text stream out, slice by slice."""
    opening, sep, closing = FORMATS[fmt]
    out.write(opening)
    first = True
    for values in _slices(n, start, stop, mod):
        if not values:
            continue
        if not first:
            out.write(sep)
        out.write(sep.join(map(_decimal_str, values)))
        out.flush()
        first = False
    out.write(closing)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pascalrow",
        description="Print row N of Pascal's triangle, C(N, 0) ... C(N, N), exactly "
        "or modulo M, or a slice of it.",
        epilog="'python -m pascalrow check ...' runs pascalrow's self-check "
        "(see 'python -m pascalrow check --help').",
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
    return p


def _check(argv: list[str]) -> int:
    try:
        from pascalrow.testing._cli import main as check_main   # lazy: needs hypothesis
    except ImportError as exc:
        print(f"python -m pascalrow check: error: {exc}", file=sys.stderr)
        return 2
    return check_main(argv)


def main(argv: Iterable[str] | None = None) -> int:
    """The command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["check"]:
        return _check(argv[1:])
    args = _parser().parse_args(argv)   # exits with status 2 on bad usage
    try:
        write_row(sys.stdout, args.n, args.start, args.stop, args.mod, args.format)
    except (ValueError, OverflowError, TypeError, MemoryError) as e:
        print(f"pascalrow: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader left (e.g. "| head"): stop quietly, as the Python docs advise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
