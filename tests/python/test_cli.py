"""python -m pascalrow, end to end (subprocess) and in process (main)."""
import io
import json
import math
import shlex
import signal
import subprocess
import sys
import time
import types

import pytest

import pascalrow
from helpers import TERMINAL, run_on_terminal
from pascalrow import __main__ as cli

# Times a response or starts processes: run alone (tests/tools/all_pythons.sh).
pytestmark = pytest.mark.serial


def run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "pascalrow", *map(str, args)],
                          capture_output=True, text=True, timeout=120, **kw)


def row(n, start=0, stop=None, mod=None):
    ks = range(*slice(start, stop).indices(n + 1))
    return [math.comb(n, k) % mod if mod else math.comb(n, k) for k in ks]


def test_plain_row():
    r = run(10)
    assert (r.returncode, r.stdout, r.stderr) == (0, "1 10 45 120 210 252 210 120 45 10 1\n", "")


def test_formats():
    assert json.loads(run(30, "--format", "json").stdout) == row(30)
    assert run(30, "--format", "csv").stdout == ",".join(map(str, row(30))) + "\n"
    assert run(0).stdout == "1\n"
    assert json.loads(run(5, "--start", 9, "--format", "json").stdout) == []


def test_slices_and_mod():
    assert run(10, "--start", 2, "--stop", 5).stdout == "45 120 210\n"
    assert run(1000, "--mod", 12).stdout.split() == [str(v) for v in row(1000, mod=12)]
    assert run(28, "--start", 3, "--stop", 4, "--mod", 27).stdout == "9\n"
    n = 10**18
    out = run(n, "--stop", 50, "--mod", 10**9 + 7, "--format", "json").stdout
    assert json.loads(out) == [math.comb(n, k) % (10**9 + 7) for k in range(50)]


def test_values_beyond_python_str_limit():
    # C(20000, 10000) has 6019 digits: over CPython's 4300-digit str() limit
    r = run(20000, "--start", 9999, "--stop", 10002)
    assert r.returncode == 0, r.stderr
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert [int(v) for v in r.stdout.split()] == [math.comb(20000, k) for k in (9999, 10000, 10001)]
    finally:
        sys.set_int_max_str_digits(old)


def test_big_row_is_streamed_in_slices(monkeypatch):
    # with small slices the row arrives in many writes, and is still exact
    monkeypatch.setattr(cli, "CHUNK_BITS", 1 << 14)
    writes = []

    class Out(io.StringIO):
        def write(self, s):
            writes.append(len(s))
            return super().write(s)

    out = Out()
    cli.write_row(out, 3000)
    assert len(writes) > 50 and max(writes) < 100_000
    assert [int(v) for v in out.getvalue().split()] == row(3000)
    out = Out()
    cli.write_row(out, 3000, 10, 2990, mod=10**9 + 6, fmt="json")
    assert json.loads(out.getvalue()) == row(3000, 10, 2990, 10**9 + 6)


def test_whole_big_row_end_to_end():
    r = run(5000)
    assert (r.returncode, r.stderr) == (0, "")
    assert [int(v) for v in r.stdout.split()] == row(5000)


@pytest.mark.parametrize("args", [(1000,), (20000,), (20000, 100, 5000), (3000, 5, 2900, 10**9 + 7, "json"),
                                  (3, 0, None, None, "csv"), (10, 20)])
def test_estimated_size_is_close(args):
    out = io.StringIO()
    cli.write_row(out, *args)
    assert abs(cli.estimated_size(*args) - len(out.getvalue())) <= max(0.15 * len(out.getvalue()), 5)


