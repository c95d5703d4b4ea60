"""The Ctrl-C tests' child process: start it, wait for its first line,
send SIGINT, time the answer.

The child prints a first line starting with "ready" (the tests' protocol:
"ready" alone, or "ready <seconds a call took>"), then starts the call to
interrupt; the parent sends SIGINT `delay(first line's words)` seconds
later and reads the child's answer.
"""
import signal
import subprocess
import sys
import time


def interrupt(argv, delay, more_lines=0, wait=60):
    """Run python -c argv[0] argv[1:] and interrupt it as above.  Returns
    (the first line's words, the answer's words, the seconds from SIGINT
    to the answer, the words of `more_lines` further lines, the exit
    status, or None when wait is None: the child is then killed)."""
    child = subprocess.Popen([sys.executable, "-c", *map(str, argv)], stdout=subprocess.PIPE, text=True)
    try:
        first = child.stdout.readline().split()
        assert first[:1] == ["ready"], first
        time.sleep(delay(first))
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        answer = child.stdout.readline().split()
        answered = time.monotonic() - sent
        more = [child.stdout.readline().split() for _ in range(more_lines)]
        status = child.wait(timeout=wait) if wait is not None else None
    finally:
        child.kill()
        child.wait(timeout=60)
    return first, answer, answered, more, status
