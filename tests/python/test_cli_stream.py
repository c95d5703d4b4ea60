"""python -m pascalrow --format npy / raw: rows as little-endian uint64,
streamed in chunks of bounded size (numpy reads them back; numpy is a test
dependency, never needed by the command)."""
import io
import math
import signal
import subprocess
import sys

import numpy
import pytest

import pascalrow
from helpers import TERMINAL, run_on_terminal
from pascalrow import __main__ as cli

# Times a response or starts processes: run alone (tests/tools/all_pythons.sh).
pytestmark = pytest.mark.serial

M = 10**9 + 7


def run(*args):
    return subprocess.run([sys.executable, "-m", "pascalrow", *map(str, args)],
                          capture_output=True, timeout=120)


def want(n, start=0, stop=None, mod=None):
    return numpy.asarray(pascalrow.pascal_row(n, start, stop, mod=mod, dtype="uint64"))


def test_npy_of_row_a_million_reads_back_with_numpy():
    r = run(10**6, "--mod", M, "--format", "npy")
    assert (r.returncode, r.stderr) == (0, b"")
    f = io.BytesIO(r.stdout)
    assert numpy.lib.format.read_magic(f) == (1, 0)
    shape, fortran_order, dtype = numpy.lib.format.read_array_header_1_0(f)
    assert (shape, fortran_order, dtype) == ((10**6 + 1,), False, numpy.dtype("<u8"))
    assert f.tell() % 64 == 0 and len(r.stdout) == f.tell() + 8 * (10**6 + 1)
    got = numpy.load(io.BytesIO(r.stdout))
    assert got.dtype == numpy.dtype("<u8") and numpy.array_equal(got, want(10**6, mod=M))


@pytest.mark.parametrize("count", [0, 1, 9, 10**6 + 1, 2**40, 2**64 - 1])
def test_npy_header_is_numpy_s(count):
    header = cli.npy_header(count)
    assert len(header) % 64 == 0 and header.endswith(b"\n")
    f = io.BytesIO(header)
    assert numpy.lib.format.read_magic(f) == (1, 0)
    assert numpy.lib.format.read_array_header_1_0(f) == ((count,), False, numpy.dtype("<u8"))
    assert f.tell() == len(header)


def test_raw_and_slices():
    r = run(10**6, "--mod", M, "--format", "raw")
    assert (r.returncode, r.stderr) == (0, b"")
    assert numpy.array_equal(numpy.frombuffer(r.stdout, "<u8"), want(10**6, mod=M))
    r = run(10**6, "--mod", 12, "--start", 400_000, "--stop", 600_123, "--format", "raw")
    assert numpy.array_equal(numpy.frombuffer(r.stdout, "<u8"), want(10**6, 400_000, 600_123, 12))
    r = run(10**18, "--mod", 1000003, "--start", 5 * 10**17, "--stop", 5 * 10**17 + 1000, "--format", "npy")
    assert numpy.array_equal(numpy.load(io.BytesIO(r.stdout)), want(10**18, 5 * 10**17, 5 * 10**17 + 1000, 1000003))
    r = run(10, "--mod", 7, "--start", 8, "--stop", 99, "--format", "npy")
    assert numpy.load(io.BytesIO(r.stdout)).tolist() == [45 % 7, 10 % 7, 1]
    r = run(10, "--mod", 7, "--start", 20, "--format", "npy")
    assert numpy.load(io.BytesIO(r.stdout)).shape == (0,)
    assert run(10, "--mod", 7, "--start", 20, "--format", "raw").stdout == b""


def test_exact_values_when_they_fit_64_bits():
    r = run(67, "--format", "npy")
    assert numpy.load(io.BytesIO(r.stdout)).tolist() == [math.comb(67, k) for k in range(68)]
    r = run(10**6, "--stop", 3, "--format", "raw")
    assert numpy.frombuffer(r.stdout, "<u8").tolist() == [1, 10**6, math.comb(10**6, 2)]
    r = run(68, "--stop", 30, "--format", "raw")
    assert numpy.frombuffer(r.stdout, "<u8").tolist() == [math.comb(68, k) for k in range(30)]
    r = run(68, "--start", 60, "--format", "raw")
    assert numpy.frombuffer(r.stdout, "<u8").tolist() == [math.comb(68, k) for k in range(60, 69)]


