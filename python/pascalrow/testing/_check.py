"""check_row_function and check_comb_function: property tests for anyone's
binomial code, against pascalrow's exact values.

One search serves both (_search):
  1. every boundary case, in ascending order, up to the first failure
     (or the first call over the deadline);
  2. hypothesis below that case (the whole range if none failed), shrinking
     any counterexample it finds;
  3. every case below the counterexample, one by one, while that is cheap,
     so the smallest failing input is reported exactly.
"""
import datetime
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Iterable, Literal, TypeVar

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import errors as hyp_errors
from hypothesis.strategies import SearchStrategy

import pascalrow

from . import _report
from ._diagnose import Finding, diagnose_comb, diagnose_row, exception_finding
from ._strategies import boundary_ks, boundary_rows, coefficients, row_indices

ROW_SCAN = 256    # below a failing row under this, every row is checked
COMB_SCAN = 128   # below a failing (n, k) with n under this, every (n', k') is checked
DEFAULT_MAX_N = 1000
DEFAULT_MAX_EXAMPLES = 200
DEFAULT_DEADLINE = 1.0   # seconds per call

_HEALTH = [getattr(HealthCheck, name) for name in
           ("too_slow", "filter_too_much", "data_too_large", "large_base_example")
           if hasattr(HealthCheck, name)]


class CheckFailure(AssertionError):
    """A check found a counterexample, or a call slower than the deadline.

    The message is the human report.  The attributes say the same for code:
    diagnosis (the primary code, e.g. "wrapped-uint32", "off-by-one-row",
    "float-rounding", "wrong-length", "asymmetric", "exception", "slow",
    "contract"), diagnoses (every code that fits), n (the argument f was
    called with), k (comb only), row (rows: the row that was expected),
    index (rows: the first wrong index), expected, actual, seconds (slow only).
    """

    def __init__(self, report: str, *, diagnoses: tuple[str, ...], n: int | None,
                 k: int | None = None, row: int | None = None, index: int | None = None,
                 expected: Any = None, actual: Any = None, seconds: float | None = None):
        super().__init__(report)
        self.report = report
        self.diagnoses = diagnoses
        self.diagnosis = diagnoses[0]
        self.n, self.k, self.row, self.index = n, k, row, index
        self.expected, self.actual, self.seconds = expected, actual, seconds


@dataclass
class _Stats:
    boundary: list[Any] = field(default_factory=list)   # the boundary cases called
    hypothesis: int = 0                            # calls made by hypothesis
    hypothesis_range: str = ""
    hypothesis_found: bool = False                 # hypothesis found (and shrank) a counterexample
    scanned: int = 0                               # calls made by the final scan
    slow: tuple[Any, float] | None = None          # (case, seconds): first call over the deadline


def _seconds(deadline: float | datetime.timedelta | None) -> float | None:
    if deadline is None:
        return None
    if isinstance(deadline, datetime.timedelta):
        deadline = deadline.total_seconds()
    if not deadline > 0:
        raise ValueError(f"deadline must be positive seconds, a timedelta or None, got {deadline!r}")
    return float(deadline)


def _label(f: Callable[..., Any]) -> str:
    mod, name = getattr(f, "__module__", None), getattr(f, "__qualname__", None) or repr(f)
    return f"{mod}:{name}" if mod else name


# A case f is called on: a row (int) or an (n, k) pair.
Case = TypeVar("Case")


