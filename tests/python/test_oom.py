"""Out of memory: MemoryError up front, never GMP's abort, and the process
stays healthy.

Each test runs a child Python under a low address-space limit (RLIMIT_AS: the
memory it maps already plus HEADROOM), asks for something that cannot fit,
expects MemoryError at once (within 5 s: the work itself would take hours),
then checks that small requests still give exact answers.  A child killed by GMP's "Cannot allocate memory" abort
shows as a negative return code.
"""
import subprocess
import sys
import textwrap

import pytest

# Times a response or starts processes: run alone (tests/tools/all_pythons.sh).
pytestmark = pytest.mark.serial

HEADROOM_MB = 400

CHILD_PRELUDE = f"""
import math, resource, time
import pascalrow

def mapped_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * resource.getpagesize()

resource.setrlimit(resource.RLIMIT_AS,
                   (mapped_bytes() + {HEADROOM_MB} * 2**20, resource.RLIM_INFINITY))

def refused(call, match=""):
    t = time.monotonic()
    try:
        call()
    except MemoryError as e:
        elapsed = time.monotonic() - t
        assert elapsed < 5.0, f"MemoryError after {{elapsed:.2f}} s"   # at once: the work would take hours
        assert match in str(e), f"message {{str(e)!r}} lacks {{match!r}}"
    else:
        raise AssertionError("no MemoryError")

def resident():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()

# Refused `times` times: no memory kept (a leak of one 32-byte object per
# refusal would be 640 KB).
def flat(call, times=20000):
    refused(call)
    before = resident()
    for _ in range(times):
        try:
            call()
        except MemoryError:
            pass
    grew = resident() - before
    assert grew < 256 * 1024, f"resident memory grew by {{grew}} bytes"

def healthy():
    assert pascalrow.pascal_row(1000) == [math.comb(1000, k) for k in range(1001)]
    assert pascalrow.comb(1000, 500) == math.comb(1000, 500)
    row = pascalrow.pascal_row(20000)
    assert sum(row) == 2**20000 and row[10000] == math.comb(20000, 10000)
    assert pascalrow.comb(2**100, 50) == math.comb(2**100, 50)
"""


def run_child(body):
    code = CHILD_PRELUDE + textwrap.dedent(body) + "\nhealthy()\nprint('child ok')\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "child ok" in proc.stdout, (
        f"child exited with {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}")


def test_huge_row_is_refused_up_front():
    # Row 10**5 holds about 480 MB of ints: more than the headroom.
    run_child("""
        refused(lambda: pascalrow.pascal_row(10**5), "pascal_row(100000) needs about")
        refused(lambda: pascalrow.pascal_row(10**6), "needs about")
    """)


def test_memory_already_in_use_counts():
    # RLIMIT_AS counts the whole process: with 300 MB of the 400 MB headroom
    # taken, row 65000 (about 205 MB) is refused up front (the message names
    # it), not after filling memory; once freed, rows work again.
    run_child("""
        ballast = bytearray(300 * 2**20)
        refused(lambda: pascalrow.pascal_row(65000), "pascal_row(65000) needs about")
        del ballast
    """)


def test_gmp_would_abort_but_library_refuses():
    # C(640000000, 320000000) is 80 MB: the binding's estimate of the output
    # (3 x 85 MB) fits the headroom, but GMP needs about 7 times the result
    # and would abort the process ("GNU MP: Cannot allocate memory") after
    # half a minute; the library's check before mpz_bin_uiui refuses first.
    # The library's ENOMEM is a MemoryError with pascalrow_strerror's message.
    # GMP runs on a thread of its own here, whose stack and malloc arena take
    # some of the headroom's address space: after the first call the binding's
    # estimate may refuse the second one by itself, with its own message.
    run_child("""
        refused(lambda: pascalrow.comb(640_000_000, 320_000_000), "out of memory")
        refused(lambda: pascalrow.comb(10**9, 5 * 10**8))
    """)


def test_library_refuses_multinomial_and_slices():
    # The same refusal inside pascalrow_multinomial_mpz (a factor
    # C(640000000, 320000000)) and inside a slice's walk (its seed).
    run_child("""
        refused(lambda: pascalrow.multinomial(320_000_000, 320_000_000), "out of memory")
        refused(lambda: pascalrow.multinomial(1, 320_000_000, 320_000_000), "out of memory")
        refused(lambda: pascalrow.pascal_row(640_000_000, 320_000_000, 320_000_001), "out of memory")
        flat(lambda: pascalrow.multinomial(320_000_000, 320_000_000))
    """)


def test_huge_n_comb_is_refused():
    # n >= 2**64 goes through GMP's mpz_bin_ui: checked in the binding.
    run_child("""
        refused(lambda: pascalrow.comb(2**100, 10**7), "with a 101-bit n needs about")
        refused(lambda: pascalrow.comb(2**100, 2**100 - 10**7), "needs about")
    """)


def test_without_limit_impossible_requests_fail_at_once():
    # No rlimit: physical memory (or the address space) is the limit, so the
    # requests are beyond any machine: row 10**8 (~450 TB), C(2**46, 2**45)
    # (~8 TB), C(2**62, 2**61), C(2**200, 2**60).
    code = textwrap.dedent("""
        import time, pascalrow
        for call in (lambda: pascalrow.pascal_row(10**8), lambda: pascalrow.comb(2**62, 2**61),
                     lambda: pascalrow.comb(2**46, 2**45), lambda: pascalrow.comb(2**200, 2**60)):
            t = time.monotonic()
            try:
                call()
            except MemoryError as e:
                assert time.monotonic() - t < 5.0 and "needs about" in str(e), str(e)   # at once, not hours
            else:
                raise AssertionError("no MemoryError")
        assert pascalrow.comb(10, 3) == 120
        print("child ok")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "child ok" in proc.stdout, proc.stderr


def test_refusals_keep_no_memory():
    # Each way of refusing, 20000 times under the limit: the library's
    # ENOMEM (comb), the binding's estimate (pascal_row), its GMP probe
    # (huge n).
    run_child("""
        flat(lambda: pascalrow.comb(640_000_000, 320_000_000))
        flat(lambda: pascalrow.pascal_row(10**5))
        flat(lambda: pascalrow.comb(2**100, 10**7))
    """)
