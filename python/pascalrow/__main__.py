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
them; Python's own str() refuses ints over 4300 digits).  A big output to a
file or pipe shows its progress on stderr when stderr is a terminal.  Exit
statuses and error lines: pascalrow/_console.py.
"""
import itertools
import math
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from . import __version__, pascal_row
from ._console import ArgumentParser, check_parser, error, run
from ._pascalrow import C_VERSION_NUMBER, _decimal

# Bits of output per computed slice: a few MB of ints in memory at a time.
CHUNK_BITS = 1 << 24

# The progress indicator: shown for outputs of at least this many characters
# (a few seconds of writing), redrawn at most once per interval.
PROGRESS_SIZE = 50_000_000
PROGRESS_INTERVAL = 0.25   # seconds

FORMATS: dict[str, tuple[str, str, str]] = {
    # name: (opening, separator, closing)
    "plain": ("", " ", "\n"),
    "csv": ("", ",", "\n"),
    "json": ("[", ", ", "]\n"),
}


def _decimal_str(v: int) -> str:
    # str() is quick for small ints and limited to 4300 digits; GMP does the rest.
    return str(v) if v.bit_length() < 10_000 else _decimal(v)


def _stop(n: int, stop: int | None) -> int:
    """One past the last k written: stop, clipped to the row."""
    return n + 1 if stop is None else min(stop, n + 1)


def _slices(n: int, start: int, stop: int | None, mod: int | None) -> Iterator[list[int]]:
    """The values C(n, k) (mod m) for k in [start, stop), in lists small
    enough to hold: each value of row n has at most n bits.  The first list
    comes even when the slice is empty: computing it validates the arguments."""
    stop = _stop(n, stop)
    bits = 64 if mod is not None else max(n, 64)
    step = max(1, CHUNK_BITS // bits)
    yield pascal_row(n, start, min(start + step, stop), mod=mod)
    for a in range(start + step, stop, step):
        yield pascal_row(n, a, min(a + step, stop), mod=mod)


def estimated_size(n: int, start: int = 0, stop: int | None = None, mod: int | None = None,
                   fmt: str = "plain") -> int:
    """About how many characters write_row writes for arguments it takes:
    each C(n, k) has log10 C(n, k) + 1/2 digits on average, the mean taken
    over at most 64 evenly spaced k (mod m: the digits of m - 1)."""
    stop = _stop(n, stop)
    count = stop - start
    if count <= 0:
        return 0
    sep = FORMATS[fmt][1]
    if mod is not None:
        return count * (len(str(mod - 1)) + len(sep))
    samples = min(count, 64)
    ks = [start + (count - 1) * i // max(samples - 1, 1) for i in range(samples)]
    # log C(n, k) = log n! - log k! - log (n - k)!
    logs = [math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) for k in ks]
    digits = sum(logs) / samples / math.log(10) + 0.5
    return round(count * (digits + len(sep)))


class Progress:
    """'pascalrow: 37%, 812 of ~2,170 MB' on one line of a terminal:
    update(written) redraws it at most once per interval (the first time one
    interval after the start, so a quick output shows nothing), close()
    erases it."""

    def __init__(self, size: int, stream: TextIO, interval: float) -> None:
        self.size, self.stream, self.interval = max(size, 1), stream, interval
        self.drawn_at = time.monotonic()
        self.shown = False

    def update(self, written: int) -> None:
        now = time.monotonic()
        if now - self.drawn_at < self.interval:
            return
        self.drawn_at = now
        percent = min(99, 100 * written // self.size)   # the size is an estimate
        # \r: back to the line's start; \x1b[K: erase what is left of the last drawing
        self.stream.write(f"\rpascalrow: {percent}%, {written / 1e6:,.0f} of "
                          f"~{self.size / 1e6:,.0f} MB\x1b[K")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _progress(size: int) -> Progress | None:
    """The indicator for an output of about size characters: only for a big
    one, only when stderr is a terminal and stdout is not (the row on the
    terminal is its own progress)."""
    if size < PROGRESS_SIZE or not sys.stderr.isatty() or sys.stdout.isatty():
        return None
    return Progress(size, sys.stderr, PROGRESS_INTERVAL)


def write_row(out: TextIO, n: int, start: int = 0, stop: int | None = None,
              mod: int | None = None, fmt: str = "plain",
              progress: Callable[[int], Progress | None] | None = None) -> None:
    """Write the row (or slice) to the text stream out, slice by slice.
    Refused arguments raise before anything is written.  progress, if given,
    is called then with estimated_size(n, start, stop, mod, fmt) and returns
    a Progress (or None), updated after each slice and closed at the end."""
    opening, sep, closing = FORMATS[fmt]
    slices = _slices(n, start, stop, mod)
    first_slice = next(slices)          # raises on refused arguments
    indicator = progress(estimated_size(n, start, stop, mod, fmt)) if progress else None
    try:
        out.write(opening)
        written = len(opening)
        first = True
        for values in itertools.chain([first_slice], slices):
            if not values:
                continue
            text = sep.join(map(_decimal_str, values))
            if not first:
                text = sep + text
            out.write(text)
            out.flush()
            written += len(text)
            first = False
            if indicator:
                indicator.update(written)
        out.write(closing)
    finally:
        if indicator:
            indicator.close()


def _version() -> str:
    major, minor_patch = divmod(C_VERSION_NUMBER, 10000)
    minor, patch = divmod(minor_patch, 100)
    return f"pascalrow {__version__} (C library {major}.{minor}.{patch})"


def _parser() -> ArgumentParser:
    p = ArgumentParser(
        prog="python -m pascalrow",
        description="Print row N of Pascal's triangle, C(N, 0) ... C(N, N), exactly "
        "or modulo M, or a slice of it.",
        epilog="'python -m pascalrow check MODULE:FUNCTION' property-tests your own "
        "function for rows or binomial coefficients against pascalrow "
        "(see 'python -m pascalrow check --help').  "
        "Exit status: 0 done, 2 error (the reason on stderr), 130 interrupted, "
        "141 the reader left early (e.g. '| head').  A big output to a file or pipe "
        "shows its progress on stderr when stderr is a terminal.",
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


def _check(argv: list[str]) -> int:
    try:
        from .testing._cli import main as check_main   # needs hypothesis
    except ImportError as exc:
        check_parser().parse_args(argv)   # --help and usage errors need no hypothesis
        return error(str(exc))
    return check_main(argv)


def _main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        return _check(argv[1:])
    args = _parser().parse_args(argv)   # exits with status 2 on bad usage
    try:
        write_row(sys.stdout, args.n, args.start, args.stop, args.mod, args.format,
                  progress=_progress)
    except (ValueError, OverflowError, TypeError, MemoryError) as e:
        return error(str(e) or type(e).__name__)   # a bare MemoryError has no message
    return 0


def main(argv: Iterable[str] | None = None) -> int:
    """The command line; returns the exit status."""
    return run(_main, sys.argv[1:] if argv is None else list(argv))


if __name__ == "__main__":
    sys.exit(main())
