"""The Markdown pages whose examples run as written: README.md and every
page of the documentation site (docs/**/*.md), and their fenced blocks."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
SITE = sorted(p for p in (ROOT / "docs").glob("**/*.md") if "_build" not in p.parts)
PAGES = [ROOT / "README.md", *SITE]


def name(page: pathlib.Path) -> str:
    return str(page.relative_to(ROOT))


def blocks(page: pathlib.Path, lang: str) -> list[str]:
    """The bodies of the page's ```lang blocks, in order."""
    return re.findall(rf"^```{lang}\n(.*?)^```", page.read_text(), flags=re.S | re.M)


def block(lang: str, needle: str) -> str:
    """The one ```lang block of the site's pages that contains needle."""
    found = [b for page in SITE for b in blocks(page, lang) if needle in b]
    assert len(found) == 1, f"one ```{lang} block with {needle!r} in docs/ (found {len(found)})"
    return found[0]
