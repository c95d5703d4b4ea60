"""The C reference of the documentation site documents the whole public C
API: every pascalrow_* function and type, every PASCALROW_* macro and status
code that include/pascalrow.h declares has its entry in the built page."""
import re

import pytest

from built_docs import ROOT, site

pytestmark = pytest.mark.docs
HEADER = (ROOT / "include" / "pascalrow.h").read_text()
CODE = re.sub(r"/\*.*?\*/", " ", HEADER, flags=re.S)       # the declarations, without comments
# the include guard is not API
NOT_API = {"PASCALROW_H"}


def public_names():
    names = set(re.findall(r"\b(pascalrow_\w+)\b", CODE))                 # functions and types
    names |= set(re.findall(r"^\s*#\s*define\s+(PASCALROW_\w+)", CODE, flags=re.M))
    names |= set(re.findall(r"\b(PASCALROW_\w+)\s*=", CODE))              # status codes
    return sorted(names - NOT_API)


def test_header_parsed():
    names = public_names()
    assert len([n for n in names if n.startswith("pascalrow_")]) >= 60
    assert {"pascalrow_row_mpz", "pascalrow_status", "PASCALROW_OK", "PASCALROW_U64_MAX_N",
            "PASCALROW_VERSION_NUMBER"} <= set(names)


@pytest.fixture(scope="module")
def c_reference():
    page = (site() / "api" / "c.html").read_text()
    # each entry's anchor: c.NAME, or c.ENUM.NAME for an enumerator
    return {i.rsplit(".", 1)[-1] for i in re.findall(r'<dt class="sig sig-object c" id="c\.([\w.]+)"', page)}


@pytest.mark.parametrize("name", public_names())
def test_in_c_reference(c_reference, name):
    assert name in c_reference, f"{name} (include/pascalrow.h) has no entry in docs/_build/html/api/c.html"


def test_python_reference_is_the_docstrings():
    import pascalrow
    page = (site() / "api" / "python.html").read_text()
    for name in pascalrow.__all__:
        assert f'id="pascalrow.{name}"' in page
    first_line = pascalrow.comb.__doc__.splitlines()[0]
    assert first_line in page
