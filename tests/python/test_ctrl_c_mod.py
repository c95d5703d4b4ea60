"""Ctrl-C during the long parts of the modular functions: the seed of a slice
deep in a row (the walk from the nearer end, or Granville's products), a
single comb(..., mod=), a modular row_sum, a stream made deep in a row.

Each call below takes seconds uninterrupted (billions of steps, under the
1e10 limit).  SIGINT is sent 0.3 s into it, in a child process
(sigint.interrupt_call); the child must raise KeyboardInterrupt within 2 s
(the seed polls every few milliseconds; a call that did not poll would run
seconds more).  pascal_row's threads stop
themselves (the seed polls); comb, row_sum and the stream run on a thread
Ctrl-C abandons (checked: _abandoned_running() is 1 right after).
"""
import pytest
from sigint import parse, run_python

# Times a response or starts processes: run alone (tests/tools/all_pythons.sh).
pytestmark = pytest.mark.serial

CHILD = r"""
import os, sys
import numpy
import pascalrow
from pascalrow._pascalrow import _abandoned_running, _mod_stream
from sigint import interrupt_call
expr = sys.argv[1]
result = interrupt_call(lambda: eval(expr), after=0.3)
print(result.line())
print(_abandoned_running())
# the module works on meanwhile
print(pascalrow.comb(1000, 500, mod=10**9 + 7) == 159835829)
os._exit(0)     # an abandoned computation need not run to its end
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
    line, running, still_works = run_python(CHILD, expr)
    result = parse(line)
    assert result.landed and result.calls == 0, result        # seconds a call: the first one
    assert result.answered < 2.0, result      # a call runs seconds: it polled
    assert int(running) == (1 if abandoned else 0), running
    assert still_works == "True"