class _Target(Generic[Case]):
    """What the search needs to know about one kind of function."""

    max_n: int    # the largest row checked (each kind sets it)

    def __init__(self, f: Callable[..., Any], deadline: float | datetime.timedelta | None,
                 label: str | None):
        if not callable(f):
            raise TypeError(f"f must be callable, got {type(f).__name__}")
        self.f, self.deadline = f, _seconds(deadline)
        self.label = label or _label(f)
        self.stats = _Stats()

    def call_f(self, *args: Any) -> tuple[Any, Exception | None]:
        """f(*args) -> (value, exception): an exception is a result to report."""
        try:
            return self.f(*args), None
        except Exception as exc:
            return None, exc

    def timed(self, case: Case, *args: Any) -> tuple[Any, Exception | None]:
        """call_f, noting the first call over the deadline."""
        start = time.perf_counter()
        value, error = self.call_f(*args)
        elapsed = time.perf_counter() - start
        if self.deadline is not None and elapsed > self.deadline and self.stats.slow is None:
            self.stats.slow = (case, elapsed)
        return value, error

    # What each kind of function defines (_RowTarget, _CombTarget).

    def check(self, case: Case) -> Finding | None:
        """Call f on case: None if it is right, else what is wrong."""
        raise NotImplementedError

    def boundary_cases(self) -> list[Case]:
        raise NotImplementedError

    def strategy(self, below: Case | None) -> SearchStrategy[Case] | None:
        """Cases below `below` (all when None) for hypothesis; None if there are none."""
        top = self.max_n if below is None else self.row(below) - 1
        if top < 0:
            return None
        self.stats.hypothesis_range, cases = self.cases(top)
        return cases

    def row(self, case: Case) -> int:
        """The row n that case is in."""
        raise NotImplementedError

    def cases(self, top: int) -> tuple[str, SearchStrategy[Case]]:
        """The cases in rows 0..top for hypothesis, and how the report names them."""
        raise NotImplementedError

    def scan(self, case: Case) -> Iterable[Case]:
        """The cases below case to try one by one, ascending."""
        raise NotImplementedError

    def complete(self, case: Case) -> bool:
        """Whether scan(case) tries every case below case."""
        raise NotImplementedError

    def describe(self, case: Case) -> str:
        raise NotImplementedError

    def prop(self) -> str:
        raise NotImplementedError

    def cases_word(self, count: int) -> str:
        raise NotImplementedError

    def expected_label(self, case: Case, finding: Finding) -> str:
        raise NotImplementedError

    def failure_fields(self, case: Case, finding: Finding) -> dict[str, Any]:
        raise NotImplementedError

    def smallest_note(self, case: Case, complete: bool) -> str:
        raise NotImplementedError


class _RowTarget(_Target[int]):
    def __init__(self, f: Callable[..., Any], convention: Literal["row", "seed"], max_n: int,
                 deadline: float | datetime.timedelta | None, label: str | None = None):
        super().__init__(f, deadline, label)
        if convention not in ("row", "seed"):
            raise ValueError(f'convention must be "row" or "seed", got {convention!r}')
        if max_n < 0:
            raise ValueError(f"max_n must be >= 0, got {max_n}")
        self.convention, self.max_n = convention, max_n
        self.offset = 1 if convention == "seed" else 0    # f is called with n = row + offset

    def call(self, row: int) -> str:
        return f"f({row + self.offset})"

    def check(self, row: int) -> Finding | None:
        value, error = self.timed(row, row + self.offset)
        if error is not None:
            return exception_finding(self.call(row), error, pascalrow.pascal_row(row))
        return diagnose_row(value, row, self.call(row), self.convention, pascalrow.pascal_row)

    def boundary_cases(self) -> list[int]:
        return boundary_rows(self.max_n)

    def row(self, case: int) -> int:
        return case

    def cases(self, top: int) -> tuple[str, SearchStrategy[int]]:
        return f"rows 0..{top}", row_indices(top)

    def scan(self, row: int) -> Iterable[int]:
        return range(min(row, ROW_SCAN))

    def complete(self, row: int) -> bool:
        return row <= ROW_SCAN

    def describe(self, row: int) -> str:
        return f"{self.call(row)}, row {row}" if self.offset else self.call(row)

    def prop(self) -> str:
        if self.offset:
            return ("f(n) returns row n - 1 of Pascal's triangle, its n values "
                    f"[C(n-1, 0), ..., C(n-1, n-1)], as exact ints; rows 0..{self.max_n} "
                    f'(n = 1..{self.max_n + 1}) [convention "seed"]')
        return ("f(n) returns row n of Pascal's triangle, [C(n, 0), ..., C(n, n)], "
                f'as exact ints; n = 0..{self.max_n} [convention "row"]')

    def cases_word(self, count: int) -> str:
        return "row" if count == 1 else "rows"

    def expected_label(self, row: int, finding: Finding) -> str:
        return "row" if finding.index is None else f"C({row}, {finding.index})"

    def failure_fields(self, row: int, finding: Finding) -> dict[str, Any]:
        return dict(n=row + self.offset, row=row, index=finding.index)

    def smallest_note(self, row: int, complete: bool) -> str:
        if complete:
            return "every row below it is right" if row else "the first row tried"
        return (f"every row below {ROW_SCAN} and every boundary row below it is right; "
                f"hypothesis shrank to this row")


