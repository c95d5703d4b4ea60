"""The type stubs against the run time, and against a user's code, with mypy.

Each check runs in a subprocess of this interpreter, in a temporary folder
(mypy's cache goes there): mypy.stubtest holds pascalrow's stubs (and its
inline annotations) to the installed package, and mypy --strict checks the
package itself and typing_example.py, a user's script.  mypy is a test
dependency (the `test` extra, the Makefile's TEST_DEPS): without it these
tests fail rather than skip.
"""
import os
import pathlib
import shutil
import subprocess
import sys

import pascalrow

TESTS = pathlib.Path(__file__).resolve().parent
ALLOWLIST = TESTS.parent / "tools" / "stubtest_allowlist.txt"
PACKAGE = pathlib.Path(pascalrow.__file__).resolve().parent


def run(args, cwd, env=None):
    """This interpreter with args, in cwd: (exit status, stdout + stderr)."""
    r = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                       timeout=600)
    return r.returncode, r.stdout + r.stderr


def mypy(args, cwd, env=None):
    return run(["-m", "mypy", "--cache-dir", str(cwd / ".mypy_cache"), *args], cwd, env)


def test_mypy_is_installed(tmp_path):
    status, out = mypy(["--version"], tmp_path)
    assert status == 0, f"mypy is a test dependency (pip install mypy):\n{out}"


def test_stubtest(tmp_path):
    status, out = run(["-m", "mypy.stubtest", "pascalrow", "--allowlist", str(ALLOWLIST)],
                      tmp_path)
    assert status == 0, out


def test_package_passes_mypy_strict(tmp_path):
    status, out = mypy(["--strict", "-p", "pascalrow"], tmp_path)
    assert status == 0, out


def test_user_script_passes_mypy_strict(tmp_path):
    status, out = mypy(["--strict", str(TESTS / "typing_example.py")], tmp_path)
    assert status == 0, out


def test_user_script_runs(tmp_path):
    # what the script asserts about each value holds at run time too
    status, out = run([str(TESTS / "typing_example.py")], tmp_path)
    assert status == 0, out


def test_stubs_need_no_numpy(tmp_path):
    # The package's stubs alone, where neither numpy nor anything else
    # installed can be found: dtype's forms type-check without numpy (the
    # classes stand in for a numpy.dtype and a numpy scalar type).
    stubs = tmp_path / "stubs" / "pascalrow"
    stubs.mkdir(parents=True)
    for name in ("__init__.pyi", "_pascalrow.pyi", "_library.py", "_arrays.py", "_ufuncs.pyi", "py.typed"):
        shutil.copy(PACKAGE / name, stubs / name)
    script = tmp_path / "script.py"
    script.write_text(
        "import pascalrow\n"
        "class NumpyLikeDType:\n"
        "    name = 'uint64'\n"
        "    byteorder = '='\n"
        "class NumpyLikeScalar: ...\n"
        "width: str = 'uint64'\n"
        "for dtype in ('uint32', width, NumpyLikeDType(), NumpyLikeScalar):\n"
        "    values: pascalrow.WordArray = pascalrow.pascal_row(10, dtype=dtype)\n"
        "    first: int = values[0]\n")
    status, out = mypy(["--strict", "--no-site-packages", str(script)], tmp_path,
                       env={**os.environ, "MYPYPATH": str(tmp_path / "stubs")})
    assert status == 0, out