@pytest.mark.parametrize("args", [(68,), (68, "--start", 30), (10**6, "--start", 10, "--stop", 20),
                                  (10**6, "--start", 10, "--stop", 5 * 10**6)])
@pytest.mark.parametrize("fmt", ["npy", "raw"])
def test_exact_values_that_do_not_fit_are_refused_before_any_output(args, fmt):
    r = run(*args, "--format", fmt)
    assert (r.returncode, r.stdout) == (2, b"")
    assert r.stderr.decode().endswith(f"do not fit uint64: --format {fmt} without --mod writes exact "
                                      "values, which must fit 64 bits\n")


@pytest.mark.parametrize("args,message", [
    ((-3, "--mod", 7), "n must be a non-negative integer"),
    ((10, "--mod", 0), "mod must be a positive integer"),
    ((10, "--mod", 2**63), "mod must be less than 2**63"),
    ((10, "--mod", 7, "--start", -1), "start must be a non-negative integer"),
    ((10, "--mod", 7, "--stop", -1), "stop must be a non-negative integer"),
    ((2**64, "--mod", 7), "n must be less than"),
])
@pytest.mark.parametrize("fmt", ["npy", "raw"])
def test_errors_leave_stdout_empty(args, message, fmt):
    r = run("--format", fmt, *args)
    assert (r.returncode, r.stdout) == (2, b"")
    last = r.stderr.decode().splitlines()[-1]
    assert last.startswith("pascalrow: error: ") and message in last


def test_chunks_are_bounded(monkeypatch):
    # with small chunks the row arrives in many writes of at most a chunk each:
    # the header, the first value alone (it validates the arguments), then
    # the rest from one stream
    monkeypatch.setattr(cli, "BINARY_CHUNK", 1000)
    writes = []

    class Out(io.BytesIO):
        def write(self, b):
            writes.append(memoryview(b).nbytes)
            return super().write(b)

    out = Out()
    cli.write_binary(out, 10**5, 17, 99_000, mod=M, fmt="npy")
    assert len(writes) == 1 + 1 + math.ceil((99_000 - 17 - 1) / 1000)
    assert writes[1] == 8 and max(writes[2:]) == 8000 and writes[0] % 64 == 0
    assert numpy.array_equal(numpy.load(io.BytesIO(out.getvalue())), want(10**5, 17, 99_000, M))
    assert cli.estimated_size(10**5, 17, 99_000, M, "npy") == len(out.getvalue())
    assert cli.estimated_size(10**5, 17, 99_000, M, "raw") == 8 * (99_000 - 17)


