"""python -m pascalrow check MODULE:FUNCTION ... — see pascalrow.testing._cli.

(Only the "check" dispatch; the row-printing command line is merged in
separately.)
"""
import sys


def _check(argv: list[str]) -> int:
    try:
        from pascalrow.testing._cli import main   # lazy: needs hypothesis
    except ImportError as exc:
        print(f"python -m pascalrow check: error: {exc}", file=sys.stderr)
        return 2
    return main(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["check"]:
        return _check(argv[1:])
    print("usage: python -m pascalrow check MODULE:FUNCTION [options]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