@pytest.mark.parametrize("args,message", [
    ((-3,), "n must be a non-negative integer"),
    ((10, "--mod", 0), "mod must be a positive integer"),
    ((10, "--mod", 2**63), "mod must be less than 2**63"),
    ((10, "--start", -1), "start must be a non-negative integer"),
    ((2**64, "--stop", 3), "n must be less than"),
    (("x",), "invalid int value"),
    ((10, "--mod", "seven"), "invalid int value"),
    ((10, "--format", "xml"), "invalid choice"),
    ((2**64, "--mod", 7), "n must be less than"),
    ((10, "--stop", -1), "stop must be a non-negative integer"),
    ((), "required"),
    ((10, "--colour"), "unrecognized arguments"),
])
@pytest.mark.parametrize("fmt", ["plain", "json"])
def test_errors_go_to_stderr_with_status_2(args, message, fmt):
    r = run("--format", fmt, *args)
    assert r.returncode == 2
    assert message in r.stderr
    assert r.stderr.splitlines()[-1].startswith("pascalrow: error: ")
    assert r.stdout == ""                  # not even json's opening bracket


def test_help():
    r = run("--help")
    assert r.returncode == 0
    for option in ("--mod", "--start", "--stop", "--format", "--version", "check MODULE:FUNCTION"):
        assert option in r.stdout
    text = " ".join(r.stdout.split())
    assert "self-check" not in text and "property-tests your own function" in text
    assert "130 interrupted" in text and "141 the reader left early" in text


def test_version():
    r = run("--version")
    major, minor = divmod(pascalrow._pascalrow.C_VERSION_NUMBER, 10000)
    c_version = "{}.{}.{}".format(major, *divmod(minor, 100))
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout == f"pascalrow {pascalrow.__version__} (C library {c_version})\n"


