"""An installed pascalrow, checked from outside the source tree: values
against math.comb, the C library it ships, and which GMP it loaded.

    python tests/tools/smoke_installed.py [--bundled-gmp]

--bundled-gmp: GMP must come from inside the package (a wheel, or an
install that took GMP from PyPI), not from the system.  Exits non-zero with
a message on any failure."""
import ctypes
import math
import os
import sys

sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]
os.chdir("/")                       # never import the source tree's python/ by accident

import pascalrow  # noqa: E402

here = os.path.dirname(pascalrow.__file__)
assert pascalrow.pascal_row(999) == [math.comb(999, k) for k in range(1000)], "row 999"
assert pascalrow.pascal_row(10**4, 4990, 5010) == [math.comb(10**4, k) for k in range(4990, 5010)], "slice"
assert pascalrow.comb(10**5, 5 * 10**4) == math.comb(10**5, 5 * 10**4), "comb"
assert pascalrow.comb(2**70, 5) == math.comb(2**70, 5), "comb of a huge n"
assert pascalrow.multinomial(30, 40, 50) == math.comb(120, 50) * math.comb(70, 30), "multinomial"
assert pascalrow.pascal_row(1000, 0, 5, mod=10**9 + 7) == [math.comb(1000, k) % (10**9 + 7) for k in range(5)]
try:
    import numpy
except ImportError:
    numpy = None
if numpy is None:                   # the array functions say what they need
    try:
        pascalrow.comb_array([10], [3])
        raise AssertionError("comb_array ran without NumPy")
    except ImportError as e:
        assert "NumPy" in str(e), e
    print("comb_array without NumPy: ImportError, as documented")
else:                               # pascalrow._ufuncs loads (and finds GMP)
    assert pascalrow.comb_array([10, 1000], [3, 500], dtype=object).tolist() == [120, math.comb(1000, 500)]
    assert pascalrow.valuation_array([100], [50], 3).tolist() == [4]
lib = ctypes.CDLL(pascalrow.library_path())
assert lib.pascalrow_version_number() == pascalrow._pascalrow.C_VERSION_NUMBER, "libpascalrow.so"

maps = "/proc/self/maps"          # Linux: the libraries this process mapped
gmp = sorted({line.split()[-1] for line in open(maps) if "libgmp" in line}) if os.path.exists(maps) else []
print(f"pascalrow {pascalrow.__version__} at {here}; GMP loaded from {gmp}")
if "--bundled-gmp" in sys.argv:
    assert gmp and all(os.path.dirname(g).startswith(here) for g in gmp), f"GMP not from the package: {gmp}"
    assert os.path.exists(os.path.join(here, "LICENSE-GMP")), "GMP's licence is not shipped"
print("smoke: ok")
