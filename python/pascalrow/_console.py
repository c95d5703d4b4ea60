"""What python -m pascalrow and its check command share: the one error line.

Exit statuses:
    0    done (check: every property holds)
    1    check: a counterexample, or a call over the deadline
    2    an error: bad arguments, a module that cannot be loaded; one line on
         stderr, "pascalrow: error: <reason>"
         (argparse's usage errors print the usage above it)
"""
import argparse
import sys

PREFIX = "pascalrow: "
ERROR = 2


def error(message: str) -> int:
    """Print the error line for message on stderr; returns the exit status, 2."""
    print(f"{PREFIX}error: {message}", file=sys.stderr)
    return ERROR


class ArgumentParser(argparse.ArgumentParser):
    """argparse whose usage errors end with the same error line as every
    other error (prog names the command in the usage only)."""

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(ERROR, f"{PREFIX}error: {message}\n")
