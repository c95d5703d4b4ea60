"""Hypothesis profiles: deterministic by default, so CI and every run agree.

HYPOTHESIS_PROFILE=dev gives random, more thorough runs for local digging;
HYPOTHESIS_PROFILE=quick the same examples as ci but fewer of them (25), for
slow machines and emulators (make test-aarch64 runs under qemu with it).
Tests with a @settings(max_examples=...) of their own keep their count.

SIGINT is given Python's own handler here when the suite starts with it
ignored (`nohup make test &`, or a background job of a script: the shell
ignores SIGINT there).  An ignored signal stays ignored across exec, so every
child a test starts and interrupts (the command line, the stress children)
would ignore it too, and its Ctrl-C tests would fail.
"""
import os
import signal

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,        # same examples every run
    database=None,           # nothing written into the repository
    deadline=None,           # timing is measured in bench/, never asserted here
    max_examples=200,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", parent=settings.get_profile("ci"), derandomize=False, max_examples=2000)
settings.register_profile("quick", parent=settings.get_profile("ci"), max_examples=25)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
