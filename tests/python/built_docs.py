"""The built documentation site (docs/_build/html), for the tests that read
it: built by `make docs` when it is missing or older than what it is made
from, one build at a time (pytest-xdist workers wait for each other)."""
import fcntl
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
HTML = ROOT / "docs" / "_build" / "html"
STAMP = HTML / "objects.inv"
SOURCES = [ROOT / "include" / "pascalrow.h", ROOT / "CHANGELOG.md", ROOT / "bench" / "README.md",
           *(ROOT / "docs").glob("**/*.md"), ROOT / "docs" / "conf.py",
           *(ROOT / "python" / "pascalrow").glob("**/*.[cp]y*")]


def site() -> pathlib.Path:
    """The built site's directory, up to date with its sources."""
    (ROOT / "docs" / "_build").mkdir(exist_ok=True)
    with open(ROOT / "docs" / "_build" / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        newest = max(p.stat().st_mtime for p in SOURCES if "_build" not in p.parts)
        if not STAMP.exists() or STAMP.stat().st_mtime < newest:
            run = subprocess.run(["make", "--no-print-directory", "docs"], cwd=ROOT,
                                 capture_output=True, text=True)
            assert run.returncode == 0, f"make docs failed:\n{run.stdout[-5000:]}\n{run.stderr[-5000:]}"
            STAMP.touch()
    return HTML
