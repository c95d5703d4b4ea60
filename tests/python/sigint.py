"""Ctrl-C in the tests: the one way they interrupt a call while it runs.

interrupt_call(call, after) runs call() on the main thread again and again
and, from a thread of its own, sends SIGINT to the process `after` seconds
into one of the calls, only while that call is in progress:

  - the main thread announces each call (a generation number and its start
    time) before it makes it, and says when it has returned; it holds the
    helper's lock only while no call is in progress, so a KeyboardInterrupt
    never leaves the lock taken (a `with` block is not safe against an
    exception raised by a signal handler);
  - the sender waits for an announced call, sleeps until `after` seconds
    into it and sends the signal only if that same call is still running
    (checked under the lock the main thread takes to say it has returned);
  - a signal that lands after its call has returned (the call ended between
    the check and the signal's handler) is absorbed by the handler instead
    of being raised somewhere else; the main thread waits for that handler
    before it starts the next call, and the sender tries again on that one;
  - a SIGINT this helper did not send (someone's Ctrl-C) is raised as usual.

So the KeyboardInterrupt the caller sees comes from a call in progress (or
the instant it ended, before it could say so: a call that checks for
signals no more often than it ends is not told apart from one that
returned), however loaded the machine is; a slow machine only makes the
loop take another round.  The result says which happened.

run_python(code, *args) runs code in a fresh interpreter (this folder on
its sys.path, so that a child can use interrupt_call too) and returns its
stdout's lines; a child that hangs dumps every thread's stack (faulthandler)
and exits, and the failure quotes its stderr.
"""
import dataclasses
import json
import os
import signal
import subprocess
import sys
import threading
import time

TESTS = os.path.dirname(os.path.abspath(__file__))


@dataclasses.dataclass
class Interrupted:
    landed: bool        # KeyboardInterrupt came out of a call in progress
    answered: float     # seconds from the signal to the KeyboardInterrupt (landed only)
    spent: float        # seconds from the interrupted call's start to the KeyboardInterrupt
    calls: int          # calls that ran to their end first
    absorbed: int       # signals that came after their call had returned

    def line(self):
        """One line for a child to print and a parent to read (parse)."""
        return "interrupted " + json.dumps(dataclasses.asdict(self))


def parse(line):
    word, _, rest = line.partition(" ")
    assert word == "interrupted", line
    return Interrupted(**json.loads(rest))


class _State:
    def __init__(self):
        self.cond = threading.Condition()
        self.gen = 0            # the call in progress (or last made)
        self.start = 0.0        # its start
        self.inside = False     # a call is in progress
        self.sent_gen = 0       # the call a signal was sent into
        self.sent_at = 0.0
        self.handled_gen = 0    # the call whose signal was absorbed
        self.absorbed = 0
        self.done = False


def interrupt_call(call, after, limit=300.0):
    """Run call() until a SIGINT sent `after` seconds into one of its runs
    lands inside it (or `limit` seconds pass: landed is then False).  Must
    run on the main thread (Python runs signal handlers there)."""
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("interrupt_call runs on the main thread")
    st = _State()

    def handler(signum, frame):
        # On the main thread, inside the call (the library's poll) or between
        # two bytecodes.  Takes no lock: the main thread may hold it here.
        if st.inside or st.sent_gen != st.gen or st.handled_gen == st.gen:
            raise KeyboardInterrupt
        st.handled_gen = st.gen            # ours, after its call returned
        st.absorbed += 1

    def sender():
        last = 0
        while True:
            with st.cond:
                st.cond.wait_for(lambda: st.done or st.gen != last)
                if st.done:
                    return
                last, start = st.gen, st.start
            with st.cond:
                st.cond.wait_for(lambda: st.done or st.gen != last or not st.inside,
                                 timeout=max(0.0, start + after - time.monotonic()))
                if st.done:
                    return
                # the main thread clears `inside` without the lock, then takes
                # it: a signal sent here is either raised in the call or seen
                # by the main thread as pending once it has the lock
                if st.inside and st.gen == last:
                    st.sent_gen, st.sent_at = last, time.monotonic()
                    os.kill(os.getpid(), signal.SIGINT)

    old = signal.signal(signal.SIGINT, handler)
    thread = threading.Thread(target=sender, name="sigint-sender", daemon=True)
    thread.start()
    t0 = time.monotonic()
    calls = 0
    try:
        try:
            while time.monotonic() - t0 < limit:
                with st.cond:                   # the handler never raises in here:
                    st.gen += 1                 # no call is in progress, no signal pending
                    st.start = time.monotonic()
                    st.cond.notify_all()
                st.inside = True                # a store each, no lock held: a
                call()                          # KeyboardInterrupt from the handler
                st.inside = False               # must not leave a lock taken
                with st.cond:
                    st.cond.notify_all()
                    pending = st.sent_gen == st.gen
                # a signal sent into this call and not raised: its handler
                # runs within a few bytecodes; wait for it before the next call
                waited = time.monotonic()
                while pending and st.handled_gen != st.gen:
                    assert time.monotonic() - waited < 60, "a SIGINT sent was never handled"
                    time.sleep(0.001)
                calls += 1
        except KeyboardInterrupt:
            caught = time.monotonic()
            st.inside = False
            if st.sent_gen != st.gen:
                raise                           # not ours: someone's Ctrl-C
            return Interrupted(True, caught - st.sent_at, caught - st.start, calls, st.absorbed)
        return Interrupted(False, 0.0, 0.0, calls, st.absorbed)
    finally:
        with st.cond:
            st.done = True
            st.inside = False
            st.cond.notify_all()
        thread.join()
        signal.signal(signal.SIGINT, old)


# The child's first lines: this folder on sys.path; on a crash, and after
# sys.argv[1] seconds, every thread's Python stack on stderr (faulthandler),
# then (at the timeout) exit status 1.
PRELUDE = f"""
import faulthandler, sys
sys.path.insert(0, {TESTS!r})
faulthandler.enable()
faulthandler.dump_traceback_later(float(sys.argv[1]), exit=True)
del sys.argv[1]
"""


def python_child(code, *args, timeout=300):
    """Run `python -c code args` (sys.argv[1:] = args as strings) to its end;
    returns (exit status, stdout, stderr, whether it ran out of time).  A
    child still running after timeout seconds writes its threads' stacks to
    stderr and exits by itself (faulthandler); no signal is sent to it."""
    cmd = [sys.executable, "-c", PRELUDE + code, str(timeout), *map(str, args)]
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout + 120)
    timed_out = proc.returncode == 1 and f"Timeout ({timeout // 3600}:" in proc.stderr
    return proc.returncode, proc.stdout, proc.stderr, timed_out


def run_python(code, *args, timeout=300):
    """stdout's lines of python_child(code, *args); fails with the child's
    stderr unless it exits with status 0."""
    status, out, err, timed_out = python_child(code, *args, timeout=timeout)
    how = f"timed out after {timeout} s" if timed_out else f"exited with status {status}"
    assert status == 0, f"child {how}\nstdout:\n{out[-2000:]}\nstderr:\n{err[-4000:]}"
    return out.splitlines()