class _Index:
    """An integer-like object: math.comb accepts anything with __index__."""

    def __init__(self, v: int):
        self.v = v

    def __index__(self) -> int:
        return self.v

    def __repr__(self) -> str:
        return f"Index({self.v})"


# math.comb's contract for bad input and edge cases: args -> the int it
# returns, or the exception type it raises.
_CONTRACT: list[tuple[tuple[Any, ...], Any, str]] = [
    ((5, 6), 0, "C(n, k) = 0 for k > n"),
    ((0, 1), 0, "C(n, k) = 0 for k > n"),
    ((0, 0), 1, "C(0, 0) = 1"),
    ((-1, 0), ValueError, "a negative n is a ValueError"),
    ((5, -1), ValueError, "a negative k is a ValueError"),
    ((-5, -2), ValueError, "negative n and k are a ValueError"),
    ((5.0, 2), TypeError, "a float n is a TypeError"),
    ((5, 2.0), TypeError, "a float k is a TypeError"),
    (("5", 2), TypeError, "a str is a TypeError"),
    ((None, 1), TypeError, "None is a TypeError"),
    ((_Index(10), _Index(3)), 120, "any object with __index__ is an integer"),
]


class _CombTarget(_Target[tuple[int, int]]):
    def __init__(self, f: Callable[..., Any], max_n: int,
                 deadline: float | datetime.timedelta | None, label: str | None = None):
        super().__init__(f, deadline, label)
        if max_n < 0:
            raise ValueError(f"max_n must be >= 0, got {max_n}")
        self.max_n = max_n

    def check(self, case: tuple[int, int]) -> Finding | None:
        n, k = case
        call = f"f({n}, {k})"
        value, error = self.timed(case, n, k)
        if error is not None:
            extra = ((("k-greater-than-n", "math.comb's contract: C(n, k) = 0 for k > n, "
                                           "returned, not raised"),) if k > n else ())
            return exception_finding(call, error, pascalrow.comb(n, k), extra)
        return diagnose_comb(value, n, k, call, pascalrow.comb, lambda: self.call_f(n, n - k)[0])

    def boundary_cases(self) -> list[tuple[int, int]]:
        return [(n, k) for n in boundary_rows(self.max_n) for k in boundary_ks(n)]

    def row(self, case: tuple[int, int]) -> int:
        return case[0]

    def cases(self, top: int) -> tuple[str, SearchStrategy[tuple[int, int]]]:
        return f"n = 0..{top}, k = 0..n + 2", coefficients(top)

    def scan(self, case: tuple[int, int]) -> Iterable[tuple[int, int]]:
        n0, k0 = case
        for n in range(min(n0, COMB_SCAN)):
            for k in range(n + 2):
                yield n, k
        if n0 <= COMB_SCAN:
            for k in range(k0):
                yield n0, k

    def complete(self, case: tuple[int, int]) -> bool:
        return case[0] <= COMB_SCAN

    def describe(self, case: tuple[int, int]) -> str:
        return f"f({case[0]}, {case[1]})"

    def prop(self) -> str:
        return (f"f(n, k) == C(n, k) as an exact int for n = 0..{self.max_n}, k = 0..n + 2 "
                "(0 for k > n), and math.comb's contract for bad input")

    def cases_word(self, count: int) -> str:
        return "(n, k) pair" if count == 1 else "(n, k) pairs"

    def expected_label(self, case: tuple[int, int], finding: Finding) -> str:
        return f"C({case[0]}, {case[1]})"

    def failure_fields(self, case: tuple[int, int], finding: Finding) -> dict[str, Any]:
        return dict(n=case[0], k=case[1])

    def smallest_note(self, case: tuple[int, int], complete: bool) -> str:
        if complete:
            return "every (n, k) with a smaller n, and every smaller k for this n, is right"
        return (f"every (n, k) with n below {COMB_SCAN} and every boundary pair below it is "
                f"right; hypothesis shrank to this one")

    def contract_problems(self) -> list[str]:
        problems = []
        for args, want, rule in _CONTRACT:
            call = f"f({', '.join(map(repr, args))})"
            value, error = self.call_f(*args)
            if isinstance(want, type):
                if not isinstance(error, want):
                    got = (f"raised {type(error).__name__}" if error is not None
                           else f"returned {value!r}")
                    problems.append(f"{call} {got}; math.comb raises {want.__name__} ({rule})")
            elif error is not None:
                problems.append(f"{call} raised {type(error).__name__}: {error}; "
                                f"math.comb returns {want} ({rule})")
            elif value != want or isinstance(value, float):
                problems.append(f"{call} returned {value!r}; math.comb returns {want} ({rule})")
        return problems


