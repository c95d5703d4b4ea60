"""The tests' Ctrl-C helper (sigint.interrupt_call) on calls whose timing is
known: it must report a signal that landed in a call, go on to the next
call when one ends before the signal is due, never let a signal it sent
escape outside a call, and leave the process's SIGINT handler as it was."""
import signal
import time

import pytest
from sigint import interrupt_call, parse, run_python

# Sends signals to this process: run alone (tests/tools/all_pythons.sh).
pytestmark = pytest.mark.serial


def sleeper(seconds):
    """A call in progress for `seconds` that answers SIGINT at once (time.sleep
    is interrupted by a signal and runs its handler)."""
    return lambda: time.sleep(seconds)


def test_a_signal_lands_in_the_first_long_call():
    before = signal.getsignal(signal.SIGINT)
    result = interrupt_call(sleeper(30), after=0.2)
    assert result.landed and result.calls == 0 and result.absorbed == 0, result
    assert 0.2 <= result.spent < 15 and 0 <= result.answered < 15, result
    assert signal.getsignal(signal.SIGINT) is before


def test_calls_shorter_than_the_delay_are_repeated_until_one_is_long_enough():
    lengths = iter([0.01] * 5 + [30])
    result = interrupt_call(lambda: time.sleep(next(lengths)), after=0.3)
    assert result.landed and result.calls == 5, result


def test_calls_that_never_last_long_enough_end_at_the_limit_without_a_signal():
    result = interrupt_call(sleeper(0.001), after=10, limit=0.5)
    assert not result.landed and result.calls > 10 and result.absorbed == 0, result


def test_a_call_running_python_bytecode_lands_at_once():
    def busy():
        end = time.monotonic() + 30
        while time.monotonic() < end:
            pass
    result = interrupt_call(busy, after=0.1)
    assert result.landed and result.calls == 0 and result.spent >= 0.1, result
    assert result.answered < 15, result


def test_signals_that_come_after_their_call_are_absorbed_not_raised():
    # calls that end 0 to 4 ms after the signal is due: many signals land
    # after their call has returned; none may escape, and a later one lands
    lengths = iter([0.050 + 0.001 * (i % 5) for i in range(400)] + [30])
    result = interrupt_call(lambda: time.sleep(next(lengths)), after=0.050, limit=120)
    # (an escaped KeyboardInterrupt would end this test with it)
    assert result.landed and result.absorbed <= result.calls, result


def test_someone_elses_ctrl_c_is_raised():
    code = """
import os, signal, threading, time
from sigint import interrupt_call
# a SIGINT this helper did not send (as from a terminal), before its own is due
threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGINT)).start()
try:
    interrupt_call(lambda: time.sleep(5), after=3)
    print("not raised")
except KeyboardInterrupt:
    print("raised")
"""
    assert run_python(code, timeout=60) == ["raised"]


def test_a_child_reports_one_line():
    code = """
import time
from sigint import interrupt_call
print(interrupt_call(lambda: time.sleep(30), after=0.1).line())
"""
    (line,) = run_python(code, timeout=60)
    result = parse(line)
    assert result.landed and result.calls == 0, result


def test_the_suite_started_with_sigint_ignored_gives_its_children_ctrl_c():
    # conftest.py restores Python's handler; a child it starts then gets the
    # default disposition on exec and raises KeyboardInterrupt as usual.
    import os
    import subprocess
    import sys

    tests = os.path.dirname(os.path.abspath(__file__))
    code = (
        "import signal, subprocess, sys\n"
        "assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN\n"
        "import conftest\n"
        "child = subprocess.run([sys.executable, '-c', 'import signal; "
        "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)'],"
        " capture_output=True, text=True, check=True)\n"
        "print(child.stdout.strip())\n"
    )
    ignored = subprocess.run(
        [sys.executable, "-c", code], cwd=tests, capture_output=True, text=True, timeout=120,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    assert (ignored.returncode, ignored.stdout.strip()) == (0, "True"), ignored.stderr
