"""The built documentation site as a reader gets it: every page has content,
every internal link (href or src) leads to a file of the site and, with a
#fragment, to an element of that page; and the home page and the API pages,
opened in headless Chromium (Debian's chromium, which make test-docs
installs), render text and a screenshot that is not blank (saved under
docs/_build/screenshots/ to be looked at)."""
import functools
import html.parser
import pathlib
import shutil
import struct
import subprocess
import urllib.parse
import zlib

import pytest

from built_docs import site

pytestmark = pytest.mark.docs
OPENED = ["index.html", "api/python.html", "api/c.html"]


class _Page(html.parser.HTMLParser):
    """A page's ids, its links, and the text of its main article."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.text, self._in_main = set(), [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])
        if tag == "article" and attrs.get("role") == "main":
            self._in_main = 1
        elif self._in_main and tag == "article":
            self._in_main += 1

    def handle_endtag(self, tag):
        if self._in_main and tag == "article":
            self._in_main -= 1

    def handle_data(self, data):
        if self._in_main:
            self.text.append(data)


def _parse(path: pathlib.Path) -> _Page:
    page = _Page()
    page.feed(path.read_text())
    return page


@functools.cache
def _ids(path: pathlib.Path) -> frozenset[str]:
    return frozenset(_parse(path).ids)


def _pages():
    return sorted(p for p in site().glob("**/*.html") if "_static" not in p.parts)


def test_site_built():
    names = {str(p.relative_to(site())) for p in _pages()}
    assert {"index.html", "getting-started.html", "api/python.html", "api/c.html", "guide/rows.html",
            "benchmarks.html", "changelog.html"} <= names


def _problems(path):
    """What is wrong with one built page: no content, links to nowhere."""
    page, name = _parse(path), path.relative_to(site())
    if path.name != "search.html":      # its results come from JavaScript
        if len(" ".join("".join(page.text).split())) <= 40:
            yield f"{name}: no content"
    for link in page.links:
        url = urllib.parse.urlsplit(link)
        if url.scheme or url.netloc or link.startswith("mailto:") or link == "#":
            continue
        target = (path.parent / urllib.parse.unquote(url.path)).resolve() if url.path else path
        if not target.is_file():
            yield f"{name}: {link} leads to no file"
        elif url.fragment and target.suffix == ".html" and url.fragment not in _ids(target):
            yield f"{name}: {link}: no #{url.fragment} in {target.name}"


def test_every_page_has_content_and_every_link_a_target():
    problems = [problem for path in _pages() for problem in _problems(path)]
    assert not problems, "\n".join(problems)


def _png_pixels(path: pathlib.Path) -> bytes:
    """The filtered scanlines of a PNG (enough to tell a blank image)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return zlib.decompress(idat)


@pytest.fixture(scope="module")
def chromium():
    found = shutil.which("chromium")
    if found is None:
        pytest.fail("Debian's chromium is not installed: make test-docs installs it (apt-get install chromium)")
    return found


def _chromium(chromium, *args):
    run = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                          "--window-size=1280,1000", "--virtual-time-budget=3000", *args],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stdout


@pytest.mark.parametrize("name", OPENED)
def test_in_chromium(chromium, name):
    url = (site() / name).as_uri()
    page = _Page()
    page.feed(_chromium(chromium, "--dump-dom", url))
    assert len(" ".join("".join(page.text).split())) > 200, f"{name}: no content in Chromium"
    screenshots = site().parent / "screenshots"
    screenshots.mkdir(exist_ok=True)
    shot = screenshots / (name.replace("/", "-").removesuffix(".html") + ".png")
    shot.unlink(missing_ok=True)
    _chromium(chromium, f"--screenshot={shot}", url)
    assert len(set(_png_pixels(shot))) > 16, f"{shot}: a blank screenshot"
