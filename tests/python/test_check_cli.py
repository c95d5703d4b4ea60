"""python -m pascalrow check: end to end in a subprocess (exit 0 and 1), every
usage error (exit 2, the reason on stderr), Ctrl-C (exit 130), and the
command without hypothesis."""
import pathlib
import signal
import subprocess
import sys
import time

import pytest

from pascalrow.testing._cli import main

# Times a response or starts processes: run alone (tests/tools/all_pythons.sh).
pytestmark = pytest.mark.serial

TESTS = pathlib.Path(__file__).parent
WRONG = str(TESTS / "wrong_impls.py")


def check(*args, cwd=TESTS):
    return subprocess.run([sys.executable, "-m", "pascalrow", "check", *args],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def test_wrong_u32_row_exits_1_with_the_report():
    r = check("wrong_impls:pascal_row_u32", "--convention", "seed")
    assert r.returncode == 1, r.stderr
    out = " ".join(r.stdout.split())
    assert r.stdout.startswith("wrong_impls:pascal_row_u32: WRONG\n")
    assert "smallest failing input: f(36), row 35; every row below it is right" in out
    assert "expected C(35, 17) = 4537567650 at index 17 actual 242600354" in out
    assert "diagnosis wrapped modulo 2**32" in out
    assert r.stderr == ""


def test_right_function_exits_0():
    r = check("pascalrow:pascal_row", "--max-n", "300", "--max-examples", "50")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("pascalrow:pascal_row: OK\n")
    assert "n = 0..300" in r.stdout and "every property holds" in r.stdout


def test_file_path_and_comb_kind():
    r = check(f"{WRONG}:comb_u64", "--kind", "comb", "--max-examples", "20", cwd="/")
    assert r.returncode == 1
    assert "f(63, 29)" in r.stdout and "overflows a 64-bit integer" in " ".join(r.stdout.split())
    r = check("math:comb", "--kind", "comb", "--max-n", "200", "--max-examples", "20", cwd="/")
    assert r.returncode == 0 and "math:comb: OK" in r.stdout


def test_options_reach_the_check(capsys):
    assert main([f"{WRONG}:row_u64", "--max-n", "60", "--max-examples", "10"]) == 0
    assert "n = 0..60" in capsys.readouterr().out
    assert main([f"{WRONG}:row_u64", "--max-n", "70", "--max-examples", "10"]) == 1
    assert "f(68)" in capsys.readouterr().out


@pytest.mark.parametrize("argv,reason", [
    (["nosuchmodule_xyz:f"], "cannot import 'nosuchmodule_xyz'"),
    (["math:nosuch"], "'math' has no attribute 'nosuch'"),
    (["math:pi"], "math:pi is a float, not callable"),
    (["math"], "expected MODULE:FUNCTION"),
    (["/no/such/file.py:f"], "no such file: /no/such/file.py"),
    (["math:comb", "--kind", "comb", "--convention", "seed"], "--convention applies to --kind row only"),
    (["math:comb", "--max-n", "-1"], "--max-n must be >= 0"),
    (["math:comb", "--kind", "triangle"], "invalid choice"),
    ([], "required: MODULE:FUNCTION"),
])
def test_usage_errors_exit_2(argv, reason, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert reason in captured.err and captured.out == ""
    assert captured.err.splitlines()[-1].startswith("pascalrow: error: ")


def test_module_that_fails_to_import_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "broken.py").write_text("raise RuntimeError('half-written module')\n")
    assert main([f"{tmp_path / 'broken.py'}:f"]) == 2
    assert "raised RuntimeError: half-written module" in capsys.readouterr().err


def test_usage_error_in_a_subprocess():
    r = check("nosuchmodule_xyz:f")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == "pascalrow: error: cannot import 'nosuchmodule_xyz': No module named 'nosuchmodule_xyz'\n"
    r = check("math:comb", "--kind", "triangle")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("usage: python -m pascalrow check ")
    assert r.stderr.splitlines()[-1].startswith("pascalrow: error: argument --kind: invalid choice")


def test_ctrl_c_exits_130_with_one_line(tmp_path):
    started = tmp_path / "started"
    (tmp_path / "slow.py").write_text(
        "import pathlib, time\n"
        "def row(n):\n"
        f"    pathlib.Path({str(started)!r}).touch()\n"
        "    time.sleep(120)\n")
    p = subprocess.Popen([sys.executable, "-m", "pascalrow", "check", f"{tmp_path / 'slow.py'}:row",
                          "--deadline", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while not started.exists():          # the check is calling the function
        assert p.poll() is None
        time.sleep(0.05)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    assert (p.returncode, out, err) == (130, b"", b"pascalrow: interrupted\n")


# python -m pascalrow in a child where importing hypothesis fails
WITHOUT_HYPOTHESIS = ("import runpy, sys; sys.modules['hypothesis'] = None; "
                      "runpy.run_module('pascalrow', run_name='__main__', alter_sys=True)")


def check_without_hypothesis(*args):
    return subprocess.run([sys.executable, "-c", WITHOUT_HYPOTHESIS, "check", *args],
                          capture_output=True, text=True, cwd=TESTS, timeout=120)


def test_help_without_hypothesis():
    r = check_without_hypothesis("--help")
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout.startswith("usage: python -m pascalrow check ")
    for text in ("MODULE:FUNCTION", "--kind", "--convention", "--max-n", "--deadline",
                 "pip install 'pascalrow[testing]'", "130 interrupted"):
        assert text in " ".join(r.stdout.split())


def test_check_without_hypothesis_is_one_error_line():
    r = check_without_hypothesis("math:comb", "--kind", "comb")
    assert (r.returncode, r.stdout) == (2, "")
    assert len(r.stderr.splitlines()) == 1
    assert r.stderr.startswith("pascalrow: error: ")
    assert "pip install 'pascalrow[testing]'" in r.stderr


def test_usage_error_without_hypothesis():
    r = check_without_hypothesis("math:comb", "--max-examples", "many")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.splitlines()[-1] == "pascalrow: error: argument --max-examples: invalid int value: 'many'"
