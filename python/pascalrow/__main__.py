"""python -m pascalrow: rows of Pascal's triangle on standard output.

    python -m pascalrow 10                        row 10: 1 10 45 ... 10 1
    python -m pascalrow 10 --start 2 --stop 5     C(10, 2), C(10, 3), C(10, 4)
    python -m pascalrow 1000 --mod 1000000007     row 1000 modulo 10**9 + 7
    python -m pascalrow 10 --format json          [1, 10, 45, ...]
    python -m pascalrow 100000000 --mod M --format npy > row.npy   a NumPy file of uint64
    python -m pascalrow check MODULE:FUNCTION     property-tests your function (pascalrow.testing)

Big rows are streamed: computed in slices of about a megabyte, each written
as soon as it is ready, so neither the row nor its text is ever held whole.
The first slice is computed before anything is written: refused arguments
leave standard output empty.  Ints of any size are printed (GMP converts
them; Python's own str() refuses ints over 4300 digits).  A big output to a
file or pipe shows its progress on stderr when stderr is a terminal.  Exit
statuses and error lines: pascalrow/_console.py.

The binary formats write the values as little-endian uint64, BINARY_CHUNK
values per pascal_row call: "raw" the values alone, "npy" a NumPy .npy file
(its header written here; NumPy is not needed).  Exact values (no --mod) are
written when every one fits 64 bits, else refused.
"""
import itertools
import math
import sys
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, TextIO

from . import WordArray, __version__, pascal_row
from ._console import ArgumentParser, check_parser, error, run
from ._pascalrow import C_VERSION_NUMBER, _decimal, _mod_stream, _mod_stream_read, _slice_end

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

# Binary formats, little-endian uint64: "npy" with NumPy's header, "raw" without.
BINARY_FORMATS = ("npy", "raw")

# Values per piece in a binary format: 32 MB of uint64.
BINARY_CHUNK = 1 << 22


def _decimal_str(v: int) -> str:
    # str() is quick for small ints and limited to 4300 digits; GMP does the rest.
    return str(v) if v.bit_length() < 10_000 else _decimal(v)


def _mod_pieces(n: int, start: int, stop: int, mod: int, size: int) -> Iterator[memoryview]:
    """C(n, k) mod m for k in [start, stop) (within the row) as uint64 in
    pieces of at most size values, read from one stream (_mod_stream): each
    value costs one step of the walk however far into the row it lies,
    where pascal_row on each piece would seed it afresh.  The pieces are
    views of one buffer, refilled: each is used before the next is asked
    for."""
    if start >= stop:
        return
    stream = _mod_stream(n, start, mod)
    buf = memoryview(array("Q", bytes(8 * min(size, stop - start))))
    for a in range(start, stop, len(buf)):
        count = _mod_stream_read(stream, buf[:min(len(buf), stop - a)])
        yield buf[:count]


def _check_stream_row(n: int) -> None:
    """The stream (_mod_stream) walks rows n < 2**64 - 1 only, though
    pascal_row takes any n with mod: refused before anything is written."""
    if n >= 2**64 - 1:
        raise OverflowError("n must be less than 2**64 - 1 here (the command line reads rows mod m "
                            "as a stream); pascalrow.pascal_row(n, start, stop, mod=m) takes any n")


