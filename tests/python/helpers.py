"""Helpers shared by the Python tests: an __index__ object, and a child
process run with its output on a pseudo-terminal."""
import os
import subprocess


class Idx:
    """Any object with __index__ is an integer to math.comb."""

    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v

    def __repr__(self):
        return f"Idx({self.v!r})"


TERMINAL = object()     # run_on_terminal's stdout / stderr: the pseudo-terminal


def run_on_terminal(command, *, stdout=None, stderr=TERMINAL):
    """Run command with stdout and stderr each TERMINAL (one pseudo-terminal
    for both) or what subprocess.Popen takes; read the terminal until the
    child closes it, then wait for the child.  Returns (exit status, the
    bytes the terminal received, stderr's bytes if stderr is PIPE).  A PIPE
    is read only after the terminal is closed: it must not fill up first."""
    master, slave = os.openpty()
    p = subprocess.Popen(command, stdout=slave if stdout is TERMINAL else stdout,
                         stderr=slave if stderr is TERMINAL else stderr)
    os.close(slave)
    received = b""
    while True:
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:           # EIO: the child closed the terminal
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    _, err = p.communicate(timeout=120)
    return p.returncode, received, err
