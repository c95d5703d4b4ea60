"""What python -m pascalrow and its check command share, standard library
only: the check command's parser (here, so that 'check --help' works without
hypothesis), the one error line, and the exits on Ctrl-C and on a reader
that left.

Exit statuses:
    0    done (check: every property holds)
    1    check: a counterexample, or a call over the deadline
    2    an error: bad arguments, a module that cannot be loaded, hypothesis
         missing; one line on stderr, "pascalrow: error: <reason>"
         (argparse's usage errors print the usage above it)
    130  interrupted (Ctrl-C, 128 + SIGINT); one line, "pascalrow: interrupted"
    141  the reader of standard output left early, e.g. "| head" (128 + SIGPIPE,
         what a shell reports for seq or yes there); nothing printed
"""
import argparse
import os
import sys
from collections.abc import Callable
from typing import NoReturn

PREFIX = "pascalrow: "
ERROR = 2
INTERRUPTED = 130
BROKEN_PIPE = 141


def error(message: str) -> int:
    """Print the error line for message on stderr; returns the exit status, 2."""
    print(f"{PREFIX}error: {message}", file=sys.stderr)
    return ERROR


class ArgumentParser(argparse.ArgumentParser):
    """argparse whose usage errors end with the same error line as every
    other error (prog names the command in the usage only)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(ERROR, f"{PREFIX}error: {message}\n")


def run(command: Callable[[list[str]], int], argv: list[str]) -> int:
    """command(argv)'s exit status, with Ctrl-C and a reader that left
    (BrokenPipeError) turned into their exit statuses."""
    try:
        status = command(argv)
        sys.stdout.flush()   # the last of the output: a reader that left is seen here
        return status
    except KeyboardInterrupt:
        print(f"{PREFIX}interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # Python flushes stdout once more at exit and would report the same
        # error: stdout goes to /dev/null instead, as the Python docs advise.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return BROKEN_PIPE


def check_parser() -> ArgumentParser:
    """The parser of python -m pascalrow check (pascalrow.testing._cli runs it)."""
    p = ArgumentParser(
        prog="python -m pascalrow check",
        description="Property-test a function that computes rows of Pascal's triangle "
                    "(--kind row) or binomial coefficients (--kind comb) against "
                    "pascalrow's exact values, and report the smallest counterexample "
                    "with a diagnosis.  Needs hypothesis: pip install 'pascalrow[testing]'.",
        epilog="Exit status: 0 every property holds, 1 a counterexample was found, "
               "2 error (bad option, module not found, hypothesis missing), 130 interrupted.")
    p.add_argument("target", metavar="MODULE:FUNCTION",
                   help="the callable to check: a module name (package.module:func) or "
                        "a file path (path/to/file.py:func)")
    p.add_argument("--kind", choices=("row", "comb"), default="row",
                   help="row: f(n) returns a row (default); comb: f(n, k) returns C(n, k)")
    p.add_argument("--convention", choices=("row", "seed"), default=None,
                   help="row (default): f(n) is row n, n + 1 values; seed: f(n) is row n - 1, "
                        "n values (--kind row only)")
    p.add_argument("--max-n", type=int, default=None, metavar="N",
                   help="largest row (or n) tried (default 1000)")
    p.add_argument("--max-examples", type=int, default=None, metavar="N",
                   help="hypothesis examples (default 200)")
    p.add_argument("--deadline", type=float, default=None, metavar="SECONDS",
                   help="a call slower than this is reported as too slow (default 1; 0: no limit)")
    return p