def _slices(n: int, start: int, stop: int | None, mod: int | None) -> Iterator[list[int]]:
    """The values C(n, k) (mod m) for k in [start, stop), in lists small
    enough to hold: each value of row n has at most n bits.  The first list
    comes even when the slice is empty: computing it validates the arguments
    (mod m: the first value alone, the rest from one stream)."""
    if mod is not None:
        _check_stream_row(n)
    stop = _slice_end(n, start, stop)
    bits = 64 if mod is not None else max(n, 64)
    step = max(1, CHUNK_BITS // bits)
    if mod is not None:
        yield pascal_row(n, start, min(start + 1, stop), mod=mod)
        for piece in _mod_pieces(n, start + 1, stop, mod, step):
            yield piece.tolist()
        return
    yield pascal_row(n, start, min(start + step, stop), mod=mod)
    for a in range(start + step, stop, step):
        yield pascal_row(n, a, min(a + step, stop), mod=mod)


def estimated_size(n: int, start: int = 0, stop: int | None = None, mod: int | None = None,
                   fmt: str = "plain") -> int:
    """About how many characters write_row writes for arguments it takes:
    each C(n, k) has log10 C(n, k) + 1/2 digits on average, the mean taken
    over at most 64 evenly spaced k (mod m: the digits of m - 1).  For a
    binary format, exactly how many bytes write_binary writes."""
    count = _slice_end(n, start, stop) - start
    if fmt in BINARY_FORMATS:
        return 8 * count + (len(npy_header(count)) if fmt == "npy" else 0)
    if count == 0:
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


def npy_header(count: int) -> bytes:
    """The header of a .npy file (format version 1.0) holding count
    little-endian uint64 values in one dimension: the magic string, the
    version, the header's length (2 bytes, little-endian), then the header, a
    Python dict literal padded with spaces and ended by a newline so that the
    data starts at a multiple of 64 bytes."""
    text = "{'descr': '<u8', 'fortran_order': False, 'shape': (%d,), }" % count
    prefix = b"\x93NUMPY\x01\x00"
    text += " " * (-(len(prefix) + 2 + len(text) + 1) % 64) + "\n"
    return prefix + len(text).to_bytes(2, "little") + text.encode("latin1")


def _arrays(n: int, start: int, stop: int | None, mod: int | None,
            fmt: str) -> Iterator[WordArray | memoryview]:
    """The values C(n, k) (mod m) for k in [start, stop) as uint64 arrays (or
    views of one, mod m: _mod_pieces) of at most BINARY_CHUNK values.  The first comes even when the slice is
    empty: computing it validates the arguments.  Without mod, the largest
    value of the slice (the k nearest n/2) is computed next: if it fits 64
    bits they all do, else OverflowError before anything is written."""
    if mod is not None:
        _check_stream_row(n)
    end = _slice_end(n, start, stop)

    def part(a: int, b: int) -> WordArray:
        try:
            return pascal_row(n, a, b, mod=mod, dtype="uint64")
        except OverflowError as e:
            if mod is not None:
                raise
            raise OverflowError(f"{e}: --format {fmt} without --mod writes exact values, "
                                "which must fit 64 bits") from None

    if mod is not None:                  # the first value validates; the rest from one stream
        yield part(start, min(start + 1, end))
        yield from _mod_pieces(n, start + 1, end, mod, BINARY_CHUNK)
        return
    first = part(start, min(start + BINARY_CHUNK, end))
    if start < end:
        k = min(max(n // 2, start), end - 1)
        part(k, k + 1)
    yield first
    for a in range(start + BINARY_CHUNK, end, BINARY_CHUNK):
        yield part(a, min(a + BINARY_CHUNK, end))


def write_binary(out: BinaryIO, n: int, start: int = 0, stop: int | None = None,
                 mod: int | None = None, fmt: str = "npy",
                 progress: Callable[[int], Progress | None] | None = None) -> None:
    """Write the row (or slice) to the binary stream out as little-endian
    uint64 values, BINARY_CHUNK at a time, after NumPy's header if fmt is
    "npy" ("raw": the values alone).  Memory stays within two chunks
    whatever the row.  Refused arguments raise before anything is written;
    progress as for write_row (the size in bytes, exact)."""
    arrays = _arrays(n, start, stop, mod, fmt)
    first = next(arrays)                 # raises on refused arguments
    size = estimated_size(n, start, stop, mod, fmt)
    indicator = progress(size) if progress else None
    try:
        written = 0
        if fmt == "npy":
            header = npy_header(_slice_end(n, start, stop) - start)
            out.write(header)
            written = len(header)
        for values in itertools.chain([first], arrays):
            little: WordArray | memoryview | array[int] = values
            if sys.byteorder == "big":
                little = array("Q", values)
                little.byteswap()
            out.write(little)
            out.flush()
            written += 8 * len(values)
            if indicator:
                indicator.update(written)
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
    p.add_argument("--format", choices=sorted(FORMATS) + list(BINARY_FORMATS), default="plain",
                   help="plain: space-separated (default); csv: comma-separated; "
                   "json: a JSON array; npy: a NumPy .npy file of uint64 (little-endian); "
                   "raw: the same values without the header.  npy and raw are binary, "
                   "for a file or a pipe, in constant memory; without --mod every value "
                   "must fit 64 bits (rows up to 67, the ends of bigger rows)")
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
        if args.format in BINARY_FORMATS:
            if sys.stdout.isatty():
                return error(f"--format {args.format} writes binary data: send standard output "
                             "to a file or a pipe")
            write_binary(sys.stdout.buffer, args.n, args.start, args.stop, args.mod, args.format,
                         progress=_progress)
        else:
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