class _Counterexample(Exception):
    def __init__(self, case: Any, finding: Finding):
        super().__init__(case)
        self.case, self.finding = case, finding


def _hypothesis_search(target: _Target[Case], strategy: SearchStrategy[Case], max_examples: int,
                       derandomize: bool) -> tuple[Case, Finding] | None:
    """Let hypothesis look for a failing case and shrink it: (case, Finding) or None."""

    @settings(max_examples=max_examples, deadline=None, database=None, derandomize=derandomize,
              phases=(Phase.generate, Phase.shrink), report_multiple_bugs=False,
              suppress_health_check=_HEALTH, verbosity=Verbosity.quiet, print_blob=False)
    @given(strategy)
    def holds(case: Case) -> None:
        target.stats.hypothesis += 1
        finding = target.check(case)
        if finding is not None:
            raise _Counterexample(case, finding)

    try:
        holds()
    except _Counterexample as found:
        return found.case, found.finding
    except hyp_errors.Flaky as flaky:
        # f failed on an input, then passed on the same input: keep the failure
        # and say so (a wrong answer that comes and goes is still wrong).
        for exc in getattr(flaky, "exceptions", ()):
            if isinstance(exc, _Counterexample):
                note = ("flaky", "f gave a different answer when called again with the same "
                                 "input: it is not deterministic")
                return exc.case, Finding(exc.finding.index, exc.finding.expected,
                                         exc.finding.actual, exc.finding.diagnoses + (note,))
        raise
    return None


def _search(target: _Target[Case], max_examples: int,
            derandomize: bool) -> tuple[Case, Finding, bool] | None:
    """The smallest failing case found, as (case, Finding, complete), or None."""
    stats, found = target.stats, None
    for case in target.boundary_cases():
        stats.boundary.append(case)
        finding = target.check(case)
        if finding is not None:
            found = (case, finding)
            break
        if stats.slow is not None:     # larger cases would be slower still
            break
    below = found[0] if found else (stats.slow[0] if stats.slow else None)
    strategy = target.strategy(below)
    if strategy is not None and max_examples > 0:
        shrunk = _hypothesis_search(target, strategy, max_examples, derandomize)
        stats.hypothesis_found = shrunk is not None
        found = shrunk or found
    if found is None:
        return None
    for case in target.scan(found[0]):     # ascending: the first failure is the smallest
        stats.scanned += 1
        finding = target.check(case)
        if finding is not None:
            return case, finding, True
    return found[0], found[1], target.complete(found[0])


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _tried(target: _Target[Any], shrunk: bool) -> str:
    s = target.stats
    calls = len(s.boundary) + s.hypothesis + s.scanned
    parts = [f"{len(s.boundary)} boundary {target.cases_word(len(s.boundary))} "
             f"({_report.short_list(s.boundary)})"]
    if s.hypothesis:
        parts.append(f"{_count(s.hypothesis, 'hypothesis example')} in {s.hypothesis_range}"
                     + (" (its counterexample shrunk)" if shrunk else ""))
    if s.scanned:
        parts.append(f"{s.scanned} {target.cases_word(s.scanned)} below the counterexample, "
                     f"one by one")
    return f"{_count(calls, 'call')}: " + ", ".join(parts)


