"""Ctrl-C during the long parts of the modular functions: the seed of a slice
deep in a row (the walk from the nearer end, or Granville's products), a
single comb(..., mod=), a modular row_sum, a stream made deep in a row.

Each call below takes seconds uninterrupted (billions of steps, under the
1e10 limit).  SIGINT is sent 0.3 s into it, in a child process; the child
must raise KeyboardInterrupt within a second.  pascal_row's threads stop
themselves (the seed polls); comb, row_sum and the stream run on a thread
Ctrl-C abandons (checked: _abandoned_running() is 1 right after).
"""
import pytest
from sigint import interrupt

# Times a response or starts processes: run alone (tests/all_pythons.sh).
pytestmark = pytest.mark.serial

CHILD = r"""
import sys, time
import numpy
import pascalrow
from pascalrow._pascalrow import _abandoned_running, _mod_stream
expr = sys.argv[1]
print("ready", flush=True)
t0 = time.monotonic()
try:
    eval(expr)
    print("finished", time.monotonic() - t0, flush=True)
except KeyboardInterrupt:
    print("interrupted", _abandoned_running(), flush=True)
    # the module works on meanwhile
    print(pascalrow.comb(1000, 500, mod=10**9 + 7) == 159835829, flush=True)
"""

DEEP = 4 * 10**9          # a walk of 4e9 steps: seconds on any machine
CASES = [
    # (expression, abandoned: runs on a thread Ctrl-C leaves behind)
    (f"pascalrow.pascal_row(10**10, {DEEP}, {DEEP} + 3, mod=2**61 - 1)", False),
    (f"pascalrow.pascal_row(10**10, {DEEP}, {DEEP} + 3, mod=10**18 + 9, dtype='uint64')", False),
    (f"pascalrow.pascal_row(10**10, {DEEP}, {DEEP} + 3, mod=2**61 - 1, out=numpy.empty(3, numpy.uint64))", False),
    ("pascalrow.pascal_row(10**15, 4 * 10**14, 4 * 10**14 + 3, mod=1009**3)", False),
    (f"pascalrow.comb(10**10, {DEEP}, mod=2**61 - 1)", True),
    (f"pascalrow.row_sum(10**10, 0, {DEEP}, mod=2**61 - 1)", True),
    ("pascalrow.row_sum(10**15, 4 * 10**14, 4 * 10**14 + 3, mod=1009**3)", True),
    (f"_mod_stream(10**10, {DEEP}, 2**61 - 1)", True),
]


@pytest.mark.parametrize("expr, abandoned", CASES, ids=[c[0].split("(")[0].split(".")[-1] + str(i)
                                                       for i, c in enumerate(CASES)])
def test_ctrl_c_during_a_long_modular_call(expr, abandoned):
    # wait=None: the child is killed, as an abandoned computation need not run to its end
    _, word, answered, (still_works,), _ = interrupt([CHILD, expr], lambda f: 0.3, more_lines=1, wait=None)
    assert word[:1] == ["interrupted"], word
    assert answered < 1.0, answered
    assert int(word[1]) == (1 if abandoned else 0), word
    assert still_works == ["True"]
