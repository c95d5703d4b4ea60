"""The human report of a check: what was tried, the counterexample, the diagnosis."""
import textwrap
from typing import Any

from ._diagnose import MISSING

_WIDTH = 88
_MAX_DIGITS = 60


def show(value: Any) -> str:
    """value for a report line: ints past 60 digits abbreviated (and never
    through str() past CPython's 4300-digit limit), other objects by repr."""
    if isinstance(value, BaseException):
        return f"{type(value).__name__}: {value}"
    if isinstance(value, list):
        return f"[{short_list([show(v) for v in value], 8)}] ({len(value)} values)"
    if value is MISSING or not isinstance(value, int) or isinstance(value, bool):
        return repr(value)
    if value.bit_length() > 14000:            # > 4214 digits: str() might refuse
        return f"<an int of {value.bit_length()} bits>"
    text = str(value)
    if len(text) <= _MAX_DIGITS:
        return text
    return f"{text[:24]}…{text[-24:]} ({len(text)} digits)"


def short_list(items: list[Any], limit: int = 12) -> str:
    if len(items) <= limit:
        return ", ".join(map(str, items))
    head = ", ".join(map(str, items[: limit - 3]))
    return f"{head}, …, {', '.join(map(str, items[-2:]))}"


def _para(label: str, text: str) -> list[str]:
    lead = f"  {label:<11}"
    return textwrap.wrap(text, _WIDTH, initial_indent=lead, subsequent_indent=" " * len(lead),
                         break_on_hyphens=False) or [lead]


def render(label: str, verdict: str, prop: str, tried: str, body: list[tuple[str, str]]) -> str:
    """Lines: '<label>: <VERDICT>', then aligned, wrapped 'key  text' paragraphs."""
    lines = [f"{label}: {verdict}"]
    for key, text in [("property", prop), ("tried", tried)] + body:
        lines.extend(_para(key, text))
    return "\n".join(lines)


def value_lines(index: int | None, expected_label: str, expected: Any, actual: Any) -> list[tuple[str, str]]:
    where = "" if index is None else f" at index {index}"
    return [("expected", f"{expected_label} = {show(expected)}{where}"),
            ("actual", show(actual) if actual is not MISSING else "nothing: the result is too short")]


def diagnosis_lines(diagnoses: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    out = []
    for i, (_, text) in enumerate(diagnoses):
        out.append(("diagnosis" if i == 0 else "also", text))
    return out