def test_reader_leaving_early_is_quiet():
    # exit status 141 (128 + SIGPIPE), as seq or yes report, and nothing on stderr
    p = subprocess.Popen([sys.executable, "-m", "pascalrow", "100000"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout.read(10) == b"1 100000 4"
    p.stdout.close()
    _, err = p.communicate(timeout=120)
    assert (p.returncode, err) == (141, b"")


def test_reader_leaving_early_in_a_shell_pipeline():
    command = f"set -o pipefail; {shlex.quote(sys.executable)} -m pascalrow 100000 | head -c 10"
    r = subprocess.run(["bash", "-c", command],
                       capture_output=True, text=True, timeout=120)
    assert (r.returncode, r.stdout, r.stderr) == (141, "1 100000 4", "")


def test_reader_leaving_before_the_last_flush_is_quiet():
    # a short row stays in stdout's buffer until the end: the reader has gone by then
    p = subprocess.Popen([sys.executable, "-c", "import runpy, sys; sys.stdin.read(); "
                          "runpy.run_module('pascalrow', run_name='__main__')", "30"],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.close()
    p.stdin.close()               # the child starts once the reader is gone
    err = p.stderr.read()
    assert (p.wait(timeout=120), err) == (141, b"")


def test_ctrl_c_while_writing_is_one_line_and_status_130(tmp_path):
    for to_file in (False, True):
        path = tmp_path / f"row{to_file}.txt"
        out = path.open("wb") if to_file else subprocess.PIPE
        p = subprocess.Popen([sys.executable, "-m", "pascalrow", "100000"],
                             stdout=out, stderr=subprocess.PIPE)
        if to_file:
            out.close()
            while path.stat().st_size < 10:    # the row is being written
                assert p.poll() is None
                time.sleep(0.05)
        else:
            assert p.stdout.read(10) == b"1 100000 4"
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=120)
        assert (p.returncode, err) == (130, b"pascalrow: interrupted\n")


def test_check_subcommand_is_dispatched(monkeypatch):
    calls = []
    fake = types.ModuleType("pascalrow.testing._cli")
    fake.main = lambda argv: calls.append(argv) or 7
    monkeypatch.setitem(sys.modules, "pascalrow.testing", types.ModuleType("pascalrow.testing"))
    monkeypatch.setitem(sys.modules, "pascalrow.testing._cli", fake)
    assert cli.main(["check", "--quick", "5"]) == 7
    assert calls == [["--quick", "5"]]


def test_check_without_the_testing_package(monkeypatch, capsys):
    # as if pascalrow.testing could not be imported: the arguments are still parsed
    monkeypatch.setitem(sys.modules, "pascalrow.testing", None)
    monkeypatch.setitem(sys.modules, "pascalrow.testing._cli", None)
    assert cli.main(["check", "math:comb"]) == 2
    assert capsys.readouterr().err.startswith("pascalrow: error: import of pascalrow.testing")
    with pytest.raises(SystemExit) as exc:
        cli.main(["check"])
    assert exc.value.code == 2
    assert "required: MODULE:FUNCTION" in capsys.readouterr().err


def test_main_in_process(capsys):
    assert cli.main(["6", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "1,6,15,20,15,6,1\n"
    assert cli.main(["6", "--mod", "0"]) == 2
    assert "mod must be a positive integer" in capsys.readouterr().err


def test_decimal_helper():
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        for v in (0, 1, 2**64, 10**5000 + 12345, -(7**9000), math.comb(20000, 10000)):
            assert pascalrow._pascalrow._decimal(v) == str(v)
    finally:
        sys.set_int_max_str_digits(old)
    with pytest.raises(TypeError):
        pascalrow._pascalrow._decimal(1.5)


# The progress indicator: a child whose thresholds are lowered (any output,
# redrawn at every slice), its stderr a pseudo-terminal or a pipe.
PROGRESS_CHILD = ("import sys, pascalrow.__main__ as m; m.PROGRESS_SIZE = 0; m.PROGRESS_INTERVAL = 0; "
                  "m.CHUNK_BITS = 1 << 14; sys.exit(m.main(sys.argv[1:]))")


def run_with_terminal(args, *, stdout_too=False, stdout=None):
    """Run the progress child with stderr (and stdout if stdout_too) on a
    pseudo-terminal; returns (exit status, what the terminal received)."""
    status, received, _ = run_on_terminal([sys.executable, "-c", PROGRESS_CHILD, *map(str, args)],
                                          stdout=TERMINAL if stdout_too else stdout)
    return status, received.decode()


def test_progress_on_a_terminal(tmp_path):
    out = tmp_path / "row.txt"
    with out.open("w") as f:
        status, shown = run_with_terminal([3000], stdout=f)
    assert status == 0
    assert [int(v) for v in out.read_text().split()] == row(3000)
    draws = shown.split("\r")
    assert len(draws) > 10 and "pascalrow: 50%," in shown and " MB\x1b[K" in shown
    assert shown.endswith("\r\x1b[K")           # erased at the end
    status, shown = run_with_terminal([5, "--mod", 0], stdout=subprocess.DEVNULL)
    assert (status, shown) == (2, "pascalrow: error: mod must be a positive integer\r\n")


def test_no_progress_when_stdout_is_the_terminal():
    status, shown = run_with_terminal([300], stdout_too=True)
    assert status == 0 and "\r" not in shown.replace("\r\n", "\n") and "%" not in shown


def test_no_progress_when_stderr_is_not_a_terminal():
    r = subprocess.run([sys.executable, "-c", PROGRESS_CHILD, "3000"],
                       capture_output=True, text=True, timeout=120)
    assert (r.returncode, r.stderr) == (0, "")
    assert len(r.stdout.split()) == 3001


def test_progress_redraws_at_most_once_per_interval():
    stream = io.StringIO()
    progress = cli.Progress(1000, stream, interval=3600)
    progress.update(10)
    progress.close()
    assert stream.getvalue() == ""             # an hour not gone: never drawn, nothing to erase
    progress = cli.Progress(1000, stream, interval=0)
    progress.update(372_000_000)
    progress.update(500)
    progress.close()
    assert stream.getvalue() == ("\rpascalrow: 99%, 372 of ~0 MB\x1b[K"
                                 "\rpascalrow: 50%, 0 of ~0 MB\x1b[K\r\x1b[K")