def _run(target: _Target[Case], max_examples: int, derandomize: bool,
         contract: Callable[[], list[str]] | None = None) -> str:
    """Search, then raise CheckFailure with the report, or return the report."""
    if max_examples < 0:
        raise ValueError(f"max_examples must be >= 0, got {max_examples}")
    result = _search(target, max_examples, derandomize)
    tried = _tried(target, shrunk=result is not None and target.stats.hypothesis_found)
    problems = contract() if contract is not None else []
    slow = target.stats.slow
    body: list[tuple[str, str]] = []
    if result is not None:
        case, finding, complete = result
        body.append(("smallest", f"failing input: {target.describe(case)}; "
                                 f"{target.smallest_note(case, complete)}"))
        body += _report.value_lines(finding.index, target.expected_label(case, finding),
                                    finding.expected, finding.actual)
        body += _report.diagnosis_lines(finding.diagnoses)
        codes = tuple(code for code, _ in finding.diagnoses)
        fields = target.failure_fields(case, finding)
        fields.update(expected=finding.expected, actual=finding.actual)
    elif problems:
        codes, fields = ("contract",), dict(n=None)
    elif slow is not None:
        codes, fields = ("slow",), dict(n=None, seconds=slow[1])
    else:
        return _report.render(target.label, "OK", target.prop(), tried,
                              [("result", "every property holds")])
    for text in problems:
        body.append(("contract", text))
    if slow is not None:
        body.append(("slow", f"{target.describe(slow[0])} took {slow[1]:.2f} s, over the "
                             f"{target.deadline:g} s deadline; larger inputs were not tried"
                             + ("" if result is None else " (this is not why f is wrong)")))
        if result is None and not problems:
            fields.update(_slow_fields(target, slow[0]))
    verdict = "WRONG" if result is not None or problems else "TOO SLOW (every value it returned is right)"
    report = _report.render(target.label, verdict, target.prop(), tried, body)
    raise CheckFailure(report, diagnoses=codes, **fields)


def _slow_fields(target: _Target[Any], case: Any) -> dict[str, Any]:
    if isinstance(target, _RowTarget):
        return dict(n=case + target.offset, row=case)
    return dict(n=case[0], k=case[1])


def check_row_function(f: Callable[[int], Any], *, convention: Literal["row", "seed"] = "row",
                       max_n: int = DEFAULT_MAX_N, max_examples: int = DEFAULT_MAX_EXAMPLES,
                       deadline: float | datetime.timedelta | None = DEFAULT_DEADLINE,
                       derandomize: bool = True, label: str | None = None) -> str:
    """Property-test f, a function that claims to return a row of Pascal's
    triangle, against pascalrow's exact rows.

    convention="row":  f(n) == [C(n, 0), ..., C(n, n)]    (n + 1 values)
    convention="seed": f(n) == [C(n-1, 0), ..., C(n-1, n-1)]  (n values,
                       row n - 1, for n >= 1)

    Rows 0..max_n are tried: every boundary row (0, 1, 34, 35, 67, 68, powers
    of two and their neighbours, 999, 1000), then max_examples hypothesis
    examples, then, below any counterexample, every row while that is cheap,
    so the smallest failing row is exact (35 for a uint32 row, 68 for uint64).

    Raises CheckFailure (an AssertionError) whose message is the report: the
    smallest failing input, the first wrong index with the expected and actual
    values, and a diagnosis (wrapped modulo 2**32 or 2**64, off by one row,
    floating-point rounding, wrong length, asymmetric, an exception raised by
    f, or no known pattern).  A call slower than deadline seconds (None: no
    limit) is reported as too slow, not wrong, if every value was right.
    Returns the report when every property holds.

    derandomize=True (default) makes every run try the same examples; label
    names f in the report (default module:qualname).
    """
    target = _RowTarget(f, convention, max_n, deadline, label)
    return _run(target, max_examples, derandomize)


def check_comb_function(f: Callable[[int, int], Any], *, max_n: int = DEFAULT_MAX_N,
                        max_examples: int = DEFAULT_MAX_EXAMPLES,
                        deadline: float | datetime.timedelta | None = DEFAULT_DEADLINE,
                        derandomize: bool = True, contract: bool = True,
                        label: str | None = None) -> str:
    """Property-test f(n, k), a function that claims to compute C(n, k), the
    way check_row_function tests rows: every boundary pair, hypothesis
    examples (n up to max_n, k up to n + 2, so k > n is included, where
    C(n, k) = 0), then every smaller pair below a counterexample.

    With contract=True (default), also checks math.comb's contract for edge
    cases and bad input: C(n, k) = 0 for k > n, ValueError for a negative
    argument, TypeError for a float, str or None, and any object with
    __index__ accepted as an integer.

    Raises CheckFailure with the report (diagnoses as for rows, plus
    "k-greater-than-n", "intermediate-overflow", "off-by-one" (n or k) and
    "contract"); returns the report when every property holds.
    """
    target = _CombTarget(f, max_n, deadline, label)
    return _run(target, max_examples, derandomize, target.contract_problems if contract else None)
