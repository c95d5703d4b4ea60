"""python -m pascalrow check MODULE:FUNCTION — the checks from the command line.

Exit status: 0 every property holds, 1 a counterexample (or a call over the
deadline) was found, 2 usage error (bad option, module not found, not
callable), with the reason on stderr.  The parser is pascalrow._console's
check_parser: without hypothesis this module cannot be imported, and
python/pascalrow/__main__.py still answers --help and usage errors with it.
"""
import argparse
import importlib
import importlib.util
import os
import sys
import types
from typing import Any, Callable, cast

from .._console import check_parser, error
from ._check import CheckFailure, check_comb_function, check_row_function


class UsageError(Exception):
    pass


def _load_module(spec: str) -> types.ModuleType:
    if spec.endswith(".py") or os.sep in spec or "/" in spec:
        path = os.path.abspath(spec)
        if not os.path.isfile(path):
            raise UsageError(f"no such file: {spec}")
        name = os.path.splitext(os.path.basename(path))[0]
        if name in sys.modules:                         # never shadow a loaded module
            name = f"_pascalrow_check_{name}"
        sys.path.insert(0, os.path.dirname(path))      # its sibling imports work
        module_spec = importlib.util.spec_from_file_location(name, path)
        if module_spec is None or module_spec.loader is None:
            raise UsageError(f"cannot load {spec} as a module")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        try:
            module_spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
        return module
    if "" not in sys.path and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())                 # as "python -m" does
    return importlib.import_module(spec)


def load_callable(target: str) -> Callable[..., Any]:
    """'module:func' or 'path/file.py:Class.method' -> the callable; UsageError if not."""
    module_name, sep, attr = target.rpartition(":")
    if not sep or not module_name or not attr:
        raise UsageError(f"expected MODULE:FUNCTION, got {target!r}")
    try:
        obj: Any = _load_module(module_name)   # then any attribute of it
    except UsageError:
        raise
    except ImportError as exc:
        raise UsageError(f"cannot import {module_name!r}: {exc}") from exc
    except Exception as exc:                 # the module itself failed while importing
        raise UsageError(f"importing {module_name!r} raised {type(exc).__name__}: {exc}") from exc
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            raise UsageError(f"{module_name!r} has no attribute {attr!r}") from None
    if not callable(obj):
        raise UsageError(f"{target} is a {type(obj).__name__}, not callable")
    return cast(Callable[..., Any], obj)


def _run(args: argparse.Namespace) -> int:
    if args.kind == "comb" and args.convention is not None:
        raise UsageError("--convention applies to --kind row only")
    for name in ("max_n", "max_examples"):
        if getattr(args, name) is not None and getattr(args, name) < 0:
            raise UsageError(f"--{name.replace('_', '-')} must be >= 0")
    if args.deadline is not None and args.deadline < 0:
        raise UsageError("--deadline must be >= 0")
    f = load_callable(args.target)
    options = {name: getattr(args, name) for name in ("max_n", "max_examples")
               if getattr(args, name) is not None}
    if args.deadline is not None:
        options["deadline"] = args.deadline or None
    try:
        if args.kind == "comb":
            report = check_comb_function(f, label=args.target, **options)
        else:
            report = check_row_function(f, convention=args.convention or "row",
                                        label=args.target, **options)
    except CheckFailure as failure:
        print(failure.report)
        return 1
    print(report)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the check command; argv excludes the leading "check". Returns the exit status."""
    try:
        args = check_parser().parse_args(argv)
    except SystemExit as exc:                # argparse: --help (0) or a usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    try:
        return _run(args)
    except UsageError as exc:
        return error(str(exc))