def peak_memory(pid):
    """The peak resident memory of the live process pid, in bytes (its
    VmHWM, which starts afresh at exec, unlike the rusage of a child forked
    from a big test process); None once it has exited."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return None


def test_big_row_streams_in_bounded_memory():
    # row 2 * 10**8: 1.6 GB of output through a pipe, the command's peak
    # memory (read as it writes) far below it.  Modulo 1000003 each chunk's
    # C(n, a) comes from Lucas' theorem in a few milliseconds.
    n = 2 * 10**8
    p = subprocess.Popen([sys.executable, "-m", "pascalrow", str(n), "--mod", "1000003", "--format", "raw"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    total = 0
    tail = b""
    peak = 0
    while chunk := p.stdout.read1(1 << 20):
        total += len(chunk)
        tail = (tail + chunk)[-16:]
        peak = max(peak, peak_memory(p.pid) or 0)    # the child has written: it runs pascalrow
    err = p.stderr.read()
    assert (p.wait(timeout=120), err) == (0, b"")
    assert total == 8 * (n + 1)
    assert numpy.frombuffer(tail, "<u8").tolist() == [n % 1000003, 1]
    assert 0 < peak < 200 * 2**20 and total > 8 * peak, (peak, total)


def test_binary_to_a_terminal_is_refused():
    status, _, err = run_on_terminal([sys.executable, "-m", "pascalrow", "10", "--mod", "7", "--format", "npy"],
                                     stdout=TERMINAL, stderr=subprocess.PIPE)
    assert status == 2
    assert err == b"pascalrow: error: --format npy writes binary data: send standard output to a file or a pipe\n"


def test_progress_on_a_terminal(tmp_path):
    # stderr a pseudo-terminal, the thresholds lowered: drawn, then erased
    child = ("import sys, pascalrow.__main__ as m; m.PROGRESS_SIZE = 0; m.PROGRESS_INTERVAL = 0; "
             "m.BINARY_CHUNK = 1000; sys.exit(m.main(sys.argv[1:]))")
    out = tmp_path / "row.npy"
    with out.open("wb") as f:
        status, shown, _ = run_on_terminal([sys.executable, "-c", child, "100000", "--mod", str(M), "--format", "npy"],
                                           stdout=f)
    assert status == 0
    assert numpy.array_equal(numpy.load(out), want(100_000, mod=M))
    text = shown.decode()
    assert len(text.split("\r")) > 10 and "pascalrow: 50%," in text and text.endswith("\r\x1b[K")


def test_reader_leaving_early_and_ctrl_c():
    command = [sys.executable, "-m", "pascalrow", str(10**8), "--mod", "1000003", "--format", "raw"]
    p = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.read(16) == b"\x01" + bytes(7) + (10**8 % 1000003).to_bytes(8, "little")
    p.stdout.close()
    _, err = p.communicate(timeout=120)
    assert (p.returncode, err) == (141, b"")
    p = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert len(p.stdout.read(1 << 20)) == 1 << 20    # writing
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=120)
    assert (p.returncode, err) == (130, b"pascalrow: interrupted\n")


def test_help_names_the_binary_formats():
    r = run("--help")
    text = " ".join(r.stdout.decode().split())
    assert r.returncode == 0
    assert "npy: a NumPy .npy file of uint64 (little-endian)" in text
    assert "raw: the same values without the header" in text
    assert "without --mod every value must fit 64 bits" in text


# ------------------------------------------- the stream behind mod rows

def read_stream(n, start, stop, m, piece):
    from array import array
    from pascalrow._pascalrow import _mod_stream, _mod_stream_read
    s, out, buf = _mod_stream(n, start, m), [], array("Q", bytes(8 * piece))
    while len(out) < stop - start:
        got = _mod_stream_read(s, buf)
        assert got == min(piece, n + 1 - start - len(out))
        out += buf[:got].tolist()
    assert _mod_stream_read(s, buf) == (0 if stop == n + 1 else min(piece, n + 1 - stop))
    return out[:stop - start]


@pytest.mark.parametrize("m", [2, 720720, 2**32, 10**9 + 7, 2**61 - 1, 2**63 - 1, 1])
@pytest.mark.parametrize("n,start", [(10, 0), (127, 5), (1000, 0), (1000, 700), (10**5 + 1, 49_000)])
def test_stream_equals_pascal_row(n, start, m):
    # read in pieces across the middle of the row and up to its end
    assert read_stream(n, start, n + 1, m, 997) == pascalrow.pascal_row(n, start, mod=m)


def test_stream_deep_in_a_huge_row():
    n, p = 10**15, 10**9 + 7
    a = n // 2 - 500
    assert read_stream(n, a, a + 1000, p, 300) == pascalrow.pascal_row(n, a, a + 1000, mod=p)


def test_stream_refusals():
    from array import array
    from pascalrow._pascalrow import _mod_stream, _mod_stream_read
    with pytest.raises(ValueError):
        _mod_stream(10, 0, 0)
    with pytest.raises(OverflowError):
        _mod_stream(2**64 - 1, 0, 7)
    with pytest.raises(OverflowError):                 # out of reach, as pascal_row says
        _mod_stream(2**60 + 12345, 2**59, 3**30)
    with pytest.raises(TypeError):
        _mod_stream(10, 0)
    with pytest.raises(TypeError):
        _mod_stream_read(object(), array("Q", [0]))
    with pytest.raises(BufferError):                   # a read-only buffer
        _mod_stream_read(_mod_stream(10, 0, 7), b"12345678")
    assert _mod_stream_read(_mod_stream(10, 99, 7), array("Q", [0])) == 0
